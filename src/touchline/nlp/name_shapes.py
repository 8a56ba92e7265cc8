"""How an unknown name looks: runs of capitalised words, trimmed NER spans, names that read as a
club or a ground by their words ("... Rovers", "Estadio ..."), names inside a result, and the
role word before a name.  Used by ``tl_entities`` (:mod:`touchline.nlp.entities`)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from touchline.nlp.entity_facts import Article

PLAYER_ROLES = {"star", "midfielder", "striker", "defender", "forward", "winger", "goalkeeper",
                "keeper", "captain", "skipper", "youngster", "teenager", "full-back", "centre-back",
                "left-back", "right-back", "playmaker", "attacker", "international", "loanee",
                "signing", "legend", "wonderkid", "talisman", "ace"}
COACH_ROLES = {"boss", "manager", "coach", "head coach", "tactician", "gaffer"}


def trim_span(span: Span) -> Span | None:
    """Drop a possessive "'s" and a leading "the" from an NER span, and whatever it took from
    a line before its own ("Birmingham\n- Teemu Pukki": a name never runs over a line break)."""
    start, end = span.start, span.end
    doc = span.doc
    for k in range(end - 1, start - 1, -1):
        if (doc[k].is_space and "\n" in doc[k].text) or "\n" in doc[k].whitespace_:
            start = k + 1
            break
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    if end - start > 1 and span.doc[end - 1].lower_ in ("'s", "’s", "'"):
        end -= 1
    if end - start > 1 and span.doc[start].lower_ == "the":
        start += 1
    return span.doc[start:end] if end > start else None


@lru_cache(maxsize=1)
def shapes() -> dict[str, frozenset[str]]:
    text = files("touchline.nlp").joinpath("data/entities/name_shapes.json").read_text(encoding="utf-8")
    raw = json.loads(text)
    return {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}


def name_shape(span: Span, weak: bool = False) -> str | None:
    """"club" or "venue" when the words of an unknown name say so, else None.

    ``weak``: the NER already calls the span a name, so weak suffixes count.
    """
    known = shapes()
    words = [t.text for t in span]
    if len(words) < 2 or not all(w[:1].isupper() or w in known["name_particles"] for w in words):
        return None
    if words[-1] in known["venue_suffixes"] or words[0] in known["venue_prefixes"]:
        return "venue"
    suffixes = known["club_suffixes"] | (known["weak_club_suffixes"] if weak else frozenset())
    if words[-1] in suffixes or words[0] in known["club_prefixes"]:
        return "club"
    return None


@lru_cache(maxsize=4)
def _run_matcher(vocab: Any) -> Matcher:
    matcher = Matcher(vocab)
    particles = sorted(shapes()["name_particles"])
    word = {"IS_TITLE": True}
    matcher.add("RUN", [[word, {"LOWER": {"IN": particles}, "OP": "?"}, word, {"IS_TITLE": True, "OP": "*"}],
                        [{"IS_UPPER": True, "LENGTH": {">=": 2}}, word],
                        [word, {"IS_UPPER": True, "LENGTH": {">=": 2}}]], greedy="LONGEST")
    return matcher


def name_runs(doc: Doc) -> list[tuple[int, int, int]]:
    """Maximal runs of capitalised words: "Northbridge Rovers", "Estádio do Farol"."""
    return list(_run_matcher(doc.vocab)(doc))


def name_runs_of(art: Article) -> list[tuple[int, int, int]]:
    """``name_runs`` of the article's Doc, found once: three rules read them."""
    runs: list[tuple[int, int, int]] | None = art.cache.get("name_runs")
    if runs is None:
        runs = art.cache["name_runs"] = name_runs(art.doc)
    return runs


def trim_name(span: Span) -> Span | None:
    """An NER span without a leading "the", a possessive, or a score stuck to its end."""
    trimmed = trim_span(span)
    if trimmed is None:
        return None
    start, end = trimmed.start, trimmed.end
    while end > start and (any(c.isdigit() for c in span.doc[end - 1].text) or span.doc[end - 1].is_punct):
        end -= 1
    return span.doc[start:end] if end > start else None


RESULT_WORDS = {"beat", "beats", "beating", "against", "v", "vs", "vs.", "over", "host", "hosts", "hosted",
                "face", "faces", "faced", "drew", "thrashed", "defeated", "edged"}
# "in Berlin", "at Milan": before these a club's city-name alias is the place.
LOCATIVES = {"in", "at", "near", "outside", "around", "across", "into"}
# ... except after a result verb: "drew at Ipswich", "won at Burnley" name the club played.
AWAY_RESULT_VERBS = {"drew", "draw", "draws", "drawing", "won", "win", "wins", "winning", "lost", "lose",
                     "loses", "losing", "triumphed", "prevailed", "stumbled", "slipped", "succumbed"}


def result_at(doc: Doc, start: int) -> bool:
    """ "<result verb> at <name>": the name is the club played away to, not a place."""
    return start >= 2 and doc[start - 1].lower_ == "at" and doc[start - 2].lower_ in AWAY_RESULT_VERBS


def has_scoreline(span: Span) -> bool:
    """"4-1" as one token or as "4", "-", "1"."""
    toks = list(span)
    for i, tok in enumerate(toks):
        if any(c.isdigit() for c in tok.text) and ("-" in tok.text or "–" in tok.text):
            return True
        if tok.text.isdigit() and i + 2 < len(toks) and toks[i + 1].text in ("-", "–") \
                and toks[i + 2].text.isdigit():
            return True
    return False


def in_result(doc: Doc, start: int, end: int) -> bool:
    """A scoreline within three words, or a result word next to the name in a sentence with a scoreline."""
    if has_scoreline(doc[max(0, start - 3):min(len(doc), end + 5)]):
        return True
    near = {doc[start - 1].lower_ if start > 0 else "", doc[end].lower_ if end < len(doc) else ""}
    return bool(near & RESULT_WORDS) and has_scoreline(doc[start].sent)


def kind_from_context(span: Span) -> str:
    """Coach or player when a role word sits just before the name, else person."""
    left = span.doc[max(0, span.start - 3):span.start]
    words = {t.lower_ for t in left}
    if words & COACH_ROLES or ("head" in words and "coach" in words):
        return "coach"
    if words & PLAYER_ROLES:
        return "player"
    return "person"
