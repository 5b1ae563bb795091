"""The web toolkit every feature builds on: FastAPI dependencies and the one permission table
(``access``), the JSON error shape (``errors``) and the console page kit (``console``).
Feature packages import this, never ``api``."""
