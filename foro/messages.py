"""Every Spanish (Colombia) text of the forum: API errors, chat notices, portal pages."""

from __future__ import annotations

from nucleo.values import CODE_VALUES

# -- values and statuses -------------------------------------------------------------------
VALUE_LABELS = CODE_VALUES
STATUS_LABELS = {
    "recibida": "Recibida",
    "en_analisis": "En análisis",
    "adoptada": "Adoptada",
    "no_adoptada": "No adoptada",
    "ya_existe": "Ya existe",
}
SOURCE_LABELS = {"chat": "Chat", "portal": "Portal", "forum": "Foro"}
MODERATION_REASONS = {
    "spam": "spam o publicidad",
    "ofensivo": "contenido ofensivo",
    "no_corresponde": "no corresponde a este espacio",
}

# -- input problems --------------------------------------------------------------------------
EMPTY_SUGGESTION = ("La sugerencia está vacía. Escriba qué propone para vivir mejor el Código "
                    "de Integridad.")
TOO_LONG = ("La sugerencia es demasiado larga: tiene {n} caracteres y el máximo es {max}. "
            "Resúmala o divídala en varias sugerencias.")
EMPTY_REPLY = "La respuesta está vacía."
REPLY_TOO_LONG = "La respuesta es demasiado larga: tiene {n} caracteres y el máximo es {max}."
ANSWER_EMPTY = "La respuesta oficial está vacía."
ANSWER_TOO_LONG = "La respuesta oficial es demasiado larga (máximo {max} caracteres)."
UNKNOWN_VALUE = "Valor desconocido: «{value}». Use uno de: {options}."
UNKNOWN_STATUS = "Estado desconocido: «{value}». Use uno de: {options}."
UNKNOWN_REASON = "Motivo de moderación desconocido: «{value}». Use uno de: {options}."
UNKNOWN_SOURCE = "Origen desconocido: «{value}»."
ANONYMOUS_WITH_PERSON = "Una sugerencia con autor necesita la persona que la envía."
PERSON_NOT_FOUND = "No encontramos a esa persona en el directorio."
DEPARTMENT_NOT_FOUND = "No existe esa dependencia."
TOO_MANY_TODAY = "Ya envió {n} sugerencias hoy. Podrá enviar más mañana."
BAD_TRANSITION = "No se puede pasar una sugerencia de «{source}» a «{target}»."
ADOPTED_NEEDS_PLAN = "Para marcarla como adoptada, diga qué se hará y para cuándo (fecha)."
REJECTED_NEEDS_REASON = "Para marcarla como no adoptada, explique el motivo."
DUPLICATE_NEEDS_LINK = "Para marcarla como «ya existe», indique la sugerencia original."
DUPLICATE_OF_ITSELF = "Una sugerencia no puede repetirse a sí misma."
DUPLICATE_NOT_FOUND = "La sugerencia original indicada no existe."
SUGGESTION_NOT_FOUND = "No existe esa sugerencia."
POST_NOT_FOUND = "No existe ese mensaje del foro."
NO_DRAFT = "Esta sugerencia no tiene un borrador de respuesta para publicar."
ALREADY_HIDDEN = "Ese contenido ya estaba oculto."
HIDDEN_SUGGESTION = "Esta sugerencia fue retirada por moderación."

# -- chat notices to the author (HTML for the Notifier) -----------------------------------------
NOTICE_ANSWER = (
    "📣 <b>Talento Humano respondió su sugerencia</b> «{title}»\n"
    "Estado: <b>{status}</b>\n\n{answer}{details}{link}"
)
NOTICE_PLAN = "\n\n<b>Qué se hará:</b> {plan}\n<b>Para cuándo:</b> {due}"
NOTICE_REASON = "\n\n<b>Motivo:</b> {reason}"
NOTICE_DUPLICATE = "\n\n<b>Sugerencia original:</b> {title}"
NOTICE_LINK = "\n\nVer en el foro: {url}"
NOTICE_HIDDEN_POST = (
    "🛡️ Su mensaje en el foro El Valor Soy Yo fue ocultado por moderación.\n"
    "Motivo: <b>{reason}</b>.\nSi cree que es un error, escriba a Talento Humano."
)
NOTICE_HIDDEN_SUGGESTION = (
    "🛡️ Su sugerencia «{title}» fue retirada del foro por moderación.\n"
    "Motivo: <b>{reason}</b>.\nSi cree que es un error, escriba a Talento Humano."
)

