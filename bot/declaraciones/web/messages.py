"""Console texts of the declarations register (Colombian Spanish, «usted»). Names start with
``DECL_`` so they never clash with another catalogue (templates read them all as ``m``)."""

from __future__ import annotations

DECL_TITLE = "Declaraciones de impedimento y conflicto de intereses"
DECL_INTRO = ("Registro de las declaraciones radicadas por el chat, por fecha límite para decidir "
              "(10 días hábiles, CPACA art. 12). Cada lectura de una declaración queda en la "
              "auditoría.")
DECL_STATE = "Estado"
DECL_STATES = {"": "Todos los estados", "radicada": "Radicadas", "en_estudio": "En estudio",
               "decidida": "Decididas", "desistida": "Desistidas"}
DECL_STATE_ONE = {"radicada": "Radicada", "en_estudio": "En estudio", "decidida": "Decidida",
                  "desistida": "Desistida"}
DECL_KIND = "Tipo"
DECL_KINDS = {"": "Todos los tipos", "impedimento": "Impedimento",
              "conflicto": "Conflicto de intereses"}
DECL_DUE_FILTER = "Plazo"
DECL_DUE_FILTERS = {"": "Cualquier plazo", "si": "Solo vencidas sin decidir"}
DECL_NONE = "No hay declaraciones que coincidan."
DECL_EXPORT = "Descargar el registro (XLSX)"
DECL_COL_RADICADO = "Radicado"
DECL_COL_DUE = "Fecha límite"
DECL_COL_MATTER = "Asunto"
DECL_COL_WHO = "Declarante"
DECL_COL_OFFICE = "Decide"
DECL_COL_FILED = "Radicada"
DECL_COL_OUTCOME = "Decisión"
DECL_COL_DESCRIPTION = "Hechos"
DECL_COL_DECIDED_BY = "Decidida por"
DECL_COL_DECIDED_AT = "Fecha de la decisión"
DECL_COL_DEPARTMENT = "Dependencia"
DECL_COL_DAYS_LEFT = "Días hábiles restantes"
DECL_OVERDUE = "Vencida"
DECL_OVERDUE_DAYS = "vencida hace {n} días hábiles"
DECL_OVERDUE_ONE = "vencida hace 1 día hábil"
DECL_DUE_TODAY = "vence hoy"
DECL_ONE_DAY_LEFT = "falta 1 día hábil"
DECL_DAYS_LEFT = "faltan {n} días hábiles"
DECL_PERSON_GONE = "Persona que borró sus datos"
DECL_NO_DEPARTMENT = "Sin dependencia"
DECL_OPEN_LINK = "Abrir la declaración {radicado}"
DECL_DETAIL_TITLE = "Declaración {radicado}"
DECL_FACTS = "Hechos declarados"
DECL_DETAILS = "Datos"
DECL_THE_DECISION = "Decisión"
DECL_OUTCOMES = {"aceptada": "Aceptada", "rechazada": "Rechazada"}
DECL_DECIDED_LINE = "{outcome} por {who} el {day}"
DECL_PDF = "Constancia de radicación (PDF)"
DECL_STUDY = "Pasar a estudio"
DECL_STUDY_HINT = "Indica que quien decide ya está revisando la declaración."
DECL_STUDIED_NOTICE = "La declaración {radicado} quedó en estudio."
DECL_DECIDE_HEADING = "Decidir"
DECL_OUTCOME_LABEL = "Decisión"
DECL_OUTCOME_CHOICES = {"aceptada": "Aceptar el impedimento (otra persona asume el asunto)",
                        "rechazada": "Rechazar (la persona continúa con el asunto)"}
DECL_DECISION_LABEL = "Razones de la decisión"
DECL_DECISION_HINT = ("Si acepta, diga quién asume el asunto (o el funcionario ad hoc). "
                      "Entre 10 y {limit} caracteres. La persona la recibe por el chat.")
