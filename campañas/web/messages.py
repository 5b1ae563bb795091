"""The Spanish texts of the campaigns' console pages and Inicio cards."""

CARD_WEEK_VALUE = "Valor de la semana"
CARD_CAMPAIGN_REACH = "Alcance de la última campaña"
CARD_REACH_TREND = "Personas alcanzadas por semana (últimas {n} semanas)"
REACH_TREND_PEOPLE = "Personas que recibieron al menos una pieza"
NO_PIECE_THIS_WEEK = "No hay una pieza programada para esta semana."
PLACEHOLDER_CAMPAIGNS = "El motor de campañas no está en marcha en este proceso."

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
COL_AUDIENCE = "Audiencia"
COL_CHANNELS = "Canales"
COL_SCHEDULE = "Programación"
COL_PIECES = "Piezas"
COL_CREATED = "Creada"
ROTATION = "Rotación (valor de la semana)"
AUDIENCE_NAMES = {"todos": "Todas las personas suscritas", "dependencia": "Por dependencia",
                  "tipo": "Por tipo de vinculación", "lista": "Lista de prueba",
                  "pendientes_bienes": "Quienes no han presentado su declaración"}
AUDIENCE_PENDING_ASSETS = "Quienes deben presentar y no han presentado: {declaration}, año {year}"
AUDIENCE_LIST_PEOPLE = "Lista de prueba ({n} personas)"
AUDIENCE_DEPARTMENTS = "Dependencias: {names}"
CHANNEL_NAMES = {"telegram": "Telegram", "correo": "Correo", "whatsapp": "WhatsApp"}
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
CAMPAIGN_YEAR = "Año de la declaración (si la audiencia es quienes no han presentado)"
CAMPAIGN_DECLARATION = "Declaración (si la audiencia es quienes no han presentado)"
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
LOGO_TITLE = "Logo o escudo de la entidad"
LOGO_HINT = (
    "Se dibuja en el pie de las imágenes que genera el servicio (PNG con fondo transparente, JPEG "
    "o WebP). Las piezas ya creadas conservan el que tenían.")
LOGO_FILE = "Archivo del logo o escudo"
LOGO_SUBMIT = "Guardar el logo"
LOGO_CURRENT_ALT = "Logo o escudo actual de la entidad"
LOGO_NONE = "Todavía no hay logo ni escudo: las imágenes generadas salen sin él."
LOGO_SAVED = "Se guardó el logo. Las próximas imágenes generadas lo llevan en el pie."
LOGO_REMOVE = "Quitar el logo"
LOGO_REMOVE_CONFIRM = "Las próximas imágenes generadas saldrán sin logo; las ya creadas no cambian."
LOGO_REMOVE_YES = "Sí, quitar el logo"
LOGO_REMOVED = "Se quitó el logo de las próximas imágenes generadas."
CHANNELS_HINT = (
    "Puede crear la campaña sin canales y elegirlos después; para programarla o enviarla "
    "necesita al menos uno configurado.")
CHANNELS_EDIT = "Cambiar los canales"
CHANNELS_SAVE = "Guardar los canales"
CHANNELS_SAVED = "Se guardaron los canales de la campaña."
CHANNELS_NONE = "Ninguno todavía: elíjalos antes de programarla o enviarla."
CHANNEL_NOT_CONFIGURED = "sin configurar: la campaña queda en borrador hasta configurarlo"
CAMPAIGN_DUPLICATED = "Se creó «{name}» como borrador, con las mismas piezas. Prográmela cuando esté lista."
CAMPAIGN_DUPLICATE = "Duplicar la campaña"
CAMPAIGN_DUPLICATE_HINT = "Crea un borrador con el mismo valor, público, canales y piezas."
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
PIECE_PHRASE_COUNT = "de {limit} caracteres."
PIECE_PHRASE_HINT = (
    "La imagen generada la muestra completa (más pequeña si es larga). Los emoji se dibujan en "
    "color si el servidor tiene la fuente de emoji; si no, quedan solo en el texto del mensaje.")
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
    "puede enviar todavía."
)
TEST_HELP_NO_BOT_NAME = ("Para vincularlo, Administración debe configurar el nombre del bot "
                         "(VALOR_TELEGRAM_BOT_USERNAME).")
TEST_LINK_TELEGRAM = ("Vincular mi Telegram: abra este enlace en Telegram y pulse «Iniciar» "
                      "(vale 30 minutos).")
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
PROGRESS_WHATSAPP = "WhatsApp: {delivered} entregados en el teléfono, {read} leídos (según Meta)."
PAUSE_REASON = "En pausa por WhatsApp: {reason}"