# -- forum texts (Discourse posts, built-in portal) -------------------------------------------
FORUM_AUTHOR_PERSON = "Participante"
FORUM_AUTHOR_ANONYMOUS = "Participante anónimo"
FORUM_AUTHOR_STAFF = "Talento Humano"
FORUM_ANSWER_HEADER = "**Respuesta oficial de Talento Humano** — estado: **{status}**"
FORUM_ANSWER_PLAN = "**Qué se hará:** {plan}\n\n**Para cuándo:** {due}"
FORUM_ANSWER_REASON = "**Motivo:** {reason}"
FORUM_ANSWER_DUPLICATE = "**Sugerencia original:** {url}"
FORUM_ANSWER_REF = "Ref. {ref}"
FORUM_REPLY_HEADER = "**{author}** (desde el portal):"
FORUM_TOPIC_FOOTER = "\n\n---\nValor: {value} · Origen: {source} · Ref. {ref}"
FORUM_NO_VALUE = "sin valor"
FORUM_IMPORTED_PLACEHOLDER = "(Tema abierto en el foro; el texto llegará en un momento.)"



# -- outbox / configuration ------------------------------------------------------------------
NO_CATEGORY = ("Falta VALOR_DISCOURSE_CATEGORY_ID: no se sabe en qué categoría de Discourse "
               "publicar las sugerencias.")
OUTBOX_GAVE_UP = "Se agotaron los reintentos ({n}); revise el error y reintente a mano."
WEBHOOK_NOT_CONFIGURED = ("El webhook de Discourse no está configurado "
                          "(falta VALOR_DISCOURSE_WEBHOOK_SECRET).")
WEBHOOK_UNSIGNED = "Falta la firma X-Discourse-Event-Signature."
WEBHOOK_BAD_SIGNATURE = "La firma del webhook no es válida."

# -- built-in portal ---------------------------------------------------------------------------
PORTAL_NAME = "El Valor Soy Yo"
PORTAL_LINK_INVALID = "Este enlace de ingreso no es válido. Pida uno nuevo al bot con /portal."
PORTAL_LINK_EXPIRED = "Este enlace de ingreso ya venció. Pida uno nuevo al bot con /portal."
PORTAL_LINK_USED = "Este enlace de ingreso ya se usó. Pida uno nuevo al bot con /portal."
PORTAL_CSRF = ("El formulario venció o no viene de este portal. Recargue la página e intente "
               "de nuevo.")
PORTAL_LOGIN_NEEDED = ("Para publicar necesita ingresar. Escriba /portal al bot de El Valor Soy Yo "
                       "en Telegram y abra el enlace que le envía.")
PORTAL_NOT_FOUND = "No encontramos esa sugerencia."
PORTAL_WELCOME = "Ingresó al portal. Ya puede publicar sugerencias y responder."
PORTAL_LOGGED_OUT = "Cerró su sesión en el portal."
PORTAL_SENT = "Su sugerencia quedó publicada. Talento Humano la revisará."
PORTAL_REPLIED = "Su respuesta quedó publicada."

# The integrity report's measures (foro/measures.py)
MEASURE_ANSWERED = "Sugerencias respondidas"
MEASURE_ADOPTED = "Sugerencias adoptadas"
MEASURE_SOURCE = (
    "Foro de participación: sugerencias recibidas en el periodo (por el bot, el portal o el "
    "foro, sin las ocultas por moderación) y su estado de hoy; «respondida» es la que tiene una "
    "respuesta oficial publicada.")
MEASURE_ANSWERED_UNIT = "sugerencias respondidas"
MEASURE_ADOPTED_UNIT = "sugerencias adoptadas"
MEASURE_RECEIVED = "Recibidas"
MEASURE_WITH_ANSWER = "Con respuesta publicada"
MEASURE_WERE_ADOPTED = "Adoptadas"
MEASURE_NOT_ADOPTED = "No adoptadas"


# -- the bot's /misdatos (foro/personal_data.py) -----------------------------------------------
MY_SUGGESTIONS = "• Sugerencias: {suggestions}; comentarios en el foro: {posts}"
