"""A local double of the WhatsApp Cloud API: ``from tests.fakes.whatsapp import WhatsAppDouble``."""

from tests.fakes.whatsapp.double import SentMessage, WhatsAppDouble

__all__ = ["SentMessage", "WhatsAppDouble"]
