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
PLACEHOLDER_CAMPAIGNS = "El motor de campañas no está en marcha en este proceso."

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
PUBLISH_HINT = ("Al publicar, la sugerencia cambia a «{status}», la persona autora recibe un "
                "aviso en el chat (si no es anónima) y la respuesta aparece en el foro.")
PUBLISH_SUBMIT = "Publicar la respuesta oficial"
PUBLISHED = "Respuesta publicada. La sugerencia quedó «{status}»."
ALREADY_PUBLISHED = "Esta respuesta ya estaba publicada: no se volvió a publicar ni a avisar."
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
# Dashboard
CARD_SUGGESTIONS_NONE = "Aún no hay sugerencias."
FIELD_TOO_LONG = "«{name}» es demasiado largo: tiene {n} caracteres y el máximo es {max}."
SHOWN_PLAN = "Qué se hará"
SHOWN_DUE = "Para cuándo"
SHOWN_REASON = "Motivo"
SHOWN_DUPLICATE = "Sugerencia original"
# ---- Campañas ----
CAMPAIGNS_TITLE = "Campañas"
CAMPAIGNS_INTRO = (
    "Piezas gráficas de los valores del Código de Integridad que el servicio envía solo, por "
    "Telegram y por correo, a cada persona suscrita exactamente una vez."
)
CAMPAIGNS_NONE = "Aún no hay campañas. Cree la primera con el formulario."
CAMPAIGN_STATUS = {
    "borrador": "Borrador", "programada": "Programada", "en_curso": "Enviando",
    "pausada": "Pausada", "finalizada": "Finalizada", "cancelada": "Cancelada",
}
COL_CAMPAIGN = "Campaña"
COL_VALUE = "Valor"
COL_AUDIENCE = "Audiencia"
COL_CHANNELS = "Canales"
COL_SCHEDULE = "Programación"
COL_PIECES = "Piezas"
COL_CREATED = "Creada"
ROTATION = "Rotación (valor de la semana)"
AUDIENCE_NAMES = {"todos": "Todas las personas suscritas", "dependencia": "Por dependencia",
                  "tipo": "Por tipo de vinculación", "lista": "Lista de prueba"}
AUDIENCE_LIST_PEOPLE = "Lista de prueba ({n} personas)"
AUDIENCE_DEPARTMENTS = "Dependencias: {names}"
CHANNEL_NAMES = {"telegram": "Telegram", "correo": "Correo"}
NO_SCHEDULE = "Sin programar"
SCHEDULE_ONCE = "Una vez: {when}"
SCHEDULE_WEEKLY = "Cada {weekday} a las {time}"
NEXT_RUN = "Próxima salida"
CAMPAIGN_CREATE = "Crear una campaña"
CAMPAIGN_NAME = "Nombre"
CAMPAIGN_VALUE = "Valor"
CAMPAIGN_VALUE_HINT = "«Rotación» envía cada semana el valor que le toca según sus piezas."
CAMPAIGN_AUDIENCE = "Audiencia"
CAMPAIGN_DEPARTMENTS = "Dependencias (si la audiencia es por dependencia)"
CAMPAIGN_KIND = "Tipo de vinculación (si la audiencia es por tipo)"
CAMPAIGN_LIST = "Personas de la lista de prueba (si la audiencia es una lista)"
CAMPAIGN_LIST_HINT = "Correos del directorio separados por comas. Máximo 200 personas."
CAMPAIGN_LIST_BAD = (
    "La lista de prueba debe tener correos del directorio (o números de persona) separados por "
    "comas."
)
CAMPAIGN_LIST_UNKNOWN = "Estos correos no están en el directorio: {emails}."
CAMPAIGN_CHANNELS = "Canales"
CAMPAIGN_NO_CHANNELS = (
    "No hay canales configurados (ni Telegram ni correo): se pueden preparar campañas, pero no "
    "enviarlas. Configure VALOR_TELEGRAM_TOKEN o VALOR_SMTP_HOST."
)
CAMPAIGN_SUBMIT = "Crear la campaña"
CAMPAIGN_CREATED = "Se creó la campaña «{name}». Agregue su primera pieza."
CALENDAR_LINK = "Calendario del valor de la semana"