DECL_DECIDE_SUBMIT = "Revisar y decidir"
DECL_CONFIRM_TITLE = "Confirmar la decisión de {radicado}"
DECL_CONFIRM_LEAD = ("Va a decidir esta declaración. La decisión no se puede cambiar después y "
                     "la persona la recibirá por el chat.")
DECL_CONFIRM_SUBMIT = "Sí, decidir"
DECL_CONFIRM_BACK = "Volver sin decidir"
DECL_DECIDED_NOTICE = "La declaración {radicado} quedó {outcome}."
DECL_DECIDED_NOTIFIED = " La persona recibirá la decisión por el chat."
DECL_DECIDED_NOT_NOTIFIED = " La persona no tiene un chat donde avisarle: comuníquesela por escrito."
DECL_READ_ONLY = "Su rol puede ver el registro, pero no decidir."
DECL_SHEET = "Declaraciones"
DECL_FILE_NAME = "declaraciones.xlsx"
DECL_CARD = "Declaraciones por decidir"
DECL_CARD_OVERDUE = "Vencidas"
DECL_CARD_OPEN = "Sin decidir"
DECL_CARD_LINK = "Ver las vencidas"
DECL_STATES["por_responder"] = "Recusaciones por responder"
DECL_STATE_ONE["por_responder"] = "Por responder"
DECL_KINDS["recusacion"] = "Recusación"
DECL_DUE_FILTERS["respuesta"] = "Recusaciones sin respuesta a tiempo"
DECL_COL_RECUSED = "Recusado/a"
DECL_COL_RECUSANT = "Recusante"
DECL_COL_ANSWER_DUE = "Plazo para responder"
DECL_COL_ANSWER = "Respuesta del recusado"
DECL_ANSWER_YES = "Acepta la causal"
DECL_ANSWER_NO = "No acepta la causal"
DECL_ANSWER_WAITING = "Sin respuesta todavía"
DECL_ANSWER_LATE = "Pasó el plazo para responder"
DECL_RECUSAL = "Recusación"
DECL_RECUSANT_CHAT = "Radicada por el chat"
DECL_ANSWER_HEADING = "Registrar la respuesta del recusado"
DECL_ANSWER_HINT = ("Si la persona recusada respondió por escrito, registre aquí si acepta o no "
                    "la causal y sus razones (entre 10 y {limit} caracteres).")
DECL_ANSWER_CHOICES = {"si": "Acepta la causal", "no": "No acepta la causal"}
DECL_ANSWER_LABEL = "Respuesta"
DECL_ANSWER_TEXT = "Razones"
DECL_ANSWER_SUBMIT = "Registrar la respuesta"
DECL_ANSWERED_NOTICE = "La respuesta a la recusación {radicado} quedó registrada."
DECL_NEW_RECUSAL = "Registrar una recusación recibida"
DECL_NEW_RECUSAL_LEAD = ("Registre una recusación recibida por escrito o en ventanilla. La persona "
                         "recusada tiene 5 días hábiles para responder y luego el superior decide "
                         "dentro de los 10 días hábiles siguientes (CPACA art. 12). Si el nombre "
                         "corresponde a una sola persona del directorio, ella recibe el aviso por "
                         "el chat.")
DECL_F_RECUSED = "Nombre de la persona recusada"
DECL_F_RECUSANT = "Quién presenta la recusación"
DECL_F_MATTER = "Asunto"
DECL_F_FACTS = "Hechos y causal que se alegan"
DECL_F_OFFICE = "Quién decide (superior de la persona recusada)"
DECL_F_SUBMIT = "Radicar la recusación"
DECL_AMBIGUOUS = ("El nombre «{name}» coincide con {n} personas del directorio. Escriba el nombre "
                  "completo como aparece en el directorio.")
DECL_RECUSAL_FILED = "La recusación quedó radicada con el número {radicado}."
DECL_RECUSED_NOTIFIED = " La persona recusada recibirá el aviso por el chat."
DECL_RECUSED_NOT_NOTIFIED = (" La persona recusada no está en el directorio con ese nombre (o no "
                             "tiene chat): comuníquele la recusación por escrito.")
