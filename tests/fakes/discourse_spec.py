"""Check requests (and our canned answers) against Discourse's published OpenAPI file.

The file is read at test time from ``shared/specs/discourse-openapi.json`` (found by walking
up from this repository, or from ``VALOR_SPECS_DIR``); when it is absent the checks are skipped
and ``skip_reason`` says why. Known gaps of the file (see ``shared/specs/README.md``) are
allowed by extending a private copy of the schema, never the file itself: see ``_GAPS``.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

SPEC_NAME = "discourse-openapi.json"

_TAG_ITEMS = {"anyOf": [
    {"type": "string"},
    {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
     "required": ["name"]},
]}


def find_spec(name: str = SPEC_NAME) -> Path | None:
    """Locate a shared spec file, or None."""
    configured = os.environ.get("VALOR_SPECS_DIR")
    candidates = [Path(configured) / name] if configured else []
    for parent in Path(__file__).resolve().parents:
        candidates.append(parent / "shared" / "specs" / name)
    return next((path for path in candidates if path.is_file()), None)


def _posts_create(schema: dict[str, Any]) -> None:
    # posts_controller.rb#create_params accepts more than the rswag spec lists.
    schema["properties"].update({
        "tags": {"type": "array", "items": _TAG_ITEMS},
        "tags[]": {"type": "array", "items": {"type": "string"}},
        "skip_validations": {"type": "boolean"},
        "import_mode": {"type": "boolean"},
        "is_warning": {"type": "boolean"},
        "no_bump": {"type": "boolean"},
        "unlist_topic": {"type": "boolean"},
        "visible": {"type": "boolean"},
        "whisper": {"type": "boolean"},
        "nested_post": {"type": "boolean"},
        "typing_duration_msecs": {"type": "integer"},
        "composer_open_duration_msecs": {"type": "integer"},
    })


def _topic_update(schema: dict[str, Any]) -> None:
    # topics_controller.rb#update reads top-level title/category_id/tags (its own request spec
    # sends {"title": ...}); the file documents a nested "topic" object. We also close the object
    # (the real server ignores unknown keys) so a misspelt field is reported instead of lost.
    schema.setdefault("properties", {}).update({
        "title": {"type": "string"},
        "category_id": {"type": "integer"},
        "tags": {"type": "array", "items": _TAG_ITEMS},
        "featured_link": {"type": "string"},
    })
    schema["additionalProperties"] = False


_GAPS = {("POST", "/posts.json"): _posts_create, ("PUT", "/t/-/{id}.json"): _topic_update}
# /t/external_id/{id}.json redirects to the slug form of the topic URL, which the file omits.
_ALIASES = {("GET", "/t/{slug}/{id}.json"): ("GET", "/t/{id}.json")}


@functools.lru_cache(maxsize=4)
def _read(path: str) -> dict[str, Any]:
    """The parsed file, read once per test session (it is never modified)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Operation:
    """One documented method + path template."""

    method: str
    template: str
    spec: dict[str, Any]


def skeleton(schema: dict[str, Any]) -> Any:
    """The smallest value that satisfies ``schema`` (null where allowed, empty otherwise)."""
    if "enum" in schema:
        return schema["enum"][0]
    if "anyOf" in schema:
        return skeleton(schema["anyOf"][0])
    kinds = schema.get("type", "object" if "properties" in schema else "null")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "null" in kinds:
        return None
    kind = kinds[0]
    if kind == "object":
        props = schema.get("properties", {})
        return {key: skeleton(props.get(key, {})) for key in schema.get("required", [])}
    return {"array": [], "string": "", "integer": 0, "number": 0, "boolean": False}.get(kind)


