"""The sessions' /misdatos section: the sessions the person attended."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot import messages as bot_messages
from bot.sesiones import actions, messages
from nucleo.formats import datetime_text


async def section(session: AsyncSession, person_id: int, tz: ZoneInfo) -> str:
    """The sessions attended, with their date ("" when none)."""
    attended = await actions.attended_by(session, person_id)
    if not attended:
        return ""
    return messages.MY_ATTENDANCE.format(lines="\n".join(
        messages.MY_ATTENDANCE_LINE.format(title=bot_messages.escape(title), when=datetime_text(when, tz))
        for title, when in attended))
