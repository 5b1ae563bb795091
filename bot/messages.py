"""Everything the bot says, in plain, warm Colombian Spanish (HTML for Telegram's parse mode).

Anything a person typed, and any name from the database, goes through ``escape`` first.
"""

from __future__ import annotations

import html
from datetime import date

from nucleo.formats import date_text
from nucleo.ports import Button
from nucleo.values import CODE_VALUES

# -- helpers -------------------------------------------------------------------------------


def escape(text: str) -> str:
    """Escape text for Telegram's HTML mode (and the web chat)."""
    return html.escape(text, quote=False)


def clip(text: str, size: int = 60) -> str:
    """Shorten a label for a button."""
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def name_suffix(escaped_name: str) -> str:
    """", Ana" for the greeting, or nothing."""
    return f", {clip(escaped_name, 40)}" if escaped_name.strip() else ""


def menu_button() -> list[list[Button]]:
    """One row with a "Ver el menú" button."""
    return [[Button(SEE_MENU, "menu:ver")]]


# -- general -------------------------------------------------------------------------------

SEE_MENU = "📋 Ver el menú"
YES = "sí"
NO = "no"
NONE = "sin dato"
THANKS = "¡Gracias! 🙌"
NO_THANKS = "No, gracias"
CANCEL = "Cancelar"
ACCEPT = "✅ Sí, autorizo"
DECLINE = "❌ No autorizo"
PREVIOUS = "⬅️ Anteriores"
NEXT = "Más ➡️"
PREFER_NOT_SAY = "Prefiero no decirlo"
ASK_DEPARTMENT_PRESELECTED = "¿Trabaja usted en la dependencia <b>{name}</b>?"
YES_THAT_DEPARTMENT = "Sí, ahí trabajo"
OTHER_DEPARTMENT = "Es otra dependencia"
SEE_LIST = "Ver la lista"

SLOW_DOWN = ("Uy, me llegaron muchos mensajes seguidos 😅. Deme un momentico y escríbame de "
             "nuevo en unos segundos; así puedo atender bien a todo el mundo.")
TRY_AGAIN = "No alcancé a procesar su mensaje. ¿Me lo envía otra vez, por favor?"
KEYBOARD_CLOSED = "Quité el botón «Compartir mi número»."
SOMETHING_FAILED = ("Lo siento, algo falló de nuestro lado y no pude terminar. Intente de nuevo "
                    "en un rato; si sigue pasando, avísele a Talento Humano.")
ONLY_TEXT = ("Por ahora solo entiendo texto ✍️. Escríbame su mensaje o use /menu para ver lo "
             "que puedo hacer.")
TOO_LONG = ("Su mensaje es muy largo para mí. Por favor escríbalo en menos de {limit} caracteres "
            "(más o menos una página).")
EMPTY_MESSAGE = "No me llegó ningún texto. Escríbame su mensaje o use /menu."
EDITED_MESSAGE = ("Vi que editó un mensaje, pero no leo los cambios. Si quiere corregir algo, "
                  "escríbamelo de nuevo en un mensaje nuevo.")
GROUP_CHAT = ("¡Hola! Solo funciono en conversaciones privadas, para cuidar sus datos. "
              "Escríbame directamente: toque mi nombre y luego «Enviar mensaje».")
NOT_UNDERSTOOD = "No le entendí. Use /menu para ver lo que puedo hacer."
UNKNOWN_COMMAND = "No conozco ese comando. Use /ayuda para ver los que sí entiendo."
STALE_BUTTON = ("Ese botón ya no está activo (quizás es de un mensaje anterior). Sigamos desde "
                "el menú.")
UNKNOWN_BUTTON = "No reconozco ese botón. Sigamos desde el menú."
USE_THE_BUTTONS = "Para este paso, por favor toque uno de los botones de arriba. 👆"
CANCELLED = "Listo, lo dejamos ahí."
NOTHING_TO_CANCEL = "No había nada en curso."

# -- onboarding ----------------------------------------------------------------------------

WELCOME = (
    "¡Hola{name}! 👋 Soy el asistente de <b>El Valor Soy Yo</b>, de Talento Humano de {entity}.\n\n"
    "Aquí recibe el valor de la semana, puede consultar dudas sobre conflictos de intereses, "
    "enviar sugerencias y responder la encuesta de integridad."
)
WELCOME_BACK = "¡Qué bueno verle de nuevo{name}! 😊"
DEFAULT_CONTACT = ("la oficina de Talento Humano, en persona o por los canales oficiales de la "
                   "entidad; también aquí mismo con /misdatos y /olvidarme")
