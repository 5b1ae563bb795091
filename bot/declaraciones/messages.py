"""What people read about declarations in the chat and in the PDF (Colombian Spanish, «usted»).

Console texts are in ``bot/declaraciones/web/messages.py``.
"""

from __future__ import annotations

import html
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nucleo.business_days import BusinessCalendar

KINDS = {"impedimento": "Impedimento", "conflicto": "Conflicto de intereses",
         "recusacion": "Recusación", "preventiva": "Declaración preventiva"}
STATE_NAMES = {"por_responder": "en espera de la respuesta del recusado",
               "radicada": "radicada", "en_estudio": "en estudio", "decidida": "decidida",
               "desistida": "desistida", "registrada": "registrada"}
OUTCOME_NAMES = {"aceptada": "aceptada", "rechazada": "rechazada"}
ACTION_NAMES = {"estudiar": "pasar a estudio", "decidir": "decidir", "desistir": "desistir",
                "responder": "registrar la respuesta del recusado"}

BAD_TRANSITION = "La declaración está {state}: no se puede {action}."
WAITING_FOR_ANSWER = ("La persona recusada tiene hasta el {day} para responder (5 días hábiles); "
                      "la recusación se puede decidir cuando responda o cuando pase ese plazo.")
ANSWER_LENGTH = "Escriba la respuesta y sus razones en {min} a {max} caracteres."
NAME_LENGTH = "Escriba el nombre en {min} a {max} caracteres."
BAD_HOLDER = "Diga quién tiene el interés con los botones."
RECUSED_NOT_FOUND = "No encontramos a esa persona en el directorio."
RECUSE_YOURSELF = ("No puede recusarse a sí mismo/a: si usted tiene el impedimento, declárelo "
                   "con /declarar.")
NOT_FOUND = "No encontramos esa declaración."
MATTER_LENGTH = "Describa el asunto en {min} a {max} caracteres."
DESCRIPTION_LENGTH = "Explique los hechos en {min} a {max} caracteres."
OFFICE_LENGTH = "Escriba el cargo o la dependencia que decide en {min} a {max} caracteres."
DECISION_LENGTH = "Escriba la decisión y sus razones en {min} a {max} caracteres."
BAD_KIND = "El tipo de declaración debe ser impedimento o conflicto de intereses."
BAD_OUTCOME = "La decisión debe ser «aceptada» o «rechazada»."
BAD_DATE_RANGE = "La fecha inicial es posterior a la final."
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
ASK_DESCRIPTION = ("Cuénteme los hechos: qué interés hay en el asunto (por ejemplo, «mi hermano "
                   "es el representante legal del proponente») y desde cuándo lo sabe.")
ASK_OFFICE = ("¿Quién debe decidir? Escriba el cargo o la dependencia de su superior "
              "(por ejemplo: «Secretaría de Hacienda — Secretario de despacho»). Si no tiene "
              "superior, decide la cabeza del sector administrativo y, a falta de ella, la "
              "Procuraduría Regional; si no sabe quién, escriba «Talento Humano»: quienes "
              "llevan el registro lo enviarán a quien corresponda.")
USE_DEPARTMENT = "Jefe de {name}"
# the jefe inmediato from the directory (#18)
SUPERIOR_OFFICE = "{name}, jefe inmediato"
SUPERIOR_OFFICE_IN = "{name}, jefe inmediato ({department})"
SUPERIOR_FROM_DIRECTORY = ("\n\nQuien decide es su jefe inmediato según el directorio de "
                           "Talento Humano. Si no es la persona que debe decidir, toque "
                           "«Cambiar quién decide».")
OTHER_OFFICE = "Cambiar quién decide"
RECUSED_SUPERIOR_BUTTON = "Su jefe inmediato: {name}"
SUPERIOR_NOTICE_QUEUED = ("\n\nEl aviso para su jefe inmediato, {name}, con el enlace para "
                          "decidir quedó en cola para enviarse por el chat.")
SUPERIOR_NOTICE_EMAIL = ("\n\nEl servicio intentará enviarle por correo a su jefe inmediato, "
                         "{name}, el enlace para decidir; si no le llega, quienes llevan el "
                         "registro pueden reenviárselo desde la consola.")
SUPERIOR_NOTICE_BY_STAFF = ("\n\nEl servicio no pudo hacerle llegar el enlace para decidir a "
                            "su jefe inmediato, {name}: no usa el chat del servicio y no hay "
                            "cómo enviárselo por correo. Quienes llevan el registro ven su "
                            "declaración en la consola y pueden enviárselo.")
SUPERIOR_NOTICE_NO_PUBLIC_URL = (
    "\n\nEl servicio no pudo hacerle llegar el enlace para decidir a su jefe inmediato, "
    "{name}: la dirección pública del servicio no está configurada, así que no se pudo crear "
    "el enlace. Quienes administran el servicio deben configurarla; mientras tanto, quienes "
    "llevan el registro ven su declaración en la consola.")
HEAD_OF = "Jefe de {name}"
OFFICE_IS_YOU = (
    "Usted no puede decidir su propio impedimento. Escriba quién es su superior. Si no tiene "
    "superior, la decide la cabeza del sector administrativo; si tampoco la hay (por ejemplo, "
    "para el alcalde), la Procuraduría Regional (Ley 1437 de 2011, art. 12). Si no sabe a quién, "
    "escriba «Talento Humano»: quienes llevan el registro lo enviarán a quien corresponde.")
