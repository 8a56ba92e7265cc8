"""Clubs the gazetteer does not know, read as clubs because a result frame says so.

"The Gresham Otters beat rivals Lakeport Wolves 2-0": two capitalised names
joined by a win verb and a scoreline are two teams, whatever list they are
missing from (a women's league, a league abroad, a spelling like
"Olympiakos").  Such a name is first looked up loosely in the gazetteer's
clubs (rapidfuzz ratio >= 90 on the folded name: a spelling variant of a known
club), else it becomes a new club entity.  Every other place the article
names it then counts as a mention, so the next pass reads "the Otters" too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from touchline.nlp.events.context import Context, Ment
from touchline.nlp.events.engine import Hit
from touchline.nlp.extensions import doc_text
from touchline.nlp.gazetteer_data import fold_name, load_default

# Fuzzy match floor: "olympiakos"/"olympiacos" scores 90, "sporting lisbon"/"sporting cp" 69.
FUZZY_MIN = 90
_MIN_LEN = 5
# Words a frame may put in a team slot that are never a club's name on their own.
_NOT_CLUBS = {"premier league", "champions league", "the league", "league", "cup", "fa cup", "europa league",
              "western conference", "eastern conference", "group", "nwsl", "mls"}


@lru_cache(maxsize=1)
def _ambiguous_forms() -> frozenset[str]:
    data = load_default()
    return frozenset(data.ambiguous) | frozenset(data.context_forms())


@lru_cache(maxsize=1)
def _club_forms() -> tuple[list[str], list[str]]:
    data = load_default()
    forms: list[str] = []
    ids: list[str] = []
    for e in data.entries.values():
        if e["kind"] not in ("club", "national_team"):
            continue
        for form in (e["name"], *e["aliases"]):
            folded = fold_name(form)
            if len(folded) >= _MIN_LEN:
                forms.append(folded)
                ids.append(e["id"])
    return forms, ids


def known_club(name: str) -> str | None:
    """The gazetteer club a name spells loosely, when one clearly does."""
    folded = fold_name(name)
    if len(folded) < _MIN_LEN:
        return None
    forms, ids = _club_forms()
    best = process.extractOne(folded, forms, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
    return ids[best[2]] if best is not None else None


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_name(name)).strip("-")


def clean_name(ctx: Context, start: int, end: int) -> tuple[int, int, str]:
    doc = ctx.doc
    while start < end and ctx.lower[start] == "the":
        start += 1
    return start, end, doc[start:end].text


def _describes_known_team(ctx: Context, end: int, sent_end: int) -> bool:
    """ "East Midlands rivals Derby County": a name that, with a word or two after it, describes a
    team the article names (a region, a league), not a team of its own."""
    for k in range(end, min(end + 3, sent_end)):
        if ctx.at(k, ("club", "national_team")) is not None:
            return k > end  # right after the name: two teams in a row, not a description
        if not ctx.lower[k].isalpha() or ctx.doc[k].text[:1].isupper():
            return False
    return False


def name_slots(ctx: Context, hits: list[Hit]) -> list[tuple[int, int]]:
    """Token spans of unknown names that a result frame puts in a team slot, with a scoreline
    (or a rule made for new clubs) backing the reading."""
    out: list[tuple[int, int]] = []
    for hit in hits:
        if hit.family != "result":
            continue
        score = hit.slots.get("score")
        backed = bool(hit.get("new_teams")) or (score is not None and score.score is not None)
        if not backed:
            continue
        for name in ("team", "opp"):
            slot = hit.slots.get(name)
            if slot is not None and (slot.symbol == "__name__" or slot.symbol == "__pname__"
                                     or (slot.symbol is None and slot.mention is None)) \
                    and ctx.lower[slot.start] not in _PRONOUNS \
                    and not _describes_known_team(ctx, slot.end, hit.sent.end):
                out.append((slot.start, slot.end))
    return out


def _article_club(ctx: Context, text: str) -> str | None:
    """ "United" when the article has named Manchester United: a club of the article whose name
    holds the word, if exactly one does."""
    low = text.lower()
    ids = {m.entity for m in ctx.mentions if m.kind in ("club", "national_team")
           and low in m.text.lower().split()}
    return ids.pop() if len(ids) == 1 else None


def adopt(ctx: Context, spans: list[tuple[int, int]]) -> list[dict[str, object]]:
    """Make each name a club (known loosely, or new) and mark every occurrence of it as a mention.
    Returns the entity records of new clubs, for ``doc._.tl_entities``."""
    doc = ctx.doc
    created: list[dict[str, object]] = []
    names: dict[str, str] = {}
    for start, end in spans:
        start, end, text = clean_name(ctx, start, end)
        if end <= start or text.lower() in _NOT_CLUBS:
            continue
        if end < len(doc) and ctx.lower[end] in ("'s", "’s"):
            continue  # "St Mary's": a name that owns something is a ground's or a person's
        eid = _article_club(ctx, text)
        if eid is not None:
            names[text] = eid
            continue
        if text in _ambiguous_forms():
            continue  # "United", "City": a club only through the article's context
        eid = known_club(text)
        if eid is not None and eid not in ctx.kinds:
            entry = load_default().get(eid)
            if entry is not None:
                created.append({"id": eid, "kind": entry["kind"], "name": entry["name"],
                                "aliases": list(entry["aliases"]), "attrs": dict(entry["attrs"])})
        if eid is None:
            eid = f"club:{slug(text)}"
            if eid not in ctx.kinds:
                created.append({"id": eid, "kind": "club", "name": text, "aliases": [],
                                "attrs": {"recognised_by": "result frame"}})
        ctx.kinds.setdefault(eid, str(next((c["kind"] for c in created if c["id"] == eid), "club")))
        ctx.attrs.setdefault(eid, {})
        names[text] = eid
    for text, eid in names.items():
        for m in re.finditer(rf"(?<!\w){re.escape(text)}(?!\w)", doc_text(doc)):
            span = doc.char_span(m.start(), m.end())
            if span is None:
                continue
            # the frame outranks the NER's guess that the name is a person's
            for i in range(span.start, span.end):
                for old in list(ctx.by_token.get(i, ())):
                    if old.kind == "person":
                        ctx.remove_mention(old)
            if any(ctx.at(i) is not None for i in range(span.start, span.end)):
                continue
            ctx.add_mention(Ment(m.start(), m.end(), "club", eid, text, span.start, span.end, "result_frame",
                                 0.7))
    return created


def scorer_name_slots(hits: list[Hit]) -> list[tuple[int, int]]:
    """Token spans of unknown names that a goal verb makes a scorer ("Teemu Pukki scored twice"):
    a person the NER missed, read as one because the frame says so; never words of a table or a
    run-on sentence ("Group A. Roma")."""
    out: list[tuple[int, int]] = []
    for hit in hits:
        slot = hit.slots.get("scorer")
        if hit.family != "goal" or slot is None or slot.symbol != "__name__" or slot.end - slot.start < 2:
            continue
        if not _not_a_person(hit, slot.start, slot.end):
            out.append((slot.start, slot.end))
    return out


_PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "them"}
_NOT_NAME_WORDS = {"group", "pool", "round", "matchday", "league", "cup", "division"}


def _not_a_person(hit: Hit, start: int, end: int) -> bool:
    doc = hit.sent.doc
    return any(doc[i].lower_ in _NOT_NAME_WORDS or doc[i].text.endswith(".") for i in range(start, end))


def adopt_people(ctx: Context, spans: list[tuple[int, int]]) -> list[dict[str, object]]:
    """Make each two-word-or-longer name a person and mark every occurrence of it (and of its
    last word, the surname) as a mention.  Returns the new entity records."""
    doc = ctx.doc
    created: list[dict[str, object]] = []
    for start, end in spans:
        text = doc[start:end].text
        eid = f"person:{slug(text)}"
        if eid not in ctx.kinds:
            created.append({"id": eid, "kind": "person", "name": text, "aliases": [],
                            "attrs": {"recognised_by": "goal frame"}})
            ctx.kinds[eid] = "person"
            ctx.attrs[eid] = {}
        surname = doc[end - 1].text
        for form in (text, surname):
            for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", doc_text(doc)):
                span = doc.char_span(m.start(), m.end())
                if span is None or any(ctx.at(i) is not None for i in range(span.start, span.end)):
                    continue
                ctx.add_mention(Ment(m.start(), m.end(), "person", eid, form, span.start, span.end,
                                     "goal_frame", 0.6))
    return created