# WhatsApp template
WA_TEMPLATE_TITLE = "Plantilla de WhatsApp"
WA_TEMPLATE_INTRO = (
    "Por WhatsApp la pieza sale como una plantilla aprobada por Meta: la imagen como encabezado "
    "y los datos que elija en las variables del cuerpo. Escriba el nombre y el idioma exactos "
    "con que la aprobó Meta."
)
WA_TEMPLATE_CURRENT = "Plantilla registrada: «{name}», idioma {language}."
WA_TEMPLATE_NONE = (
    "Aún no hay plantilla registrada: sin ella la campaña no se puede enviar ni programar por "
    "WhatsApp."
)
WA_TEMPLATE_NAME = "Nombre de la plantilla"
WA_TEMPLATE_NAME_HINT = "Minúsculas, números y guion bajo, como en Meta (p. ej. valor_de_la_semana)."
WA_TEMPLATE_LANGUAGE = "Idioma"
WA_TEMPLATE_LANGUAGE_HINT = "El código de Meta: es, es_CO, es_MX…"
WA_TEMPLATE_PARAMETERS = "Qué va en cada variable del cuerpo"
WA_TEMPLATE_PARAMETERS_HINT = (
    "En orden, desde {{1}}. Deje en «ninguno» las que la plantilla no tiene."
)
WA_TEMPLATE_SLOT = "Variable {{{{{n}}}}}"
WA_PARAMETER_CHOICES = [("", "— ninguno —"), ("frase", "Frase de la pieza"),
                        ("autor", "Autor de la frase"), ("valor", "Nombre del valor"),
                        ("nombre", "Primer nombre de la persona")]
WA_PARAMETER_LABELS = {**dict(WA_PARAMETER_CHOICES[1:]),  # + the automatic reminders' own
                       "declaracion": "La declaración y su año", "plazo": "Su plazo y qué hacer"}
WA_TEMPLATE_SAVE = "Guardar la plantilla"
WA_TEMPLATE_GAP = (
    "Las variables van en orden: no deje una en «ninguno» antes de otra que sí tiene dato."
)
WA_TEMPLATE_SAVED = (
    "Se guardó la plantilla de WhatsApp «{name}» ({language}): los próximos mensajes de "
    "WhatsApp de las piezas sin plantilla propia salen con ella."
)
WA_TEMPLATE_SAVED_PAUSED = (
    "La campaña sigue en pausa: reanúdela cuando la plantilla esté aprobada en Meta."
)
WA_PIECE_TEMPLATE_TITLE = "Plantilla de WhatsApp de esta pieza"
WA_PIECE_TEMPLATE_OWN = "Esta pieza sale con su propia plantilla: «{name}», idioma {language}."
WA_PIECE_TEMPLATE_INHERITS = "Esta pieza sale con la plantilla de la campaña."
WA_PIECE_TEMPLATE_HINT = (
    "Déjelo vacío para que la pieza salga con la plantilla de la campaña. Debe estar aprobada en "
    "Meta, tener encabezado de imagen si la pieza tiene imagen y tantas variables como elija "
    "(con el id de la cuenta de WhatsApp Business configurado, se comprueba al guardar)."
)
WA_TEMPLATE_NOT_CHECKED = (
    "No se comprobó en Meta (falta VALOR_WHATSAPP_BUSINESS_ACCOUNT_ID): revise en el "
    "Administrador de WhatsApp que esté aprobada."
)
WA_PIECE_TEMPLATE_SAVED = (
    "Se guardó la plantilla propia de la pieza: «{name}» ({language}). Sus próximos mensajes "
    "de WhatsApp salen con ella."
)
WA_PIECE_TEMPLATE_CLEARED = "La pieza vuelve a salir con la plantilla de la campaña."
PROGRESS_REFRESH = "Actualizar"
PROGRESS_LIVE = "Se actualiza solo cada pocos segundos."
PROGRESS_DONE = "El envío terminó. Actualice la página para ver las estadísticas completas."

