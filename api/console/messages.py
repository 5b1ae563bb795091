"""Every Spanish text of the web console (pages, errors, placeholders)."""

CONSOLE_NAME = "Consola de Talento Humano"
SKIP_LINK = "Saltar al contenido"
NAV_LABEL = "Secciones de la consola"
SIGNED_IN_AS = "Sesión de {name} ({role})"

ROLE_NAMES = {
    "admin": "Administración",
    "talento_humano": "Talento Humano",
    "asesor": "Asesoría",
    "auditor": "Auditoría",
}
KIND_NAMES = {"servidor": "Servidor/a", "contratista": "Contratista", None: "Sin tipo"}
STATUS_NAMES = {"activa": "Activa", "inactiva": "Inactiva"}

# Errors
FORBIDDEN_TITLE = "Sin permiso"
FORBIDDEN_ROLE = "Su rol no tiene permiso para ver esta página o hacer esta acción."
CSRF_TITLE = "Formulario no válido"
CSRF_INVALID = (
    "El formulario no tiene un código de seguridad válido (puede haber vencido o no venir de "
    "esta consola). Vuelva a la página, recárguela e intente de nuevo."
)
FORM_REUSED_TITLE = "Este formulario ya se envió"
FORM_REUSED = (
    "Este formulario ya se había enviado y no se repitió la acción. Revise el resultado en la "
    "página correspondiente antes de intentarlo de nuevo."
)
NOT_FOUND_TITLE = "No encontrado"
NOT_FOUND = "Esta página o registro no existe."
BAD_REQUEST_TITLE = "Solicitud no válida"
BAD_PARAM = "El parámetro «{name}» no está permitido en esta página."
BAD_VALUE = "El valor de «{name}» no es válido."
SERVER_ERROR_TITLE = "Error inesperado"
SERVER_ERROR = "Ocurrió un error inesperado. Ya quedó registrado; intente de nuevo más tarde."
GO_HOME = "Volver al inicio"
GO_BACK = "Volver"

# Login, logout, account
LOGIN_TITLE = "Iniciar sesión"
LOGIN_EMAIL = "Correo institucional"
LOGIN_PASSWORD = "Contraseña"
LOGIN_SUBMIT = "Entrar"
LOGIN_INTRO = "Ingrese con su cuenta del personal de la entidad."
SESSION_ENDED = "Su sesión terminó. Inicie sesión de nuevo."
LOGGED_OUT = "Cerró su sesión."
LOGOUT = "Cerrar sesión"
ACCOUNT_TITLE = "Mi cuenta"
PASSWORD_CURRENT = "Contraseña actual"
PASSWORD_NEW = "Contraseña nueva"
PASSWORD_REPEAT = "Repita la contraseña nueva"
PASSWORD_SUBMIT = "Cambiar la contraseña"
PASSWORD_MISMATCH = "Las dos contraseñas nuevas no coinciden."
PASSWORD_CHANGED = "Contraseña cambiada. Sus otras sesiones se cerraron."
PASSWORD_HINT = "Al menos {n} caracteres. Al cambiarla se cierran sus otras sesiones."

# Home
HOME_TITLE = "Inicio"
HOME_GREETING = "Hola, {name}."
CARD_PEOPLE = "Personas del directorio"
CARD_PEOPLE_BY_DEPARTMENT = "Personas por dependencia"
CARD_PEOPLE_BY_KIND = "Personas por tipo de vinculación"
CARD_SUBSCRIBERS = "Suscripción al bot"
CARD_STAFF = "Personal con acceso a la consola"
CARD_NO_DATA = "Aún no hay datos. Importe el directorio para empezar."
SUBSCRIBED = "Suscritas a los mensajes"
WITH_TELEGRAM = "Con Telegram vinculado"
NOT_SUBSCRIBED = "Sin suscripción"
TOTAL = "Total"
CARD_WEEK_VALUE = "Valor de la semana"
CARD_CAMPAIGN_REACH = "Alcance de la última campaña"
CARD_TICKETS_DUE = "Consultas por vencer"
CARD_SUGGESTIONS = "Sugerencias por estado"
CARD_SURVEYS = "Participación en encuestas"
NO_PIECE_THIS_WEEK = "No hay una pieza programada para esta semana."
PLACEHOLDER_CAMPAIGNS = "Disponible cuando se integre el módulo de campañas."
PLACEHOLDER_CONSULTATIONS = "Disponible cuando se integre el módulo de consultas."
PLACEHOLDER_SUGGESTIONS = "Disponible cuando se integre el módulo de sugerencias del foro."
PLACEHOLDER_SURVEYS = "Disponible cuando se integre el módulo de encuestas."

