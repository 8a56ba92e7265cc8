"""People in one article: clean names, one id per person, kinds and roles from the context.

``tl_entities`` calls :func:`refine` once the people the gazetteer, the
pretrained NER and the context patterns found are in, and :func:`finish` at
its end.  Together they:

- cut junk off a name the NER glued to punctuation or a pronoun ("Arsene
  Wenger - he" is Arsene Wenger; "Terry, Bridge" is two surnames, not a name);
- type a person the gazetteer does not know from the words around the name:
  "Harbour manager Ivo Brandt", "Ivo Brandt, the Harbour boss," and "Ivo
  Brandt, Harbour manager:" make a coach of Harbour; "Harbour vice-chairman
  Ana Lopes" a person with that role (``attrs["stated"]`` carries the club
  and the role the text gives);
- give one person one id in the article, whatever kind each sentence
  suggested and however the name was written ("Sir Alan Hartigan", "Alan
  Hartigan", "Rafa"/"Rafael"), preferring the gazetteer's id;
- join a surname written without its accents ("Fullkrug" after "Niclas
  Füllkrug") to the one person of the article it names;
- give back to the club, competition or venue a name the NER called a person
  ("La Liga", "St James Park") when the gazetteer names exactly one such thing so.

When unsure a mention stays as it was: a wrong merge costs more than a missed one.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from functools import lru_cache
from importlib.resources import files
from typing import Any

from spacy.tokens import Doc, Token

from touchline.model import entity_id
from touchline.nlp import names
from touchline.nlp.entity_facts import Article, Mention

logger = logging.getLogger(__name__)

PERSON_KINDS = ("player", "coach", "person")
# Mentions whose names came from the text, not the gazetteer: these may be cleaned and retyped.
_FOUND_IN_TEXT = ("ner", "context")
_KIND_RANK = {"person": 0, "player": 1, "coach": 2}


@lru_cache(maxsize=1)
def roles() -> dict[str, dict[str, str]]:
    """Role words ("boss" -> coach, "vice-chairman" -> person with that role), from the data file."""
    raw = json.loads(files("touchline.nlp").joinpath("data/names/roles.json").read_text(encoding="utf-8"))
    out: dict[str, dict[str, str]] = {}
    for kind, words in (("coach", raw["coach"]), ("player", raw["player"]), ("person", raw["official"])):
        for word in words:
            out[word] = {"kind": kind, "role": raw["role_of"].get(word, "")}
    return out


# --- entry points -----------------------------------------------------------------


def refine(art: Article) -> None:
    """Clean, type and unify the people found so far (before surnames are joined)."""
    clean_names(art)
    type_from_context(art)
    unify(art)
    drop_epithets(art)


def finish(art: Article) -> None:
    """After every step of ``tl_entities``: surnames without accents, names of things, and no
    surname given to a stranger when the article names someone else who bears it."""
    join_plain_surnames(art)
    give_back_names_of_things(art)
    unify(art)
    unlink_shared_surnames(art)


# --- junk ---------------------------------------------------------------------------


def _name_end(doc: Doc, start: int, end: int) -> int:
    """Where the name that starts at ``start`` really ends, inside [start, end)."""
    i = start
    while i < end:
        tok = doc[i]
        if tok.is_space:
            break  # a line break inside an NER span: a headline glued to a name
        if tok.text in ("-", "–") and (doc[i - 1].whitespace_ or tok.whitespace_):
            break  # "Wenger - he": a dash between words, not inside a double-barrelled name
        if tok.is_punct and tok.text not in ("-", "'", "’", "."):
            break  # "Terry, Bridge", "Luton v Hinckley/Brentford"
        if tok.text[:1].islower() and tok.lower_ not in names.PARTICLES:
            break  # "Patrick Vieira - and", "Moyes U-turn"
        if tok.lower_ in ("v", "vs", "vs."):
            break
        i += 1
    # No dangling hyphen or apostrophe, and no lone capital letter at the end ("Moyes U").
    while i > start and (doc[i - 1].text in ("-", "–", "'", "’")
                         or (len(doc[i - 1].text) == 1 and i - 1 > start)):
        i -= 1
    return i


def clean_names(art: Article) -> None:
    """Cut every person name the NER or a context pattern found down to the name itself."""
    doc = art.doc
    kept: list[Mention] = []
    for m in art.mentions:
        if m.kind not in PERSON_KINDS or m.method not in _FOUND_IN_TEXT or m.nested or not m.entity:
            kept.append(m)
            continue
        end = _name_end(doc, m.start, m.end)
        if not names.parse(doc[m.start:end].text).full:
            continue  # a surname alone ("van Persie"): the surname step and the NER fallback decide
        if end == m.end:
            kept.append(m)
            continue
        name = doc[m.start:end].text
        eid = entity_id(m.kind, name)
        art.new_entity(eid, m.kind, name, art.stated(m.entity))
        m.end, m.entity = end, eid
        kept.append(m)
    art.mentions[:] = kept


# --- kinds and roles from the context ------------------------------------------------


def _role_before(doc: Doc, start: int) -> tuple[str, int] | None:
    """The role word right before a name ("Harbour vice-chairman Ana Lopes"): (word, its first token)."""
    table = roles()
    for width in (3, 2, 1):
        if start - width < 0:
            continue
        words = doc[start - width:start]
        text = "".join(t.text_with_ws for t in words).strip().lower().replace(" - ", "-")
        if text in table:
            return text, start - width
    return None


def _role_after(doc: Doc, end: int) -> tuple[str, int] | None:
    """", the Harbour boss," or ", Harbour manager:" right after a name: (role word, first token of
    the words naming the club, if any)."""
    if end + 2 >= len(doc) or doc[end].text != ",":
        return None
    i = end + 1
    if doc[i].lower_ in ("the", "a"):
        i += 1
    table = roles()
    for j in range(i, min(i + 6, len(doc))):
        for width in (3, 2, 1):
            words = doc[j:j + width]
            text = "".join(t.text_with_ws for t in words).strip().lower().replace(" - ", "-")
            if text in table and (j + width >= len(doc) or doc[j + width].is_punct):
                return text, i
        if not (doc[j].is_title or doc[j].text == "-" or doc[j].lower_ in names.PARTICLES):
            break
    return None


def _team_at(art: Article, start: int, stop: int) -> str | None:
    """The club or national team named in [start, stop)."""
    for m in art.mentions:
        if start <= m.start and m.end <= stop and m.kind in ("club", "national_team") and m.entity:
            return m.entity
    return None


def type_from_context(art: Article) -> None:
    """Coach, player or a person with a role, and the club, from the words around each name."""
    doc = art.doc
    for m in art.mentions:
        if m.kind not in PERSON_KINDS or not m.entity or m.nested:
            continue
        before = _role_before(doc, m.start)
        after = _role_after(doc, m.end) if before is None else None
        if before is None and after is None:
            continue
        if before is not None:
            word, first = before
            team = art.club_before(first)
        else:
            assert after is not None
            word, first = after
            team = _team_at(art, first, first + 6)
        role = roles()[word]
        stated: dict[str, Any] = {}
        if team:
            stated["team" if role["kind"] == "coach" else "club"] = team
        if role["role"]:
            stated["role"] = role["role"]
        art.state(m.entity, stated)
        in_gazetteer = m.entity in art.data.entries
        if role["kind"] != "person" and not in_gazetteer and m.method in _FOUND_IN_TEXT \
                and _KIND_RANK[role["kind"]] > _KIND_RANK.get(m.kind, 0):
            _retype(art, m, role["kind"])


def _retype(art: Article, m: Mention, kind: str) -> None:
    assert m.entity is not None
    old = art.entity(m.entity)
    eid = entity_id(kind, old["name"])
    art.new_entity(eid, kind, old["name"], art.stated(m.entity))
    for other in art.mentions:
        if other.entity == m.entity:
            other.entity, other.kind = eid, kind


# --- one id per person ----------------------------------------------------------------


def _canonical(art: Article, ids: list[str], counts: Counter[str]) -> str:
    known = [i for i in ids if i in art.data.entries]
    pool = known or ids
    return max(pool, key=lambda i: (_KIND_RANK.get(art.entity(i)["kind"], 0), counts[i], -ids.index(i)))


def unify(art: Article) -> None:
    """One id for every spelling of one person's full name in the article: the same key
    ("Sir Alan Hartigan", "Rafa"/"Rafael"), or names that can be one person's ("Steve" and
    "Steven Gerrard", a middle name one lacks)."""
    people: dict[str, names.PersonName] = {}
    counts: Counter[str] = Counter()
    for m in art.mentions:
        if m.kind not in PERSON_KINDS or not m.entity:
            continue
        counts[m.entity] += 1
        if m.entity not in people:
            parsed = names.parse(art.entity(m.entity)["name"])
            if parsed.full:
                people[m.entity] = parsed
    ids = list(people)
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            i = parent[i]
        return i

    for n, a in enumerate(ids):
        for b in ids[n + 1:]:
            if people[a].key == people[b].key or names.same_person(people[a], people[b]):
                parent[root(b)] = root(a)
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(root(i), []).append(i)
    for group in groups.values():
        if len(group) < 2:
            continue
        keep = _canonical(art, group, counts)
        kind = art.entity(keep)["kind"]
        for other in group:
            if other != keep:
                art.state(keep, art.stated(other))
        for m in art.mentions:
            if m.entity in group and m.entity != keep:
                m.entity, m.kind = keep, kind


# Words a headline-style sentence puts before a surname ("Matchwinner Keane", "Skipper Falk").
EPITHETS = frozenset({"matchwinner", "match-winner", "hero", "goalscorer", "scorer", "debutant", "substitute",
                      "sub", "veteran", "youngster", "teenager", "newcomer", "new boy", "boss", "skipper",
                      "captain", "striker", "forward", "midfielder", "defender", "keeper", "goalkeeper",
                      "winger", "manager", "coach", "chairman", "ace", "star", "legend"})


def drop_epithets(art: Article) -> None:
    """"Matchwinner Keane", "Skipper Falk": a word of praise or rank glued before the surname of
    one person of the article is no first name; the mention is that person's surname."""
    people: dict[str, set[str]] = {}
    for m in art.mentions:
        if m.kind in PERSON_KINDS and m.entity:
            parsed = names.parse(art.entity(m.entity)["name"])
            if parsed.full:
                people.setdefault(parsed.surname, set()).add(m.entity)
    for m in art.mentions:
        if m.kind not in PERSON_KINDS or m.method not in _FOUND_IN_TEXT or not m.entity \
                or m.end - m.start != 2:
            continue
        parsed = names.parse(art.entity(m.entity)["name"])
        owners = people.get(parsed.surname, set()) - {m.entity}
        if parsed.full and parsed.given[0] in EPITHETS and len(owners) == 1:
            owner = next(iter(owners))
            m.start, m.entity, m.kind, m.method = m.start + 1, owner, art.entity(owner)["kind"], "surname"


