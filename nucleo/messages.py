"""Spanish texts of the shared core (API errors, CLI, directory import)."""

SETTINGS_INVALID = "Configuración inválida: {problems}"
SETTINGS_REMINDER_DAYS = ("debe ser un número entero de días, de 1 a {limit}: cada cuántos días se "
                          "recuerda de nuevo su declaración a quien sigue pendiente")
SETTINGS_REMINDER_FINAL_DAYS = ("debe ser un número entero de días, de 0 a {limit}: cuántos días "
                                "antes del plazo sale el último recordatorio de la declaración")
SETTINGS_REMINDER_FINAL_GAP = ("debe ser un número entero de días, de 1 a {limit}: el último "
                               "recordatorio le llega a quien no recibió ninguno en esos días")
SETTINGS_TIMEZONE = "zona horaria desconocida: {value!r}"
SETTINGS_DB_SCHEME = "use una URL postgresql:// o sqlite://"
SETTINGS_DB_MALFORMED = "la URL de la base de datos está mal formada"
SETTINGS_SMTP_NO_FROM = (
    "VALOR_SMTP_HOST está definida pero falta VALOR_SMTP_FROM (la dirección que envía los "
    "correos); defínala o quite VALOR_SMTP_HOST para apagar el correo"
)
SETTINGS_SMTP_NO_HOST = (
    "VALOR_SMTP_FROM está definida pero falta VALOR_SMTP_HOST (el servidor de correo)"
)
SETTINGS_SMTP_LOGIN = (
    "VALOR_SMTP_USER y VALOR_SMTP_PASSWORD van juntas: defina las dos o ninguna"
)
# The asset declarations (nucleo/asset_filings.py), named alike by the declarations and the
# campaigns' audience «pendientes_bienes».
ASSET_KINDS = {"bienes_rentas": "Declaración de bienes y rentas",
               "ley_2013": "Publicación Ley 2013 de 2019",
               "preventiva": "Declaración preventiva anual de conflictos de intereses"}
HEALTH_DB_DOWN = "La base de datos no responde."
METRICS_OFF = "Las métricas están apagadas: defina VALOR_METRICS_TOKEN para activarlas."
METRICS_TOKEN = "Falta el token de las métricas o no es válido (Authorization: Bearer …)."
BAD_REQUEST = "La solicitud no se pudo leer. Revise el formato de lo que envió."
STAFF_LAST_ADMIN = "No se puede desactivar la última cuenta de administración activa."
STAFF_SELF = "No puede desactivar su propia cuenta."
STAFF_CREATED = "Cuenta creada: {email} ({role})."
FIRST_ADMIN_NAME = "Administración"
FIRST_ADMIN_FAILED = "No se pudo crear la primera cuenta de administración: {reason}"
PASSWORD_PROMPT = "Contraseña"
PASSWORD_CONFIRM = "Repita la contraseña"
IMPORT_PROGRESS = "Importando"
INVITATIONS_QUEUED = ("Invitaciones en cola: {n} en esta ronda. El trabajador de campañas las "
                      "envía al ritmo configurado; vea el avance en la consola, Campañas.")

INVALID_CREDENTIALS = "Correo o contraseña incorrectos."
TOO_MANY_ATTEMPTS = "Demasiados intentos fallidos. Espere {seconds} segundos e intente de nuevo."
NOT_AUTHENTICATED = "Debe iniciar sesión para continuar."
TOKEN_INVALID_LINK = "El enlace o el código no es válido."
TOKEN_EXPIRED = "El enlace o el código ya venció."
TOKEN_INVALID = "La sesión no es válida o ya venció. Inicie sesión de nuevo."
FORBIDDEN_ROLE = "Su rol no tiene permiso para esta acción."
NOT_FOUND = "No encontramos lo que busca."
ROUTE_NOT_FOUND = "Esta dirección no existe."
METHOD_NOT_ALLOWED = "Este método no está permitido en esta dirección."
VALIDATION_FAILED = "Algunos datos no son válidos. Revise los campos señalados."
INTERNAL_ERROR = "Ocurrió un error inesperado. Ya quedó registrado; intente de nuevo más tarde."
PAYLOAD_TOO_LARGE = "El contenido enviado es demasiado grande."
HTTP_ERRORS = {
    400: "La solicitud no se pudo leer o el enlace no es válido.",
    401: "Falta un token válido (o las credenciales no son correctas).",
    403: "El rol del token no tiene permiso para esta acción.",
    404: "No existe lo que se pide.",
    409: "El estado actual no permite la acción.",
    413: "El contenido enviado es demasiado grande.",
    422: "Algunos datos no son válidos; «details» dice cuáles.",
    429: "Demasiados intentos; «Retry-After» dice cuántos segundos esperar.",
    503: "El servicio aún no está listo; intente de nuevo en unos segundos.",
}
BODY_TOO_LARGE = "El contenido enviado es demasiado grande: el máximo es {limit_mb} MB."

STAFF_EXISTS = "Ya existe una cuenta con el correo {email}."
STAFF_EXISTS_INACTIVE = ("Ya existe una cuenta desactivada con el correo {email}. "
                         "Reactívela desde la lista del personal en vez de crear otra.")
