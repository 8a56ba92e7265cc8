"""The ``touchline`` command line: a thin layer over :class:`touchline.api.KnowledgeBase`.

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
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
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


def _add_row(table: Table, *values: str) -> None:
    """A table row shown as plain text: no rich markup read from data, nothing unescaped."""
    table.add_row(*(Text(printable(v)) for v in values))


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


def _open_kb(ctx: typer.Context, db: str | None, **overrides: Any) -> KnowledgeBase:
    from touchline.api import KnowledgeBase

    settings = _settings(ctx, db, **overrides)
    return KnowledgeBase(settings.db, settings=settings)


def _parse_date(value: str | None, option: str = "--date") -> datetime | None:
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
) -> None:
    """Read dated articles into the knowledge base.

    Example: touchline ingest news/ --db kb.db
    """
    published = _parse_date(date)
    kb = _open_kb(ctx, db, max_file_bytes=max_bytes)
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

    Example: touchline export --db kb.db -o export.json
    """
    if output is not None and output.is_dir():
        fail(f"cannot write {output}: it is a directory")
    if output is not None and not output.parent.is_dir():
        fail(f"cannot write {output}: folder {output.parent} does not exist")
    with _open_kb(ctx, db) as kb:
        document = kb.export()
    text = json.dumps(document, ensure_ascii=False, indent=1)
    if output is None:
        sys.stdout.write(text + "\n")
        return
    try:
        output.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    typer.echo(f"wrote {printable(str(output))}", err=True)


