"""The ``valor`` command: run the service, migrate, manage staff and import the directory."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

try:  # Typer 0.2x parses with its own copy of Click; older ones use Click itself
    from typer._click import exceptions as click
except ImportError:  # pragma: no cover - depends on the installed Typer
    from click import exceptions as click  # type: ignore[no-redef]  # the same module, elsewhere
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from sqlalchemy.engine import make_url
from typer.core import TyperCommand, TyperGroup

from nucleo import messages
from nucleo.db import Database, DatabaseUnavailable
from nucleo.directory import messages as dir_messages
from nucleo.errors import DomainError
from nucleo.logs import setup_logging
from nucleo.settings import Settings, SettingsError, check_feature_settings, load_settings

T = TypeVar("T")
HELP_OPTION_TEXT = "Muestra esta ayuda y termina."


def _hint(exc: click.BadParameter) -> str:
    if exc.param_hint is not None:
        hint = exc.param_hint
        return hint if isinstance(hint, str) else " / ".join(hint)
    param = exc.param
    if param is None:
        return ""
    opts = getattr(param, "opts", None) or [getattr(param, "name", "") or ""]
    return " / ".join(str(o) for o in opts)


def spanish_usage_error(exc: click.UsageError) -> click.UsageError:
    """Click's usage errors, said in Spanish (Click only translates through gettext catalogues)."""
    if isinstance(exc, click.MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "parameter")
        text = messages.CLI_MISSING.get(kind, messages.CLI_MISSING["parameter"])
        return click.UsageError(text.format(name=_hint(exc)), exc.ctx)
    if isinstance(exc, click.BadParameter):
        return click.UsageError(messages.CLI_BAD_VALUE.format(name=_hint(exc), reason=exc.message),
                                exc.ctx)
    if isinstance(exc, click.NoSuchOption):
        text = messages.CLI_NO_OPTION.format(name=exc.option_name)
        if exc.possibilities:
            text += " " + messages.CLI_DID_YOU_MEAN.format(options=", ".join(exc.possibilities))
        return click.UsageError(text, exc.ctx)
    return exc