# --- surnames and names of things ------------------------------------------------------


def join_plain_surnames(art: Article) -> None:
    """A one-word person mention left unresolved whose folded form is the surname of exactly
    one person of the article: "Fullkrug" after "Niclas Füllkrug"."""
    by_surname: dict[str, set[str]] = {}
    for m in art.mentions:
        if m.kind in PERSON_KINDS and m.entity:
            parsed = names.parse(art.entity(m.entity)["name"])
            if parsed.full:
                by_surname.setdefault(parsed.surname, set()).add(m.entity)
    if not by_surname:
        return
    for m in art.mentions:
        if m.kind not in PERSON_KINDS or m.entity or m.nested:
            continue
        text = _without_possessive(art.doc[m.start:m.end])
        ids = by_surname.get(names.fold(text), set())
        if len(ids) == 1:
            eid = next(iter(ids))
            m.entity, m.kind, m.method, m.confidence = eid, art.entity(eid)["kind"], "surname", 0.85


def unlink_shared_surnames(art: Article) -> None:
    """"Keane" in an article naming Roy Keane and Robbie Keane is neither for sure, and never
    the gazetteer's third Keane: a surname mention whose person is not the only one of the
    article with that surname is left unresolved."""
    bearers: dict[str, set[str]] = {}
    for m in art.mentions:
        if m.kind in PERSON_KINDS and m.entity and m.method != "surname":
            parsed = names.parse(art.entity(m.entity)["name"])
            if parsed.full:
                bearers.setdefault(parsed.surname, set()).add(m.entity)
    for m in art.mentions:
        if m.method != "surname" or not m.entity or m.kind not in PERSON_KINDS:
            continue
        surname = names.parse(art.entity(m.entity)["name"]).surname
        if bearers.get(surname, set()) - {m.entity}:
            m.entity = None


