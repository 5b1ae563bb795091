"""Spanish texts of the campaigns package (values, graphics, images, captions, sending)."""

from nucleo.directory.link import INVITATION_DAYS
from nucleo.values import CODE_VALUES

# --- Values of the Código de Integridad -------------------------------------------------------
VALUE_NAMES = CODE_VALUES
VALUE_DEFINITIONS = {
    "honestidad": (
        "Actúo siempre con la verdad, cumplo mis deberes con transparencia y rectitud, "
        "y pongo primero el interés general."
    ),
    "respeto": (
        "Reconozco, valoro y trato con dignidad a todas las personas, sin importar su cargo, "
        "origen, títulos o cualquier otra condición."
    ),
    "compromiso": (
        "Sé que mi papel en el servicio público importa y me dispongo siempre a entender y "
        "resolver las necesidades de las personas, buscando su bienestar."
    ),
    "diligencia": (
        "Cumplo los deberes de mi cargo de la mejor manera, con atención, prontitud y eficiencia, "
        "para aprovechar bien los recursos del Estado."
    ),
    "justicia": (
        "Actúo con imparcialidad y garantizo los derechos de las personas con equidad, igualdad "
        "y sin discriminación."
    ),
}
VALUE_UNKNOWN = "El valor «{value}» no existe. Use uno de: {known}."
VALUE_NAME_REQUIRED = "El nombre del valor es obligatorio."
VALUE_NAME_TOO_LONG = "El nombre del valor puede tener máximo {limit} caracteres."
VALUE_DEFINITION_REQUIRED = "La definición del valor es obligatoria."
VALUE_DEFINITION_TOO_LONG = "La definición del valor puede tener máximo {limit} caracteres."
VALUE_DUPLICATE = "El valor «{value}» ya existe; cada valor debe tener un nombre distinto."
VALUE_TOO_MANY_EXTRAS = (
    "La entidad puede agregar máximo {limit} valores propios al Código de Integridad."
)
VALUE_BAD_COLOUR = "El color {colour!r} no es válido. Use el formato #RRGGBB, por ejemplo #1D4F91."
VALUE_LOW_CONTRAST = (
    "El color {colour} es muy claro para texto blanco (contraste {ratio}:1; se necesita "
    "al menos {minimum}:1). Elija un tono más oscuro."
)
ROTATION_EMPTY = "El calendario del valor de la semana necesita al menos un valor."

# --- Generated graphics ---------------------------------------------------------------------
GRAPHIC_KICKER = "VALOR DE LA SEMANA"
GRAPHIC_FOOTER = "Código de Integridad del Servicio Público"
GRAPHIC_AUTHOR = "— {author}"
GRAPHIC_PHRASE_REQUIRED = "La frase de la pieza es obligatoria para generar la imagen."
GRAPHIC_PHRASE_DOES_NOT_FIT = (
    "La frase no cabe completa en la imagen generada: acórtela o suba su propia imagen.")
PIECE_UNDRAWABLE = (
    "La imagen generada no puede dibujar {chars}: quedan en el texto del mensaje, no en la "
    "imagen.")
GRAPHIC_FONTS_MISSING = (
    "No se encontraron las fuentes para generar imágenes. Instale el paquete «font-lato» "
    "(pip install font-lato) o el paquete de Debian «fonts-dejavu-core»."
)

# --- Uploaded images ------------------------------------------------------------------------
IMAGE_NOT_BYTES = "La imagen debe enviarse como archivo."
IMAGE_EMPTY = "El archivo de imagen está vacío."
IMAGE_TOO_LARGE = "La imagen pesa {size_mb} MB; el máximo permitido es {limit_mb} MB."
IMAGE_BAD_FORMAT = "El archivo no es una imagen PNG, JPEG ni WebP."
IMAGE_CORRUPT = "La imagen está dañada o incompleta y no se puede abrir."
IMAGE_BOMB = "La imagen declara demasiados píxeles y no se puede procesar."
IMAGE_TOO_MANY_PIXELS = (
    "La imagen mide {width}×{height} píxeles ({pixels} en total); el máximo es {limit} píxeles."
)
IMAGE_TOO_BIG_SIDES = (
    "La imagen mide {width}×{height} píxeles; el ancho más el alto no puede pasar de {limit}."
)
IMAGE_BAD_RATIO = (
    "La imagen es demasiado alargada ({width}×{height}); la proporción máxima es {limit}:1."
)
IMAGE_TOO_LARGE_STREAM = "La imagen pesa más de {limit_mb} MB, el máximo permitido."

