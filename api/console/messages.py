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