@app.command()
def stats(ctx: typer.Context, db: DbOption = None) -> None:
    """Count what the knowledge base holds.

    Example: touchline stats --db kb.db
    """
    with _open_kb(ctx, db) as kb:
        s = kb.stats()
    table = Table(title=Text(printable(f"touchline knowledge base ({kb.url})")), show_header=False)
    _add_row(table, "articles", str(s.articles))
    _add_row(table, "  near-duplicates", str(s.duplicates))
    _add_row(table, "entities", str(s.entities))
    for kind, n in s.events_by_kind.items():
        _add_row(table, f"events: {kind}", str(n))
    for state in ("confirmed", "contradicted", "unknown"):
        _add_row(table, f"  reference check: {state}", str(s.checks.get(state, 0)))
    _add_row(table, "quotes", str(s.quotes))
    _add_row(table, "time expressions", str(s.timexes))
    console.print(table)


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@app.command("timeline")
def timeline_command(
    ctx: typer.Context,
    entity: Annotated[str, typer.Argument(help="A name or alias: \"Real Madrid\", \"Bellingham\".")],
    db: DbOption = None,
    kind: Annotated[list[str] | None, typer.Option("--kind", help="Only these event kinds.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Every event an entity takes part in, oldest first, with sources.

    Example: touchline timeline "Jude Bellingham" --db kb.db
    """
    with _open_kb(ctx, db) as kb:
        found = kb.timeline(entity, kind)
        records = [kb.event_record(e) for e in found.events]
        names = {e.id: e.name for e in kb.store.entities()}
    if as_json:
        typer.echo(json.dumps({"entity": found.entity.id if found.entity else None,
                               "events": records}, ensure_ascii=False, indent=1))
        return
    if found.entity is None:
        fail(f"no entity named {entity!r}")
    table = Table(title=Text(printable(f"timeline of {found.entity.name}")))
    for column in ("date", "kind", "what", "check", "confidence", "sources"):
        table.add_column(column)
    for r in records:
        skip = ("id", "kind", "date", "confidence", "sources", "scorers", *CHECK_FIELDS)
        what = ", ".join(f"{k}={names.get(v, v)}" for k, v in r.items()
                         if k not in skip and v is not None and v != [] and v != {})
        _add_row(table, r["date"] or "?", r["kind"], what, check_text(r, names), f"{r['confidence']:.2f}",
                 str(len(r["sources"])))
    console.print(table)


CHECK_FIELDS = ("check", "reference", "from_reference", "disagree", "replaced", "check_note")


def check_text(record: dict[str, Any], names: dict[str, str]) -> str:
    """A match's reference check in a few words: "confirmed: 2018-11-03 Derby 3-1 Birmingham
    (EFL Championship; england/2018-19/2-championship.txt:1234)"."""
    state = record.get("check")
    if state is None:
        return ""
    ref = record.get("reference")
    if ref is None:
        return f"{state} ({record.get('check_note')})" if record.get("check_note") else state
    score = "v" if ref["home_score"] is None else f"{ref['home_score']}-{ref['away_score']}"
    text = (f"{state}: {ref['date']} {names.get(ref['home'], ref['home'])} {score} "
            f"{names.get(ref['away'], ref['away'])} ({names.get(ref['competition'], ref['competition'])}; "
            f"{ref['source']['file']}:{ref['source']['line']})")
    if record.get("disagree"):
        text += f"; text differs on {', '.join(record['disagree'])}"
    if record.get("kind") == "match" and record.get("home_score") is None and ref["home_score"] is not None:
        text += "; score from the reference"
    if record.get("from_reference"):
        text += f"; from the reference: {', '.join(record['from_reference'])}"
    return text


@app.command("facts")
def facts_command(
    ctx: typer.Context,
    entity: Annotated[str, typer.Argument(help="A name or alias: \"Real Madrid\".")],
    as_of: Annotated[str, typer.Option("--as-of", help="The day the facts hold (world time), YYYY-MM-DD.")],
    known_at: Annotated[str | None, typer.Option(
        "--known-at", help="Answer as the articles published up to this day told it (report time).")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """What held for an entity on a given day: a club's head coach and place in a table, a
    coach's team, a player's club and injury; one fact per relation, with since/until and
    the articles it was read in.

    Example: touchline facts "Real Madrid" --as-of 2024-11-28 --known-at 2024-12-01 --db kb.db
    """
    from touchline.query.asof import fact_record

    day = _parse_date(as_of, "--as-of")
    known = _parse_date(known_at, "--known-at") if known_at else None
    assert day is not None
    with _open_kb(ctx, db) as kb:
        found = kb.entity(entity)
        facts = kb.facts(entity, day.date(), known.date() if known else None)
    rows: list[dict[str, Any]] = [fact_record(f) for f in facts]
    if as_json:
        document = {"entity": entity, "entity_id": found.id, "entity_name": found.name, "as_of": as_of,
                    "known_at": known_at, "facts": rows}
        typer.echo(json.dumps(document, ensure_ascii=False, indent=1))
        return
    title = f"{found.name} as of {as_of}" + (f", as known on {known_at}" if known_at else "")
    table = Table(title=Text(printable(title)))
    for column in ("relation", "value", "since", "until", "support", "sources"):
        table.add_column(column)
    for r in rows:
        where = "; ".join(f"{s['published'] or '?'} {s['source'] or s['article']}" for s in r["sources"][:3])
        more = len(r["sources"]) - 3
        relation = r["relation"] + (f" ({r['competition']})" if r.get("competition") else "")
        _add_row(table, relation, r["value"], r["since"] or "?", r["until"] or "", str(r["support"]),
                 where + (f"; +{more}" if more > 0 else ""))
    console.print(table)


@app.command("quotes")
def quotes_command(
    ctx: typer.Context,
    db: DbOption = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Who said it (name or alias).")] = None,
    about: Annotated[str | None, typer.Option("--about", help="An entity the quote mentions.")] = None,
    contains: Annotated[str | None, typer.Option("--contains", help="Words the quote contains.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Quotes with their speaker, article and date.

    Example: touchline quotes --speaker "Xabi Alonso" --db kb.db
    """
    with _open_kb(ctx, db) as kb:
        hits = kb.quotes(speaker=speaker, about=about, contains=contains)
    rows: list[dict[str, Any]] = [
            {"id": h.quote.id, "speaker": h.quote.speaker, "speaker_name": h.speaker_name,
             "text": h.quote.text, "kind": h.quote.kind, "verb": h.quote.verb,
             "confidence": h.quote.confidence, "article": h.quote.article, "source": h.source,
             "published": h.published.isoformat() if h.published else None,
             "start": h.quote.start, "end": h.quote.end} for h in hits]
    if as_json:
        typer.echo(json.dumps({"quotes": rows}, ensure_ascii=False, indent=1))
        return
    table = Table(title=f"{len(rows)} quotes")
    for column in ("date", "speaker", "kind", "quote", "article"):
        table.add_column(column)
    for r in rows:
        _add_row(table, r["published"] or "?", r["speaker_name"] or "(unknown)", r["kind"], r["text"],
                      Path(r["source"] or r["article"]).name)
    console.print(table)


# --- timex (owned by the time stage) -------------------------------------------


@app.command("timex")
def timex_command(
    files: Annotated[list[Path] | None, typer.Argument(help="Plain-text articles to read.")] = None,
    date_: Annotated[str | None, typer.Option("--date", help="Published date YYYY-MM-DD.")] = None,
    as_json: JsonOption = False,
    timeml: Annotated[Path | None, typer.Option("--timeml", help="A directory of TimeML to tag.")] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", "-o", help="Where --timeml writes TimeML.")] = None,
) -> None:
    """Time expressions in articles, normalised to TIMEX3 values against the published date.

    Example: touchline timex match.txt --date 2024-11-28   |   touchline timex --timeml te3-input -o out
    """
    from touchline.nlp.time import find_timexes
    from touchline.nlp.time.timeml import annotate_timeml_dir

    if timeml is not None:
        if out_dir is None:
            raise typer.BadParameter("--timeml needs -o OUT_DIR")
        if not timeml.is_dir():
            fail(f"--timeml {timeml}: not a directory")
        written = annotate_timeml_dir(timeml, out_dir)
        typer.echo(printable(f"wrote {written} TimeML files to {out_dir}"))
        return
    if not files:
        raise typer.BadParameter("give FILE... or --timeml IN_DIR -o OUT_DIR")
    published = _parse_date(date_)
    dct = published.date() if published else None
    rows: list[dict[str, Any]] = []
    for path in files:
        if path.exists() and not path.is_file():
            fail(f"cannot read {path}: not a regular file")
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            fail(f"cannot read {path}: {exc.strerror or exc}")
        for t in find_timexes(text, dct, article=str(path)):
            rows.append({"file": str(path), "start": t.start, "end": t.end, "text": t.text, "type": t.type,
                         "value": t.value, "anchor": t.anchor, "reason": t.reason})
    if as_json:
        typer.echo(json.dumps({"date": dct.isoformat() if dct else None, "timexes": rows},
                              ensure_ascii=False, indent=1))
        return
    table = Table(title=f"{len(rows)} time expressions (anchored on {dct or 'no date'})")
    for column in ("file", "span", "text", "type", "value", "anchor / reason"):
        table.add_column(column)
    for r in rows:
        _add_row(table, Path(r["file"]).name, f"{r['start']}-{r['end']}", r["text"], r["type"],
                      r["value"] or "-", " ".join(x for x in (r["anchor"], r["reason"]) if x))
    console.print(table)


# --- gazetteer (tl_gazetteer's user data) -------------------------------------------

gazetteer_app = typer.Typer(help="Manage the football gazetteer (clubs, players, venues...).",
                            no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("import")
def gazetteer_import(
    path: Annotated[Path, typer.Argument(help="An openfootball file or folder (clubs, stadiums, squads).")],
    dest: Annotated[Path | None, typer.Option(
        "--dest", help="Gazetteer directory to write (default: env TOUCHLINE_GAZETTEER_DIR, "
                       "else ~/.touchline/gazetteer).")] = None,
) -> None:
    """Load further openfootball files into the user gazetteer.  Example: touchline gazetteer import
    ~/openfootball/clubs/europe --dest ~/.touchline/gazetteer"""
    from touchline.nlp.gazetteer_data import user_dir
    from touchline.nlp.openfootball import OpenfootballError, import_path

    target = dest or user_dir() or Path.home() / ".touchline" / "gazetteer"
    try:
        count = import_path(path, target)
    except OpenfootballError as exc:
        fail(str(exc))
    typer.echo(printable(f"imported {count} entities into {target} "
                         f"(set TOUCHLINE_GAZETTEER_DIR={target} to use them)"))


# --- reference (the results reference's user data) -------------------------------------

reference_app = typer.Typer(help="Manage the results reference that matches are checked against.",
                            no_args_is_help=True)
app.add_typer(reference_app, name="reference")


@reference_app.command("import")
def reference_import(
    path: Annotated[Path, typer.Argument(help="A Football.TXT results file or a folder of them.")],
    dest: Annotated[Path | None, typer.Option(
        "--dest", help="User reference directory to write (default: env TOUCHLINE_REFERENCE_DIR, "
                       "else ~/.touchline/reference).")] = None,
) -> None:
    """Add Football.TXT results (cups, other leagues, newer seasons) to the user reference.  Example:
    touchline reference import ~/openfootball/england/2026-27 --dest ~/.touchline/reference"""
    from touchline.resolve.reference import FootballTxtError, import_path
    from touchline.resolve.reference.db import ReferenceFileError
    from touchline.resolve.reference.sources import user_dir

    target = dest or user_dir() or Path.home() / ".touchline" / "reference"
    try:
        report = import_path(path, target)
    except (FootballTxtError, ReferenceFileError) as exc:
        typer.echo(printable(f"SKIP {exc}"), err=True)  # one line, never wrapped
        raise typer.Exit(1) from None
    for line in report.skipped:
        typer.echo(printable(f"SKIP {line}"), err=True)
    unmapped = sorted({n for n, _c, _m, _k in report.unmapped()})
    typer.echo(printable(f"imported {report.summary()} into {target / 'results.sqlite'} "
                         f"(set TOUCHLINE_REFERENCE_DIR={target} to use them)"))
    if unmapped:
        shown = ", ".join(unmapped[:10]) + (" ..." if len(unmapped) > 10 else "")
        typer.echo(printable(f"team names that map to no club (add them with touchline gazetteer import): "
                             f"{shown}"))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