# --- Captions in Telegram HTML --------------------------------------------------------------
CAPTION_NOT_TEXT = "El texto debe ser una cadena de caracteres."
CAPTION_EMPTY = "El mensaje no puede estar vacío."
CAPTION_TOO_LONG = (
    "El texto tiene {length} caracteres visibles y Telegram permite máximo {limit}. "
    "Acórtelo en {excess}."
)
CAPTION_TAG_NOT_ALLOWED = (
    "La etiqueta <{tag}> no está permitida. Use solo: b, i, u, s, a, code, pre, blockquote, "
    "tg-spoiler, tg-emoji o tg-time."
)
CAPTION_ATTR_NOT_ALLOWED = "El atributo «{attr}» no está permitido en <{tag}>."
CAPTION_ATTR_DUPLICATE = "El atributo «{attr}» aparece dos veces en <{tag}>."
CAPTION_ATTR_MISSING = "La etiqueta <{tag}> necesita el atributo «{attr}»."
CAPTION_SPAN_CLASS = 'La etiqueta <span> solo se permite como <span class="tg-spoiler">.'
CAPTION_CODE_CLASS = (
    'El lenguaje (class="language-…") solo se puede indicar en un <code> dentro de <pre>.'
)
CAPTION_BAD_LINK = (
    "El enlace «{url}» no es válido. Use una dirección que empiece por http://, https:// o tg://."
)
CAPTION_BAD_EMOJI_ID = "El identificador del emoji personalizado debe ser numérico."
CAPTION_BAD_EMOJI = "Dentro de <tg-emoji> debe ir un solo emoji."
CAPTION_BAD_TIME = "La etiqueta <tg-time> necesita unix con una fecha numérica."
CAPTION_BAD_TIME_FORMAT = (
    "El formato «{format}» de <tg-time> no es válido (ejemplos: wDT, d, t, r)."
)
CAPTION_UNCLOSED = "Falta cerrar la etiqueta <{tag}>."
CAPTION_UNEXPECTED_CLOSE = "Sobra la etiqueta de cierre </{tag}>: no hay ninguna <{tag}> abierta."
CAPTION_MISNESTED = (
    "Las etiquetas están cruzadas: se cierra </{tag}> pero la última abierta es <{open}>."
)
CAPTION_BAD_END_TAG = "La etiqueta de cierre «{raw}» no es válida; escríbala como </b>, </i>…"
CAPTION_SELF_CLOSING = "La etiqueta <{tag}/> no se permite; ábrala y ciérrela con texto adentro."
CAPTION_NESTING = "No se puede poner <{tag}> dentro de <{parent}>."
CAPTION_RAW_LT = "El signo «<» debe escribirse como &lt; cuando no es parte de una etiqueta."
CAPTION_RAW_AMP = "El signo «&» debe escribirse como &amp; cuando no es parte de una entidad."
CAPTION_BAD_ENTITY = "La entidad «&{name};» no es válida. Use solo &lt; &gt; &amp; &quot; o &#…;."
CAPTION_BAD_CHARREF = "La entidad numérica «&#{ref};» no corresponde a un carácter válido."
CAPTION_MARKUP = "No se permiten comentarios ni declaraciones HTML (<!…>, <?…>)."
CAPTION_RAW_TOO_LONG = "El texto con formato es demasiado largo (máximo {limit} caracteres)."

# --- Campaigns, schedules, audiences and sending ------------------------------------------
STATUS_NAMES = {
    "borrador": "borrador",
    "programada": "programada",
    "en_curso": "en curso",
    "pausada": "pausada",
    "finalizada": "finalizada",
    "cancelada": "cancelada",
}
EVENT_NAMES = {
    "programar": "programar",
    "iniciar": "enviar",
    "pausar": "pausar",
    "reanudar": "reanudar",
    "terminar_envio": "terminar el envío de",
    "finalizar": "finalizar",
    "cancelar": "cancelar",
}
TRANSITION_NOT_ALLOWED = "No se puede {action} una campaña que está {status}."
DELIVERY_NOT_IN_FLIGHT = "El envío está «{state}» y no en curso; no se puede registrar su resultado."
CAMPAIGN_NOT_FOUND = "No existe la campaña {campaign_id}."
PIECE_NOT_FOUND = "No existe la pieza {piece_id} en esta campaña."
CAMPAIGN_NAME_REQUIRED = "El nombre de la campaña es obligatorio."
CAMPAIGN_COPY_NAME = "{name} (copia)"
CAMPAIGN_DUPLICATE_KIND = (
    "Solo se pueden duplicar las campañas de valores; las invitaciones se crean desde la "
    "encuesta o el directorio.")
