"""What the WhatsApp channel says to people and programs (Colombian Spanish, «usted»)."""

from __future__ import annotations

SETTINGS_INCOMPLETE = (
    "para activar WhatsApp defina las cuatro variables juntas; faltan: {missing}")
WEBHOOK_DISABLED = "El canal de WhatsApp no está activo."
WEBHOOK_VERIFY_FAILED = "La verificación del webhook de WhatsApp no coincide."
WEBHOOK_UNSIGNED = "Falta la firma X-Hub-Signature-256 del webhook."
WEBHOOK_FORGED = "La firma X-Hub-Signature-256 del webhook no es válida."
WEBHOOK_BAD_JSON = "El cuerpo del webhook no es JSON válido."
WEBHOOK_BAD_SHAPE = "El webhook no tiene la forma de una notificación de WhatsApp."
WEBHOOK_TOO_MANY = "El webhook trae más mensajes de los que se procesan en una sola notificación."
WINDOW_CLOSED = (
    "Han pasado más de 24 horas desde el último mensaje de esta persona: WhatsApp solo admite "
    "una plantilla aprobada, no un mensaje libre.")

# -- rendering (labels WhatsApp shows on lists) ----------------------------------------------
LIST_LABEL = "Ver opciones"
LIST_MORE = "Más opciones ({page}/{pages})"
CHOOSE = "Elija una opción:"

# -- notices of the bot outbox (``last_error`` of the row, read by HR; at most 200 characters) -
NOTICE_WINDOW_CLOSED = (
    "la ventana de 24 horas de WhatsApp está cerrada (la persona no ha escrito en más de 24 "
    "horas) y no hay plantilla de avisos configurada: el aviso no se envió")
NOTICE_TEMPLATE_PAUSED = (
    "WhatsApp pausó o desactivó la plantilla de avisos «{name}» (código {code}): el aviso no "
    "se envió")
NOTICE_NOT_ON_WHATSAPP = "el número ya no tiene WhatsApp (código 131026): el aviso no se envió"
NOTICE_RATE_LIMIT = "WhatsApp pidió esperar por el límite de envío (código {code})"
NOTICE_TEMPORARY = "falla temporal de WhatsApp ({code}); se reintentará"
NOTICE_AUTH = "WhatsApp rechazó las credenciales del servicio (código {code}); se reintentará"
NOTICE_REFUSED = "WhatsApp rechazó el aviso (código {code}): el aviso no se envió"
NOTICE_NO_CHAT = "la persona no tiene chat de WhatsApp registrado"
# a notice accepted by the Cloud API whose «failed» status came later (webhook)
NOTICE_LATE_WINDOW = (
    "WhatsApp aceptó el aviso pero luego informó que no lo entregó: la ventana de 24 horas ya "
    "estaba cerrada (código 131047)")
NOTICE_LATE_WINDOW_TEMPLATE = (
    "WhatsApp aceptó el aviso pero luego informó que no lo entregó: la ventana de 24 horas ya "
    "estaba cerrada (código 131047); se reenviará con la plantilla de avisos")
NOTICE_LATE_NOT_ON_WHATSAPP = (
    "WhatsApp aceptó el aviso pero luego informó que no lo entregó: el número ya no tiene "
    "WhatsApp (código 131026)")
NOTICE_LATE_TEMPLATE = (
    "WhatsApp aceptó el aviso pero luego informó que no lo entregó: la plantilla de avisos "
    "«{name}» está pausada o desactivada (código {code})")
NOTICE_LATE_RETRY = ("WhatsApp aceptó el aviso pero luego informó que no lo entregó (código "
                     "{code}); se reintentará")
NOTICE_LATE_GAVE_UP = "sin más intentos ({n} envíos)"  # after a late failure that says «later»
NOTICE_LATE_REFUSED = ("WhatsApp aceptó el aviso pero luego informó que no lo entregó (código "
                       "{code})")