# Detail
CAMPAIGN_BACK = "Todas las campañas"
CAMPAIGN_SUMMARY = "Resumen de la campaña"
PIECES_TITLE = "Piezas"
PIECES_NONE = "La campaña aún no tiene piezas."
PIECE_TITLE = "Pieza {n}: {value}"
PIECE_IMAGE_ALT = "Pieza gráfica de {value}: «{phrase}»"
PIECE_GENERATED = "Imagen generada"
PIECE_UPLOADED = "Imagen subida"
PIECE_SENT = "Ya se envió"
PIECE_ADD = "Agregar una pieza"
PIECE_ADD_HINT = (
    "Suba una imagen PNG, JPEG o WebP de máximo 10 MB, o deje el archivo vacío y el servicio "
    "genera una de 1080×1080 con el valor y la frase."
)
PIECE_PHRASE = "Frase"
PIECE_AUTHOR = "Autor de la frase (opcional)"
PIECE_VALUE = "Valor de esta pieza"
PIECE_IMAGE = "Imagen (opcional)"
PIECE_CAPTION = "Texto del mensaje (opcional, HTML de Telegram)"
PIECE_CAPTION_HINT = (
    "Si lo deja vacío se usa el valor, la frase y el autor. Etiquetas permitidas: <b>, <i>, "
    "<u>, <s>, <a href>, <code>, <pre>, <blockquote>. Máximo 1024 caracteres visibles."
)
PIECE_BUTTONS = "Botones de reacción (opcional, separados por |)"
PIECE_BUTTONS_HINT = (
    "Máximo 4 botones de hasta 30 caracteres. Vacío: «👍 Me identifica» y «💬 Comentar»."
)
PIECE_SUBMIT = "Agregar la pieza"
PIECE_ADDED = "Se agregó la pieza {n}."
PIECE_CAPTION_EDIT = "Editar el texto"
PIECE_CAPTION_SAVE = "Guardar el texto"
PIECE_CAPTION_SAVED = "Se guardó el texto de la pieza {n}."
PIECE_PREVIEW = "Vista previa"
PIECE_PREVIEW_OF = "Vista previa de la pieza {n}"
PREVIEW_TITLE = "Vista previa: así la verá cada persona"
PREVIEW_INTRO = (
    "Así llega el mensaje por Telegram: la imagen, el texto con su formato y los botones de "
    "reacción. Los enlaces del texto se muestran como en Telegram."
)
PREVIEW_BOT = "El Valor Soy Yo"
PREVIEW_BUTTONS = "Botones de reacción"
PREVIEW_LENGTH = "{n} de 1024 caracteres visibles"
TEST_CHANNEL = "Canal de la prueba"
TEST_SUBMIT = "Enviarme una prueba"
TEST_HELP_TELEGRAM = "Por Telegram llega a su chat vinculado ({chat}), marcada «[PRUEBA]»."
TEST_HELP_NO_TELEGRAM = (
    "Su cuenta no tiene un chat de Telegram vinculado, así que la prueba por Telegram no se "
    "puede enviar: pida a Administración que lo vincule."
)
TEST_HELP_EMAIL = "Por correo llega a {email}, con el asunto marcado «[PRUEBA]»."
TEST_HELP_NO_CHANNEL = "No hay canales configurados para enviar pruebas."
TEST_HELP_NO_RECORD = "Una prueba no cuenta en las estadísticas ni cambia el estado de la campaña."

# Schedule and control
SCHEDULE_TITLE = "Programar"
SCHEDULE_ONCE_TITLE = "Un envío"
SCHEDULE_AT = "Fecha y hora (hora de Colombia)"
SCHEDULE_WEEKLY_TITLE = "Cada semana"
SCHEDULE_WEEKDAY = "Día"
SCHEDULE_TIME = "Hora (hora de Colombia)"
SCHEDULE_SUBMIT_ONCE = "Programar el envío"
SCHEDULE_SUBMIT_WEEKLY = "Programar cada semana"
SCHEDULE_DONE = "Campaña programada: {when}."
SCHEDULE_BAD_DATE = "Escriba la fecha y la hora completas, por ejemplo 03/03/2025 08:00."
SCHEDULE_BAD_KIND = "Elija «un envío» o «cada semana»."
CONTROL_TITLE = "Enviar y controlar"
SEND_NOW = "Enviar ahora"
SEND_NOW_CONFIRM = (
    "Se enviará {pieces} a las personas de la audiencia. No se puede deshacer: lo que ya salió, "
    "salió."
)
SEND_NOW_YES = "Sí, enviar ahora"
SEND_NOW_DONE = "Envío iniciado para {n} destinatarios."
PAUSE = "Pausar"
PAUSE_CONFIRM = "Se dejan de enviar mensajes nuevos; los que están saliendo terminan."
PAUSE_YES = "Sí, pausar"
PAUSED = "Campaña pausada."
RESUME = "Reanudar"
RESUME_CONFIRM = "Se reanuda el envío y la programación donde quedaron."
RESUME_YES = "Sí, reanudar"
RESUMED = "Campaña reanudada."
CANCEL = "Cancelar la campaña"
CANCEL_CONFIRM = (
    "Cancelar es definitivo: lo pendiente no se enviará y la campaña no se puede reanudar."
)
CANCEL_YES = "Sí, cancelar la campaña"
CANCELLED = "Campaña cancelada."
PIECES_ALL = "todas las piezas sin enviar"
PIECES_NEXT = "la siguiente pieza"

