"""The five values of the Código de Integridad: the one list every package reads.

Keys are stored in the database and carried in button data; the names are what people read.
"""

CODE_VALUES: dict[str, str] = {
    "honestidad": "Honestidad",
    "respeto": "Respeto",
    "compromiso": "Compromiso",
    "diligencia": "Diligencia",
    "justicia": "Justicia",
}