DECL_STATES["registrada"] = "Preventivas registradas"
DECL_STATE_ONE["registrada"] = "Registrada"
DECL_KINDS["preventiva"] = "Declaración preventiva"
DECL_COL_HOLDER = "Quién tiene el interés"
DECL_COL_COUNTERPARTY = "Con quién"
DECL_HOLDERS = {"yo": "La persona misma", "conyuge": "Cónyuge o compañero/a permanente",
                "pariente": "Un pariente", "socio": "Un socio o socia",
                "otra": "Otra persona"}
# the guided answers of /declarar (#18; their values in bot/declaraciones/messages.py)
DECL_COL_MATTER_TYPE = "Clase de asunto"
DECL_COL_ROLE = "Papel de quien declara"
DECL_COL_RELATIVE = "Pariente"
DECL_COL_DEGREE = "Grado de parentesco"
DECL_MATTER_TYPE_FILTER = "Clase de asunto"
DECL_ALL_MATTER_TYPES = "Todas las clases de asunto"
DECL_MATTER_TYPE_UNKNOWN = "Sin precisar"
DECL_F_MATTER_TYPE = "Clase de asunto (opcional)"
DECL_PREVENTIVE_TITLE = "Declaraciones preventivas"
DECL_PREVENTIVE_INTRO = ("Posibles conflictos declarados antes de que exista un asunto concreto "
                         "(por ejemplo, un pariente que trabaja en una empresa contratista). No "
                         "suspenden nada ni requieren decisión: sirven para prevenir y para cruzar "
                         "con los contratos de la entidad.")
DECL_PREVENTIVE_LINK = "Ver las declaraciones preventivas vigentes ({n})"
DECL_NO_DUE = "Sin plazo"
DECL_LINK_HEADING = "Enlace para que decida el superior"
DECL_LINK_HINT = ("Si el superior que decide no tiene cuenta en la consola, genere un enlace "
                  "personal (vale 30 días y una sola decisión) y envíeselo por correo "
                  "institucional. Generar uno nuevo anula el anterior.")
DECL_LINK_FROM_DIRECTORY = ("El nombre y el correo vienen del jefe inmediato que el "
                            "directorio registra para esta persona; cámbielos si decide otra.")
DECL_LINK_NAME = "Nombre y cargo del superior"
DECL_LINK_EMAIL = "Correo del superior (opcional: el servicio le envía el enlace)"
DECL_LINK_EMAILED = "Se lo enviamos por correo a {email}."
DECL_LINK_CHATTED = ("También quedó en cola para llegarle por el chat del bot, donde está "
                     "registrado/a.")
DECL_LINK_NOT_EMAILED = ("No se pudo enviar el correo a {email} (el servidor de correo lo "
                         "rechazó o no respondió). El servicio lo "
                         "intentará de nuevo hasta 3 veces en las próximas horas y, si tampoco "
                         "llega, lo dirá el resumen diario del registro. Mientras tanto, puede "
                         "copiarlo y enviárselo usted.")
DECL_LINK_EMAIL_STATES = {  # Declaration.link_email_state (``link_retries``)
    "enviado": "El servidor de correo aceptó el correo con el enlace vigente.",
    "reintento": ("El correo con el enlace vigente no se ha podido entregar: el servicio lo "
                  "intenta de nuevo ({n} de 4 intentos hechos)."),
    "fallido": ("El correo con el enlace vigente no se pudo entregar ({n} intentos). Genere un "
                "enlace nuevo y hágaselo llegar por otro medio."),
}
DECL_LINK_NO_PUBLIC_URL = ("No enviamos el correo a {email}: la dirección pública del servicio "
                           "(VALOR_PUBLIC_URL) no está configurada, así que el enlace no lleva "
                           "la dirección completa. Pida a quien administra el servicio que la "
                           "configure.")
