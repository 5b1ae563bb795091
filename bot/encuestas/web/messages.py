"""The Spanish texts of the surveys' console pages (results, feedback) and Inicio card."""

CARD_SURVEYS = "Participación en encuestas"

# ---- Encuestas ----
SURVEYS_TITLE = "Encuestas"
SURVEYS_INTRO = (
    "Encuesta de percepción de integridad: anónima por diseño, respondida en el chat. Los "
    "resultados se ven cuando la encuesta cierra y solo para grupos de 5 o más respuestas."
)
SURVEYS_FEEDBACK_LINK = "Retroalimentación rápida"
SURVEYS_NONE = "Aún no hay encuestas. Cree la encuesta inicial con un clic."
SURVEY_STATUS = {"borrador": "Borrador", "abierta": "Abierta", "cerrada": "Cerrada"}
COL_SURVEY = "Encuesta"
COL_PERIOD = "Periodo"
COL_INVITED = "Invitadas"
COL_FINISHED = "Terminaron"
COL_RATE = "Tasa de respuesta"
SURVEY_DATES = "del {opens} al {closes}"
SURVEY_STARTER_TITLE = "Crear la encuesta inicial"
SURVEY_STARTER_HELP = (
    "La encuesta de percepción escrita por el equipo (frecuencia de cada valor, conocimiento del "
    "Código, dilemas, disposición a reportar). Se dirige a todas las personas; queda en borrador "
    "hasta que la lance."
)
SURVEY_STARTER_SUBMIT = "Crear la encuesta inicial"
SURVEY_NEW_LINK = "Crear una encuesta desde una definición"
SURVEY_NEW_TITLE = "Nueva encuesta"
SURVEY_NEW_INTRO = (
    "Escriba las preguntas en el mismo formato de la encuesta inicial (YAML), que aparece como "
    "ejemplo. Tipos: likert (nunca … siempre), likert_acuerdo (muy en desacuerdo … muy de "
    "acuerdo), choice y dilemma (2 a 8 opciones en options) y text (opcional). Valores: "
    "honestidad, respeto, compromiso, diligencia, justicia o general."
)
SURVEY_FIELD_TITLE = "Título"
SURVEY_FIELD_TITLE_HINT = "Si lo deja vacío se usa el title de la definición."
SURVEY_FIELD_PERIOD = "Nombre del periodo"
SURVEY_FIELD_PERIOD_HINT = "Por ejemplo 2026-II (máximo 40 caracteres)."
SURVEY_FIELD_OPENS = "Abre el"
SURVEY_FIELD_CLOSES = "Cierra el"
SURVEY_DATES_HINT = "Fechas en hora de Colombia (Bogotá)."
SURVEY_FIELD_AUDIENCE = "Audiencia"
SURVEY_AUDIENCE_ALL = "Todas las personas"
SURVEY_AUDIENCE_DEPARTMENTS = "Algunas dependencias"
SURVEY_AUDIENCE_KIND = "Un tipo de vinculación"
SURVEY_FIELD_DEPARTMENTS = "Dependencias"
SURVEY_FIELD_KIND = "Tipo de vinculación"
SURVEY_FIELD_DEFINITION = "Definición de la encuesta (YAML)"
SURVEY_DEFINITION_HINT = (
    "Máximo {n} caracteres. Se guarda en borrador: puede revisarla antes de lanzarla."
)
SURVEY_CREATE_SUBMIT = "Crear la encuesta"
SURVEY_CREATED = "Se creó la encuesta «{title}» en borrador. Revísela y lánzela cuando esté lista."
SURVEY_FORM_ERRORS = "No se creó la encuesta. Corrija lo siguiente:"
SURVEY_BAD_DATE = "La fecha «{label}» no es válida (use AAAA-MM-DD)."
SURVEY_NO_DEPARTMENTS = "Elija al menos una dependencia para la audiencia."
SURVEY_NO_KIND = "Elija el tipo de vinculación de la audiencia."
SURVEY_BAD_AUDIENCE = "La audiencia elegida no es válida."
SURVEY_DEFINITION_EMPTY = "Escriba la definición de la encuesta (puede partir del ejemplo)."
SURVEY_DEFINITION_TOO_LONG = "La definición tiene {size} caracteres; el máximo es {n}."
SURVEY_YAML_SYNTAX = (
    "La definición no es un YAML válido cerca de la línea {line}, columna {column}: revise la "
    "sangría, los dos puntos y las comillas."
)
SURVEY_YAML_CHARACTERS = "La definición tiene caracteres no permitidos (de control o invisibles)."
SURVEY_YAML_ALIAS = "La definición no puede usar anclas ni alias de YAML (& y *)."
SURVEY_YAML_NOT_MAPPING = (
    "La definición debe ser una lista de claves como en el ejemplo (title:, intro:, questions:)."
)
SURVEY_YAML_UNKNOWN_KEYS = "Claves desconocidas en la definición: {keys}. Se permiten: {allowed}."
SURVEY_FIELD_NAMES = {
    "title": "Título", "period_label": "Nombre del periodo", "opens_on": "Abre el",
    "closes_on": "Cierra el", "intro": "intro", "results_where": "results_where",
    "questions": "questions", "max_reminders": "max_reminders",
    "reminder_every_hours": "reminder_every_hours", "audience": "Audiencia",
}
SURVEY_QUESTION_AT = "Pregunta {n}"
SURVEY_ERROR_MISSING = "{where}: falta «{field}»."
SURVEY_ERROR_CHOICES = "{where}: «{field}» debe ser uno de: {expected}."
SURVEY_ERROR_TEXT = "{where}: «{field}» debe ser un texto."
SURVEY_ERROR_LIST = "{where}: «{field}» debe ser una lista."
SURVEY_ERROR_TOO_LONG = "{where}: «{field}» es demasiado largo (máximo {n})."
SURVEY_ERROR_EMPTY = "{where}: «{field}» no puede quedar vacío."
SURVEY_ERROR_MAPPING = "{where}: debe ser un bloque con kind, value y text (como en el ejemplo)."
SURVEY_ERROR_VALUE = "{where}: «{field}» no es válido."
SURVEY_DEFINITION_WHERE = "Definición"
SURVEY_FORM_WHERE = "Formulario"
SURVEY_DEFINITION_INVALID = "La definición no es válida; compárela con el ejemplo."
SURVEY_KIND_NAMES = {
    "likert": "Frecuencia (nunca … siempre)", "likert_acuerdo": "Acuerdo (1 a 5)",
    "choice": "Opción única", "dilemma": "Dilema", "text": "Texto libre (opcional)",
}
SURVEY_DETAIL_PARTICIPATION = "Participación"
SURVEY_IN_PROGRESS = "Respondiendo"
SURVEY_QUESTIONS = "Preguntas ({n})"
COL_POSITION = "#"
COL_QUESTION_KIND = "Tipo"
COL_QUESTION = "Pregunta"
SURVEY_AUDIENCE_IS_ALL = "Todas las personas con el chat vinculado"
SURVEY_AUDIENCE_IS_DEPARTMENTS = "Dependencias: {names}"
SURVEY_AUDIENCE_IS_KINDS = "Tipo de vinculación: {names}"
SURVEY_AUDIENCE_IS_PEOPLE = "Una lista de {n} personas"
SURVEY_LAUNCH_LINK = "Lanzar la encuesta…"
SURVEY_LAUNCH_TITLE = "Lanzar «{title}»"
SURVEY_LAUNCH_COUNT = "Se enviarán {n} invitaciones por el chat."
SURVEY_LAUNCH_WHO = (
    "Reciben la invitación las personas activas de la audiencia con Telegram vinculado. Los "
    "recordatorios salen después a quien no haya terminado."
)
SURVEY_LAUNCH_SUBMIT = "Sí, lanzar y enviar {n} invitaciones"
SURVEY_LAUNCH_CANCEL = "No, volver a la encuesta"
SURVEY_LAUNCH_NOT_DRAFT = (
    "Esta encuesta ya no está en borrador ({status}); no se puede lanzar de nuevo."
)
SURVEY_LAUNCHED = "Encuesta lanzada: se enviaron {n} invitaciones."
SURVEY_CLOSE_SUBMIT = "Cerrar la encuesta"
SURVEY_CLOSE_HELP = (
    "Al cerrarla nadie más puede responder, se borran los borradores sin terminar y se pueden "
    "ver los resultados."
)
SURVEY_CLOSED = "Encuesta cerrada. Ya puede ver los resultados."
SURVEY_CLOSE_TITLE = "Cerrar una encuesta"
SURVEY_CLOSE_QUESTION = "¿Cerrar la encuesta «{title}»?"
SURVEY_CLOSE_CONSEQUENCE = (
    "Nadie más podrá responder y se borran los borradores sin terminar ({drafts}); esto no se "
    "puede deshacer. Después se pueden ver los resultados."
)
SURVEY_CLOSE_CONFIRM = "Sí, cerrar la encuesta"
SURVEY_RESULTS_LINK = "Ver los resultados"
SURVEY_RESULTS_LATER = (
    "Los resultados estarán disponibles cuando la encuesta cierre, para que nadie pueda deducir "
    "las respuestas de una persona comparando momentos distintos."
)
SURVEY_DIAGNOSIS = "Diagnóstico de Integridad"
SURVEY_DIAGNOSIS_XLSX = "Descargar el diagnóstico (XLSX)"
SURVEY_DIAGNOSIS_HTML = "Diagnóstico listo para imprimir (HTML)"
SURVEY_CHART_FILES = "Gráfica por valor para el informe:"
SURVEY_COMMENTS_LINK = "Leer los comentarios libres"
SURVEY_RESULTS_TITLE = "Resultados: {title}"
SURVEY_FILTER_DEPARTMENT = "Dependencia"
SURVEY_FILTER_KIND = "Tipo de vinculación"
SURVEY_FILTER_ALL_DEPARTMENTS = "Todas"
SURVEY_FILTER_ALL_KINDS = "Todos"
SURVEY_FILTER_SUBMIT = "Ver"
SURVEY_FILTER_HINT = "Se corta por una sola dimensión a la vez: dependencia o tipo de vinculación."
SURVEY_GROUP_TOTAL = "Todas las respuestas"
SURVEY_GROUP_HEADING = "{label}: {n} respuestas"
SURVEY_SUPPRESSED = (
    "«{label}» no se muestra por separado: para proteger el anonimato solo se muestran grupos "
    "de 5 o más respuestas, y los grupos pequeños se suman en «Otras» (junto con otros grupos "
    "cuando hace falta para que no se puedan deducir restando)."
)
SURVEY_NOT_CROSSED = (
    "Por anonimato, los resultados no se cruzan por dependencia y tipo de vinculación a la vez: "
    "esa combinación podría aislar a menos de 5 personas. Elija solo uno de los dos filtros."
)
SURVEY_BY_VALUE = "Promedio por valor (1 a 5)"
SURVEY_BY_QUESTION = "Por pregunta"
SURVEY_SEE_DATA = "Ver los datos"
COL_MEAN = "Promedio"
COL_PREVIOUS = "Periodo anterior"
COL_OPTION = "Respuesta"
COL_COUNT = "Respuestas"
COL_SHARE = "Porcentaje"
COL_GROUP = "Grupo"
SURVEY_ANSWERED = "{n} respuestas · promedio {mean}"
SURVEY_ANSWERED_NO_MEAN = "{n} respuestas"
SURVEY_GROUPS_DEPARTMENT = "Comparación por dependencia"
SURVEY_GROUPS_KIND = "Comparación por tipo de vinculación"
SURVEY_GROUPS_NONE = "No hay grupos de 5 o más respuestas que se puedan mostrar por separado."
SURVEY_GROUPS_HELP = "Solo grupos de 5 o más respuestas; los demás se suman en «Otras»."
SURVEY_GENERAL = "General"  # questions not tied to one value
SURVEY_COMMENTS_TITLE = "Comentarios libres: {title}"
SURVEY_COMMENTS_INTRO = (
    "Solo para Administración y Talento Humano. Se guardan sin nombre, sin dependencia y sin "
    "hora, y se muestran sin grupo. Pueden contener datos de otras personas: no los copie fuera del diagnóstico."
)
SURVEY_COMMENTS_NONE = "No hay comentarios para mostrar (o respondieron menos de 5 personas)."
SURVEY_BACK = "← Volver a la encuesta"
SURVEY_BACK_LIST = "← Todas las encuestas"
CARD_SURVEY_NONE = "Aún no hay encuestas lanzadas."
SURVEY_NOT_STARTED = "Sin empezar"
SURVEY_NOT_READY_TITLE = "Resultados aún no disponibles"

