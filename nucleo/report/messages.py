"""Texts the measures share (Spanish, «usted»)."""

NO_DEPENDENCY = "Sin dependencia"
NO_GROUPS = "Este dato no se desagrega por dependencia para proteger a quienes lo originan."
UNKNOWN_DEPENDENCY = "Dependencia desconocida"