DECL_LINK_NO_SMTP = ("No enviamos el correo a {email}: el servicio no tiene configurado el envío "
                     "de correo (SMTP), así que tampoco lo intentará más tarde. Copie el enlace "
                     "y envíeselo usted, o pida a quien administra el servicio que configure el "
                     "correo.")
DECL_LINK_SUBMIT = "Generar el enlace"
DECL_LINK_READY = ("Enlace generado para {name}. Cópielo y envíeselo; no se volverá a mostrar "
                   "(si lo pierde, genere otro):")
DECL_LINK_ACTIVE = "Hay un enlace vigente para: {name}"
DECL_OUTCOME_CHOICES_RECUSAL = {
    "aceptada": "Aceptar la recusación (otra persona asume el asunto)",
    "rechazada": "Rechazar la recusación (la persona recusada continúa con el asunto)"}


def outcome_choices(kind: str) -> list[tuple[str, str]]:
    """The decision's two options, worded for the kind of declaration."""
    choices = DECL_OUTCOME_CHOICES_RECUSAL if kind == "recusacion" else DECL_OUTCOME_CHOICES
    return list(choices.items())

# -- contracts and the cross-check («Cruce») -----------------------------------------------
DECL_CROSS_TITLE = "Cruce de contratos con declaraciones preventivas"
DECL_CROSS_LINK = "Cruce con contratos"
DECL_CROSS_INTRO = ("Contratos cuyo supervisor nombró al contratista en una declaración "
                    "preventiva. Es una alerta para revisar, nunca una acusación: registre lo que "
                    "encontró en la nota.")
DECL_CROSS_FILTER = "Revisión"
DECL_CROSS_FILTERS = {"": "Pendientes de revisar", "revisadas": "Revisadas", "todas": "Todas"}
DECL_CROSS_NONE = "No hay alertas que coincidan."
DECL_CROSS_IMPORT = "Importar contratos (CSV o Excel)"
DECL_CROSS_IMPORT_HINT = ("Columnas: número del contrato, contratista, NIT o cédula, objeto, "
                          "valor, fecha de firma, fecha de terminación, supervisor, cédula del "
                          "supervisor, dependencia. Un CSV (UTF-8 o Latin-1, coma o punto y "
                          "coma) o un libro de Excel (.xlsx, la primera hoja). "
                          "Importar otra vez actualiza cada contrato por su número.")
DECL_CROSS_FILE = "Archivo CSV o Excel (.xlsx)"
DECL_CROSS_IMPORT_SUBMIT = "Importar y cruzar"
DECL_CROSS_NO_FILE = "Elija el archivo CSV o Excel."
DECL_CROSS_RESULT = "Resultado de la importación"
DECL_CROSS_REJECTED = "Filas rechazadas"
DECL_CROSS_AMBIGUOUS = ("Líneas con un supervisor cuyo nombre comparten varias personas del "
                        "directorio (agregue la cédula del supervisor): {lines}")
DECL_CROSS_AMBIGUOUS_PARTIES = ("Líneas con un contratista o representante legal cuyo nombre "
                                "comparten varias personas del directorio y sin una cédula o NIT "
                                "que lo distinga (no se unió a nadie: agregue la cédula): {lines}")
DECL_CROSS_COL_LINE = "Línea"
DECL_CROSS_COL_REASON = "Motivo"
DECL_CROSS_RERUN = "Volver a cruzar"
DECL_CROSS_RERUN_DONE = "Cruce terminado: {n} alertas nuevas."
DECL_CROSS_CONTRACTS = "Contratos importados: {n}."
DECL_CROSS_COL_CONTRACT = "Contrato"
DECL_CROSS_COL_CONTRACTOR = "Contratista"
DECL_CROSS_COL_SUPERVISOR = "Supervisor/a"
DECL_CROSS_COL_DECLARATION = "Declaración preventiva"
DECL_CROSS_COL_REASON_FLAG = "Por qué"
DECL_CROSS_VIA = "Declaración del contratista o su representante:"
DECL_CROSS_REPRESENTATIVE = "Representante legal:"
DECL_CROSS_COL_REVIEW = "Revisión"
DECL_CROSS_REVIEWED = "{who}, {day}"
DECL_CROSS_NOTE = "Nota de revisión"
DECL_CROSS_NOTE_SUBMIT = "Guardar la nota"
DECL_CROSS_NOTE_SAVED = "Nota guardada."