OWN_DECLARATION = ("Usted no puede decidir esta {kind}: le concierne a usted. Debe decidirla su "
                   "superior o quien corresponda según el artículo 12 de la Ley 1437 de 2011.")
CONFIRM = ("<b>Revise su declaración antes de radicarla</b>\n\n"
           "<b>Tipo:</b> {kind}\n<b>Asunto:</b> {matter}\n{guided}<b>Hechos:</b> {description}\n"
           "<b>Causal (art. 11):</b> {ground}\n<b>Decide:</b> {office}\n\n¿La radicamos?")
# -- the ground of CPACA art. 11 (bot/declaraciones/grounds.py) ------------------------------
# The short names follow DOMAIN.md §2.3 (checked 2026-12-07). DOMAIN.md gives numerals 1–6 as
# verified and 7–16 as a paraphrase from memory ([R]; 14 [V2]) that it asks to check against the
# official text: Jurídica should still do so (docs/declaraciones.md).
GROUND_NAMES = {
    1: "Interés particular y directo en el asunto",
    2: "Haber conocido antes del asunto",
    3: "Curador o tutor de un interesado",
    4: "Un interesado es su apoderado, empleado o mandatario",
    5: "Pleito pendiente con un interesado",
    6: "Un interesado lo/la denunció penalmente",
    7: "Usted o un pariente denunció penalmente a un interesado",
    8: "Enemistad grave o amistad entrañable",
    9: "Acreedor o deudor de un interesado",
    10: "Socio o socia de un interesado (sociedad de personas)",
    11: "Haber dado concepto o sido apoderado, perito o testigo",
    12: "Heredero o legatario de un interesado",
    13: "Decisión administrativa pendiente sobre la misma cuestión",
    14: "Misma lista de candidatos que un interesado",
    15: "Un interesado lo/la recomendó para el cargo",
    16: "Gremio, sindicato o sociedad interesados (último año)",
}
GROUND_LABEL = "Num. {n} — {name}"
GROUND_NONE = "Sin precisar"
BAD_GROUND = "La causal debe ser un numeral del 1 al 16 del artículo 11 de la Ley 1437 de 2011."
ASK_GROUND = ("Por lo que me cuenta, la causal del artículo 11 de la Ley 1437 de 2011 parece "
              "ser:\n\n<b>{ground}</b>{notes}\n\n¿Es esa? Si no, elija otra o diga que no está "
              "seguro/a: quien decide la revisará de todos modos.")
ASK_GROUND_NONE = ("Por lo que me cuenta, ningún numeral del artículo 11 de la Ley 1437 de 2011 "
                   "encaja claramente.{notes}\n\nPuede radicarla sin precisar la causal (el "
                   "deber general de declarar un interés particular y directo: art. 11 de la Ley "
                   "1437 de 2011 y art. 44 de la Ley 1952 de 2019) o elegir una: quien decide la "
                   "revisará de todos modos.")
GROUND_KEEP_NONE = "✅ Radicarla sin precisar la causal"
GROUND_YES = "✅ Sí, esa es"
GROUND_OTHER = "Elegir otra causal"
GROUND_UNSURE = "No estoy seguro/a"
ASK_GROUND_LIST = "Elija la causal del artículo 11 que mejor describe su situación:"
GROUND_BUTTON = "{n}. {name}"
# -- the guided questions of /declarar (#18; bot/declaraciones/interest.py, kinship.py) -------
ASK_MATTER_TYPE = "¿Qué clase de asunto es?"
MATTER_TYPE_NAMES = {"contrato": "Un contrato", "permiso": "Un permiso, licencia o trámite",
                     "vinculacion": "Una vinculación o nombramiento",
                     "proceso": "Un proceso disciplinario, sancionatorio o judicial",
                     "otro": "Otro asunto"}
ASK_ROLE = "¿Cuál es su papel en ese asunto?"
ROLE_NAMES = {"supervisa": "Lo supervisa o interviene en él",
              "evalua": "Lo evalúa o está en el comité",
              "decide": "Lo decide, lo firma u ordena el gasto",
              "tramita": "Lo tramita o lo proyecta", "otro": "Otro papel"}
ASK_INTEREST = "¿Quién tiene el interés en el asunto?"
INTEREST_BUTTONS = {"yo": "Yo", "conyuge": "Mi cónyuge o compañero/a permanente",
                    "pariente": "Un pariente", "socio": "Un socio o socia",
                    "otra": "Otra persona"}
# the same, as the register, the summary and the PDF say it
INTEREST_HOLDER_NAMES = {"yo": "Quien declara", "conyuge": "Cónyuge o compañero/a permanente",
                         "pariente": "Un pariente", "socio": "Un socio o socia",
                         "otra": "Otra persona"}
ASK_RELATIVE = ("¿Qué pariente? Si es un pariente de su cónyuge o compañero/a que no aparece, "
                "toque «Otro pariente».")
RELATIVE_NAMES = {"padres": "Padre o madre", "hijos": "Hijo/a", "hermanos": "Hermano/a",
                  "abuelos": "Abuelo/a", "nietos": "Nieto/a", "tios": "Tío/a",
                  "sobrinos": "Sobrino/a", "primos": "Primo/a hermano/a",
                  "suegros": "Suegro/a", "yernos": "Yerno o nuera",
                  "cunados": "Hermano/a de su pareja (cuñado/a)",
                  "abuelos_pareja": "Abuelo/a de su pareja",
                  "nietos_pareja": "Nieto/a de su pareja",
                  "pareja_hermano": "Pareja de su hermano/a (cuñado/a)",
                  "adopcion": "Hijo/a adoptivo/a o adoptante",
                  "hijos_primo": "Hijo/a de un primo/a", "sobrinos_pareja": "Sobrino/a de su pareja",
                  "otro": "Otro pariente"}
