"""Spanish texts of the survey."""

LIKERT = [("1", "Nunca"), ("2", "Casi nunca"), ("3", "A veces"), ("4", "Casi siempre"),
          ("5", "Siempre")]
LIKERT_AGREE = [("1", "Muy en desacuerdo"), ("2", "En desacuerdo"), ("3", "Ni de acuerdo ni en desacuerdo"),
                ("4", "De acuerdo"), ("5", "Muy de acuerdo")]

NOT_FOUND = "No existe esa encuesta."
TITLE_REQUIRED = "La encuesta necesita un título (máximo 200 caracteres)."
BAD_PERIOD = "La fecha de cierre debe ser igual o posterior a la de apertura."
NO_QUESTIONS = "La encuesta necesita entre 1 y 60 preguntas."
QUESTION_TEXT = "La pregunta {n} no tiene texto o supera 500 caracteres."
QUESTION_OPTIONS = "La pregunta {n} necesita entre 2 y 8 opciones distintas de hasta 60 caracteres."
QUESTION_VALUE = "La pregunta {n} tiene un valor desconocido: {value}."
UNKNOWN_DEPARTMENTS = "Dependencias desconocidas: {ids}."
EMPTY_AUDIENCE = "Nadie de la audiencia elegida puede recibir la encuesta por el chat."
BAD_TRANSITION = "La encuesta está {current}; no se puede {action}."
CLOSED = "Esta encuesta ya cerró. ¡Gracias por su interés!"
NOT_OPEN = "Esta encuesta aún no está abierta."
NOT_INVITED = "Esta encuesta no está dirigida a usted."
ALREADY_DONE = "Usted ya respondió esta encuesta. ¡Gracias! Solo se puede responder una vez."
WRONG_QUESTION = "Ese botón no corresponde a esta encuesta. Use los botones de la pregunta actual."
BAD_OPTION = "Esa opción no es válida para la pregunta."
TEXT_TOO_LONG = "La respuesta puede tener hasta {n} caracteres."
RESULTS_NOT_READY = (
    "Los resultados se muestran cuando la encuesta cierra, para que nadie pueda deducir las "
    "respuestas de una persona comparando momentos distintos."
)
TOO_FEW = "Se necesitan al menos {k} respuestas para mostrar resultados."
OTHER_GROUP = "Otras"
NO_GROUPS = {
    "department": ("Ninguna dependencia llega a {k} respuestas, así que no se muestran resultados "
                   "por dependencia: solo los totales."),
    "kind": ("Ningún tipo de vinculación llega a {k} respuestas, así que no se muestran "
             "resultados por vinculación: solo los totales."),
}
CLOSING_BATCH = (
    "Al cerrar quedaban {n} respuesta(s) esperando a completar un grupo de {k}; se sumaron "
    "juntas a los totales en el cierre."
)
NO_DEPARTMENT = "Sin dependencia"
KIND_LABELS = {"servidor": "Servidores públicos", "contratista": "Contratistas", None: "Sin dato"}

INVITATION = (
    "📋 <b>{title}</b>\n\n{intro}\n\nSon {n} preguntas cortas y toma unos minutos. "
    "<b>Sus respuestas son anónimas:</b> se guardan sin su nombre ni su chat y se cuentan junto "
    "con las de otras personas, y los resultados solo se muestran para grupos de 5 o más."
)
INVITATION_BUTTON = "Responder la encuesta"
REMINDER = "⏰ Aún puede responder la encuesta «{title}». Cierra el {closes}. ¡Su opinión cuenta!"
PROGRESS = "Pregunta {n} de {total}"
BACK = "⬅️ Anterior"
SKIP = "Omitir"
TEXT_HINT = "Escriba su respuesta (opcional, hasta {n} caracteres) o toque «Omitir»."
CURRENT_CHOICE = "Su respuesta actual: {label}"
THANKS = (
    "¡Gracias por responder! 🙌 Sus respuestas quedaron guardadas sin su nombre ni la hora, y se "
    "sumarán a los totales junto con las de otras personas (de a 5 o más mientras la encuesta "
    "esté abierta; lo que quede al cerrar, en un último grupo). El borrador se borró. {where}"
)
NOTICE = (
    "Qué guardamos: que usted fue invitado y si terminó (para no pedirle dos veces y para los "
    "recordatorios). Mientras responde, su borrador queda ligado a usted; al terminar, el borrador "
    "se borra y sus respuestas esperan sin nombre ni hora hasta que haya al menos 5, y entonces se "
    "suman juntas, en desorden, a contadores por dependencia y por tipo de vinculación; lo que "
    "quede al cerrar la encuesta se suma en un último grupo, que puede ser más pequeño. Sus "
    "respuestas no llevan su nombre, su chat ni la hora. Los comentarios libres se guardan sin "
    "nombre ni dependencia, con los de otras personas, y solo los lee Talento Humano."
)
NOTICE_SHORT = (
    "🔒 <i>Sus respuestas son anónimas: se guardan sin su nombre ni su chat y se cuentan junto "
    "con las de otras personas; al terminar, su borrador se borra. De usted solo guardamos que "
    "fue invitado y si terminó, para no pedírsela dos veces.</i>"
)
NO_PENDING = "No tiene encuestas pendientes por ahora. ¡Gracias por su interés!"
NEEDS_REGISTRATION = "Para responder la encuesta primero complete su registro con /start."
USE_BUTTONS = "Para esta pregunta, elija una de las opciones con los botones."

