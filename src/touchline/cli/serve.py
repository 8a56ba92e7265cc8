"""``touchline serve`` (REST API and web page) and ``touchline mcp`` (MCP server)."""

from __future__ import annotations

from typing import Annotated

import typer

from touchline.cli.app import DbOption, app, open_kb
from touchline.model import printable


@app.command("serve")
def serve_command(
    ctx: typer.Context,
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the REST API (/api, OpenAPI docs at /docs) and the web page (/) in one process.

    POST /api/articles is on only when TOUCHLINE_API_TOKEN is set (then it needs that bearer token).
    Example: touchline serve --db kb.db --port 8000
    """
    from touchline.serve.app import serve

    with open_kb(ctx, db) as kb:
        typer.echo(printable(f"touchline: serving {kb.url} at http://{host}:{port}/ "
                             f"(API docs at http://{host}:{port}/docs); Ctrl+C stops"), err=True)
        serve(kb, host, port)


@app.command("mcp")
def mcp_command(
    ctx: typer.Context,
    db: DbOption = None,
    transport: Annotated[str, typer.Option("--transport", help="stdio (default) or http (streamable HTTP "
                                                                "at /mcp).")] = "stdio",
    host: Annotated[str, typer.Option("--host", help="Address for --transport http.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port for --transport http.")] = 8001,
) -> None:
    """Run an MCP server (tools: search, entity, timeline, facts_as_of, matches, quotes, article).

    Example: touchline mcp --db kb.db    (stdio, for an assistant that starts it)
    """
    if transport not in ("stdio", "http"):
        raise typer.BadParameter("use stdio or http", param_hint="'--transport'")
    from touchline.serve.mcp_server import run

    with open_kb(ctx, db) as kb:
        if transport == "http":
            where = f"http://{host}:{port}/mcp"
            typer.echo(printable(f"touchline: MCP over streamable HTTP at {where}"), err=True)
        run(kb, "stdio" if transport == "stdio" else "http", host, port)
