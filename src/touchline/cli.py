"""The ``touchline`` command line: a thin layer over :class:`touchline.api.KnowledgeBase`.

``--db`` works before the command (``touchline --db kb.db export``) and after
it (``touchline export --db kb.db``); the one after wins.  Without either,
``TOUCHLINE_DB`` or ``./touchline.db`` is used.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from touchline.settings import Settings
from touchline.store import StoreError

if TYPE_CHECKING:
    from touchline.api import KnowledgeBase

app = typer.Typer(
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
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress.")] = False,
) -> None:
    """touchline: turn dated football news into a time-aware knowledge base."""
    ctx.obj = {"db": db}
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


def _settings(ctx: typer.Context, db: str | None) -> Settings:
    chosen = db or (ctx.obj or {}).get("db")
    return Settings.load(db=chosen)


def _open_kb(ctx: typer.Context, db: str | None) -> KnowledgeBase:
    from touchline.api import KnowledgeBase

    settings = _settings(ctx, db)
    try:
        return KnowledgeBase(settings.db, settings=settings)
    except StoreError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None


def _parse_date(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")],
    db: DbOption = None,
    date: Annotated[str | None,
                    typer.Option("--date", help="Published date YYYY-MM-DD for inputs without one.")] = None,
    source: Annotated[str | None,
                      typer.Option("--source", help="Source name to record for these inputs.")] = None,
    max_bytes: Annotated[int | None,
                         typer.Option("--max-bytes", help="Skip files larger than this.")] = None,
) -> None:
    """Read dated articles into the knowledge base.

    Example: touchline ingest news/ --db kb.db
    """
    published = _parse_date(date)
    kb = _open_kb(ctx, db)
    if max_bytes is not None:
        kb.settings = Settings.load(db=kb.url, max_file_bytes=max_bytes)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} articles"),
               TimeElapsedColumn())
    with kb, Progress(*columns, console=err_console, transient=True,
                      disable=not err_console.is_terminal) as progress:
        task = progress.add_task("ingesting", total=None)
        try:
            report = kb.ingest(
                paths,
                published=published.date() if published else None,
                source=source,
                on_skip=lambda s: typer.echo(str(s), err=True),
                on_batch=lambda n: progress.advance(task, n),
            )
        except StoreError as exc:
            err_console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(1) from None
    console.print(report.summary())
    raise typer.Exit(report.exit_code)


@app.command()
def export(
    ctx: typer.Context,
    db: DbOption = None,
    output: Annotated[Path | None,
                      typer.Option("-o", "--output", help="Write to this file (default stdout).")] = None,
) -> None:
    """Write the whole knowledge base as one touchline.export/1 JSON document.

    Example: touchline export --db kb.db -o export.json
    """
    with _open_kb(ctx, db) as kb:
        document = kb.export()
    text = json.dumps(document, ensure_ascii=False, indent=1)
    if output is None:
        sys.stdout.write(text + "\n")
    else:
        output.write_text(text + "\n", encoding="utf-8")
        err_console.print(f"wrote {output}")


@app.command()
def stats(ctx: typer.Context, db: DbOption = None) -> None:
    """Count what the knowledge base holds.

    Example: touchline stats --db kb.db
    """
    with _open_kb(ctx, db) as kb:
        s = kb.stats()
    table = Table(title=f"touchline knowledge base ({kb.url})", show_header=False)
    table.add_row("articles", str(s.articles))
    table.add_row("  near-duplicates", str(s.duplicates))
    table.add_row("entities", str(s.entities))
    for kind, n in s.events_by_kind.items():
        table.add_row(f"events: {kind}", str(n))
    table.add_row("quotes", str(s.quotes))
    table.add_row("time expressions", str(s.timexes))
    console.print(table)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