KIN_DEGREE = "{degree}.º grado {line}"
KIN_LINES = {"consanguinidad": "de consanguinidad", "afinidad": "de afinidad", "civil": "civil"}
KIN_NO_KINSHIP = "sin parentesco"
KIN_UNKNOWN_DEGREE = "grado por precisar"
HOLDER_WITH_RELATIVE = "{holder}: {relative} ({degree})"
KIN_WITHIN = ("<b>{relative}</b>: pariente en {degree}, dentro de los grados que alcanza la ley "
              "(Ley 1437 de 2011, art. 11, num. 1: hasta el 4.º grado de consanguinidad, el 2.º "
              "de afinidad y el 1.º civil).")
KIN_BEYOND = ("<b>{relative}</b>: pariente en {degree}, <b>fuera</b> de los grados que alcanza "
              "la ley (hasta el 4.º grado de consanguinidad, el 2.º de afinidad y el 1.º civil). "
              "Aun así, si la relación le resta imparcialidad, puede declararlo como posible "
              "conflicto de intereses: sigamos.")
KIN_NO_KIN = ("<b>{relative}</b>: no es su pariente, porque la afinidad es solo con los "
              "parientes de su propio cónyuge o compañero/a (Función Pública, Concepto 34941 de "
              "2020), así que queda fuera de los grados de la ley. Aun así, si la relación le resta "
              "imparcialidad, puede declararlo como posible conflicto de intereses: sigamos.")
KIN_UNKNOWN = ("Diga en los hechos qué pariente es (por ejemplo, «el sobrino de mi esposa»): "
               "quien decide revisará el grado. La ley alcanza hasta el 4.º grado de "
               "consanguinidad, el 2.º de afinidad y el 1.º civil; fuera de esos grados puede "
               "declararlo igual si la relación le resta imparcialidad.")
NOTE_PROCESS = ("\n\nSi el asunto es un proceso disciplinario o judicial, tiene reglas propias de "
                "impedimento (Ley 1952 de 2019; para jueces, Ley 1437 de 2011, arts. 130 a 134, "
                "y Código General del Proceso, art. 141): el registro recibe su declaración y "
                "quien decide le indicará el trámite.")
NOTE_ART_126 = ("\n\nAdemás, la Constitución (art. 126) prohíbe nombrar, postular o contratar "
                "al cónyuge o compañero/a permanente y a los parientes hasta el 4.º grado de "
                "consanguinidad, el 2.º de afinidad o el 1.º civil.")
NOTE_NUMERAL_REACH = ("\n\nLos hechos apuntan al numeral {n}, pero ese numeral no alcanza a su "
                      "pariente por el grado.")
GUIDED_LINE = "<b>{label}:</b> {value}\n"
GUIDED_LABELS = {"matter_type": "Clase de asunto", "role": "Su papel",
                 "holder": "Quién tiene el interés"}
BAD_MATTER_TYPE = "La clase de asunto no es una de las de la lista."
SEND = "✅ Radicar"
CANCEL = "Cancelar"
CANCELLED = "Listo, no radiqué nada. Puede empezar de nuevo con /declarar cuando quiera."
USE_THE_BUTTONS = "Use los botones de arriba, por favor (o /cancelar para salir)."
FILED = ("✅ Su declaración quedó radicada con el número <b>{radicado}</b> el {day}.\n\n"
         "Mientras se decide, <b>no actúe en el asunto</b>: la actuación queda suspendida. "
         "Quien decide tiene hasta el <b>{due}</b> (10 días hábiles). Le avisaré por aquí la "
         "decisión. Puede consultar el estado con /misdeclaraciones.")
FILED_WINDOW = ("\n\nRecuerde: cada impedimento se declara dentro de los 3 días siguientes a "
                "conocer la situación (Ley 1437 de 2011, art. 12).")
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

# -- the constancia (art. 12 written declaration) for the declarant, from the chat (#18) ----
CONSTANCIA_BUTTON = "📄 PDF {radicado}"  # WhatsApp: 20 characters a button
CONSTANCIA_HEADS = {"impedimento": "Su declaración escrita (art. 12)",
                    "conflicto": "Su declaración escrita (art. 12)",
                    "recusacion": "La constancia de su recusación",
                    "preventiva": "La constancia de su declaración preventiva"}
CONSTANCIA_LINK = ("\n\n📄 <b>{head}</b>: "
                   "<a href=\"{url}\">descargue la constancia {radicado} en PDF</a>. El enlace "
                   "es personal, sirve para una descarga y vence en {days} días; pida otro con "
                   "/misdeclaraciones cuando lo necesite.")
CONSTANCIA_NO_LINK = ("\n\n📄 <b>{head}</b>: por este chat no "
                      "puedo entregarle el PDF porque el servicio no tiene configurada su "
                      "dirección pública. Pida la constancia {radicado} a Talento Humano o a "
                      "quienes llevan el registro de declaraciones: ellos la descargan de la "
                      "consola.")
