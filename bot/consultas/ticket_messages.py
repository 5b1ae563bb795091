"""Spanish texts of the consultation desk: tickets, receipts, advisors' answers and HR's edits.

(The engine's own replies live in ``messages.py``; this catalogue covers the database side.)
"""

# To the person, in the chat (Telegram HTML; every inserted value is escaped by the caller).
TICKET_OPENED = (
    "Listo. Su consulta quedó registrada con el número <b>{ticket_id}</b>. Un asesor o asesora le "
    "responderá por este chat a más tardar el <b>{due}</b>."
)
TICKET_OPENED_ANONYMOUS = (
    "Listo. Su consulta anónima quedó registrada. No guardamos quién la hizo, así que no podemos "
    "escribirle: guarde este código y envíemelo después para leer la respuesta:\n\n"
    "<code>{code}</code>\n\nLa respuesta estará lista a más tardar el <b>{due}</b>."
)
ANSWER_HEADER = "<b>Respuesta a su consulta n.º {ticket_id}</b>"
ANSWER_QUESTION = "<i>Su pregunta:</i> {question}"
ANSWER_FOOTER = "<i>Respondió: {advisor}. Si tiene otra duda, escríbame.</i>"
ANONYMOUS_ANSWER_HEADER = "<b>Respuesta a su consulta anónima</b>"
ANONYMOUS_PENDING = (
    "Su consulta anónima sigue en manos de un asesor o asesora. La respuesta estará lista a más "
    "tardar el <b>{due}</b>. Vuelva a enviarme el código entonces."
)
ADVISOR_ANONYMOUS_SIGNATURE = "un asesor o asesora de la entidad"
ANONYMOUS_CLOSED = "Esta consulta anónima se cerró sin respuesta. Si aún tiene la duda, pregúnteme de nuevo."
TOO_MANY_TICKETS = (
    "Ya envió {limit} consultas a los asesores hoy. Para que puedan atender a todas las "
    "personas, espere hasta mañana para enviar otra. Mientras tanto puede seguir preguntándome."
)
EMPTY_QUESTION = "La consulta está vacía: escriba su pregunta con palabras."

# To advisors and HR (API).
TICKET_NOT_FOUND = "No existe la consulta n.º {ticket_id}."
ALREADY_ANSWERED = "La consulta n.º {ticket_id} ya fue respondida; no se puede responder dos veces."
TICKET_CLOSED = "La consulta n.º {ticket_id} está cerrada; no se puede responder ni cambiar."
EMPTY_ANSWER = "La respuesta está vacía."
ANSWER_TOO_LONG = "La respuesta es demasiado larga: máximo {limit} caracteres."
NOT_ANSWERED_YET = "La consulta n.º {ticket_id} aún no tiene respuesta; respóndala antes de convertirla en entrada."
ALREADY_PROMOTED = "La consulta n.º {ticket_id} ya se convirtió en la entrada «{entry}»."
ENTRY_EXISTS = "Ya existe una entrada con el identificador «{entry}»; use PUT para editarla."
ENTRY_NOT_FOUND = "No existe la entrada «{entry}»."
ENTRY_ID_MISMATCH = "El identificador del cuerpo («{body}») no coincide con el de la dirección («{path}»)."
NO_OVERRIDE = "La entrada «{entry}» no tiene cambios hechos por Talento Humano."
NOT_ENOUGH_PHRASINGS = (
    "Una entrada necesita al menos {needed} formas de preguntar; con la pregunta de la consulta "
    "hay {have}. Agregue {missing} más en «phrasings»."
)
NOTIFIER_MISSING = "La respuesta quedó guardada, pero el canal del bot no está disponible: la persona aún no fue notificada."
NOTIFIED = "La respuesta se envió a la persona por el chat."
ANONYMOUS_NOT_NOTIFIED = "Consulta anónima: la persona leerá la respuesta con su código."
PERSON_GONE = "La persona ya no está en el directorio (borró sus datos): no se le puede enviar la respuesta."
UNKNOWN_ADVISOR = (
    "La cuenta n.º {staff_id} no existe, está desactivada o no responde consultas; elija "
    "otra persona de la lista.")
UNKNOWN_ROUTE = (
    "«{route}» no es una oficina válida: use talento_humano, control_interno_disciplinario o juridica."
)
UNKNOWN_ENTRY_FEEDBACK = "No existe la entrada «{entry}» para registrar la opinión."

# Reminders to advisors (Telegram HTML or log).
REMINDER_TITLE = "<b>Consultas por vencer</b>"
REMINDER_LINE = "• n.º {ticket_id}: vence el {due} ({days})"
REMINDER_OVERDUE = "vencida"
REMINDER_TODAY = "vence hoy"
REMINDER_DAYS = "faltan {n} días hábiles"
REMINDER_ONE_DAY = "falta 1 día hábil"

