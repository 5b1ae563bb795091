"""Senders: one per channel, behind the ``Sender`` protocol the delivery engine sees."""

from campañas.senders.base import Outcome, OutgoingDelivery, Sender

__all__ = ["Outcome", "OutgoingDelivery", "Sender"]