# -- risk zones ------------------------------------------------------------------------------
DECL_ZONES_TITLE = "Zonas de riesgo: declaraciones por dependencia"
DECL_ZONES_LINK = "Zonas de riesgo"
DECL_ZONES_INTRO = ("Cuántas declaraciones (por tipo) y alertas del cruce con contratos tiene cada "
                    "dependencia en el periodo: muestra dónde se concentran los conflictos de "
                    "intereses, no quién los declaró. Las recusaciones cuentan en la dependencia "
                    "de la persona recusada.")
DECL_ZONES_SINCE = "Desde"
DECL_ZONES_RANGE = ("Periodo de todas las tablas: del {since} al {until} (sin «Desde», los últimos "
                    "12 meses o 4 trimestres).")
DECL_ZONES_UNTIL = "Hasta"
DECL_ZONES_COL_DEPARTMENT = "Dependencia"
DECL_ZONES_COL_ALERTS = "Alertas del cruce"
DECL_ZONES_COL_TOTAL = "Total"
DECL_ZONES_TOTAL = "Total de las dependencias mostradas"
DECL_ZONES_NONE = "No hay declaraciones ni alertas en el periodo."
DECL_ZONES_SMALL = ("Con menos de {k} declaraciones y alertas en el periodo (sin cifras, para no "
                    "señalar a nadie, y fuera del total): {names}.")
DECL_KINDS_ALL = {"impedimento": "Impedimentos", "conflicto": "Conflictos de intereses",
                  "recusacion": "Recusaciones", "preventiva": "Preventivas"}

# -- asset declarations ----------------------------------------------------------------------
DECL_ASSETS_TITLE = "Declaraciones de bienes y rentas y Ley 2013"
DECL_ASSETS_INTRO = ("Quién debe presentar y quién presentó, por dependencia. Todo servidor "
                     "activo presenta la declaración de bienes y rentas cada año (en las entidades "
                     "territoriales, hasta el 31 de julio); la publicación de la Ley 2013 de 2019 "
                     "la deben quienes Talento Humano marque como obligados, contratistas "
                     "incluidos.")
DECL_ASSETS_YEAR = "Año"
DECL_ASSETS_KIND = "Declaración"
DECL_ASSETS_COL_OBLIGED = "Obligados"
DECL_ASSETS_COL_FILED = "Presentaron"
DECL_ASSETS_COL_PENDING = "Pendientes"
DECL_ASSETS_COL_PERCENT = "Cumplimiento"
DECL_ASSETS_TOTAL = "Toda la entidad"
DECL_ASSETS_NONE = "Nadie está obligado a esta declaración en ese año."
DECL_ASSETS_EXPORT = "Descargar la lista (XLSX)"
DECL_ASSETS_REMIND = "Recordar a quienes faltan"
DECL_ASSETS_REMIND_HINT = (
    "Abre una campaña en borrador con la audiencia de quienes deben presentar la declaración "
    "del año elegido y no la han presentado, y con un recordatorio ya escrito (el año y el plazo "
    "del 31 de julio, o que ya venció) que usted puede cambiar antes de programarla. Llega a "
    "quienes están suscritos y tienen un canal, y solo dentro de la ventana de recordatorios; la "
    "audiencia se calcula de nuevo en cada envío, así que quien presente antes no la recibe.")
DECL_ASSETS_WINDOW = "Ventana de recordatorios"
DECL_ASSETS_WINDOW_TEXT = ("Las campañas «Recordar a quienes faltan» de esta declaración y este año "
                           "llegan a quienes no la han presentado solo entre el {opens} y el "
                           "{closes}, ambos incluidos; un envío programado fuera de esas fechas "
                           "no llega a nadie.")
