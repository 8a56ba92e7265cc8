"""What the API, the page and the MCP tools show: touchline's records as JSON-ready dicts
with names beside ids and every record's sources (article id, source, date, span).

Everything here asks the knowledge base through :class:`touchline.api.KnowledgeBase` and
``touchline.query``; nothing reads the store directly.  One :class:`View` serves one request
and caches the names and articles it looks up.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from touchline.model import ENTITY_FIELDS, Article, Entity, Event, Quote, SourceSpan, Story
from touchline.query import serve_support as q
from touchline.query.asof import facts_as_of
from touchline.query.export import event_record
from touchline.query.lookup import AmbiguousName, UnknownName, find_entities
from touchline.query.quotes import search_quotes
from touchline.query.timeline import timeline

if TYPE_CHECKING:
    from touchline.api import KnowledgeBase

SPAN_TEXT_LIMIT = 300
ROLE_WORDS = {"head_coach": "head coach", "vice_captain": "vice-captain"}


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """One page of ``items``: ``total`` counts them all."""
    return {"total": len(items), "limit": limit, "offset": offset, "items": items[offset:offset + limit]}


def headline(article: Article) -> str:
    """The article's title, else its first sentence (cut at 140 characters)."""
    if article.title and article.title.strip():
        return article.title.strip()
    first = article.text.strip().split("\n", 1)[0]
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return sentence if len(sentence) <= 140 else sentence[:139].rstrip() + "…"


def words(value: str | None) -> str:
    return ROLE_WORDS.get(value or "", (value or "").replace("_", " "))


