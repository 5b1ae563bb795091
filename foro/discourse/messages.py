"""Spanish (Colombia) texts of the Discourse integration: the only place they live."""

from __future__ import annotations

# Errors shown to HR in the outbox / console and written to logs.
UNAVAILABLE = "Discourse no está disponible en este momento ({detail}). Se reintentará más tarde."
BAD_RESPONSE = "Discourse respondió algo que no se puede interpretar ({detail}). Se reintentará más tarde."
RATE_LIMITED = "Discourse pidió esperar {seconds:.0f} segundos antes de más solicitudes."
REJECTED = "Discourse rechazó la solicitud (HTTP {status}): {detail}"
NOT_AUTHORIZED = (
    "Discourse no aceptó la clave de API o el usuario configurados "
    "(VALOR_DISCOURSE_API_KEY, VALOR_DISCOURSE_API_USERNAME)."
)
NOT_FOUND = "Discourse no encontró {what}."
INVALID_EXTERNAL_ID = (
    "El identificador externo {value!r} no es válido para Discourse "
    "(solo letras, números, guion y guion bajo; máximo 50)."
)

# Texts used to make a suggestion acceptable as a Discourse topic.
TITLE_PREFIX = "Sugerencia: "
TITLE_EMPTY = "Sugerencia para El Valor Soy Yo"
BODY_EMPTY = "(La persona no escribió más detalles en su sugerencia.)"
BODY_TOO_SHORT_NOTE = "\n\n_(Sugerencia breve enviada al foro El Valor Soy Yo.)_"
BODY_TRUNCATED_NOTE = (
    "\n\n_(Texto recortado por su extensión; el texto completo está en el registro de "
    "Talento Humano.)_"
)

# Webhook payloads.
WEBHOOK_NOT_JSON = "El webhook de Discourse no trae un JSON válido."
WEBHOOK_BAD_SHAPE = "El webhook de Discourse no tiene la forma esperada: {detail}"