def _without_possessive(tokens: Any) -> str:
    words = [t.text for t in tokens if t.lower_ not in ("'s", "’s")]
    return " ".join(words)


# Words after which a one-word name is a team, not a person: "the game at Bolton".
_TEAM_CONTEXT = frozenset({"at", "against", "v", "vs", "vs.", "beat", "beating", "over", "to", "from", "with",
                           "host", "hosts", "hosting", "visit", "visiting", "face", "facing"})


def give_back_names_of_things(art: Article) -> None:
    """A "person" the NER found whose name is, in the gazetteer, exactly one club,
    competition or venue (and no person) is that thing; a one-word one only after a word
    that puts a team there ("at Bolton") and when no person of the article has that surname."""
    by_alias = art.data.by_alias
    surnames = {names.parse(art.entity(m.entity)["name"]).surname for m in art.mentions
                if m.entity and m.kind in PERSON_KINDS}
    for m in art.mentions:
        if m.kind not in PERSON_KINDS or m.method not in _FOUND_IN_TEXT or m.entity in art.data.entries:
            continue
        text = _without_possessive(art.doc[m.start:m.end])
        if len(text.split()) < 2:
            owners = by_alias.get(text, set())
            if m.entity is not None or not owners or names.fold(text) in surnames:
                continue
            kinds = {art.data.entries[o]["kind"] for o in owners}
            if kinds == {"competition"} and len(owners) > 1:
                m.kind = "competition"  # "the Premiership": which one is unclear, but no person
                continue
            if len(owners) != 1:
                continue
            eid = next(iter(owners))
            kind = art.data.entries[eid]["kind"]
            # A competition's one-word name ("the Premiership") is no one's surname; a club's
            # ("Bolton") only after a word that puts a team there.
            team_here = kind in ("club", "national_team") and m.start > 0 \
                and art.doc[m.start - 1].lower_ in _TEAM_CONTEXT
            if kind == "competition" or team_here:
                m.entity, m.kind, m.method = eid, kind, "context"
            continue
        ids = by_alias.get(text, set()) | by_alias.get(names.without_honorifics(text), set())
        things = {i for i in ids if art.data.entries[i]["kind"] not in PERSON_KINDS}
        if len(things) == 1 and len(ids) == 1:
            eid = next(iter(things))
            m.entity, m.kind, m.method = eid, art.data.entries[eid]["kind"], "gazetteer"


def is_name_token(tok: Token) -> bool:
    """A word that can be part of a person's name."""
    return tok.is_title or tok.lower_ in names.PARTICLES or tok.text in ("-", "'", "’")
