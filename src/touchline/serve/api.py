"""The REST API under ``/api``: read endpoints mirroring the queries, and ``POST /api/articles``.

Read endpoints only read.  Every answer that is not a 2xx is JSON: ``{"error": "<one line>"}``,
with ``candidates`` when a name is unknown or ambiguous.  Lists are pages
(``limit``/``offset``, ``total``).  Every record carries its sources.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request

from touchline.model import Entity
from touchline.query import serve_support as q
from touchline.query.lookup import AmbiguousName, UnknownName
from touchline.serve import schemas as s
from touchline.serve.errors import ApiError, clean
from touchline.serve.ingest import INGEST_BODY, post_articles
from touchline.serve.views import View, page

router = APIRouter(prefix="/api")

EventKind = Literal["match", "fixture", "milestone", "shirt_exchange", "injury", "transfer", "role",
                    "standing"]
EntityKind = Literal["player", "coach", "person", "club", "national_team", "competition", "venue", "media",
                     "other"]
CheckState = Literal["confirmed", "contradicted", "unknown"]

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": s.Error, "description": "a search term with nothing to search for, a bad value"},
    404: {"model": s.Error, "description": "no such entity, article or story (with candidates)"},
    409: {"model": s.Error, "description": "a name several entities answer to (with candidates)"},
    422: {"model": s.Error, "description": "a parameter of the wrong form"},
    503: {"model": s.Error, "description": "the database cannot be read"},
}

Limit = Annotated[int, Query(ge=1, le=500, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="items to skip")]
Text = Annotated[str, Query(min_length=1, max_length=200)]
OptText = Annotated[str | None, Query(min_length=1, max_length=200)]
From = Annotated[date | None, Query(alias="from", description="first day, YYYY-MM-DD")]
To = Annotated[date | None, Query(alias="to", description="last day, YYYY-MM-DD")]


def view(request: Request) -> View:
    return View(request.app.state.kb)


def entity_of(v: View, ref: str) -> Entity:
    """The entity an id or name picks out, else a 404/409 listing candidates."""
    ref = clean(ref, "entity")
    try:
        return v.resolve(ref)
    except AmbiguousName as exc:
        raise ApiError(409, str(exc), [v.entity_summary(e) for e in exc.candidates[:20]]) from None
    except UnknownName as exc:
        raise ApiError(404, str(exc), v.candidates(ref)) from None


def _range(start: date | None, end: date | None) -> None:
    if start and end and start > end:
        raise ApiError(400, f"'from' ({start}) is after 'to' ({end})")


@router.get("/stats", response_model=s.Stats, responses=ERRORS, tags=["knowledge base"])
def stats(request: Request) -> dict[str, Any]:
    """What the knowledge base holds."""
    st = request.app.state.kb.stats()
    return {"articles": st.articles, "duplicates": st.duplicates, "entities": st.entities,
            "events_by_kind": st.events_by_kind, "quotes": st.quotes, "timexes": st.timexes,
            "checks": st.checks}


@router.get("/entities", response_model=s.Page[s.EntitySummary], responses=ERRORS, tags=["entities"])
def entities(request: Request, q_: Annotated[str | None, Query(alias="q", min_length=1, max_length=200,
                                                             description="a name or alias, or part of one")]
             = None, kind: Annotated[list[EntityKind] | None, Query()] = None,
             limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Entities by any of their names (exact names and aliases first), or all of them."""
    v = view(request)
    kinds: list[str] | None = list(kind) if kind else None
    found = (q.search_entities(v.store, clean(q_, "q"), kinds) if q_ is not None
             else q.list_entities(v.store, kinds))
    return page([v.entity_summary(e) for e in found], limit, offset)


@router.get("/entities/{entity}", response_model=s.EntityDetail, responses=ERRORS, tags=["entities"])
def entity(request: Request, entity: str,
           as_of: Annotated[date | None, Query(description="also give the facts on this day")] = None
           ) -> dict[str, Any]:
    """An entity (by id, name or alias): aliases, the facts holding today and on ``as_of``, and the
    articles that name it."""
    v = view(request)
    return v.entity_detail(entity_of(v, entity), as_of)


@router.get("/entities/{entity}/facts", response_model=s.Facts, responses=ERRORS, tags=["entities"])
def facts(request: Request, entity: str,
          as_of: Annotated[date, Query(description="the day the facts must hold, YYYY-MM-DD")]
          ) -> dict[str, Any]:
    """What held for an entity on a day (who coached a club; whom a person coached)."""
    v = view(request)
    return v.facts(entity_of(v, entity), as_of)


