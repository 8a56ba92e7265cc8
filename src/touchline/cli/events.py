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


def _score(r: dict[str, Any]) -> str:
    return "v" if r.get("home_score") is None else f"{r['home_score']}-{r['away_score']}"


def _opt(value: Any, fmt: str = "{}") -> str:
    return fmt.format(_name(value)) if value not in (None, "", [], {}) else ""


def _what(r: dict[str, Any]) -> str:
    """One event in a few words: "Northbridge United 2-1 Castlemoor (Premier League; Quill 54')"."""
    kind = r["kind"]
    if kind in ("match", "fixture"):
        middle = _score(r) if kind == "match" else "v"
        teams = f"{_opt(r.get('home')) or '?'} {middle} {_opt(r.get('away')) or '?'}"
        extra = [x for x in (_opt(r.get("competition")), _opt(r.get("venue")), _opt(r.get("stage"))) if x]
        scorers = [(_name(s["player"]) if s["player"] else "?")
                   + (f" {s['minute']}'" if s.get("minute") is not None else "")
                   + (" (og)" if s.get("own_goal") else "") for s in r.get("scorers") or ()]
        if scorers:
            extra.append(", ".join(scorers))
        return teams + (f" ({'; '.join(extra)})" if extra else "")
    if kind == "transfer":
        move = " -> ".join(x for x in (_opt(r.get("from_club")), _opt(r.get("to_club"))) if x)
        return f"{_opt(r.get('player'))}: {move}" + _opt(r.get("status"), " ({})")
    if kind == "role":
        return (f"{_opt(r.get('person'))}: {_opt(r.get('role')) or 'role'}" + _opt(r.get("team"), " of {}")
                + _opt(r.get("status"), " ({})"))
    if kind == "injury":
        injury = _opt(r.get("injury")) or "injury"
        return f"{_opt(r.get('player'))}: {injury}" + _opt(r.get("status"), " ({})")
    parts = [f"{k}={_name(v)}" for k, v in r.items()
             if k not in _NOT_SHOWN and v is not None and v != [] and v != {}]
    return ", ".join(parts)


def _sources(record: dict[str, Any]) -> str:
    articles = list(dict.fromkeys(
        f"{s['published'] or '?'} {where(s['source'], s['url'], s['article'])}" for s in record["sources"]))
    return articles[0] + (f" +{len(articles) - 1}" if len(articles) > 1 else "") if articles else ""


def _event_table(title: str, records: list[dict[str, Any]]) -> Table:
    table = Table(title=Text(printable(title)))
    table.add_column("date", no_wrap=True)
    table.add_column("kind")
    table.add_column("what", ratio=3)
    table.add_column("check", ratio=2, min_width=12)
    table.add_column("sources", ratio=1)
    for r in records:
        add_row(table, r["date"] or "?", r["kind"], _what(r), check_text(r), _sources(r))
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
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every event an entity takes part in, oldest first, with sources.

    --from/--to: world time (a month or year overlapping the range counts); --limit N: the
    first N (page on with --from).

    Example: touchline timeline "Jude Bellingham" --from 2024-08-01 --kind match --db kb.db
    """
    kinds = check_kinds(kind, EVENT_KINDS, "an event kind")
    start, end = day(since, "--from"), day(until, "--to")
    with open_kb(ctx, db) as kb:
        found = kb.timeline(entity, kinds, since=start, until=end, limit=limit)
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
    console.print(_event_table(f"{len(found.events)} matches", document["matches"]))
