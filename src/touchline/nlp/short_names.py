"""A club named in full once and then by one of its words: "Castelmar" after "Castelmar FC",
"Rovers" after "Northbridge Rovers".

Used by ``tl_entities`` once the clubs of an article are in.  A one-word name is that club
when the word is the distinctive first word of exactly one club the article names in full,
or the last word of exactly one (and of no other club of the article, first or last).  A
first word counts only where the NER calls it a name; a last word also where it stands on
its own, capitalised, after the club's full name ("... joined Northbridge Rovers. Rovers
are third").  A last word is taken only when it is no abbreviation ("FC"), no city the
gazetteer knows ("Munich" after "Bayern Munich" may be the place) and no name the
gazetteer gives something else ("Rangers" is a club of its own).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

from touchline.nlp.entity_facts import Article

_NER_LABELS = ("PERSON", "ORG", "GPE", "NORP")


def _last_word_ok(art: Article, word: str, club: str) -> bool:
    if len(word) < 4 or not word[:1].isupper() or word.isupper() or not word.isalpha():
        return False
    if word in art.data.cities:
        return False
    known = art.data.by_alias.get(word, set())
    return not known or club in known


def _alone(doc: Doc, i: int) -> bool:
    """Token ``i`` is a name of one word: no capitalised word joined to it ("Blackburn Rovers",
    "Rovers Ground")."""
    before = doc[i - 1] if i > 0 else None
    after = doc[i + 1] if i + 1 < len(doc) else None
    joined_before = before is not None and before.text[:1].isupper() and not before.is_sent_start \
        and before.is_alpha
    joined_after = after is not None and after.text[:1].isupper() and after.is_alpha
    return not joined_before and not joined_after


def link(art: Article, names: Iterable[tuple[Span, str]], club_prefixes: frozenset[str]) -> None:
    """Link each one-word name (``names``: the NER's, trimmed, with their labels; and the
    capitalised words after a club's full name) to the one club of the article it stands for."""
    doc = art.doc
    first_words: dict[str, set[str]] = {}
    last_words: dict[str, set[str]] = {}
    named_at: dict[str, int] = {}
    for m in art.mentions:
        if m.kind != "club" or not m.entity or m.end - m.start < 2:
            continue
        first, last = doc[m.start].text, doc[m.end - 1].text
        if first not in club_prefixes:
            first_words.setdefault(first, set()).add(m.entity)
        last_words.setdefault(last, set()).add(m.entity)
        named_at[last] = min(named_at.get(last, m.end), m.end)
    ner = [(span, label) for span, label in names if len(span) == 1 and label in _NER_LABELS]
    for span, _ in ner:
        if art.overlaps(span.start, span.end):
            continue
        word = span.text
        clubs = first_words.get(word, set())
        if len(clubs) == 1:
            art.add(span.start, span.end, "club", next(iter(clubs)), 0.7, "context")
            continue
        _link_last_word(art, span.start, last_words.get(word, set()) | clubs)
    for word, at in named_at.items():
        for i in range(at, len(doc)):
            if doc[i].text == word and _alone(doc, i) and not art.overlaps(i, i + 1):
                _link_last_word(art, i, last_words[word] | first_words.get(word, set()))


def _link_last_word(art: Article, i: int, clubs: set[str]) -> None:
    if len(clubs) == 1 and _last_word_ok(art, art.doc[i].text, next(iter(clubs))):
        art.add(i, i + 1, "club", next(iter(clubs)), 0.7, "context")
