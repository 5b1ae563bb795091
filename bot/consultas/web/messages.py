"""The Spanish texts of the consultations' console pages and Inicio card."""

GO_BACK = "Volver"
CARD_TICKETS_DUE = "Consultas por vencer"
CARD_CONSULT_TREND = "Consultas escaladas por semana (últimas {n} semanas)"
CONSULT_TREND_RECEIVED = "Recibidas"
CONSULT_TREND_ANSWERED = "Respondidas (de las recibidas esa semana)"

# ---- Consultas ----
CONSULT_TITLE = "Consultas"
CONSULT_TABS_LABEL = "Partes de Consultas"
CONSULT_TAB_TICKETS = "Consultas escaladas"
CONSULT_INTRO = "Consultas que el bot pasó a una persona, por fecha límite (días hábiles)."
CONSULT_STATUS = "Estado"
CONSULT_STATUSES = {"abierto": "Abiertas", "respondido": "Respondidas", "cerrado": "Cerradas",
                    "todas": "Todas"}
CONSULT_STATUS_ONE = {"abierto": "Abierta", "respondido": "Respondida", "cerrado": "Cerrada"}
CONSULT_DUE_FILTER = "Fecha límite"
CONSULT_DUE_FILTERS = {"": "Cualquier fecha", "0": "Vencidas o vencen hoy",
                       "2": "Vencen en 2 días hábiles o menos",
                       "5": "Vencen en 5 días hábiles o menos"}
