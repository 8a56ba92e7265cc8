"""Cluster articles into stories: articles about one happening tell one story.

An article's main event is the one its opening sentence tells (a match first
among those), else the match (else any event) it reports first and most
surely.  In the knowledge base every article telling one happening has its
reading of it resolved into one event (:mod:`touchline.resolve.across`), so the
articles whose main events are one event share a story: match reports, previews
that look back and follow-ups about one game, reports of one transfer.  A preview
(its main event a fixture) joins the story of the match between the same sides
played within a few days of the fixture's date.  The same clubs meeting a year
apart are two matches, so two stories.

An article with no main event (a reaction piece, a profile of the match-winner)
joins the story of the article most like it among those with one, published
within ``STORY_DAYS`` of it: they must name a team in common and either share
``MIN_SHARED`` entities making up ``MIN_JACCARD`` of all they name, or have
words alike (cosine of their word counts, words of four letters or more
outside a short list of football filler, at least ``MIN_COSINE``).  Otherwise
it is a story of its own.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from operator import mul

from touchline.model import Analysis, Event

# Matches anchor stories; other kinds only when an article reports no match.
_PRIORITY = {"match": 0}
# How far a fixture's date may lie from the match it previews.
PREVIEW_DAYS = 3
# An article without an event joins the story of a like article published this close...
STORY_DAYS = 4
# ...sharing a team and this many entities, this large a part of all they name, or words this alike.
MIN_SHARED = 2
MIN_JACCARD = 0.3
MIN_COSINE = 0.35
TEAM_PREFIXES = ("club:", "national_team:")
_WORD = re.compile(r"[a-z][a-z'-]+")
FILLER_WORDS = """that this with from have after their they will been were said which would about when where
there than then into over them what your just also only some more most other could before under while being
against since because these those first last next second third game games side season league minutes minute
saturday sunday monday tuesday wednesday thursday friday"""
_FILLER = frozenset(FILLER_WORDS.split())


@dataclass(frozen=True, slots=True)
class Wording:
    """The words an article's likeness to another is measured on, with their counts, and the
    sum of the squared counts (counted once per article, not once per pair compared)."""

    counts: dict[str, int]
    norm2: int


def words(text: str) -> Wording:
    counts = Counter(w for w in _WORD.findall(text.lower()) if len(w) >= 4 and w not in _FILLER)
    return Wording(dict(counts), sum(map(mul, counts.values(), counts.values())))


def cosine(a: Wording, b: Wording) -> float:
    # Counts are whole numbers, so the dot product and the norms are exact in any order; the
    # shorter list of words is walked (an article is compared with every anchored article of
    # its days that names one of its teams, on every write).
    small, large = (a.counts, b.counts) if len(a.counts) <= len(b.counts) else (b.counts, a.counts)
    dot = sum([n * large[w] for w, n in small.items() if w in large])
    if not dot:
        return 0.0
    norm = math.sqrt(a.norm2 * b.norm2)
    return dot / norm if norm else 0.0


_SENTENCE_END = re.compile(r"[.!?][\"'”’]?(?:\s|$)|\n")


def lede_end(text: str) -> int:
    """Where the article's opening sentence (or headline line) ends."""
    m = _SENTENCE_END.search(text, 20)
    return m.end() if m else len(text)


def main_event(analysis: Analysis) -> Event | None:
    """The event the article's opening sentence tells (a match before other kinds there); with
    none there, the match it reports first, else its first event.  So "X has been sacked ...
    after Wednesday's defeat" is about the sacking, not the match it mentions later."""
    dated = [e for e in analysis.events if e.date and e.sources]
    if not dated:
        return None
    lede = lede_end(analysis.article.text)
    return min(dated, key=lambda e: (min(s.start for s in e.sources) >= lede, _PRIORITY.get(e.kind, 1),
                                     min(s.start for s in e.sources), -e.confidence))


def _story(event: Event) -> str:
    return f"story:{event.id.split(':', 1)[1]}"


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def story_for(article: str, main: Event | None, games: list[Event]) -> str:
    """The story of an article whose main event (as resolved across articles) is ``main``;
    ``games`` are the matches between the sides of a main fixture."""
    if main is None:
        return f"story:{article}"
    day = _day(main.date)
    if main.kind == "fixture" and day is not None:
        near = [g for g in games if (d := _day(g.date)) is not None and abs((d - day).days) <= PREVIEW_DAYS]
        if near:
            return _story(min(near, key=lambda g: (abs((_day(g.date) - day).days), g.id)))  # type: ignore[operator]
    return _story(main)


def like_story(published: date | None, entities: set[str], text: Wording,
               candidates: Iterable[tuple[date | None, str, set[str], Wording]]) -> str | None:
    """The story of the candidate (published, story, entity ids, words) most like an article
    published on ``published`` naming ``entities`` with words ``text``, if one is like enough."""
    if published is None:
        return None
    best: tuple[float, int, int, str] | None = None
    for when, story, named, other in candidates:
        if when is None or abs((when - published).days) > STORY_DAYS:
            continue
        shared = entities & named
        if not any(e.startswith(TEAM_PREFIXES) for e in shared):
            continue
        jaccard = len(shared) / len(entities | named)
        alike = cosine(text, other)
        if not ((len(shared) >= MIN_SHARED and jaccard >= MIN_JACCARD) or alike >= MIN_COSINE):
            continue
        # the most alike, then the most shared, then the nearest in time, then the story id
        rank = (max(jaccard, alike), len(shared), -abs((when - published).days), story)
        if best is None or rank > best:
            best = rank
    return best[3] if best else None


def assign_story(analysis: Analysis) -> Analysis:
    """The story an article tells on its own (the knowledge base settles it across articles)."""
    event = main_event(analysis)
    story = _story(event) if event else f"story:{analysis.article.id}"
    return replace(analysis, article=replace(analysis.article, story=story))
