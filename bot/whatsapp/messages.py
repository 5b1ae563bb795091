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