NOTICE = (
    "<b>Antes de empezar: sus datos personales</b> 🔒\n\n"
    "<b>Quién responde por sus datos:</b> {entity}, a través de la oficina de Talento Humano, "
    "como lo pide la Ley 1581 de 2012 de protección de datos personales (habeas data).\n\n"
    "<b>Qué guardaríamos, solo si usted lo autoriza:</b> el identificador de este chat (para "
    "poder escribirle), su dependencia, si es servidor/a o contratista, y la fecha y versión de "
    "cada autorización. No le pedimos nombre, cédula ni teléfono.\n\n"
    "<b>Para qué:</b> le voy a preguntar por separado cada finalidad; puede aceptar unas y otras "
    "no. Nunca tomamos el silencio como un sí.\n\n"
    "<b>Datos sensibles:</b> son, por ejemplo, la afiliación a un sindicato o partido político, "
    "la religión o la salud. Nunca se los vamos a pedir, y responder sobre ellos siempre es "
    "opcional: si una consulta los toca, no los escriba si no hace falta.\n\n"
    "<b>Sus derechos:</b> conocer, actualizar y corregir sus datos; pedir prueba de esta "
    "autorización; saber cómo los usamos; retirar la autorización o pedir que borremos todo; y "
    "quejarse ante la Superintendencia de Industria y Comercio (SIC). Consultar sus datos es "
    "gratis: /misdatos los muestra y /olvidarme los borra.\n\n"
    "<b>Contacto:</b> {contact}.\n\n"
    "Si no autoriza nada, igual puede hacerme preguntas anónimas: no guardamos nada suyo.\n"
    "<i>Versión del aviso: {version}</i>"
)
PURPOSE_QUESTION = "<b>Autorización {n} de {total}</b>\n{question}"
PURPOSE_CAMPAIGNS_Q = ("¿Autoriza que le enviemos por aquí las <b>campañas</b> de integridad, "
                       "como el valor de la semana? (Puede darse de baja cuando quiera con /baja.)")
PURPOSE_STATISTICS_Q = (
    "¿Autoriza que guardemos su <b>dependencia</b> y su <b>tipo de vinculación</b> (servidor/a "
    "o contratista) para <b>estadísticas</b>? Solo se muestran sumadas, en grupos de 5 o más "
    "personas, nunca con su nombre.")
PURPOSE_FOLLOW_UP_Q = (
    "¿Autoriza que guardemos el vínculo entre usted y sus <b>consultas y sugerencias</b>, para "
    "poder hacerles <b>seguimiento</b> y avisarle cuando haya respuesta? Sin esto, igual puede "
    "consultar y sugerir de forma anónima.")
PURPOSE_CAMPAIGNS_LABEL = "Recibir campañas"
PURPOSE_STATISTICS_LABEL = "Dependencia y vinculación para estadísticas"
PURPOSE_FOLLOW_UP_LABEL = "Seguimiento de mis consultas y sugerencias"
DECISION_NOTED_YES = "Anotado: sí. ✅"
DECISION_NOTED_NO = "Anotado: no. Sin problema."
USE_BUTTONS_FOR_CONSENT = ("Para cada autorización necesito que toque «Sí, autorizo» o «No "
                           "autorizo»; así queda claro lo que usted decidió.")
NO_CONSENT_GIVEN = ("Entendido: no guardamos ningún dato suyo. 👍 Igual puede preguntarme lo que "
                    "quiera de forma anónima, y si cambia de opinión, escriba /start.")
CONSENT_SAVED = ("Listo, guardé sus decisiones:\n{summary}\n\nPuede cambiarlas cuando quiera "
                 "desde /misdatos.")
ASK_DEPARTMENT = ("¿En qué <b>dependencia</b> trabaja? Tóquela en la lista, o escriba parte del "
                  "nombre para buscarla (por ejemplo: «hacienda»).")
DEPARTMENT_MATCHES = "Encontré estas dependencias. ¿Cuál es la suya?"
DEPARTMENT_NOT_FOUND = ("No encontré ninguna dependencia con «{text}». Pruebe con otra palabra o "
                        "búsquela en la lista.")
