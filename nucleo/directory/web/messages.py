"""The Spanish texts of the directory's console page and Inicio cards."""

from nucleo.directory.link import INVITATION_DAYS
from nucleo.formats import number

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
SEARCH = "Buscar por nombre, cédula o correo"
COL_SUBSCRIBED = "Suscrita"
COL_TELEGRAM = "Telegram"
SORTS = {
    "nombre": "Nombre (A-Z)",
    "-nombre": "Nombre (Z-A)",
    "dependencia": "Dependencia",
    "recientes": "Más recientes primero",
}
NO_PEOPLE = "No hay personas que coincidan."
IMPORT_TITLE = "Importar el directorio (CSV o Excel)"
IMPORT_FILE = "Archivo CSV o Excel (.xlsx) de la hoja de cálculo"
IMPORT_HELP = (
    "Columnas: nombre, documento (o cédula), correo, dependencia y tipo (servidor o contratista). "
    "Celular opcional. Excel (.xlsx): se lee la primera hoja. CSV: UTF-8 o Latin-1, separado "
    "por comas o punto y coma."
)
IMPORT_CREATE_DEPARTMENTS = "Crear las dependencias que no existan"
IMPORT_SUBMIT = "Importar"
IMPORT_RESULT = "Resultado de la importación"
IMPORT_REJECTED = "Filas rechazadas"
IMPORT_SUPERIOR_REJECTED = "Jefes inmediatos sin asignar (la persona sí se importó)"
FIELD_SUPERIOR = "Jefe inmediato"
NO_SUPERIOR = "Sin registrar en el directorio"
SUPERIOR_RETIRED = "retirado/a"
SUPERIOR_HINT = ("El jefe inmediato se carga al importar el directorio (columna «jefe "
                 "inmediato»: su cédula, su correo o su nombre completo) o se cambia aquí. Es "
                 "quien decide los impedimentos y las recusaciones de esta persona. Cambiarlo "
                 "no mueve las declaraciones abiertas cuyo enlace para decidir ya recibió el "
                 "jefe anterior: si debe decidir el nuevo, genere un enlace nuevo en "
                 "Declaraciones.")
SUPERIOR_CHANGE = "Cambiar el jefe inmediato"
SUPERIOR_SEARCH = "Cédula, correo o nombre del jefe inmediato"
SUPERIOR_SEARCH_HINT = ("Si el nombre es de varias personas, o no está completo, se muestra la "
                        "lista para elegir.")
SUPERIOR_SUBMIT = "Buscar y asignar"
SUPERIOR_CANDIDATES = "Elija al jefe inmediato"
SUPERIOR_CHOOSE = "Asignar"
SUPERIOR_CLEAR = "Quitar el jefe inmediato"
SUPERIOR_SAVED = "Jefe inmediato guardado."
SUPERIOR_CLEARED = "Se quitó el jefe inmediato."
SUPERIOR_BAD_CHOICE = "Elija a una persona de la lista."
IMPORT_NO_REJECTED = "No se rechazó ninguna fila."
IMPORT_NO_FILE = "Elija un archivo CSV o Excel (.xlsx) para importar."
COL_LINE = "Línea"
COL_REASON = "Motivo"

# Retired people, export
SCOPES = {"activas": "Activas", "retiradas": "Retiradas", "todas": "Todas"}
SCOPE_LABEL = "Estado"
RETIRED_APART = "Retiradas: {n}. No reciben mensajes ni encuestas; se conservan para la historia."
SEE_RETIRED = "Ver las retiradas"
EXPORT_CSV = "Exportar CSV"
EXPORT_XLSX = "Exportar Excel"
COL_STATUS = "Estado"
COL_ACTIONS = "Acciones"
STATUS_ACTIVE = "Activa"
STATUS_RETIRED = "Retirada desde {date}"
STATUS_RETIRED_NO_DATE = "Retirada"
EDIT = "Editar"
SEE = "Ver"

# One person
PERSON_TITLE = "Persona del directorio"
PERSON_KINDS = {"servidor": "Servidor(a) público(a)", "contratista": "Contratista"}
FIELD_NAME = "Nombre completo"
FIELD_DOCUMENT = "Documento (cédula)"
FIELD_DOCUMENT_HINT = "Puede escribirlo con puntos o espacios; se guarda sin ellos."
FIELD_EMAIL = "Correo institucional"
FIELD_MOBILE = "Celular"
FIELD_MOBILE_HINT = ("Como se marca en Colombia (300 123 4567); si es extranjero, con el indicativo "
                     "del país (+1 202 555 0143). Déjelo vacío para quitarlo.")
