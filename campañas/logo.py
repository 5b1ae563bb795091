"""The entity's logo or coat of arms, drawn in the footer of the generated cards.

One file under the data folder (``campaigns/logo.png``, replaced atomically, so every process
that shares the folder sees the same one): an uploaded PNG, JPEG or WebP is checked like a
piece's image, shrunk to ``MAX_SIDE`` pixels and kept as PNG (transparency too). Cards already
generated keep the logo they were drawn with; new ones take the current one.

The file follows the audit: an upload is written to a temporary file beside the logo first
(where a full disk fails, before anything is recorded), and only after the audit row commits
is it renamed over the logo; a failed commit removes it. Removing the logo deletes the file
after its audit row commits too. No file for an aborted change. The one gap left: when the rename
itself fails after the commit (the folder turned read-only), the temporary file is removed and
the failure logged, and the row ``campaign.logo_set`` stays without its file (the old logo, if
any, is still drawn).

Two changes whose commits cross: a removal deletes only the file it saw (same inode and change
time), so a logo uploaded between its commit and its effect stays. Two uploads that cross keep
whichever was renamed last.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
from pathlib import Path

from PIL import Image
from sqlalchemy.ext.asyncio import AsyncSession

from campañas.images import stage_whole, validate_image
from nucleo import audit
from nucleo.db import after_commit, commit
from nucleo.models import StaffAccount
from nucleo.settings import Settings

log = logging.getLogger(__name__)
LOGO_FILE = Path("campaigns") / "logo.png"
MAX_SIDE = 400  # the footer draws it at most ~100 px high; twice that and some room


def logo_path(settings: Settings) -> Path:
    return Path(settings.data_dir) / LOGO_FILE


def _normalised(data: bytes) -> bytes:
    """Check the upload (format, size, geometry: ``validate_image``) and keep a small PNG."""
    checked = validate_image(data)
    with Image.open(io.BytesIO(checked.data)) as image:
        small = image.convert("RGBA")
    small.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()


async def save_logo(session: AsyncSession, settings: Settings, data: bytes, *,
                    actor: StaffAccount | None = None) -> None:
    """Keep ``data`` as the entity's logo (InvalidInput in Spanish for a bad image), audited."""
    png = await asyncio.to_thread(_normalised, data)
    target = logo_path(settings)
    staged = await asyncio.to_thread(stage_whole, target, png)

    async def put_in_place() -> None:
        try:
            await asyncio.to_thread(os.replace, staged, target)
        except OSError as exc:  # logged here, not re-raised: the audit row is already saved
            staged.unlink(missing_ok=True)
            log.error("the new logo could not be put in place (%s); its audit row stands",
                      type(exc).__name__)

    try:
        audit.record(session, actor, "campaign.logo_set", details={"bytes": len(png)})
        after_commit(session, put_in_place)
        await commit(session)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise


async def remove_logo(session: AsyncSession, settings: Settings, *,
                      actor: StaffAccount | None = None) -> bool:
    """Stop drawing a logo on new cards (the file goes once the audit row commits); False
    when there was none."""
    path = logo_path(settings)
    seen = _stamp(path)
    if seen is None:
        return False

    def take_away() -> None:
        if _stamp(path) == seen:  # not a logo uploaded since (a rename makes a new inode)
            path.unlink(missing_ok=True)

    audit.record(session, actor, "campaign.logo_removed")
    after_commit(session, take_away)
    await commit(session)
    return True


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What tells this file from a later one put in its place: inode, size and change time."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return status.st_ino, status.st_size, status.st_ctime_ns


def load_logo(settings: Settings) -> Image.Image | None:
    """The current logo (RGBA), or None. Read on every card: a change shows at once."""
    try:
        with Image.open(logo_path(settings)) as image:
            return image.convert("RGBA")
    except (FileNotFoundError, OSError):
        return None
