"""Who may use what: the ONE table of console pages and actions and the roles allowed on each.

Every console route declares its key here through ``nucleo.web.console.context.page(key)``; a route
without one (and not in ``PUBLIC``) fails the role-matrix test. Navigation shows only the entries
with a ``nav`` label that the current role may open.
"""

from __future__ import annotations

from dataclasses import dataclass

from nucleo.models import Role

ADMIN, TH, ASESOR, AUDITOR = Role.ADMIN, Role.TALENTO_HUMANO, Role.ASESOR, Role.AUDITOR
JURIDICA = Role.JURIDICA
EVERYONE = frozenset(Role)
# Jurídica / Control Interno keeps the declarations register only: not the consultations
# (servants' questions to HR), surveys, campaigns or the directory's administration (#18).
HR_DESK = frozenset({ADMIN, TH, ASESOR, AUDITOR})
# the register's keepers: read it, decide, read the cross-check flags
KEEPERS = frozenset({ADMIN, TH, ASESOR, JURIDICA})


@dataclass(frozen=True)
class Page:
    """A console page or action: the roles allowed and, for pages in the menu, where it lives."""

    roles: frozenset[Role]
    nav: str | None = None
    path: str | None = None
    order: int = 100


PAGES: dict[str, Page] = {
    "inicio": Page(EVERYONE, "Inicio", "/consola/", 0),
    "sugerencias": Page(frozenset({ADMIN, TH, AUDITOR}), "Sugerencias", "/consola/sugerencias",
                        30),
    "sugerencias.crear": Page(frozenset({ADMIN, TH})),  # REST only: a suggestion received by HR
    "sugerencias.analizar": Page(frozenset({ADMIN, TH})),
    "sugerencias.responder": Page(frozenset({ADMIN, TH})),
    "sugerencias.publicar": Page(frozenset({ADMIN, TH})),
    "sugerencias.moderar": Page(frozenset({ADMIN, TH})),
    "sugerencias.reintentar": Page(frozenset({ADMIN, TH})),
    "campanas": Page(frozenset({ADMIN, TH, AUDITOR}), "Campañas", "/consola/campanas", 10),
    "campanas.crear": Page(frozenset({ADMIN, TH})),
    "campanas.pieza": Page(frozenset({ADMIN, TH})),
    "campanas.prueba": Page(frozenset({ADMIN, TH})),
    "campanas.programar": Page(frozenset({ADMIN, TH})),
    "campanas.enviar": Page(frozenset({ADMIN, TH})),
    "campanas.control": Page(frozenset({ADMIN, TH})),
    "consultas": Page(HR_DESK, "Consultas", "/consola/consultas", 20),
    "consultas.responder": Page(frozenset({ADMIN, TH, ASESOR})),
    "consultas.cerrar": Page(frozenset({ADMIN, TH, ASESOR})),
    "consultas.promover": Page(frozenset({ADMIN, TH, ASESOR})),
    "consultas.base": Page(HR_DESK),
    "consultas.base.editar": Page(frozenset({ADMIN, TH})),
    "consultas.probar": Page(HR_DESK),
    # personal data of the declarants: no auditor (the audit log shows who read what)
    "declaraciones": Page(KEEPERS, "Declaraciones", "/consola/declaraciones", 25),
    "declaraciones.decidir": Page(KEEPERS),
    "declaraciones.exportar": Page(frozenset({ADMIN, TH, JURIDICA})),
    "declaraciones.contratos": Page(frozenset({ADMIN, TH})),  # import contracts, re-run the cross-check
    "declaraciones.cruce": Page(KEEPERS),  # read flags, record review notes
    # counts per dependencia only, small groups without numbers: the auditor may see them
    # asset declarations: who must file and who filed (names and cédulas; no auditor)
    "declaraciones.bienes": Page(frozenset({ADMIN, TH}), "Bienes y rentas",
                                 "/consola/declaraciones/bienes", 27),
    "declaraciones.bienes.registrar": Page(frozenset({ADMIN, TH})),
    "declaraciones.zonas": Page(KEEPERS | {AUDITOR}, "Zonas de riesgo",
                                "/consola/declaraciones/zonas", 26),
    "encuestas": Page(frozenset({ADMIN, TH, AUDITOR}), "Encuestas", "/consola/encuestas", 40),
    "encuestas.crear": Page(frozenset({ADMIN, TH})),
    "encuestas.lanzar": Page(frozenset({ADMIN, TH})),
    "encuestas.cerrar": Page(frozenset({ADMIN, TH})),
    "encuestas.resultados": Page(frozenset({ADMIN, TH, AUDITOR})),
    "encuestas.comentarios": Page(frozenset({ADMIN, TH})),  # free text: like the API, no auditor
    "encuestas.diagnostico": Page(frozenset({ADMIN, TH, AUDITOR})),
    # attendance lists name people: no auditor (the report shows the counts)
    "sesiones": Page(frozenset({ADMIN, TH}), "Sesiones", "/consola/sesiones", 45),
    "sesiones.editar": Page(frozenset({ADMIN, TH})),  # create, edit, cancel, attendance by hand
    "informe": Page(frozenset({ADMIN, TH, AUDITOR}), "Plan e informe", "/consola/informe", 50),
    "informe.editar": Page(frozenset({ADMIN, TH})),  # activities, evidence, the reference plan
    "directorio": Page(frozenset({ADMIN, TH}), "Directorio", "/consola/directorio", 60),
    "directorio.importar": Page(frozenset({ADMIN, TH})),
    "directorio.editar": Page(frozenset({ADMIN, TH})),  # edit, retire, bring back
    "directorio.exportar": Page(frozenset({ADMIN, TH})),
    "directorio.cobertura": Page(frozenset({ADMIN, TH, AUDITOR})),  # counts only, no people
    "directorio.cartel": Page(frozenset({ADMIN, TH})),  # QR poster (campañas.carteles)
    "auditoria": Page(frozenset({ADMIN, AUDITOR}), "Auditoría", "/consola/auditoria", 70),
    "personal": Page(frozenset({ADMIN}), "Personal", "/consola/personal", 80),
    "personal.crear": Page(frozenset({ADMIN})),
    "personal.desactivar": Page(frozenset({ADMIN})),
    "personal.reactivar": Page(frozenset({ADMIN})),
    "personal.rol": Page(frozenset({ADMIN})),
    "personal.clave": Page(frozenset({ADMIN})),  # reset another account's password
    "cuenta": Page(EVERYONE, "Mi cuenta", "/consola/cuenta", 90),
    "cuenta.clave": Page(EVERYONE),
    "salir": Page(EVERYONE),
    "encuestas.retroalimentacion": Page(frozenset({ADMIN, TH, AUDITOR})),
}

# Routes anyone may reach without a session (method, path).
PUBLIC = frozenset({
    ("GET", "/consola/entrar"),
    ("POST", "/consola/entrar"),
    ("GET", "/consola"),
})


def allowed(page: str, role: str) -> bool:
    """True when this role may use this page or action."""
    return role in {r.value for r in PAGES[page].roles}


def navigation(role: str) -> list[tuple[str, str, str]]:
    """The menu for a role: (key, label, path), in order."""
    entries = [(p.order, key, p.nav, p.path) for key, p in PAGES.items()
               if p.nav and p.path and allowed(key, role)]
    return [(key, label, path) for _o, key, label, path in sorted(entries)]