# Progress and stats
PROGRESS_TITLE = "Progreso del envío"
PROGRESS_LABEL = "Mensajes procesados"
PROGRESS_COUNTS = (
    "{done} de {total} procesados: {sent} enviados, {failed} fallidos, {blocked} bloqueados, "
    "{pending} pendientes."
)
PROGRESS_REFRESH = "Actualizar"
PROGRESS_LIVE = "Se actualiza solo cada pocos segundos."
PROGRESS_DONE = "El envío terminó. Actualice la página para ver las estadísticas completas."
STATS_TITLE = "Estadísticas"
STATS_NONE = "Aún no se ha enviado ninguna pieza."
STATS_CHART = "Resultado de las entregas"
STATS_REACTIONS = "Reacciones"
STATS_RUNS = "Envíos"
STATS_CSV = "Descargar CSV"
STATS_XLSX = "Descargar Excel (XLSX)"
STATS_MISSED = "Envíos perdidos mientras el servicio estaba apagado: {n}"
STATS_KEYS = {
    "targeted": "Destinatarios", "sent": "Enviadas", "failed": "Fallidas",
    "blocked": "Bloqueadas", "uncertain": "Inciertas", "pending": "Pendientes",
    "in_flight": "Saliendo", "cancelled": "Canceladas",
}
COL_PIECE = "Pieza"
COL_SCHEDULED_FOR = "Programado para"
COL_RUN_STATE = "Estado"
COL_STARTED = "Inicio"
COL_FINISHED = "Fin"
RUN_STATES = {"en_curso": "Enviando", "pausada": "Pausado", "finalizada": "Terminado",
              "cancelada": "Cancelado", "perdida": "Perdido"}
XLSX_SHEET_RUNS = "Envíos"
XLSX_SHEET_TOTALS = "Resumen"
XLSX_TITLE = "Campaña «{name}» · estado: {status}"

# Calendar
CALENDAR_TITLE = "Calendario del valor de la semana"
CALENDAR_INTRO = (
    "El valor que sale cada semana en las campañas semanales, la hora de salida (hora de "
    "Colombia) y la pieza que el servicio elegirá."
)
CALENDAR_REFERENCE = (
    "No hay campañas semanales programadas. Esta es la rotación de referencia de los valores "
    "del Código desde esta semana; cree una campaña con «rotación» y prográmela cada semana."
)
CALENDAR_WEEKS = "Semanas"
COL_WEEK = "Semana"
COL_SENDS = "Sale"
CALENDAR_STATES = {
    "enviada": "Enviada", "perdida": "No salió", "programada": "Programada",
    "pausada": "En pausa", "sin_pieza": "Falta una pieza", "referencia": "—",
}
CALENDAR_WEEK = "{start} al {end}"