DECL_ASSETS_WINDOW_DEFAULT = ("Es la ventana por defecto (bienes y rentas y Ley 2013: el plazo "
                              "territorial, del 1 de junio al 31 de julio; la declaración "
                              "preventiva: todo el año, porque quien ingresa también la debe).")
DECL_ASSETS_WINDOW_SET = "La fijó Talento Humano."
DECL_ASSETS_WINDOW_OPEN = "Hoy está abierta."
DECL_ASSETS_WINDOW_CLOSED = "Hoy está cerrada: los recordatorios no salen."
DECL_ASSETS_WINDOW_OPENS = "Desde"
DECL_ASSETS_WINDOW_CLOSES = "Hasta"
DECL_ASSETS_WINDOW_SUBMIT = "Guardar la ventana"
DECL_ASSETS_WINDOW_SAVED = "Los recordatorios de {year} saldrán entre el {opens} y el {closes}."
DECL_ASSETS_WINDOW_BAD_DATE = "Escriba las dos fechas de la ventana (AAAA-MM-DD)."
DECL_ASSETS_MARK = "Registrar una declaración presentada"
DECL_ASSETS_DOCUMENT = "Cédula"
DECL_ASSETS_FILED_ON = "Fecha de presentación"
DECL_ASSETS_REQUIRED = "Marcarla además como obligada ese año (Ley 2013: sujetos de la lista)"
DECL_ASSETS_MARK_SUBMIT = "Registrar"
# no personal data in a notice (it is stored with the console session): the cédula masked
DECL_ASSETS_MARKED = "Quedó registrada la declaración de la cédula terminada en {tail} ({year})."
DECL_ASSETS_BAD_DATE = "Escriba la fecha de presentación (AAAA-MM-DD)."
DECL_ASSETS_SHEET = "Bienes y rentas"
DECL_ASSETS_FILE_NAME = "declaraciones_bienes_{kind}_{year}.xlsx"
DECL_ASSETS_COL_NAME = "Nombre"
DECL_ASSETS_COL_DOCUMENT = "Cédula"
DECL_ASSETS_COL_KIND = "Vinculación"
DECL_ASSETS_COL_STATE = "Estado"
DECL_ASSETS_COL_SOURCE = "Fuente"
DECL_ASSETS_FILED = "Presentada"
DECL_ASSETS_PENDING = "Pendiente"
DECL_FILED_FROM = "Radicadas desde"
DECL_FILED_UNTIL = "Radicadas hasta"
DECL_DEPARTMENT_FILTER = "Dependencia de quien concierne"
DECL_ALL_DEPARTMENTS = "Todas las dependencias"
DECL_ASSETS_IMPORT = "Importar la lista de quienes presentaron (SIGEP o aplicativo)"
DECL_ASSETS_IMPORT_HINT = ("CSV o Excel (.xlsx) con la columna «cédula» y, si la tiene, «fecha de presentación» "
                           "(sin fecha se anota la de hoy). Vale para el año y el tipo elegidos "
                           "arriba.")
DECL_ASSETS_IMPORT_SUBMIT = "Importar"

# -- the ground of CPACA art. 11 (names in bot/declaraciones/messages.py: GROUND_NAMES) -------
DECL_GROUND_FILTER = "Causal (art. 11)"
DECL_F_GROUND = "Causal que se alega (art. 11 de la Ley 1437 de 2011)"
DECL_ALL_GROUNDS = "Todas las causales"
DECL_COL_GROUND = "Causal (art. 11 Ley 1437)"
DECL_ZONES_GROUND_TITLE = "Por causal del artículo 11"
DECL_ZONES_GROUND_INTRO = ("Impedimentos, conflictos y recusaciones radicados en el periodo, por "
                           "la causal que confirmó quien declara o que alega quien recusa.")