class View:
    """Answers for one request, built from the knowledge base's queries."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.store = kb.store
        self._entities: dict[str, Entity] | None = None
        self._articles: dict[str, Article] | None = None

    # -- lookups ----------------------------------------------------------------

    @property
    def entities(self) -> dict[str, Entity]:
        if self._entities is None:
            self._entities = q.entities_by_id(self.store)
        return self._entities

    @property
    def articles(self) -> dict[str, Article]:
        if self._articles is None:
            self._articles = q.articles_by_id(self.store)
        return self._articles

    def name(self, entity_id: str | None) -> str | None:
        if entity_id is None:
            return None
        found = self.entities.get(entity_id)
        return found.name if found else entity_id

    def resolve(self, ref: str) -> Entity:
        """The entity an id or a name picks out (UnknownName / AmbiguousName otherwise)."""
        if ref in self.entities:
            return self.entities[ref]
        return self.kb.entity(ref)

    # -- records ----------------------------------------------------------------

    def entity_ref(self, entity_id: str | None) -> dict[str, Any] | None:
        if entity_id is None:
            return None
        e = self.entities.get(entity_id)
        return {"id": entity_id, "kind": e.kind if e else "other", "name": e.name if e else entity_id}

    @staticmethod
    def entity_summary(e: Entity) -> dict[str, Any]:
        return {"id": e.id, "kind": e.kind, "name": e.name, "aliases": list(e.aliases)}

    def article_summary(self, a: Article) -> dict[str, Any]:
        return {"id": a.id, "title": headline(a), "source": a.source, "url": a.url,
                "published": a.published.isoformat() if a.published else None, "story": a.story,
                "duplicate_of": a.duplicate_of, "chars": len(a.text)}

    def source(self, article_id: str, start: int, end: int) -> dict[str, Any]:
        a = self.articles.get(article_id)
        text = a.text[start:end] if a else ""
        if len(text) > SPAN_TEXT_LIMIT:
            text = text[:SPAN_TEXT_LIMIT - 1] + "…"
        return {"article": article_id, "source": a.source if a else None, "url": a.url if a else None,
                "title": headline(a) if a else None,
                "published": a.published.isoformat() if a and a.published else None,
                "start": start, "end": end, "text": text}

    def sources(self, spans: tuple[SourceSpan, ...] | list[SourceSpan]) -> list[dict[str, Any]]:
        return [self.source(s.article, s.start, s.end) for s in spans]

    def event(self, ev: Event) -> dict[str, Any]:
        record = event_record(ev)
        detail = {k: v for k, v in record.items()
                  if k not in ("id", "kind", "date", "confidence", "sources", "check", "reference",
                               "from_reference", "disagree", "replaced", "check_note")}
        ids = [detail.get(f) for f in ENTITY_FIELDS.get(ev.kind, ())]
        ids += [s.get("player") for s in detail.get("scorers") or ()]
        ids += [s.get("team") for s in detail.get("scorers") or ()]
        involved = [self.entity_ref(i) for i in dict.fromkeys(i for i in ids if isinstance(i, str))]
        check = None
        if ev.kind in ("match", "fixture"):
            ref = record.get("reference")
            check = {"state": record.get("check") or "unknown", "note": record.get("check_note"),
                     "disagree": list(record.get("disagree") or []),
                     "from_reference": list(record.get("from_reference") or []),
                     "reference": self._reference(ref) if ref else None}
        return {"id": ev.id, "kind": ev.kind, "date": ev.date, "confidence": ev.confidence,
                "title": self.event_title(ev), "detail": detail, "entities": [e for e in involved if e],
                "check": check, "sources": self.sources(ev.sources)}

    def _reference(self, ref: dict[str, Any]) -> dict[str, Any]:
        return {"date": ref.get("date"), "home": self.entity_ref(ref.get("home")),
                "away": self.entity_ref(ref.get("away")), "home_score": ref.get("home_score"),
                "away_score": ref.get("away_score"), "competition": self.entity_ref(ref.get("competition")),
                "round": ref.get("round"), "file": (ref.get("source") or {}).get("file"),
                "line": (ref.get("source") or {}).get("line")}

    def event_title(self, ev: Event) -> str:
        d: Any = ev.detail
        n = self.name
        kind = ev.kind
        if kind == "match":
            score = ("v" if d.home_score is None or d.away_score is None
                     else f"{d.home_score}-{d.away_score}")
            title = f"{n(d.home) or '?'} {score} {n(d.away) or '?'}"
            return title + (f" ({n(d.competition)})" if d.competition else "")
        if kind == "fixture":
            return f"{n(d.home) or '?'} v {n(d.away) or '?'}"
        if kind == "role":
            status = f" ({d.status})" if d.status else ""
            return (f"{n(d.person) or '?'}: {words(d.role)} of "
                    f"{n(d.team) or '?'}{status}")
        if kind == "transfer":
            return (f"{n(d.player) or '?'}: {n(d.from_club) or '?'} → "
                    f"{n(d.to_club) or '?'} ({d.status or 'reported'})")
        if kind == "injury":
            what = f" ({d.injury})" if d.injury else ""
            return f"{n(d.player) or '?'}: {d.status or 'injured'}{what}"
        if kind == "milestone":
            bits = [str(v) for v in (d.count, d.measure, d.record) if v]
            return f"{n(d.player) or '?'}: {' '.join(bits) or 'milestone'}"
        if kind == "standing":
            pos = f"position {d.position}" if d.position else "standing"
            pts = f", {d.points} points" if d.points is not None else ""
            return f"{n(d.team) or '?'}: {pos}{pts}"
        if kind == "shirt_exchange":
            return f"{n(d.giver) or '?'} → {n(d.receiver) or '?'}: shirt"
        return kind

    def quote(self, quote: Quote) -> dict[str, Any]:
        return {"id": quote.id, "text": quote.joined or quote.text, "kind": quote.kind, "verb": quote.verb,
                "confidence": quote.confidence, "speaker": self.entity_ref(quote.speaker),
                "speaker_name": quote.speaker_name,
                "source": self.source(quote.article, quote.start, quote.end)}

    def facts(self, entity: Entity, on: date) -> dict[str, Any]:
        _e, found = facts_as_of(self.store, entity.id, on)
        return {"as_of": on.isoformat(), "facts": [
            {"relation": f.relation, "value": self.entity_ref(f.value_id), "text": f.value,
             "competition": f.competition, "valid_from": f.valid_from,
             "valid_to": f.valid_to, "until_expected": f.until_expected, "confidence": f.confidence,
             "sources": self.sources(f.sources)}
            for f in found]}

    # -- answers ----------------------------------------------------------------

    def entity_detail(self, entity: Entity, as_of: date | None) -> dict[str, Any]:
        today = date.today()
        mentioning = q.find_articles(self.store, entity=entity.id)
        return {**self.entity_summary(entity), "attrs": dict(entity.attrs or {}),
                "current_facts": self.facts(entity, today),
                "facts_as_of": self.facts(entity, as_of) if as_of else None,
                "articles": [self.article_summary(a) for a in mentioning]}

    def candidates(self, name: str) -> list[dict[str, Any]]:
        """Entities a name might mean: the exact lookup's, else a search's (first 10)."""
        try:
            found = (find_entities(self.store, name) or q.search_entities(self.store, name)
                     or q.similar_entities(self.store, name))
        except ValueError:
            return []
        return [self.entity_summary(e) for e in found[:10]]

    def timeline(self, entity: Entity, kinds: list[str] | None, start: date | None,
                 end: date | None) -> list[dict[str, Any]]:
        events = q.events_in_range(timeline(self.store, entity.id, kinds).events, start, end)
        return [self.event(e) for e in events]

    def matches(self, **filters: Any) -> list[dict[str, Any]]:
        return [self.event(e) for e in q.find_matches(self.store, **filters)]

    def quotes(self, speaker: str | None, about: str | None, contains: str | None) -> list[dict[str, Any]]:
        return [self.quote(h.quote) for h in search_quotes(self.store, speaker=speaker, about=about,
                                                          contains=contains)]

    def story(self, story: Story) -> dict[str, Any]:
        members = sorted((self.articles[a] for a in story.articles if a in self.articles),
                         key=lambda a: (a.published or date.min, a.id))
        label = story.label or (headline(members[0]) if members else story.id)
        days = [a.published.isoformat() for a in members if a.published]
        return {"id": story.id, "label": label, "first": min(days) if days else None,
                "last": max(days) if days else None,
                "articles": [self.article_summary(a) for a in members]}

    def story_events(self, story: Story) -> list[dict[str, Any]]:
        return [self.event(e) for e in q.events_of_articles(self.store, set(story.articles))]

    def stories(self) -> list[dict[str, Any]]:
        found = [self.story(s) for s in q.list_stories(self.store)]
        found.sort(key=lambda s: (s["last"] or "", s["id"]), reverse=True)
        return found

    def article(self, article_id: str) -> dict[str, Any] | None:
        reading = q.read_article(self.store, article_id)
        if reading is None:
            return None
        art = reading.article
        spans: list[dict[str, Any]] = []
        for m in reading.mentions:
            spans.append({"type": "entity", "start": m.start, "end": m.end, "text": m.text,
                          "label": m.kind, "entity": self.entity_ref(m.entity), "event": None,
                          "quote": None, "value": None, "confidence": m.confidence})
        for ev in reading.events:
            for s in ev.sources:
                if s.article == art.id:
                    spans.append({"type": "event", "start": s.start, "end": s.end,
                                  "text": art.text[s.start:s.end], "label": ev.kind, "entity": None,
                                  "event": ev.id, "quote": None, "value": self.event_title(ev),
                                  "confidence": ev.confidence})
        for qt in reading.quotes:
            for a, b in qt.segments or ((qt.start, qt.end),):
                spans.append({"type": "quote", "start": a, "end": b, "text": art.text[a:b], "label": qt.kind,
                              "entity": self.entity_ref(qt.speaker), "event": None, "quote": qt.id,
                              "value": qt.speaker_name, "confidence": qt.confidence})
        for x in reading.timexes:
            spans.append({"type": "timex", "start": x.start, "end": x.end, "text": x.text, "label": x.type,
                          "entity": None, "event": None, "quote": None, "value": x.value, "confidence": None})
        spans.sort(key=lambda s: (s["start"], -s["end"], s["type"]))
        return {**self.article_summary(art), "text": art.text, "spans": spans,
                "events": [self.event(e) for e in reading.events],
                "quotes": [self.quote(x) for x in reading.quotes],
                "timexes": [{"start": x.start, "end": x.end, "text": x.text, "type": x.type, "value": x.value}
                            for x in reading.timexes]}

    def search(self, text: str, start: date | None, end: date | None) -> dict[str, Any]:
        entities = q.search_entities(self.store, text)
        hits, quotes = q.search_text(self.store, text, start, end)
        return {"query": text, "entities": [self.entity_summary(e) for e in entities],
                "articles": [{"article": self.article_summary(h.article), "hits": len(h.spans),
                              "snippets": [self.snippet(h.article, a, b) for a, b in h.spans[:3]]}
                             for h in hits],
                "quotes": [self.quote(x) for x in quotes]}

    @staticmethod
    def snippet(article: Article, start: int, end: int, width: int = 80) -> dict[str, Any]:
        left = max(0, start - width)
        right = min(len(article.text), end + width)
        return {"before": ("…" if left else "") + article.text[left:start], "match": article.text[start:end],
                "after": article.text[end:right] + ("…" if right < len(article.text) else ""),
                "start": start, "end": end}


__all__ = ["AmbiguousName", "UnknownName", "View", "headline", "page"]
