"""Kinship degrees (bot/declaraciones/kinship.py) against DOMAIN.md §2.6 and the knowledge base."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.declaraciones import kinship
from bot.declaraciones.kinship import Line

BASE = Path(__file__).parents[3] / "bot" / "consultas" / "base" / "parentesco.yaml"
# the word the knowledge base's table uses for each relative of the /declarar buttons
WORDS = {"padres": "padres", "hijos": "hijos", "hermanos": "hermanos", "abuelos": "abuelos",
         "nietos": "nietos", "tios": "tíos", "sobrinos": "sobrinos", "primos": "primos hermanos",
         "suegros": "suegros", "yernos": "yerno", "cunados": "cuñados",
         "abuelos_pareja": "abuelos o nietos de su pareja",
         "nietos_pareja": "abuelos o nietos de su pareja"}


def _table() -> dict[str, dict[int, str]]:
    """The knowledge base's «tabla de grados»: per line (Consanguinidad, Afinidad), per degree,
    the bullet's text."""
    [entry] = [e for e in yaml.safe_load(BASE.read_text(encoding="utf-8"))
               if e["id"] == "parentesco_tabla"]
    table: dict[str, dict[int, str]] = {}
    line = ""
    for row in entry["answer"].splitlines():
        if row.startswith(("Consanguinidad", "Afinidad")):
            line = row.split()[0].lower()
        bullet = re.match(r"• (\d)\.º: (.*)", row)
        if bullet and line:
            table.setdefault(line, {})[int(bullet.group(1))] = bullet.group(2)
    return table


@pytest.mark.parametrize("relation", sorted(WORDS))
def test_the_degrees_match_the_knowledge_base(relation: str):
    found = kinship.RELATIVES[relation]
    assert found.line is not None and found.degree is not None
    bullets = _table()[found.line.value]
    assert re.search(rf"(?<![\w]){WORDS[relation]}(?![\w])", bullets[found.degree])


@pytest.mark.parametrize(("relation", "numeral", "reached"), [
    ("primos", 1, True), ("hijos_primo", 1, False), ("cunados", 1, True),
    ("sobrinos_pareja", 1, False), ("pareja_hermano", 1, False), ("adopcion", 1, True),
    ("tios", 9, False), ("hermanos", 9, True), ("suegros", 9, True), ("cunados", 9, False),
    ("cunados", 6, True), ("suegros", 13, False), ("adopcion", 13, True),
    ("primos", 12, True),  # «the servant's circle»: numeral 1's degrees
    ("abuelos_pareja", 1, True), ("nietos_pareja", 6, True), ("nietos_pareja", 9, False),
    ("abuelos_pareja", 13, False),
    ("otro", 1, None), (None, 1, None), ("bisabuelos", 1, None),
])
def test_which_numerals_reach_a_relative(relation, numeral: int, reached):
    assert kinship.reaches(relation, numeral) is reached


def test_every_line_and_degree_is_within_the_table():
    for relation, found in kinship.RELATIVES.items():
        if found.line is None:
            assert found.degree is None and relation in ("pareja_hermano", kinship.OTHER)
        else:
            assert found.line in Line and 1 <= (found.degree or 0) <= 5


def test_the_relative_buttons_stay_two_short_whatsapp_lists():
    """18 relatives and «Cancelar»: two lists of at most 10 rows (as with 16), each title
    distinct within the 24 characters WhatsApp shows, the spouse's grandparents and
    grandchildren whole."""
    from bot.declaraciones import messages
    from bot.whatsapp.render import MAX_ROWS, ROW_TITLE, list_messages
    from nucleo.ports import Button

    assert list(messages.RELATIVE_NAMES) == list(kinship.RELATIVES)
    buttons = [Button(messages.RELATIVE_NAMES[key], f"decl:pariente:{key}")
               for key in kinship.RELATIVES] + [Button(messages.CANCEL, "decl:cancelar")]
    lists = list_messages(messages.ASK_RELATIVE, buttons)
    assert len(lists) == 2
    rows = [row for m in lists for row in m["interactive"]["action"]["sections"][0]["rows"]]
    assert all(len(m["interactive"]["action"]["sections"][0]["rows"]) <= MAX_ROWS for m in lists)
    titles = [row["title"] for row in rows]
    assert len(set(titles)) == len(titles) and all(len(t) <= ROW_TITLE for t in titles)
    assert {"Abuelo/a de su pareja", "Nieto/a de su pareja"} <= set(titles)
