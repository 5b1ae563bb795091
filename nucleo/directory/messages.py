"""Spanish texts of the directory import."""

EMPTY_FILE = "El archivo está vacío."
NOT_TEXT = "El archivo no parece un CSV de texto (¿es un Excel u otro archivo binario?)."
NOT_TABLE = ("El archivo parece binario (una imagen u otro tipo): no es un CSV de texto ni un "
             "Excel (.xlsx). Guárdelo como «Libro de Excel (.xlsx)» o «CSV UTF-8» e inténtelo "
             "de nuevo.")
XLSX_BAD = ("No se pudo leer el Excel: el archivo está dañado o no es un libro .xlsx. Ábralo en "
            "Excel, guárdelo de nuevo como «Libro de Excel (.xlsx)» o como CSV e inténtelo otra vez.")
XLSX_TOO_BIG = ("El Excel es demasiado grande una vez descomprimido (más de {mb} MB). Deje solo "
                "la hoja del directorio o guárdelo como CSV.")
OLD_EXCEL = ("Es un Excel antiguo (.xls) o protegido con contraseña, que no se puede leer. "
             "Quite la contraseña y guárdelo como «Libro de Excel (.xlsx)» o como CSV.")
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
ROW_BAD_DATE = "La fecha «{value}» no es válida (use AAAA-MM-DD o DD/MM/AAAA)."
ROW_LONG_NAME = "El nombre supera 200 caracteres."
ROW_NO_ID = "Falta el documento y el correo: se necesita al menos uno."
ROW_BAD_EMAIL = "Correo no válido: {value}."
ROW_BAD_DOCUMENT = "Documento no válido: {value} (solo letras y números, de 3 a 20)."
ROW_BAD_KIND = "Tipo no reconocido: {value}. Use servidor o contratista."
ROW_NO_DEPARTMENT = "Falta la dependencia."
ROW_DUP_DOCUMENT = "Documento repetido: ya aparece en la línea {line}."
ROW_DUP_EMAIL = "Correo repetido: ya aparece en la línea {line}."
ROW_EMAIL_TAKEN = "El correo ya pertenece a otra persona del directorio."
ROW_BAD_MOBILE = "Celular no válido: {reason}"
ROW_DUP_MOBILE = "Celular repetido: ya aparece en la línea {line}."
ROW_MOBILE_TAKEN = "El celular ya pertenece a otra persona del directorio."
MOBILE_EMPTY = "Falta el número de celular."
MOBILE_BAD = ("«{value}» no es un número de celular válido (escríbalo como 300 123 4567, o con "
              "el indicativo del país si es extranjero: +1 202 555 0143).")
MOBILE_NOT_MOBILE = "«{value}» es un teléfono fijo, no un celular."
ROW_SUPERIOR_SELF = "La persona no puede ser su propio jefe inmediato."
ROW_SUPERIOR_LONG = "El jefe inmediato supera 200 caracteres."
ROW_SUPERIOR_BAD_EMAIL = "Correo del jefe inmediato no válido: {value}."
ROW_SUPERIOR_BAD_DOCUMENT = ("Documento del jefe inmediato no válido: {value} (solo letras y "
                             "números, de 3 a 20).")
ROW_SUPERIOR_SHORT_NAME = ("Jefe inmediato «{value}»: escriba su nombre completo, su cédula o "
                           "su correo.")
# the superior column is checked after the people are saved: the person's row is imported and
# only the superior is left as it was
SUPERIOR_UNKNOWN = ("No se asignó el jefe inmediato: «{value}» no está en el directorio ni "
                    "entre las filas importadas del archivo. Los demás datos de la persona sí "
                    "se importaron.")
SUPERIOR_AMBIGUOUS = ("No se asignó el jefe inmediato: el nombre «{value}» es de {n} personas "
                      "del directorio; escriba su cédula o su correo. Los demás datos de la "
                      "persona sí se importaron.")
SUPERIOR_RETIRED = ("No se asignó el jefe inmediato: «{value}» está retirado/a del directorio. "
                    "Los demás datos de la persona sí se importaron.")
SUPERIOR_IS_SELF = ("No se asignó el jefe inmediato: «{value}» es la misma persona de la fila. "
                    "Los demás datos de la persona sí se importaron.")
SUPERIOR_CYCLE = ("No se asignó el jefe inmediato: «{value}» ya depende de esta persona "
                  "(directamente o a través de otros jefes), así que se formaría un ciclo. "
                  "Los demás datos de la persona sí se importaron.")
SUPERIOR_TOO_DEEP = ("No se asignó el jefe inmediato: por encima de «{value}» hay más de {n} "
                     "niveles de jefes; revise la columna (¿cada fila apunta a la anterior?). "
                     "Los demás datos de la persona sí se importaron.")
SUPERIOR_REPORT = " Jefes inmediatos asignados o cambiados: {set}; sin asignar: {refused}."
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
CREATE_OPTION_HINT = (
    "{n} filas nombran dependencias que no existen en el sistema y no se importaron. "
    "Si son dependencias nuevas, vuelva a importar el archivo con la opción «Crear las "
    "dependencias que no existan» marcada: se crearán con el nombre tal como viene en el archivo. "
    "Si es un error de escritura, corrija el nombre en el archivo (se sugiere el más parecido "
    "cuando lo hay); una dependencia nunca se crea ni se cambia sin esa opción."
)

