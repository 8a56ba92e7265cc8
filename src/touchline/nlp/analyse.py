"""Run the spaCy pipeline over articles and read its Doc extensions into records.

Each article stands alone: one that breaks a limit, or on which a component
fails, comes back as an :class:`AnalysisFailure` and the others are analysed
as usual.  Limits are checked on the tokenised Doc, before the expensive
components run:

* tokens per article (``max_tokens``): the pretrained pipeline's tok2vec and
  NER hold about 16 KB per token of a batch at their peak (measured: 75,000
  tokens of scorelines, 1.4 GB), so a text that is mostly numbers and
  symbols ("1-0 2-1 3-3 ...", three tokens per four characters) is refused
  before it reaches them;
* tokens per ``nlp.pipe`` call: articles go through in groups of at most
  ``max_tokens`` tokens together, so a batch of long articles peaks no higher
  than one article at the limit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class AnalysisFailure:
    """An article not analysed: a limit it breaks (``reason``) or a component's error (``error``)."""

    article: Article
    reason: str
    error: Exception | None = None


def analyse_articles(nlp: Language, articles: Iterable[Article], batch_size: int = 16,
                     max_tokens: int | None = None) -> Iterator[Analysis | AnalysisFailure]:
    """One Analysis (or AnalysisFailure) per article.  Event ids are provisional until resolve."""
    # Docs are made a group at a time and dropped once read: an analysed Doc holds its
    # tok2vec tensor, so a batch's Docs kept together would add up to far more than one.
    group: list[tuple[Article, Doc]] = []
    tokens = 0
    for article in articles:
        try:
            doc = _doc_for(nlp, article)
        except Exception as exc:
            yield AnalysisFailure(article, "could not be tokenised", exc)
            continue
        if max_tokens is not None and len(doc) > max_tokens:
            yield AnalysisFailure(article, f"too many tokens ({len(doc)} words, numbers and symbols > limit "
                                           f"{max_tokens}; a list of scores or a table rather than prose?); "
                                           "split it into separate articles")
            continue
        full = len(group) >= batch_size or (max_tokens is not None and tokens + len(doc) > max_tokens)
        if group and full:
            yield from _analyse_group(nlp, group)
            group, tokens = [], 0
        group.append((article, doc))
        tokens += len(doc)
    if group:
        yield from _analyse_group(nlp, group)


def _analyse_group(nlp: Language, group: list[tuple[Article, Doc]]) -> Iterator[Analysis | AnalysisFailure]:
    try:
        docs = list(nlp.pipe((doc for _, doc in group), batch_size=len(group)))
    except Exception as exc:
        if len(group) == 1:
            yield AnalysisFailure(group[0][0], "analysis failed", exc)
            return
        # One of them broke a component: each again on its own, from a fresh Doc
        # (the failed pass may have left annotations half-written).
        articles = [article for article, _ in group]
        group.clear()
        for article in articles:
            yield from _analyse_group(nlp, [(article, _doc_for(nlp, article))])
        return
    results: list[Analysis | AnalysisFailure] = []
    for (article, _), doc in zip(group, docs, strict=True):
        try:
            results.append(read_doc(doc, article))
        except Exception as exc:
            results.append(AnalysisFailure(article, "analysis failed", exc))
    group.clear()  # the caller's list: its Docs go now, before the next group is made
    del docs
    yield from results


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
              verb=q.get("verb"), confidence=float(q.get("confidence", 0.5)),
              joined=q.get("joined"), segments=tuple((int(s), int(e)) for s, e in q.get("segments") or ()),
              speaker_name=q.get("speaker_name"))
        for q in doc._.tl_quotes or ()
    )
    return Analysis(article=article, entities=entities, mentions=mentions, events=events,
                    quotes=quotes, timexes=timexes)


# Optional keys of an event dict that are hints for resolve (see touchline.resolve.reference.link).
HINT_KEYS = ("date_source", "date_window", "home_stated", "winner", "only_if_linked")


def _event(article: str, data: dict[str, Any]) -> Event:
    sources = tuple(SourceSpan(article, int(s), int(e)) for s, e in data.get("sources") or ())
    hints = {k: data[k] for k in HINT_KEYS if data.get(k) is not None}
    return Event(id="", kind=data["kind"], detail=detail_from_fields(data["kind"], data.get("fields") or {}),
                 date=data.get("date"), confidence=float(data.get("confidence", 0.5)), sources=sources,
                 hints=hints)
