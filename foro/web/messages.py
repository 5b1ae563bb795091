"""The Spanish texts of the suggestions' console pages and Inicio card."""

from nucleo.outbox import OutboxState

CARD_SUGGESTIONS = "Sugerencias por estado"
CARD_SUGGESTIONS_TREND = "Sugerencias recibidas por mes (últimos {n} meses)"
SUGGESTIONS_TREND_RECEIVED = "Recibidas"
SUGGESTIONS_TREND_ANSWERED = "Con respuesta publicada (de las recibidas ese mes)"

# ---- Sugerencias ----
SUGGESTIONS_TITLE = "Sugerencias"
SUGGESTIONS_INTRO = ("Sugerencias del chat, del portal y del foro: revíselas, analícelas y "
                     "publique la respuesta oficial de Talento Humano.")
SUGGESTION_STATUS = "Estado"
SUGGESTION_VALUE = "Valor"
SUGGESTION_SEARCH = "Buscar en el texto"
ALL_STATUSES = "Todos los estados"
ALL_VALUES = "Todos los valores"
NO_VALUE = "Sin valor"
SUGGESTION_SORTS = {
    "recientes": "Más recientes primero",
    "antiguas": "Más antiguas primero (las que más esperan)",
    "actualizadas": "Cambiadas recientemente",
}
SUGGESTIONS_BY_STATUS = "Por estado"
SUGGESTIONS_ALL = "Todas"
NO_SUGGESTIONS = "No hay sugerencias que coincidan."
NO_SUGGESTIONS_FOUND = ("Ninguna sugerencia tiene todas esas palabras en el título o el texto "
                        "(con los filtros elegidos).")
COL_NUMBER = "N.º"
COL_TITLE = "Sugerencia"
COL_SOURCE = "Origen"
COL_RECEIVED = "Recibida"
COL_ANSWER = "Respuesta"
ANSWER_PUBLISHED = "Publicada"
ANSWER_DRAFT = "Borrador"
ANSWER_NONE = "—"
HIDDEN_BADGE = "Oculta"
SUGGESTION_HEADING = "Sugerencia n.º {id}"
SUGGESTION_TEXT = "Texto de la sugerencia"
SUGGESTION_TEXT_HINT = "Se muestra tal como llegó: el formato y las etiquetas no se interpretan."
SUGGESTION_AUTHOR = "Autor/a"
AUTHOR_ANONYMOUS = "Anónima (no se guarda ningún vínculo con la persona)"
AUTHOR_FORUM = "En el foro: {name}"
AUTHOR_FORUM_UNKNOWN = "Participante del foro"
SUGGESTION_DEPARTMENT = "Dependencia"
SUGGESTION_RECEIVED = "Recibida el"
SUGGESTION_HIDDEN = "Retirada por moderación el {when} (motivo: {reason})."
BACK_TO_LIST = "Volver a la lista"
PORTAL_PAGE = "Ver en el portal"

# History
HISTORY_TITLE = "Historial"
HISTORY_RECEIVED = "Recibida por {source}"
HISTORY_EVENTS = {
    "foro.sugerencia.analisis": "Pasó a análisis",
    "foro.respuesta.borrador": "Borrador de respuesta guardado",
    "foro.respuesta.publicada": "Respuesta oficial publicada",
    "foro.moderacion.sugerencia": "Retirada por moderación",
    "foro.foro.reintento": "Envíos al foro reintentados",
}
HISTORY_CHANGE = "De «{source}» a «{target}»"
HISTORY_REVISION = "Versión {n} · {status}"
HISTORY_REASON = "Motivo: {reason}"
HISTORY_RETRIED = "{n} envío(s)"

# Analysis
ANALYSIS_TITLE = "Análisis"
ANALYSIS_HINT = "Pásela a análisis cuando Talento Humano empiece a estudiarla."
ANALYSIS_SUBMIT = "Pasar a análisis"
ANALYSIS_DONE = "La sugerencia pasó a «En análisis»."

# Bulk actions on the list
SUG_BULK_LEGEND = "Con las sugerencias marcadas"
SUG_BULK_CHOOSE_ONE = "Marcar la sugerencia n.º {id}"
SUG_BULK_ANALYSE = "Pasar a «En análisis»"
SUG_BULK_ANALYSE_QUESTION = "¿Pasar a «En análisis» las sugerencias marcadas ({n})?"
SUG_BULK_ANALYSE_CONSEQUENCE = (
    "Cada una cambia de estado y el cambio queda en el registro de auditoría; si el foro está "
    "conectado, su etiqueta allí cambia también. Las que no puedan pasar (por ejemplo, porque "
    "ya tienen una decisión) quedan como están y se le dirá por qué."
)
SUG_BULK_ANALYSE_CONFIRM = "Sí, pasarlas a «En análisis»"
SUG_BULK_ANALYSE_DONE = "Sugerencias que pasaron a «En análisis»: {n}."
SUG_BULK_TITLE = "Acción sobre varias sugerencias"
SUG_BULK_NONE_DONE = "Ninguna sugerencia cambió."
SUG_BULK_REFUSED = "Sugerencias que no cambiaron ({n})"
SUG_BULK_ITEM = "Sugerencia n.º {id}: {title}"
SUG_BULK_BACK = "Volver a las sugerencias"
SUG_BULK_NONE_CHOSEN = "No marcó ninguna sugerencia. Vuelva a la lista y marque al menos una."