# Deliveries «incierta»
UNCERTAIN_TITLE = "Entregas inciertas"
UNCERTAIN_LINK = "{n} entregas inciertas: el envío se interrumpió y no se sabe si llegaron. Revisar y decidir"
UNCERTAIN_INTRO = (
    "Estas entregas estaban saliendo cuando el servicio se detuvo: no se sabe si llegaron y no "
    "se reenvían solas. Si la persona confirma que la recibió, márquela como recibida; si no, "
    "reenvíela (puede recibirla dos veces)."
)
UNCERTAIN_NONE = "No hay entregas inciertas en esta campaña."
UNCERTAIN_BAD_DELIVERY = "Esa entrega no existe; elíjala en la lista de entregas inciertas."
UNCERTAIN_SHOWING = "Se muestran las primeras {shown} de {total}; las acciones para todas incluyen las {total}."
COL_PERSON = "Persona"
COL_CHANNEL = "Canal"
COL_DUE = "Debía salir"
COL_DECIDE = "Decidir"
UNCERTAIN_RESEND_ONE = "Reenviar"
UNCERTAIN_RECEIVED_ONE = "Recibida"
UNCERTAIN_RESEND_ONE_LABEL = "Reenviar la entrega a {person}"
UNCERTAIN_RECEIVED_ONE_LABEL = "Marcar como recibida la entrega a {person}"
UNCERTAIN_RESEND_ALL = "Reenviar las {n}"
UNCERTAIN_RECEIVED_ALL = "Marcar las {n} como recibidas"
UNCERTAIN_ASK_TITLE = "Decidir sobre entregas inciertas"
UNCERTAIN_ASK_RESEND = "¿Reenviar {what}?"
UNCERTAIN_ASK_RECEIVED = "¿Marcar {what} como recibida(s)?"
UNCERTAIN_WHAT_ONE = "la entrega {delivery_id}"
UNCERTAIN_WHAT_ALL = "todas las entregas inciertas de la campaña"
UNCERTAIN_RESEND_CONSEQUENCE = (
    "Vuelven a la cola y salen en el próximo turno del envío (si la campaña está en pausa, "
    "cuando la reanude). Quien ya la hubiera recibido la recibirá dos veces."
)
UNCERTAIN_RECEIVED_CONSEQUENCE = (
    "Se cuentan como enviadas en las estadísticas y no se vuelven a enviar."
)
UNCERTAIN_YES_RESEND = "Sí, reenviar"
UNCERTAIN_YES_RECEIVED = "Sí, marcar como recibidas"
UNCERTAIN_RESENT = "{n} entregas volvieron a la cola de envío."
UNCERTAIN_RESENT_PAUSED = "{n} entregas volvieron a la cola; saldrán cuando reanude la campaña."
UNCERTAIN_MARKED = "{n} entregas quedaron marcadas como recibidas."
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
STATS_ZERO_HIDDEN = "Las columnas de los estados en que no hay ninguna entrega no se muestran; las descargas las traen todas."
COL_PIECE = "Pieza"
COL_SCHEDULED_FOR = "Programado para"
COL_RUN_STATE = "Estado"
COL_STARTED = "Inicio"
COL_RUN_FINISHED = "Fin"
RUN_STATES = {"en_curso": "Enviando", "pausada": "Pausado", "finalizada": "Terminado",
              "cancelada": "Cancelado", "perdida": "Perdido"}
SPREADSHEET_HEADER = (
    "Pieza", "Valor", "Frase", "Programada para (Bogotá)", "Estado del envío", "Perdido",
    "Destinatarios", "Enviadas", "Fallidas", "Bloqueadas", "Inciertas", "Pendientes",
    "Canceladas", "Reacciones", "Inicio", "Fin",
)
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
    "en_curso": "Saliendo", "cancelada": "Cancelada",
}
MONTH_HEADING = "Mes de {month}"
MONTH_INTRO = (
    "Cada día del mes con los envíos de las campañas (hora de Colombia) y los festivos de "
    "Colombia. Las semanas empiezan el lunes."
)
MONTH_NAV = "Cambiar de mes"
MONTH_PREVIOUS = "Mes anterior: {month}"
MONTH_NEXT = "Mes siguiente: {month}"
MONTH_CURRENT = "Este mes"
MONTH_HOLIDAY = "Festivo: {name}"
MONTH_OTHER = "(otro mes)"
MONTH_BEYOND = (
    "Los envíos semanales que vienen se muestran hasta el {day}; los de después aún no "
    "aparecen en este mes."
)

# Dashboard
REACH_NONE = "Aún no se ha enviado ninguna campaña."
REACH_DELIVERED = "Entregados"
REACH_TARGETED = "Destinatarios"
REACH_REACTIONS = "Reacciones"
REACH_PENDING = "Pendientes"
REACH_NOT_DELIVERED = "No entregados"

# ---- Survey invitations in Campañas ----
INVITATION_KIND = "Invitación a una encuesta (la crea la encuesta al lanzarse)"
# what a campaign the service makes by itself is, by its kind (others: INVITATION_KIND)
MADE_KIND_NAMES = {
    "vinculo": "Invitación a vincular el chat con el directorio",
    "recordatorio": ("Recordatorio automático de una declaración (lo crea el programador "
                     "mientras su ventana está abierta, una vez por persona; pausarla o "
                     "cancelarla detiene los que faltan)"),
}
# an automatic reminder campaign that does not go by WhatsApp (campañas/reminder_whatsapp.py)
REMINDER_NO_WHATSAPP = (
    "Este recordatorio no va por WhatsApp: el servicio no tiene configurada la plantilla "
    "aprobada de recordatorios (VALOR_WHATSAPP_REMINDER_TEMPLATE). Quien solo tiene WhatsApp "
    "sigue en la lista de pendientes sin recibirlo.")
REMINDER_WHATSAPP = ("Por WhatsApp va como la plantilla de recordatorios del servicio «{name}» "
                     "({language}): {{{{1}}}} la declaración, {{{{2}}}} su plazo y qué hacer.")
INVITATION_PIECE = "Mensaje de invitación"
INVITATION_HINT = ("Así lo recibe cada persona, con el botón para responder. El texto lo define la "
                   "encuesta y no se edita aquí; puede pausar, reanudar o cancelar el envío.")
