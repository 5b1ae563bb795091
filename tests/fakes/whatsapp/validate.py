"""The checks Meta's Cloud API applies to a ``/messages`` body (limits from the API reference
for text, reply buttons, lists, images and templates). Each returns the problems found."""

from __future__ import annotations

import re
from typing import Any

TYPES = ("text", "interactive", "image", "template")
TO = re.compile(r"^\+?[0-9]{6,20}$")


def _text(value: Any, name: str, low: int, high: int, problems: list[str]) -> None:
    if not isinstance(value, str) or not low <= len(value) <= high:
        problems.append(f"{name} must be a string of {low}..{high} characters")


def message_problems(body: Any) -> list[str]:
    """What is wrong with a messages request body (empty: valid)."""
    problems: list[str] = []
    if not isinstance(body, dict):
        return ["body must be a JSON object"]
    if body.get("messaging_product") != "whatsapp":
        problems.append("messaging_product must be 'whatsapp'")
    if body.get("recipient_type", "individual") != "individual":
        problems.append("recipient_type must be 'individual'")
    if not isinstance(body.get("to"), str) or not TO.match(body["to"]):
        problems.append("to must be a phone number or WhatsApp id")
    kind = body.get("type", "text")
    if kind not in TYPES:
        return [*problems, f"type {kind!r} is not supported by this double"]
    content = body.get(kind)
    if not isinstance(content, dict):
        return [*problems, f"{kind} object is required"]
    if kind == "text":
        _text(content.get("body"), "text.body", 1, 4096, problems)
    elif kind == "image":
        if ("id" in content) == ("link" in content):
            problems.append("image needs exactly one of id or link")
        if "caption" in content:
            _text(content["caption"], "image.caption", 1, 1024, problems)
    elif kind == "template":
        _text(content.get("name"), "template.name", 1, 512, problems)
        if not isinstance(content.get("language"), dict) or not content["language"].get("code"):
            problems.append("template.language.code is required")
        problems += _template_components(content.get("components", []))
    else:
        problems += _interactive(content)
    return problems


def _template_components(components: Any) -> list[str]:
    """Body parameters as Meta checks them (error 132018 otherwise): text of 1..1024
    characters without line breaks, tabs or more than four spaces in a row."""
    if not isinstance(components, list):
        return ["template.components must be a list"]
    problems: list[str] = []
    for component in components:
        if not isinstance(component, dict) or component.get("type") not in (
                "header", "body", "button"):
            problems.append("template component needs a type header, body or button")
            continue
        for parameter in component.get("parameters", []):
            if not isinstance(parameter, dict) or parameter.get("type") != "text":
                if component["type"] == "body":
                    problems.append("template body parameters must be of type text")
                continue
            text = parameter.get("text")
            _text(text, "template parameter text", 1, 1024, problems)
            if isinstance(text, str) and (re.search(r"[\n\t]", text) or "     " in text):
                problems.append("template parameter text has a line break, a tab or more "
                                "than four spaces in a row")
    return problems


def _interactive(content: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    kind = content.get("type")
    body = content.get("body")
    action = content.get("action")
    if not isinstance(body, dict) or not isinstance(action, dict):
        return ["interactive.body and interactive.action are required"]
    if "footer" in content:
        _text((content["footer"] or {}).get("text"), "footer.text", 1, 60, problems)
    if kind == "button":
        _text(body.get("text"), "body.text", 1, 1024, problems)
        buttons = action.get("buttons")
        if not isinstance(buttons, list) or not 1 <= len(buttons) <= 3:
            return [*problems, "action.buttons must hold 1..3 buttons"]
        ids, titles = [], []
        for button in buttons:
            reply = button.get("reply") if isinstance(button, dict) else None
            if not isinstance(button, dict) or button.get("type") != "reply" or not isinstance(
                    reply, dict):
                problems.append("each button must be {type: reply, reply: {id, title}}")
                continue
            _text(reply.get("id"), "button id", 1, 256, problems)
            _text(reply.get("title"), "button title", 1, 20, problems)
            ids.append(reply.get("id"))
            titles.append(reply.get("title"))
        if len(set(ids)) != len(ids) or len(set(titles)) != len(titles):
            problems.append("button ids and titles must be unique")
    elif kind == "list":
        _text(body.get("text"), "body.text", 1, 4096, problems)
        _text(action.get("button"), "action.button", 1, 20, problems)
        sections = action.get("sections")
        if not isinstance(sections, list) or not 1 <= len(sections) <= 10:
            return [*problems, "action.sections must hold 1..10 sections"]
        rows = [r for s in sections if isinstance(s, dict) for r in s.get("rows") or []]
        if not 1 <= len(rows) <= 10:
            problems.append("a list holds 1..10 rows in all")
        for section in sections:
            if len(sections) > 1 or "title" in section:
                _text(section.get("title"), "section.title", 1, 24, problems)
        for row in rows:
            if not isinstance(row, dict):
                problems.append("each row must be an object")
                continue
            _text(row.get("id"), "row.id", 1, 200, problems)
            _text(row.get("title"), "row.title", 1, 24, problems)
            if "description" in row:
                _text(row["description"], "row.description", 1, 72, problems)
        ids = [r.get("id") for r in rows if isinstance(r, dict)]
        if len(set(ids)) != len(ids):
            problems.append("row ids must be unique")
    else:
        problems.append(f"interactive.type {kind!r} is not supported by this double")
    return problems
