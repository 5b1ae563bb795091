"""Spanish texts of the directory import."""

EMPTY_FILE = "El archivo está vacío."
NOT_TEXT = "El archivo no parece un CSV de texto (¿es un Excel u otro archivo binario?)."
TOO_LARGE = "El archivo supera el tamaño máximo de {mb} MB."
MISSING_COLUMNS = (
    "Faltan columnas obligatorias: {missing}. Columnas encontradas: {found}. "
    "Se esperan: nombre, dependencia, tipo y al menos una de documento o correo."
)
NO_ROWS = "El archivo solo tiene encabezados; no hay personas para importar."
ROW_FIELDS = "La fila tiene {got} campos y el encabezado {expected}."
ROW_NO_NAME = "Falta el nombre."
ROW_TOO_LONG = "La fila supera {n} caracteres."
ROW_BAD_QUOTES = "Comillas sin cerrar o mal puestas en la fila."
ROW_LONG_NAME = "El nombre supera 200 caracteres."
ROW_NO_ID = "Falta el documento y el correo: se necesita al menos uno."
ROW_BAD_EMAIL = "Correo no válido: {value}."
ROW_BAD_DOCUMENT = "Documento no válido: {value} (solo letras y números, de 3 a 20)."
ROW_BAD_KIND = "Tipo no reconocido: {value}. Use servidor o contratista."
ROW_NO_DEPARTMENT = "Falta la dependencia."
ROW_DUP_DOCUMENT = "Documento repetido: ya aparece en la línea {line}."
ROW_DUP_EMAIL = "Correo repetido: ya aparece en la línea {line}."
ROW_EMAIL_TAKEN = "El correo ya pertenece a otra persona del directorio."
ROW_UNKNOWN_DEPARTMENT = "Dependencia desconocida: {value}."
ROW_UNKNOWN_DEPARTMENT_HINT = "Dependencia desconocida: {value}. ¿Quiso decir «{hint}»?"

REPORT = (
    "Importación terminada: {created} nuevas, {updated} actualizadas, {unchanged} sin cambios, "
    "{departments} dependencias nuevas, {rejected} filas rechazadas."
)
REJECTED_ROW = "Línea {line}: {reason}"
IMPORT_INTERRUPTED = (
    "La importación se interrumpió porque otra operación cambió el directorio al mismo tiempo. "
    "Vuelva a importar el archivo: lo ya importado no se duplica."
)