CONSTANCIA_FOR = "Constancia de su declaración <b>{radicado}</b>."
CONSTANCIA_IN_LIST = "\n\nPara descargar la constancia (PDF) de una, toque su botón «📄»."
CONSTANCIA_AFTER_DECISION = ("\n\nLa constancia en PDF, ya con la decisión, se la doy con el "
                             "botón de abajo o con /misdeclaraciones.")
CONSTANCIA_PAGE_TITLE = "Constancia de la declaración {radicado}"
CONSTANCIA_PAGE_LEAD = ("Este enlace es personal: descarga, una sola vez, la constancia de "
                        "radicación (su declaración escrita, Ley 1437 de 2011, art. 12) en PDF.")
CONSTANCIA_PAGE_BUTTON = "Descargar la constancia (PDF)"
CONSTANCIA_BAD_TITLE = "Enlace no válido"
CONSTANCIA_INVALID = ("Este enlace de la constancia no es válido: puede estar incompleto o no "
                      "venir del bot. Pida uno nuevo en el chat con /misdeclaraciones.")
CONSTANCIA_EXPIRED = ("Este enlace de la constancia ya venció. Pida uno nuevo en el chat con "
                      "/misdeclaraciones.")
CONSTANCIA_USED = ("Este enlace de la constancia ya se usó (cada enlace sirve para una "
                   "descarga). Pida uno nuevo en el chat con /misdeclaraciones.")
CONSTANCIA_NOT_BUILT = ("No pudimos generar la constancia en este momento. El enlace no se gastó: "
                       "inténtelo de nuevo en unos minutos.")

# -- preventive declarations in the chat ---------------------------------------------------
KIND_PREVENTIVE = "Un posible conflicto a futuro (preventiva)"
KIND_NO_NEWS = "Sin novedad este año"
CONFIRM_NO_NEWS = (
    "<b>Declaración preventiva {year}: sin novedad</b>\n\n"
    "Usted declara que ni usted, ni su cónyuge o compañero/a permanente, ni sus parientes, ni "
    "sus socios tienen o trabajan en empresas, ni tienen parientes que trabajen o contraten con "
    "la entidad, que puedan cruzarse con su trabajo. Si algo cambia durante el año, regístrelo "
    "con /declarar como «Un posible conflicto a futuro (preventiva)».")
NO_NEWS_RECORDED = ("✅ Quedó registrada su declaración preventiva de {year}: sin novedad "
                    "({day}). Gracias; no le volveremos a recordar este año.")
NO_NEWS_ALREADY = ("Su declaración preventiva de {year} ya estaba registrada (el {day}); no "
                   "cambié nada.")
PREVENTIVE_MATTER = "Posible conflicto con {counterparty}"
PREVENTIVE_OFFICE = "Registro de la entidad (no requiere decisión)"
HOLDER_NAMES = {"yo": "Yo", "conyuge": "Mi cónyuge o compañero/a permanente",
                "pariente": "Un pariente", "socio": "Un socio o socia"}
ASK_HOLDER = ("<b>Declaración preventiva</b>\n\nSirve para dejar constancia, antes de que exista "
              "un asunto concreto, de un interés que podría chocar algún día con sus funciones "
              "(por ejemplo, un pariente que trabaja en una empresa contratista de la entidad). "
              "No suspende nada ni requiere decisión.\n\n¿Quién tiene el interés?")
ASK_COUNTERPARTY = ("¿Con quién? Escriba el nombre de la empresa, contratista o persona "
                    "(por ejemplo: «Constructora Andina S.A.S.»).")
ASK_PREVENTIVE_FACTS = ("Cuénteme la situación: qué relación hay (por ejemplo, «mi hermano es "
                        "ingeniero de la empresa desde 2024») y con qué funciones suyas podría "
                        "cruzarse.")
CONFIRM_PREVENTIVE = ("<b>Revise su declaración preventiva</b>\n\n<b>Quién tiene el interés:</b> "
                      "{holder}\n<b>Con:</b> {counterparty}\n<b>Situación:</b> {description}\n\n"
                      "¿La registramos?")
PREVENTIVE_FILED = ("✅ Su declaración preventiva quedó registrada con el número "
                    "<b>{radicado}</b> el {day}.\n\nNo suspende nada. Si un día le toca tramitar "
                    "o decidir un asunto en que intervenga {counterparty}, declare el impedimento "
                    "con /declarar dentro de los 3 días siguientes.")
MY_LINE_PREVENTIVE = "• <b>{radicado}</b> — {matter}: {state}"

# -- recusals in the chat ------------------------------------------------------------------
COMMAND_RECUSE = "Recusar a un servidor por un posible impedimento"
RECUSE_NEEDS_REGISTRATION = ("Para radicar una recusación necesito saber quién es usted. "
                             "Use /start para registrarse y vuelva con /recusar.")
ASK_RECUSED = ("<b>Recusación</b>\n\nSi un servidor o servidora que tramita o decide un asunto "
               "tiene un impedimento y no lo ha declarado, usted puede recusarlo por escrito "
               "(Ley 1437 de 2011, art. 11). La persona recusada tendrá 5 días hábiles para "
               "responder y luego su superior decide dentro de los 10 días hábiles siguientes.\n\n"
               "¿A quién recusa? Escriba su nombre completo.")
RECUSED_MATCHES = "Encontré estas personas en el directorio. ¿Cuál es?"
RECUSED_ONE_MATCH = "¿Se refiere a <b>{name}</b>?"
RECUSED_MATCH_LABEL = "{name} — {department}"
RECUSED_NO_DEPARTMENT = "sin dependencia"
RECUSED_NONE_OF_THEM = "Ninguna: dejar el nombre como lo escribí"
RECUSED_TOO_MANY = ("Hay muchas personas con ese nombre. Escríbalo más completo (nombres y "
                    "apellidos), o use el botón para dejarlo como lo escribió.")
