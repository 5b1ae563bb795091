"""Sensitization sessions (jornadas de sensibilización) and their attendance (#19): HR registers
a session in the console, prints its QR, and whoever attends checks in from the bot
(``/start a<token>`` or ``/chat?a=<token>``) or is added by hand. The integrity report reads
«sesiones realizadas» and «personas que asistieron» per dependencia from here."""