# Dashboard
REACH_NONE = "Aún no se ha enviado ninguna campaña."
REACH_DELIVERED = "Entregados"
REACH_TARGETED = "Destinatarios"
REACH_REACTIONS = "Reacciones"
REACH_PENDING = "Pendientes"
REACH_NOT_DELIVERED = "No entregados"
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
    "report": "Parece una denuncia o un reporte.",
    "empty": "El mensaje no tenía palabras que leer.",
}
CONSULT_REASON_UNKNOWN = "Sin motivo registrado."
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
# ---- Encuestas ----
SURVEYS_TITLE = "Encuestas"
SURVEYS_INTRO = (
    "Encuesta de percepción de integridad: anónima por diseño, respondida en el chat. Los "
    "resultados se ven cuando la encuesta cierra y solo para grupos de 5 o más respuestas."
)
SURVEYS_FEEDBACK_LINK = "Retroalimentación rápida"
SURVEYS_NONE = "Aún no hay encuestas. Cree la encuesta inicial con un clic."
SURVEY_STATUS = {"borrador": "Borrador", "abierta": "Abierta", "cerrada": "Cerrada"}
COL_SURVEY = "Encuesta"
COL_PERIOD = "Periodo"
COL_INVITED = "Invitadas"
COL_FINISHED = "Terminaron"
COL_RATE = "Tasa de respuesta"
SURVEY_DATES = "del {opens} al {closes}"
SURVEY_STARTER_TITLE = "Crear la encuesta inicial"
SURVEY_STARTER_HELP = (
    "La encuesta de percepción escrita por el equipo (frecuencia de cada valor, conocimiento del "
    "Código, dilemas, disposición a reportar). Se dirige a todas las personas; queda en borrador "
    "hasta que la lance."
)
SURVEY_STARTER_SUBMIT = "Crear la encuesta inicial"
SURVEY_NEW_LINK = "Crear una encuesta desde una definición"
SURVEY_NEW_TITLE = "Nueva encuesta"
SURVEY_NEW_INTRO = (
    "Escriba las preguntas en el mismo formato de la encuesta inicial (YAML), que aparece como "
    "ejemplo. Tipos: likert (nunca … siempre), likert_acuerdo (muy en desacuerdo … muy de "
    "acuerdo), choice y dilemma (2 a 8 opciones en options) y text (opcional). Valores: "
    "honestidad, respeto, compromiso, diligencia, justicia o general."
)
SURVEY_FIELD_TITLE = "Título"
SURVEY_FIELD_TITLE_HINT = "Si lo deja vacío se usa el title de la definición."
SURVEY_FIELD_PERIOD = "Nombre del periodo"
SURVEY_FIELD_PERIOD_HINT = "Por ejemplo 2026-II (máximo 40 caracteres)."
SURVEY_FIELD_OPENS = "Abre el"
SURVEY_FIELD_CLOSES = "Cierra el"
SURVEY_DATES_HINT = "Fechas en hora de Colombia (Bogotá)."
SURVEY_FIELD_AUDIENCE = "Audiencia"
SURVEY_AUDIENCE_ALL = "Todas las personas"
SURVEY_AUDIENCE_DEPARTMENTS = "Algunas dependencias"
SURVEY_AUDIENCE_KIND = "Un tipo de vinculación"
SURVEY_FIELD_DEPARTMENTS = "Dependencias"
SURVEY_FIELD_KIND = "Tipo de vinculación"
SURVEY_FIELD_DEFINITION = "Definición de la encuesta (YAML)"
SURVEY_DEFINITION_HINT = (
    "Máximo {n} caracteres. Se guarda en borrador: puede revisarla antes de lanzarla."
)
SURVEY_CREATE_SUBMIT = "Crear la encuesta"
SURVEY_CREATED = "Se creó la encuesta «{title}» en borrador. Revísela y lánzela cuando esté lista."
SURVEY_FORM_ERRORS = "No se creó la encuesta. Corrija lo siguiente:"
SURVEY_BAD_DATE = "La fecha «{label}» no es válida (use AAAA-MM-DD)."
SURVEY_NO_DEPARTMENTS = "Elija al menos una dependencia para la audiencia."
SURVEY_NO_KIND = "Elija el tipo de vinculación de la audiencia."
SURVEY_BAD_AUDIENCE = "La audiencia elegida no es válida."
SURVEY_DEFINITION_EMPTY = "Escriba la definición de la encuesta (puede partir del ejemplo)."
SURVEY_DEFINITION_TOO_LONG = "La definición tiene {size} caracteres; el máximo es {n}."
SURVEY_YAML_SYNTAX = (
    "La definición no es un YAML válido cerca de la línea {line}, columna {column}: revise la "
    "sangría, los dos puntos y las comillas."
)
SURVEY_YAML_CHARACTERS = "La definición tiene caracteres no permitidos (de control o invisibles)."
SURVEY_YAML_ALIAS = "La definición no puede usar anclas ni alias de YAML (& y *)."
SURVEY_YAML_NOT_MAPPING = (
    "La definición debe ser una lista de claves como en el ejemplo (title:, intro:, questions:)."
)
SURVEY_YAML_UNKNOWN_KEYS = "Claves desconocidas en la definición: {keys}. Se permiten: {allowed}."
SURVEY_FIELD_NAMES = {
    "title": "Título", "period_label": "Nombre del periodo", "opens_on": "Abre el",
    "closes_on": "Cierra el", "intro": "intro", "results_where": "results_where",
    "questions": "questions", "max_reminders": "max_reminders",
    "reminder_every_hours": "reminder_every_hours", "audience": "Audiencia",
}
SURVEY_QUESTION_AT = "Pregunta {n}"
SURVEY_ERROR_MISSING = "{where}: falta «{field}»."
SURVEY_ERROR_CHOICES = "{where}: «{field}» debe ser uno de: {expected}."
SURVEY_ERROR_TEXT = "{where}: «{field}» debe ser un texto."
SURVEY_ERROR_LIST = "{where}: «{field}» debe ser una lista."
SURVEY_ERROR_TOO_LONG = "{where}: «{field}» es demasiado largo (máximo {n})."
SURVEY_ERROR_EMPTY = "{where}: «{field}» no puede quedar vacío."
SURVEY_ERROR_MAPPING = "{where}: debe ser un bloque con kind, value y text (como en el ejemplo)."
SURVEY_ERROR_VALUE = "{where}: «{field}» no es válido."
SURVEY_DEFINITION_WHERE = "Definición"
SURVEY_FORM_WHERE = "Formulario"
SURVEY_DEFINITION_INVALID = "La definición no es válida; compárela con el ejemplo."
SURVEY_KIND_NAMES = {
    "likert": "Frecuencia (nunca … siempre)", "likert_acuerdo": "Acuerdo (1 a 5)",
    "choice": "Opción única", "dilemma": "Dilema", "text": "Texto libre (opcional)",
}

