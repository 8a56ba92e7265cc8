"""The ``touchline`` command line's shared parts: the app, its one-line error handling, options
and output helpers.  Commands live in the modules beside this one, one per group.

``--db`` works before the command (``touchline --db kb.db export``) and after
it (``touchline export --db kb.db``); the one after wins.  Without either,
``TOUCHLINE_DB`` or ``./touchline.db`` is used.

Every failure ends in one line on stderr, ``error: <what and why>``, and a
non-zero exit (2 for a bad option or setting, 1 otherwise), never a traceback;
``-v`` or ``TOUCHLINE_DEBUG=1`` adds the traceback of an unexpected error.
Names and text from the inputs are printed escaped (no newline or terminal
escape sequence gets through).
"""

from __future__ import annotations

import errno
import json
import logging
import os
import sys
import traceback
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from typer._click.core import Context as ClickContext
from typer.core import TyperGroup
from typer.exceptions import Abort, Exit, TyperException

from touchline.model import printable
from touchline.settings import SETTINGS, Settings, SettingsError
from touchline.store import StoreError

if TYPE_CHECKING:
    from touchline.api import KnowledgeBase


def fail(message: str, code: int = 1) -> NoReturn:
    """End the command with one line on stderr."""
    typer.echo(f"error: {printable(message)}", err=True)
    raise typer.Exit(code)


def _debug(ctx: ClickContext) -> bool:
    if (ctx.obj or {}).get("verbose"):
        return True
    try:
        return bool(SETTINGS["debug"].parse(os.environ.get("TOUCHLINE_DEBUG", "0") or "0"))
    except ValueError:
        return False


def _os_message(exc: OSError) -> str:
    what = exc.strerror or str(exc)
    return f"{exc.filename}: {what}" if exc.filename else what


class _OneLineErrors(TyperGroup):
    """Turns whatever a command raises into one line and an exit code."""

    def invoke(self, ctx: ClickContext) -> Any:
        try:
            return super().invoke(ctx)
        except (Exit, Abort):
            raise
        except TyperException as exc:  # a usage error: a bad option, a missing argument
            fail(exc.format_message(), exc.exit_code)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # the reader of our output went away: click exits quietly
            fail(_os_message(exc))
        except SettingsError as exc:
            fail(str(exc), 2)
        except StoreError as exc:
            fail(str(exc))
        except Exception as exc:
            from touchline.ingest.problems import DEBUG_HINT, describe
            from touchline.query.lookup import NameLookupError, SearchTermError

            if isinstance(exc, SearchTermError):
                fail(str(exc), 2)
            if isinstance(exc, NameLookupError):
                # No entity, or several (listed), answer to a name: the same in every command.
                fail(str(exc), 1)
            if _debug(ctx):
                traceback.print_exception(exc, file=sys.stderr)
            fail(f"touchline failed ({describe(exc)}); {DEBUG_HINT}")


app = typer.Typer(
    cls=_OneLineErrors,
    help="touchline: turn dated football news into a time-aware knowledge base.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database: a SQLite path or postgresql:// URL (env TOUCHLINE_DB)."),
]


@app.callback()
def main_callback(
    ctx: typer.Context,
    db: DbOption = None,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Log progress, and print the traceback of any unexpected error.")] = False,
) -> None:
    """touchline: turn dated football news into a time-aware knowledge base."""
    ctx.obj = {"db": db, "verbose": verbose}
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


def _settings(ctx: typer.Context, db: str | None, **overrides: Any) -> Settings:
    chosen = db or (ctx.obj or {}).get("db")
    debug = True if (ctx.obj or {}).get("verbose") else None
    return Settings.load(db=chosen, debug=debug, **overrides)


def open_kb(ctx: typer.Context, db: str | None, **overrides: Any) -> KnowledgeBase:
    from touchline.api import KnowledgeBase

    settings = _settings(ctx, db, **overrides)
    return KnowledgeBase(settings.db, settings=settings)


def parse_date(value: str | None, option: str = "--date") -> datetime | None:
    """A YYYY-MM-DD option; a published date (``--date``) must also lie in the range ingest accepts."""
    from touchline.ingest.ids import BadDate, check_published

    if value is None:
        return None
    try:
        day = datetime.strptime(value, "%Y-%m-%d")
        if option == "--date":
            check_published(day.date())
    except BadDate as exc:
        raise typer.BadParameter(str(exc), param_hint=f"'{option}'") from None
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD",
                                 param_hint=f"'{option}'") from None
    return day


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
LimitOption = Annotated[int | None, typer.Option("--limit", min=1, help="At most this many results.")]
FromOption = Annotated[str | None, typer.Option("--from", help="From this day on, YYYY-MM-DD (inclusive).")]
ToOption = Annotated[str | None, typer.Option("--to", help="Up to this day, YYYY-MM-DD (inclusive).")]


def day(value: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option as a date (a usage error otherwise)."""
    parsed = parse_date(value, option)
    return parsed.date() if parsed else None


def check_kinds(values: list[str] | None, known: tuple[str, ...], what: str) -> list[str] | None:
    """``--kind`` values, each one of ``known`` (a usage error naming the allowed ones otherwise)."""
    for value in values or ():
        if value not in known:
            raise typer.BadParameter(f"{value!r} is not {what} (one of: {', '.join(known)})",
                                     param_hint="'--kind'")
    return values or None


def print_json(document: Any) -> None:
    typer.echo(json.dumps(document, ensure_ascii=False, indent=1))


def stream_json(key: str, records: Iterable[dict[str, Any]], head: dict[str, Any] | None = None) -> None:
    """``{..head, "key": [records]}`` on stdout, one record at a time."""
    out = sys.stdout
    out.write("{")
    for k, v in (head or {}).items():
        out.write(f"\n {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},")
    out.write(f"\n {json.dumps(key)}: [")
    first = True
    for record in records:
        out.write(("\n  " if first else ",\n  ") + json.dumps(record, ensure_ascii=False))
        first = False
    out.write("]\n}\n" if first else "\n ]\n}\n")


def add_row(table: Table, *values: str) -> None:
    """A table row shown as plain text: no rich markup read from data, nothing unescaped."""
    table.add_row(*(Text(printable(v)) for v in values))


def where(source: str | None, url: str | None, article: str) -> str:
    """An article as a table shows it: its file name or URL, else its id."""
    if url:
        return url
    return Path(source).name if source else article


def main() -> None:
    app()