# Directory
DIRECTORY_TITLE = "Directorio"
DEPARTMENTS = "Dependencias"
PEOPLE = "Personas"
ALL_DEPARTMENTS = "Todas las dependencias"
FILTER = "Filtrar"
SORT_BY = "Ordenar por"
SEARCH = "Buscar por nombre o correo"
COL_NAME = "Nombre"
COL_EMAIL = "Correo"
COL_DEPARTMENT = "Dependencia"
COL_KIND = "Tipo"
COL_STATUS = "Estado"
COL_SUBSCRIBED = "Suscrita"
COL_TELEGRAM = "Telegram"
COL_PEOPLE = "Personas"
YES = "Sí"
NO = "No"
SORTS = {
    "nombre": "Nombre (A-Z)",
    "-nombre": "Nombre (Z-A)",
    "dependencia": "Dependencia",
    "recientes": "Más recientes primero",
}
NO_PEOPLE = "No hay personas que coincidan."
PAGE_OF = "Página {page} de {pages} ({total} en total)"
PREVIOUS = "Anterior"
NEXT = "Siguiente"
PAGINATION = "Paginación"
IMPORT_TITLE = "Importar el directorio (CSV)"
IMPORT_FILE = "Archivo CSV exportado de la hoja de cálculo"
IMPORT_HELP = (
    "Columnas: nombre, documento (o cédula), correo, dependencia y tipo (servidor o contratista). "
    "UTF-8 o Latin-1, separado por comas o punto y coma."
)
IMPORT_CREATE_DEPARTMENTS = "Crear las dependencias que no existan"
IMPORT_SUBMIT = "Importar"
IMPORT_RESULT = "Resultado de la importación"
IMPORT_REJECTED = "Filas rechazadas"
IMPORT_NO_REJECTED = "No se rechazó ninguna fila."
IMPORT_NO_FILE = "Elija un archivo CSV para importar."
COL_LINE = "Línea"
COL_REASON = "Motivo"

# Audit
AUDIT_TITLE = "Auditoría"
AUDIT_INTRO = "Registro inalterable de las acciones del personal."
AUDIT_ACTION = "Acción (comienza por)"
AUDIT_ACTOR = "Correo de quien actuó"
AUDIT_SINCE = "Desde"
AUDIT_UNTIL = "Hasta"
COL_WHEN = "Fecha y hora"
COL_ACTOR = "Quién"
COL_ACTION = "Acción"
COL_TARGET = "Sobre"
COL_DETAILS = "Detalles"
NO_ENTRIES = "No hay registros que coincidan."
SYSTEM_ACTOR = "Sistema"
AUDIT_DATE_ORDER = "La fecha «desde» debe ser anterior o igual a «hasta»."

# Staff
STAFF_TITLE = "Personal"
STAFF_INTRO = "Cuentas con acceso a la consola y a la API."
STAFF_CREATE = "Crear una cuenta"
STAFF_NAME = "Nombre completo"
STAFF_EMAIL = "Correo"
STAFF_ROLE = "Rol"
STAFF_PASSWORD = "Contraseña inicial"
STAFF_SUBMIT = "Crear la cuenta"
STAFF_CREATED = "Se creó la cuenta de {email}."
STAFF_DEACTIVATE = "Desactivar"
STAFF_DEACTIVATE_LABEL = "Desactivar la cuenta de {email}"
STAFF_DEACTIVATED = "Se desactivó la cuenta de {email}; sus sesiones se cerraron."
STAFF_NOT_SELF = "No puede desactivar su propia cuenta."
COL_ROLE = "Rol"
COL_LAST_LOGIN = "Último ingreso"
COL_ACTIONS = "Acciones"
ACTIVE = "Activa"
INACTIVE = "Desactivada"
NEVER = "Nunca"

