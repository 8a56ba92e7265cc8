"""``touchline facts``: what held for an entity on a day (world time), as known on a day (report time)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from touchline.cli.app import DbOption, JsonOption, add_row, app, console, open_kb, parse_date, print_json
from touchline.model import printable
from touchline.query.asof import fact_record


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
    day = parse_date(as_of, "--as-of")
    known = parse_date(known_at, "--known-at") if known_at else None
    assert day is not None
    with open_kb(ctx, db) as kb:
        found = kb.entity(entity)
        facts = kb.facts(entity, day.date(), known.date() if known else None)
    rows: list[dict[str, Any]] = [fact_record(f) for f in facts]
    if as_json:
        print_json({"entity": entity, "entity_id": found.id, "entity_name": found.name, "as_of": as_of,
                    "known_at": known_at, "facts": rows})
        return
    title = f"{found.name} as of {as_of}" + (f", as known on {known_at}" if known_at else "")
    table = Table(title=Text(printable(title)))
    for column in ("relation", "value", "since", "until", "support", "sources"):
        table.add_column(column)
    for r in rows:
        where = "; ".join(f"{s['published'] or '?'} {s['source'] or s['article']}" for s in r["sources"][:3])
        more = len(r["sources"]) - 3
        relation = r["relation"] + (f" ({r['competition']})" if r.get("competition") else "")
        until = f"{r['until']} (expected)" if r["until"] and r["until_expected"] else r["until"] or ""
        add_row(table, relation, r["value"], r["since"] or "?", until, str(r["support"]),
                where + (f"; +{more}" if more > 0 else ""))
    console.print(table)