ASK_KIND = ("¿Cuál es su <b>vinculación</b> con la entidad?\n"
            "• <b>Servidor/a público/a</b>: tiene un cargo de planta, provisional o temporal.\n"
            "• <b>Contratista</b>: trabaja por un contrato de prestación de servicios.")
KIND_SERVIDOR = "Servidor/a público/a"
KIND_CONTRATISTA = "Contratista"
KIND_LABELS = {"servidor": KIND_SERVIDOR, "contratista": KIND_CONTRATISTA}
ONBOARDING_DONE = "¡Gracias! Ya quedó todo listo. 🎉"


def consent_summary(decisions: dict[str, bool]) -> str:
    """One line per purpose: ✅/❌ and its label."""
    from bot.privacy import PURPOSES

    return "\n".join(f"{'✅' if decisions.get(p.code) else '❌'} {p.short_label}"
                     for p in PURPOSES if p.code in decisions)


# -- menu and help -------------------------------------------------------------------------

MENU_TITLE = "¿Qué quiere hacer? Toque una opción 👇"
MENU_VALUE = "🌟 Valor de la semana"
MENU_CONSULT = "⚖️ Consultar un posible conflicto de intereses"
MENU_SUGGEST = "💡 Enviar una sugerencia"
MENU_SURVEY = "📝 Encuesta"
MENU_DECLARE = "📄 Declarar un impedimento"
MENU_LINK = "🔗 Vincular mi cuenta"
MENU_MY_DATA = "🔒 Mis datos"
MENU_UNSUBSCRIBE = "🔕 Darme de baja"
MENU_SUBSCRIBE = "🔔 Recibir campañas"
HELP = ("<b>Así funciono</b>\n"
        "Escríbame su pregunta con sus palabras, o use el menú. Un <b>conflicto de intereses</b> "
        "es cuando un interés personal (suyo, de su familia o de sus socios) podría influir en "
        "una decisión de su trabajo.\n\n<b>Comandos</b>\n{commands}")
HELP_WORDS = ("\n\nEn WhatsApp también puede escribir solo la palabra, sin «/»: por ejemplo "
              "<b>menú</b>, <b>vincular</b>, <b>mis datos</b> o <b>baja</b>.")
COMMAND_DESCRIPTIONS = {
    "start": "Empezar (o volver a empezar)",
    "menu": "Ver el menú",
    "valor": "Ver el valor de la semana",
    "sugerencia": "Enviar una sugerencia",
    "missugerencias": "Ver mis sugerencias",
    "portal": "Entrar al foro «El Valor Soy Yo»",
    "encuesta": "Responder la encuesta de integridad",
    "respuesta": "Ver la respuesta a una pregunta anónima con su código",
    "misdatos": "Ver qué datos míos están guardados",
    "olvidarme": "Borrar todos mis datos",
    "vincular": "Vincular este chat con el directorio de la entidad",
    "baja": "Dejar de recibir campañas",
    "alta": "Volver a recibir campañas",
    "cancelar": "Cancelar lo que estoy haciendo",
    "ayuda": "Cómo funciona este asistente",
}
PORTAL_LINK = (
    "Este es su enlace para entrar al foro «El Valor Soy Yo» y publicar o comentar "
    "sugerencias:\n{link}\n\nSirve una sola vez y vence en 30 minutos. No lo comparta."
)
PORTAL_NEEDS_PERSON = ("Para entrar al foro con su nombre primero complete su registro con "
                       "/start (o participe en el portal sin registrarse, solo leyendo).")
DECLARATIONS_UNAVAILABLE = ("El registro de impedimentos todavía no está disponible en el chat. "
                            "Por ahora, radique su declaración por escrito ante su superior.")
SURVEY_UNAVAILABLE = ("La encuesta de percepción de integridad todavía no está abierta. Le "
                      "avisaremos cuando lo esté. 🙏")

# -- valor de la semana --------------------------------------------------------------------

CAMPAIGNS_UNAVAILABLE = ("Las campañas del valor de la semana todavía no están funcionando en "
                         "este servicio. Muy pronto las verá por aquí. 🌱")
NO_VALUE_YET = "Esta semana todavía no hay un valor publicado. Vuelva a mirar en unos días. 🌱"

# -- subscriptions -------------------------------------------------------------------------

NOT_SUBSCRIBED = "Usted no está recibiendo campañas, así que no hay nada que cancelar."
UNSUBSCRIBED = ("Listo, ya no le enviaremos campañas. 🔕 Si quiere volver a recibirlas, escriba "
                "/alta.")
