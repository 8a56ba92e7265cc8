"""Cluster articles into stories: articles about one happening tell one story.

An article's main event is the match (else any event) it reports first and
most surely.  In the knowledge base every article telling one happening has its
reading of it resolved into one event (:mod:`touchline.resolve.across`), so the
articles whose main events are one event share a story: match reports, previews
that look back and follow-ups about one game, reports of one transfer.  A preview
(its main event a fixture) joins the story of the match between the same sides
played within a few days of the fixture's date.  The same clubs meeting a year
apart are two matches, so two stories.  An article with no event is a story of
its own.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from touchline.model import Analysis, Event

# Matches anchor stories; other kinds only when an article reports no match.
_PRIORITY = {"match": 0}
# How far a fixture's date may lie from the match it previews.
PREVIEW_DAYS = 3


def main_event(analysis: Analysis) -> Event | None:
    dated = [e for e in analysis.events if e.date and e.sources]
    if not dated:
        return None
    return min(dated, key=lambda e: (_PRIORITY.get(e.kind, 1), min(s.start for s in e.sources),
                                     -e.confidence))


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


def assign_story(analysis: Analysis) -> Analysis:
    """The story an article tells on its own (the knowledge base settles it across articles)."""
    event = main_event(analysis)
    story = _story(event) if event else f"story:{analysis.article.id}"
    return replace(analysis, article=replace(analysis.article, story=story))