# ---- Sugerencias ----
SUGGESTIONS_TITLE = "Sugerencias"
SUGGESTIONS_INTRO = ("Sugerencias del chat, del portal y del foro: revíselas, analícelas y "
                     "publique la respuesta oficial de Talento Humano.")
SUGGESTION_STATUS = "Estado"
SUGGESTION_VALUE = "Valor"
ALL_STATUSES = "Todos los estados"
ALL_VALUES = "Todos los valores"
NO_VALUE = "Sin valor"
SUGGESTION_SORTS = {
    "recientes": "Más recientes primero",
    "antiguas": "Más antiguas primero (las que más esperan)",
    "actualizadas": "Cambiadas recientemente",
}
SUGGESTIONS_BY_STATUS = "Por estado"
SUGGESTIONS_ALL = "Todas"
NO_SUGGESTIONS = "No hay sugerencias que coincidan."
COL_NUMBER = "N.º"
COL_TITLE = "Sugerencia"
COL_SOURCE = "Origen"
COL_RECEIVED = "Recibida"
COL_ANSWER = "Respuesta"
ANSWER_PUBLISHED = "Publicada"
ANSWER_DRAFT = "Borrador"
ANSWER_NONE = "—"
HIDDEN_BADGE = "Oculta"
SUGGESTION_HEADING = "Sugerencia n.º {id}"
SUGGESTION_TEXT = "Texto de la sugerencia"
SUGGESTION_TEXT_HINT = "Se muestra tal como llegó: el formato y las etiquetas no se interpretan."
SUGGESTION_AUTHOR = "Autor/a"
AUTHOR_ANONYMOUS = "Anónima (no se guarda ningún vínculo con la persona)"
AUTHOR_FORUM = "En el foro: {name}"
AUTHOR_FORUM_UNKNOWN = "Participante del foro"
SUGGESTION_DEPARTMENT = "Dependencia"
SUGGESTION_RECEIVED = "Recibida el"
SUGGESTION_HIDDEN = "Retirada por moderación el {when} (motivo: {reason})."
BACK_TO_LIST = "Volver a la lista"
PORTAL_PAGE = "Ver en el portal"
# History
HISTORY_TITLE = "Historial"
HISTORY_RECEIVED = "Recibida por {source}"
HISTORY_EVENTS = {
    "foro.sugerencia.analisis": "Pasó a análisis",
    "foro.respuesta.borrador": "Borrador de respuesta guardado",
    "foro.respuesta.publicada": "Respuesta oficial publicada",
    "foro.moderacion.sugerencia": "Retirada por moderación",
    "foro.foro.reintento": "Envíos al foro reintentados",
}
HISTORY_CHANGE = "De «{source}» a «{target}»"
HISTORY_REVISION = "Versión {n} · {status}"
HISTORY_REASON = "Motivo: {reason}"
HISTORY_RETRIED = "{n} envío(s)"
# Analysis
ANALYSIS_TITLE = "Análisis"
ANALYSIS_HINT = "Pásela a análisis cuando Talento Humano empiece a estudiarla."
ANALYSIS_SUBMIT = "Pasar a análisis"
ANALYSIS_DONE = "La sugerencia pasó a «En análisis»."
# Official answer
ANSWER_TITLE = "Respuesta oficial"
ANSWER_PUBLISHED_ON = "Publicada el {when} (versión {n})."
ANSWER_NOT_YET = "Aún no hay una respuesta publicada."
ANSWER_DRAFT_TITLE = "Borrador"
ANSWER_DRAFT_SAVED_ON = "Borrador guardado el {when} (versión {n}); aún no es visible para nadie."
ANSWER_FORM_TITLE = "Escribir la respuesta"
ANSWER_STATUS = "Estado que comunica la respuesta"
ANSWER_TEXT = "Respuesta"
ANSWER_TEXT_HINT = ("Máximo {max} caracteres. Es lo que leerá la persona en el chat y lo que "
                    "se publica en el foro.")
