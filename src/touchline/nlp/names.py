"""How one person's name varies, and whether two written names can be one person.

Football writing names one person many ways: with an honorific ("Sir Alex
Ferguson"), a diminutive ("Rafa Benitez" for Rafael Benítez, "Mo Salah"), with
or without accents ("Arsène"/"Arsene") and letters Unicode does not decompose
("Solskjær"/"Solskjaer"), hyphenated or not ("Oxlade-Chamberlain"), and by the
surname alone.  This module turns a name into comparable parts; the data (the
honorifics, the given-name variants, the letters to transliterate) is in
``nlp/data/names/names.json``.  ``tl_entities`` uses it inside one article and
``resolve/`` across articles; no spaCy here.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from rapidfuzz.distance import JaroWinkler

# Particles that belong to a surname: "Mac Allister", "van Dijk", "de Jong", "ten Hag".
PARTICLES = frozenset({"van", "von", "de", "der", "den", "di", "da", "dos", "das", "del", "la", "le", "mac",
                       "mc", "ten", "ter", "el", "al", "bin", "ben", "st", "du", "des", "do"})
# How alike two surnames must be (Jaro-Winkler on the folded surnames, given names already
# compatible) to be one person's spelled two ways -- and only where the context agrees (a
# shared club, the same story): on the BBC Sport names every pair at or above this line
# that was one person was a misspelling ("Faregas"/"Fabregas", "Heintze"/"Heinze"), but
# "Tommy Docherty"/"Tom Doherty" (0.967) are two men.  Surnames equal but for a doubled
# letter ("Lehman"/"Lehmann", "Haaland"/"Håland") need no context.  README: "How names resolve".
SURNAME_SIMILARITY = 0.94


@dataclass(frozen=True, slots=True)
class NameData:
    honorifics: frozenset[str]
    variants: dict[str, frozenset[int]]  # given name -> ids of the groups it belongs to
    canonical: dict[str, str]  # given name -> the group's first form, when it is in one group only
    transliterate: dict[int, str]


@lru_cache(maxsize=1)
def name_data() -> NameData:
    raw = json.loads(files("touchline.nlp").joinpath("data/names/names.json").read_text(encoding="utf-8"))
    variants: dict[str, set[int]] = {}
    for n, group in enumerate(raw["given_name_variants"]):
        for form in group:
            variants.setdefault(form, set()).add(n)
    canonical = {form: raw["given_name_variants"][next(iter(ids))][0]
                 for form, ids in variants.items() if len(ids) == 1}
    table = {ord(k): v for k, v in raw["transliterate"].items()}
    table |= {ord(k.upper()): v.capitalize() for k, v in raw["transliterate"].items()
              if len(k.upper()) == 1 and k.upper() != k}
    return NameData(frozenset(raw["honorifics"]), {k: frozenset(v) for k, v in variants.items()},
                    canonical, table)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no accents, transliterated, punctuation and hyphens as spaces:
    "Ole Gunnar Solskjær" -> "ole gunnar solskjaer", "Oxlade-Chamberlain" -> "oxlade chamberlain"."""
    text = text.translate(name_data().transliterate).replace("’", "'")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("'", "")
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def without_honorifics(name: str) -> str:
    """"Sir Alex Ferguson" -> "Alex Ferguson"; a name that is only an honorific stays as it is."""
    words = name.split()
    honorifics = name_data().honorifics
    i = 0
    while i < len(words) - 1 and fold(words[i]) in honorifics:
        i += 1
    return " ".join(words[i:])


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name in comparable parts, all folded: given names, and the surname
    (with its particles: "mac allister", "ten hag")."""

    given: tuple[str, ...]
    surname: str

    @property
    def key(self) -> str:
        """One string per spelling family: diminutives of one group become its full form
        ("rafa benitez" -> "rafael benitez"); hyphens and spaces alike."""
        canonical = name_data().canonical
        return " ".join((*(canonical.get(g, g) for g in self.given), self.surname))

    @property
    def full(self) -> bool:
        return bool(self.given)


@lru_cache(maxsize=32768)
def parse(name: str) -> PersonName:
    """The parts of a written name: "Sir Alex Ferguson" -> (alex) ferguson, "Erik ten Hag" ->
    (erik) ten hag, "Ten Hag" -> () ten hag, "Oxlade-Chamberlain" -> () oxlade chamberlain."""
    words = without_honorifics(name).split()
    if not words:
        return PersonName((), "")
    i = len(words) - 1
    while i > 0 and fold(words[i - 1]) in PARTICLES:
        i -= 1
    # A name of particles and one word ("Van Dijk") is a surname alone.
    given = tuple(w for w in (fold(x) for x in words[:i]) if w)
    return PersonName(given, fold(" ".join(words[i:])))


def given_compatible(a: str, b: str) -> bool:
    """Whether two given names can name one person: equal, variants of one name
    ("rafa"/"rafael", "mo"/"mohamed"), or an initial and a name ("a"/"alex")."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    groups = name_data().variants
    return bool(groups.get(a, frozenset()) & groups.get(b, frozenset()))