PERSON_NOT_FOUND = "La persona no existe en el directorio."
EDIT_NAME_REQUIRED = "Escriba el nombre de la persona."
EDIT_NAME_TOO_LONG = "El nombre supera {n} caracteres."
EDIT_BAD_DOCUMENT = "Documento no válido: solo letras y números, de 3 a 20 (los puntos se quitan)."
EDIT_BAD_EMAIL = "El correo no es válido."
EDIT_BAD_KIND = "Elija el tipo de vinculación: servidor o contratista."
EDIT_BAD_DEPARTMENT = "La dependencia elegida no existe."
EDIT_NEEDS_ID = "Una persona del directorio necesita documento o correo: deje al menos uno."
EDIT_DOCUMENT_TAKEN = "Ese documento ya pertenece a otra persona del directorio."
EDIT_EMAIL_TAKEN = "Ese correo ya pertenece a otra persona del directorio."
EDIT_MOBILE_TAKEN = "Ese celular ya pertenece a otra persona del directorio."
ALREADY_RETIRED = "La persona ya está retirada."
NOT_RETIRED = "La persona no está retirada."

EXPORT_HEADER = ("Nombre", "Documento", "Correo", "Dependencia", "Tipo", "Estado",
                 "Retirada el", "Suscrita", "Celular", "Jefe inmediato")
EXPORT_SHEET = "Directorio"
KIND_NAMES = {"servidor": "Servidor(a)", "contratista": "Contratista"}
STATUS_NAMES = {"activa": "Activa", "inactiva": "Retirada"}
YES = "Sí"
NO = "No"

# -- Link between a chat and a directory row (#17) -----------------------------------------
LINK_NOT_FOUND = "Esa persona no está en el directorio o fue retirada."
LINK_TAKEN = ("Esa persona del directorio ya está vinculada a otro chat de este canal. "
              "Si es usted y quiere pasar la vinculación a este chat, confírmelo.")
LINK_CHAT_TAKEN = ("Este chat ya está vinculado a otra persona del directorio. Si quiere "
                   "cambiar la vinculación, confírmelo.")
LINK_TOKEN_USED = "Esta invitación ya se usó. Pida a Talento Humano una nueva si la necesita."
LINK_TOKEN_REVOKED = "Esta invitación fue anulada. Pida a Talento Humano una nueva."
LINK_TOO_MANY_CODES = ("Ya pidió varios códigos en la última hora. Espere un rato antes de "
                       "pedir otro.")
LINK_TOO_MANY_CODES_ADDRESS = ("Ya se pidieron varios códigos para esa dirección en poco tiempo. "
                               "Por seguridad, espere {wait} y escriba /vincular para pedir otro.")
WAIT_MINUTES = {1: "un minuto"}  # else «unos N minutos»
WAIT_SOME_MINUTES = "unos {n} minutos"
LINK_CODE_NONE = "No hay un código pendiente para este chat. Escriba /vincular para pedir uno."
LINK_CODE_REVOKED = ("Se anularon las invitaciones y los códigos de esa persona. "
                     "Escriba /vincular para pedir un código nuevo.")
LINK_CODE_EXPIRED = "El código ya venció. Escriba /vincular para pedir otro."
LINK_CODE_WRONG = "El código no coincide. Le quedan {left} intentos."
LINK_CODE_LOCKED = ("Hubo demasiados intentos con ese código. Espere 15 minutos y escriba "
                    "/vincular para pedir uno nuevo.")
# HR sets or clears one person's jefe inmediato in the console or the API (#18)
EDIT_SUPERIOR_EMPTY = "Escriba la cédula, el correo o el nombre del jefe inmediato."
EDIT_SUPERIOR_NOT_FOUND = ("Nadie activo del directorio coincide con «{value}». Busque por "
                           "cédula, correo o nombre completo.")
EDIT_SUPERIOR_CHOOSE = ("«{value}» coincide con {n} personas del directorio: elija una de la "
                        "lista (no se asignó ningún jefe).")
EDIT_SUPERIOR_UNKNOWN = "Esa persona no está activa en el directorio: no puede ser jefe inmediato."
EDIT_SUPERIOR_SELF = "La persona no puede ser su propio jefe inmediato."
EDIT_SUPERIOR_CYCLE = ("{name} ya depende de esta persona (directamente o a través de otros "
                       "jefes): asignarlo/a formaría un ciclo. No se cambió nada.")
EDIT_SUPERIOR_TOO_DEEP = ("Por encima de {name} hay más de {n} niveles de jefes: revise el "
                          "directorio. No se cambió nada.")
EDIT_SUPERIOR_BOTH = "Envíe «superior_id» o «superior», no los dos."
EDIT_SUPERIOR_NEITHER = ("Envíe «superior_id» (un número, o null para quitar el jefe) o "
                         "«superior» (cédula, correo o nombre).")