RECUSED_NOT_IN_DIRECTORY = ("No encontré a <b>{name}</b> en el directorio: la recusación quedará "
                            "con el nombre como lo escribió y el registro de la entidad se "
                            "encargará de avisarle.")
ASK_RECUSAL_MATTER = ("¿En qué asunto? Escriba el asunto en una línea (por ejemplo: «Contrato "
                      "de obra 012 de 2026» o «Licencia de construcción radicado 456»).")
ASK_RECUSAL_FACTS = ("Cuénteme los hechos: qué interés tiene la persona recusada en el asunto "
                     "(ella, su cónyuge o compañero/a, un pariente y en qué grado, un socio…) y "
                     "cómo lo sabe usted.")
ASK_RECUSAL_OFFICE = ("¿Quién es el superior de la persona recusada, que debe decidir? Escriba "
                      "el cargo o la dependencia (si no lo sabe, escriba «No sé»).")
CONFIRM_RECUSAL = ("<b>Revise su recusación antes de radicarla</b>\n\n"
                   "<b>Recusado/a:</b> {recused}\n{matter_type}<b>Asunto:</b> {matter}\n"
                   "<b>Hechos:</b> {description}\n<b>Causal (art. 11):</b> {ground}\n"
                   "<b>Decide:</b> {office}\n\n¿La radicamos?")
RECUSAL_CANCELLED = "Listo, no radiqué nada. Puede empezar de nuevo con /recusar cuando quiera."
RECUSAL_FILED = ("✅ Su recusación quedó radicada con el número <b>{radicado}</b> el {day}.\n\n"
                 "La persona recusada tiene hasta el <b>{answer_due}</b> para responder y el "
                 "superior debe decidir a más tardar el <b>{due}</b>. Le avisaré por aquí la "
                 "decisión. Puede consultar el estado con /misdeclaraciones.")
RECUSED_NOTICE = ("⚖️ Se radicó la recusación <b>{radicado}</b> en su contra sobre el asunto "
                  "<b>{matter}</b>.\n\n<b>Hechos que se alegan:</b> {description}\n\n"
                  "Tiene hasta el <b>{due}</b> (5 días hábiles) para responder si acepta o no "
                  "la causal. Mientras se decide, <b>no actúe en el asunto</b>: la actuación "
                  "queda suspendida.")
ANSWER_ACCEPT = "Acepto la causal"
ANSWER_REJECT = "No acepto la causal"
ASK_ANSWER = ("Escriba sus razones (por ejemplo, por qué acepta o no la causal). Su superior "
              "las leerá para decidir.")
ANSWER_SAVED = ("Listo: su respuesta a la recusación <b>{radicado}</b> quedó registrada. "
                "Su superior debe decidir a más tardar el <b>{due}</b>; le avisaré la decisión.")
ANSWER_CANCELLED = ("No registré ninguna respuesta. Puede responder con los botones del aviso "
                    "mientras la recusación esté en espera de su respuesta.")
RECUSAL_DECIDED = ("⚖️ Su recusación <b>{radicado}</b> ({matter}) fue <b>{outcome}</b>.\n\n"
                   "<b>Decisión:</b> {decision}")
RECUSAL_DECIDED_TO_RECUSED = ("⚖️ La recusación <b>{radicado}</b> en su contra ({matter}) fue "
                              "<b>{outcome}</b>.\n\n<b>Decisión:</b> {decision}")
RECUSAL_ACCEPTED_TAIL = "\n\nOtra persona asume el asunto, según la decisión."
RECUSAL_REJECTED_TAIL = "\n\nLa persona recusada continúa con el asunto, conforme a la decisión."
MY_LINE_RECUSAL = "• <b>{radicado}</b> — recusación de {recused} — {matter}: {state} (plazo: {due})"

# -- the PDF «constancia de radicación» ----------------------------------------------------
PDF_TITLE = "Constancia de radicación"
PDF_SUBTITLE = "Declaración de {kind}"
PDF_INTRO = ("Se deja constancia de que la siguiente declaración fue radicada en el registro de "
             "impedimentos y conflictos de intereses de la entidad (Ley 1437 de 2011, "
             "artículos 11 y 12; Ley 1952 de 2019, artículo 44).")
PDF_FIELDS = {"radicado": "Radicado", "filed": "Fecha de radicación", "declarant": "Declarante",
              "recusant": "Recusante", "recused": "Recusado/a",
              "answer_due": "Plazo para responder",
              "kind": "Tipo", "matter": "Asunto", "office": "Decide", "due": "Plazo para decidir",
              "state": "Estado", "ground": "Causal (art. 11)",
              "matter_type": "Clase de asunto", "role": "Papel de quien declara",
              "holder": "Quién tiene el interés"}
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


NO_DUE = "no aplica"


def long_day(day: date | None) -> str:
    """A date in Colombian Spanish, e.g. «martes 18 de agosto de 2026» (none: «no aplica»)."""
    if day is None:
        return NO_DUE
    return f"{WEEKDAYS[day.weekday()]} {day.day} de {MONTHS[day.month - 1]} de {day.year}"