@router.get("/entities/{entity}/timeline", response_model=s.Page[s.Event], responses=ERRORS,
            tags=["entities"])
def entity_timeline(request: Request, entity: str, start: From = None, end: To = None,
                    kind: Annotated[list[EventKind] | None, Query()] = None,
                    limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Every event the entity takes part in, oldest first (undated last), in a date range and of
    some kinds."""
    _range(start, end)
    v = view(request)
    return page(v.timeline(entity_of(v, entity), list(kind) if kind else None, start, end), limit, offset)


@router.get("/matches", response_model=s.Page[s.Event], responses=ERRORS, tags=["events"])
def matches(request: Request, team: OptText = None, vs: OptText = None, competition: OptText = None,
            start: From = None, end: To = None, check: CheckState | None = None,
            limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Matches, newest first, with what the results reference says of each (``check``)."""
    _range(start, end)
    v = view(request)
    names = {k: entity_of(v, x).id if x is not None else None
             for k, x in (("team", team), ("vs", vs), ("competition", competition))}
    return page(v.matches(start=start, end=end, check=check, **names), limit, offset)


@router.get("/quotes", response_model=s.Page[s.Quote], responses=ERRORS, tags=["quotes"])
def quotes(request: Request, speaker: OptText = None, about: OptText = None, contains: OptText = None,
           limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Quotes by a speaker, mentioning an entity, holding words; oldest first."""
    v = view(request)
    speaker_id = entity_of(v, speaker).id if speaker is not None else None
    about_id = entity_of(v, about).id if about is not None else None
    return page(v.quotes(speaker_id, about_id, clean(contains, "contains") if contains is not None else None),
                limit, offset)


@router.get("/stories", response_model=s.Page[s.Story], responses=ERRORS, tags=["articles"])
def stories(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Stories (articles reporting one happening), newest first."""
    return page(view(request).stories(), limit, offset)


@router.get("/stories/{story}", response_model=s.Story, responses=ERRORS, tags=["articles"])
def story(request: Request, story: str) -> dict[str, Any]:
    v = view(request)
    found = q.find_story(v.store, clean(story, "story"))
    if found is None:
        raise ApiError(404, f"no story {story!r}")
    return v.story(found)


@router.get("/articles", response_model=s.Page[s.ArticleSummary], responses=ERRORS, tags=["articles"])
def articles(request: Request, start: From = None, end: To = None, story: OptText = None,
             entity: OptText = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Articles published in a date range, of a story or naming an entity, newest first."""
    _range(start, end)
    v = view(request)
    entity_id = entity_of(v, entity).id if entity is not None else None
    found = q.find_articles(v.store, start, end, clean(story, "story") if story else None, entity_id)
    return page([v.article_summary(a) for a in found], limit, offset)


@router.get("/articles/{article}", response_model=s.ArticleDetail, responses=ERRORS, tags=["articles"])
def article(request: Request, article: str) -> dict[str, Any]:
    """An article's text and everything read in it (entities, events, quotes, time expressions),
    each as a span of the text."""
    found = view(request).article(clean(article, "article"))
    if found is None:
        raise ApiError(404, f"no article {article!r}")
    return found


@router.get("/search", response_model=s.SearchResult, responses=ERRORS, tags=["search"])
def search(request: Request, q_: Annotated[str, Query(alias="q", min_length=1, max_length=200)],
           start: From = None, end: To = None, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    """Full-text search: entities by name, articles (with snippets) and quotes holding the words."""
    _range(start, end)
    found = view(request).search(clean(q_, "q"), start, end)
    for key in ("entities", "articles", "quotes"):
        found[key] = found[key][offset:offset + limit]
    return found


router.add_api_route(
    "/articles", post_articles, methods=["POST"], response_model=s.IngestResult, tags=["articles"],
    responses={**ERRORS, 401: {"model": s.Error, "description": "no or a wrong bearer token"},
               403: {"model": s.Error, "description": "posting is off (TOUCHLINE_API_TOKEN unset)"},
               413: {"model": s.Error, "description": "the body is over the size limit"},
               415: {"model": s.Error, "description": "neither JSON nor JSON Lines"}},
    openapi_extra=INGEST_BODY, summary="Add articles (JSON or JSON Lines, as `touchline ingest` reads)")
