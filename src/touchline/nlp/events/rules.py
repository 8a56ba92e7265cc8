"""Event rules as data: one record per phrasing, compiled into spaCy ``Matcher`` patterns.

Records live in ``data/events/rules/<family>.jsonl``::

    {"id": "result.beat", "family": "result",
     "pattern": "{team:winner} @win_verbs.past _desc {team:loser} {score:score}?",
     "sets": {"outcome": "win"}, "guards": ["not_hypothetical"], "confidence": 0.9,
     "examples": [{"text": "Harbour City beat Castlemoor 2-1 on Saturday.",
                   "slots": {"winner": "Harbour City", "loser": "Castlemoor", "score": "2-1"}}],
     "counter": ["Harbour City could beat Castlemoor on Saturday."]}

The pattern language works on the *sketch* of a Doc (``sketch.py``), where every
entity mention and every scoreline is one token:

* ``{team:winner}`` a slot: one mention of a kind (``team``, ``person``, ``player``,
  ``coach``, ``comp``, ``venue``, ``score``, ``name`` for a capitalised name no
  gazetteer knows, ``pron`` for "they"/"it"; ``{team|name:x}`` for either),
  captured under the slot name;
* ``~beat`` every inflection of a lemma, ``~beat.past`` only some forms
  (``past`` = VBD+VBN, ``pp``, ``base``, ``s``, ``ing``, ``pres`` = every form but the past ones,
  ``sg``, ``pl``);
* ``@win_verbs`` a lexicon list (``lexicon.py``) inflected as the list says,
  multi-word entries included, ``@win_verbs.past`` its past forms, ``@coach_titles:title``
  captured as a slot;
* a plain word, matched without case (``'s`` and curly apostrophes are one form);
* ``#ord`` a numeral ordinal ("50th", "1,000th"), ``#num`` a numeral ("200", "1,000"),
  ``#ord:count`` captured as a slot;
* ``[a b|c]`` alternatives, ``?`` after an element or group makes it optional;
* ``_desc`` up to four descriptor words before a team ("rivals", "ten-man",
  "a dogged", a competition: "Premier League side"), ``_{0,3}`` a gap of up to
  three tokens inside the sentence that never passes over a mention,
  ``_any{1,16}`` one that may (for asides between commas), ``_noperson{0,8}``
  one that may pass teams, competitions, venues and names no list knows but
  never a person, a pronoun or a comma.

Slots may also be captured from a group: ``[at {team:home}]?``.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lemminflect import getAllInflections

from touchline.nlp.events.lexicon import LEXICON, WordList

RULES_DIR = Path(__file__).resolve().parent.parent / "data" / "events" / "rules"

SYMBOLS = {
    "team": ("__team__",),
    "person": ("__player__", "__coach__", "__pname__"),
    "player": ("__player__", "__pname__"),
    "coach": ("__coach__", "__pname__"),
    "comp": ("__comp__",),
    "venue": ("__venue__",),
    "score": ("__score__",),
    "name": ("__name__", "__pname__"),
    "pname": ("__pname__",),
    "derby": ("__derby__",),
    # a team told by a pronoun: the extractor reads whom it stands for
    "pron": ("they", "They", "it", "It"),
}
FORMS = {
    "past": ("VBD", "VBN"), "pp": ("VBN",), "base": ("VB", "VBP"), "s": ("VBZ",), "ing": ("VBG",),
    "fin": ("VBD", "VBZ", "VBP"), "sg": ("NN",), "pl": ("NNS",), "act": ("VBD", "VBN", "VBG"),
    # not past: a coming game ("host", "hosts", "hosting")
    "pres": ("VB", "VBP", "VBZ", "VBG"),
}
MAX_EXPANSIONS = 4000
# What a gap may not swallow: a mention or a scoreline is always a slot of its own.
_SYMBOL_WORDS = sorted({s for syms in SYMBOLS.values() for s in syms if s.startswith("__")})
_STRONG_PUNCT = (".", "!", "?", ";", ":", "—", "–")
_PERSON_WORDS = ["__player__", "__coach__", "__pname__"]
_SUBJECTS = ["he", "she", "they", "who", "whom", "which", "i", "we", "you"]
# Numerals as tokens: "#ord" an ordinal written in figures, "#num" a count.
_NUMERALS = {"ord": r"^\d{1,3}(?:,\d{3})?(?:st|nd|rd|th)$", "num": r"^\d{1,3}(?:,\d{3})?$"}


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    slots: dict[str, str] = field(default_factory=dict)
    date: str = "2024-11-28"


@dataclass(frozen=True, slots=True)
class Rule:
    """One phrasing: its pattern, what it fills, when it may not fire, how sure it is."""

    id: str
    family: str
    pattern: str
    sets: dict[str, Any]
    guards: tuple[str, ...]
    confidence: float
    examples: tuple[Example, ...]
    counter: tuple[str, ...]
    note: str = ""

    @classmethod
    def from_record(cls, rec: dict[str, Any], where: str) -> Rule:
        for key in ("id", "family", "pattern", "confidence"):
            if key not in rec:
                raise ValueError(f"{where}: rule record without {key!r}")
        examples = tuple(Example(e, {}) if isinstance(e, str) else
                         Example(e["text"], dict(e.get("slots") or {}), e.get("date", "2024-11-28"))
                         for e in rec.get("examples") or ())
        if not examples:
            raise ValueError(f"{where}: rule {rec['id']!r} has no example")
        return cls(id=rec["id"], family=rec["family"], pattern=rec["pattern"],
                   sets=dict(rec.get("sets") or {}), guards=tuple(rec.get("guards") or ()),
                   confidence=float(rec["confidence"]),
                   examples=examples, counter=tuple(rec.get("counter") or ()), note=rec.get("note", ""))


def load_rules(folder: Path = RULES_DIR) -> list[Rule]:
    """Every rule record of every family file, in file order; ids must be unique."""
    rules: list[Rule] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                line = line.strip()
                if not line or line.startswith("//"):
                    continue
                where = f"{path.name}:{n}"
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as e:
                    raise ValueError(f"{where}: not JSON ({e.msg})") from None
                rule = Rule.from_record(rec, where)
                if rule.id in seen:
                    raise ValueError(f"{where}: duplicate rule id {rule.id!r}")
                seen.add(rule.id)
                rules.append(rule)
    return rules


# --- inflection -----------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def inflections(lemma: str, form: str | None = None, pos: str = "verb") -> tuple[str, ...]:
    """The forms of a lemma (lower case), optionally only those of one form class."""
    low = lemma.lower()
    table = getAllInflections(low, upos="VERB" if pos == "verb" else "NOUN")
    if pos == "verb" and "VBD" in table and "VBN" not in table:
        # lemminflect leaves out a few regular participles ("equalised" as VBN)
        table = {**table, "VBN": table["VBD"]}
    if not table and pos == "verb":
        table = _regular_verb(low)  # a football verb the lexicon does not know ("sidefoot")
    tags = FORMS[form] if form else tuple(table)
    base = form is None or (pos == "verb" and "VB" in tags) or (pos == "noun" and "NN" in tags)
    out = {low} if base else set()
    for tag in tags:
        out.update(w.lower() for w in table.get(tag, ()))
    if not out:
        out.add(low)
    return tuple(sorted(out))


def _regular_verb(base: str) -> dict[str, tuple[str, ...]]:
    stem = base[:-1] if base.endswith("e") and not base.endswith("ee") else base
    past = f"{base}d" if base.endswith("e") else f"{base}ed"
    third = f"{base}es" if base.endswith(("s", "sh", "ch", "x", "z")) else f"{base}s"
    return {"VB": (base,), "VBP": (base,), "VBZ": (third,), "VBD": (past,), "VBN": (past,),
            "VBG": (f"{stem}ing",)}


def hyphen_split(words: list[str]) -> list[str]:
    """Words as spaCy tokenises them: "free-kick" is "free", "-", "kick"."""
    out: list[str] = []
    for w in words:
        parts = w.split("-")
        if len(parts) > 1 and all(parts):
            for k, part in enumerate(parts):
                out.extend(["-", part] if k else [part])
        else:
            out.append(w)
    return out


def entry_forms(entry: str, inflect: str, form: str | None) -> list[list[str]]:
    """The token sequences one lexicon entry stands for ("see off" → [["saw", "off"], ...])."""
    words = entry.lower().split()
    if inflect == "verb":
        seqs = [[w, *words[1:]] for w in inflections(words[0], form, "verb")]
    elif inflect == "noun":
        # "hat-trick" takes its plural on its last part: "hat-tricks"
        head, _, last = words[-1].rpartition("-")
        prefix = f"{head}-" if head else ""
        seqs = [[*words[:-1], prefix + w] for w in inflections(last, form, "noun")]
    else:
        seqs = [words]
    return [hyphen_split(seq) for seq in seqs]


# --- pattern language -----------------------------------------------------------------------

_TOKEN_RX = re.compile(r"\[|\](?::\w+)?\??|\||\{[^}]+\}\??|[^\s\[\]|]+")


@dataclass
class _Elem:
    spec: dict[str, Any]
    slot: str | None = None


@dataclass
class _Group:
    alternatives: list[list[Any]]
    optional: bool = False
    slot: str | None = None


def _word_spec(words: list[str]) -> dict[str, Any]:
    forms = sorted({_norm_word(w) for w in words})
    return {"LOWER": forms[0]} if len(forms) == 1 else {"LOWER": {"IN": forms}}


def _norm_word(word: str) -> str:
    return word.lower().replace("’", "'").replace("‘", "'")


def _list_group(wl: WordList, form: str | None) -> _Group:
    singles: list[str] = []
    multis: list[list[str]] = []
    for entry in wl.words:
        for seq in entry_forms(entry, wl.inflect, form):
            (singles.extend(seq) if len(seq) == 1 else multis.append(seq))
    alts: list[list[Any]] = []
    if singles:
        alts.append([_Elem(_word_spec(singles))])
    for seq in multis:
        alts.append([_Elem(_word_spec([w])) for w in seq])
    return _Group(alts)


def _atom(tok: str) -> Any:
    optional = tok.endswith("?") and len(tok) > 1
    core = tok[:-1] if optional else tok
    node: Any
    if core.startswith("{") and core.endswith("}") and "+:" in core:
        # a list of mentions: "A", "A and B", "A, B and C", all under one slot
        first = _atom(core.replace("+:", ":"))
        orth = first.spec["ORTH"]
        listed = orth["IN"] if isinstance(orth, dict) else [orth]
        rest = _Elem({"ORTH": {"IN": [*listed, ",", "and", "&"]}, "OP": "{0,8}"}, first.slot)
        node = _Group([[first, rest]])
    elif core.startswith("{") and core.endswith("}"):
        inner = core[1:-1]
        kinds, _, slot = inner.partition(":")
        symbols: list[str] = []
        for kind in kinds.split("|"):
            if kind not in SYMBOLS:
                raise ValueError(f"unknown slot kind {kind!r} in {tok!r}")
            symbols.extend(SYMBOLS[kind])
        spec = {"ORTH": symbols[0]} if len(symbols) == 1 else {"ORTH": {"IN": symbols}}
        node = _Elem(spec, slot or None)
    elif core.startswith("~"):
        lemma, _, form = core[1:].partition(".")
        pos = "noun" if form in ("sg", "pl", "n") else "verb"
        node = _Elem(_word_spec(list(inflections(lemma, form if form not in ("", "n") else None, pos))))
    elif core.startswith("@"):
        ref, _, slot = core[1:].partition(":")
        name, _, form = ref.partition(".")
        group = _list_group(LEXICON.list(name), form or None)
        group.slot = slot or None
        node = _merge_words(group)
    elif core.startswith("#"):
        name, _, slot = core[1:].partition(":")
        if name not in _NUMERALS:
            raise ValueError(f"unknown numeral {tok!r} (#ord or #num)")
        node = _Elem({"TEXT": {"REGEX": _NUMERALS[name]}}, slot or None)
    elif core == "_desc":
        stops = [_norm_word(w) for w in LEXICON.descriptor_stops.words if " " not in w]
        # a competition may describe the team ("beat Premier League Newcastle", "League One side X")
        node = _Elem({"LOWER": {"NOT_IN": [*stops, *_STRONG_PUNCT, ",", "(", ")", '"']},
                      "IS_SENT_START": False,
                      "ORTH": {"NOT_IN": [s for syms in SYMBOLS.values() for s in syms if s != "__comp__"]},
                      "OP": "{0,4}"})
    elif core.startswith("_noperson{"):
        # a gap that may pass teams, competitions, venues, scores and names no list knows ("Greek
        # club"), never a person, a pronoun, a comma or a contrast ("out for six weeks after
        # Saturday's game with")
        node = _Elem({"LOWER": {"NOT_IN": [*_STRONG_PUNCT, ",", "but", "while", "whereas", *_SUBJECTS]},
                      "IS_SENT_START": False, "ORTH": {"NOT_IN": _PERSON_WORDS}, "OP": core[9:]})
    elif core.startswith("_any{"):
        # a gap that may pass over names too: only for asides bounded by commas
        node = _Elem({"LOWER": {"NOT_IN": [*_STRONG_PUNCT, ","]}, "IS_SENT_START": False, "OP": core[4:]})
    elif core.startswith("_{"):
        node = _Elem({"LOWER": {"NOT_IN": list(_STRONG_PUNCT)}, "IS_SENT_START": False,
                      "ORTH": {"NOT_IN": _SYMBOL_WORDS}, "OP": core[1:]})
    else:
        parts = hyphen_split([core])
        node = _Elem({"LOWER": _norm_word(core)}) if len(parts) == 1 else _Group(
            [[_Elem({"LOWER": _norm_word(p)}) for p in parts]])
    if optional:
        if isinstance(node, _Elem) and "OP" not in node.spec:
            node.spec = {**node.spec, "OP": "?"}
        elif isinstance(node, _Group):
            node.optional = True
        else:
            raise ValueError(f"cannot make {tok!r} optional")
    return node


def _merge_words(group: _Group) -> Any:
    """Fewer flat patterns: nested groups flattened, and plain one-word alternatives
    ("[then|also|duly]") folded into one token test instead of one pattern each."""
    alts: list[list[Any]] = []
    for alt in group.alternatives:
        inner = alt[0] if len(alt) == 1 else None
        if isinstance(inner, _Group) and not inner.optional and not inner.slot:
            alts.extend(inner.alternatives)
        else:
            alts.append(alt)
    words: list[str] = []
    rest: list[list[Any]] = []
    for alt in alts:
        elem = alt[0] if len(alt) == 1 else None
        if isinstance(elem, _Elem) and not elem.slot and set(elem.spec) == {"LOWER"}:
            value = elem.spec["LOWER"]
            words.extend(value["IN"] if isinstance(value, dict) else [value])
        else:
            rest.append(alt)
    if words:
        rest.insert(0, [_Elem(_word_spec(words))])
    if len(rest) == 1 and len(rest[0]) == 1 and isinstance(rest[0][0], _Elem):
        elem = rest[0][0]
        elem.slot = group.slot or elem.slot
        if group.optional:
            elem.spec = {**elem.spec, "OP": "?"}
        return elem
    return _Group(rest, optional=group.optional, slot=group.slot)


def parse_pattern(pattern: str) -> list[Any]:
    """The pattern as a sequence of elements and groups."""
    tokens = _TOKEN_RX.findall(pattern)
    pos = 0

    def seq(until: tuple[str, ...]) -> list[Any]:
        nonlocal pos
        out: list[Any] = []
        while pos < len(tokens) and not tokens[pos].startswith(until):
            tok = tokens[pos]
            pos += 1
            if tok == "[":
                alts = [seq(("|", "]"))]
                while pos < len(tokens) and tokens[pos] == "|":
                    pos += 1
                    alts.append(seq(("|", "]")))
                if pos >= len(tokens):
                    raise ValueError(f"unclosed [ in {pattern!r}")
                close = tokens[pos]
                pos += 1
                slot = close[2:].rstrip("?") if close.startswith("]:") else None
                out.append(_merge_words(_Group(alts, optional=close.endswith("?"), slot=slot or None)))
            else:
                out.append(_atom(tok))
        return out

    nodes = seq(("]", "|"))
    if pos != len(tokens):
        raise ValueError(f"unbalanced ] or | in {pattern!r}")
    return nodes


def _expand(nodes: list[Any], slot: str | None = None) -> Iterator[list[tuple[dict[str, Any], str | None]]]:
    parts: list[list[list[tuple[dict[str, Any], str | None]]]] = []
    for node in nodes:
        if isinstance(node, _Elem):
            parts.append([[(node.spec, node.slot or slot)]])
        else:
            options: list[list[tuple[dict[str, Any], str | None]]] = []
            for alt in node.alternatives:
                options.extend(_expand(alt, node.slot or slot))
            if node.optional:
                options.append([])
            parts.append(options)
    for combo in itertools.product(*parts):
        yield [pair for piece in combo for pair in piece]


def compile_pattern(pattern: str) -> list[tuple[list[dict[str, Any]], list[str | None]]]:
    """Flat spaCy token patterns, each with the slot name of every element."""
    out = []
    for flat in _expand(parse_pattern(pattern)):
        if not flat:
            continue
        out.append(([spec for spec, _ in flat], [slot for _, slot in flat]))
        if len(out) > MAX_EXPANSIONS:
            raise ValueError(f"pattern expands to over {MAX_EXPANSIONS} token patterns: {pattern!r}")
    if not out:
        raise ValueError(f"empty pattern {pattern!r}")
    return out
