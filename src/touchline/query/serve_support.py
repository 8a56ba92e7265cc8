"""Small queries the server needs beyond the CLI's: entity search, matches, articles with
everything read in them, stories and a plain full-text search.

They read the store through its protocol only and answer in touchline's records; the
server (``touchline.serve``) turns those into JSON and pages.  Dates are world-time strings
("YYYY-MM-DD", "YYYY-MM" or "YYYY"): a range keeps an event whose date, at its own
precision, can fall inside it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from touchline.model import Article, Entity, Event, Mention, Quote, Story, TimeExpression
from touchline.query.lookup import SearchTermError, find_entities, fold, resolve_entity
from touchline.query.timeline import involves
from touchline.store import Store


def in_range(day: str | None, start: date | None, end: date | None) -> bool:
    """Whether a world-time date ("2024", "2024-05", "2024-05-21") can fall in [start, end].
    An undated event is in no range (and in every open one)."""
    if start is None and end is None:
        return True
    if not day:
        return False
    parts = day.split("-")
    try:
        year = int(parts[0])
        first = date(year, int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
        last_month = int(parts[1]) if len(parts) > 1 else 12
        if len(parts) > 2:
            last = first
        else:
            nxt = date(year + 1, 1, 1) if last_month == 12 else date(year, last_month + 1, 1)
            last = date.fromordinal(nxt.toordinal() - 1)
    except (ValueError, IndexError):
        return False
    return (start is None or last >= start) and (end is None or first <= end)


def search_entities(store: Store, text: str, kinds: list[str] | None = None) -> list[Entity]:
    """Entities whose name or an alias holds ``text`` (case, accents and punctuation ignored):
    what the exact lookup finds first, then names starting with it, then names containing it."""
    wanted = fold(text)
    if not wanted:
        raise SearchTermError(f"search term {text!r} has no letters or digits to search for")
    exact = find_entities(store, text)
    ranked: dict[str, tuple[int, str, Entity]] = {e.id: (0, e.name, e) for e in exact}
    for e in store.entities():
        if e.id in ranked:
            continue
        forms = [fold(n) for n in (e.name, *e.aliases)]
        if any(f == wanted for f in forms):
            rank = 1
        elif any(f.startswith(wanted) or f" {wanted}" in f for f in forms):
            rank = 2
        elif any(wanted in f for f in forms):
            rank = 3
        else:
            continue
        ranked[e.id] = (rank, e.name.lower(), e)
    found = [e for _r, _n, e in sorted(ranked.values(), key=lambda t: (t[0], t[1], t[2].id))]
    return [e for e in found if not kinds or e.kind in kinds]


def entities_by_id(store: Store, ids: list[str] | None = None) -> dict[str, Entity]:
    """The entities with these ids (every entity when None), by id."""
    return {e.id: e for e in store.entities(ids)}


def articles_by_id(store: Store) -> dict[str, Article]:
    return {a.id: a for a in store.articles()}


def similar_entities(store: Store, text: str, limit: int = 10) -> list[Entity]:
    """Entities whose name or an alias is spelt like ``text`` (a typo's candidates), best first."""
    from rapidfuzz import fuzz, process

    wanted = fold(text)
    if not wanted:
        return []
    forms: list[tuple[str, Entity]] = [(fold(n), e) for e in store.entities() for n in (e.name, *e.aliases)]
    found = process.extract(wanted, [f for f, _e in forms], scorer=fuzz.WRatio, score_cutoff=80,
                            limit=limit * 3)
    out: dict[str, Entity] = {}
    for _form, _score, index in found:
        out.setdefault(forms[index][1].id, forms[index][1])
    return list(out.values())[:limit]


def list_entities(store: Store, kinds: list[str] | None = None) -> list[Entity]:
    return [e for e in store.entities() if not kinds or e.kind in kinds]


def find_article(store: Store, article_id: str) -> Article | None:
    return next((a for a in store.articles() if a.id == article_id), None)


def find_articles(store: Store, start: date | None = None, end: date | None = None,
                  story: str | None = None, entity: str | None = None) -> list[Article]:
    """Articles published in [start, end], of a story, naming an entity (a name or id), newest first."""
    mentioning = store.articles_mentioning(resolve_entity(store, entity).id) if entity else None
    out = [a for a in store.articles()
           if in_range(a.published.isoformat() if a.published else None, start, end)
           and (story is None or a.story == story)
           and (mentioning is None or a.id in mentioning)]
    out.sort(key=lambda a: (a.published or date.min, a.id), reverse=True)
    return out


@dataclass(frozen=True, slots=True)
class ArticleReading:
    """An article and everything read in it, each with its span in the text."""

    article: Article
    mentions: list[Mention]
    events: list[Event]
    quotes: list[Quote]
    timexes: list[TimeExpression]


def read_article(store: Store, article_id: str) -> ArticleReading | None:
    art = find_article(store, article_id)
    if art is None:
        return None
    events = [e for e in store.events() if any(s.article == art.id for s in e.sources)]
    quotes = [q for q in store.quotes() if q.article == art.id]
    timexes = [x for x in store.timexes() if x.article == art.id]
    return ArticleReading(art, list(store.mentions(art.id)), events, quotes, timexes)


def events_of_articles(store: Store, article_ids: set[str]) -> list[Event]:
    """Events read in any of these articles, in world-time order."""
    return [e for e in store.events() if any(s.article in article_ids for s in e.sources)]


def find_matches(store: Store, team: str | None = None, vs: str | None = None,
                 start: date | None = None, end: date | None = None,
                 check: str | None = None, competition: str | None = None) -> list[Event]:
    """Matches (played) of ``team`` against ``vs`` in [start, end], newest first; ``check`` keeps
    those the results reference confirmed, contradicted or could not check (``unknown``)."""
    team_id = resolve_entity(store, team).id if team else None
    vs_id = resolve_entity(store, vs).id if vs else None
    comp_id = resolve_entity(store, competition).id if competition else None
    out = []
    for ev in store.events(["match"]):
        sides = {getattr(ev.detail, "home", None), getattr(ev.detail, "away", None)}
        if team_id and team_id not in sides:
            continue
        if vs_id and vs_id not in sides:
            continue
        if comp_id and getattr(ev.detail, "competition", None) != comp_id:
            continue
        if check and (ev.check.state if ev.check else "unknown") != check:
            continue
        if in_range(ev.date, start, end):
            out.append(ev)
    out.sort(key=lambda e: (e.date or "", e.id), reverse=True)
    return out


def events_in_range(events: list[Event], start: date | None, end: date | None) -> list[Event]:
    return [e for e in events if in_range(e.date, start, end)]


def entity_events(store: Store, entity_id: str) -> list[Event]:
    return [e for e in store.events() if involves(e, {entity_id})]


def list_stories(store: Store) -> list[Story]:
    return list(store.stories())


def find_story(store: Store, story_id: str) -> Story | None:
    return next((s for s in store.stories() if s.id == story_id), None)


# --- full-text search -------------------------------------------------------------


def _folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` lower-cased, accents dropped, every run of other characters one space; and for
    each folded character the offset in ``text`` it came from."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
        for c in base or " ":
            c = c if c.isalnum() else " "
            if c == " " and (not out or out[-1] == " "):
                continue
            out.append(c)
            where.append(i)
    return "".join(out), where


def search_key(text: str) -> str:
    key = _folded_with_offsets(text)[0].strip()
    if not key:
        raise SearchTermError(f"search term {text!r} has no letters or digits to search for")
    return key


@dataclass(frozen=True, slots=True)
class TextHit:
    """Where a searched phrase is in an article: ``spans`` are character offsets into its text."""

    article: Article
    spans: list[tuple[int, int]]


def find_phrase(text: str, key: str) -> list[tuple[int, int]]:
    """Spans of ``text`` where the folded phrase ``key`` stands as whole words."""
    folded, where = _folded_with_offsets(text)
    spans = []
    at = folded.find(key)
    while at >= 0:
        stop = at + len(key)
        whole = ((at == 0 or not folded[at - 1].isalnum())
                 and (stop == len(folded) or not folded[stop].isalnum()))
        if whole:
            spans.append((where[at], where[stop - 1] + 1))
        at = folded.find(key, at + 1)
    return spans


def search_text(store: Store, text: str, start: date | None = None,
                end: date | None = None) -> tuple[list[TextHit], list[Quote]]:
    """Articles (by hits, title hits first, newest first) and quotes holding the phrase ``text``."""
    key = search_key(text)
    hits: list[tuple[int, TextHit]] = []
    dated: set[str] = set()
    for art in store.articles():
        if not in_range(art.published.isoformat() if art.published else None, start, end):
            continue
        dated.add(art.id)
        spans = find_phrase(art.text, key)
        in_title = bool(art.title and find_phrase(art.title, key))
        if spans or in_title:
            hits.append((len(spans) + (10 if in_title else 0), TextHit(art, spans)))
    hits.sort(key=lambda h: (-h[0], -(h[1].article.published or date.min).toordinal(), h[1].article.id))
    quotes = [q for q in store.quotes() if q.article in dated and find_phrase(q.text, key)]
    return [h for _n, h in hits], quotes
