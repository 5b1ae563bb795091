"""The Spanish texts of the console's own pages: login, Inicio, account, staff and audit."""

# Login, logout, account
LOGIN_TITLE = "Iniciar sesión"
LOGIN_EMAIL = "Correo institucional"
LOGIN_PASSWORD = "Contraseña"
LOGIN_SUBMIT = "Entrar"
LOGIN_INTRO = "Ingrese con su cuenta del personal de la entidad."
LOGGED_OUT = "Cerró su sesión."
ACCOUNT_TITLE = "Mi cuenta"
PASSWORD_CURRENT = "Contraseña actual"
PASSWORD_NEW = "Contraseña nueva"
PASSWORD_REPEAT = "Repita la contraseña nueva"
PASSWORD_SUBMIT = "Cambiar la contraseña"
PASSWORD_MISMATCH = "Las dos contraseñas nuevas no coinciden."
PASSWORD_CHANGED = "Contraseña cambiada. Sus otras sesiones se cerraron."
PASSWORD_HINT = ("Al menos {n} caracteres y difícil de adivinar: una frase de varias palabras, "
                 "sin su nombre, su correo ni el de la entidad. Al cambiarla se cierran sus "
                 "otras sesiones.")

# Home
HOME_TITLE = "Inicio"
HOME_GREETING = "Hola, {name}."
CARD_STAFF = "Personal con acceso a la consola"

# Audit
AUDIT_TITLE = "Auditoría"
AUDIT_INTRO = "Registro inalterable de las acciones del personal."
AUDIT_ACTION = "Acción (comienza por)"
AUDIT_ACTOR = "Correo de quien actuó"
AUDIT_SINCE = "Desde"
AUDIT_UNTIL = "Hasta"
COL_WHEN = "Fecha y hora"
COL_ACTOR = "Quién"
COL_ACTION = "Acción"
COL_TARGET = "Sobre"
COL_DETAILS = "Detalles"
NO_ENTRIES = "No hay registros que coincidan."
SYSTEM_ACTOR = "Sistema"
AUDIT_DATE_ORDER = "La fecha «desde» debe ser anterior o igual a «hasta»."

# Staff
STAFF_TITLE = "Personal"
STAFF_INTRO = "Cuentas con acceso a la consola y a la API."
STAFF_CREATE = "Crear una cuenta"
STAFF_NAME = "Nombre completo"
STAFF_EMAIL = "Correo"
STAFF_ROLE = "Rol"
STAFF_PASSWORD = "Contraseña inicial"
STAFF_SUBMIT = "Crear la cuenta"
STAFF_CREATED = "Se creó la cuenta de {email}."
STAFF_DEACTIVATE = "Desactivar"
STAFF_DEACTIVATE_LABEL = "Desactivar la cuenta de {email}"
STAFF_DEACTIVATED = "Se desactivó la cuenta de {email}; sus sesiones se cerraron."
STAFF_NOT_SELF = "No puede desactivar su propia cuenta."
STAFF_DEACTIVATE_TITLE = "Desactivar una cuenta"
STAFF_DEACTIVATE_QUESTION = "¿Desactivar la cuenta de {email}?"
STAFF_DEACTIVATE_CONSEQUENCE = ("Sus sesiones y tokens dejan de funcionar de inmediato y no podrá "
                                "entrar. Puede reactivarla después desde su ficha.")
STAFF_DEACTIVATE_CONFIRM = "Sí, desactivar la cuenta"
STAFF_OPEN_LABEL = "Ver la cuenta de {email}"
STAFF_MANAGE = "Gestionar"
STAFF_DETAIL_TITLE = "Cuenta de {name}"
STAFF_BACK = "Volver al personal"
STAFF_REACTIVATE = "Reactivar la cuenta"
STAFF_REACTIVATE_HINT = ("La persona vuelve a entrar con el mismo correo, rol y contraseña. Si no "
                         "la recuerda, restablézcala después.")