DECL_ZONES_COL_GROUND = "Causal"
DECL_ZONES_COL_COUNT = "Declaraciones"
DECL_ZONES_GROUND_TOTAL = "Total de las causales mostradas"
DECL_ZONES_GROUND_NONE = "No hay impedimentos, conflictos ni recusaciones en el periodo."
DECL_ZONES_GROUND_CHART = "Declaraciones por causal (solo las de {k} o más)"
# -- risk zones over time
DECL_ZONES_TIME_TITLE = "En el tiempo"
DECL_ZONES_TIME_INTRO = (
    "Las mismas cuentas por {unit}: las declaraciones y alertas de cada dependencia y las "
    "declaraciones de cada causal. Si una fila tiene alguna casilla con menos de {k} (y más de "
    "0), toda la fila dice «reservada», para que ninguna cifra pequeña se pueda deducir de los "
    "totales de la tabla de arriba. Los totales por {unit} suman solo las casillas con cifra.")
DECL_ZONES_PERIOD = "Agrupar por"
DECL_ZONES_PERIODS = {"mes": "Mes", "trimestre": "Trimestre"}
DECL_ZONES_UNITS = {"mes": "mes", "trimestre": "trimestre"}
DECL_ZONES_QUARTER = "T{q} {year}"
DECL_ZONES_QUARTER_LONG = "{q}.º trimestre de {year}"
DECL_ZONES_RESERVED = "reservada"
DECL_ZONES_TIME_DEPARTMENTS = "Por dependencia"
DECL_ZONES_TIME_GROUNDS = "Por causal"
DECL_ZONES_TIME_SHOWN = "Total con cifra"
DECL_ZONES_TIME_CHART = "Declaraciones y alertas con cifra, por {unit}"
DECL_ZONES_TIME_SERIES = "Dependencias"
# -- risk zones per type of matter
DECL_ZONES_MATTER_TITLE = "Por clase de asunto"
DECL_ZONES_MATTER_INTRO = (
    "Impedimentos, conflictos y recusaciones radicados en el periodo, por dependencia y clase de "
    "asunto: en qué dependencias se declara más en contratos, vinculaciones o nombramientos, "
    "permisos, licencias o trámites, procesos disciplinarios, sancionatorios o judiciales… «Sin "
    "precisar» son las radicadas antes de que se preguntara la clase. Las dependencias con "
    "menos de {k} se nombran aparte, sin cifras.")
# short headings (the intro and the filter say them in full)
DECL_ZONES_MATTER_COLUMNS = {"contrato": "Contratos", "permiso": "Permisos y trámites",
                             "vinculacion": "Vinculaciones", "proceso": "Procesos",
                             "otro": "Otros asuntos", "": "Sin precisar"}
DECL_ZONES_MATTER_CHART = "Declaraciones por clase de asunto (dependencias con {k} o más)"
DECL_ZONES_MATTER_SMALL = ("Con menos de {k} impedimentos, conflictos y recusaciones en el "
                           "periodo (sin cifras, para no señalar a nadie, y fuera del total): "
                           "{names}.")
DECL_ZONES_MATTER_NONE = "No hay impedimentos, conflictos ni recusaciones en el periodo."
DECL_ZONES_MATTER_FILTERED = ("Solo las declaraciones de la clase «{name}»: las alertas del cruce "
                              "con contratos y las declaraciones preventivas no tienen clase y no "
                              "se cuentan.")
DECL_ZONES_EXPORT = "Descargar las tablas (XLSX)"
DECL_ZONES_SHEET = "Zonas de riesgo"
DECL_ZONES_FILE_NAME = "zonas-de-riesgo.xlsx"
DECL_ZONES_BAD_YEAR = "Elija fechas entre los años {low} y {high}."
DECL_ZONES_TOO_MANY = "Elija un rango de a lo sumo {n} periodos (meses o trimestres)."
DECL_ASSETS_CARD_TREND = "Bienes y rentas por año (últimos {n} años)"
DECL_ASSETS_TREND_FILED = "Presentaron"
DECL_ASSETS_TREND_OBLIGED = "Obligadas"