# Quick feedback (campaign reactions and consultations' "¿Te sirvió?")
FEEDBACK_BAD_DATE = "La fecha «{value}» no es válida. Use el formato AAAA-MM-DD, por ejemplo 2026-03-31."
FEEDBACK_REVERSED = "La fecha «desde» ({since}) es posterior a «hasta» ({until})."
FEEDBACK_TOO_LONG = "El periodo puede abarcar máximo {days} días (dos años)."
FEEDBACK_LESS_THAN = "menos de {k}"
FEEDBACK_LEFT_OUT = ("{n} línea(s) por debajo de {k} no muestran sus reacciones ni las suman en "
                     "los totales (el alcance sí se suma), para que nadie pueda "
                     "deducirlas restando.")
FEEDBACK_TITLE = "Retroalimentación rápida"
FEEDBACK_PERIOD = "Del {since} al {until}"
FEEDBACK_REACTIONS = "Reacciones a las campañas del valor de la semana"
FEEDBACK_BY_PIECE = "Por pieza"
FEEDBACK_BY_VALUE = "Por valor"
FEEDBACK_TOTAL = "Total"
FEEDBACK_VOTES = "«¿Te sirvió?» de las consultas"
FEEDBACK_NO_CAMPAIGNS = "Las campañas no están disponibles en este servicio."
FEEDBACK_NO_CONSULTATIONS = "Las consultas no están disponibles en este servicio."
FEEDBACK_NO_PIECES = "No se enviaron piezas del valor de la semana en este periodo."
FEEDBACK_NO_VOTES = "Nadie respondió «¿Te sirvió?» en este periodo."
FEEDBACK_RULE = (
    "Una pieza se muestra cuando reaccionaron 5 personas o más, y una respuesta cuando tiene 5 "
    "votos o más; las demás dicen «menos de 5» y no entran en los totales. Son conteos: no se "
    "muestra a nadie."
)
FEEDBACK_PIECE_HEADER = ("Pieza", "Valor", "Enviada", "Personas alcanzadas", "Reacciones",
                         "Tasa de reacción", "Detalle")
FEEDBACK_VALUE_HEADER = ("Valor", "Personas alcanzadas", "Reacciones", "Tasa de reacción",
                         "Detalle")
FEEDBACK_VOTES_HEADER = ("Tema", "Sí", "No", "Total", "Le sirvió")

# The integrity report's measure (bot/encuestas/measures.py)
MEASURE_PARTICIPATION = "Participación en las encuestas"
MEASURE_PARTICIPATION_SOURCE = (
    "Encuestas: invitaciones y encuestas terminadas de las encuestas que estuvieron abiertas "
    "en el periodo (desde su lanzamiento hasta el día en que se cerró); una encuesta aún "
    "abierta cuenta con sus cifras hasta hoy, y como mucho hasta su día de cierre previsto. "
    "Los grupos con menos de {k} respuestas se agrupan en «Otras» o no se muestran.")
MEASURE_PARTICIPATION_UNIT = "encuestas terminadas"
MEASURE_INVITED = "Invitaciones"
MEASURE_IN_PROGRESS = "En curso"
MEASURE_FINISHED = "Terminadas"
MEASURE_SURVEYS = "Encuestas en el periodo"
MEASURE_GROUPS_HIDDEN = ("No hay grupos de al menos {k} respuestas: la participación por "
                         "dependencia no se muestra.")
MEASURE_RESULTS = "Percepción favorable en las encuestas"
MEASURE_RESULTS_SOURCE = (
    "Encuestas de percepción cerradas en el periodo (cada una cuenta una sola vez, en el "
    "periodo del día en que se cerró): contadores "
    "anónimos de las preguntas de escala (respuestas «casi siempre» o «siempre», «de acuerdo» "
    "o «muy de acuerdo»). Nunca se ligan respuestas a personas; las dependencias con menos de "
    "{k} respuestas no se muestran.")
MEASURE_RESULTS_UNIT = "respuestas favorables"
MEASURE_RESULTS_SURVEYS = "Encuestas cerradas con resultados"
# Summed over the surveys: whoever answered two surveys counts twice.
MEASURE_RESULTS_RESPONDENTS = "Respuestas recibidas (una por persona y encuesta)"
MEASURE_RESULTS_TOO_FEW = ("{n} encuesta(s) cerrada(s) del periodo no llegaron a {k} respuestas "
                           "y no se cuentan.")
MEASURE_RESULTS_WITHHELD = "sin cifra propia (menos de {k} respuestas o sumada a «Otras»)"
MEASURE_RESULTS_OTHERS = "Otras (dependencias sin cifra propia, juntas)"
MEASURE_RESULTS_GROUPS_NOTE = (
    "Una dependencia con menos de {k} respuestas en una encuesta no se muestra: sus respuestas "
    "cuentan en «Otras» y en el total. Si «Otras» no llegaba a {k}, se le sumó también la "
    "dependencia más pequeña de las demás, para que nada se deduzca restando.")
MEASURE_RESULTS_QUESTION = "P{n}. {text}"
MEASURE_RESULTS_QUESTION_OF = "{title} · P{n}. {text}"
MEASURE_RESULTS_GENERAL = "General"


# -- /misdatos (bot/encuestas/personal_data.py) ------------------------------------------------
MY_SURVEYS = "• Encuestas terminadas: {count} (qué respondió no se guarda con su nombre)"