STAFF_ROLE_SELF = "No puede cambiar el rol de su propia cuenta."
STAFF_ROLE_LAST_ADMIN = "No se puede quitar el rol de administración a la última cuenta activa que lo tiene."
STAFF_ALREADY_ACTIVE = "Esa cuenta ya está activa."
STAFF_TELEGRAM_USED = ("Ese enlace ya se usó o se reemplazó. Abra de nuevo «Vincular mi Telegram» "
                       "en la consola.")
STAFF_INACTIVE = "Esa cuenta está desactivada; reactívela primero."
STAFF_RESET_SELF = "Para cambiar su propia contraseña use «Mi cuenta»."
STAFF_BAD_ROLE = "Rol desconocido: {role}. Use uno de: {roles}."
STAFF_BAD_EMAIL = "El correo {email!r} no es válido."
STAFF_SHORT_PASSWORD = "La contraseña debe tener al menos {n} caracteres."
STAFF_WEAK_PASSWORD = (
    "Esa contraseña es muy fácil de adivinar: es común o usa su nombre, su correo o el de la "
    "entidad. Use una frase de varias palabras que no tengan que ver con usted ni con la entidad.")
STAFF_WRONG_PASSWORD = "La contraseña actual no es correcta."
STAFF_NOT_FOUND = "No existe esa cuenta de personal."
STAFF_NAME_REQUIRED = "El nombre es obligatorio."

FIRST_ADMIN_CREATED = "Se creó la primera cuenta de administración (VALOR_ADMIN_EMAIL)."
NO_ADMIN_HINT = (
    "Aún no hay ninguna cuenta de administración. Cree una con:\n"
    "  valor staff add correo@entidad.gov.co --nombre 'Su nombre' --rol admin\n"
    "o defina VALOR_ADMIN_EMAIL y VALOR_ADMIN_PASSWORD antes de iniciar."
)
DB_UNREACHABLE = "No se pudo conectar a la base de datos ({url}): {reason}"
DB_UPGRADED = "Base de datos actualizada a la última versión."
SERVICE_STARTING = "El Valor Soy Yo escucha en http://{host}:{port} (base de datos: {backend})."
SERVICE_ROLE = {
    "all": "Papel: completo (web, bot, programador y envíos; estos últimos si es el líder).",
    "web": "Papel: web (API, consola, portal y webhooks; no envía ni programa).",
    "worker": "Papel: trabajador (envíos, programador y sondeo de Telegram si es el líder; "
              "en HTTP solo /health, /ready y /metrics).",
}
ROLE_UNKNOWN = "--role debe ser web, worker o all (no «{role}»)."
LEADERSHIP_LOST = (
    "Este proceso perdió el liderazgo (se cayó su conexión con PostgreSQL): detuvo los envíos "
    "y termina para que otro trabajador continúe."
)
TELEGRAM_OFF = "Telegram está apagado: defina VALOR_TELEGRAM_TOKEN para activarlo."
EPHEMERAL_SECRET = (
    "VALOR_SECRET_KEY no está definida: las sesiones se cerrarán al reiniciar el servicio."
)

# How a field's value fails validation, by pydantic error type.
FIELD_PROBLEMS = {
    "missing": "es obligatorio",
    "string_too_long": "es demasiado largo",
    "string_too_short": "es demasiado corto",
    "too_long": "tiene demasiados elementos",
    "too_short": "es demasiado corto",
    "int_parsing": "debe ser un número entero",
    "int_type": "debe ser un número entero",
    "float_parsing": "debe ser un número",
    "bool_parsing": "debe ser verdadero o falso",
    "datetime_parsing": "debe ser una fecha y hora (ISO 8601)",
    "datetime_from_date_parsing": "debe ser una fecha y hora (ISO 8601)",
    "date_parsing": "debe ser una fecha (AAAA-MM-DD)",
    "enum": "no es una de las opciones permitidas",
    "literal_error": "no es una de las opciones permitidas",
    "value_error": "no es válido",
    "greater_than_equal": "es demasiado pequeño",
    "less_than_equal": "es demasiado grande",
    "json_invalid": "no es JSON válido",
    "model_attributes_type": "debe ser un objeto",
    "dict_type": "debe ser un objeto",
    "list_type": "debe ser una lista",
    "string_type": "debe ser texto",
    "extra_forbidden": "no se esperaba este campo",
}
FIELD_PROBLEM_DEFAULT = "no es válido"

# The command line's usage line and usage errors (Click's own texts are English)
CLI_USAGE = "Uso: "
CLI_MISSING = {
    "argument": "Falta el argumento «{name}».",
    "option": "Falta la opción «{name}».",
    "parameter": "Falta el parámetro «{name}».",
}
CLI_BAD_VALUE = "Valor no válido para «{name}»: {reason}"
CLI_NO_OPTION = "No existe la opción {name}."
CLI_DID_YOU_MEAN = "¿Quiso decir {options}?"
CLI_NO_COMMAND = "No existe el comando «{name}»."
CLI_NO_FILE = "no existe el archivo {path} (o es una carpeta)."
CLI_NO_FOLDER = "no existe la carpeta {path}."

# The Telegram rate limiter's configuration errors (nucleo.ratelimit)
RATE_BAD_LIMITS = "Los límites de envío deben ser números positivos."
RATE_BAD_PAUSE = "La pausa debe ser un número de segundos no negativo."
