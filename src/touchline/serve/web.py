"""The web page: server-rendered (Jinja2, autoescaped), a little script for progressive
enhancement, no build step and nothing loaded from the network.

Pages: ``/`` (search box, latest stories and matches), ``/search``, ``/entity/{id}`` (visual
timeline, facts on a chosen day, quotes), ``/story/{id}``, ``/article/{id}`` (the text with
every extracted fact highlighted and linked).  Article text is only ever rendered escaped, and
a link is only made of an http(s) URL.
"""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from itertools import pairwise
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from touchline.query import serve_support as q
from touchline.query.lookup import AmbiguousName, SearchTermError, UnknownName
from touchline.serve.errors import ApiError, clean
from touchline.serve.timeline_svg import KIND_ORDER, timeline_chart
from touchline.serve.views import View

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(files("touchline.serve").joinpath("templates")))


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) link, else None (no ``javascript:`` or ``data:`` link is made)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def entity_href(entity_id: str) -> str:
    return "/entity/" + quote(entity_id, safe=":")


def article_href(article_id: str, start: int | None = None, end: int | None = None) -> str:
    href = "/article/" + quote(article_id, safe="")
    return href + (f"?hl={int(start)}-{int(end)}#target" if start is not None and end is not None else "")


def by_article(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first source of each article, oldest article first: one link per article."""
    seen: dict[str, dict[str, Any]] = {}
    for s in sources:
        seen.setdefault(s["article"], s)
    return sorted(seen.values(), key=lambda s: (s.get("published") or "", s["article"]))


def short_source(source: str) -> str:
    """A source as a reader wants it: a URL's host, a path's file name."""
    parts = urlsplit(source) if "://" in source else None
    if parts is not None and parts.netloc:
        return parts.netloc
    name = source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return name if len(name) <= 48 else name[:47] + "…"


templates.env.filters.update(safe_url=safe_url, by_article=by_article, short_source=short_source)
templates.env.globals.update(entity_href=entity_href, article_href=article_href,
                             story_href=lambda sid: "/story/" + quote(sid, safe=":"))


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


def problem(request: Request, status: int, message: str, candidates: list[dict[str, Any]] | None = None,
            query: str = "") -> HTMLResponse:
    return render(request, "problem.html", status, message=message, candidates=candidates or [], query=query)


def parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    v = View(request.app.state.kb)
    return render(request, "home.html", stories=v.stories()[:12], matches=v.matches()[:8], stats=v.kb.stats())


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request) -> HTMLResponse:
    text = request.query_params.get("q", "")
    if not text.strip():
        return render(request, "search.html", query="", result=None)
    try:
        result = View(request.app.state.kb).search(clean(text[:200], "search"), None, None)
    except (ApiError, SearchTermError) as exc:
        return problem(request, 400, str(exc), query=text)
    return render(request, "search.html", query=text, result=result)


@router.get("/entity/{entity}", response_class=HTMLResponse)
def entity_page(request: Request, entity: str) -> HTMLResponse:
    v = View(request.app.state.kb)
    try:
        found = v.resolve(clean(entity, "entity"))
    except AmbiguousName as exc:
        return problem(request, 409, str(exc), [v.entity_summary(e) for e in exc.candidates[:20]])
    except (UnknownName, ApiError, SearchTermError) as exc:
        return problem(request, 404, str(exc), v.candidates(entity) if entity.strip() else [])
    as_of = parse_day(request.query_params.get("as_of")) or date.today()
    detail = v.entity_detail(found, as_of)
    events = v.timeline(found, None, None, None)
    quotes = v.quotes(found.id, None, None) if found.kind in ("player", "coach", "person") else []
    return render(request, "entity.html", entity=detail, as_of=as_of.isoformat(), events=events,
                  chart=timeline_chart(events, as_of), kinds=KIND_ORDER, quotes=quotes,
                  matches=[e for e in events if e["kind"] == "match"])


@router.get("/story/{story}", response_class=HTMLResponse)
def story_page(request: Request, story: str) -> HTMLResponse:
    v = View(request.app.state.kb)
    found = q.find_story(v.store, story)
    if found is None:
        return problem(request, 404, f"no story {story!r}")
    return render(request, "story.html", story=v.story(found), events=v.story_events(found))


@router.get("/article/{article}", response_class=HTMLResponse)
def article_page(request: Request, article: str) -> HTMLResponse:
    v = View(request.app.state.kb)
    found = v.article(article)
    if found is None:
        return problem(request, 404, f"no article {article!r}")
    target = None
    hl = request.query_params.get("hl", "")
    a, _, b = hl.partition("-")
    if a.isdigit() and b.isdigit() and int(a) < int(b) <= len(found["text"]):
        target = (int(a), int(b))
    return render(request, "article.html", article=found,
                  pieces=pieces(found["text"], found["spans"], target), original=safe_url(found["url"]))


def pieces(text: str, spans: list[dict[str, Any]],
           target: tuple[int, int] | None = None) -> list[dict[str, Any]]:
    """The text cut where any span starts or ends; each piece with the spans covering it, linked
    to the innermost one (an entity to its page, an event or quote to its card below)."""
    marks = [s for s in spans if 0 <= s["start"] < s["end"] <= len(text)]
    if target:
        marks.append({"type": "target", "start": target[0], "end": target[1]})
    cuts = sorted({0, len(text), *(s["start"] for s in marks), *(s["end"] for s in marks)})
    out: list[dict[str, Any]] = []
    for left, right in pairwise(cuts):
        covering = [s for s in marks if s["start"] <= left and s["end"] >= right]
        piece: dict[str, Any] = {"text": text[left:right], "start": left, "classes": "", "href": None,
                                 "title": None, "target": False, "anchor": False}
        if covering:
            types = sorted({s["type"] for s in covering})
            piece["classes"] = " ".join(f"hl-{t}" for t in types)
            piece["target"] = "target" in types
            inner_first = sorted((s for s in covering if s["type"] != "target"),
                                 key=lambda s: (s["end"] - s["start"], s["type"] != "entity"))
            links = [_link(s) for s in inner_first]
            if links:
                piece["title"] = links[0][1]  # what the innermost span is
                piece["href"] = next((href for href, _t in links if href), None)  # the innermost link
        if out and out[-1]["classes"] == piece["classes"] and out[-1]["href"] == piece["href"] \
                and out[-1]["target"] == piece["target"]:
            out[-1]["text"] += piece["text"]
        else:
            out.append(piece)
    for piece in out:  # the page scrolls to the first piece of the target
        piece["anchor"] = piece["target"]
        if piece["target"]:
            break
    return out


def _link(span: dict[str, Any]) -> tuple[str | None, str]:
    kind = span["type"]
    if kind == "entity" and span.get("entity"):
        ent = span["entity"]
        return entity_href(ent["id"]), f"{ent['name']} ({ent['kind']})"
    if kind == "event" and span.get("event"):
        return "#event-" + span["event"], f"{span['label']}: {span.get('value') or ''}"
    if kind == "quote" and span.get("quote"):
        return "#quote-" + span["quote"], f"quote ({span.get('value') or 'unknown speaker'})"
    if kind == "timex":
        return None, f"{span['label']} {span.get('value') or '(unresolved)'}"
    return None, f"{kind} (unresolved)"