def time_left(calendar: BusinessCalendar, today: date, due: date) -> str:
    """What is left until ``due`` in business days: «faltan 3 días hábiles», «vence hoy»,
    «vencida» (the reminders' lines)."""
    if due < today:
        return REMINDER_OVERDUE
    left = calendar.between(today, due)
    if left == 0:
        return REMINDER_TODAY
    return REMINDER_ONE_DAY if left == 1 else REMINDER_DAYS.format(n=left)


def escape(text: str) -> str:
    """Text a person typed, safe inside the bot's HTML."""
    return html.escape(text, quote=False)

# -- the integrity report (nucleo.report) --------------------------------------------------
MEASURE_REGISTER = "Registro de impedimentos, recusaciones y declaraciones preventivas"
MEASURE_REGISTER_SOURCE = ("Registro de declaraciones del servicio (Ley 1437 de 2011, arts. 11 y "
                           "12; guía de conflicto de intereses de Función Pública)")
MEASURE_REGISTER_UNIT = "declaraciones radicadas"
MEASURE_IMPEDIMENTS = "Impedimentos y conflictos declarados"
MEASURE_ASSETS = "Declaraciones de bienes y rentas presentadas"
MEASURE_ASSETS_SOURCE = ("Seguimiento de bienes y rentas del servicio (Talento Humano, lista del "
                         "SIGEP o del aplicativo, y lo que cada persona confirmó en el chat)")
MEASURE_ASSETS_UNIT = "personas obligadas que presentaron"
MEASURE_ASSETS_YEAR = "Año de la declaración"
MEASURE_ASSETS_OBLIGED = "Obligados"
MEASURE_ASSETS_PENDING = "Pendientes"
MEASURE_ASSETS_SELF_REPORTED = "Autodeclaradas en el chat"
MEASURE_ASSETS_NO_DEPARTMENT = "Sin dependencia"
MEASURE_RECUSALS = "Recusaciones"
MEASURE_PREVENTIVE = "Declaraciones preventivas"
MEASURE_ON_TIME = "Decididas dentro del plazo"
MEASURE_LATE = "Decididas después del plazo"

# -- reminders (the daily job) -------------------------------------------------------------
REMINDER_TITLE = "<b>Declaraciones y recusaciones por vencer</b>"
REMINDER_DECIDE = "• <b>{radicado}</b> ({kind}): decidir a más tardar el {due} — {left}"
REMINDER_ANSWER = ("• <b>{radicado}</b> (recusación): la persona recusada responde a más tardar "
                   "el {due} — {left}")
REMINDER_KEEPERS = ("• <b>{radicado}</b> (recusación): ningún jefe inmediato del directorio pudo "
                    "recibir el enlace para decidir; le corresponde al registro designar quién "
                    "decide. Decidir a más tardar el {due} — {left}")
SUPERIOR_REMINDER_TITLE = "<b>Declaraciones que le corresponde decidir</b>"
SUPERIOR_REMINDER_LINE = "• <b>{radicado}</b> ({kind}): decidir a más tardar el {due} — {left}"
SUPERIOR_REMINDER_FOOTER = ("Decida cada una con el enlace personal que le llegó. Si ya no lo "
                            "tiene, o si no le corresponde decidirla, dígaselo a quienes llevan "
                            "el registro en Talento Humano.")
SUPERIOR_REMINDER_SUBJECT = "Declaraciones que le corresponde decidir"
SUPERIOR_REMINDER_EMAIL = (
    "{name}:\n\n"
    "En el registro de impedimentos y conflictos de intereses de {entity} le corresponde "
    "decidir (Ley 1437 de 2011, art. 12):\n\n{lines}\n\n"
    "Decida cada una con el enlace personal que le llegó. Si ya no lo tiene, o si "
    "no le corresponde decidirla, responda a este correo a Talento Humano.")
REMINDER_OVERDUE = "vencida"
REMINDER_TODAY = "vence hoy"
REMINDER_ONE_DAY = "falta 1 día hábil"
REMINDER_DAYS = "faltan {n} días hábiles"
REMINDER_LINK_UNSENT = ("• <b>{radicado}</b>: el correo con el enlace para que decida el "
                        "superior no se pudo entregar ({attempts} intentos). Genere un enlace "
                        "nuevo en la consola y hágaselo llegar por otro medio.")
REMINDER_FOOTER = "Véalas en la consola, en Declaraciones."
DIGEST_EMAIL_SUBJECT = "Declaraciones y recusaciones por vencer ({day})"
DIGEST_EMAIL = (
    "Registro de impedimentos y conflictos de intereses de {entity}.\n\n{digest}\n\n"
    "Le llega este correo porque su cuenta de la consola puede decidir declaraciones.")
OVERDUE_NOTICE = ("⏰ El plazo para decidir su {kind} <b>{radicado}</b> ({matter}) venció el "
                  "{due} y todavía no hay decisión. {told}Mientras no se decida, la actuación "
                  "sigue suspendida; le avisaré por aquí cuando se decida.")
# {told}: said only when this run's digest is addressed to at least one keeper (chat or
# e-mail). The notice is queued before that digest leaves, so it says what is true then (the
# case is in the summary), not that the keepers already read it.
OVERDUE_TOLD = "Su caso quedó en el resumen de plazos de hoy para quienes llevan el registro. "
OVERDUE_NOT_TOLD = ("Si necesita apurar la decisión, comuníquese con su superior o con Talento "
                    "Humano. ")
ANSWER_REMINDER = ("⏰ El {due} vence su plazo para responder a la recusación <b>{radicado}</b> "
                   "({matter}). Use los botones para decir si acepta o no la causal.")
