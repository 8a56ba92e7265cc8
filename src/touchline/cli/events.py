"""Events as a person asks for them: ``timeline`` of an entity and ``matches`` of a team."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from touchline.cli.app import (
    DbOption,
    FromOption,
    JsonOption,
    LimitOption,
    ToOption,
    add_row,
    app,
    check_kinds,
    console,
    day,
    open_kb,
    print_json,
    where,
)
from touchline.model import EVENT_KINDS, printable

CHECK_FIELDS = ("check", "reference", "from_reference", "disagree", "replaced", "check_note")
_NOT_SHOWN = ("id", "kind", "date", "confidence", "sources", "scorers", *CHECK_FIELDS)


def _name(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or value.get("id"))
    return str(value)


def check_text(record: dict[str, Any]) -> str:
    """A match's reference check in a few words: "confirmed: 2018-11-03 Derby 3-1 Birmingham
    (EFL Championship; england/2018-19/2-championship.txt:1234)"."""
    state = record.get("check")
    if state is None:
        return ""
    ref = record.get("reference")
    if ref is None:
        return f"{state} ({record.get('check_note')})" if record.get("check_note") else state
    score = "v" if ref["home_score"] is None else f"{ref['home_score']}-{ref['away_score']}"
    text = (f"{state}: {ref['date']} {_name(ref['home'])} {score} {_name(ref['away'])} "
            f"({_name(ref['competition'])}; {ref['source']['file']}:{ref['source']['line']})")
    if record.get("disagree"):
        text += f"; text differs on {', '.join(record['disagree'])}"
    if record.get("kind") == "match" and record.get("home_score") is None and ref["home_score"] is not None:
        text += "; score from the reference"
    if record.get("from_reference"):
        text += f"; from the reference: {', '.join(record['from_reference'])}"
    return text


def _what(record: dict[str, Any]) -> str:
    parts = [f"{k}={_name(v)}" for k, v in record.items()
             if k not in _NOT_SHOWN and v is not None and v != [] and v != {}]
    scorers = [f"{_name(s['player']) if s['player'] else '?'}"
               + (f" {s['minute']}'" if s.get("minute") is not None else "")
               + (" (og)" if s.get("own_goal") else "") for s in record.get("scorers") or ()]
    if scorers:
        parts.append("scorers=" + "; ".join(scorers))
    return ", ".join(parts)


def _sources(record: dict[str, Any]) -> str:
    first = record["sources"][:2]
    shown = ", ".join(f"{s['published'] or '?'} {where(s['source'], s['url'], s['article'])}" for s in first)
    more = len(record["sources"]) - len(first)
    return shown + (f" +{more}" if more > 0 else "")


def _event_table(title: str, records: list[dict[str, Any]]) -> Table:
    table = Table(title=Text(printable(title)))
    for column in ("date", "kind", "what", "check", "confidence", "sources"):
        table.add_column(column)
    for r in records:
        add_row(table, r["date"] or "?", r["kind"], _what(r), check_text(r), f"{r['confidence']:.2f}",
                _sources(r))
    return table


KindOption = Annotated[list[str] | None, typer.Option(
    "--kind", help=f"Only these event kinds ({', '.join(EVENT_KINDS)}); repeat for several.")]


@app.command("timeline")
def timeline_command(
    ctx: typer.Context,
    entity: Annotated[str, typer.Argument(help="A name or alias: \"Real Madrid\", \"Bellingham\".")],
    db: DbOption = None,
    kind: KindOption = None,
    since: FromOption = None,
    until: ToOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every event an entity takes part in, oldest first, with sources.

    --from/--to: world time (a month or year overlapping the range counts).

    Example: touchline timeline "Jude Bellingham" --from 2024-08-01 --kind match --db kb.db
    """
    kinds = check_kinds(kind, EVENT_KINDS, "an event kind")
    start, end = day(since, "--from"), day(until, "--to")
    with open_kb(ctx, db) as kb:
        found = kb.timeline(entity, kinds, since=start, until=end)
    document = found.as_dict()
    if as_json:
        print_json(document)
        return
    assert found.entity is not None
    console.print(_event_table(f"timeline of {found.entity.name} ({len(found.events)} events)",
                               document["events"]))


@app.command("matches")
def matches_command(
    ctx: typer.Context,
    db: DbOption = None,
    team: Annotated[str | None, typer.Option("--team", help="A team that played (home or away).")] = None,
    vs: Annotated[str | None, typer.Option("--vs", help="The team it played against.")] = None,
    since: FromOption = None,
    until: ToOption = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Matches, oldest first, with scores, scorers, sources and the results reference's check.

    Example: touchline matches --team "Northbridge United" --vs Castlemoor --from 2024-08-01 --db kb.db
    """
    start, end = day(since, "--from"), day(until, "--to")
    with open_kb(ctx, db) as kb:
        found = kb.matches(team, vs, since=start, until=end, limit=limit)
    document = found.as_dict()
    if as_json:
        print_json(document)
        return
    table = Table(title=Text(printable(f"{len(found.events)} matches")))
    for column in ("date", "home", "score", "away", "competition", "check", "sources"):
        table.add_column(column)
    for r in document["matches"]:
        score = "v" if r["home_score"] is None else f"{r['home_score']}-{r['away_score']}"
        add_row(table, r["date"] or "?", _name(r["home"]) if r["home"] else "?", score,
                _name(r["away"]) if r["away"] else "?", _name(r["competition"]) if r["competition"] else "",
                check_text(r), _sources(r))
    console.print(table)
