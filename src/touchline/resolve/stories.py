"""Cluster articles into stories: articles about one main event tell one story.

An article's main event is the match (else any event) it reports first and
most surely: match reports, previews that look back and follow-ups about one
game share it.  An article with no event is a story of its own.
"""

from __future__ import annotations

from dataclasses import replace

from touchline.model import Analysis, Event

# Matches anchor stories; other kinds only when an article reports no match.
_PRIORITY = {"match": 0}


def main_event(analysis: Analysis) -> Event | None:
    dated = [e for e in analysis.events if e.date and e.sources]
    if not dated:
        return None
    return min(dated, key=lambda e: (_PRIORITY.get(e.kind, 1), min(s.start for s in e.sources),
                                     -e.confidence))


def assign_story(analysis: Analysis) -> Analysis:
    event = main_event(analysis)
    story = f"story:{event.id.split(':', 1)[1]}" if event else f"story:{analysis.article.id}"
    return replace(analysis, article=replace(analysis.article, story=story))
