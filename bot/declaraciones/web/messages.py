"""Console texts of the declarations register (Colombian Spanish, «usted»). Names start with
``DECL_`` so they never clash with another catalogue (templates read them all as ``m``)."""

from __future__ import annotations

DECL_TITLE = "Declaraciones de impedimento y conflicto de intereses"
DECL_INTRO = ("Registro de las declaraciones radicadas por el chat, por fecha límite para decidir "
              "(10 días hábiles, CPACA art. 12). Cada lectura de una declaración queda en la "
              "auditoría.")
DECL_STATE = "Estado"
DECL_STATES = {"": "Todos los estados", "radicada": "Radicadas", "en_estudio": "En estudio",
               "decidida": "Decididas", "desistida": "Desistidas"}
DECL_STATE_ONE = {"radicada": "Radicada", "en_estudio": "En estudio", "decidida": "Decidida",
                  "desistida": "Desistida"}
DECL_KIND = "Tipo"
DECL_KINDS = {"": "Todos los tipos", "impedimento": "Impedimento",
              "conflicto": "Conflicto de intereses"}
DECL_DUE_FILTER = "Plazo"
DECL_DUE_FILTERS = {"": "Cualquier plazo", "si": "Solo vencidas sin decidir"}
DECL_NONE = "No hay declaraciones que coincidan."
DECL_EXPORT = "Descargar el registro (XLSX)"
DECL_COL_RADICADO = "Radicado"
DECL_COL_DUE = "Fecha límite"
DECL_COL_MATTER = "Asunto"
DECL_COL_WHO = "Declarante"
DECL_COL_OFFICE = "Decide"
DECL_COL_FILED = "Radicada"
DECL_COL_OUTCOME = "Decisión"
DECL_COL_DESCRIPTION = "Hechos"
DECL_COL_DECIDED_BY = "Decidida por"
DECL_COL_DECIDED_AT = "Fecha de la decisión"
DECL_COL_DEPARTMENT = "Dependencia"
DECL_COL_DAYS_LEFT = "Días hábiles restantes"
DECL_OVERDUE = "Vencida"
DECL_OVERDUE_DAYS = "vencida hace {n} días hábiles"
DECL_OVERDUE_ONE = "vencida hace 1 día hábil"
DECL_DUE_TODAY = "vence hoy"
DECL_ONE_DAY_LEFT = "falta 1 día hábil"
DECL_DAYS_LEFT = "faltan {n} días hábiles"
DECL_PERSON_GONE = "Persona que borró sus datos"
DECL_NO_DEPARTMENT = "Sin dependencia"
DECL_OPEN_LINK = "Abrir la declaración {radicado}"
DECL_DETAIL_TITLE = "Declaración {radicado}"
DECL_FACTS = "Hechos declarados"
DECL_DETAILS = "Datos"
DECL_THE_DECISION = "Decisión"
DECL_OUTCOMES = {"aceptada": "Aceptada", "rechazada": "Rechazada"}
DECL_DECIDED_LINE = "{outcome} por {who} el {day}"
DECL_PDF = "Constancia de radicación (PDF)"
DECL_STUDY = "Pasar a estudio"
DECL_STUDY_HINT = "Indica que quien decide ya está revisando la declaración."
DECL_STUDIED_NOTICE = "La declaración {radicado} quedó en estudio."
DECL_DECIDE_HEADING = "Decidir"
DECL_OUTCOME_LABEL = "Decisión"
DECL_OUTCOME_CHOICES = {"aceptada": "Aceptar el impedimento (otra persona asume el asunto)",
                        "rechazada": "Rechazar (la persona continúa con el asunto)"}
DECL_DECISION_LABEL = "Razones de la decisión"
DECL_DECISION_HINT = ("Si acepta, diga quién asume el asunto (o el funcionario ad hoc). "
                      "Entre 10 y {limit} caracteres. La persona la recibe por el chat.")
DECL_DECIDE_SUBMIT = "Revisar y decidir"
DECL_CONFIRM_TITLE = "Confirmar la decisión de {radicado}"
DECL_CONFIRM_LEAD = ("Va a decidir esta declaración. La decisión no se puede cambiar después y "
                     "la persona la recibirá por el chat.")
DECL_CONFIRM_SUBMIT = "Sí, decidir"
DECL_CONFIRM_BACK = "Volver sin decidir"
DECL_DECIDED_NOTICE = "La declaración {radicado} quedó {outcome}."
DECL_DECIDED_NOTIFIED = " La persona recibirá la decisión por el chat."
DECL_DECIDED_NOT_NOTIFIED = " La persona no tiene un chat donde avisarle: comuníquesela por escrito."
DECL_READ_ONLY = "Su rol puede ver el registro, pero no decidir."
DECL_SHEET = "Declaraciones"
DECL_FILE_NAME = "declaraciones.xlsx"
DECL_CARD = "Declaraciones por decidir"
DECL_CARD_OVERDUE = "Vencidas"
DECL_CARD_OPEN = "Sin decidir"
DECL_CARD_LINK = "Ver las vencidas"