def _undoubled(word: str) -> str:
    return "".join(c for i, c in enumerate(word) if i == 0 or c != word[i - 1]).replace(" ", "")


def surname_similarity(a: str, b: str) -> float:
    """1.0 for equal surnames (spaces aside), 0.99 when they differ only by doubled letters
    ("lehman"/"lehmann", "haland"/"haaland"), else their Jaro-Winkler similarity (0 for
    surnames under five letters, where one letter makes another name)."""
    if a.replace(" ", "") == b.replace(" ", ""):
        return 1.0
    if _undoubled(a) == _undoubled(b):
        return 0.99
    if min(len(a), len(b)) < 5:
        return 0.0
    return float(JaroWinkler.similarity(a, b))


def same_person(a: PersonName, b: PersonName, *, context_agrees: bool = False) -> bool:
    """Whether two full names can be one person: surnames alike (merely similar ones only
    when ``context_agrees``) and the given names agree (the first given names compatible;
    a middle name one of them lacks is allowed)."""
    if not a.full or not b.full:
        return False
    similarity = surname_similarity(a.surname, b.surname)
    if similarity < 0.99 and not (context_agrees and similarity >= SURNAME_SIMILARITY):
        return False
    return given_names_agree(a.given, b.given)


def given_names_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The first given names compatible, and the shorter list a prefix of the longer
    ("Ole Gunnar Solskjaer" and "Ole Solskjaer")."""
    if not a or not b or not given_compatible(a[0], b[0]):
        return False
    short, long_ = sorted((a, b), key=len)
    return all(given_compatible(x, y) for x, y in zip(short, long_, strict=False))


# Words after which a written "name" stops being one: "Arsene Wenger - he", "Luton v Hinckley".
_STOP_WORDS = frozenset({"v", "vs", "and", "or", "the", "he", "she", "his", "her", "to", "at", "in", "on",
                         "of", "for", "with", "said", "says", "after", "before"})


@lru_cache(maxsize=32768)
def clean_person_name(name: str) -> str | None:
    """A person's name without what the NER glued to it, or None when nothing of a name is left:
    "Arsene Wenger - he" -> "Arsene Wenger", "Terry, Bridge" -> "Terry", "Moyes U-turn" -> "Moyes",
    "Sir Alex Ferguson" stays as it is (honorifics are dropped where names are compared)."""
    text = name.split("\n", 1)[0]
    for sep in (" - ", " – ", " — ", ",", ";", "/", "(", ":", "|"):
        text = text.split(sep, 1)[0]
    kept: list[str] = []
    for word in text.split():
        bare = word.strip(".'’")
        if not bare:
            break
        if fold(bare) in _STOP_WORDS and kept:
            break
        if bare[:1].islower() and fold(bare) not in PARTICLES:
            break
        if any(part[:1].islower() and fold(part) not in PARTICLES for part in bare.split("-")[1:]):
            break  # "U-turn": a word, not a double-barrelled name ("Ross-van Dorp" is one)
        kept.append(word)
    while kept and (len(kept[-1].strip(".")) == 1 and len(kept) > 1):
        kept.pop()  # "Moyes U"
    out = " ".join(kept).strip(" -–—'’")
    return out if any(c.isalpha() for c in out) else None


def looks_like_person_name(name: str) -> bool:
    """Two to four capitalised words (name particles allowed), letters only: "Ana Lopes",
    "Erik ten Hag"; not "Premier League statement" or "BBC Sport"."""
    words = name.split()
    if not 2 <= len(words) <= 4:
        return False
    for w in words:
        bare = w.replace("-", "").replace("'", "").replace("’", "").replace(".", "")
        if not bare.isalpha():
            return False
        if not (w[:1].isupper() or fold(w) in PARTICLES):
            return False
        if w.isupper() and len(w) > 1:
            return False  # "BBC", "FA"
    return True