ALREADY_SUBSCRIBED = "Usted ya está recibiendo las campañas. 🔔"
SUBSCRIBE_NEEDS_CONSENT = ("Para enviarle campañas necesito su autorización. " +
                           PURPOSE_CAMPAIGNS_Q)
SUBSCRIBE_DECLINED = "Entendido, no le enviaremos campañas."
SUBSCRIBED = "¡Listo! Volverá a recibir las campañas. 🔔 Para dejar de recibirlas: /baja."

# -- mis datos / olvidarme -----------------------------------------------------------------

NO_DATA_STORED = ("No tenemos ningún dato suyo guardado. 🔒 Lo que me pregunte se responde sin "
                  "saber quién es usted.")
DATA_TELEGRAM = "Telegram (identificador de chat {chat_id})"
DATA_WEB = "Chat web del portal"
DATA_WHATSAPP = "WhatsApp (número {number})"
DATA_CONSENT_LINE = "• {label}: <b>{answer}</b> ({when}, aviso {version})"
MY_DATA = (
    "<b>Esto es todo lo que tenemos guardado de usted</b> 🔒\n\n"
    "{directory}"
    "• Canal: {channel}\n"
    "• Dependencia: {department}\n"
    "• Vinculación: {kind}\n"
    "• Recibe campañas: {subscribed}\n"
    "• Registrado desde: {since}\n\n"
    "<b>Sus autorizaciones</b>\n{consents}\n\n"
    "<b>A su nombre</b>\n"
    "• Consultas a Talento Humano: {tickets}; preguntas pendientes: {questions}\n"
    "• Declaraciones y recusaciones: {declarations}\n"
    "• Avisos del asistente por enviarle: {queued}{records}\n\n"
    "{footer}"
)
MY_DATA_FOOTER = "No guardamos su nombre, cédula ni teléfono, ni el texto de sus conversaciones."
DATA_WHATSAPP_KEPT = (" De WhatsApp guardamos su número, solo para escribirle por allí los "
                      "avisos y campañas que autorizó.")
MY_DATA_FOOTER_WHATSAPP = ("No guardamos su nombre ni su cédula, ni el texto de sus "
                           "conversaciones." + DATA_WHATSAPP_KEPT)
MY_DATA_FOOTER_LINKED = ("Del directorio de Talento Humano tenemos además su nombre, documento, "
                         "correo y tipo de vinculación. No guardamos el texto de sus "
                         "conversaciones.")
DATA_DIRECTORY = (
    "<b>Su registro en el directorio</b>\n"
    "• Nombre: {name}\n"
    "• Dependencia: {department}\n"
    "• Correo: {email}\n"
    "• Celular: {mobile}\n"
    "• Chats vinculados: {channels}\n"
    "• Vinculado desde: {since}\n\n"
)
CHANNEL_LABELS = {"telegram": "Telegram", "web": "Chat web", "whatsapp": "WhatsApp"}
UNLINK_BUTTON = "🔓 Desvincular {channel}"
UNLINK_CONFIRM = (
    "¿Seguro que quiere desvincular <b>{channel}</b> de su registro del directorio? "
    "{effect}Sus autorizaciones y su registro en el directorio se mantienen. Puede volver a "
    "vincularse cuando quiera con /vincular o con una invitación."
)
UNLINK_THIS_CHAT = ("Este chat dejará de estar unido a su registro y el asistente ya no sabrá "
                    "quién es usted aquí. ")
UNLINK_OTHER_CHAT = "Ese chat dejará de estar unido a su registro. "
UNLINK_YES = "Sí, desvincular"
UNLINK_NO = "No, dejarlo como está"
UNLINKED = "Listo: {channel} quedó desvinculado de su registro del directorio. 🔓"
UNLINK_KEPT = "Listo, no desvinculé nada."
UNLINK_NOT_LINKED = "Ese canal ya no está vinculado a su registro."
REVIEW_CONSENTS = "✏️ Cambiar mis autorizaciones"
FORGET_ME = "🗑️ Borrar todos mis datos"
FORGET_CONFIRM = ("¿Seguro que quiere que borremos <b>todos</b> sus datos? Se borran sus "
                  "autorizaciones, su dependencia, su vinculación y sus preguntas pendientes, y "
                  "dejará de recibir campañas. Sus consultas, sugerencias y declaraciones se "
                  "conservan, pero sin el vínculo con usted. Las cifras generales (sin nombres) "
                  "se mantienen. Esto no se puede deshacer.")
