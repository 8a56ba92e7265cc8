"""Filling and dumping the knowledge base: ``ingest``, ``export``, ``stats``."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from touchline.cli.app import (
    DbOption,
    JsonOption,
    add_row,
    app,
    console,
    err_console,
    fail,
    open_kb,
    parse_date,
    print_json,
)
from touchline.model import printable


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
                         typer.Option("--max-bytes", min=1, help="Skip files (and JSON lines, feed "
                                                                 "entries) larger than this.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON (SKIP and NOTE "
                                                         "lines still go to stderr).")] = False,
) -> None:
    """Read dated articles into the knowledge base.

    Example: touchline ingest news/ --db kb.db
    """
    published = parse_date(date)
    kb = open_kb(ctx, db, max_file_bytes=max_bytes)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} articles"),
               TimeElapsedColumn())
    with kb, Progress(*columns, console=err_console, transient=True,
                      disable=not err_console.is_terminal) as progress:
        task = progress.add_task("ingesting", total=None)
        report = kb.ingest(
            paths,
            published=published.date() if published else None,
            source=source,
            on_skip=lambda s: typer.echo(str(s), err=True),
            on_note=lambda n: typer.echo(str(n), err=True),
            on_batch=lambda n: progress.advance(task, n),
        )
    if as_json:
        print_json({"read": report.read, "added": report.added, "duplicates": report.duplicates,
                    "already_present": report.already_present,
                    "skipped": [asdict(s) for s in report.skipped],
                    "notes": [asdict(n) for n in report.notes], "exit_code": report.exit_code})
    else:
        typer.echo(report.summary())
    raise typer.Exit(report.exit_code)


@app.command()
def export(
    ctx: typer.Context,
    db: DbOption = None,
    output: Annotated[Path | None,
                      typer.Option("-o", "--output", help="Write to this file (default stdout).")] = None,
) -> None:
    """Write the whole knowledge base as one touchline.export/1 JSON document.

    It is streamed record by record: memory stays flat on any size.

    Example: touchline export --db kb.db -o export.json
    """
    if output is not None and output.is_dir():
        fail(f"cannot write {output}: it is a directory")
    if output is not None and not output.parent.is_dir():
        fail(f"cannot write {output}: folder {output.parent} does not exist")
    with open_kb(ctx, db) as kb:
        if output is None:
            kb.write_export(sys.stdout)
            return
        partial = output.with_name(output.name + ".partial")
        try:
            with partial.open("w", encoding="utf-8") as out:
                kb.write_export(out)
            partial.replace(output)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            fail(f"cannot write {output}: {exc.strerror or exc}")
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    typer.echo(f"wrote {printable(str(output))}", err=True)


@app.command()
def stats(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Count what the knowledge base holds.

    Example: touchline stats --db kb.db
    """
    with open_kb(ctx, db) as kb:
        s = kb.stats()
    if as_json:
        document: dict[str, Any] = {"database": kb.url, **asdict(s)}
        document["events"] = sum(s.events_by_kind.values())
        print_json(document)
        return
    table = Table(title=Text(printable(f"touchline knowledge base ({kb.url})")), show_header=False)
    add_row(table, "articles", str(s.articles))
    add_row(table, "  near-duplicates", str(s.duplicates))
    add_row(table, "entities", str(s.entities))
    for kind, n in s.events_by_kind.items():
        add_row(table, f"events: {kind}", str(n))
    for state in ("confirmed", "contradicted", "unknown"):
        add_row(table, f"  reference check: {state}", str(s.checks.get(state, 0)))
    add_row(table, "quotes", str(s.quotes))
    add_row(table, "time expressions", str(s.timexes))
    console.print(table)
