"""Commands beside the knowledge base: ``timex`` (the time stage on files), ``gazetteer import``
and ``reference import`` (user data)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from touchline.cli.app import JsonOption, add_row, app, console, fail, parse_date
from touchline.model import printable

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
    published = parse_date(date_)
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
        add_row(table, Path(r["file"]).name, f"{r['start']}-{r['end']}", r["text"], r["type"],
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
