"""`valor ask` (bot/consultas/cli.py)."""

from __future__ import annotations

import io
import json

import typer
from typer.testing import CliRunner

from bot.consultas.cli import ask, build_app, run_ask

KEYS = {"question", "action", "answer", "sources", "entry_id", "score"}


def test_ask_returns_the_documented_shape(engine):
    result = ask("¿Qué es la recusación?", engine=engine)
    assert set(result) >= KEYS
    assert result["action"] == "answer" and result["entry_id"] == "recusacion_que_es"
    assert result["sources"] and "<b>" not in result["answer"]


def test_run_ask_prints_the_answer():
    out = io.StringIO()
    assert run_ask(["¿Qué es la Ley 2013 de 2019?"], io.StringIO(), out) == 0
    assert "Ley 2013" in out.getvalue() and "Fuentes" in out.getvalue()


def test_run_ask_json_lines_from_stdin():
    stdin = io.StringIO("mi cuñis tiene un contrato\n\n   \ncuándo pagan la prima\n<script>x</script>\n😀\n")
    out = io.StringIO()
    assert run_ask(["--json", "-"], stdin, out) == 0
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["action"] for r in rows] == ["escalate", "out_of_scope", "small_talk", "small_talk"]
    assert all(set(r) >= KEYS for r in rows)
    assert rows[0]["entry_id"] == "parentesco_cunado"


def test_run_ask_without_question_fails_with_help():
    out = io.StringIO()
    assert run_ask([], io.StringIO(), out) == 2
    assert "pregunta" in out.getvalue()


def test_typer_app_mounts_as_valor_ask():
    main = typer.Typer()

    @main.command()
    def version() -> None:
        """Another command, so `ask` is a subcommand."""

    main.add_typer(build_app())
    result = CliRunner().invoke(main, ["ask", "--json", "¿Puedo recibir un regalo de un contratista?"])
    assert result.exit_code == 0
    assert json.loads(result.output)["entry_id"] == "regalos"
    help_text = CliRunner().invoke(main, ["ask", "--help"]).output
    assert "Pregunta" in help_text