CONSULT_NONE = "No hay consultas que coincidan."
CONSULT_COL_NUMBER = "N.º"
CONSULT_COL_QUESTION = "Pregunta"
CONSULT_COL_WHO = "Quién pregunta"
CONSULT_COL_DUE = "Fecha límite"
CONSULT_COL_RECEIVED = "Recibida"
CONSULT_ANONYMOUS = "Anónima"
CONSULT_NO_DEPARTMENT = "Sin dependencia"
CONSULT_PERSON_GONE = "Persona que borró sus datos"
CONSULT_OVERDUE = "Vencida"
CONSULT_OVERDUE_DAYS = "vencida hace {n} días hábiles"
CONSULT_OVERDUE_ONE = "vencida hace 1 día hábil"
CONSULT_DUE_TODAY = "vence hoy"
CONSULT_DAYS_LEFT = "faltan {n} días hábiles"
CONSULT_ONE_DAY_LEFT = "falta 1 día hábil"
CONSULT_OPEN_LINK = "Abrir la consulta n.º {id}"
CONSULT_TICKET_TITLE = "Consulta n.º {id}"
CONSULT_QUESTION = "La pregunta"
CONSULT_DETAILS = "Datos de la consulta"
CONSULT_BOT_ATTEMPT = "Lo que intentó el bot"
CONSULT_BOT_REASON = "Por qué la pasó a una persona"
CONSULT_BOT_SUGGESTED = "Tema más parecido que encontró"
CONSULT_BOT_NONE = "El bot no dejó un tema sugerido."
CONSULT_REASONS = {
    "low_confidence": "No encontró una respuesta segura.",
    "needs_judgement": "El caso depende de detalles que debe mirar una persona.",
    "asks_for_human": "La persona pidió hablar con alguien.",
    "report": "Parece una denuncia o un reporte (lo atiende Control Interno Disciplinario; el acoso laboral, el Comité de Convivencia).",
    "empty": "El mensaje no tenía palabras que leer.",
}
CONSULT_REASON_UNKNOWN = "Sin motivo registrado."
CONSULT_ROUTE = "Oficina"
CONSULT_ROUTES = {
    "talento_humano": "Talento Humano",
    "control_interno_disciplinario": "Control Interno Disciplinario",
    "juridica": "Oficina Jurídica",
}
CONSULT_ROUTE_ALL = "Todas"
CONSULT_ASSIGNED = "A cargo de"
CONSULT_ASSIGNED_FILTERS = {"": "Todas", "mias": "Asignadas a mí", "sin_asignar": "Sin asignar"}
CONSULT_UNASSIGNED = "Nadie en particular"
CONSULT_ASSIGN_HEADING = "Asignar a un asesor"
CONSULT_ASSIGN_SAVE = "Asignar"
CONSULT_ASSIGNED_NOTICE = "La consulta n.º {id} quedó a cargo de {name}."
CONSULT_UNASSIGNED_NOTICE = "La consulta n.º {id} ya no está a cargo de nadie en particular."
CONSULT_ROUTE_HEADING = "Encaminar a otra oficina"
CONSULT_ROUTE_SAVE = "Encaminar"
CONSULT_ROUTED_NOTICE = "La consulta n.º {id} quedó en manos de {office}."
CONSULT_HISTORY = "Historia"
CONSULT_RECEIVED_EVENT = "Recibida"
CONSULT_ANSWERED_EVENT = "Respondida por {name}"
CONSULT_NOTIFIED_EVENT = "Respuesta enviada a la persona por el chat"
CONSULT_NOT_NOTIFIED = "La respuesta aún no se ha enviado por el chat."
CONSULT_CLOSED_EVENT = "Cerrada"
CONSULT_PROMOTED_EVENT = "Convertida en la entrada «{entry}»"
CONSULT_THE_ANSWER = "La respuesta"
CONSULT_REPLY_HEADING = "Responder la consulta"
CONSULT_ANSWER_LABEL = "Respuesta para la persona"
CONSULT_ANSWER_HINT = (
    "Llega a la persona por el mismo chat, tal cual (sin formato), con su pregunta citada. "
    "Máximo {limit} caracteres. Una consulta anónima la leerá con su código."
)
CONSULT_ANSWER_SUBMIT = "Enviar la respuesta"
CONSULT_UNSENT = "Lo que usted escribió (no se envió)"
CONSULT_CLOSE = "Cerrar la consulta"
CONSULT_CLOSE_HINT = "Una consulta cerrada ya no se puede responder ni cambiar."
CONSULT_CLOSED_NOTICE = "Se cerró la consulta n.º {id}."
CONSULT_READ_ONLY = "Su rol puede leer las consultas, pero no responderlas."
CONSULT_CANNOT_ANSWER = "Esta consulta ya no se puede responder: está {status}."
CONSULT_PROMOTE = "Convertir la respuesta en una entrada de la base"
CONSULT_PROMOTE_TITLE = "Convertir la consulta n.º {id} en una entrada"
CONSULT_PROMOTE_INTRO = (
    "La respuesta pasa a la base de conocimiento y el bot la usará desde ya. Se necesitan al menos "
    "5 formas de preguntar en total (la pregunta de la consulta cuenta como una, si la incluye)."
)
CONSULT_PROMOTE_INCLUDE = "Usar la pregunta de la consulta como primera forma de preguntar"
CONSULT_PROMOTE_INCLUDE_HINT = "Desmárquelo si la pregunta trae nombres u otros datos personales."
CONSULT_PROMOTE_SUBMIT = "Crear la entrada"
CONSULT_PROMOTED = "La consulta n.º {id} se convirtió en la entrada «{title}»."
CONSULT_BACK = "Volver a la consulta"
CONSULT_BACK_LIST = "Volver a las consultas"

# Knowledge base
KB_TITLE = "Base de conocimiento"
KB_INTRO = (
    "Lo que el bot sabe responder. Una entrada editada aquí reemplaza a la del archivo con el mismo "
    "identificador (el archivo no se toca) y el bot la usa de inmediato."
)
KB_SEARCH = "Buscar en títulos, preguntas y respuestas"
KB_ORIGIN = "Origen"
KB_ORIGINS = {"archivo": "Archivo", "editada": "Editada", "nueva": "Nueva"}
KB_ALL_ORIGINS = "Todos los orígenes"
KB_NONE = "No hay entradas que coincidan."
KB_COL_TITLE = "Título"
KB_COL_ID = "Identificador"
KB_COL_KIND = "Tipo"
KB_COL_VALUE = "Valor"
KB_COL_VOTES = "¿Sirvió? (sí / no)"
KB_COL_ACTIVE = "Activa"
KB_KINDS = {"answer": "Respuesta", "out_of_scope": "Fuera de alcance", "escalate": "Escalamiento"}
KB_VALUES = {"": "Sin valor", "honestidad": "Honestidad", "respeto": "Respeto",
             "compromiso": "Compromiso", "diligencia": "Diligencia", "justicia": "Justicia"}
