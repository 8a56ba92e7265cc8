"""The sketch of a Doc: every entity mention and every scoreline made one token, for the rules to match.

Rules are written over the sketch ("{team} beat {team} {score}"), so a
three-word club name or a score tokenised as "2 - 1" is one token, and
spaCy's ``Matcher`` does the matching.  Each sketch token (a ``Unit``) knows
the original tokens it covers, so slots map back to character spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.vocab import Vocab

from touchline.nlp.events.context import Context, Ment

_SCORE_ONE = re.compile(r"^(\d{1,2})[-–](\d{1,2})$")
_NUM = re.compile(r"^\d{1,2}$")
_GOALLESS = {"goalless", "scoreless", "nil-nil"}
_DASHES = {"-", "–"}

KIND_SYMBOL = {
    "club": "__team__", "national_team": "__team__",
    "player": "__player__", "coach": "__coach__",
    # a "person" is a name the NER calls a person and no gazetteer knows: most often a
    # player, but the small NER also calls unknown clubs people ("OL Reign"), so rules may
    # read it as a name when a result frame says it is a team
    "person": "__pname__",
    "competition": "__comp__", "venue": "__venue__",
    "derby": "__derby__",  # "El Clasico": two clubs at once (see derbies)
}
# Capitalised words that open sentences or name days, never an unknown club or person.
_NOT_NAMES = {
    "the", "a", "an", "in", "on", "at", "after", "before", "but", "and", "or", "with", "for", "from", "to",
    "as", "by", "when", "while", "his", "her", "their", "its", "this", "that", "these", "those", "it", "he",
    "she", "they", "we", "i", "you", "there", "here", "if", "so", "yet", "then", "now", "also", "still",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "first", "second", "last", "next", "just", "only", "even", "both", "all", "one", "two", "three",
    "ap", "afp", "reuters", "mr", "mrs", "ms", "dr", "sir", "st",
}


@dataclass(frozen=True, slots=True)
class Unit:
    """One sketch token: original tokens [start, end), and what it stands for."""

    start: int
    end: int
    symbol: str | None = None
    mention: Ment | None = None
    score: tuple[int, int] | None = None


@dataclass
class Sketch:
    doc: Doc
    units: list[Unit]
    unit_of_token: list[int]

    def tokens(self, first_unit: int, end_unit: int) -> tuple[int, int]:
        """Original token range covered by sketch tokens [first_unit, end_unit)."""
        return self.units[first_unit].start, self.units[end_unit - 1].end


def _score_at(ctx: Context, i: int) -> tuple[tuple[int, int], int] | None:
    """A final-looking scoreline starting at token i: "2-1", "2–1", "2 - 1"; not a record "5-1-4"."""
    doc, low, words = ctx.doc, ctx.lower, ctx.words
    if low[i] in _GOALLESS:
        return (0, 0), i + 1
    if not words[i][:1].isdigit():
        return None
    m = _SCORE_ONE.match(words[i])
    if m:
        score, end = (int(m.group(1)), int(m.group(2))), i + 1
    elif i + 2 < len(doc) and _NUM.match(words[i]) and words[i + 1] in _DASHES \
            and _NUM.match(words[i + 2]) and bool(doc[i].whitespace_) == bool(doc[i + 1].whitespace_):
        score, end = (int(words[i]), int(words[i + 2])), i + 3
    else:
        return None
    return None if _record_around(ctx, i, end) else (score, end)


def _record_around(ctx: Context, start: int, end: int) -> bool:
    """ "5-4-1" (a won-drawn-lost record) or "1-0-2": more numbers joined by dashes."""
    words = ctx.words
    if end + 1 < len(words) and words[end] in _DASHES and words[end + 1][:1].isdigit():
        return True
    return start >= 2 and words[start - 1] in _DASHES and words[start - 2][-1:].isdigit()


def _is_name_token(ctx: Context, i: int) -> bool:
    text = ctx.words[i]
    if not text[:1].isupper() or not any(c.isalpha() for c in text) or ctx.lower[i] in _NOT_NAMES:
        return False
    return not (len(text) > 1 and text.isupper() and len(text) <= 3 and ctx.lower[i] in ("fc",))


_SIDE_WORDS = {"men", "side", "team", "charges", "troops", "outfit", "squad", "boys", "women", "girls",
               "lads", "xi"}


def _coach_side(ctx: Context, ment: Ment) -> Ment | None:
    """ "Quill's men", "Pulis' side": the team of the coach (or player) named, when known."""
    j = ment.tok_end
    if ment.kind not in ("coach", "person", "player") or j + 1 >= len(ctx.doc):
        return None
    if ctx.lower[j] not in ("'s", "’s", "'", "’", "‘s", "‘"):
        return None
    k = j + 1
    # "Guardiola's struggling side": a word or two describing the side
    while k < min(j + 3, len(ctx.doc) - 1) and ctx.lower[k] not in _SIDE_WORDS and ctx.lower[k].isalpha() \
            and ctx.lower[k].islower() and ctx.doc[k].text.islower() and ctx.at(k) is None:
        k += 1
    if ctx.lower[k] not in _SIDE_WORDS:
        return None
    team = ctx.team_of_person(ment.entity)
    if team is None:
        return None
    doc = ctx.doc
    end = k + 1
    return Ment(ment.start, doc[end - 1].idx + len(doc[end - 1]), "club", team, doc[ment.tok_start:end].text,
                ment.tok_start, end, "coach_side", ment.confidence)


_TEAM_KINDS = ("club", "national_team")
_CLAUSE_AFTER = {"was", "were", "is", "are", "had", "has", "have", "did", "could", "would", "will", ",",
                 "then", "also", "only", "still", "never", "duly"}


def _latter_or_former(ctx: Context, i: int) -> Ment | None:
    """ "Roma beat Qarabag to finish ahead of Chelsea. The latter was held 1-1 ...": "the latter"
    and "the former" as the subject of a clause stand for one of the last two teams named
    ("the former Chelsea manager" describes a person and stays as it is)."""
    doc, low = ctx.doc, ctx.lower
    if i + 2 >= len(doc) or low[i] != "the" or low[i + 1] not in ("latter", "former"):
        return None
    nxt = doc[i + 2]
    if low[i + 2] not in _CLAUSE_AFTER and not (ctx.parsed and nxt.pos_ == "VERB" and nxt.tag_ == "VBD"):
        return None
    teams = [m for m in ctx.mentions if m.kind in _TEAM_KINDS and m.tok_end <= i]
    distinct: list[Ment] = []
    for m in reversed(teams):
        if all(m.entity != d.entity for d in distinct):
            distinct.append(m)
        if len(distinct) == 2:
            break
    if len(distinct) != 2:
        return None
    named = distinct[0] if low[i + 1] == "latter" else distinct[1]
    end = doc[i + 1].idx + len(doc[i + 1])
    return Ment(doc[i].idx, end, named.kind, named.entity, doc[i:i + 2].text, i, i + 2, "latter_former",
                named.confidence * 0.9)


def build_sketch(ctx: Context, vocab: Vocab) -> Sketch:
    """The sketch of ``ctx.doc``: mentions, scorelines and unknown capitalised names folded."""
    doc = ctx.doc
    units: list[Unit] = []
    unit_of_token = [0] * len(doc)
    i = 0
    n = len(doc)
    while i < n:
        ment = ctx.at(i)
        if ment is not None and ment.tok_start == i:
            symbol = KIND_SYMBOL.get(ment.kind)
            if symbol == "__pname__" and i > 0 and _is_name_token(ctx, i - 1) and ctx.at(i - 1) is None \
                    and units and units[-1].symbol == "__name__" and units[-1].end == i:
                # "OL" + "Reign" (an NER person): one unknown name
                last = units.pop()
                units.append(Unit(last.start, ment.tok_end, "__name__"))
                i = ment.tok_end
                continue
            side = _coach_side(ctx, ment)
            if side is not None:  # "Quill's men": the coach's team
                units.append(Unit(i, side.tok_end, "__team__", side))
                i = side.tok_end
                continue
            if symbol is not None:
                units.append(Unit(i, ment.tok_end, symbol, ment))
                i = ment.tok_end
                continue
        described = _latter_or_former(ctx, i) if ment is None else None
        if described is not None:
            units.append(Unit(i, described.tok_end, "__team__", described))
            i = described.tok_end
            continue
        score = _score_at(ctx, i)
        if score is not None:
            units.append(Unit(i, score[1], "__score__", score=score[0]))
            i = score[1]
            continue
        if ment is None and _is_name_token(ctx, i):
            j = i + 1
            while j < n and ctx.at(j) is None and _is_name_token(ctx, j) and not doc[j].is_sent_start:
                j += 1
            # a capitalised word opening a sentence is a name only with another after it
            if not doc[i].is_sent_start or j - i > 1:
                units.append(Unit(i, j, "__name__"))
                i = j
                continue
        units.append(Unit(i, i + 1))
        i += 1
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool | int | None] = []
    for k, u in enumerate(units):
        for t in range(u.start, u.end):
            unit_of_token[t] = k
        if u.symbol is not None:
            words.append(u.symbol)
        else:
            words.append(doc[u.start].text.replace("’", "'").replace("‘", "'") or " ")
        spaces.append(True)
        starts.append(bool(doc[u.start].is_sent_start) if u.start > 0 else True)
    sketch_doc = Doc(vocab, words=words or [" "], spaces=spaces or [False], sent_starts=starts or [True])
    return Sketch(sketch_doc, units, unit_of_token)