KIND_LOWER = {"impedimento": "declaración de impedimento",
              "conflicto": "declaración de conflicto de intereses",
              "recusacion": "recusación"}

# -- the signed decision link (a public page) ----------------------------------------------
LINK_INVALID = ("Este enlace no es válido: puede estar incompleto, haber vencido o haber sido "
                "reemplazado por uno nuevo. Pida un enlace nuevo a Talento Humano.")
LINK_SUPERIOR = "Superior (por enlace)"
LINK_BAD_EMAIL = "Escriba un correo válido del superior (por ejemplo, nombre@alcaldia.gov.co), o déjelo vacío."
LINK_CHAT_TEXT = (
    "📄 Le corresponde decidir una {kind}, radicada con el número <b>{radicado}</b>, a más "
    "tardar el {due} (Ley 1437 de 2011, art. 12). Mientras tanto, el asunto está suspendido.\n\n"
    "Ábrala y decida en este enlace personal (vale 30 días y una sola decisión; no lo "
    "reenvíe):\n<a href=\"{url}\">Decidir la {radicado}</a>")
LINK_EMAIL_SUBJECT = "Le corresponde decidir la {radicado}"
LINK_EMAIL_TEXT = (
    "{name}:\n\n"
    "En el registro de impedimentos y conflictos de intereses de {entity} hay una {kind}, "
    "radicada con el número {radicado}, que le corresponde decidir a usted a más tardar el "
    "{due} (Ley 1437 de 2011, art. 12). Mientras tanto, el asunto está suspendido.\n\n"
    "Ábrala y decida en este enlace personal; vale 30 días y una sola decisión. No lo "
    "reenvíe: quien lo tenga puede decidir.\n\n{url}\n\n"
    "Si no le corresponde decidirla, responda a este correo a Talento Humano.")
LINK_TITLE = "Decidir la declaración {radicado}"
LINK_LEAD = ("Usted recibió este enlace como superior de quien declara (o de quien fue "
             "recusado) para decidir, «de plano», dentro de los 10 días hábiles que fija la ley "
             "(Ley 1437 de 2011, art. 12). El enlace es personal: no lo reenvíe.")
LINK_FOR = "Enlace para: {name}"
LINK_DONE_TITLE = "Decisión registrada"
LINK_DONE = ("La declaración {radicado} quedó {outcome}. La persona recibirá la decisión por el "
             "chat. Ya puede cerrar esta página.")
LINK_ALREADY = "La declaración {radicado} ya está {state}: no hay nada que decidir."
LINK_CONFIRM = ("Va a decidir esta declaración. La decisión no se puede cambiar después y la "
                "persona la recibirá por el chat.")
LINK_BAD_TITLE = "Enlace no válido"

# -- contracts and the cross-check (HR imports a CSV; shown in the console and the API) -------
CONTRACTS_MISSING_COLUMNS = ("Al archivo le faltan columnas: {missing}. Columnas encontradas: "
                             "{found}.")
CONTRACT_NO_NUMBER = "Falta el número del contrato."
CONTRACT_LONG_NUMBER = "El número del contrato tiene más de 60 caracteres."
CONTRACT_NO_CONTRACTOR = "Falta el nombre del contratista."
CONTRACT_LONG_NAME = "El nombre del contratista tiene más de 200 caracteres."
CONTRACT_BAD_DOCUMENT = "La cédula o NIT «{value}» no es válida: use solo números (y el dígito de verificación después de un guion)."
CONTRACT_NO_OBJECT = "Falta el objeto del contrato."
CONTRACT_BAD_VALUE = "El valor «{value}» no es un número (por ejemplo, 12.500.000 o 12500000,50)."
CONTRACT_ENDS_BEFORE = "La fecha de terminación es anterior a la de firma."
CONTRACT_DUPLICATE = "El contrato {number} ya está en la línea {line} de este archivo."
CONTRACTS_NO_ROWS = "El archivo no tiene contratos debajo del encabezado."
CONTRACTS_IMPORTED = ("Contratos nuevos: {created}; actualizados: {updated}; filas rechazadas: "
                      "{rejected}; supervisores con un nombre que comparten varias personas: "
                      "{ambiguous}; contratistas o representantes legales con un nombre que "
                      "comparten varias personas: {parties}; posibles conflictos nuevos para "
                      "revisar: {flags}.")
FLAG_REASONS = {"nombre": "el supervisor nombró al contratista en una declaración preventiva",
                "documento": "el supervisor dio la cédula o NIT del contratista en una "
                             "declaración preventiva",
                "representante": "el supervisor nombró al representante legal del contratista "
                                 "en una declaración preventiva",
                "representante_doc": "el supervisor dio la cédula del representante legal del "
                                     "contratista en una declaración preventiva",
                "empresa": "el supervisor nombró en una declaración preventiva una empresa que "
                           "el contratista o su representante legal declaró como suya"}
REVIEW_LENGTH = "Escriba la nota de revisión en {min} a {max} caracteres."
FLAG_NOT_FOUND = "No encontramos ese posible conflicto."