FORGET_CONFIRM_DIRECTORY = (
    "¿Seguro que quiere que borremos sus datos del asistente? Se borran sus autorizaciones, "
    "la vinculación de sus chats (Telegram, chat web), sus preguntas pendientes, los mensajes "
    "por enviarle, sus reacciones y las invitaciones y códigos de vinculación que le hayamos "
    "enviado, y dejará de recibir campañas. Sus consultas y sugerencias se quedan sin su "
    "nombre.\n\n"
    "Lo que <b>no</b> se borra aquí: su registro en el directorio de Talento Humano (nombre, "
    "documento, correo, dependencia), que es de la entidad como empleadora, y sus declaraciones "
    "de conflictos de intereses y recusaciones, que la entidad debe conservar por ley. En las "
    "encuestas que usted ya terminó queda solo que las respondió (nunca qué respondió). Para "
    "esos registros puede dirigirse a Talento Humano.\n\n"
    "Esto no se puede deshacer."
)
FORGET_YES = "Sí, borrar todo"
FORGET_NO = "No, dejarlo como está"
FORGET_KEPT = "Listo, no borré nada."
FORGOTTEN_DIRECTORY = (
    "Listo: borramos sus datos del asistente y este chat ya no está vinculado a su registro. "
    "🗑️ Las invitaciones y códigos que le enviamos ya no sirven. Talento Humano conserva su "
    "registro del directorio y sus declaraciones, como se lo indicamos. Si algún día quiere "
    "volver, escriba /start."
)
FORGOTTEN = ("Listo: borramos todos sus datos. 🗑️ Si algún día quiere volver, escriba /start. "
             "Gracias por haber participado.")

# -- consultations -------------------------------------------------------------------------

ASK_QUESTION = ("Cuénteme su duda sobre un posible conflicto de intereses, con sus palabras. "
                "Por ejemplo: «¿Puedo evaluar la propuesta de una empresa donde trabaja mi "
                "primo?»\n\n<i>No escriba nombres ni datos sensibles (salud, religión, sindicato, "
                "partido político) si no hace falta.</i>")
CONSULTATIONS_COMING = ("Todavía estoy aprendiendo a responder consultas sobre conflictos de "
                        "intereses; esa función llega muy pronto. 🌱")
OFFER_HR = ("¿Quiere que le pase su pregunta a Talento Humano? Puede ir con sus datos (para que "
            "le respondan por aquí) o de forma anónima (le doy un código para consultar la "
            "respuesta).")
OFFER_HR_ANONYMOUS_ONLY = (
    "¿Quiere que le pase su pregunta a Talento Humano de forma anónima? Le doy un código para "
    "consultar la respuesta con /respuesta. Solo la guardamos si usted dice que sí.")
OFFER_LEGAL = ("¿Quiere consultarlo con la Oficina Jurídica? Puede ir con sus datos (para que le "
               "respondan por aquí) o de forma anónima (le doy un código para consultar la respuesta).")
OFFER_LEGAL_ANONYMOUS_ONLY = (
    "¿Quiere consultarlo con la Oficina Jurídica de forma anónima? Le doy un código para consultar "
    "la respuesta con /respuesta. Solo la guardamos si usted dice que sí.")
OFFER_REPORT = (
    "¿Quiere registrar su reporte? Lo revisa un asesor o asesora de la entidad, que le indicará "
    "cómo llevarlo a Control Interno Disciplinario. Puede enviarlo de forma anónima (le doy un "
    "código para consultar la respuesta) o con sus datos. Nada se envía si usted no lo pide.")
OFFER_REPORT_ANONYMOUS_ONLY = (
    "¿Quiere registrar su reporte de forma anónima? Lo revisa un asesor o asesora de la entidad, "
    "que le indicará cómo llevarlo a Control Interno Disciplinario. Le doy un código para consultar "
    "la respuesta con /respuesta. Solo lo guardamos si usted dice que sí.")
