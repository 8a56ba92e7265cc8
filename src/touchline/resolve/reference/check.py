"""Comparing an event with a reference result, and merging two checks of one event (pure functions)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from touchline.model import EventDetail, FixtureEvent, MatchEvent, ReferenceCheck, ReferenceResult


def text_scores(detail: EventDetail) -> dict[str, int] | None:
    """The text's score by team, or None when it gives none."""
    if not isinstance(detail, MatchEvent) or detail.home_score is None or detail.away_score is None:
        return None
    if detail.home is None or detail.away is None:
        return None
    return {detail.home: detail.home_score, detail.away: detail.away_score}


def score_agrees(detail: EventDetail, ref: ReferenceResult) -> bool | None:
    """Whether the text's score is the reference's, team by team (None: the text gives no score).

    The result after extra time and the score after 90 minutes both agree:
    reports give either ("drew 1-1 and went through on penalties").
    """
    told = text_scores(detail)
    if told is None or ref.home_score is None or ref.away_score is None:
        return None
    scores = [(ref.home_score, ref.away_score)]
    if ref.score_90:
        scores.append(ref.score_90)
    return any(told.get(ref.home) == h and told.get(ref.away) == a for h, a in scores)


def disagreements(detail: EventDetail, ref: ReferenceResult, home_stated: bool) -> list[str]:
    """The fields where the text says something else than the reference."""
    out: list[str] = []
    if home_stated and isinstance(detail, MatchEvent | FixtureEvent) and detail.home not in (None, ref.home):
        out.append("home")
    if score_agrees(detail, ref) is False:
        out += ["home_score", "away_score"]
    return out


def merge_checks(old: ReferenceCheck | None, new: ReferenceCheck | None,
                 detail: EventDetail) -> ReferenceCheck | None:
    """One check for two readings of one event (``detail`` is the merged reading).

    A linked check wins over an unlinked one; two links to the same result
    pool what they filled and replaced, and the merged fields are compared
    with the reference again (a second article may state the score the
    first left open, or a different one).
    """
    if old is None or new is None:
        return old or new
    if old.reference is None:
        return new if new.reference is not None else old
    if new.reference is None or (new.reference.file, new.reference.line) != (old.reference.file,
                                                                             old.reference.line):
        return old
    stated = "home" in old.disagree or "home" in new.disagree
    disagree = disagreements(detail, old.reference, stated)
    replaced: dict[str, Any] = {**new.replaced, **old.replaced}
    filled = tuple(dict.fromkeys((*old.filled, *new.filled)))
    return replace(old, state="contradicted" if disagree else "confirmed", disagree=tuple(disagree),
                   filled=filled, replaced=replaced)