class _SpanishHelp:
    """Mixin: Typer's own --help line, the usage line and usage errors in Spanish."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option

    def format_usage(self, ctx, formatter):
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=messages.CLI_USAGE)

    def parse_args(self, ctx, args):
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise spanish_usage_error(exc) from None


class SpanishGroup(_SpanishHelp, TyperGroup):
    def resolve_command(self, ctx, args):
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            if args and self.get_command(ctx, args[0]) is None:
                raise click.UsageError(messages.CLI_NO_COMMAND.format(name=args[0][:40]),
                                       ctx) from None
            raise spanish_usage_error(exc) from None


class SpanishCommand(_SpanishHelp, TyperCommand):
    pass


def _typer(help_text: str) -> typer.Typer:
    return typer.Typer(help=help_text, cls=SpanishGroup, add_completion=False,
                       no_args_is_help=True)


def localize_typer() -> None:
    """Typer draws its help panels with English titles; show them in Spanish."""
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = "Argumentos"
    rich_utils.OPTIONS_PANEL_TITLE = "Opciones"
    rich_utils.COMMANDS_PANEL_TITLE = "Comandos"
    rich_utils.DEFAULT_STRING = "[por defecto: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[obligatorio]"
    rich_utils.ABORTED_TEXT = "Cancelado."
    rich_utils.RICH_HELP = "Pruebe [blue]'{command_path} {help_option}'[/] para ver la ayuda."


app = _typer("El Valor Soy Yo: Política de Integridad de Talento Humano.")
db_app = _typer("Base de datos.")
staff_app = _typer("Cuentas del personal (Talento Humano, asesores, auditores).")
people_app = _typer("Directorio de personas y dependencias.")
app.add_typer(db_app, name="db")
app.add_typer(staff_app, name="staff")
app.add_typer(people_app, name="people")
err = Console(stderr=True, soft_wrap=True)


def _settings() -> Settings:
    try:
        settings = load_settings()
        check_feature_settings()
        return settings
    except SettingsError as exc:
        err.print(f"[red]{exc}[/red]", highlight=False)
        raise typer.Exit(2) from None


def _with_database(settings: Settings, work: Callable[[Database], Awaitable[T]]) -> T:
    """Run ``work`` on a reachable database, turning failures into one clear line."""

    async def runner() -> T:
        db = Database(settings.resolved_database_url)
        try:
            await db.check()
            return await work(db)
        finally:
            await db.dispose()

    try:
        return asyncio.run(runner())
    except DomainError as exc:
        err.print(f"[red]{exc.message}[/red]", highlight=False)
        raise typer.Exit(1) from None
    except (DatabaseUnavailable, OSError) as exc:
        url = make_url(settings.resolved_database_url).render_as_string(hide_password=True)
        err.print(messages.DB_UNREACHABLE.format(url=url, reason=exc), highlight=False)
        raise typer.Exit(1) from None


def _prepare(settings: Settings) -> Callable[[Database], Awaitable[None]]:
    """Migrate and create the first admin before serving, so problems are one clear line."""

    async def work(db: Database) -> None:
        # The whole app is imported only once the database answered: an unreachable one is
        # said without waiting seconds for it.
        from api.app import prepare_database
        from nucleo.services import Services

        await prepare_database(Services(settings=settings, db=db))

    return work


@app.command("run", cls=SpanishCommand)
def run(
    host: Annotated[str | None, typer.Option(help="Dirección en la que escucha.")] = None,
    port: Annotated[int | None, typer.Option(help="Puerto en el que escucha.")] = None,
    role: Annotated[str, typer.Option(
        "--role", help="web (HTTP y webhooks), worker (envíos, programador y sondeo de "
        "Telegram, en el líder) o all (todo).")] = "all",
) -> None:
    """Inicia el servicio completo: API, consola, portal, bot, programador y envíos
    (o una parte, con --role)."""
    from nucleo.lifecycle import ROLES

    # A wrong role, setting or database is said before the seconds the whole app takes to import.
    if role not in ROLES:
        err.print(messages.ROLE_UNKNOWN.format(role=role[:20]), highlight=False, markup=False)
        raise typer.Exit(2)
    settings = _settings()
    setup_logging(settings.log_level)
    _with_database(settings, _prepare(settings))

    import uvicorn

    from api.app import create_app

    if not settings.telegram_enabled:
        err.print(messages.TELEGRAM_OFF, highlight=False)
    if "secret_key" not in settings.model_fields_set:
        err.print(messages.EPHEMERAL_SECRET, highlight=False)
    host, port = host or settings.host, port or settings.port
    backend = "SQLite" if settings.resolved_database_url.startswith("sqlite") else "PostgreSQL"
    err.print(messages.SERVICE_STARTING.format(host=host, port=port, backend=backend),
              highlight=False)
    err.print(messages.SERVICE_ROLE[role], highlight=False)
    uvicorn.run(create_app(settings, role=role, migrate=False), host=host, port=port,
                log_config=None, proxy_headers=True,
                forwarded_allow_ips=settings.trusted_proxies)


@db_app.command("upgrade", cls=SpanishCommand)
def db_upgrade() -> None:
    """Aplica las migraciones pendientes."""
    from nucleo.migrate import upgrade_database

    _with_database(_settings(), upgrade_database)
    typer.echo(messages.DB_UPGRADED)


@staff_app.command("add", cls=SpanishCommand)
def staff_add(
    email: Annotated[str, typer.Argument(help="Correo de la persona.")],
    nombre: Annotated[str, typer.Option("--nombre", help="Nombre completo.")],
    rol: Annotated[str, typer.Option(
        "--rol", help="admin, talento_humano, asesor, auditor o juridica.")] = "talento_humano",
    contrasena_stdin: Annotated[bool, typer.Option(
        "--contrasena-stdin", help="Lee la contraseña de la entrada estándar.")] = False,
) -> None:
    """Crea una cuenta del personal con un rol."""
    from nucleo.migrate import upgrade_database
    from nucleo.staff import create_staff

    if contrasena_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt(messages.PASSWORD_PROMPT, hide_input=True,
                                confirmation_prompt=messages.PASSWORD_CONFIRM, prompt_suffix=": ")

    settings = _settings()

    async def work(db: Database) -> str:
        await upgrade_database(db)
        async with db.session() as session:
            account = await create_staff(session, email=email, full_name=nombre, role=rol,
                                         password=password, entity=settings.entity_name)
            return messages.STAFF_CREATED.format(email=account.email, role=account.role)

    typer.echo(_with_database(settings, work))


def _readable_file(path: Path) -> Path:
    """Argument check with a Spanish message (Typer's own ``exists=True`` speaks English)."""
    if not path.is_file():
        raise typer.BadParameter(messages.CLI_NO_FILE.format(path=path))
    return path


def _existing_folder(path: Path | None) -> Path | None:
    if path is not None and not path.is_dir():
        raise typer.BadParameter(messages.CLI_NO_FOLDER.format(path=path))
    return path


@people_app.command("import", cls=SpanishCommand)
def people_import(
    archivo: Annotated[Path, typer.Argument(help="CSV o Excel (.xlsx) de la hoja de cálculo de TH.",
                                            callback=_readable_file)],
    crear_dependencias: Annotated[bool, typer.Option(
        "--crear-dependencias", help="Crea las dependencias que aún no existen.")] = False,
) -> None:
    """Importa o actualiza personas y dependencias desde un CSV (UTF-8 o Latin-1, , o ;) o un
    Excel (.xlsx, primera hoja)."""
    from nucleo.directory.importer import ImportReport, import_people
    from nucleo.migrate import upgrade_database

    data = archivo.read_bytes()

    async def work(db: Database) -> ImportReport:
        await upgrade_database(db)
        columns = (TextColumn(messages.IMPORT_PROGRESS), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, console=err, transient=True) as bar:
            task = bar.add_task("importar", total=None)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            async with db.session() as session:
                return await import_people(session, data, create_departments=crear_dependencias,
                                           progress=progress)

    report = _with_database(_settings(), work)
    for row in [*report.rejected, *report.superior_rejected]:
        err.print(dir_messages.REJECTED_ROW.format(line=row.line, reason=row.reason),
                  highlight=False, markup=False)
    typer.echo(report.summary())


@people_app.command("invite", cls=SpanishCommand)
def people_invite(
    dependencia: Annotated[int | None, typer.Option(
        "--dependencia", min=1, max=2_147_483_647,
        help="Solo las personas de esta dependencia (su id).")] = None,
    todas: Annotated[bool, typer.Option(
        "--todas", help="También las personas ya vinculadas (por omisión, solo las que no).")
    ] = False,
    ronda: Annotated[str, typer.Option(
        "--ronda", help="Nombre de la ronda: una persona recibe una invitación por ronda.")
    ] = "1",
) -> None:
    """Envía por correo la invitación personal para vincularse con el asistente."""
    from campañas.invitations import DirectorySelection, invite_directory
    from nucleo.db import utcnow
    from nucleo.migrate import upgrade_database

    settings = _settings()
    selection = DirectorySelection(department_id=dependencia, only_unlinked=not todas,
                                   round=ronda.strip()[:20] or "1")

    async def work(db: Database) -> int:
        await upgrade_database(db)
        async with db.session() as session:
            run = await invite_directory(session, selection, settings=settings, now=utcnow())
            return run.targeted

    queued = _with_database(settings, work)
    typer.echo(messages.INVITATIONS_QUEUED.format(n=queued))


@app.command("ask", cls=SpanishCommand)
def ask(
    pregunta: Annotated[str, typer.Argument(
        help="La pregunta entre comillas; «-» lee una pregunta por línea de la entrada estándar.",
        show_default=False)] = "",
    json_mode: Annotated[bool, typer.Option(
        "--json", help="Escribe un objeto JSON por línea: question, action, answer, sources, "
        "entry_id, score.")] = False,
    base: Annotated[Path | None, typer.Option(
        "--base", help="Carpeta con los archivos YAML de la base de conocimiento.",
        callback=_existing_folder)] = None,
) -> None:
    """Pregunta al motor de consultas sobre conflicto de intereses e integridad."""
    from bot.consultas import messages as consultas_messages
    from bot.consultas.cli import ask_command

    if not pregunta:
        err.print(consultas_messages.CLI_NO_QUESTION, highlight=False)
        raise typer.Exit(2)
    try:
        code = ask_command(pregunta, json_mode, base=base)
    except DomainError as exc:
        err.print(f"[red]{exc.message}[/red]", highlight=False, markup=True)
        raise typer.Exit(1) from None
    raise typer.Exit(code)


def main() -> None:
    localize_typer()
    app()


if __name__ == "__main__":
    main()