CAMPAIGN_NAME_TOO_LONG = "El nombre de la campaña puede tener máximo {limit} caracteres."
CAMPAIGN_VALUE_OR_ROTATION = (
    "Indique el valor de la campaña, o marque «rotación» para el calendario del valor de la semana."
)
CAMPAIGN_NO_PIECES = "La campaña no tiene piezas; agregue al menos una antes de programarla o enviarla."
CAMPAIGN_NO_PIECES_LEFT = "Todas las piezas de esta campaña ya se enviaron."
CAMPAIGN_NOT_EDITABLE = "Solo se pueden agregar piezas a una campaña en borrador, programada o pausada."
CHANNELS_REQUIRED = "Elija al menos un canal: telegram, correo o whatsapp."
CAMPAIGN_NO_CHANNELS = (
    "La campaña no tiene canales: elija al menos uno (Telegram, correo o WhatsApp) en «Canales» "
    "antes de programarla o enviarla.")
CHANNELS_NOT_EDITABLE = "Los canales solo se pueden cambiar mientras la campaña está en borrador."
CHANNEL_UNKNOWN = "El canal «{channel}» no existe. Use: telegram, correo o whatsapp."
CHANNEL_UNAVAILABLE = "El canal «{channel}» no está configurado en este servicio."
AUDIENCE_TYPE_UNKNOWN = (
    "El tipo de audiencia «{kind}» no existe. Use: todos, dependencia, tipo, lista o "
    "pendientes_bienes."
)
AUDIENCE_DEPARTMENTS_REQUIRED = "Indique al menos una dependencia para la audiencia."
AUDIENCE_DEPARTMENT_UNKNOWN = "No existe la dependencia {department_id}."
AUDIENCE_KIND_UNKNOWN = "El tipo de persona «{kind}» no existe. Use: servidor o contratista."
AUDIENCE_LIST_REQUIRED = "La lista de prueba necesita al menos una persona."
AUDIENCE_LIST_TOO_LONG = "La lista de prueba puede tener máximo {limit} personas."
AUDIENCE_PERSON_UNKNOWN = "No existen estas personas: {ids}."
AUDIENCE_YEAR_REQUIRED = (
    "Indique el año de la declaración de bienes y rentas cuyas personas pendientes quiere "
    "recordar.")
AUDIENCE_YEAR_BAD = "El año de la declaración debe ser un número entre {first} y {last}."
AUDIENCE_YEAR_FROM = "El año de la declaración debe ser un número desde {first}."
AUDIENCE_DECLARATION_UNKNOWN = (
    "La declaración «{kind}» no existe. Use: bienes_rentas, ley_2013 o preventiva.")
