"""HR's directory: departments and people imported from a spreadsheet export."""
