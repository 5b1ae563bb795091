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
NOTICE_NO_CHAT = "la persona no tiene chat de WhatsApp registrado"
# Why WhatsApp did not take a notice, or did not deliver one it took, by the Cloud API error's
# kind (``bot.whatsapp.client.ERROR_KINDS``; an unknown kind reads as "failed")...
NOTICE_REASONS = {
    "rate_limit": "WhatsApp pidió esperar por el límite de envío (código {code})",
    "temporary": "falla temporal de WhatsApp (código {code})",
    "auth": "WhatsApp rechazó las credenciales del servicio (código {code})",
    "reengagement": "la ventana de 24 horas ya estaba cerrada (código {code})",
    "not_on_whatsapp": "el número ya no tiene WhatsApp (código {code})",
    "template_paused": (
        "WhatsApp pausó o desactivó la plantilla de avisos «{name}» (código {code})"),
    "failed": "WhatsApp respondió con el error {code}",
}
# ... framed by what became of the notice
NOTICE_NOT_SENT = "{reason}: el aviso no se envió"
NOTICE_RETRY = "{reason}; se reintentará"
NOTICE_LATE = "WhatsApp aceptó el aviso pero luego informó que no lo entregó: {reason}"
NOTICE_AS_TEMPLATE = "{reason}; se reenviará con la plantilla de avisos"
NOTICE_LATE_GAVE_UP = "sin más intentos ({n} envíos)"  # after a late failure that says «later»