AUDIENCE_WINDOW_CLOSED = (
    "Ese día está fuera de la ventana de recordatorios de esa declaración (la que Talento "
    "Humano fija en «Bienes y rentas»): el envío no llegaría a nadie. Elija un día dentro de la "
    "ventana o prográmela semanal."
)
AUDIENCE_EMPTY = (
    "La audiencia está vacía: nadie suscrito puede recibir la campaña por los canales elegidos."
)
SCHEDULE_REQUIRED = "Indique «send_at» (un envío) o «weekly» (una regla semanal), no ambos ni ninguno."
SEND_AT_NAIVE = (
    "La fecha y hora de envío debe llevar zona horaria explícita, por ejemplo "
    "2025-03-03T08:00:00-05:00."
)
SEND_AT_PAST = "La fecha de envío ({when}) ya pasó; elija una fecha futura."
SEND_AT_TOO_FAR = "La fecha de envío no puede estar a más de {days} días."
WEEKDAY_INVALID = "El día de la semana «{weekday}» no es válido. Use lunes a domingo (o 0 a 6)."
LOCAL_TIME_INVALID = "La hora «{time}» no es válida. Use el formato HH:MM de 24 horas, por ejemplo 08:00."
TIMEZONE_REQUIRED = "La regla semanal necesita una zona horaria explícita, por ejemplo America/Bogota."
TIMEZONE_UNKNOWN = "La zona horaria «{timezone}» no existe."
WEEKLY_STARTS_PAST = "La regla semanal no puede empezar en el pasado ({when})."
PHRASE_REQUIRED = "La frase de la pieza es obligatoria."
PHRASE_TOO_LONG = "La frase puede tener máximo {limit} caracteres."
AUTHOR_TOO_LONG = "El autor puede tener máximo {limit} caracteres."
BUTTONS_INVALID = "Los botones deben ser una lista de máximo {limit} textos de hasta {length} caracteres."
DEFAULT_BUTTONS = (("identifica", "👍 Me identifica"), ("comentar", "💬 Comentar"))
REACTION_RECORDED = "¡Gracias! Registramos tu reacción «{label}»."
REACTION_REPEATED = "Ya habías registrado «{label}» para esta pieza. ¡Gracias!"
REACTION_UNKNOWN_PIECE = "Esta pieza ya no está disponible."
TEST_NO_TELEGRAM = (
    "Su cuenta no tiene un chat de Telegram asociado; vincúlelo antes de enviar una prueba."
)
TEST_CHANNEL_OFF = "El canal «{channel}» no está configurado; no se puede enviar la prueba."
TEST_FAILED = "La prueba no se pudo enviar: {reason}"
TEST_SENT = "Prueba enviada a {target}."
CAPTION_PREFIX_TEST = "[PRUEBA] "
EMAIL_SUBJECT = "{value}: el valor de la semana"
EMAIL_SUBJECT_TEXT = "Mensaje de Talento Humano: Política de Integridad"
EMAIL_GREETING = "Hola{name}:"
EMAIL_UNSUBSCRIBE = "Si no quiere recibir más estas piezas, cancele su suscripción aquí: {url}"
EMAIL_UNSUBSCRIBE_LINK = "Cancelar la suscripción"
EMAIL_FOOTER = "{entity} · Código de Integridad del Servicio Público"
UNSUBSCRIBE_TITLE = "Cancelar la suscripción"
UNSUBSCRIBE_CONFIRM = "¿Quiere dejar de recibir el valor de la semana por correo y por Telegram?"
UNSUBSCRIBE_BUTTON = "Sí, cancelar mi suscripción"
UNSUBSCRIBE_DONE = "Listo: ya no recibirá más piezas de la campaña. Puede volver a suscribirse desde el bot."
UNSUBSCRIBE_BAD_TOKEN = "El enlace para cancelar la suscripción no es válido o está incompleto."
UNSUBSCRIBE_STALE = ("Este enlace para cancelar la suscripción ya no sirve: estos enlaces se "
                     "anulan cuando la persona vuelve a suscribirse, cambia de correo o pide que "
                     "se borren sus datos. No se cambió nada. Si quiere dejar de recibir las "
                     "piezas, use el enlace del correo más reciente o escriba /baja al "
                     "asistente.")
STATS_CSV_HEADER = (
    "pieza", "valor", "frase", "programada_para", "estado_envio", "perdida", "destinatarios",
    "enviadas", "fallidas", "bloqueadas", "inciertas", "pendientes", "canceladas", "reacciones",
    "inicio", "fin",
)
DELIVERY_UNCERTAIN = ("Resultado desconocido: el servicio se detuvo durante el envío. No se "
                      "reenvía sola: Talento Humano puede reenviarla o marcarla como recibida.")

# --- Deliveries «incierta»: HR decides ----------------------------------------------------------
NO_NAME = "(sin nombre)"
UNCERTAIN_BAD_DECISION = "Elija «reenviar» o «recibida» para las entregas inciertas."
UNCERTAIN_NONE = "Esta campaña no tiene entregas inciertas por resolver."
UNCERTAIN_NOT_FOUND = "La entrega {delivery_id} no está incierta en esta campaña (quizá ya se resolvió)."
UNCERTAIN_CANCELLED = ("La campaña está cancelada: sus entregas inciertas no se pueden reenviar; "
                       "puede marcarlas como recibidas.")
NO_TELEGRAM_CHAT = "La persona no tiene un chat de Telegram registrado."
NO_EMAIL_ADDRESS = "La persona no tiene correo registrado."
SMTP_NO_STARTTLS = ("El servidor de correo {host}:{port} no ofrece STARTTLS: defina "
                    "VALOR_SMTP_TLS=tls si usa el puerto 465, o VALOR_SMTP_TLS=ninguno si es "
                    "un relevo sin cifrado en la misma red.")