ANSWER_PLAN = "Qué se hará (si es adoptada)"
ANSWER_DUE = "Para cuándo (si es adoptada)"
ANSWER_REASON = "Motivo (si no es adoptada)"
ANSWER_DUPLICATE = "N.º de la sugerencia original (si ya existe)"
ANSWER_SAVE = "Guardar el borrador"
ANSWER_SAVED = "Borrador guardado. Revíselo y publíquelo cuando esté listo."
ANSWER_UNCHANGED = "La respuesta es igual a la ya publicada; no se creó una versión nueva."
ANSWER_NOT_SAVED = "No se guardó el borrador: {error}"
PUBLISH_HINT = ("Al publicar, la sugerencia cambia a «{status}», la persona autora recibe un "
                "aviso en el chat (si no es anónima) y la respuesta aparece en el foro.")
PUBLISH_SUBMIT = "Publicar la respuesta oficial"
PUBLISHED = "Respuesta publicada. La sugerencia quedó «{status}»."
ALREADY_PUBLISHED = "Esta respuesta ya estaba publicada: no se volvió a publicar ni a avisar."
PUBLISH_FAILED = "No se publicó: {error}"
BAD_DATE = "La fecha «{name}» no es válida (use el selector o AAAA-MM-DD)."
BAD_NUMBER = "El número de «{name}» no es válido."
# Forum
FORUM_TITLE = "Foro"
FORUM_PORTAL = "Foro: portal propio. Los cambios se ven allí al instante."
FORUM_DISCOURSE = ("Foro: Discourse. Los envíos se entregan en orden; si el foro falla, se "
                   "reintentan.")
FORUM_TOPIC = "Ver el tema en el foro"
FORUM_NO_WRITES = "No hay envíos al foro para esta sugerencia."
FORUM_KINDS = {
    "topic": "Crear el tema", "answer": "Respuesta oficial", "reply": "Mensaje del portal",
    "tags": "Etiquetas", "hide_post": "Ocultar un mensaje", "hide_topic": "Ocultar el tema",
}
FORUM_STATES = {"pending": "Pendiente", "done": "Entregado", "failed": "Rechazado por el foro"}
COL_WRITE = "Envío"
COL_ATTEMPTS = "Intentos"
COL_ERROR = "Error"
FORUM_FAILED_HINT = "El foro rechazó {n} envío(s). Corrija la configuración y reintente."
RETRY_SUBMIT = "Reintentar los envíos rechazados"
RETRIED = "Se volvieron a poner en cola {n} envío(s) al foro."
# Moderation
MODERATION_TITLE = "Moderación"
MODERATION_HINT = ("Retira la sugerencia del foro y del portal. La persona autora recibe un "
                   "aviso con el motivo. Queda en el registro de auditoría.")
MODERATION_REASON = "Motivo"
MODERATION_HIDE = "Retirar la sugerencia"
MODERATION_HIDDEN = "La sugerencia se retiró del foro."
POSTS_TITLE = "Mensajes en el foro ({n})"
NO_POSTS = "Aún no hay mensajes."
POST_HIDDEN = "Oculto por moderación (motivo: {reason})."
POST_HIDE = "Ocultar"
POST_HIDE_LABEL = "Ocultar el mensaje {n}"
POST_REASON_LABEL = "Motivo para ocultar el mensaje {n}"
POST_HIDDEN_DONE = "El mensaje se ocultó."
ACTION_FAILED = "No se pudo: {error}"
# Dashboard
CARD_SUGGESTIONS_TOTAL = "Sugerencias en total"
CARD_SUGGESTIONS_NONE = "Aún no hay sugerencias."
FIELD_TOO_LONG = "«{name}» es demasiado largo: tiene {n} caracteres y el máximo es {max}."
SHOWN_PLAN = "Qué se hará"
SHOWN_DUE = "Para cuándo"
SHOWN_REASON = "Motivo"
SHOWN_DUPLICATE = "Sugerencia original"
