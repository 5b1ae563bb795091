import logging

import pytest
from pydantic import SecretStr

from api.app import prepare_database
from nucleo.db import Database
from nucleo.services import Services
from nucleo.settings import Settings


async def test_a_refused_first_admin_is_logged_without_the_address(
        settings: Settings, db: Database, caplog: pytest.LogCaptureFixture) -> None:
    address = "ana.perez-no-valido"
    settings = settings.model_copy(update={"admin_email": address,
                                           "admin_password": SecretStr("Xq7!vento-Paramo-93")})
    with caplog.at_level(logging.INFO):
        await prepare_database(Services(settings=settings, db=db))
    refused = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert refused and "VALOR_ADMIN_EMAIL" in refused[0]
    assert not any(address in r.getMessage() for r in caplog.records)