# -- asset declarations (bienes y rentas, Ley 2013) ----------------------------------------
ASSET_BAD_KIND = "El tipo debe ser «bienes_rentas», «ley_2013» o «preventiva»."
ASSET_BAD_YEAR = "El año debe estar entre {min} y {max}."
ASSET_NO_PERSON = "No hay nadie en el directorio con la cédula {document}."
ASSET_BAD_DOCUMENT = "Escriba la cédula solo con números."
ASSET_FUTURE = "La fecha de presentación no puede ser posterior a hoy."
ASSET_WINDOW_RANGE = ("Las fechas de la ventana de recordatorios deben estar entre el {first} "
                      "y el {last}.")
ASSET_WINDOW_REVERSED = "La ventana de recordatorios no puede terminar antes de empezar."
ASSET_WINDOW_TOO_LONG = "La ventana de recordatorios puede durar a lo sumo un año."
ASSET_SOURCES = {"consola": "Registrada por Talento Humano", "importado": "Lista importada",
                 "chat": "Dicha por la persona en el chat (autodeclarada)",
                 "declaracion": "Declaración preventiva radicada en el chat",
                 "sin_novedad": "«Sin novedad» dicho por la persona en el chat"}

# -- asset declarations in the chat (/bienes) ------------------------------------------------
COMMAND_ASSETS = "Ver y anotar sus declaraciones de bienes y rentas y de la Ley 2013"
ASSETS_NEEDS_REGISTRATION = ("Para anotar su declaración de bienes y rentas necesito saber quién "
                             "es usted. Escriba /start para registrarse.")
ASSETS_HEADER = "<b>Sus declaraciones de {year}</b>\n\n{lines}"
ASSETS_KIND_NAMES = {"bienes_rentas": "Declaración de bienes y rentas",
                     "ley_2013": "Publicación de la Ley 2013 de 2019 (aplicativo de Función "
                                 "Pública)"}
ASSETS_LINE_PENDING = {
    "bienes_rentas": "• {name}: <b>pendiente</b>. En las entidades territoriales el plazo vence "
                     "el {deadline}.",
    "ley_2013": "• {name}: <b>pendiente</b>. Talento Humano lo tiene entre quienes deben "
                "publicarla.",
}
ASSETS_LINE_LATE = ("• {name}: <b>pendiente</b>. El plazo venció el {deadline}: preséntela "
                    "cuanto antes.")
ASSETS_LINE_WINDOW = " Talento Humano pide hacerla a más tardar el {closes}."
ASSETS_LINE_BY_HR = "• {name}: presentada el {day} (registrada por Talento Humano)."
ASSETS_LINE_IMPORTED = "• {name}: presentada el {day} (según la lista de SIGEP o del aplicativo)."
ASSETS_LINE_SELF = ("• {name}: presentada el {day}, según usted (lo anotó aquí el {said}; "
                    "Talento Humano puede verificarlo).")
ASSETS_TAP = "\n\nSi ya presentó alguna, tóquela y dígame la fecha."
ASSETS_NOTHING = ("Talento Humano no lo tiene entre quienes deben presentar la declaración de "
                  "bienes y rentas ni publicar la de la Ley 2013 en {year}. Si cree que es un "
                  "error, hable con Talento Humano.")
ASSETS_YES = {"bienes_rentas": "✅ Sí, ya la presenté: bienes y rentas",
              "ley_2013": "✅ Ya hice la publicación de la Ley 2013"}
ASSETS_FIX = {"bienes_rentas": "Corregir la fecha: bienes y rentas",
              "ley_2013": "Corregir la fecha: Ley 2013"}
ASSETS_IN_TEXT = {"bienes_rentas": "declaración de bienes y rentas",
                  "ley_2013": "publicación de la Ley 2013"}
ASSETS_ASK_DAY = ("¿En qué fecha hizo su {what} de {year}? Escríbala, por ejemplo "
                  "<b>15/07/{year}</b>, «15 de julio», «hoy» o «ayer».")
ASSETS_DAY_UNKNOWN = ("No entendí «{typed}» como una fecha. Escríbala como 15/07/{year}, «15 de "
                      "julio», «hoy» o «ayer».")
ASSETS_DAY_NOT_REAL = ("La fecha «{typed}» no existe en el calendario. Revísela y escríbala de "
                       "nuevo.")
ASSETS_DAY_FUTURE = ("La fecha de presentación no puede ser posterior a hoy, {today}. Escriba el "
                     "día en que la presentó.")
ASSETS_DAY_TOO_EARLY = ("La declaración de {year} no pudo presentarse antes del {first}. Escriba "
                        "el día en que la presentó.")
ASSETS_NOT_YOURS = ("Talento Humano no lo tiene entre quienes deben presentar esa declaración "
                    "este año. Escriba /bienes para ver las suyas.")
ASSETS_ALREADY_RECORDED = ("Talento Humano ya tiene registrada su {what} de {year}, hecha el "
                           "{day}. No hay nada más que hacer.")
ASSETS_FILED = ("Gracias. Anotamos que hizo su {what} de {year} el {day} (dicho por usted, "
                "autodeclarada; Talento Humano puede verificarlo con SIGEP).")
ASSETS_CANCELLED = "Listo, no anoté nada. Escriba /bienes cuando quiera."
ASSET_IMPORT_COLUMNS = ("Al archivo le falta la columna de la cédula. Columnas encontradas: "
                        "{found}.")
ASSET_IMPORT_NO_ROWS = "El archivo no tiene filas debajo del encabezado."
ASSET_IMPORT_DUPLICATE = "La cédula {document} ya está en la línea {line} de este archivo."
ASSET_IMPORT_SUMMARY = ("Declaraciones marcadas como presentadas: {filed}; filas rechazadas: "
                        "{rejected}.")
