"""What people read about declarations in the chat and in the PDF (Colombian Spanish, «usted»).

Console texts are in ``bot/declaraciones/web/messages.py``.
"""

from __future__ import annotations

import html
from datetime import date

KINDS = {"impedimento": "Impedimento", "conflicto": "Conflicto de intereses"}
STATE_NAMES = {"radicada": "radicada", "en_estudio": "en estudio", "decidida": "decidida",
               "desistida": "desistida"}
OUTCOME_NAMES = {"aceptada": "aceptada", "rechazada": "rechazada"}
ACTION_NAMES = {"estudiar": "pasar a estudio", "decidir": "decidir", "desistir": "desistir"}

BAD_TRANSITION = "La declaración está {state}: no se puede {action}."
NOT_FOUND = "No encontramos esa declaración."
MATTER_LENGTH = "Describa el asunto en {min} a {max} caracteres."
DESCRIPTION_LENGTH = "Explique los hechos en {min} a {max} caracteres."
OFFICE_LENGTH = "Escriba el cargo o la dependencia que decide en {min} a {max} caracteres."
DECISION_LENGTH = "Escriba la decisión y sus razones en {min} a {max} caracteres."
BAD_KIND = "El tipo de declaración debe ser impedimento o conflicto de intereses."
BAD_OUTCOME = "La decisión debe ser «aceptada» o «rechazada»."
CONTROL_CHARACTERS = "El texto tiene caracteres que no se pueden guardar."

# -- the chat -------------------------------------------------------------------------------
COMMAND_DECLARE = "Declarar un impedimento o conflicto de intereses"
COMMAND_MINE = "Ver el estado de sus declaraciones"
NEEDS_REGISTRATION = ("Para radicar una declaración necesito saber quién es usted. "
                      "Use /start para registrarse y vuelva con /declarar.")
ASK_KIND = ("<b>Declaración de impedimento o conflicto de intereses</b>\n\n"
            "Si usted (o su cónyuge o compañero/a permanente, un pariente o un socio) tiene un "
            "interés particular y directo en un asunto que le toca tramitar o decidir, la ley le "
            "pide declararse impedido/a por escrito ante su superior, dentro de los 3 días "
            "siguientes a conocer la situación.\n\n¿Qué desea declarar?")
KIND_IMPEDIMENT = "Un impedimento"
KIND_CONFLICT = "Un posible conflicto de intereses"
ASK_MATTER = ("¿Sobre qué asunto? Escriba el asunto en una línea (por ejemplo: «Contrato de "
              "suministro 045 de 2026» o «Permiso de construcción radicado 123»).")
ASK_DESCRIPTION = ("Cuénteme los hechos: cuál es su papel en el asunto, quién tiene el interés "
                   "(usted, su cónyuge o compañero/a, un pariente y en qué grado, un socio…) y "
                   "desde cuándo lo sabe.")
ASK_OFFICE = ("¿Quién debe decidir? Escriba el cargo o la dependencia de su superior "
              "(por ejemplo: «Secretaría de Hacienda — Secretario de despacho»).")
USE_DEPARTMENT = "Jefe de {name}"
HEAD_OF = "Jefe de {name}"
CONFIRM = ("<b>Revise su declaración antes de radicarla</b>\n\n"
           "<b>Tipo:</b> {kind}\n<b>Asunto:</b> {matter}\n<b>Hechos:</b> {description}\n"
           "<b>Decide:</b> {office}\n\n¿La radicamos?")
SEND = "✅ Radicar"
CANCEL = "Cancelar"
CANCELLED = "Listo, no radiqué nada. Puede empezar de nuevo con /declarar cuando quiera."
USE_THE_BUTTONS = "Use los botones de arriba, por favor (o /cancelar para salir)."
FILED = ("✅ Su declaración quedó radicada con el número <b>{radicado}</b> el {day}.\n\n"
         "Mientras se decide, <b>no actúe en el asunto</b>: la actuación queda suspendida. "
         "Quien decide tiene hasta el <b>{due}</b> (10 días hábiles). Le avisaré por aquí la "
         "decisión. Puede consultar el estado con /misdeclaraciones.")
NO_DECLARATIONS = "Usted no tiene declaraciones radicadas. Para radicar una, use /declarar."
MY_DECLARATIONS = "<b>Sus declaraciones</b>\n\n{lines}"
MY_LINE = "• <b>{radicado}</b> — {matter}: {state} (plazo: {due})"
MY_LINE_DECIDED = "• <b>{radicado}</b> — {matter}: {state}, {outcome} el {day}"
WITHDRAW_BUTTON = "Desistir de {radicado}"
WITHDRAW_CONFIRM = ("¿Desiste de la declaración <b>{radicado}</b> ({matter})? Quedará como "
                    "desistida en el registro y ya no se decidirá.")
WITHDRAW_YES = "Sí, desistir"
WITHDRAWN = "Listo: la declaración <b>{radicado}</b> quedó desistida."
MY_DECLARATIONS_NEED_PERSON = "Para ver sus declaraciones, regístrese primero con /start."

DECIDED_NOTICE = ("⚖️ Su declaración <b>{radicado}</b> ({matter}) fue <b>{outcome}</b>.\n\n"
                  "<b>Decisión:</b> {decision}")
DECIDED_ACCEPTED_TAIL = "\n\nSiga las instrucciones de la decisión sobre quién asume el asunto."
DECIDED_REJECTED_TAIL = "\n\nPuede continuar con el asunto, conforme a la decisión."

# -- the PDF «constancia de radicación» ----------------------------------------------------
PDF_TITLE = "Constancia de radicación"
PDF_SUBTITLE = "Declaración de {kind}"
PDF_INTRO = ("Se deja constancia de que la siguiente declaración fue radicada en el registro de "
             "impedimentos y conflictos de intereses de la entidad (Ley 1437 de 2011, "
             "artículos 11 y 12; Ley 1952 de 2019, artículo 44).")
PDF_FIELDS = {"radicado": "Radicado", "filed": "Fecha de radicación", "declarant": "Declarante",
              "kind": "Tipo", "matter": "Asunto", "office": "Decide", "due": "Plazo para decidir",
              "state": "Estado"}
PDF_FACTS = "Hechos declarados"
PDF_DECISION = "Decisión"
PDF_DECIDED = "{outcome} el {day}"
PDF_NO_NAME = "(persona sin nombre en el directorio)"
PDF_FOOTER = ("La actuación queda suspendida desde la declaración hasta que se decida. "
              "Documento generado por el servicio «El Valor Soy Yo».")

# Dates as people read them ("lunes 17 de agosto de 2026").
WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "septiembre", "octubre", "noviembre", "diciembre")


def long_day(day: date) -> str:
    """A date in Colombian Spanish, e.g. «martes 18 de agosto de 2026»."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} de {MONTHS[day.month - 1]} de {day.year}"


def escape(text: str) -> str:
    """Text a person typed, safe inside the bot's HTML."""
    return html.escape(text, quote=False)
