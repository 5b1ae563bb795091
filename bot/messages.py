"""Everything the bot says, in Colombian Spanish."""

WELCOME = (
    "¡Hola{name}! 👋 Soy el asistente de <b>El Valor Soy Yo</b>, de Talento Humano de {entity}.\n\n"
    "Aquí recibe el valor de la semana, puede consultar dudas sobre conflictos de intereses, "
    "enviar sugerencias y responder la encuesta de integridad."
)
