"""Mobile numbers of the directory (#17): stored in E.164 (``+573001234567``), read in whatever
form HR or a Telegram contact gives them, Colombia assumed when no country code is written.

``normalize_mobile`` raises ``ValueError`` with a Spanish reason; ``match_mobile`` finds the
active person a number (in any form) belongs to, ``find_by_mobile`` one already in E.164;
``has_mobiles`` tells the bot whether offering «Compartir mi número» makes sense at all.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.directory import messages
from nucleo.models import Person, PersonStatus

DEFAULT_REGION = "CO"
MAX_RAW = 32  # longer than any written phone number, separators included
_ALLOWED = re.compile(r"^[0-9+()\s.\-/]+$")
_MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


def normalize_mobile(raw: str, region: str = DEFAULT_REGION) -> str:
    """The E.164 form of a mobile number, or ``ValueError`` with a Spanish reason.

    Accepts «300 123 4567», «(300) 123-4567», «+57 300 1234567», «573001234567» and a
    Telegram contact's «573001234567»; refuses letters, numbers too long or too short, fixed
    lines and numbers that are not valid in their country."""
    text = raw.strip()
    shown = text[:40]
    if not text:
        raise ValueError(messages.MOBILE_EMPTY)
    if len(text) > MAX_RAW or not _ALLOWED.match(text):
        raise ValueError(messages.MOBILE_BAD.format(value=shown))
    digits = re.sub(r"\D", "", text)
    if not 7 <= len(digits) <= 15:
        raise ValueError(messages.MOBILE_BAD.format(value=shown))
    # Telegram sends contacts without «+»: 12 digits starting with 57 are Colombian E.164.
    if not text.startswith("+") and len(digits) == 12 and digits.startswith("57"):
        text = "+" + digits
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        raise ValueError(messages.MOBILE_BAD.format(value=shown)) from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(messages.MOBILE_BAD.format(value=shown))
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise ValueError(messages.MOBILE_NOT_MOBILE.format(value=shown))
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def try_normalize(raw: str | None, region: str = DEFAULT_REGION) -> str | None:
    """``normalize_mobile`` that answers None for anything it would refuse."""
    if not raw:
        return None
    try:
        return normalize_mobile(raw, region)
    except ValueError:
        return None


def contact_mobile(phone: str) -> str | None:
    """The E.164 form of a Telegram contact's number, which always carries its country code
    but usually without «+» («573001234567»); None when it is not a valid mobile."""
    text = phone.strip()
    if not text:
        return None
    return try_normalize(text if text.startswith("+") else "+" + text)


def mask_mobile(e164: str | None) -> str | None:
    """A number shown to its owner without spelling it out: «*** ***4567»."""
    if not e164 or len(e164) < 8:
        return None
    return f"*** ***{e164[-4:]}"


def national_form(e164: str | None, region: str = DEFAULT_REGION) -> str:
    """How people write the number at home: «300 1234567» for Colombia, international form
    («+1 202-555-0143») for a foreign number; "" for none."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


async def match_mobile(session: AsyncSession, raw: str,
                       region: str = DEFAULT_REGION) -> Person | None:
    """The active directory person whose mobile is ``raw`` (in any accepted form), or None."""
    e164 = try_normalize(raw, region)
    return await find_by_mobile(session, e164) if e164 is not None else None


async def find_by_mobile(session: AsyncSession, e164: str) -> Person | None:
    """The active directory person whose mobile is ``e164`` (already normalised), or None."""
    return await session.scalar(select(Person).where(
        Person.mobile == e164, Person.status == PersonStatus.ACTIVA.value))


async def has_mobiles(session: AsyncSession) -> bool:
    """Whether any active directory person has a mobile number."""
    return await session.scalar(select(Person.id).where(
        Person.mobile.is_not(None), Person.status == PersonStatus.ACTIVA.value).limit(1)) is not None
