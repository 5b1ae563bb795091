"""`valor ask`: ask the consultation engine from the command line (text or JSON lines)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer

from . import messages
from .engine import ConsultationEngine
from .knowledge import DEFAULT_BASE, KnowledgeBase


def build_engine(base: Path | None = None) -> ConsultationEngine:
    """An engine over the YAML knowledge base in ``base`` (the packaged one by default)."""
    return ConsultationEngine(KnowledgeBase.from_directory(base or DEFAULT_BASE))


def ask(question: str, *, engine: ConsultationEngine | None = None) -> dict:
    """Answer one question: {question, action, answer, sources, entry_id, score, reason, candidates}."""
    engine = engine or build_engine()
    return engine.answer(question).to_dict(question)


def _questions(question: str, stdin: TextIO) -> list[str]:
    if question == "-":
        return [line.rstrip("\r\n") for line in stdin if line.strip()]
    return [question]


def ask_command(question: str, json_mode: bool = False, *, base: Path | None = None,
                stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Print the answer to ``question`` (or to each line of stdin when it is "-"); return the exit code."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    engine = build_engine(base)
    for position, text in enumerate(_questions(question, stdin)):
        result = ask(text, engine=engine)
        if json_mode:
            stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        else:
            if position:
                stdout.write("\n")
            stdout.write(result["answer"] + "\n")
        stdout.flush()
    return 0


def build_app() -> typer.Typer:
    """A Typer app with the ``ask`` command, to mount in the main ``valor`` CLI."""
    app = typer.Typer(help=messages.CLI_HELP, add_completion=False)

    @app.command("ask", help=messages.CLI_HELP)
    def ask_cli(
        question: Annotated[str, typer.Argument(help=messages.CLI_QUESTION_HELP)] = "",
        json_mode: Annotated[bool, typer.Option("--json", help=messages.CLI_JSON_HELP)] = False,
        base: Annotated[Path | None, typer.Option("--base", help=messages.CLI_BASE_HELP)] = None,
    ) -> None:
        if not question:
            typer.echo(messages.CLI_NO_QUESTION, err=True)
            raise typer.Exit(2)
        raise typer.Exit(ask_command(question, json_mode, base=base))

    return app


def run_ask(args: list[str], stdin: TextIO, stdout: TextIO) -> int:
    """Run ``valor ask ARGS`` with the given streams (for tests and embedding); return the exit code."""
    json_mode = "--json" in args
    rest = [a for a in args if a != "--json"]
    base = None
    if "--base" in rest:
        at = rest.index("--base")
        if at + 1 >= len(rest):
            stdout.write(messages.CLI_NO_QUESTION + "\n")
            return 2
        base = Path(rest[at + 1])
        del rest[at:at + 2]
    if len(rest) != 1 or not rest[0]:
        stdout.write(messages.CLI_NO_QUESTION + "\n")
        return 2
    return ask_command(rest[0], json_mode, base=base, stdin=stdin, stdout=stdout)


def main() -> None:
    """Entry point: ``python -m bot.consultas.cli ask ...``."""
    build_app()()


if __name__ == "__main__":
    main()