PASS_WITH_NAME = "Sí, con mis datos"
PASS_ANONYMOUS = "Sí, de forma anónima"
QUESTION_NOT_SENT = "Entendido, no la envié. Su pregunta no quedó guardada."
DID_IT_HELP = "\n\n¿Le sirvió esta respuesta?"
HELPED_YES = "👍 Sí, me sirvió"
HELPED_NO = "👎 No me sirvió"
GLAD_IT_HELPED = "¡Qué bueno! Gracias por contarme. 😊"
NONE_OF_THESE = "Ninguna de estas"
ANSWER_NEEDS_CODE = "Escriba el código después del comando, así: /respuesta ABCD-1234"
ANSWER_PENDING = ("Su pregunta sigue pendiente; Talento Humano todavía no la ha respondido. "
                  "Vuelva a mirar en unos días.")
CODE_NOT_FOUND = "No encontré ninguna pregunta con ese código. Revise que esté bien escrito."


OFFICES = {"th": "Listo, su pregunta quedó en manos de Talento Humano. 📨",
           "jur": "Listo, su pregunta quedó registrada para la Oficina Jurídica. 📨",
           "cid": ("Listo, su reporte quedó registrado. Un asesor o asesora de la entidad lo revisará "
                   "y le indicará cómo llevarlo a Control Interno Disciplinario. 📨")}


def passed_to_hr(*, code: str | None, due: str | None, office: str = "th") -> str:
    """Confirmation, once the ticket exists, that a question went to Talento Humano, with its code
    and date if any. A report (``office="cid"``) lands in the same advisors' queue, so its text
    says an advisor will point the way to Control Interno Disciplinario, not that it is there."""
    text = OFFICES.get(office, OFFICES["th"])
    if due:
        text += f" Le responderán a más tardar el {escape(due)}."
    if code:
        text += (f"\n\nSu código es <code>{escape(code)}</code>. Guárdelo: con "
                 f"<code>/respuesta {escape(code)}</code> puede ver la respuesta. Es la única "
                 "forma de encontrarla, porque no sabemos quién preguntó.")
    else:
        text += " Le avisaremos por aquí cuando haya respuesta."
    return text


# -- suggestions ---------------------------------------------------------------------------

VALUES = CODE_VALUES
SUGGESTIONS_UNAVAILABLE = ("El buzón de sugerencias todavía no está funcionando en este "
                           "servicio. Muy pronto podrá enviarlas por aquí. 🌱")
ASK_SUGGESTION = ("Escriba su sugerencia para vivir mejor el Código de Integridad en la "
                  "entidad. Puede ser una idea, algo que se podría mejorar o una propuesta. ✍️")
SUGGESTION_TOO_SHORT = "Cuénteme un poquito más (al menos {min} caracteres)."
SUGGESTION_TOO_LONG = "Es un poco larga; por favor resúmala en menos de {max} caracteres."
ASK_SUGGESTION_VALUE = "¿Con qué valor del Código de Integridad tiene que ver? (Es opcional.)"
NO_PARTICULAR_VALUE = "Ninguno en particular"
ASK_ANONYMITY = "¿Quiere que la sugerencia vaya a su nombre o de forma anónima?"
SIGN_IT = "A mi nombre"
KEEP_ANONYMOUS = "Anónima"
SIGNED = "a su nombre (podrá seguirla con /missugerencias)"
ANONYMOUS = "anónima"
ANONYMOUS_FORCED = "anónima (para enviarla a su nombre, autorice el seguimiento en /misdatos)"
CONFIRM_SUGGESTION = ("<b>Revise su sugerencia</b>\n\n{text}\n\n• Valor: {value}\n"
                      "• Se envía: {signed}\n\n¿La enviamos?")
SEND = "✅ Enviar"
SUGGESTION_CANCELLED = "Listo, no envié la sugerencia."
MY_SUGGESTIONS_NEED_PERSON = ("No tenemos sugerencias a su nombre, porque no guardamos datos "
                              "suyos. Si quiere seguirlas, autorice el seguimiento con /start.")
NO_SUGGESTIONS_YET = "Todavía no tiene sugerencias a su nombre. ¿Se anima a enviar una? 💡"
MY_SUGGESTIONS = "<b>Sus sugerencias</b>\n{lines}"


def suggestion_sent(url: str | None) -> str:
    """Thanks for a suggestion, with its link in the forum when there is one."""
    text = "¡Gracias! Su sugerencia quedó enviada. 💡"
    if url:
        text += f' Puede verla en el foro: <a href="{html.escape(url)}">abrir sugerencia</a>.'
    return text


