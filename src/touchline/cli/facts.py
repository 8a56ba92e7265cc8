"""``touchline facts``: what held for an entity on a given day."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from touchline.cli.app import DbOption, JsonOption, add_row, app, console, open_kb, parse_date
from touchline.model import printable


@app.command("facts")
def facts_command(
    ctx: typer.Context,
    entity: Annotated[str, typer.Argument(help="A name or alias: \"Real Madrid\".")],
    as_of: Annotated[str, typer.Option("--as-of", help="The day the facts must hold, YYYY-MM-DD.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """What held for an entity on a given day (e.g. who coached a club).

    Example: touchline facts "Real Madrid" --as-of 2024-11-28 --db kb.db
    """
    day = parse_date(as_of, "--as-of")
    assert day is not None
    with open_kb(ctx, db) as kb:
        facts = kb.facts(entity, day.date())
    rows: list[dict[str, Any]] = [
        {"relation": f.relation, "value": f.value, "value_id": f.value_id, "valid_from": f.valid_from,
             "valid_to": f.valid_to, "confidence": f.confidence,
             "sources": [{"article": s.article, "start": s.start, "end": s.end} for s in f.sources]}
            for f in facts]
    if as_json:
        document = {"entity": entity, "as_of": as_of, "facts": rows}
        typer.echo(json.dumps(document, ensure_ascii=False, indent=1))
        return
    table = Table(title=Text(printable(f"{entity} as of {as_of}")))
    for column in ("relation", "value", "valid from", "valid to"):
        table.add_column(column)
    for r in rows:
        add_row(table, r["relation"], r["value"], r["valid_from"] or "?", r["valid_to"] or "")
    console.print(table)