COL_MOBILE = "Celular"
FIELD_DEPARTMENT = "Dependencia"
FIELD_KIND = "Tipo de vinculación"
NO_DEPARTMENT = "Sin dependencia"
SAVE = "Guardar cambios"
PERSON_SAVED = "Cambios guardados."
PERSON_BAD_DEPARTMENT = "La dependencia elegida no existe."
RETIRE_TITLE = "Retirar del directorio"
RETIRE_HELP = (
    "Use esta opción cuando la persona deje la entidad. Se conserva para la historia (encuestas, "
    "consultas y envíos anteriores), pero no vuelve a recibir mensajes, campañas ni encuestas."
)
RETIRE = "Retirar"
PERSON_RETIRED = "La persona quedó retirada: ya no recibirá mensajes ni encuestas."
REACTIVATE_HELP = "Si volvió a la entidad o se retiró por error, puede activarla de nuevo."
REACTIVATE = "Activar de nuevo"
PERSON_REACTIVATED = "La persona está activa de nuevo."
BACK_TO_DIRECTORY = "Volver al directorio"

# Link to the assistant (#17): invitation and revocation from the person's page
LINK_TITLE = "Vinculación con el asistente"
LINK_LINKED = "Vinculó su chat el {date}."
LINK_NOT_LINKED = "Aún no ha vinculado ningún chat."
LINK_LAST_INVITATION = "Última invitación por correo: {state} (puesta en cola el {queued})."
LINK_LAST_SENT = "Última invitación por correo: enviada el {sent}."
LINK_NO_INVITATION = "No se le ha enviado ninguna invitación."
INVITATION_STATES = {
    "pendiente": "en cola, aún sin enviar",
    "enviando": "enviándose",
    "fallida": "no se pudo enviar",
    "bloqueada": "el correo rechazó el envío",
    "incierta": "no se sabe si salió (el envío se interrumpió)",
    "cancelada": "cancelada",
}
INVITE_HELP = (
    "Envía a su correo institucional un enlace personal para vincular su chat con el "
    "directorio, solo si la persona lo autoriza. Sale con el motor de campañas (ronda de hoy "
    "desde la consola): una invitación por persona y día."
)
INVITE = "Enviar invitación"
INVITE_NO_EMAIL = "No tiene correo institucional: no se le puede enviar la invitación."
INVITE_CONFIRM_TITLE = "Enviar invitación"
INVITE_CONFIRM_QUESTION = "¿Enviar la invitación personal a {name}?"
INVITE_CONFIRM_CONSEQUENCE = (
    "Se pondrá en cola un correo a su dirección institucional con un enlace personal (sirve "
    f"una vez y vence en {INVITATION_DAYS} días) para vincular su chat con el directorio. Es lo único que "
    "recibe antes de autorizar el tratamiento de sus datos."
)
INVITE_CONFIRM_LINKED = (
    " Esta persona ya vinculó un chat: con la nueva invitación podría pasar la vinculación a "
    "otro chat, y se le pedirá confirmarlo."
)
INVITE_CONFIRM = "Sí, poner en cola la invitación"
INVITE_QUEUED = ("La invitación quedó en cola: saldrá por correo en unos minutos. El avance se ve "
                 "en Campañas y aquí mismo.")
INVITE_ALREADY = ("Esta persona ya tenía una invitación de hoy desde la consola; no se puso otra "
                  "en cola.")
INVITE_OFF = "El envío de invitaciones no está disponible en este servicio."
PRINT_HELP = (
    "¿Sin correo? Imprima la invitación y entréguela en mano: trae un enlace personal en código "
    f"QR (sirve una vez, durante {INVITATION_DAYS} días). Imprimirla anula las invitaciones anteriores, "
    "también la enviada por correo."
)
PRINT = "Imprimir invitación (PDF)"
PRINT_CONFIRM_TITLE = "Imprimir invitación"
PRINT_CONFIRM_QUESTION = "¿Generar la invitación personal impresa de {name}?"
PRINT_CONFIRM = "Sí, generar el PDF"
BULK_TITLE = "Invitar a vincularse"
BULK_HELP = (
    "Pone en cola, con el motor de campañas, la invitación personal por correo de cada persona "
    "activa con correo institucional: todas o las de una dependencia. Antes le mostramos cuántas "
    "son. Una invitación por persona y día."
)
BULK_SCOPE = "A quiénes"
BULK_SCOPES = {"sin_vincular": "Solo quienes aún no vincularon un chat",
               "todas": "Todas (también las ya vinculadas)"}
BULK_SUBMIT = "Revisar a quiénes…"
BULK_CONFIRM_TITLE = "Invitar a vincularse"
BULK_WHO_ALL = "todo el directorio"
BULK_WHO_DEPARTMENT = "la dependencia «{department}»"
BULK_CONFIRM_QUESTION = "¿Poner en cola la invitación de {people} de {who}"
BULK_ONLY_UNLINKED = " que aún no vincularon un chat?"
BULK_ALSO_LINKED = ", también las que ya vincularon un chat?"
BULK_CONFIRM_CONSEQUENCE = (
    "Cada persona recibirá en su correo institucional un enlace personal (sirve una vez y vence "
    f"en {INVITATION_DAYS} días) para vincular su chat con el directorio, solo si lo autoriza. Es lo único "
    "que recibe antes de autorizar el tratamiento de sus datos. Quien ya tenga una invitación de "
    "hoy no recibe otra. El avance se ve en Campañas."
)
BULK_CONFIRM = "Sí, poner en cola {invitations}"
BULK_QUEUED = ("En cola: {invitations}. Saldrán por correo en los próximos minutos; el avance "
               "se ve en Campañas.")


