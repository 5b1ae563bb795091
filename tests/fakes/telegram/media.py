"""Uploaded files: file_id minting, photo sizes, reuse by file_id, getFile paths."""

from __future__ import annotations

import hashlib
import io
from typing import Any

from PIL import Image, UnidentifiedImageError

from .records import StoredFile
from .spec import UploadedFile
from .state import ApiError, World

_PREFIX = {"photo": "AgACAgEAAxkDAAI", "document": "BQACAgEAAxkDAAI"}


def _store(world: World, kind: str, content: bytes, path: str, mime: str) -> StoredFile:
    """Mint Telegram-shaped ids for ``content`` and keep it under a new file_id."""
    world.file_serial += 1
    n = world.file_serial
    digest = hashlib.blake2b(content[:256] + n.to_bytes(8, "big"), digest_size=18).hexdigest()
    file_id, unique = f"{_PREFIX[kind]}{n:06d}{digest}", f"AQAD{digest[:12]}"
    stored = StoredFile(file_id, unique, content, f"{path}/file_{n}", mime)
    world.files[file_id] = stored
    return stored


def _photo_sizes(world: World, content: bytes, width: int, height: int) -> list[dict[str, Any]]:
    """Store a thumbnail and the full size, each with its own file_id, like Telegram."""
    scale = min(1.0, 90 / max(width, height, 1))
    thumb = (max(1, round(width * scale)), max(1, round(height * scale)))
    group: list[dict[str, Any]] = []
    stored_all = []
    for (w, h), size in ((thumb, max(1, len(content) // 8)), ((width, height), len(content))):
        stored = _store(world, "photo", content, "photos", "image/jpeg")
        stored.file_path += ".jpg"
        stored.width, stored.height = w, h
        stored.api = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
                      "width": w, "height": h, "file_size": size}
        group.append(stored.api)
        stored_all.append(stored)
    for stored in stored_all:
        stored.sizes = group
    return [dict(s) for s in group]


def upload_photo(world: World, upload: UploadedFile) -> list[dict[str, Any]]:
    """Store an uploaded photo and return its PhotoSize list (raises IMAGE_PROCESS_FAILED)."""
    if not upload.content:
        raise ApiError(400, "Bad Request: file must be non-empty")
    try:
        with Image.open(io.BytesIO(upload.content)) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError, ValueError):
        raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED") from None
    world.uploads_count += 1
    return _photo_sizes(world, upload.content, width, height)


def upload_document(world: World, upload: UploadedFile) -> dict[str, Any]:
    """Store an uploaded document and return its Document object."""
    if not upload.content:
        raise ApiError(400, "Bad Request: file must be non-empty")
    world.uploads_count += 1
    mime = upload.content_type or "application/octet-stream"
    stored = _store(world, "document", upload.content, "documents", mime)
    stored.api = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
                  "file_name": upload.filename or "file", "mime_type": mime,
                  "file_size": len(upload.content)}
    return dict(stored.api)


def photo_from_ref(world: World, value: Any) -> list[dict[str, Any]]:
    """Resolve sendPhoto's ``photo``: an upload, a known file_id, or an HTTP URL."""
    if isinstance(value, UploadedFile):
        return upload_photo(world, value)
    stored = world.files.get(value)
    if stored is not None and stored.sizes is not None:
        return [dict(s) for s in stored.sizes]
    if value.startswith(("http://", "https://")):
        return _photo_sizes(world, value.encode(), 800, 600)
    raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")


def document_from_ref(world: World, value: Any) -> dict[str, Any]:
    """Resolve sendDocument's ``document``: an upload or a known file_id."""
    if isinstance(value, UploadedFile):
        return upload_document(world, value)
    stored = world.files.get(value)
    if stored is not None and stored.sizes is None:
        return dict(stored.api)
    if stored is not None:
        raise ApiError(400, "Bad Request: can't use file of type Photo as Document")
    raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