KB_ESCALATE_REASONS = {"": "No aplica", "report": "Denuncia o reporte",
                       "asks_for_human": "Pide hablar con una persona"}
KB_NEW = "Crear una entrada"
KB_NEW_TITLE = "Nueva entrada"
KB_EDIT = "Editar"
KB_EDIT_TITLE = "Editar «{title}»"
KB_SAVE = "Guardar la entrada"
KB_SAVED = "Se guardó la entrada «{title}». El bot ya la usa."
KB_CREATED = "Se creó la entrada «{title}». El bot ya la usa."
KB_UNDO = "Deshacer los cambios"
KB_UNDO_HINT_EDITED = "Vuelve la versión del archivo."
KB_UNDO_HINT_NEW = "La entrada deja de existir."
KB_UNDONE = "Se deshicieron los cambios de «{entry}»."
KB_UNDO_TITLE = "Deshacer los cambios de una entrada"
KB_UNDO_QUESTION = "¿Deshacer los cambios de Talento Humano a «{title}»?"
KB_UNDO_CONSEQUENCE_EDITED = ("Se pierde lo que Talento Humano editó y el asistente vuelve a "
                              "responder con la versión del archivo.")
KB_UNDO_CONSEQUENCE_NEW = ("Esta entrada la creó Talento Humano: deja de existir y el asistente "
                           "ya no la usará. No se puede recuperar.")
KB_UNDO_CONFIRM = "Sí, deshacer los cambios"
KB_DETAILS = "Datos de la entrada"
KB_ENTRY_TITLE = "Entrada «{title}»"
KB_BOT_REPLY = "Así la muestra el bot"
KB_PHRASINGS_COUNT = "Formas de preguntar ({n})"
KB_FIELD_ID = "Identificador"
KB_FIELD_ID_HINT = "Minúsculas sin tildes, números y guion bajo; empieza por una letra (por ejemplo rifas_proveedores)."
KB_FIELD_TITLE = "Título"
KB_FIELD_KIND = "Tipo"
KB_FIELD_VALUE = "Valor del Código de Integridad"
KB_FIELD_PHRASINGS = "Formas de preguntar (una por línea)"
KB_FIELD_PHRASINGS_HINT = "Al menos 5, distintas, como las escribiría la gente."
KB_FIELD_PHRASINGS_EXTRA = "Otras formas de preguntar (una por línea)"
KB_FIELD_ANSWER = "Respuesta del bot"
KB_FIELD_ANSWER_HINT = "Entre 20 y {limit} caracteres. Se muestra tal cual, sin formato."
KB_FIELD_SOURCES = "Fuentes (una por línea)"
KB_FIELD_SOURCES_HINT = "Obligatorias en una entrada de respuesta. Nunca una cita marcada [R]."
KB_FIELD_RELATED = "Entradas relacionadas (identificadores, una por línea)"
KB_FIELD_KEYWORDS = "Palabras clave (una por línea)"
KB_FIELD_JUDGEMENT = "El caso necesita el criterio de una persona (el bot orienta y pasa la consulta)"
KB_FIELD_REASON = "Motivo de escalamiento (solo entradas de escalamiento)"
KB_FIELD_ACTIVE = "Activa (el bot la usa)"
KB_VERIFIED_SOURCES = "Ver las fuentes verificadas"
KB_FIELD_NAMES = {
    "id": KB_FIELD_ID, "title": KB_FIELD_TITLE, "kind": KB_FIELD_KIND, "value": KB_FIELD_VALUE,
    "phrasings": "Formas de preguntar", "answer": KB_FIELD_ANSWER, "sources": "Fuentes",
    "related": "Entradas relacionadas", "keywords": "Palabras clave",
    "needs_judgement": "Criterio de una persona", "escalate_reason": "Motivo de escalamiento",
    "active": "Activa", "include_question": "Usar la pregunta",
}
KB_ITEM = "{field} n.º {n}"
KB_PROBLEM_PATTERN = "solo admite minúsculas sin tildes, números y guion bajo, y empieza por una letra"
KB_PROBLEM_MIN_CHARS = "debe tener al menos {n} caracteres"
KB_PROBLEM_MAX_CHARS = "admite máximo {n} caracteres"
KB_PROBLEM_MIN_ITEMS = "necesita al menos {n}"
KB_PROBLEM_MAX_ITEMS = "admite máximo {n}"
KB_FIX_ERRORS = "Revise la entrada: no se guardó nada."

