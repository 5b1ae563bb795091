"""Campaigns: pieces, schedules, deliveries and graphics for the value of the week."""
