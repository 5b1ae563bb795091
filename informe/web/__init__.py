"""Informe in the console and the API: the plan page, the activity form with its evidence,
and the period report's downloads."""
