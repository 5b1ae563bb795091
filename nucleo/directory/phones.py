"""Mobile numbers of the directory (#17): stored in E.164 (``+573001234567``), read in whatever
form HR or a Telegram contact gives them, Colombia assumed when no country code is written.

``normalize_mobile`` raises ``ValueError`` with a Spanish reason (``try_normalize`` answers
None instead). Digits without «+» are read two ways: typed by HR (edit, imported sheet) they
are a Colombian number or nothing; from a chat (a Telegram contact, a WhatsApp sender:
``with_country_code=True``) they carry their country code. ``find_by_mobile`` finds the active person a number in
E.164 belongs to; ``has_mobiles`` tells the bot whether offering «Compartir mi número» makes
sense at all.
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


def normalize_mobile(raw: str, region: str = DEFAULT_REGION, *,
                     with_country_code: bool = False) -> str:
    """The E.164 form of a mobile number, or ``ValueError`` with a Spanish reason.

    Accepts «300 123 4567», «(300) 123-4567», «+57 300 1234567» and «573001234567»;
    refuses letters, numbers too long or too short, fixed lines and numbers that are not valid
    in their country.

    Digits without «+» are a number of ``region`` (libphonenumber also recognises the region's
    own country code in front, «573001234567»): a typo in HR's «316 123 45678» is refused, not
    read as a Dutch number. With ``with_country_code`` (a Telegram contact, a WhatsApp sender:
    they always carry it, without «+», «12025550143») they are read as ``+digits`` first, and
    as a number of ``region`` when that is not a valid mobile."""
    text = raw.strip()
    shown = text[:40]
    if not text:
        raise ValueError(messages.MOBILE_EMPTY)
    if len(text) > MAX_RAW or not _ALLOWED.match(text):
        raise ValueError(messages.MOBILE_BAD.format(value=shown))
    digits = re.sub(r"\D", "", text)
    if not 7 <= len(digits) <= 15:
        raise ValueError(messages.MOBILE_BAD.format(value=shown))
    readings = [_parse(text, region)]
    if with_country_code and not text.startswith("+"):
        readings.insert(0, _parse("+" + digits))
    valid = [n for n in readings if n is not None and phonenumbers.is_valid_number(n)]
    if not valid:
        raise ValueError(messages.MOBILE_BAD.format(value=shown))
    # The first reading that is a mobile: «3212345678» from a chat is a valid Belgian fixed
    # line as «+32…», and a Colombian mobile as written.
    number = next((n for n in valid if phonenumbers.number_type(n) in _MOBILE_TYPES), None)
    if number is None:
        raise ValueError(messages.MOBILE_NOT_MOBILE.format(value=shown))
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _parse(text: str, region: str | None = None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(text, region)
    except NumberParseException:
        return None


def try_normalize(raw: str | None, region: str = DEFAULT_REGION, *,
                  with_country_code: bool = False) -> str | None:
    """``normalize_mobile`` that answers None for anything it would refuse."""
    if not raw:
        return None
    try:
        return normalize_mobile(raw, region, with_country_code=with_country_code)
    except ValueError:
        return None


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


async def find_by_mobile(session: AsyncSession, e164: str) -> Person | None:
    """The active directory person whose mobile is ``e164`` (already normalised), or None."""
    return await session.scalar(select(Person).where(
        Person.mobile == e164, Person.status == PersonStatus.ACTIVA.value))


async def match_mobile(session: AsyncSession, raw: str | None) -> Person | None:
    """The active person a number given by a chat (a Telegram contact, a WhatsApp sender)
    belongs to: read with its country code, then one indexed lookup."""
    e164 = try_normalize(raw, with_country_code=True)
    return await find_by_mobile(session, e164) if e164 is not None else None


async def has_mobiles(session: AsyncSession) -> bool:
    """Whether any active directory person has a mobile number."""
    return await session.scalar(select(Person.id).where(
        Person.mobile.is_not(None), Person.status == PersonStatus.ACTIVA.value).limit(1)) is not None
