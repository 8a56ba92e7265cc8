"""Time expressions in football news, normalised to TIMEX3 against the article's date.

Importing this package registers the spaCy factory ``tl_time``.  The plain
function API needs no parse: :func:`find_timexes` reads tense from cue words.
Football seasons are written as ISO month intervals (``"2024-08/2025-05"``,
see :mod:`touchline.nlp.time.calendar`); match-relative expressions carry
``anchor="match"`` or ``anchor="competition"`` and never a calendar date
(see :mod:`touchline.nlp.time.football`).
"""

from __future__ import annotations

import logging
from datetime import date

from touchline.model import TimeExpression
from touchline.nlp.time.component import TimeTagger, make_time_tagger
from touchline.nlp.time.recognise import find_timex_dicts

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

__all__ = ["TimeTagger", "find_timex_dicts", "find_timexes", "make_time_tagger", "to_records"]


def to_records(found: list[dict[str, object]], article: str = "") -> list[TimeExpression]:
    """Plain timex dicts (as in ``doc._.tl_timexes``) as :class:`TimeExpression` records."""
    return [
        TimeExpression(
            article=article,
            start=int(t["start"]),  # type: ignore[call-overload]
            end=int(t["end"]),  # type: ignore[call-overload]
            text=str(t["text"]),
            type=str(t["type"]),
            value=None if t["value"] is None else str(t["value"]),
            reason=None if t["reason"] is None else str(t["reason"]),
            anchor=None if t["anchor"] is None else str(t["anchor"]),
        )
        for t in found
    ]


def find_timexes(text: str, dct: date | None, article: str = "") -> list[TimeExpression]:
    """Time expressions in ``text`` anchored on the published date ``dct``.

    With ``dct=None`` relative expressions keep ``value=None`` and a reason.
    """
    return to_records(find_timex_dicts(text, dct), article)