STAFF_REACTIVATED = "Se reactivó la cuenta de {email}."
STAFF_ROLE_CHANGE = "Cambiar el rol"
STAFF_ROLE_NEW = "Rol nuevo"
STAFF_ROLE_SAME = "Elija un rol distinto del actual."
STAFF_ROLE_UNKNOWN = "Elija uno de los roles de la lista."
STAFF_ROLE_TITLE = "Cambiar el rol de una cuenta"
STAFF_ROLE_QUESTION = "¿Dar a {email} el rol «{role}»?"
STAFF_ROLE_CONSEQUENCE = ("Desde su próxima página verá solo las secciones y acciones que ese rol "
                          "permite.")
STAFF_ROLE_CONFIRM = "Sí, cambiar el rol"
STAFF_ROLE_CHANGED = "{email} tiene ahora el rol «{role}»."
STAFF_RESET = "Restablecer la contraseña"
STAFF_RESET_HINT = ("Se genera una contraseña temporal que se muestra una sola vez; al entrar, la "
                    "persona debe cambiarla.")
STAFF_RESET_TITLE = "Restablecer una contraseña"
STAFF_RESET_QUESTION = "¿Restablecer la contraseña de {email}?"
STAFF_RESET_CONSEQUENCE = ("Su contraseña actual deja de servir y sus sesiones y tokens se cierran. "
                           "La contraseña temporal se muestra una sola vez en la página siguiente.")
STAFF_RESET_CONFIRM = "Sí, restablecer la contraseña"
STAFF_RESET_DONE_TITLE = "Contraseña temporal"
STAFF_RESET_DONE = ("Entregue a {email} esta contraseña temporal por un medio seguro. No se "
                    "volverá a mostrar; al entrar con ella la consola le pedirá elegir una nueva.")
STAFF_RESET_PASSWORD_LABEL = "Contraseña temporal"
STAFF_DEACTIVATE_HINT = "Sus sesiones y tokens se cierran de inmediato."
STAFF_CREATED_AT = "Creada"
PASSWORD_MUST_CHANGE = ("Su contraseña fue restablecida por administración. Elija una contraseña "
                        "nueva para seguir usando la consola.")
COL_ROLE = "Rol"
COL_LAST_LOGIN = "Último ingreso"
ACTIVE = "Activa"
INACTIVE = "Desactivada"

