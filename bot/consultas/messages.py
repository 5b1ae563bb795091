"""Every Spanish text of the consultation engine (chat replies, CLI help, loader errors)."""

# Chat replies (Telegram HTML; the engine escapes everything it inserts). Always *usted*, and never
# "I passed your question": only the channel says that, once the ticket exists.
SOURCES_LABEL = "Fuentes"
REMINDER = (
    "Esta es una orientación general, no un concepto sobre su caso. La decisión sobre un "
    "impedimento le corresponde a su superior (CPACA, art. 12). Si tiene dudas, declare el "
    "impedimento: hacerlo lo protege."
)
ENGLISH_NOTE = "Le respondo en español, que es el idioma de este canal."
CLARIFY = "Para darle la respuesta precisa, ¿a cuál de estos temas se refiere?"
ALSO_USEFUL = "También le puede servir:"
CLARIFY_ANY = "Si no es ninguno, escriba su pregunta con otras palabras o pida hablar con una persona."
SMALL_TALK_EMPTY = (
    "No alcancé a leer una pregunta en su mensaje. Escríbala con palabras, por ejemplo: "
    "«¿Mi primo puede participar en un proceso que yo evalúo?»."
)
SMALL_TALK_HELLO = (
    "¡Hola! 👋 Con gusto le ayudo. Escríbame, con sus palabras, su duda sobre conflictos de "
    "intereses, impedimentos, parentesco, regalos, la Ley 2013 o el Código de Integridad. Por "
    "ejemplo: «¿Mi primo puede participar en un proceso que yo evalúo?»."
)
SMALL_TALK_BOT = (
    "Soy el asistente automático de integridad de la entidad 🤖: le oriento con la norma sobre "
    "conflictos de intereses, impedimentos, parentesco, regalos, la Ley 2013 y el Código de "
    "Integridad. Si prefiere hablar con una persona, escríbamelo y le ofrezco pasar su consulta."
)
SMALL_TALK_THANKS = "¡Con mucho gusto! 😊 Si le surge otra duda, escríbamela cuando quiera."
ESCALATE_LOW_CONFIDENCE = (
    "No encontré una respuesta segura para su pregunta y prefiero no adivinar. Si quiere, lo "
    "puede consultar con {office}: un asesor o asesora la revisa y le responde."
)
ESCALATE_JUDGEMENT = (
    "Su caso depende de detalles que debe mirar una persona. Le dejo la regla general y, si "
    "quiere, lo puede consultar con {office}."
)
IMPEDIMENT_INTRO = (
    "Por lo que cuenta, la regla general es declararse impedido(a) y apartarse de ese asunto. Le "
    "explico la regla y los pasos; si quiere, lo puede consultar con {office}, que revisa su "
    "caso o le ayuda con la declaración formal."
)
IMPEDIMENT_STEPS_TITLE = "Qué hacer (CPACA, art. 12)"
IMPEDIMENT_STEPS = (
    "1. No siga actuando en ese asunto: no evalúe, no firme ni opine mientras se decide.\n"
    "2. Dentro de los 3 días siguientes a darse cuenta, envíe a su superior un escrito motivado "
    "que diga qué relación o interés tiene, junto con el expediente. Si no tiene superior, a la "
    "cabeza del sector administrativo.\n"
    "3. Mientras se decide, la actuación queda suspendida; si aceptan el impedimento, le dicen "
    "quién sigue con el asunto."
)
IMPEDIMENT_SOURCE = "Ley 1437 de 2011 (CPACA), art. 12"
# The ground for a relative (within the degrees) or the spouse in a matter one handles, and the
# kinship table it counts degrees with: an impediment reply from the table cites the ground too.
RELATIVES_GROUND_SOURCE = "Ley 1437 de 2011 (CPACA), art. 11, num. 1"
KINSHIP_SOURCE = "Código Civil, art. 47"
# The office named in an offer (by the ticket's route, bot/consultas/routing.py).
OFFICE_NAMES = {
    "talento_humano": "Talento Humano",
    "juridica": "la Oficina Jurídica",
    "control_interno_disciplinario": "Control Interno Disciplinario",
}
OUT_OF_SCOPE_GENERIC = (
    "Por este canal oriento sobre el Código de Integridad y los conflictos de intereses "
    "(impedimentos, parentesco, regalos, Ley 2013, recusaciones). Para otros temas de su vinculación "
    "escriba o acérquese a Talento Humano."
)

# Loader and validation errors (read by Talento Humano and developers).
ERR_SHORT_PHRASING = "Cada forma de preguntar debe tener al menos 4 caracteres."
ERR_REPEATED_PHRASING = "Hay formas de preguntar repetidas."
ERR_NO_SOURCES = "Una entrada de respuesta debe citar al menos una fuente."
ERR_NO_REASON = "Una entrada de escalamiento debe decir el motivo (escalate_reason)."
ERR_REASON_NOT_ESCALATE = "Solo las entradas de escalamiento llevan escalate_reason."
ERR_SELF_RELATED = "Una entrada no puede ser relacionada de sí misma."
ERR_NOT_MAPPING = "{origin}: cada entrada debe ser un objeto con campos (id, title, ...)."
ERR_BAD_ENTRY = "{origin}: la entrada «{entry}» no es válida: {detail}"
ERR_BAD_YAML = "{origin}: el archivo no es YAML válido: {detail}"
ERR_EMPTY_BASE = "No hay entradas en {path}."
ERR_NO_DIRECTORY = "No existe la carpeta de la base de conocimiento: {path}"
ERR_DUPLICATE_ID = "El identificador «{entry}» está repetido."
ERR_UNKNOWN_RELATED = "La entrada «{entry}» relaciona entradas que no existen: {missing}"
ERR_NO_ENTRY = "No existe la entrada «{entry}»."
ERR_UNVERIFIED_SOURCE = (
    "La entrada «{entry}» cita «{source}», que no está verificada [R]: no se puede mostrar como fuente."
)
ERR_UNKNOWN_SOURCE = "La entrada «{entry}» cita «{source}», que no está en el catálogo de fuentes verificadas."

# Command line (valor ask).
CLI_HELP = "Pregunta al motor de consultas sobre conflicto de intereses e integridad."
CLI_QUESTION_HELP = "La pregunta, entre comillas; con --json, «-» lee una pregunta por línea de la entrada estándar."
CLI_JSON_HELP = "Escribe un objeto JSON por pregunta en vez del texto de la respuesta."
CLI_BASE_HELP = "Carpeta con los archivos YAML de la base de conocimiento."
CLI_NO_QUESTION = "Escriba una pregunta, o use --json - para leerlas de la entrada estándar."
CLI_ACTION = "Acción"
CLI_OPTIONS = "Opciones"

# The integrity report's measure (bot/consultas/measures.py)
MEASURE_ON_TIME = "Consultas respondidas a tiempo"
MEASURE_ON_TIME_SOURCE = (
    "Consultas: tiquetes abiertos en el periodo (preguntas que el asistente escaló a una "
    "persona) y respondidos a más tardar en su fecha límite de días hábiles.")
MEASURE_ON_TIME_UNIT = "consultas a tiempo"
MEASURE_OPENED = "Consultas escaladas"
MEASURE_ANSWERED = "Respondidas"
MEASURE_LATE = "Respondidas después del plazo"
MEASURE_PENDING = "Sin respuesta"
