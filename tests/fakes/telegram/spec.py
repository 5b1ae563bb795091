"""Validate Bot API requests against the published machine-readable spec.

The spec (``telegram-bot-api.json``, a scrape of core.telegram.org/bots/api) lists for every
method and type its fields with ``name``, ``types`` and ``required``. A request is valid when
every required field is present, no unknown field appears, and every value matches one of the
declared types. Nested objects are checked recursively against their type's fields.

Values arrive in two shapes:
- form values (urlencoded or multipart, what python-telegram-bot sends): every value is a string;
  ``Integer``/``Float``/``Boolean`` are parsed from it, objects and arrays are JSON-serialized.
- JSON bodies: values must have the matching JSON type; objects and arrays may also be
  JSON-serialized strings (Telegram accepts both).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_SPEC_PATH = Path("/work/shared/specs/telegram-bot-api.json")

_INT_RE = re.compile(r"-?\d+\Z")
_TRUE = frozenset({"true", "1"})
_FALSE = frozenset({"false", "0"})
_ARRAY = "Array of "
_ATTACH = "attach://"


class Mismatch(Exception):
    """A value does not match a declared type."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One declared field: its accepted types and whether it is required."""

    name: str
    types: tuple[str, ...]
    required: bool


@dataclass(frozen=True, slots=True)
class UploadedFile:
    """A file part of a multipart request, as seen by validation and handlers."""

    field: str
    filename: str
    content: bytes
    content_type: str


def _compile(fields: list[dict[str, Any]]) -> dict[str, FieldSpec]:
    return {
        f["name"]: FieldSpec(f["name"], tuple(f["types"]), bool(f["required"])) for f in fields
    }


def _parse(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


@functools.lru_cache(maxsize=4)
def _read(path: str) -> SpecValidator:
    return SpecValidator(_parse(path))


class SpecValidator:
    """Checks requests against the spec; field tables are compiled once per method and type."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.version: str = spec.get("version", "?")
        self._methods = {name: _compile(m.get("fields", [])) for name, m in spec["methods"].items()}
        self._canonical = {name.lower(): name for name in self._methods}
        self._types = {name: _compile(t.get("fields", [])) for name, t in spec["types"].items()}
        self._subtypes = {
            name: tuple(t["subtypes"]) for name, t in spec["types"].items() if t.get("subtypes")
        }

    @classmethod
    def from_file(cls, path: Path | str = DEFAULT_SPEC_PATH) -> SpecValidator:
        """The validator of the spec JSON file at ``path``: read once per test process (a
        900 kB file, 80 ms of CPU, and every Telegram double of every test reads it), since the
        file is never modified and a validator is only read from."""
        return _read(str(path)) if cls is SpecValidator else cls(_parse(str(path)))

    def canonical_method(self, name: str) -> str | None:
        """Return the spec's spelling of a method (Bot API methods are case-insensitive)."""
        return self._canonical.get(name.lower())

    def validate(
        self,
        method: str,
        params: dict[str, Any],
        files: dict[str, UploadedFile],
        *,
        form: bool,
    ) -> tuple[dict[str, Any], list[str]]:
        """Return the params with parsed values and the list of problems found."""
        fields = self._methods[method]
        problems: list[str] = []
        out: dict[str, Any] = {}
        used_files: set[str] = set()
        for name, value in params.items():
            spec = fields.get(name)
            if spec is None:
                problems.append(f"unknown field '{name}'")
                continue
            try:
                out[name] = self._match_any(value, spec.types, form, files, used_files, name)
            except Mismatch as exc:
                problems.append(f"field '{name}': {exc}")
        for name, upload in files.items():
            spec = fields.get(name)
            if name in params or spec is None or "InputFile" not in spec.types:
                continue
            out[name] = upload
            used_files.add(name)
        for name, spec in fields.items():
            if spec.required and name not in params and name not in out:
                problems.append(f"required field '{name}' is missing")
        for name in files.keys() - used_files:
            problems.append(f"file part '{name}' is neither a field nor referenced by attach://")
        return out, problems

    def _match_any(
        self,
        value: Any,
        types: tuple[str, ...],
        form: bool,
        files: dict[str, UploadedFile],
        used: set[str],
        where: str,
    ) -> Any:
        errors = []
        for texpr in types:
            try:
                return self._match(value, texpr, form, files, used, where)
            except Mismatch as exc:
                errors.append(str(exc))
        if len(errors) == 1:
            raise Mismatch(errors[0])
        raise Mismatch(f"matches none of {' | '.join(types)} ({'; '.join(errors)})")

    def _match(
        self,
        value: Any,
        texpr: str,
        form: bool,
        files: dict[str, UploadedFile],
        used: set[str],
        where: str,
    ) -> Any:
        if texpr == "String":
            if isinstance(value, str):
                return value
            raise Mismatch(f"expected String, got {type(value).__name__}")
        if texpr == "Integer":
            if form and isinstance(value, str) and _INT_RE.match(value):
                return int(value)
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            raise Mismatch(f"expected Integer, got {value!r:.40}")
        if texpr == "Float":
            if form and isinstance(value, str):
                try:
                    return float(value)
                except ValueError:
                    pass
            elif isinstance(value, int | float) and not isinstance(value, bool):
                return value
            raise Mismatch(f"expected Float, got {value!r:.40}")
        if texpr == "Boolean":
            if form and isinstance(value, str) and value.lower() in _TRUE | _FALSE:
                return value.lower() in _TRUE
            if isinstance(value, bool):
                return value
            raise Mismatch(f"expected Boolean, got {value!r:.40}")
        if texpr == "InputFile":
            if isinstance(value, str) and value.startswith(_ATTACH):
                part = value[len(_ATTACH) :]
                if part in files:
                    used.add(part)
                    return files[part]
                raise Mismatch(f"'{value}' names no file part")
            raise Mismatch("expected an uploaded file (InputFile)")
        if texpr.startswith(_ARRAY):
            value = self._decode(value, list, texpr)
            inner = (texpr[len(_ARRAY) :],)
            return [
                self._match_any(item, inner, False, files, used, f"{where}[{i}]")
                for i, item in enumerate(value)
            ]
        return self._match_object(value, texpr, files, used)

    def _decode(self, value: Any, kind: type, texpr: str) -> Any:
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise Mismatch(f"expected {texpr} as JSON, got {value!r:.40}") from None
        if not isinstance(value, kind):
            raise Mismatch(f"expected {texpr}, got {type(value).__name__}")
        return value

    def _match_object(
        self, value: Any, type_name: str, files: dict[str, UploadedFile], used: set[str]
    ) -> Any:
        if type_name in self._subtypes:
            return self._match_any(value, self._subtypes[type_name], False, files, used, type_name)
        fields = self._types.get(type_name)
        if fields is None:
            raise Mismatch(f"unknown type {type_name}")
        obj = self._decode(value, dict, type_name)
        for name, item in obj.items():
            spec = fields.get(name)
            if spec is None:
                raise Mismatch(f"unknown field '{name}' in {type_name}")
            self._match_any(item, spec.types, False, files, used, f"{type_name}.{name}")
        for name, spec in fields.items():
            if spec.required and name not in obj:
                raise Mismatch(f"{type_name} lacks required field '{name}'")
        return obj