# ---- Retroalimentación rápida (encuestas) ----
FEEDBACK_TITLE = "Retroalimentación rápida"
FEEDBACK_INTRO = (
    "Las reacciones a las piezas del valor de la semana y el «¿Te sirvió?» de las consultas, en "
    "el periodo elegido. Son conteos: no se muestra a ninguna persona."
)
FEEDBACK_SINCE = "Desde"
FEEDBACK_UNTIL = "Hasta"
FEEDBACK_PERIOD_HINT = "Sin fechas se muestran los últimos 90 días; máximo dos años."
FEEDBACK_SHOWING = "Periodo: del {since} al {until}."
FEEDBACK_CHART_VALUES = "Reacciones por valor"
FEEDBACK_CHART_VOTES = "¿Te sirvió la respuesta?"
FEEDBACK_YES = "Sí"
FEEDBACK_NO = "No"
FEEDBACK_NO_CHART = "No hay cifras suficientes para la gráfica (se necesitan 5 o más)."
FEEDBACK_SEE_DATA = "Ver los datos"
FEEDBACK_BACK = "Volver a Encuestas"
SURVEY_CARD_TREND = "Percepción favorable por mes de cierre de las encuestas (últimos {n} meses)"
SURVEY_TREND_FAVOURABLE = "Respuestas favorables"
SURVEY_TREND_ANSWERED = "Respuestas de escala"
