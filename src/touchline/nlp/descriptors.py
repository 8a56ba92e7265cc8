"""Descriptor mentions: "the full-back", "the Englishman", "the 21-year-old",
"the former Borussia Dortmund midfielder", "the Spanish giants".

This module finds descriptor phrases with a spaCy Matcher and says what
each one requires of the entity it names (position, nationality, age, club);
``tl_entities`` picks the most recent fitting entity of the article.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from touchline.nlp.word_regions import RegionMatcher

logger = logging.getLogger(__name__)

# Head words: what kind of thing the phrase names and what it says about it.
POSITION_HEADS: dict[str, str] = {
    "goalkeeper": "GK", "keeper": "GK", "goalie": "GK", "shot-stopper": "GK",
    "defender": "DF", "full-back": "DF", "fullback": "DF", "centre-back": "DF", "center-back": "DF",
    "left-back": "DF", "right-back": "DF", "wing-back": "DF", "centre-half": "DF",
    "midfielder": "MF", "playmaker": "MF",
    "striker": "FW", "forward": "FW", "winger": "FW", "attacker": "FW", "centre-forward": "FW",
    "frontman": "FW",
}
PLAYER_HEADS = {"player", "star", "youngster", "teenager", "international", "captain", "skipper",
                "veteran", "talisman", "ace", "academy graduate", "signing", "loanee", "forward"}
PERSON_HEADS = {"man"}
COACH_HEADS = {"boss", "manager", "coach", "head coach", "tactician", "gaffer"}
CLUB_HEADS = {"giants", "side", "club", "outfit", "champions", "holders", "leaders", "team"}
# Words that may sit between "the" and the head without saying anything we check.
FILLERS = {"young", "experienced", "veteran", "talented", "in-form", "prolific", "influential",
           "versatile", "towering", "star", "new", "current", "record", "reigning", "top-flight"}
FORMER = {"former", "ex"}
AGE_WORDS = ("year", "-", "old")
# "Slot's men", "Ancelotti's side": possessive coach + one of these.
SIDE_WORDS = {"men", "side", "team", "charges", "troops", "squad", "players", "boys", "outfit"}


@dataclass
class Descriptor:
    """A descriptor phrase and what it requires of its entity."""

    start: int  # token offsets of the whole phrase
    end: int
    kind: str  # player | coach | person | club
    position: str | None = None
    nationality_words: set[str] = field(default_factory=set)  # lower-cased demonyms
    national_team: str | None = None  # "the England international"
    age: int | None = None
    club: str | None = None
    former: bool = False
    competition: str | None = None
    unknown_words: bool = False  # capitalised words we could not read: leave it alone

    @property
    def constraints(self) -> int:
        return sum(bool(x) for x in (self.position, self.nationality_words, self.national_team,
                                     self.age, self.club, self.competition))


def _head_patterns(heads: set[str]) -> list[list[dict[str, Any]]]:
    """Token patterns for head words, hyphenated ones split as the tokenizer splits them."""
    out = []
    for head in sorted(heads):
        toks: list[dict[str, Any]] = []
        for part in head.replace("-", " - ").split():
            toks.append({"LOWER": part} if part != "-" else {"ORTH": "-"})
        out.append(toks)
    return out


def build_matcher(vocab: Vocab, demonym_nouns: set[str]) -> RegionMatcher:
    """A Matcher for "the [former] [modifiers] HEAD" and "the N-year-old [HEAD]" (run only
    around a "the" with a head word or "old" within reach, see word_regions)."""
    matcher = RegionMatcher(vocab)
    heads = set(POSITION_HEADS) | PLAYER_HEADS | PERSON_HEADS | COACH_HEADS | CLUB_HEADS
    # Between "the" and the head: capitalised words, hyphens, and the few lower-case
    # modifiers we know how to read (anything else would swallow whole clauses).
    lower = "|".join(sorted(FILLERS | FORMER))
    mid: dict[str, Any] = {"OP": "{0,6}", "TEXT": {"REGEX": rf"^(?:[A-Z][\w'.]*|-|{lower})$"}}
    # One-word heads share one pattern: one pattern per head would run hundreds of
    # parallel partial matches from every "the" (measured 7x slower).
    single, multi = _split_heads(heads | set(demonym_nouns))
    matcher.add("DESC", [[{"LOWER": "the"}, mid, {"LOWER": {"IN": single}}]]
                + [[{"LOWER": "the"}, mid, *head] for head in multi])
    age: list[dict[str, Any]] = [{"LOWER": "the"}, {"LIKE_NUM": True}, {"ORTH": "-"}, {"LOWER": "year"},
                                 {"ORTH": "-"}, {"LOWER": "old"}]
    single, multi = _split_heads(set(POSITION_HEADS) | PLAYER_HEADS | COACH_HEADS)
    matcher.add("AGE", [age, [*age, {"LOWER": {"IN": single}}]] + [[*age, *head] for head in multi])
    return matcher


def _split_heads(heads: set[str]) -> tuple[list[str], list[list[dict[str, Any]]]]:
    """One-word heads as a word list; hyphenated or spaced ones as token patterns."""
    patterns = _head_patterns(heads)
    single = sorted(p[0]["LOWER"] for p in patterns if len(p) == 1)
    return single, [p for p in patterns if len(p) > 1]


def find(doc: Doc, matcher: RegionMatcher) -> list[tuple[int, int, str]]:
    """(start, end, label) of descriptor phrases, the longest at each end, no overlaps."""
    best: dict[int, tuple[int, int, str]] = {}
    strings = doc.vocab.strings
    for match_id, start, end in matcher(doc):
        label = strings[match_id]
        old = best.get(end)
        if old is None or start < old[0]:
            best[end] = (start, end, label)
    # Longest first, drop overlapping shorter ones ("the Gunners captain" over "the Gunners").
    chosen: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for start, end, label in sorted(best.values(), key=lambda m: (m[0] - m[1], m[0])):
        if any(i in taken for i in range(start, end)):
            continue
        chosen.append((start, end, label))
        taken.update(range(start, end))
    return sorted(chosen)


def read(span: Span, label: str, ents: dict[int, tuple[str, str]], demonyms: dict[str, str],
         demonym_nouns: set[str], competition_country: dict[str, str]) -> Descriptor | None:
    """What a descriptor phrase requires; None when it names nothing we can check.

    ``ents`` maps token index → (entity kind, id) for gazetteer matches inside the
    phrase; ``demonyms`` maps lower-cased demonyms to FIFA codes.
    """
    tokens = list(span)
    desc = Descriptor(start=span.start, end=span.end, kind="player")
    i = 1
    if label == "AGE":
        desc.age = int(tokens[1].text) if tokens[1].text.isdigit() else None
        if desc.age is None or not 14 <= desc.age <= 50:
            return None
        i = 6
    head_start = _head_start(tokens, i)
    head = " ".join(t.lower_ for t in tokens[head_start:]).replace(" - ", "-")
    if head in COACH_HEADS:
        desc.kind = "coach"
    elif head in CLUB_HEADS:
        desc.kind = "club"
    elif head in PERSON_HEADS:
        desc.kind = "person"
    if head in POSITION_HEADS:
        desc.position = POSITION_HEADS[head]
    if head in demonym_nouns:
        desc.nationality_words.add(head)
    for tok in tokens[i:head_start]:
        low = tok.lower_
        ent = ents.get(tok.i)
        if ent is not None:
            kind, eid = ent
            if kind == "club":
                desc.club = eid
            elif kind == "national_team":
                desc.national_team = eid
            elif kind == "competition":
                desc.competition = eid
            else:
                desc.unknown_words = True
        elif low in FORMER:
            desc.former = True
        elif low in demonyms:
            desc.nationality_words.add(low)
        elif low in FILLERS or tok.text == "-" or low == "the":
            continue
        else:
            desc.unknown_words = True
    if desc.kind == "club" and desc.club:
        return None  # "the Liverpool side" is the club itself: the gazetteer has it
    if desc.kind == "club" and desc.competition:
        country = competition_country.get(desc.competition)
        if country is None:
            return None
    if desc.former and not desc.club:
        desc.unknown_words = True
    return desc


def _head_start(tokens: list[Token], i: int) -> int:
    """Index where the head word starts: the last word, or the last three for "full-back"."""
    if len(tokens) - i >= 3 and tokens[-2].text == "-":
        return len(tokens) - 3
    if len(tokens) - i >= 2 and tokens[-2].lower_ == "head" and tokens[-1].lower_ == "coach":
        return len(tokens) - 2
    if len(tokens) - i >= 2 and tokens[-2].lower_ == "academy":
        return len(tokens) - 2
    return len(tokens) - 1