def conform(schema: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """``values`` laid over the schema's skeleton, keeping only keys whose values it accepts."""
    result = skeleton(schema) or {}
    props = schema.get("properties", {})
    for key, value in values.items():
        if (key in props and Draft202012Validator(props[key]).is_valid(value)) or (key not in props and schema.get("additionalProperties", True) is not False):
            result[key] = value
    return result


class DiscourseSpec:
    """The operations of the OpenAPI file, with local allowances for its known gaps."""

    def __init__(self, path: Path | None = None) -> None:
        found = path if path is not None else find_spec()
        self.path = found if found is not None and found.is_file() else None
        self.skip_reason = None if self.path else f"{SPEC_NAME} not found (set VALOR_SPECS_DIR)"
        self._operations: list[tuple[re.Pattern[str], Operation]] = []
        if self.path:
            self._load(_read(str(self.path)))

    @property
    def available(self) -> bool:
        """Whether the file was found and checks run."""
        return self.path is not None

    def _load(self, document: dict[str, Any]) -> None:
        ops = []
        for template, methods in document["paths"].items():
            for method, spec in methods.items():
                fix = _GAPS.get((method.upper(), template))
                spec = copy.deepcopy(spec) if fix else spec
                schema = spec.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
                if fix and schema is not None:
                    fix(schema)
                ops.append(Operation(method.upper(), template, spec))
        by_key = {(op.method, op.template): op for op in ops}
        for (method, template), target in _ALIASES.items():
            ops.append(Operation(method, template, by_key[target].spec))
        ops.sort(key=lambda op: (op.template.count("{"), -len(op.template)))
        for op in ops:
            pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(op.template))
            if (op.method, op.template) in _ALIASES:
                pattern = pattern.replace("(?P<id>[^/]+)", r"(?P<id>\d+)")
            self._operations.append((re.compile(f"^{pattern}$"), op))

    def match(self, method: str, path: str) -> tuple[Operation, dict[str, str]] | None:
        """The documented operation for a request and its path parameters."""
        for pattern, op in self._operations:
            found = pattern.match(path)
            if found and op.method == method:
                return op, found.groupdict()
        return None

    def check_request(self, method: str, path: str, headers: dict[str, str], body: Any,
                      content_type: str) -> list[str]:
        """Violations of the spec by one request (empty when it conforms or checks are off)."""
        if not self.available:
            return []
        matched = self.match(method, path)
        if matched is None:
            return [f"{method} {path}: endpoint not in the OpenAPI file"]
        op, params = matched
        where = f"{method} {op.template}"
        problems = []
        lowered = {k.lower() for k in headers}
        for param in op.spec.get("parameters", []):
            if param["in"] == "header" and param.get("required") and param["name"].lower() not in lowered:
                problems.append(f"{where}: missing header {param['name']}")
            if (param["in"] == "path" and param.get("schema", {}).get("type") == "integer"
                    and not params.get(param["name"], "").isdigit()):
                problems.append(f"{where}: path parameter {param['name']} must be an integer")
        request_body = op.spec.get("requestBody")
        if request_body is None:
            if body not in (None, b"", {}):
                problems.append(f"{where}: sends a body the operation does not take")
            return problems
        content = request_body.get("content", {})
        media = content_type.split(";")[0].strip().lower()
        if body is not None and media not in content:
            problems.append(f"{where}: content type {media or 'none'} not in {sorted(content)}")
            return problems
        schema = content.get("application/json", {}).get("schema")
        if schema is not None:
            for error in sorted(Draft202012Validator(schema).iter_errors(body if body is not None else {}),
                                key=lambda e: e.json_path):
                problems.append(f"{where}: {error.json_path}: {error.message}")
        return problems

    def _operation(self, method: str, template: str) -> Operation | None:
        return next((o for _, o in self._operations if o.method == method and o.template == template), None)

    def response_schema(self, method: str, template: str, status: int = 200) -> dict[str, Any]:
        """The documented JSON schema of a response ({} when undocumented or checks are off)."""
        op = self._operation(method, template)
        response = op.spec.get("responses", {}).get(str(status), {}) if op else {}
        return response.get("content", {}).get("application/json", {}).get("schema", {})

    def check_response(self, method: str, template: str, status: int, body: Any) -> list[str]:
        """Violations of the documented response schema by one of our canned answers."""
        schema = self.response_schema(method, template, status)
        if not schema:
            return []
        return [f"response {method} {template} {status}: {e.json_path}: {e.message}"
                for e in Draft202012Validator(schema).iter_errors(body)]