# --- Editing a piece --------------------------------------------------------------------------
PIECE_ALREADY_SENT = (
    "Esta pieza ya se envió (o está saliendo); su texto no se puede cambiar. Agregue una pieza nueva."
)
# --- Survey invitations sent by the campaign engine ------------------------------------------
INVITATION_CAMPAIGN_NAME = "Invitación a la encuesta «{title}»"
INVITATION_NO_TELEGRAM = (
    "El canal de Telegram no está configurado: no se pueden enviar las invitaciones a la encuesta."
)
PIECE_NO_IMAGE = "Esta pieza es solo texto (una invitación) y no tiene imagen."
INVITATION_NOT_EDITABLE = (
    "Esta campaña es la invitación a una encuesta: su texto y su botón los define la encuesta y "
    "no se cambian aquí. Puede pausarla, reanudarla, cancelarla y ver su avance."
)

# QR poster of a dependencia (campañas.carteles)
POSTER_TITLE = "El Valor Soy Yo"
POSTER_CALL = "Escanee el código con su celular y converse con el asistente de integridad en Telegram."
POSTER_DEPARTMENT_LABEL = "Dependencia"
POSTER_FOOTER = (
    "O busque {bot} en Telegram. Antes de guardar cualquier dato, el asistente le pide su "
    "autorización (Ley 1581 de 2012) y usted decide. Puede consultar y borrar sus datos cuando "
    "quiera con /misdatos y /olvidarme."
)
NO_BOT_USERNAME = (
    "Para {what} falta el nombre de usuario del bot de Telegram. Pida a un administrador que "
    "configure la variable VALOR_TELEGRAM_BOT_USERNAME."
)
POSTER_NO_BOT = NO_BOT_USERNAME.format(what="generar el cartel")
POSTER_NO_DEPARTMENT = "La dependencia no existe."

# A person's printed invitation (campañas.carteles, DirectoryInvitationsPort.printed_invitation)
PRINTED_TITLE = "Su invitación personal"
PRINTED_CALL = ("Escanee el código con su celular: abre el asistente de integridad «El Valor Soy "
                "Yo» y, si usted lo autoriza, une su chat a su registro del directorio.")
PRINTED_TELEGRAM = "En Telegram"
PRINTED_WEB = "En el chat web"
PRINTED_LABEL = "Invitación para"
PRINTED_FOOTER = (
    "Es personal y sirve una sola vez, hasta antes del {until}.{both} No la comparta; si la "
    "pierde, pida a Talento Humano que la anule. Antes de guardar cualquier dato, el asistente le pide su "
    "autorización (Ley 1581 de 2012), y puede consultar y borrar sus datos cuando quiera con "
    "/misdatos y /olvidarme."
)
PRINTED_NOT_ACTIVE = ("Solo se imprime la invitación de una persona activa del directorio "
                      "importado por Talento Humano.")
PRINTED_BOTH = " Los dos códigos son la misma invitación: úsela en uno de los dos."
PRINTED_NO_BOT = NO_BOT_USERNAME.format(what="imprimir invitaciones")

# The integrity report's measure (campañas/measures.py)
MEASURE_REACH = "Alcance de las campañas"
MEASURE_REACH_SOURCE = ("Campañas: personas activas del directorio que recibieron al menos una "
                        "pieza enviada en el periodo (entregas confirmadas por Telegram o correo).")
MEASURE_REACH_UNIT = "personas alcanzadas"
MEASURE_REACH_DELIVERIES = "Entregas confirmadas"
MEASURE_REACH_PIECES = "Piezas distintas enviadas"

# -- directory invitations (#17) -------------------------------------------------------------
INVITATION_NO_LINK = "La invitación no tiene enlace personal (falta el bot o la persona)."
DIRECTORY_INVITATION_NAME = "Invitaciones para vincularse con el asistente ({label})"
DIRECTORY_INVITATION_TITLE = "Vincúlese con el asistente «El Valor Soy Yo»"
DIRECTORY_INVITATION_TEXT = (
    "<b>Vincúlese con el asistente «El Valor Soy Yo» de {entity}</b>\n\n"
    "Talento Humano le invita a usar el asistente de integridad. Este enlace es personal: "
    "abre el asistente en Telegram y, solo si usted lo autoriza, une su chat con su registro "
    "del directorio (Ley 1581 de 2012).\n\n"
    '<a href="{link}">Abrir mi invitación personal</a>\n\n'
    "{web}"
    f"El enlace sirve una sola vez y vence en {INVITATION_DAYS} días. No lo reenvíe. Si no usa "
    "Telegram, puede escribir /vincular en el chat web de la entidad.\n\n"
    "Este correo es la única comunicación que recibirá del asistente hasta que usted autorice "
    "el tratamiento de sus datos."
)
DIRECTORY_INVITATION_WEB = ('¿No usa Telegram? <a href="{link}">Abrir mi invitación en el chat '
                            'web</a> (es la misma invitación: sirve en uno de los dos).\n\n')
