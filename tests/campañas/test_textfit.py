"""Tests for campañas.textfit: wrapping by measured width, shrinking and ellipsizing."""

import pytest

from campañas.fonts import load_fonts
from campañas.textfit import ELLIPSIS, ellipsize, fit_line, fit_text, wrap_lines


@pytest.fixture(scope="module")
def fonts():
    return load_fonts()


def test_wrap_respects_width_and_keeps_every_word(fonts):
    font = fonts.font("bold", 60)
    text = "La honestidad es el primer capítulo del libro de la sabiduría, señor ñandú."
    lines = wrap_lines(text, font, 500)
    assert len(lines) > 1
    assert all(font.getlength(line) <= 500 for line in lines)
    assert " ".join(lines) == text


def test_wrap_keeps_explicit_newlines_and_collapses_blank_runs(fonts):
    font = fonts.font("regular", 30)
    assert wrap_lines("Uno\n\n\n\nDos\n", font, 900) == ["Uno", "", "Dos"]
    assert wrap_lines("   \n  ", font, 900) == []


def test_long_word_is_hyphenated_into_pieces_that_fit(fonts):
    font = fonts.font("bold", 60)
    word = "anticonstitucionalísimamente" * 3
    lines = wrap_lines(word, font, 400)
    assert all(font.getlength(line) <= 400 for line in lines)
    assert "".join(line.rstrip("-") for line in lines) == word
    assert all(line.endswith("-") for line in lines[:-1])


def test_narrow_box_still_progresses(fonts):
    font = fonts.font("bold", 60)
    lines = wrap_lines("Ñuñoa", font, 1)  # narrower than one letter: one letter per line
    assert "".join(line.rstrip("-") for line in lines) == "Ñuñoa"


def test_fit_prefers_the_largest_size(fonts):
    fitted = fit_text("Respeto", lambda px: fonts.font("bold", px), 900, 500,
                      max_size=76, min_size=34)
    assert fitted.size == 76 and fitted.lines == ["Respeto"] and not fitted.truncated


def test_fit_shrinks_before_truncating(fonts):
    text = "Lo que hacemos hoy con diligencia es el bienestar de mañana. " * 3
    fitted = fit_text(text, lambda px: fonts.font("bold", px), 888, 400,
                      max_size=76, min_size=34)
    assert 34 <= fitted.size < 76 and not fitted.truncated
    assert fitted.height <= 400


def test_fit_truncates_with_ellipsis_at_the_minimum(fonts):
    text = "palabra " * 2000
    fitted = fit_text(text, lambda px: fonts.font("bold", px), 888, 300,
                      max_size=76, min_size=34)
    assert fitted.truncated and fitted.size == 34
    assert fitted.height <= 300
    assert fitted.lines[-1].endswith(ELLIPSIS)
    assert all(fitted.font.getlength(line) <= 888 for line in fitted.lines)


def test_fit_prefers_shrinking_over_hyphenating(fonts):
    word = "Otorrinolaringología"
    fitted = fit_text(word, lambda px: fonts.font("bold", px), 600, 500, max_size=120,
                      min_size=30)
    assert fitted.lines == [word]


def test_ellipsize_cuts_at_a_word(fonts):
    font = fonts.font("regular", 40)
    line = "Cumplo los deberes de mi cargo con atención y prontitud"
    short = ellipsize(line, font, 400)
    assert short.endswith(ELLIPSIS) and font.getlength(short) <= 400
    assert line.startswith(short[:-1])
    assert ellipsize("", font, 400) == ELLIPSIS


def test_fit_line(fonts):
    text, font = fit_line("Alcaldía Municipal", lambda px: fonts.font("bold", px), 900,
                          max_size=36, min_size=24)
    assert text == "Alcaldía Municipal" and font.size == 36
    long = "Alcaldía del Municipio de San José " * 5
    text, font = fit_line(long, lambda px: fonts.font("bold", px), 900, max_size=36,
                          min_size=24)
    assert font.size == 24 and text.endswith(ELLIPSIS) and font.getlength(text) <= 900


def test_a_long_word_is_cut_at_the_longest_head_that_fits(fonts):
    """Each piece is the longest head that fits with its hyphen (what measuring every head
    found, before the cut was bisected)."""
    font = fonts.font("regular", 40)
    word = "Anticonstitucionalísimamente" * 12
    pieces = wrap_lines(word, font, 300)
    assert "".join(p.removesuffix("-") for p in pieces) == word
    rest = word
    for piece in pieces[:-1]:
        head = piece.removesuffix("-")
        assert font.getlength(piece) <= 300
        assert font.getlength(rest[:len(head) + 1] + "-") > 300  # one letter more would not fit
        rest = rest[len(head):]