# "Probar"
TRY_TITLE = "Probar el bot"
TRY_INTRO = "Escriba una pregunta como la haría una persona y vea exactamente lo que respondería el bot. No se guarda nada."
TRY_QUESTION = "Pregunta"
TRY_SUBMIT = "Probar"
TRY_EMPTY = "Escriba una pregunta para probar."
TRY_TOO_LONG = "La pregunta es demasiado larga: máximo {limit} caracteres."
TRY_RESULT = "El bot respondería"
TRY_ACTIONS = {
    "answer": "Respondería con una entrada de la base.",
    "clarify": "Pediría aclarar entre dos temas.",
    "escalate": "Pasaría la pregunta a un asesor o asesora.",
    "out_of_scope": "Diría que el tema no es de este canal.",
    "small_talk": "Saludaría (o agradecería) y mostraría el menú, sin ofrecer pasar nada a un asesor.",
}
TRY_ENTRY = "Entrada usada"
TRY_SOURCES = "Fuentes citadas"
TRY_CANDIDATES = "Temas que ofrecería"
TRY_SCORE = "Puntaje"
TRY_CHAT_LABEL = "Respuesta del bot, como se ve en el chat"

# Dashboard card
CARD_TICKETS_OVERDUE = "Vencidas"
CARD_TICKETS_TODAY = "Vencen hoy"
CARD_TICKETS_SOON = "Vencen en {n} días hábiles o menos"
CARD_TICKETS_OPEN = "Abiertas en total"
CARD_TICKETS_LINK = "Ver las consultas por vencer"

# Bulk actions on the list (bot.consultas.web.console.bulk)
CONSULT_BULK_LEGEND = "Con las consultas marcadas"
CONSULT_BULK_CHOOSE_ONE = "Marcar la consulta n.º {id}"
CONSULT_BULK_ITEM = "Consulta n.º {id}: {question}"
CONSULT_BULK_ADVISOR = "Asesor (para «Asignar»)"
CONSULT_BULK_ASSIGN = "Asignar al asesor elegido"
CONSULT_BULK_ASSIGN_QUESTION = "¿Dejar a cargo de {name} las consultas marcadas ({n})?"
CONSULT_BULK_ASSIGN_CONSEQUENCE = (
    "Cada consulta abierta o respondida queda a cargo de quien eligió; las cerradas no cambian. "
    "A quien preguntó no se le envía nada.")
CONSULT_BULK_ASSIGN_CONFIRM = "Sí, asignarlas"
CONSULT_BULK_ASSIGN_DONE = "Consultas a cargo de {name}: {n}."
CONSULT_BULK_NOBODY = "nadie en particular"  # {name} of the two texts above, without an advisor
CONSULT_BULK_CLOSE = "Cerrar"
CONSULT_BULK_CLOSE_QUESTION = "¿Cerrar las consultas marcadas ({n})?"
CONSULT_BULK_CLOSE_CONSEQUENCE = (
    "Una consulta cerrada ya no se puede responder, encaminar ni asignar, y no se puede volver "
    "a abrir. Las que no tienen respuesta se cierran sin enviar nada a quien preguntó.")
CONSULT_BULK_CLOSE_CONFIRM = "Sí, cerrarlas"
CONSULT_BULK_CLOSE_DONE = "Consultas cerradas: {n}."
CONSULT_BULK_TITLE = "Acción sobre varias consultas"
CONSULT_BULK_NONE_CHOSEN = "No marcó ninguna consulta. Vuelva a la lista y marque al menos una."
CONSULT_BULK_REFUSED = "Consultas que no cambiaron ({n})"
CONSULT_BULK_NONE_DONE = "Ninguna consulta cambió."
CONSULT_BULK_BAD_ADVISOR = "Elija un asesor de la lista."
