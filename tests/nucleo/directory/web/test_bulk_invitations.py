"""Invitations in bulk from the directory page (#17): by dependencia and «solo sin vincular»,
a confirmation page with the count, queued through the campaign engine's invitation action,
audited with counts, «en cola» only when they were."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, update

from campañas.models import Delivery, Run
from nucleo.directory.web import messages
from nucleo.models import AuditEntry, Department, Person
from nucleo.services import Services
from tests.fakes.mail import settings_for
from tests.web.console import LoginAs

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


async def directory(services: Services) -> tuple[int, int]:
    """Hacienda: Ana, Beto (linked), Carla (no e-mail), Dora (retired); Salud: Eva."""
    async with services.db.session() as session:
        hacienda, salud = Department(name="Hacienda", normalized_name="hacienda"), \
            Department(name="Salud <b>", normalized_name="salud")
        session.add_all([hacienda, salud])
        await session.flush()
        for name, email, dep, extra in (
                ("Ana", "ana@x.co", hacienda, {}),
                ("Beto", "beto@x.co", hacienda, {"linked_at": NOW}),
                ("Carla", None, hacienda, {}),
                ("Dora", "dora@x.co", hacienda, {"status": "inactiva", "retired_at": NOW}),
                ("Eva", "eva@x.co", salud, {})):
            session.add(Person(full_name=name, email=email, department_id=dep.id,
                               source="directorio", **extra))
        await session.commit()
        return hacienda.id, salud.id


def configure(services: Services, controller) -> None:  # type: ignore[no-untyped-def]
    services.settings = settings_for(services.settings, smtp=controller).model_copy(
        update={"telegram_bot_username": "valor_bot"})
    services.clock = lambda: NOW


async def queued(services: Services) -> list[str]:
    async with services.db.session() as session:
        return sorted((await session.execute(
            select(Person.full_name).join(Delivery, Delivery.person_id == Person.id)))
            .scalars())


async def test_confirm_with_the_count_then_queue_once(login_as: LoginAs, services: Services,
                                                     smtp_server) -> None:
    controller, _inbox = smtp_server
    configure(services, controller)
    hacienda, _salud = await directory(services)
    user = await login_as("talento_humano")
    page = (await user.get("/consola/directorio")).text
    assert 'id="invitar"' in page and messages.BULK_SUBMIT in page
    asked = await user.post("/consola/directorio/invitar", {"dependencia": str(hacienda)})
    assert asked.status_code == 200
    assert ("¿Poner en cola la invitación de 1 persona de la dependencia «Hacienda» que aún no "
            "vincularon un chat?") in asked.text and "Sí, poner en cola 1 invitación" in asked.text
    assert f'name="dependencia" value="{hacienda}"' in asked.text  # carried to the «Sí»
    assert await queued(services) == []  # nothing before the confirmation
    done = await user.post("/consola/directorio/invitar",
                           {"dependencia": str(hacienda), "alcance": "sin_vincular",
                            "confirmado": "1"})
    assert done.status_code == 303
    assert "En cola: 1 invitación." in (await user.get(done.headers["location"])).text
    assert await queued(services) == ["Ana"]
    # Everyone, linked too: Beto and Eva are new; Ana already had today's.
    asked = await user.post("/consola/directorio/invitar", {"alcance": "todas"})
    assert "¿Poner en cola la invitación de 3 personas de todo el directorio, también" \
        in asked.text  # not Carla (no e-mail) nor Dora (retired)
    await user.post("/consola/directorio/invitar", {"alcance": "todas", "confirmado": "1"})
    assert "En cola: 2 invitaciones." in (await user.get("/consola/directorio")).text
    assert await queued(services) == ["Ana", "Beto", "Eva"]
    # Again: nothing new, and it says so (never «quedaron en cola»).
    await user.post("/consola/directorio/invitar", {"alcance": "todas", "confirmado": "1"})
    page = (await user.get("/consola/directorio")).text
    assert messages.BULK_NONE_NEW in page and "En cola:" not in page
    assert len(await queued(services)) == 3
    async with services.db.session() as session:
        entries = (await session.execute(select(AuditEntry).where(
            AuditEntry.action == "directorio.invitar").order_by(AuditEntry.id))).scalars().all()
    assert [e.details["nuevas"] for e in entries] == [1, 2, 0]
    assert all("x.co" not in str(e.details) for e in entries)


async def test_refusals_queue_nothing(login_as: LoginAs, services: Services,
                                      smtp_server) -> None:
    _hacienda, salud = await directory(services)
    services.clock = lambda: NOW
    user = await login_as("talento_humano")
    # Not configured (no SMTP, no bot): the form is not offered and a post is refused.
    page = (await user.get("/consola/directorio")).text
    assert messages.BULK_SUBMIT not in page
    refused = await user.post("/consola/directorio/invitar", {"confirmado": "1"})
    assert refused.status_code == 409 and 'id="invitar-error"' in refused.text
    controller, _inbox = smtp_server
    configure(services, controller)
    for form, status, said in (({"dependencia": "999"}, 422, messages.BULK_NO_DEPARTMENT),
                               ({"dependencia": "abc"}, 400, None)):
        response = await user.post("/consola/directorio/invitar", form)
        assert response.status_code == status, form
        if said:
            assert said in response.text
    async with services.db.session() as session:
        await session.execute(update(Person).where(Person.full_name == "Eva")
                              .values(linked_at=NOW))
        await session.commit()
    nobody = await user.post("/consola/directorio/invitar",
                             {"dependencia": str(salud), "confirmado": "1"})
    assert nobody.status_code == 409 and messages.BULK_NOBODY in nobody.text
    # Today's round cancelled in Campañas: refused, not «en cola».
    await user.post("/consola/directorio/invitar", {"alcance": "todas", "confirmado": "1"})
    async with services.db.session() as session:
        await session.execute(update(Run).values(state="cancelada"))
        await session.commit()
    closed = await user.post("/consola/directorio/invitar", {"alcance": "todas",
                                                             "confirmado": "1"})
    assert closed.status_code == 409 and "En cola:" not in closed.text
    assert await queued(services) == ["Ana", "Beto", "Eva"]
    advisor = await login_as("asesor")
    assert (await advisor.post("/consola/directorio/invitar", {})).status_code == 403