DIRECTORY_INVITATION_NO_BOT = ("Para enviar invitaciones hace falta el nombre de usuario del bot "
                               "(VALOR_TELEGRAM_BOT_USERNAME) y un servidor de correo (SMTP).")
DIRECTORY_INVITATION_ROUND_CLOSED = (
    "La ronda de invitaciones de hoy desde la consola fue cancelada en Campañas, así que no se "
    "puso ninguna invitación en cola. Puede enviarla mañana o con «valor people invite».")
DIRECTORY_INVITATION_NOBODY = "No hay personas del directorio con correo para esa selección."

# --- WhatsApp delivery outcomes (reasons for HR; the code in parentheses) ---------------------
WA_RATE_LIMIT = "WhatsApp pidió bajar el ritmo de envío (código {code}); se reintenta."
WA_PAIR_LIMIT = ("Demasiados mensajes seguidos a esta persona (código {code}); se reintenta en un "
                 "minuto.")
WA_TEMPORARY = "WhatsApp no respondió o tuvo una falla temporal (código {code}); se reintenta."
WA_LATE_GAVE_UP = ("WhatsApp aceptó el mensaje pero luego informó que no lo entregó (código "
                   "{code}) y ya se hicieron {n} intentos: no se envía más.")
WA_REENGAGEMENT = ("La persona no ha escrito en más de 24 horas y el mensaje no era una plantilla "
                   "(código {code}): no se envió.")
WA_UNDELIVERABLE = ("El número no recibe mensajes de WhatsApp (no tiene WhatsApp, no aceptó los "
                    "términos o usa una versión antigua; código {code}).")
WA_ECOSYSTEM = ("WhatsApp no entregó el mensaje para limitar los mensajes de empresas que recibe "
                "esta persona (código {code}).")
WA_EXPERIMENT = "El número participa en un experimento de WhatsApp y no recibe plantillas (código {code})."
WA_SELF = "El destinatario es el mismo número que envía (código {code})."
WA_COUNTRY = "WhatsApp no permite enviar a números de ese país desde esta cuenta (código {code})."
WA_MEDIA_OR_TYPE = "WhatsApp rechazó la imagen o el tipo de mensaje (código {code})."
WA_OPTED_OUT = "La persona dejó de recibir mensajes de la entidad en WhatsApp (código {code})."
WA_SPAM_LIMIT = ("WhatsApp limitó los envíos del número porque muchas personas bloquearon o "
                 "reportaron mensajes (código {code}). Campaña en pausa: revise el contenido "
                 "antes de reanudar.")
WA_POLICY_BLOCK = ("Meta bloqueó temporalmente el número por incumplir sus políticas (código "
                   "{code}). Campaña en pausa hasta que se resuelva en el administrador de "
                   "WhatsApp.")
WA_TEMPLATE_PAUSED = ("Meta pausó la plantilla «{template}» por su calidad (código {code}). "
                      "Campaña en pausa: registre otra plantilla aprobada o espere a que se "
                      "reactive.")
WA_TEMPLATE_DISABLED = ("Meta desactivó la plantilla «{template}» (código {code}). Campaña en "
                        "pausa: registre otra plantilla aprobada.")
WA_TEMPLATE_MISSING = ("La plantilla «{template}» no existe o no está aprobada en ese idioma "
                       "(código {code}). Campaña en pausa: revise el nombre y el idioma.")
WA_TEMPLATE_PARAMETERS = ("La plantilla «{template}» no coincide con los datos enviados "
                          "(parámetros o formato; código {code}). Campaña en pausa: revise los "
                          "parámetros registrados.")
WA_CREDENTIALS = ("WhatsApp rechazó las credenciales del servicio (código {code}). Campaña en "
                  "pausa: revise el token de acceso.")
WA_ACCOUNT = ("La cuenta o el número de WhatsApp de la entidad tiene un problema (código "
              "{code}). Campaña en pausa: revíselo en el administrador de WhatsApp.")
WA_OTHER = "WhatsApp rechazó el mensaje (código {code})."
WA_TEMPLATE_BAD_NAME = ("El nombre de la plantilla de WhatsApp no es válido: use el nombre exacto "
                        "aprobado en Meta (minúsculas, números y guion bajo; p. ej. "
                        "valor_de_la_semana).")
