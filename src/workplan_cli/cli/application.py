"""The Typer app, the one place where the package's errors become a message and an exit code, and `app_for`,
which imports and builds only the command a run names."""

from __future__ import annotations

import copy
import importlib
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from .. import __version__, helpwords
from ..errors import PathError, WorkplanError
from ..text import visible
from .options import CONTEXT_SETTINGS


def error_message(error: WorkplanError) -> str:
    """``workplan: error: MESSAGE``; a message may list several problems, one per line, none with a control
    character."""
    lines = str(error).split("\n")
    return "\n".join(["workplan: error: " + visible(lines[0]), *map(visible, lines[1:])])


def io_error(error: OSError) -> PathError:
    """An `OSError` about a path (a name too long, a folder that cannot be searched) as the I/O error it is."""
    where = f"{error.filename}: " if error.filename is not None else ""
    return PathError(f"{where}{error.strerror or error}")


class WorkplanGroup(TyperGroup):
    """workplan's top-level group: every command (and every command of its groups) runs inside its `invoke`,
    so that a `WorkplanError` a command lets through is shown as one message and exits with its code, and so
    is an `OSError` (a path that cannot even be looked at) or a `MemoryError` (exit 2)."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise  # the reader has gone (`| head`): not an error, and click answers it
        except (WorkplanError, OSError, MemoryError) as error:
            if isinstance(error, OSError):
                error = io_error(error)
            elif isinstance(error, MemoryError):
                error = PathError("ran out of memory; nothing was written")
            typer.echo(error_message(error), err=True)
            raise typer.Exit(error.exit_code) from None


def sub_app(help: str) -> typer.Typer:
    """A group of commands (`workplan query`, `add`, `i18n`)."""
    return typer.Typer(help=help, context_settings=CONTEXT_SETTINGS, no_args_is_help=True)


app = typer.Typer(
    name="workplan",
    cls=WorkplanGroup,
    help="Keep committee work plans as YAML, prove them correct, and publish them.",
    context_settings=CONTEXT_SETTINGS,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
helpwords.install()  # --help shows words (PATH, YYYY-MM-DD), not Python types


def _version(value: bool) -> None:
    if value:
        typer.echo(f"workplan {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        Optional[bool],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """Keep committee work plans as YAML, prove them correct, and publish them."""


# The module that defines each command and group, in the order `workplan --help` lists them.
COMMANDS = {
    "validate": "checking",
    "rules": "checking",
    "upcoming": "queries",
    "show": "queries",
    "render": "publishing",
    "fmt": "checking",
    "diff": "checking",
    "schema": "checking",
    "move": "amending",
    "cancel": "amending",
    "postpone": "amending",
    "init": "amending",
}
GROUPS = {"query": "queries", "add": "amending", "i18n": "languages"}


def load_commands(*modules: str) -> typer.Typer:
    """The app with the commands of these modules of the package (default: every command) registered."""
    for module in modules or dict.fromkeys([*COMMANDS.values(), *GROUPS.values()]):
        importlib.import_module(f"{__package__}.{module}")
    app.registered_commands.sort(key=lambda info: list(COMMANDS).index(command_name(info)))
    app.registered_groups.sort(key=lambda info: list(GROUPS).index(str(info.name)))
    return app


def app_for(argv: list[str]) -> typer.Typer:
    """The app, trimmed to the one command ``argv`` names first, or the whole app.

    Typer turns every command's signature into a Click command before it reads
    the command line: a few milliseconds each, a tenth of a second for all of
    workplan's, to run one of them.  When the first argument names a command
    or a group, only the module that defines it is imported and the others are
    left out; their help, usage and errors are the same, since each command's
    are its own.  Anything else (no argument, an option, a mistyped name, shell
    completion) gets the whole app, so that `workplan --help` lists every
    command and a typo gets its suggestion.
    """
    first = argv[0] if argv else ""
    module = COMMANDS.get(first) or GROUPS.get(first)
    if module is None:
        return load_commands()
    load_commands(module)
    trimmed = copy.copy(app)
    trimmed.registered_commands = [info for info in app.registered_commands if command_name(info) == first]
    trimmed.registered_groups = [info for info in app.registered_groups if info.name == first]
    return trimmed


def command_name(info: Any) -> str:
    """A registered command's name, by Typer's own rule: the name given, or the function's, lower-cased, `_` as `-`."""
    return str(info.name or info.callback.__name__.lower().replace("_", "-"))