# Audit log in Spanish: actions, targets, detail fields and values (api.console.audit_words)
AUDIT_ACTIONS = {
    "login.ok": "Ingreso",
    "login.failed": "Ingreso rechazado",
    "staff.create": "Creó una cuenta del personal",
    "staff.deactivate": "Desactivó una cuenta del personal",
    "staff.reactivate": "Reactivó una cuenta del personal",
    "staff.role": "Cambió el rol de una cuenta",
    "staff.telegram": "Vinculó su chat de Telegram para pruebas",
    "staff.password_change": "Cambió su contraseña",
    "staff.password_reset": "Restableció la contraseña de una cuenta",
    "people.import": "Importó el directorio",
    "people.update": "Editó una persona del directorio",
    "people.retire": "Retiró a una persona del directorio",
    "people.reactivate": "Devolvió a una persona al directorio",
    "people.superior": "Cambió el jefe inmediato de una persona del directorio",
    "campaign.created": "Creó una campaña",
    "campaign.scheduled": "Programó una campaña",
    "campaign.sent_now": "Envió una campaña ahora",
    "campaign.test_sent": "Envió una prueba de campaña",
    "campaign.paused": "Pausó una campaña",
    "campaign.whatsapp_template": "Registró la plantilla de WhatsApp de una campaña",
    "campaign.paused_by_whatsapp": "WhatsApp pausó una campaña",
    "campaign.resumed": "Reanudó una campaña",
    "campaign.cancelled": "Canceló una campaña",
    "campaign.uncertain_resent": "Reenvió entregas inciertas de una campaña",
    "campaign.uncertain_received": "Marcó como recibidas entregas inciertas de una campaña",
    "campaign.duplicated": "Duplicó una campaña",
    "campaign.channels": "Cambió los canales de una campaña",
    "campaign.logo_set": "Cambió el logo de las imágenes de las campañas",
    "campaign.logo_removed": "Quitó el logo de las imágenes de las campañas",
    "campaign.piece_added": "Agregó una pieza a una campaña",
    "campaign.piece_caption_changed": "Cambió el texto de una pieza",
    "survey.create": "Creó una encuesta",
    "survey.launch": "Lanzó una encuesta",
    "survey.close": "Cerró una encuesta",
    "consulta.responder": "Respondió una consulta",
    "consulta.cerrar": "Cerró una consulta",
    "consulta.encaminar": "Encaminó una consulta",
    "consulta.asignar": "Asignó una consulta",
    "consulta.entrada.crear": "Guardó una entrada de la base de conocimiento",
    "consulta.entrada.editar": "Editó una entrada de la base de conocimiento",
    "consulta.entrada.deshacer": "Deshizo los cambios de una entrada",
    "foro.sugerencia.analisis": "Pasó una sugerencia a análisis",
    "foro.respuesta.borrador": "Guardó el borrador de respuesta de una sugerencia",
    "foro.respuesta.publicada": "Publicó la respuesta de una sugerencia",
    "foro.respuesta.mensaje": "Respondió en el foro",
    "foro.moderacion.sugerencia": "Retiró una sugerencia",
    "foro.moderacion.mensaje": "Ocultó un mensaje del foro",
    "foro.foro.reintento": "Reintentó los envíos al foro",
    "campaign.piece_whatsapp_template": "Registró la plantilla de WhatsApp de una pieza",
    "directorio.invitar": "Puso en cola invitaciones para vincularse",
    "directorio.invitar_persona": "Invitó a una persona a vincularse",
    "directorio.invitacion_impresa": "Imprimió la invitación personal de una persona",
    "directorio.anular_invitaciones": "Anuló las invitaciones de una persona",
    "directorio.vincular": "Se vinculó un chat al directorio",
    "directorio.desvincular": "Se desvinculó un chat del directorio",
    "persona.olvidar": "Una persona borró sus datos",
    "whatsapp.numero_cambiado": "Una persona cambió su número de WhatsApp",
    "whatsapp.numero_reasignado": "Un número de WhatsApp pasó a otra persona",
    "declaraciones.estudiar": "Tomó una declaración para estudio",
    "declaraciones.decidir": "Decidió una declaración",
    "declaraciones.recusacion": "Registró una recusación",
    "declaraciones.respuesta": "Registró la respuesta de la persona recusada",
    "declaraciones.enlace": "Creó el enlace para que el superior decida una declaración",
    "declaraciones.enlace.leer": "Se abrió el enlace para decidir una declaración",
    "declaraciones.enlace.correo": "Intentó enviar por correo el enlace para decidir una declaración (el detalle dice si salió)",
    "declaraciones.recusacion.registro": "Dejó una recusación al registro: no hubo jefe inmediato a quien enviarla",
    "declaraciones.exportar": "Exportó el registro de declaraciones",
    "declaraciones.leer": "Consultó una declaración",
    "declaraciones.listar": "Consultó el registro de declaraciones (el detalle dice con qué filtros y cuántas vio)",
    "declaraciones.cruce.leer": "Consultó las alertas del cruce de contratos con declaraciones preventivas",
    "declaraciones.constancia": "Descargó la constancia de radicación de una declaración",
    "declaraciones.constancia.enlace": "Quien declaró descargó su constancia con el enlace del chat",
    "declaraciones.bienes.registrar": "Registró la declaración de bienes y rentas de una persona",
    "declaraciones.bienes.obligados": "Marcó si una persona debe declarar bienes y rentas",
    "declaraciones.bienes.importar": "Importó las declaraciones de bienes y rentas presentadas",
    "declaraciones.bienes.exportar": "Exportó el seguimiento de bienes y rentas",
    "declaraciones.bienes.ventana": "Fijó la ventana de recordatorios de bienes y rentas",
    "declaraciones.contratos": "Importó los contratos",
    "declaraciones.cruce": "Cruzó los contratos con las declaraciones",
    "declaraciones.cruce.revisar": "Revisó una alerta del cruce de contratos",
    "declaraciones.cruce.persona": "El servicio cruzó los contratos después de una declaración "
                                   "preventiva nueva de esta persona",
    "informe.plan.sembrar": "Creó el plan de acción",
    "informe.actividad.crear": "Agregó una actividad al plan",
    "informe.actividad.editar": "Editó una actividad del plan",
    "informe.actividad.eliminar": "Eliminó una actividad del plan",
    "informe.evidencia.agregar": "Agregó una evidencia a una actividad",
    "informe.evidencia.eliminar": "Eliminó una evidencia de una actividad",
    "sesiones.crear": "Registró una sesión de sensibilización",
    "sesiones.editar": "Editó una sesión de sensibilización",
    "sesiones.cancelar": "Canceló una sesión de sensibilización",
    "sesiones.asistencia_manual": "Agregó a mano una asistencia a una sesión",
    "sesiones.asistencia_quitar": "Quitó una asistencia de una sesión",
}
AUDIT_TARGETS = {
    "staff": "Cuenta", "person": "Persona", "directory": "Directorio", "campaign": "Campaña",
    "survey": "Encuesta", "consulta": "Consulta", "entrada": "Entrada", "suggestion": "Sugerencia",
    "forum_post": "Mensaje del foro", "persona": "Persona", "declaracion": "Declaración",
    "resumen": "Resumen diario de plazos",
    "alerta_contrato": "Alerta de contrato", "plan": "Plan de acción", "campaña": "Campaña",
    "plan_activity": "Actividad del plan", "sesion": "Sesión de sensibilización",
}
AUDIT_FIELDS = {
    "via": "por", "reason": "motivo", "role": "rol", "previous": "antes",
    "audience": "público", "channels": "canales", "channel": "canal", "kind": "tipo",
    "send_at": "envío", "weekday": "día", "time": "hora", "timezone": "zona horaria",
    "runs": "envíos", "targeted": "destinatarios", "piece_id": "pieza", "generated": "generada",
    "invited": "invitaciones", "questions": "preguntas", "fields": "campos",
    "created": "nuevas", "updated": "actualizadas", "unchanged": "sin cambios",
    "departments_created": "dependencias nuevas", "rejected": "filas rechazadas",
    "interrupted": "interrumpida", "notificada": "persona notificada", "de": "de", "a": "a",
    "estado": "estado", "revision": "versión", "motivo": "motivo", "sugerencia": "sugerencia",
    "escrituras": "envíos", "source": "origen", "copy_of": "copia de",
    "mostradas": "declaraciones mostradas", "total": "total que coincide", "pagina": "página",
    "offset": "desde la fila", "alertas": "alertas", "revisadas": "solo revisadas",
    "vencidas": "vencidas", "dependencia": "dependencia (n.º)", "causal": "causal (numeral)",
    "desde": "radicadas desde", "hasta": "radicadas hasta", "rows": "filas",
}
AUDIT_VALUES = {
    "consola": "la consola", "api": "la API", "chat": "el chat", "password": "contraseña equivocada",
    "unknown": "correo desconocido", "inactive": "cuenta desactivada", "telegram": "Telegram",
    "correo": "correo", "once": "una vez", "weekly": "semanal", "semanal": "semanal",
    "unica": "una vez", "all": "toda la entidad", "departments": "dependencias",
}
AUDIT_WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
AUDIT_EXPORT_CSV = "Descargar CSV"
AUDIT_EXPORT_XLSX = "Descargar Excel"
AUDIT_SHEET = "Auditoría"
AUDIT_COLUMNS = ("Fecha y hora (Bogotá)", "Quién", "Acción", "Código", "Sobre", "Detalles",
                 "Resumen")