def suggestion_line(title: str, status: str, url: str | None, created_on: date) -> str:
    """One line of /missugerencias."""
    name = escape(clip(title, 80))
    if url:
        name = f'<a href="{html.escape(url)}">{name}</a>'
    return f"• {name} — {escape(status)} ({date_text(created_on)})"


# -- reactions -----------------------------------------------------------------------------

REACTION_NEEDS_PERSON = ("No pude registrar ese botón. Si es una reacción al valor de la "
                         "semana, solo la podemos contar si usted autoriza recibir campañas "
                         "(/start).")
OFFER_COMMENT = "¿Quiere dejarnos un comentario sobre esta pieza? (Es opcional.)"
LEAVE_COMMENT = "💬 Dejar un comentario"
ASK_COMMENT = "Escriba su comentario:"
COMMENT_SAVED = "¡Gracias por su comentario! 💬"
COMMENT_NOT_SAVED = "Por ahora no puedo guardar comentarios, pero su reacción sí quedó. 🙏"

# -- channels ------------------------------------------------------------------------------

WEB_TITLE = "Chat El Valor Soy Yo"
WEB_INTRO = ("Escriba su mensaje abajo. Si es su primera vez, escriba /start para conocer el "
             "servicio y decidir qué datos autoriza guardar.")
WEB_PLACEHOLDER = "Escriba su mensaje…"
WEB_SEND = "Enviar"
WEB_RATE_LIMITED = "Va muy rápido 😅. Espere unos segundos y vuelva a intentarlo."
WEB_BAD_REQUEST = "No entendí esa solicitud: envíe un texto o un botón."
WEB_NO_JS = "Este chat necesita JavaScript activado en su navegador."
WEBHOOK_FORBIDDEN = "Secreto del webhook ausente o incorrecto."
WEBHOOK_DISABLED = "El canal de Telegram en modo webhook no está activo."
WEBHOOK_BAD_UPDATE = "La actualización no tiene la forma esperada."
NOTIFY_PERSON_GONE = "La persona borró sus datos antes del envío."
# why a queued message has not left (the outbox's last error, which staff read)
NOTIFY_TELEGRAM_DOWN = "Telegram no está disponible; se reintentará."
NOTIFY_NO_WEB_CHAT = "La persona no tiene chat web."
NOTIFY_TELEGRAM_BLOCKED = "La persona bloqueó el bot en Telegram."
NOTIFY_TELEGRAM_REFUSED = "Telegram rechazó el mensaje ({kind}); no se reintentará."

# -- vinculación con el directorio (#17) ---------------------------------------------------
LINK_CONSENT = (
    "<b>Vincular este chat con el directorio de {entity}</b>\n\n"
    "Si acepta, uniremos este chat con su registro en el directorio de Talento Humano "
    "(nombre, documento, correo institucional, dependencia y tipo de vinculación). Así el "
    "asistente sabrá quién es usted para sus consultas, encuestas y recordatorios.\n\n"
    "Tratamos estos datos según la Ley 1581 de 2012 y la política de protección de datos de "
    "la entidad. Puede consultar lo que guardamos con /misdatos y pedir que lo borremos con "
    "/olvidarme. Aceptar es voluntario: si no acepta, puede seguir usando el asistente sin "
    "vincularse.\n\n¿Autoriza la vinculación?"
)
LINK_INVITATION_FOR = (
    "Esta invitación personal es para <b>{name}</b>. Si usted no es esa persona, toque «No, "
    "gracias» y avise a Talento Humano: vincularse con la invitación de otra persona haría que "
    "el asistente lo confunda con ella.\n\n")
LINK_ACCEPT = "✅ Sí, autorizo vincular"
LINK_DECLINE = "❌ No, gracias"
LINK_DECLINED = ("Listo, no vinculamos nada. Puede seguir usando el asistente, y vincularse "
                 "cuando quiera con /vincular.")
LINK_DONE = "Listo: este chat quedó vinculado a su registro del directorio. ✅"
LINK_ALREADY = "Este chat ya está vinculado a su registro del directorio. ✅"
LINK_RELINK = "✅ Sí, pasar la vinculación a este chat"
STAFF_TELEGRAM_LINKED = ("Listo: las pruebas de campañas de la cuenta de consola {email} llegarán a "
                         "este chat. ✅")
