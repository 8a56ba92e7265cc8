"""Run the spaCy pipeline over articles and read its Doc extensions into records."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from touchline.model import (
    DETAIL_TYPES,
    Analysis,
    Article,
    Entity,
    Event,
    Mention,
    Quote,
    SourceSpan,
    TimeExpression,
    detail_from_fields,
)
from touchline.nlp.extensions import register_extensions


def _doc_for(nlp: Language, article: Article) -> Doc:
    register_extensions()
    doc = nlp.make_doc(article.text)
    doc._.dct = article.published.isoformat() if article.published else None
    doc._.article_id = article.id
    return doc


def analyse_articles(nlp: Language, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Analysis]:
    """One Analysis per article, in order.  Event ids are provisional until resolve."""
    pending = list(articles)
    docs = (_doc_for(nlp, a) for a in pending)
    for article, doc in zip(pending, nlp.pipe(docs, batch_size=batch_size), strict=True):
        yield read_doc(doc, article)


def _quote_id(article: str, start: int, end: int, kind: str) -> str:
    return hashlib.sha1(f"{article}:{start}:{end}:{kind}".encode()).hexdigest()[:16]


def read_doc(doc: Doc, article: Article) -> Analysis:
    """Plain records from what the components wrote on the Doc."""
    aid = article.id
    entities = tuple(
        Entity(id=e["id"], kind=e["kind"], name=e["name"], aliases=tuple(e.get("aliases") or ()),
               attrs=e.get("attrs") or {})
        for e in doc._.tl_entities or ()
    )
    mentions = tuple(
        Mention(article=aid, start=m["start"], end=m["end"], text=m["text"], kind=m["kind"],
                entity=m.get("entity"), confidence=float(m.get("confidence", 1.0)),
                method=m.get("method", "gazetteer"))
        for m in doc._.tl_mentions or ()
    )
    timexes = tuple(
        TimeExpression(article=aid, start=x["start"], end=x["end"], text=x["text"], type=x["type"],
                       value=x.get("value"), reason=x.get("reason"), anchor=x.get("anchor"))
        for x in doc._.tl_timexes or ()
    )
    events = tuple(_event(aid, e) for e in doc._.tl_events or () if e.get("kind") in DETAIL_TYPES)
    quotes = tuple(
        Quote(id=_quote_id(aid, q["start"], q["end"], q["kind"]), article=aid, start=q["start"],
              end=q["end"], text=q["text"], kind=q["kind"], speaker=q.get("speaker"),
              verb=q.get("verb"), confidence=float(q.get("confidence", 0.5)))
        for q in doc._.tl_quotes or ()
    )
    return Analysis(article=article, entities=entities, mentions=mentions, events=events,
                    quotes=quotes, timexes=timexes)


# Optional keys of an event dict that are hints for resolve (see touchline.resolve.reference.link).
HINT_KEYS = ("date_source", "date_window", "home_stated")


def _event(article: str, data: dict[str, Any]) -> Event:
    sources = tuple(SourceSpan(article, int(s), int(e)) for s, e in data.get("sources") or ())
    hints = {k: data[k] for k in HINT_KEYS if data.get(k) is not None}
    return Event(id="", kind=data["kind"], detail=detail_from_fields(data["kind"], data.get("fields") or {}),
                 date=data.get("date"), confidence=float(data.get("confidence", 0.5)), sources=sources,
                 hints=hints)