WA_TEMPLATE_BAD_LANGUAGE = ("El idioma de la plantilla no es válido: use el código de Meta, p. ej. "
                            "es, es_CO o es_MX.")
WA_TEMPLATE_BAD_PARAMETERS = ("Los parámetros de la plantilla deben ser una lista de máximo "
                              "{limit} elementos, en el orden de {{{{1}}}}, {{{{2}}}}…: {known}.")
WA_TEMPLATE_UNKNOWN_PARAMETER = "El parámetro «{value}» no existe. Use: {known}."
WA_TEMPLATE_CLOSED = "La campaña ya terminó o fue cancelada: no se puede cambiar su plantilla."
WA_TEMPLATE_MISSING_FOR_SEND = ("La campaña no tiene plantilla de WhatsApp registrada: regístrela "
                                "antes de enviar por WhatsApp.")
WA_NO_NUMBER = "La persona ya no tiene un número de WhatsApp guardado."
WA_IMAGE_MISSING = ("No se encontró la imagen de la pieza en la carpeta de datos del servicio; "
                    "vuelva a subirla o genérela.")
WA_NO_MESSAGE_ID = "WhatsApp aceptó el mensaje sin devolver su identificador."

# --- The default reminder of «Recordar a quienes faltan» (audience pendientes_bienes) --------
# The piece form of such a campaign starts with these texts (HR may change them); {deadline} is
# nucleo.asset_filings.deadline (31 July, territorial entities, DOMAIN.md §2.8).
ASSETS_REMINDER_NAME = {
    "bienes_rentas": "Recordatorio: declaración de bienes y rentas {year}",
    "ley_2013": "Recordatorio: publicación de la Ley 2013 de 2019 ({year})",
    "preventiva": "Recordatorio: declaración preventiva de conflictos de intereses {year}",
}
# the campaign the scheduler makes by itself for a window (campañas/asset_reminders.py)
ASSETS_REMINDER_AUTO_NAME = "{name} (automático)"
ASSETS_REMINDER_PHRASE = {
    "bienes_rentas": "Su declaración de bienes y rentas {year}: preséntela antes del {deadline}",
    "ley_2013": "Publicar lo que tenemos y lo que nos interesa también es integridad",
    "preventiva": "Declarar a tiempo lo que podría cruzarse con su trabajo también es integridad",
}
# The automatic reminder's later rounds (campañas/reminder_rounds.py): the same text, said again.
ASSETS_REMINDER_AGAIN_PHRASE = "{phrase} (de nuevo)"
ASSETS_REMINDER_AGAIN = "<i>Le escribimos de nuevo porque esto sigue pendiente.</i>\n\n"
# After the deadline of the chosen year (the clock's day), the bienes y rentas texts say so.
ASSETS_REMINDER_LATE_PHRASE = ("Su declaración de bienes y rentas {year}: el plazo venció el "
                               "{deadline}; preséntela cuanto antes")
ASSETS_REMINDER_LATE_TEXT = (
    "<b>Declaración de bienes y rentas {year}</b>\n\n"
    "Según los registros de Talento Humano, usted todavía no ha presentado su declaración "
    "de bienes y rentas de {year} en el SIGEP. En las entidades territoriales el plazo venció "
    "el <b>{deadline}</b>: preséntela cuanto antes.\n\n"
    "Si ya la presentó, escriba /bienes en el chat del bot y toque «Sí, ya la presenté»: "
    "así queda anotado.")
ASSETS_REMINDER_TEXT = {
    "bienes_rentas": (
        "<b>Declaración de bienes y rentas {year}</b>\n\n"
        "Según los registros de Talento Humano, usted todavía no ha presentado su declaración "
        "de bienes y rentas de {year} en el SIGEP. En las entidades territoriales se presenta "
        "entre el {opens} y el <b>{deadline}</b>.\n\n"
        "Si ya la presentó, escriba /bienes en el chat del bot y toque «Sí, ya la presenté»: "
        "así queda anotado."),
    "ley_2013": (
        "<b>Publicación de la Ley 2013 de 2019 ({year})</b>\n\n"
        "Según los registros de Talento Humano, usted está entre quienes deben publicar su "
        "declaración de bienes y rentas, el registro de conflictos de interés y la declaración "
        "de renta en el aplicativo de la Ley 2013 (SIGEP) y todavía no aparece la publicación "
        "de {year}.\n\nSi ya la hizo, escriba /bienes en el chat del bot y toque «Ya hice la "
        "publicación de la Ley 2013»: así queda anotado."),
    "preventiva": (
        "<b>Declaración preventiva de conflictos de intereses {year}</b>\n\n"
        "Una vez al año, y al ingresar a la entidad, cada servidor y contratista dice si usted, "
        "su cónyuge o compañero/a permanente, sus parientes o sus socios tienen o trabajan en "
        "empresas, o tienen parientes que trabajan o contratan con la entidad, que un día "
        "podrían cruzarse con su trabajo. Todavía no tenemos la suya de {year}.\n\n"
        "Escriba /declarar en el chat del bot y elija «Un posible conflicto a futuro "
        "(preventiva)» para cada caso, o «Sin novedad este año» si no tiene nada que declarar."),
}

