"""The bot's built-in flows and commands (other packages add theirs to the same registry)."""

from __future__ import annotations

from bot import messages
from bot.core.flow import Command, FlowRegistry, StartRoute
from nucleo.directory.link import START_PREFIX as INVITATION_PREFIX
from nucleo.staff import TELEGRAM_START_PREFIX as STAFF_PREFIX


def register_builtin(registry: FlowRegistry) -> None:
    """Add the built-in flows, the commands (in the order /ayuda lists them) and the hooks."""
    from bot.flows import (
        consulta,
        datos,
        menu,
        onboarding,
        reaccion,
        sugerencia,
        suscripcion,
        valor,
        vinculo,
    )

    for flow in (onboarding.FLOW, menu.FLOW, datos.FLOW, suscripcion.FLOW, consulta.FLOW,
                 sugerencia.FLOW, reaccion.FLOW, vinculo.FLOW):
        registry.add(flow)
    d = messages.COMMAND_DESCRIPTIONS
    for name, handler in (
        ("start", onboarding.start_command),
        ("menu", menu.menu_command),
        ("valor", valor.command),
        ("sugerencia", sugerencia.command),
        ("missugerencias", sugerencia.list_mine),
        ("portal", sugerencia.portal_link),
        ("encuesta", menu.survey_command),
        ("respuesta", consulta.read_answer),
        ("misdatos", datos.show_command),
        ("olvidarme", datos.forget_command),
        ("vincular", vinculo.command),
        ("baja", suscripcion.unsubscribe_command),
        ("alta", suscripcion.subscribe_command),
        ("cancelar", menu.cancel_command),
        ("ayuda", menu.help_command),
    ):
        registry.add_command(Command(name, handler, d.get(name)))
    registry.add_command(Command("help", menu.help_command))
    # /start doors by prefix (the web chat's /chat?v= too); bot.sesiones adds «a».
    registry.add_start(StartRoute(INVITATION_PREFIX, vinculo.start_invitation))
    registry.add_start(StartRoute(STAFF_PREFIX, onboarding.link_staff_chat, web=False))
    registry.on_free_text(consulta.ask)
    registry.on_unknown_button(reaccion.react)