SURVEY_DETAIL_PARTICIPATION = "Participación"
SURVEY_IN_PROGRESS = "Respondiendo"
SURVEY_QUESTIONS = "Preguntas ({n})"
COL_POSITION = "#"
COL_VALUE = "Valor"
COL_QUESTION_KIND = "Tipo"
COL_QUESTION = "Pregunta"
SURVEY_AUDIENCE_IS_ALL = "Todas las personas con el chat vinculado"
SURVEY_AUDIENCE_IS_DEPARTMENTS = "Dependencias: {names}"
SURVEY_AUDIENCE_IS_KINDS = "Tipo de vinculación: {names}"
SURVEY_AUDIENCE_IS_PEOPLE = "Una lista de {n} personas"
SURVEY_LAUNCH_LINK = "Lanzar la encuesta…"
SURVEY_LAUNCH_TITLE = "Lanzar «{title}»"
SURVEY_LAUNCH_COUNT = "Se enviarán {n} invitaciones por el chat."
SURVEY_LAUNCH_WHO = (
    "Reciben la invitación las personas activas de la audiencia con Telegram vinculado. Los "
    "recordatorios salen después a quien no haya terminado."
)
SURVEY_LAUNCH_SUBMIT = "Sí, lanzar y enviar {n} invitaciones"
SURVEY_LAUNCH_CANCEL = "No, volver a la encuesta"
SURVEY_LAUNCH_NOT_DRAFT = (
    "Esta encuesta ya no está en borrador ({status}); no se puede lanzar de nuevo."
)
SURVEY_LAUNCHED = "Encuesta lanzada: se enviaron {n} invitaciones."
SURVEY_CLOSE_SUBMIT = "Cerrar la encuesta"
SURVEY_CLOSE_HELP = (
    "Al cerrarla nadie más puede responder, se borran los borradores sin terminar y se pueden "
    "ver los resultados."
)
SURVEY_CLOSED = "Encuesta cerrada. Ya puede ver los resultados."
SURVEY_RESULTS_LINK = "Ver los resultados"
SURVEY_RESULTS_LATER = (
    "Los resultados estarán disponibles cuando la encuesta cierre, para que nadie pueda deducir "
    "las respuestas de una persona comparando momentos distintos."
)
SURVEY_DIAGNOSIS = "Diagnóstico de Integridad"
SURVEY_DIAGNOSIS_XLSX = "Descargar el diagnóstico (XLSX)"
SURVEY_DIAGNOSIS_HTML = "Diagnóstico listo para imprimir (HTML)"
SURVEY_CHART_FILES = "Gráfica por valor para el informe:"
SURVEY_COMMENTS_LINK = "Leer los comentarios libres"

