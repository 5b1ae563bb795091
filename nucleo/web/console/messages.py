"""The console shell's Spanish texts: layout, navigation, roles, errors and the words several
pages share (filters, columns, pagination). Each feature keeps its own console texts in
``<feature>/web/messages.py``; templates read them all as ``m.NAME``."""

CONSOLE_NAME = "Consola de Talento Humano"
SKIP_LINK = "Saltar al contenido"
NAV_LABEL = "Secciones de la consola"
LOGOUT = "Cerrar sesión"
SESSION_ENDED = "Su sesión terminó. Inicie sesión de nuevo."

ROLE_NAMES = {
    "admin": "Administración",
    "talento_humano": "Talento Humano",
    "asesor": "Asesoría",
    "auditor": "Auditoría",
    "juridica": "Jurídica / Control Interno",
}
KIND_NAMES = {"servidor": "Servidor/a", "contratista": "Contratista", None: "Sin tipo"}

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

# Words several pages share: filters, columns, pagination
FILTER = "Filtrar"
SORT_BY = "Ordenar por"
COL_NAME = "Nombre"
COL_EMAIL = "Correo"
COL_DEPARTMENT = "Dependencia"
COL_KIND = "Tipo"
COL_STATUS = "Estado"
COL_VALUE = "Valor"
COL_ACTIONS = "Acciones"
YES = "Sí"
NO = "No"
NEVER = "Nunca"
PAGE_OF = "Página {page} de {pages} ({total} en total)"
PREVIOUS = "Anterior"
NEXT = "Siguiente"
PAGINATION = "Paginación"

# Confirmation pages (nucleo.web.console.confirm)
CONFIRM_CANCEL = "No, volver"
CONFIRM_ITEMS = "Marcadas ({n})"

# Bulk actions on a list (nucleo.web.console.bulk)
BULK_LEGEND = "Con las marcadas"
BULK_ACTION = "Acción"
BULK_APPLY = "Aplicar a las marcadas"
BULK_CHOOSE = "Marcar"
BULK_BAD_ACTION = "Elija una acción de la lista."
BULK_PICK_ACTION = "— Elija una acción —"  # the empty first option: nothing preselected
BULK_NO_ACTION = "No eligió qué hacer con las marcadas. Vuelva a la lista y elija una acción."
BULK_NOT_ALLOWED = "Su rol no permite esta acción."
BULK_BAD_IDS = "La selección no es válida. Vuelva a la lista y marque de nuevo."
BULK_TOO_MANY = "Marque como máximo {max} a la vez."
BULK_ITEM_GONE = "N.º {id} (ya no existe)"
BULK_REASON = "Motivo"

# Trend cards on Inicio
TREND_EMPTY_WEEKS = "Sin datos en las últimas {n} semanas."
TREND_EMPTY_MONTHS = "Sin datos en los últimos {n} meses."
TREND_EMPTY_YEARS = "Sin datos en los últimos {n} años."