# The automatic reminders as the service's WhatsApp template (campañas/reminder_whatsapp.py):
# {{1}} the declaration, {{2}} its deadline and what to do (one line each, no HTML).
ASSETS_REMINDER_WA_NAME = {
    "bienes_rentas": "declaración de bienes y rentas {year}",
    "ley_2013": "publicación de la Ley 2013 de 2019 ({year})",
    "preventiva": "declaración preventiva de conflictos de intereses {year}",
}
ASSETS_REMINDER_WA_WHEN = {
    "bienes_rentas": "a más tardar el {deadline}, en el SIGEP",
    "ley_2013": ("cuanto antes, en el aplicativo de la Ley 2013 (SIGEP); si ya la hizo, "
                 "avísele a Talento Humano"),
    "preventiva": ("este año: escriba «declarar» en este chat y registre la preventiva o "
                   "«Sin novedad este año»"),
}
ASSETS_REMINDER_WA_LATE = "el plazo venció el {deadline}: preséntela cuanto antes en el SIGEP"

# -- a template checked against Meta's list when HR saves it (campañas/whatsapp_catalog.py) ----
WA_META_UNCHECKED = ("No se pudo consultar la lista de plantillas de WhatsApp en Meta en este "
                     "momento: no se guardó nada. Intente de nuevo en unos minutos.")
WA_META_REFUSED = ("Meta no aceptó la consulta de plantillas (error {status}): no se guardó nada. "
                   "Revise que VALOR_WHATSAPP_BUSINESS_ACCOUNT_ID y el token del servicio sean "
                   "los de la cuenta y que el token tenga permiso para ver sus plantillas.")
WA_META_UNKNOWN = ("Meta no tiene ninguna plantilla llamada «{name}» en la cuenta de WhatsApp "
                   "del servicio. Revise el nombre exacto en el Administrador de WhatsApp.")
WA_META_NO_LANGUAGE = ("La plantilla «{name}» no existe en el idioma {language}; en Meta está "
                       "en: {languages}.")
WA_META_NOT_APPROVED = ("La plantilla «{name}» está {status} en Meta: solo se pueden usar "
                        "plantillas aprobadas.")
WA_META_NAMED = ("La plantilla «{name}» usa variables con nombre; el servicio llena variables "
                 "numeradas ({{{{1}}}}, {{{{2}}}}…). Registre en Meta una con variables "
                 "numeradas.")
WA_META_HEADER = ("La plantilla «{name}» tiene un encabezado que no es una imagen; las piezas "
                  "necesitan un encabezado de imagen (o ninguno si la pieza no tiene imagen).")
WA_META_NEEDS_IMAGE = ("La plantilla «{name}» no tiene encabezado de imagen y la pieza sí tiene "
                       "imagen: use una plantilla con encabezado de tipo imagen.")
WA_META_NO_IMAGE = ("La plantilla «{name}» tiene encabezado de imagen y la pieza no tiene "
                    "imagen: use una plantilla sin encabezado.")
WA_META_COUNT = ("La plantilla «{name}» tiene {expected} variable(s) en el cuerpo y usted "
                 "eligió {given}: deben ser las mismas.")


# -- the bot's /misdatos (campañas/personal_data.py) -------------------------------------------
MY_DELIVERIES = "• Mensajes de campañas recibidos: {sent}"
MY_DELIVERIES_BY = "{count} por {channel}"
MY_DELIVERY_CHANNELS = {"telegram": "Telegram", "correo": "correo", "whatsapp": "WhatsApp",
                        "web": "chat web"}
MY_DELIVERY_OTHER = "otro canal"
