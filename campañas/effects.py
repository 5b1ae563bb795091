"""What campaign actions ask for after their commit (``nucleo.db.signal``); the runtime
listens: re-sync the campaign's scheduler job and wake the delivery engine."""

CAMPAIGN_CHANGED = "campaigns.changed"  # argument: the campaign id
DELIVERIES_QUEUED = "campaigns.deliveries_queued"
