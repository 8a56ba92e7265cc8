"""Who can speak: person mentions in a Doc, and resolving a speaker phrase to one of them.

A speaker phrase is the name, pronoun ("he") or descriptor ("the Spaniard")
that an attribution puts next to its speech verb.  Names are read from
``doc._.tl_mentions`` when ``tl_entities`` ran, joined by the pretrained NER's
PERSON entities it does not cover; pronouns and descriptors refer back to the
most recent fitting person outside quotation, never to a club.
"""

from __future__ import annotations

import bisect
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from touchline.nlp.extensions import doc_text
from touchline.nlp.people_context import roles
from touchline.nlp.quotes.lexicon import CONTINUATION_VERBS, PRONOUNS, Lexicon

logger = logging.getLogger(__name__)

PERSON_KINDS = frozenset({"player", "coach", "person"})
# Bodies that legitimately speak (statements), when named outright.
BODY_KINDS = frozenset({"club", "national_team", "media", "competition", "other"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Heads of phrases that make a club's statement the speaker ("read a statement").
STATEMENT_WORDS = frozenset({"statement", "communique", "communiqué", "club"})
# The role a descriptor's head asks of the person it names ("the boss" a coach).
DESCRIPTOR_ROLES = {word: r["kind"] for word, r in roles().items() if r["kind"] in ("coach", "player")
                    and " " not in word}
# Heads of descriptors for people off the pitch ("the spokesman", "the chairman").
OFFICIAL_HEADS = frozenset({word for word, r in roles().items() if r["kind"] == "person" and " " not in word}
                           | {"official", "executive", "chief"})
# Heads of descriptors that give an age: the person is a player, not an official.
_AGE_HEADS = frozenset({"year-old", "teenager", "youngster", "veteran"})
# Entity labels that a capitalised word heading a speaker phrase never is.
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


@dataclass(frozen=True, slots=True)
class Person:
    """A mention that can be a speaker: ``kind`` is "person" or "body"."""

    start: int
    end: int
    text: str
    kind: str
    entity: str | None
    name: str = ""  # the entity's name when known ("Tomas Kellerman" for "the Norwegian")
    role: str = "person"  # what tl_entities made of it: player, coach or person
    office: str = ""  # a role off the pitch the article gives ("chairman", "director")
    teams: frozenset[str] = frozenset()  # clubs and national teams the article or gazetteer links it to
    # "the Harbour boss" that nobody could tie to a name: a person is meant, but not one we know.
    unresolved: bool = False

    @property
    def display(self) -> str:
        return self.name or self.text

    @property
    def key(self) -> str:
        """Identity for "is this the same person": the entity id, else the surname."""
        if self.unresolved:
            return f"@{self.start}"
        if self.entity:
            return self.entity
        words = self.text.replace("’s", "").replace("'s", "").split()
        return words[-1].lower() if words else self.text.lower()


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: the cue as written and the named person it refers to."""

    cue_start: int
    cue_end: int
    cue_text: str
    method: str  # name | pronoun | descriptor | statement
    ref: Person | None


def _strip_possessive(text: str, start: int, end: int) -> int:
    for suffix in ("’s", "'s"):
        if text[start:end].endswith(suffix):
            return end - len(suffix)
    return end


def collect_people(doc: Doc) -> list[Person]:
    """Person and body mentions, in text order (gazetteer/entity mentions first, then NER)."""
    full_text = doc_text(doc)
    out: list[Person] = []
    taken: list[tuple[int, int]] = []
    mentions = doc._.tl_mentions if Doc.has_extension("tl_mentions") else None
    entities = (doc._.tl_entities or []) if Doc.has_extension("tl_entities") else []
    names = {e["id"]: e.get("name") or "" for e in entities}
    teams = {e["id"]: frozenset(_teams(e.get("attrs") or {})) for e in entities}
    offices = {e["id"]: _office(e.get("attrs") or {}) for e in entities}
    for m in mentions or []:
        kind = m.get("kind")
        text = m.get("text") or full_text[m["start"]:m["end"]]
        if m.get("method") == "descriptor" and not m.get("entity"):
            if kind in PERSON_KINDS:
                # "the Harbour boss" that tl_entities could not tie to anyone: it stands
                # for someone, so a later "he" is not whoever was named before it.
                out.append(Person(m["start"], m["end"], text, "person", None, role=kind, unresolved=True))
            continue
        if kind in PERSON_KINDS:
            group = "person"
        elif kind in BODY_KINDS:
            group = "body"
        else:
            continue
        entity = m.get("entity")
        out.append(Person(m["start"], m["end"], text, group, entity, names.get(entity or "", ""),
                          role=kind if kind in PERSON_KINDS else "person",
                          teams=teams.get(entity or "", frozenset()), office=offices.get(entity or "", "")))
        taken.append((m["start"], m["end"]))
    # Gazetteer matches, when tl_gazetteer ran: names it knows, and places and
    # clubs that the pretrained NER sometimes calls people ("Anfield").
    gazetteer = doc.spans.get("tl_ents", ())
    for span in gazetteer:
        s, e = span.start_char, span.end_char
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        if span.label_ in PERSON_KINDS or span.label_ in BODY_KINDS:
            role = "person" if span.label_ in PERSON_KINDS else "body"
            out.append(Person(s, e, span.text, role, span.id_ or None))
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        s, e = ent.start_char, ent.end_char
        if any(s < te and ts < e for ts, te in taken):
            continue
        # Drop a leading article: NER often swallows it ("the Champions League").
        if ent[0].lower_ == "the" and len(ent) > 1:
            s = ent[1].idx
        e = _strip_possessive(full_text, s, e)
        role = "person" if ent.label_ == "PERSON" else "body"
        out.append(Person(s, e, full_text[s:e], role, None))
    out.sort(key=lambda p: (p.start, p.end))
    return out


def _office(attrs: dict[str, Any]) -> str:
    stated = attrs.get("stated")
    role = stated.get("role") if isinstance(stated, dict) else None
    return role if isinstance(role, str) and role not in ("head_coach", "caretaker", "captain") else ""


def _teams(attrs: dict[str, Any]) -> set[str]:
    """The clubs and national teams an entity's attributes (gazetteer and stated) link it to."""
    out = {c["club"] for c in attrs.get("clubs") or () if isinstance(c, dict) and c.get("club")}
    out |= {r["team"] for r in attrs.get("roles") or () if isinstance(r, dict) and r.get("team")}
    stated = attrs.get("stated")
    for source in (attrs, stated if isinstance(stated, dict) else {}):
        for key in ("club", "team", "national_team"):
            value = source.get(key)
            if isinstance(value, str):
                out.add(value)
    return out


class SpeakerResolver:
    """Turns speaker phrases into speakers, given the Doc's people and its quotations."""

    def __init__(self, doc: Doc, lex: Lexicon, quoted: Sequence[tuple[int, int]],
                 paragraphs: Sequence[tuple[int, int]], lookback_paragraphs: int = 2) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lex = lex
        people = collect_people(doc)
        self.people_all = people
        # Antecedents are read outside quotation: a name inside a quote is
        # almost never who is speaking it.
        quoted_starts = [s for s, _ in quoted]
        self._quoted, self._quoted_starts = list(quoted), quoted_starts
        self.people = [
            p for p in people if p.kind == "person" and not _inside(p.start, quoted, quoted_starts)
        ]
        self._starts = [p.start for p in self.people]
        self.paragraphs = paragraphs
        self._para_starts = [s for s, _ in paragraphs]
        self.lookback = lookback_paragraphs
        self.last_speaker: Person | None = None
        self.last_speaker_at = -1  # where the last speaker's quotation ended

    @property
    def last_speaker_key(self) -> str | None:
        return self.last_speaker.key if self.last_speaker is not None else None

    def spoke(self, person: Person, quote_end: int) -> None:
        """Record the speaker of the quotation that ends at ``quote_end``."""
        self.last_speaker, self.last_speaker_at = person, quote_end

    def recent_speaker(self, pos: int) -> Person | None:
        """The last speaker, when their quotation ended within the lookback before ``pos``."""
        if self.last_speaker is None or self.last_speaker_at > pos:
            return None
        if self._paragraph_index(pos) - self._paragraph_index(self.last_speaker_at) > self.lookback:
            return None
        # "Keeper Ivo Brandt echoed his team-mate. '...,' he added.": a person who is the
        # subject of a sentence since then has taken the floor.
        i = bisect.bisect_left(self._starts, self.last_speaker_at)
        j = bisect.bisect_left(self._starts, pos)
        if any(p.key != self.last_speaker.key and self._is_subject(p) for p in self.people[i:j]):
            return None
        return self.last_speaker

    # --- phrases ---------------------------------------------------------

    def from_tokens(self, tokens: Sequence[Token], *, strict: bool = False,
                    verb: Token | None = None) -> Speaker | None:
        """The speaker a phrase names, or None when the phrase is not a speaker phrase.

        ``strict``: only a person the recognisers found counts (no pronoun, no
        descriptor, no run of capitalised words).  ``verb``: the speech verb,
        which lets "he added" continue the last speaker.
        """
        toks = [t for t in tokens if not t.is_space]
        while toks and (toks[-1].is_punct or toks[-1].pos_ in ("ADV", "AUX", "PART")):
            toks = toks[:-1]
        while toks and toks[0].is_punct:
            toks = toks[1:]
        if not toks or len(toks) > 10:
            return None
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        inside = [p for p in self.people_all if start <= p.start and p.end <= end]
        # A verb makes the phrase a clause, not a speaker ("the team who lost"); a word of a
        # recognised name the tagger took for a verb ("Harbour Athletic") does not.
        named = [(p.start, p.end) for p in inside]
        if any((t.pos_ == "VERB" and not any(s <= t.idx < e for s, e in named))
               or (t.is_punct and t.text not in ("-", "'", "’", ".")) for t in toks):
            return None
        text = self.text[start:end]
        persons = [p for p in inside if p.kind == "person" and not p.unresolved]
        if strict:
            return self._named(persons[-1]) if persons else None
        if len(toks) == 1 and toks[0].lower_ in PRONOUNS:
            if verb is not None and verb.lower_ in CONTINUATION_VERBS:
                last = self.recent_speaker(start)
                if last is not None:
                    return Speaker(start, end, text, "pronoun", last)
            return Speaker(start, end, text, "pronoun", self.antecedent(start, None))
        if persons:
            # English noun phrases end in their head: "Spain coach Luis Aragones".
            return self._named(persons[-1])
        head = toks[-1]
        if head.lower_ in STATEMENT_WORDS and toks[0].lower_ in ("a", "an", "the", "this", "its", "their"):
            # '"...," read a statement', 'said an FA statement', 'the club said': the body speaks.
            bodies = [p for p in inside if p.kind == "body"]
            unknown_name = any(t.text[:1].isupper() for t in toks[1:])  # "an FA statement", FA unknown
            body = bodies[-1] if bodies else None if unknown_name else self.statement_body(start)
            return Speaker(start, end, text, "statement", body)
        unresolved = next((p for p in self.people_all if p.unresolved and p.start == start), None)
        aged = head.lower_ == "old" and len(toks) >= 3 and toks[-3].lower_ == "year"  # "the 34-year-old"
        if unresolved is not None or (toks[0].lower_ in ("the", "this")
                                      and (aged or self.lex.is_descriptor_head(head.text))):
            return Speaker(start, end, text, "descriptor", self.described(start, end))
        # The name that ends the phrase, as a run of proper nouns.
        run: list[Token] = []
        for tok in reversed(toks):
            if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.ent_type_ in _NOT_NAMES:
                break
            run.insert(0, tok)
        if not run:
            return None
        r_start, r_end = run[0].idx, end
        body = next((p for p in inside if p.start <= r_start and p.end >= r_end), None)
        if body is not None and body.entity is not None:
            # A club or federation named outright speaks through a statement;
            # as the head of a longer phrase ("Liverpool boss") it is not the speaker.
            return Speaker(body.start, body.end, body.text, "name", body) if body.start <= start else None
        # A name the recognisers missed or mislabelled: it is a person, as the
        # subject of a speech verb, and can be referred back to later.
        return self._named(Person(r_start, r_end, self.text[r_start:r_end], "person", None))

    def _named(self, person: Person) -> Speaker:
        if person.kind == "person" and person.start not in self._starts:
            i = bisect.bisect_left(self._starts, person.start)
            self.people.insert(i, person)
            self._starts.insert(i, person.start)
        return Speaker(person.start, person.end, person.text, "name", person)

    def statement_body(self, pos: int) -> Person | None:
        """The club a statement near ``pos`` speaks for: the one named in its sentence outside
        quotation, else the club the article is about (named most often so far, and more
        often than any other)."""
        bodies = [p for p in self.people_all if p.kind == "body" and p.entity
                  and not _inside(p.start, self._quoted, self._quoted_starts)]
        sent_start, sent_end = self._sentence_bounds(pos)
        here = {p.entity for p in bodies if sent_start <= p.start < sent_end}
        if len(here) == 1:
            return next(p for p in bodies if p.entity in here)
        clubs = [p for p in bodies if p.entity and p.entity.startswith(("club:", "national_team:"))]
        counts = Counter(p.entity for p in clubs if p.start < pos)
        ranked = counts.most_common(2)
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return next(p for p in clubs if p.entity == ranked[0][0])
        return None

    # --- antecedents -----------------------------------------------------

    def described(self, start: int, end: int) -> Person | None:
        """The named person a descriptor at [start, end) ("the Harbour boss", "the striker",
        "the 21-year-old") refers back to, or None.

        Candidates are the named people before it within the lookback.  One whose role
        contradicts the descriptor (a coach for "the striker", a chairman for "the
        21-year-old") or whose clubs exclude the club it names is passed over.  When the
        descriptor names a club, a candidate must be linked to that club, or be the subject
        of the sentence just before in the same paragraph: "the Harbour boss" is never
        simply whoever was named last.  The most recent candidate left is the answer,
        unless another is named in the same sentence.
        """
        head, teams = self._descriptor_parts(start, end)
        if head in OFFICIAL_HEADS:
            return None  # "the spokesman", "the chairman": rarely the last person named
        clubs = {t for t in teams if t.startswith("club:")}
        nations = teams - clubs
        wanted = DESCRIPTOR_ROLES.get(head, "player" if head in _AGE_HEADS else None)
        first = self._para_starts[max(0, self._paragraph_index(start) - self.lookback)]
        previous = self._previous_sentence_subjects(start)
        cands: list[Person] = []
        for p in self.people:
            if p.start >= start or p.start < first or p.unresolved or p.kind != "person":
                continue
            if wanted is not None and ((p.role in ("player", "coach") and p.role != wanted) or p.office):
                continue
            if wanted == "coach" and p.role != "coach" and p.key not in previous \
                    and not (clubs and clubs & p.teams):
                continue  # "the boss" is someone known as a coach, or whom the text just made the subject
            own_clubs = {t for t in p.teams if t.startswith("club:")}
            if clubs and not clubs & own_clubs and (own_clubs or p.key not in previous):
                continue  # "the Harbour boss" is a coach of Harbour, not whoever came last
            own_nations = p.teams - own_clubs
            if nations and own_nations and not nations & own_nations:
                continue
            cands.append(p)
        if not cands:
            return None
        last = cands[-1]
        sent = self._sentence_bounds(last.start)
        rivals = [p for p in cands if p.start >= sent[0]]
        if not any(self._is_subject(p) for p in rivals):
            # "He conceded the win, which included goals from Falk and Brandt. '...,' the
            # Irishman said": the sentence is about "he", not the scorers named in it.
            pronoun = self._subject_pronoun(sent[0], min(sent[1], start))
            if pronoun is not None:
                meant = self._antecedent(pronoun, None, 1)
                fitting = {p.key for p in cands}
                return meant if meant is not None and meant.key in fitting else None
        if len({p.key for p in rivals}) == 1:
            return last
        subjects = {p.key: p for p in rivals if self._is_subject(p)}
        return next(iter(subjects.values())) if len(subjects) == 1 else None

    def _descriptor_parts(self, start: int, end: int) -> tuple[str, set[str]]:
        """A descriptor's head word and the clubs it names ("the Harbour boss": boss, Harbour)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        words = [t for t in span if not t.is_punct] if span is not None else []
        head = words[-1].lower_ if words else ""
        if head == "old" and len(words) >= 2 and words[-2].lower_ == "year":
            head = "year-old"
        clubs = {p.entity for p in self.people_all if p.kind == "body" and p.entity
                 and start <= p.start and p.end <= end}
        return head, clubs

    def _previous_sentence_subjects(self, pos: int) -> set[str]:
        """Keys of the people who are subjects of the sentence before ``pos`` in its paragraph."""
        sent_start, _ = self._sentence_bounds(pos)
        para_start = self._para_starts[self._paragraph_index(pos)]
        if sent_start <= para_start:
            return set()
        prev_start, _ = self._sentence_bounds(max(para_start, sent_start - 2))
        return {p.key for p in self.people if prev_start <= p.start < sent_start and self._is_subject(p)}

    def _paragraph_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, pos) - 1)

    def antecedent(self, pos: int, descriptor: str | None, depth: int = 0) -> Person | None:
        """The most recent fitting person before ``pos``, or None if that is ambiguous.  When it
        is someone only described ("the Wales international refused to apologise"), the
        person that description refers back to, if any."""
        found = self._antecedent(pos, descriptor, depth)
        if found is not None and found.unresolved:
            return self.described(found.start, found.end)
        return found

    def _weak(self, p: Person) -> bool:
        """A one-word name nothing linked and that is no subject ("fifth in the Premiership table"
        read as a person): too unsure to be anyone's antecedent."""
        return p.entity is None and not p.unresolved and " " not in p.text.strip() and not self._is_subject(p)

    def _antecedent(self, pos: int, descriptor: str | None, depth: int = 0) -> Person | None:
        i = bisect.bisect_left(self._starts, pos) - 1
        while i >= 0 and self._weak(self.people[i]):
            i -= 1
        if i < 0:
            return None
        last = self.people[i]
        if self._paragraph_index(pos) - self._paragraph_index(last.start) > self.lookback:
            return None
        sent = self._sentence_bounds(last.start)
        same = [p for p in self.people[: i + 1] if p.start >= sent[0] and not self._weak(p)]
        subject = self._unknown_subject(sent[0], pos, same)
        if subject is not None:
            # "The Brazilian confirmed tempers had flared ... at Sir Alex Ferguson. '...,' he
            # told": the subject, not the person named after it, is meant; a description is
            # followed back to a name it fits, a name nobody recognised stays unknown.
            if subject.pos_ == "PROPN" and subject.lower_ not in self.lex.descriptors:
                return None
            return self.described(subject.left_edge.idx, subject.idx + len(subject))
        if depth < 3 and not any(self._is_subject(p) for p in same):
            # "And he confessed the deal had given the club food for thought."
            # The subject pronoun, not a later name, carries the topic on.
            pronoun = self._subject_pronoun(sent[0], min(sent[1], pos))
            if pronoun is not None:
                return self._antecedent(pronoun, descriptor, depth + 1)
        keys = {p.key for p in same}
        if len(keys) == 1:
            return last
        subjects = [p for p in same if self._is_subject(p)]
        if len({p.key for p in subjects}) == 1:
            return subjects[-1]
        main = [p for p in subjects if self._is_subject(p, main_clause=True)]
        if len({p.key for p in main}) == 1:
            return main[-1]
        if self.last_speaker_key in keys:
            return next(p for p in reversed(same) if p.key == self.last_speaker_key)
        return None

    def _unknown_subject(self, start: int, end: int, known: Sequence[Person]) -> Token | None:
        """The subject of a sentence in [start, end), outside quotation, that we cannot name: a
        capitalised name nobody recognised, or a description no mention covers ("the Brazilian")."""
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None or not self.doc.has_annotation("DEP"):
            return None
        named = [(p.start, p.end) for p in (*self.people_all, *known)]
        persons = [(p.start, p.end) for p in (*self.people_all, *known) if p.kind == "person"]
        sents = {tok.sent.start: tok.sent for tok in span if tok.is_sent_start or tok.i == span.start}
        for sent in sents.values():
            subject = next((c for c in sent.root.children if c.dep_ in _SUBJECT_DEPS), None)
            if subject is None or _inside(subject.idx, self._quoted, self._quoted_starts):
                continue
            described = subject.lower_ in self.lex.descriptors and any(
                c.lower_ in ("the", "this", "a", "an") for c in subject.children)
            # "The Brazilian" may be matched as the national team; as a subject it is a person.
            if any(s <= subject.idx < e for s, e in (persons if described else named)):
                continue
            if described or (subject.pos_ == "PROPN" and subject.ent_type_ in ("PERSON", "")
                             and subject.text[:1].isupper()):
                return subject
            # "Wenger's Bayern counterpart Felix Magath was in no mood...": a name nobody
            # recognised ends the subject; it, not the known name before it, is the subject.
            phrase = [t for t in subject.subtree
                      if t.i <= subject.i or t.dep_ in ("appos", "compound", "flat")]
            last = phrase[-1] if phrase else subject
            if last.pos_ == "PROPN" and last.text[:1].isupper() and last.ent_type_ in ("PERSON", "") \
                    and not any(s <= last.idx < e for s, e in named):
                return last
        return None

    def _subject_pronoun(self, start: int, end: int) -> int | None:
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            return None
        for tok in span:
            if tok.lower_ in PRONOUNS and tok.dep_ == "nsubj" and not _inside(tok.idx, self._quoted,
                                                                               self._quoted_starts):
                return tok.idx
        return None

    def _sentence_bounds(self, pos: int) -> tuple[int, int]:
        span = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        if span is None or not self.doc.has_annotation("SENT_START"):
            para = self.paragraphs[self._paragraph_index(pos)]
            return para
        sent = span[0].sent
        return sent.start_char, sent.end_char

    def _is_subject(self, person: Person, main_clause: bool = False) -> bool:
        span = self.doc.char_span(person.start, person.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        if root.dep_ == "appos" and root.head.dep_ in _SUBJECT_DEPS:
            root = root.head  # "Wenger's Bayern counterpart Felix Magath was ...": Magath is the subject
        if root.dep_ not in _SUBJECT_DEPS:
            return False
        return not main_clause or root.head.dep_ == "ROOT"


def _inside(pos: int, spans: Sequence[tuple[int, int]], starts: Sequence[int]) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]