# Official answer
ANSWER_TITLE = "Respuesta oficial"
ANSWER_PUBLISHED_ON = "Publicada el {when} (versión {n})."
ANSWER_NOT_YET = "Aún no hay una respuesta publicada."
ANSWER_DRAFT_TITLE = "Borrador"
ANSWER_DRAFT_SAVED_ON = "Borrador guardado el {when} (versión {n}); aún no es visible para nadie."
ANSWER_FORM_TITLE = "Escribir la respuesta"
ANSWER_STATUS = "Estado que comunica la respuesta"
ANSWER_TEXT = "Respuesta"
ANSWER_TEXT_HINT = ("Máximo {max} caracteres. Es lo que leerá la persona en el chat y lo que "
                    "se publica en el foro.")
ANSWER_PLAN = "Qué se hará (si es adoptada)"
ANSWER_DUE = "Para cuándo (si es adoptada)"
ANSWER_REASON = "Motivo (si no es adoptada)"
ANSWER_DUPLICATE = "N.º de la sugerencia original (si ya existe)"
ANSWER_SAVE = "Guardar el borrador"
ANSWER_SAVED = "Borrador guardado. Revíselo y publíquelo cuando esté listo."
ANSWER_UNCHANGED = "La respuesta es igual a la ya publicada; no se creó una versión nueva."
PUBLISH_HINT = ("Al publicar, la sugerencia cambia a «{status}», la persona autora recibe un "
                "aviso en el chat (si no es anónima) y la respuesta aparece en el foro.")
PUBLISH_SUBMIT = "Publicar la respuesta oficial"
PUBLISHED = "Respuesta publicada. La sugerencia quedó «{status}»."
ALREADY_PUBLISHED = "Esta respuesta ya estaba publicada: no se volvió a publicar ni a avisar."
BAD_DATE = "La fecha «{name}» no es válida (use el selector o AAAA-MM-DD)."
BAD_NUMBER = "El número de «{name}» no es válido."

# Forum
FORUM_TITLE = "Foro"
FORUM_PORTAL = "Foro: portal propio. Los cambios se ven allí al instante."
FORUM_DISCOURSE = ("Foro: Discourse. Los envíos se entregan en orden; si el foro falla, se "
                   "reintentan.")
FORUM_TOPIC = "Ver el tema en el foro"
FORUM_NO_WRITES = "No hay envíos al foro para esta sugerencia."
FORUM_KINDS = {
    "topic": "Crear el tema", "answer": "Respuesta oficial", "reply": "Mensaje del portal",
    "tags": "Etiquetas", "hide_post": "Ocultar un mensaje", "hide_topic": "Ocultar el tema",
}
FORUM_STATES = {OutboxState.PENDIENTE: "Pendiente", OutboxState.ENVIANDO: "Enviándose",
                OutboxState.ENVIADA: "Entregado", OutboxState.FALLIDA: "Rechazado por el foro"}
COL_WRITE = "Envío"
COL_ATTEMPTS = "Intentos"
FORUM_FAILED_HINT = "El foro rechazó {n} envío(s). Corrija la configuración y reintente."
RETRY_SUBMIT = "Reintentar los envíos rechazados"
RETRIED = "Se volvieron a poner en cola {n} envío(s) al foro."

# Moderation
MODERATION_TITLE = "Moderación"
MODERATION_HINT = ("Retira la sugerencia del foro y del portal. La persona autora recibe un "
                   "aviso con el motivo. Queda en el registro de auditoría.")
MODERATION_REASON = "Motivo"
MODERATION_HIDE = "Retirar la sugerencia"
MODERATION_HIDDEN = "La sugerencia se retiró del foro."
MODERATION_CONFIRM_TITLE = "Retirar una sugerencia"
MODERATION_CONFIRM_QUESTION = "¿Retirar la sugerencia n.º {id} del foro y del portal?"
MODERATION_CONFIRM_CONSEQUENCE = ("Deja de verse en el foro y en el portal, y la persona autora "
                                  "recibe un aviso con el motivo «{reason}».")
MODERATION_CONFIRM = "Sí, retirar la sugerencia"
POSTS_TITLE = "Mensajes en el foro ({n})"
NO_POSTS = "Aún no hay mensajes."
POST_HIDDEN = "Oculto por moderación (motivo: {reason})."
POST_HIDE = "Ocultar"
POST_HIDE_LABEL = "Ocultar el mensaje {n}"
POST_REASON_LABEL = "Motivo para ocultar el mensaje {n}"
POST_HIDDEN_DONE = "El mensaje se ocultó."

# Dashboard
CARD_SUGGESTIONS_NONE = "Aún no hay sugerencias."
FIELD_TOO_LONG = "«{name}» es demasiado largo: tiene {n} caracteres y el máximo es {max}."
SHOWN_PLAN = "Qué se hará"
SHOWN_DUE = "Para cuándo"
SHOWN_REASON = "Motivo"
SHOWN_DUPLICATE = "Sugerencia original"
