"""Receipt codes of anonymous consultations (bot/consultas/receipts.py)."""

import pytest

from bot.consultas import receipts


def test_codes_are_two_groups_of_five_from_the_unambiguous_alphabet():
    codes = {receipts.new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        first, second = code.split("-")
        assert len(first) == len(second) == 5
        assert set(first + second) <= set(receipts.ALPHABET)
    assert not set("01OILSBZ258") & set(receipts.ALPHABET)


def test_codes_are_read_in_any_case_with_spaces_or_dashes():
    code = receipts.new_code()
    raw = code.replace("-", "")
    for typed in (code, code.lower(), f"  {raw[:3]} {raw[3:]} ", raw.lower()):
        assert receipts.normalize_code(typed) == raw
        assert receipts.hash_code(typed) == receipts.hash_code(code)


def test_the_hash_is_not_the_code():
    code = receipts.new_code()
    assert code.replace("-", "") not in receipts.hash_code(code)
    assert len(receipts.hash_code(code)) == 64


@pytest.mark.parametrize("text", [
    "", "hola", "¿qué es un conflicto de intereses?", "ACDEF-GHJK", "ACDEF-GHJKMN",
    "OOOOO-IIIII", "x" * 10_000, "😀" * 10, "<b>ACDEF</b>", None, 12345,
])
def test_anything_else_is_not_a_code(text):
    assert receipts.normalize_code(text) is None
    assert not receipts.looks_like_code(text)
