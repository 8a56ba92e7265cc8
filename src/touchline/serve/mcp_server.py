"""``touchline mcp``: the knowledge base as Model Context Protocol tools for AI assistants.

Built on the official SDK (``mcp`` 2.x, :class:`mcp.server.mcpserver.MCPServer`); stdio by
default, streamable HTTP on request.  Tools: ``search``, ``entity``, ``timeline``,
``facts_as_of``, ``matches``, ``quotes``, ``article``.  Every result carries its sources
(article id, source, published date, character span, the words read) so an agent can cite
them.  A name that picks out no entity or several answers ``{"error": ..., "candidates": [...]}``;
no tool raises.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import TYPE_CHECKING, Any, Literal

from mcp.server.mcpserver import MCPServer

from touchline.model import EVENT_KINDS
from touchline.query.lookup import AmbiguousName, SearchTermError, UnknownName
from touchline.serve.views import View
from touchline.store import StoreError

if TYPE_CHECKING:
    from touchline.api import KnowledgeBase

logger = logging.getLogger("touchline.mcp")

INSTRUCTIONS = (
    "touchline is a time-aware knowledge base of football news. Find an entity with `search` or "
    "`entity`, then ask for its `timeline`, the `facts_as_of` a day (who coached a club then), its "
    "`matches` (each checked against a results reference) or `quotes`. Every record lists its "
    "sources: cite the article id, source and date. A name that is unknown or ambiguous answers "
    "with `candidates`: ask again with one of their ids."
)
MAX_LIMIT = 200


class ToolProblem(Exception):
    def __init__(self, message: str, candidates: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates


def _day(value: str | None, what: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ToolProblem(f"{what} {value!r} is not a date in the form YYYY-MM-DD") from None


def _limit(value: int) -> int:
    return max(1, min(int(value), MAX_LIMIT))


def build_server(kb: KnowledgeBase) -> MCPServer:
    server: MCPServer = MCPServer(name="touchline", instructions=INSTRUCTIONS, version="0.1.0")

    def answer(fn: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        """A tool that answers every failure as data: an error line, and candidates for a name."""

        @wraps(fn)
        def run(*args: Any, **kwargs: Any) -> dict[str, Any]:
            try:
                return fn(*args, **kwargs)
            except ToolProblem as exc:
                out: dict[str, Any] = {"error": str(exc)}
                if exc.candidates is not None:
                    out["candidates"] = exc.candidates
                return out
            except (SearchTermError, ValueError) as exc:
                return {"error": str(exc)}
            except StoreError as exc:
                logger.error("database error: %s", exc)
                return {"error": "the knowledge base cannot be read just now"}
            except Exception:
                logger.exception("tool %s failed", fn.__name__)
                return {"error": f"{fn.__name__} failed unexpectedly (the server logged it)"}

        return run

    def resolve(v: View, name: str) -> Any:
        if not name or not name.strip():
            raise ToolProblem("give a name, an alias or an entity id")
        try:
            return v.resolve(name.strip())
        except AmbiguousName as exc:
            raise ToolProblem(str(exc), [v.entity_summary(e) for e in exc.candidates[:20]]) from None
        except UnknownName as exc:
            raise ToolProblem(str(exc), v.candidates(name)) from None

    @server.tool(description="Search the knowledge base: entities whose names hold the words, articles "
                             "(with snippets) and quotes holding them. Dates are YYYY-MM-DD.")
    @answer
    def search(query: str, date_from: str | None = None, date_to: str | None = None,
               limit: int = 10) -> dict[str, Any]:
        found = View(kb).search(query, _day(date_from, "date_from"), _day(date_to, "date_to"))
        n = _limit(limit)
        return {"query": query, "entities": found["entities"][:n], "articles": found["articles"][:n],
                "quotes": found["quotes"][:n]}

    @server.tool(description="One entity by name, alias or id: its aliases, the facts holding today (and "
                             "on as_of, YYYY-MM-DD, when given) and the articles naming it.")
    @answer
    def entity(name: str, as_of: str | None = None) -> dict[str, Any]:
        v = View(kb)
        detail = v.entity_detail(resolve(v, name), _day(as_of, "as_of"))
        detail["articles"] = detail["articles"][:25]
        return detail

    @server.tool(description="Events an entity takes part in (matches, fixtures, roles, transfers, "
                             "injuries, milestones, standings), oldest first, each with its sources.")
    @answer
    def timeline(name: str, kinds: list[str] | None = None, date_from: str | None = None,
                 date_to: str | None = None, limit: int = 50) -> dict[str, Any]:
        v = View(kb)
        unknown = sorted(set(kinds or ()) - set(EVENT_KINDS))
        if unknown:
            raise ToolProblem(f"unknown event kinds {unknown}; kinds are {', '.join(EVENT_KINDS)}")
        found = resolve(v, name)
        events = v.timeline(found, kinds or None, _day(date_from, "date_from"), _day(date_to, "date_to"))
        return {"entity": v.entity_summary(found), "total": len(events), "events": events[:_limit(limit)]}

    @server.tool(description="What held for an entity on a day (YYYY-MM-DD): a club's head coach, the "
                             "club a person coached, with since/until and sources.")
    @answer
    def facts_as_of(name: str, day: str) -> dict[str, Any]:
        v = View(kb)
        on = _day(day, "day")
        if on is None:
            raise ToolProblem("give the day as YYYY-MM-DD")
        found = resolve(v, name)
        return {"entity": v.entity_summary(found), **v.facts(found, on)}

    @server.tool(description="Matches, newest first: of a team, against another, in a date range; each "
                             "with what the results reference says (check: confirmed, contradicted, "
                             "unknown) and its sources.")
    @answer
    def matches(team: str | None = None, vs: str | None = None, date_from: str | None = None,
                date_to: str | None = None,
                check: Literal["confirmed", "contradicted", "unknown"] | None = None,
                limit: int = 20) -> dict[str, Any]:
        v = View(kb)
        ids = {k: resolve(v, x).id if x else None for k, x in (("team", team), ("vs", vs))}
        found = v.matches(start=_day(date_from, "date_from"), end=_day(date_to, "date_to"), check=check,
                          **ids)
        return {"total": len(found), "matches": found[:_limit(limit)]}

    @server.tool(description="Quotes, oldest first: by a speaker, mentioning an entity, holding words; "
                             "each with the speaker and its source.")
    @answer
    def quotes(speaker: str | None = None, about: str | None = None, contains: str | None = None,
               limit: int = 20) -> dict[str, Any]:
        v = View(kb)
        speaker_id = resolve(v, speaker).id if speaker else None
        about_id = resolve(v, about).id if about else None
        found = v.quotes(speaker_id, about_id, contains or None)
        return {"total": len(found), "quotes": found[:_limit(limit)]}

    @server.tool(description="An article by id: its text and everything read in it (entities, events, "
                             "quotes, time expressions) as character spans of the text.")
    @answer
    def article(article_id: str, include_text: bool = True) -> dict[str, Any]:
        found = View(kb).article(article_id.strip())
        if found is None:
            raise ToolProblem(f"no article {article_id!r}; `search` finds article ids")
        if not include_text:
            found.pop("text")
        return found

    return server


def run(kb: KnowledgeBase, transport: str = "stdio", host: str = "127.0.0.1", port: int = 8001) -> None:
    server = build_server(kb)
    if transport == "stdio":
        server.run("stdio")
    else:
        server.run("streamable-http", host=host, port=port, streamable_http_path="/mcp")
