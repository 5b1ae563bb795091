"""What people read about sensitization sessions: the bot's check-in replies, the actions'
errors and the report's measures (Colombian Spanish, usted). The console's own texts are in
``bot/sesiones/web/messages.py``."""

from nucleo.values import CODE_VALUES

TOPICS: dict[str, str] = {
    "codigo": "Código de Integridad (general)",
    **{key: f"Valor: {name}" for key, name in CODE_VALUES.items()},
    "conflictos": "Conflictos de intereses",
}

# -- the bot's check-in ---------------------------------------------------------------------
CHECKED_IN = ("✅ Registramos su asistencia a «{title}» ({when}). ¡Gracias por participar!")
ALREADY = "Ya registramos su asistencia a «{title}». No tiene que hacer nada más."
INVALID_LINK = ("Este código de asistencia no es válido. Escanee de nuevo el código QR de la "
                "sesión o pida a quien la dirige que registre su asistencia.")
CANCELLED = ("La sesión «{title}» fue cancelada, así que no se registra asistencia. Si cree "
             "que es un error, comuníquese con Talento Humano.")
TOO_EARLY = ("La sesión «{title}» empieza el {when}. El registro de asistencia se abre una hora "
             "antes: escanee el código de nuevo entonces.")
TOO_LATE = ("El registro de asistencia a «{title}» se cerró el {when}. Si usted asistió, pida a "
            "Talento Humano que registre su asistencia.")
CONSENT_FIRST = ("Para registrar su asistencia a «{title}» primero necesitamos su autorización "
                 "para tratar sus datos. Si nos la da, registramos su asistencia al terminar.")
NO_CONSENT = ("Por eso tampoco registramos su asistencia a la sesión. Si asistió, pida a quien "
              "la dirige que la registre en la lista.")  # after the bot's NO_CONSENT_GIVEN

# -- actions' errors (console, API) -------------------------------------------------------
BAD_TITLE = "Escriba el nombre de la sesión (hasta {limit} caracteres)."
BAD_TOPIC = "Elija el tema de la sesión."
BAD_PLACE = "Escriba el lugar de la sesión (hasta {limit} caracteres)."
BAD_FACILITATOR = "Escriba quién dirige la sesión (hasta {limit} caracteres)."
BAD_NOTES = "Las notas pueden tener hasta {limit} caracteres."
BAD_MOMENT = "Escriba la fecha y la hora de la sesión con su zona horaria, entre 2000 y 2100."
BAD_TIMES = "La hora de terminación debe ser posterior a la de inicio."
TOO_LONG = "Una sesión dura a lo sumo {hours} horas."
BAD_DEPARTMENT = "Una de las dependencias elegidas no existe."
SESSION_NOT_FOUND = "La sesión no existe."
SESSION_CANCELLED = "La sesión está cancelada: no se puede cambiar ni registrar asistencia."
PERSON_NOT_FOUND = "La persona no existe en el directorio."
PERSON_RETIRED = "La persona está retirada del directorio."
CHECK_IN_RETIRED = ("En el directorio de la entidad usted figura como retirado(a), así que no "
                    "registramos su asistencia. Si es un error, comuníquese con Talento Humano.")
ALREADY_ATTENDED = "{name} ya está en la lista de asistencia."
ATTENDANCE_NOT_FOUND = "Esa asistencia no está en la lista de la sesión."
NO_BOT = ("Para generar el código QR falta el nombre de usuario del bot de Telegram. Pida a un "
          "administrador que configure la variable VALOR_TELEGRAM_BOT_USERNAME.")
NO_POSTERS = "El dibujo de carteles no está disponible en este servicio."

# -- /misdatos --------------------------------------------------------------------------------
MY_ATTENDANCE = "\n<b>Sesiones de sensibilización a las que asistió</b>\n{lines}"
MY_ATTENDANCE_LINE = "• {title} ({when})"

# -- the QR poster ----------------------------------------------------------------------------
POSTER_TITLE = "Registro de asistencia"
POSTER_CALL = ("Escanee el código con su celular para registrar su asistencia a la sesión de "
               "sensibilización del Código de Integridad.")
POSTER_TELEGRAM = "En Telegram"
POSTER_WEB = "En el chat web"
POSTER_LABEL = "Sesión"
POSTER_FOOTER = (
    "{when} · {place}. El registro se abre una hora antes y se cierra cuatro horas después de "
    "terminar. Antes de guardar cualquier dato, el asistente le pide su autorización (Ley 1581 "
    "de 2012); puede consultar y borrar sus datos cuando quiera con /misdatos y /olvidarme."
)

# -- the integrity report's measures ----------------------------------------------------------
MEASURE_HELD = "Sesiones de sensibilización realizadas"
MEASURE_HELD_UNIT = "sesiones realizadas"
MEASURE_HELD_SOURCE = ("Sesiones: sesiones de sensibilización no canceladas que empezaron en el "
                       "periodo y tienen al menos una asistencia registrada (por el código QR "
                       "del bot o en la lista de la consola). Por dependencia: las dependencias "
                       "a las que iba dirigida cada sesión.")
MEASURE_ATTENDED = "Personas que asistieron a sensibilizaciones"
MEASURE_ATTENDED_UNIT = "personas que asistieron"
MEASURE_ATTENDED_SOURCE = ("Sesiones: personas distintas con asistencia registrada en sesiones "
                           "no canceladas que empezaron en el periodo, sobre las personas "
                           "activas del directorio; por dependencia, la de la persona al "
                           "registrar su asistencia. Una asistencia de alguien que pidió borrar "
                           "sus datos cuenta como una persona.")
MEASURE_SCHEDULED = "Sesiones programadas (no canceladas)"
MEASURE_CANCELLED = "Sesiones canceladas"
MEASURE_ATTENDANCES = "Asistencias registradas"
MEASURE_WHOLE_ENTITY = "Toda la entidad"