SURVEY_RESULTS_TITLE = "Resultados: {title}"
SURVEY_FILTER_DEPARTMENT = "Dependencia"
SURVEY_FILTER_KIND = "Tipo de vinculación"
SURVEY_FILTER_ALL_DEPARTMENTS = "Todas"
SURVEY_FILTER_ALL_KINDS = "Todos"
SURVEY_FILTER_SUBMIT = "Ver"
SURVEY_FILTER_HINT = "Se corta por una sola dimensión a la vez: dependencia o tipo de vinculación."
SURVEY_GROUP_TOTAL = "Todas las respuestas"
SURVEY_GROUP_HEADING = "{label}: {n} respuestas"
SURVEY_SUPPRESSED = (
    "«{label}» no se muestra por separado: para proteger el anonimato solo se muestran grupos "
    "de 5 o más respuestas, y los grupos pequeños se suman en «Otras» (junto con otros grupos "
    "cuando hace falta para que no se puedan deducir restando)."
)
SURVEY_NOT_CROSSED = (
    "Por anonimato, los resultados no se cruzan por dependencia y tipo de vinculación a la vez: "
    "esa combinación podría aislar a menos de 5 personas. Elija solo uno de los dos filtros."
)
SURVEY_BY_VALUE = "Promedio por valor (1 a 5)"
SURVEY_BY_QUESTION = "Por pregunta"
SURVEY_SEE_DATA = "Ver los datos"
COL_MEAN = "Promedio"
COL_PREVIOUS = "Periodo anterior"
COL_OPTION = "Respuesta"
COL_COUNT = "Respuestas"
COL_SHARE = "Porcentaje"
COL_GROUP = "Grupo"
SURVEY_ANSWERED = "{n} respuestas · promedio {mean}"
SURVEY_ANSWERED_NO_MEAN = "{n} respuestas"
SURVEY_GROUPS_DEPARTMENT = "Comparación por dependencia"
SURVEY_GROUPS_KIND = "Comparación por tipo de vinculación"
SURVEY_GROUPS_NONE = "No hay grupos de 5 o más respuestas que se puedan mostrar por separado."
SURVEY_GROUPS_HELP = "Solo grupos de 5 o más respuestas; los demás se suman en «Otras»."
SURVEY_GENERAL = "General"  # questions not tied to one value
SURVEY_COMMENTS_TITLE = "Comentarios libres: {title}"
SURVEY_COMMENTS_INTRO = (
    "Solo para Administración y Talento Humano. Se guardan sin nombre, sin dependencia y sin "
    "hora, y se muestran sin grupo. Pueden contener datos de otras personas: no los copie fuera del diagnóstico."
)
SURVEY_COMMENTS_NONE = "No hay comentarios para mostrar (o respondieron menos de 5 personas)."
SURVEY_BACK = "← Volver a la encuesta"
SURVEY_BACK_LIST = "← Todas las encuestas"
CARD_SURVEY_NONE = "Aún no hay encuestas lanzadas."
SURVEY_NOT_STARTED = "Sin empezar"
SURVEY_NOT_READY_TITLE = "Resultados aún no disponibles"
# ---- Retroalimentación rápida (encuestas) ----
FEEDBACK_TITLE = "Retroalimentación rápida"
FEEDBACK_INTRO = (
    "Las reacciones a las piezas del valor de la semana y el «¿Te sirvió?» de las consultas, en "
    "el periodo elegido. Son conteos: no se muestra a ninguna persona."
)
FEEDBACK_SINCE = "Desde"
FEEDBACK_UNTIL = "Hasta"
FEEDBACK_PERIOD_HINT = "Sin fechas se muestran los últimos 90 días; máximo dos años."
FEEDBACK_SHOWING = "Periodo: del {since} al {until}."
FEEDBACK_CHART_VALUES = "Reacciones por valor"
FEEDBACK_CHART_VOTES = "¿Te sirvió la respuesta?"
FEEDBACK_YES = "Sí"
FEEDBACK_NO = "No"
FEEDBACK_NO_CHART = "No hay cifras suficientes para la gráfica (se necesitan 5 o más)."
FEEDBACK_SEE_DATA = "Ver los datos"
FEEDBACK_BACK = "Volver a Encuestas"

# ---- Survey invitations in Campañas ----
INVITATION_KIND = "Invitación a una encuesta (la crea la encuesta al lanzarse)"
INVITATION_PIECE = "Mensaje de invitación"
INVITATION_HINT = ("Así lo recibe cada persona, con el botón para responder. El texto lo define la "
                   "encuesta y no se edita aquí; puede pausar, reanudar o cancelar el envío.")