def people(n: int) -> str:
    return "1 persona" if n == 1 else f"{number(n)} personas"


def invitations(n: int) -> str:
    return "1 invitación" if n == 1 else f"{number(n)} invitaciones"
BULK_NONE_NEW = ("No se puso ninguna invitación en cola: todas esas personas ya tenían una de "
                 "hoy desde la consola.")
BULK_NOBODY = ("Nadie para invitar con esa selección: no hay personas activas con correo "
               "institucional (o todas ya vincularon un chat).")
BULK_NO_DEPARTMENT = "Esa dependencia no existe."
REVOKE = "Anular invitaciones y códigos"
PRINT_CONFIRM_CONSEQUENCE = (
    "Quien tenga el papel puede vincular su chat como esta persona: entréguelo solo a ella, "
    "en mano. Las invitaciones que se le dieron antes (por correo o impresas) dejan de servir; "
    f"si este papel se pierde, imprima otro o use «{REVOKE}». Queda registrado en la auditoría."
)
REVOKE_HELP = (
    "Si un enlace o un código pudo llegar a otra persona: deja sin efecto todas las "
    "invitaciones enviadas y los códigos de /vincular pendientes de esta persona. Los chats ya "
    "vinculados no cambian."
)
REVOKE_CONFIRM_TITLE = "Anular invitaciones y códigos"
REVOKE_CONFIRM_QUESTION = "¿Anular las invitaciones y los códigos de {name}?"
REVOKE_CONFIRM_CONSEQUENCE = (
    "Ningún enlace de invitación ya enviado servirá, y los códigos por correo pendientes "
    "dejarán de funcionar. Para vincularse después hará falta una invitación nueva o un código "
    "nuevo."
)
REVOKE_CONFIRM = "Sí, anular"
REVOKED = "Listo: se anularon las invitaciones y los códigos pendientes ({codes} códigos)."

# Coverage
COVERAGE_TITLE = "Cobertura del directorio"
COVERAGE_INTRO = (
    "Por dependencia: personas activas del directorio, cuántas vincularon un chat, cuántas "
    "dieron su autorización y a cuántas se puede llegar por cada canal. Se cuenta como "
    "alcanzable solo a quien autorizó recibir mensajes y tiene una dirección que funciona en ese "
    "canal: un correo institucional sin autorización no cuenta."
)
COVERAGE_EMPTY = "Aún no hay personas en el directorio. Importe el directorio para empezar."
COL_PEOPLE = "En el directorio"
COL_LINKED = "Vinculadas"
COL_CONSENTING = "Con autorización"
COL_REACH_TELEGRAM = "Alcanzables por Telegram"
COL_REACH_WEB = "Alcanzables por chat web"
COL_REACH_WHATSAPP = "Alcanzables por WhatsApp"
COL_REACH_EMAIL = "Alcanzables por correo"
COL_POSTER = "Cartel QR"
TOTAL_ROW = "Total"
WITHOUT_DEPARTMENT = "Sin dependencia"
POSTER_PNG = "PNG"
POSTER_PDF = "PDF"

# Bulk actions on the people list (nucleo.directory.web.bulk)
BULK_PEOPLE_LEGEND = "Con las personas marcadas"
BULK_PEOPLE_CHOOSE_ONE = "Marcar a {name}"
BULK_PEOPLE_ITEM_NO_NAME = "Persona n.º {id}"
BULK_RETIRE = "Retirar del directorio"
BULK_RETIRE_QUESTION = "¿Retirar del directorio a las personas marcadas ({n})?"
BULK_RETIRE_CONSEQUENCE = (
    "Se conservan para la historia (encuestas, consultas y envíos anteriores), pero no vuelven a "
    "recibir mensajes, campañas ni encuestas. Puede activarlas de nuevo desde «Ver las "
    "retiradas».")
BULK_RETIRE_CONFIRM = "Sí, retirarlas"
BULK_RETIRE_DONE = "Personas retiradas: {n}."
BULK_REACTIVATE = "Activar de nuevo"
BULK_REACTIVATE_QUESTION = "¿Activar de nuevo a las personas marcadas ({n})?"
BULK_REACTIVATE_CONSEQUENCE = (
    "Vuelven al directorio activo: desde ahora pueden recibir campañas y encuestas.")
BULK_REACTIVATE_CONFIRM = "Sí, activarlas"
BULK_REACTIVATE_DONE = "Personas activas de nuevo: {n}."
BULK_PEOPLE_TITLE = "Acción sobre varias personas"
BULK_PEOPLE_NONE_CHOSEN = "No marcó a ninguna persona. Vuelva al directorio y marque al menos una."
BULK_PEOPLE_REFUSED = "Personas que no cambiaron ({n})"
BULK_PEOPLE_NONE_DONE = "Ninguna persona cambió."
