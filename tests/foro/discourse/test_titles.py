"""Titles, bodies, tags and external ids that Discourse's validators accept."""

from __future__ import annotations

import pytest

from foro.discourse.titles import (
    MAX_POST_LENGTH,
    MAX_TITLE_LENGTH,
    MAX_TITLE_WORD_LENGTH,
    MIN_POST_LENGTH,
    MIN_TITLE_ENTROPY,
    MIN_TITLE_LENGTH,
    clean_tag,
    is_valid_external_id,
    safe_body,
    safe_title,
)

NASTY = ["", "   \n\t ", "hola", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "¡¡¡MÁS TRANSPARENCIA YA!!!",
         "x" * 50_000, "palabra" * 20 + " corta", "<script>alert('x')</script>", "[enlace](javascript:alert(1))",
         "🙂🙂🙂", "e\u0301tica\u200b en lo pu\u0301blico", "línea uno\nlínea dos", "\x00\x07control", "1234567890",
         "Ñ" * 300, "# Título en markdown **negrita**"]


@pytest.mark.parametrize("text", NASTY)
@pytest.mark.parametrize("reference", [None, "#42"])
def test_safe_title_always_passes_discourse_rules(text, reference):
    title = safe_title(text, reference=reference)
    assert MIN_TITLE_LENGTH <= len(title) <= MAX_TITLE_LENGTH
    assert len(set(title)) >= MIN_TITLE_ENTROPY
    assert max(len(word) for word in title.split()) <= MAX_TITLE_WORD_LENGTH
    assert not (title == title.upper() and title != title.lower())
    assert "<" not in title and ">" not in title and "\n" not in title
    if reference:
        assert title.endswith(f"({reference})")


def test_safe_title_keeps_a_good_first_line():
    assert safe_title("Publicar las actas del comité cada mes\nporque…") == "Publicar las actas del comité cada mes"


def test_safe_title_calms_shouting_and_repeated_marks():
    assert safe_title("¡¡¡MÁS TRANSPARENCIA EN CONTRATOS!!!") == "¡Más transparencia en contratos!"


def test_safe_title_pads_short_and_replaces_empty():
    assert safe_title("hola") == "Sugerencia: Hola"
    assert safe_title("") == "Sugerencia para El Valor Soy Yo"


def test_safe_title_normalises_unicode():
    assert safe_title("e\u0301tica en lo pu\u0301blico y lo privado") == "Ética en lo público y lo privado"


@pytest.mark.parametrize("text", NASTY)
def test_safe_body_fits_post_bounds(text):
    body = safe_body(text)
    assert len(body.strip()) >= MIN_POST_LENGTH and len(body) <= MAX_POST_LENGTH


def test_safe_body_says_when_it_cut():
    body = safe_body("palabra " * 10_000)
    assert body.endswith("Talento Humano.)_") and len(body) <= MAX_POST_LENGTH


def test_safe_body_keeps_normal_text():
    text = "Propongo publicar las actas del comité.\n\nGracias."
    assert safe_body(text) == text


@pytest.mark.parametrize(("name", "expected"), [
    ("Honestidad", "honestidad"), ("En análisis", "en-análisis"), ("No adoptada", "no-adoptada"),
    ("respeto/justicia!!", "respeto-justicia"), ("a" * 40, "a" * 20), ("   ", ""), ("<b>x</b>", "b-x-b"),
])
def test_clean_tag(name, expected):
    assert clean_tag(name) == expected


@pytest.mark.parametrize(("value", "ok"), [
    ("valor-sugerencia-42", True), ("A_b-9", True), ("a" * 50, True), ("a" * 51, False), ("", False),
    ("con espacio", False), ("ñ", False), ("x.y", False), (None, False), (42, False),
])
def test_is_valid_external_id(value, ok):
    assert is_valid_external_id(value) is ok
