"""What each module keeps under a person's name, for the bot's /misdatos: one registry.

A module adds a section: an async function of the session, the person's id and the time zone
that returns its lines (Spanish HTML, escaped; "" when it has nothing to say), counted in one
statement. The bot shows the sections in registration order under «A su nombre»;
``api/wiring.py: register_personal_data`` lists them, one line per module.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.services import Key, Services

Section = Callable[[AsyncSession, int, ZoneInfo], Awaitable[str]]
PERSONAL_DATA: Key[PersonalData] = Key("personal_data")


class PersonalData:
    """The sections of /misdatos the modules contribute."""

    def __init__(self) -> None:
        self._sections: list[Section] = []

    def add(self, section: Section) -> None:
        """Add a module's section (once; adding it again changes nothing)."""
        if section not in self._sections:
            self._sections.append(section)

    async def lines(self, session: AsyncSession, person_id: int, tz: ZoneInfo) -> list[str]:
        """Each section's text for this person, leaving out the empty ones."""
        texts = [await section(session, person_id, tz) for section in self._sections]
        return [text for text in texts if text]


def personal_data(services: Services) -> PersonalData:
    """The service's registry of /misdatos sections (created on first use)."""
    return services.setdefault(PERSONAL_DATA, PersonalData)
