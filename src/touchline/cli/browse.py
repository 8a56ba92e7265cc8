"""Finding things: ``quotes``, ``search`` (full text), ``entities``, ``articles``, ``stories``."""

from __future__ import annotations

from typing import Annotated

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
    stream_json,
    where,
)
from touchline.model import ENTITY_KINDS, printable


@app.command("quotes")
def quotes_command(
    ctx: typer.Context,
    db: DbOption = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Who said it (name or alias).")] = None,
    about: Annotated[str | None, typer.Option("--about", help="An entity the quote mentions.")] = None,
    contains: Annotated[str | None, typer.Option(
        "--contains", help="Words the quote holds, side by side (the last may be a word's start).")] = None,
    since: FromOption = None,
    until: ToOption = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Quotes with their speaker, article and date.

    --from/--to: the article's published date.

    Example: touchline quotes --speaker "Marta Quill" --contains "proud of" --db kb.db
    """
    start, end = day(since, "--from"), day(until, "--to")
    with open_kb(ctx, db) as kb:
        hits = kb.quotes(speaker=speaker, about=about, contains=contains, since=start, until=end, limit=limit)
    rows = [h.as_dict() for h in hits]
    if as_json:
        print_json({"quotes": rows})
        return
    table = Table(title=f"{len(rows)} quotes")
    for column in ("date", "speaker", "kind", "quote", "article"):
        table.add_column(column)
    for r in rows:
        add_row(table, r["published"] or "?", r["speaker_name"] or r["speaker_as_written"] or "(unknown)",
                r["kind"], r["text"], where(r["source"], r["url"], r["article"]))
    console.print(table)


@app.command("search")
def search_command(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help='Words to find (all of them); "in quotes" for a phrase.')],
    db: DbOption = None,
    since: FromOption = None,
    until: ToOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many hits.")] = 20,
    in_: Annotated[str | None, typer.Option("--in", help="Only articles or only quotes.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over articles and quotes, best first, with highlighted snippets.

    --from/--to: the article's published date.

    Example: touchline search "Marta Quill" --from 2025-01-01 --db kb.db
    """
    kinds = {"articles": "article", "quotes": "quote", "article": "article", "quote": "quote"}
    if in_ is not None and in_ not in kinds:
        raise typer.BadParameter(f"{in_!r} is not articles or quotes", param_hint="'--in'")
    start, end = day(since, "--from"), day(until, "--to")
    with open_kb(ctx, db) as kb:
        found = kb.search(text, since=start, until=end, limit=limit, kind=kinds.get(in_ or ""))
    if as_json:
        print_json(found.as_dict())
        return
    table = Table(title=Text(printable(f"{len(found.hits)} hits for {text}")))
    for column in ("date", "kind", "where", "snippet"):
        table.add_column(column)
    for hit in found.hits:
        snippet = Text(printable(hit.snippet))
        for s, e in hit.highlights:
            snippet.stylize("bold reverse", s, e)
        who = ""
        if hit.quote is not None:
            speaker = hit.quote["speaker"]
            who = f"{speaker['name'] or speaker['id']}: " if speaker else "(unknown): "
        table.add_row(Text(hit.article.published.isoformat() if hit.article.published else "?"),
                      Text(hit.kind), Text(printable(who + where(hit.article.source, hit.article.url,
                                                                 hit.article.id))), snippet)
    console.print(table)


@app.command("entities")
def entities_command(
    ctx: typer.Context,
    search: Annotated[str | None, typer.Argument(help="Words the name starts with: \"quill\", \"marta q\".")]
    = None,
    db: DbOption = None,
    kind: Annotated[list[str] | None, typer.Option(
        "--kind", help=f"Only this kind ({', '.join(ENTITY_KINDS)}).")] = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Entities by name, with their kind, aliases and how many articles mention them.

    Example: touchline entities quill --kind player --db kb.db
    """
    kinds = check_kinds(kind, ENTITY_KINDS, "an entity kind")
    if kinds and len(kinds) > 1:
        raise typer.BadParameter("give one --kind", param_hint="'--kind'")
    with open_kb(ctx, db) as kb:
        rows = [r.as_dict() for r in kb.entities(search, kind=kinds[0] if kinds else None, limit=limit)]
    if as_json:
        print_json({"entities": rows})
        return
    table = Table(title=f"{len(rows)} entities")
    for column in ("name", "kind", "id", "aliases", "articles"):
        table.add_column(column)
    for r in rows:
        add_row(table, r["name"], r["kind"], r["id"], ", ".join(r["aliases"][:5]), str(r["articles"]))
    console.print(table)


@app.command("articles")
def articles_command(
    ctx: typer.Context,
    db: DbOption = None,
    since: FromOption = None,
    until: ToOption = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Articles by published date, oldest first, with their source, story and original (for a copy).

    Example: touchline articles --from 2025-03-01 --to 2025-03-31 --db kb.db
    """
    start, end = day(since, "--from"), day(until, "--to")
    with open_kb(ctx, db) as kb:
        rows = (r.as_dict() for r in kb.articles(since=start, until=end, limit=limit))
        if as_json:
            stream_json("articles", rows)
            return
        table = Table()
        for column in ("published", "title", "source", "id", "copy of"):
            table.add_column(column)
        for r in rows:
            add_row(table, r["published"] or "?", r["title"] or "", where(r["source"], r["url"], r["id"]),
                    r["id"], r["duplicate_of"] or "")
    table.title = f"{table.row_count} articles"
    console.print(table)


@app.command("stories")
def stories_command(
    ctx: typer.Context,
    db: DbOption = None,
    since: FromOption = None,
    until: ToOption = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Stories (articles about one happening) with their articles.

    --from/--to keep the stories with an article published in the range.

    Example: touchline stories --from 2025-03-01 --db kb.db
    """
    start, end = day(since, "--from"), day(until, "--to")
    with open_kb(ctx, db) as kb:
        rows = (r.as_dict() for r in kb.stories(since=start, until=end, limit=limit))
        if as_json:
            stream_json("stories", rows)
            return
        table = Table()
        for column in ("first", "last", "story", "articles"):
            table.add_column(column)
        for r in rows:
            first = r["articles"][0] if r["articles"] else None
            shown = where(first["source"], first["url"], first["article"]) if first else r["id"]
            label = r["label"] or shown
            add_row(table, r["first"] or "?", r["last"] or "?", label, str(len(r["articles"])))
    table.title = f"{table.row_count} stories"
    console.print(table)
