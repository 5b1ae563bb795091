"""The Spanish texts of the directory's console page and Inicio cards."""

CARD_PEOPLE_BY_DEPARTMENT = "Personas por dependencia"
CARD_PEOPLE_BY_KIND = "Personas por tipo de vinculación"
CARD_SUBSCRIBERS = "Suscripción al bot"
CARD_NO_DATA = "Aún no hay datos. Importe el directorio para empezar."
SUBSCRIBED = "Suscritas a los mensajes"
WITH_TELEGRAM = "Con Telegram vinculado"
TOTAL = "Total"

# Directory
DIRECTORY_TITLE = "Directorio"
DEPARTMENTS = "Dependencias"
PEOPLE = "Personas"
ALL_DEPARTMENTS = "Todas las dependencias"
SEARCH = "Buscar por nombre o correo"
COL_SUBSCRIBED = "Suscrita"
COL_TELEGRAM = "Telegram"
SORTS = {
    "nombre": "Nombre (A-Z)",
    "-nombre": "Nombre (Z-A)",
    "dependencia": "Dependencia",
    "recientes": "Más recientes primero",
}
NO_PEOPLE = "No hay personas que coincidan."
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