STAFF_TELEGRAM_ONLY = "Ese enlace solo funciona en Telegram."
LINK_FAILED_HINT = "\n\nPara intentarlo de otra forma, escriba /vincular."
LINK_ASK_EMAIL = (
    "Para vincular este chat con el directorio, escriba su <b>correo institucional</b>. "
    "Le enviaremos un código de 6 dígitos.\n\nPara no hacerlo ahora, escriba /cancelar."
)
LINK_BAD_EMAIL = ("Eso no parece un correo. Escríbalo completo, por ejemplo "
                  "nombre.apellido@entidad.gov.co, o escriba /cancelar.")
LINK_CODE_SENT = (
    "Si ese correo está en el directorio, le llegará en unos minutos un código de 6 dígitos "
    "(revise también el correo no deseado). Escríbalo aquí; vence en 15 minutos.\n\n"
    "Si no le llega, escriba /cancelar y pida ayuda a Talento Humano."
)
LINK_ASK_EMAIL_OR_CONTACT = (
    "Para vincular este chat con el directorio, toque <b>Compartir mi número</b> (abajo, junto al "
    "teclado): si su celular está en el directorio, queda identificado. También puede escribir su "
    "<b>correo institucional</b> y le enviaremos un código de 6 dígitos.\n\n"
    "Para no hacerlo ahora, escriba /cancelar."
)
LINK_ASK_CONTACT = (
    "Para vincular este chat con el directorio, toque <b>Compartir mi número</b> (abajo, junto al "
    "teclado): si su celular está en el directorio, queda identificado.\n\n"
    "Para no hacerlo ahora, escriba /cancelar."
)
LINK_SHARE_CONTACT = "📱 Compartir mi número"
LINK_CONTACT_NOT_YOURS = (
    "Ese contacto no es el suyo. Para vincularse solo sirve <b>su propio</b> número: toque "
    "«Compartir mi número», o escriba /cancelar."
)
LINK_CONTACT_NO_MATCH = (
    "Su número no está en el directorio de la entidad (o Talento Humano aún no lo ha cargado). "
    "Puede escribir aquí su <b>correo institucional</b> para recibir un código, o pedir a "
    "Talento Humano su invitación personal."
)
LINK_CONTACT_NO_MATCH_NO_EMAIL = (
    "Su número no está en el directorio de la entidad (o Talento Humano aún no lo ha cargado). "
    "Pida a Talento Humano su invitación personal."
)
LINK_CONTACT_MATCHED = "Gracias: ese número está en el directorio."
LINK_CONTACT_EXPIRED = ("Pasaron más de 15 minutos desde que compartió su número. Escriba "
                        "/vincular para compartirlo de nuevo.")
LINK_CONTACT_REVOKED = ("Se anularon las invitaciones y la vinculación pendiente de esa persona. "
                        "Escriba /vincular para intentarlo de nuevo.")
LINK_WHATSAPP_MATCHED = (
    "El número de este WhatsApp está en el directorio a nombre de <b>{name}</b>. Si no es "
    "usted, toque «No, gracias» y avise a Talento Humano.")
LINK_WHATSAPP_MATCHED_NO_NAME = (
    "El número de este WhatsApp está en el directorio. Si el registro no es suyo, toque «No, "
    "gracias» y avise a Talento Humano.")
LINK_WHATSAPP_NO_MATCH = (
    "El número de este WhatsApp no está en el directorio de la entidad (o Talento Humano aún no "
    "lo ha cargado). Para vincularse, escriba aquí su <b>correo institucional</b> y le "
    "enviaremos un código de 6 dígitos, o pida a Talento Humano su invitación personal.\n\n"
    "Para no hacerlo ahora, escriba /cancelar.")
LINK_WHATSAPP_EXPIRED = ("Pasaron más de 15 minutos desde que reconocimos su número. Escriba "
                         "/vincular para intentarlo de nuevo.")
LINK_EMAIL_OFF = ("La vinculación por correo no está disponible en este momento. Pida a Talento "
                  "Humano su invitación personal.")
LINK_CODE_TYPED = "El código tiene 6 dígitos. Escríbalo tal como le llegó, o escriba /cancelar."
LINK_EMAIL_SUBJECT = "Su código para vincularse con el asistente «El Valor Soy Yo»"
LINK_EMAIL_TEXT = (
    "Hola:\n\nSu código para vincular su chat con el directorio de {entity} es:\n\n"
    "    {code}\n\nVence en 15 minutos. Si usted no lo pidió, ignore este correo: nadie podrá "
    "vincularse sin el código.\n\n{entity} · Talento Humano"
)
