"""The ``tl_entities`` component: every mention of a player, coach, club... resolved to an id.

It combines the gazetteer's matches (``doc.spans["tl_ents"]``), the pretrained
NER's PERSON spans, context patterns ("Liverpool star Ryan Gravenberch",
"Real Madrid's Bellingham", "midfielder X"), surnames joined to full names of
the same article, and descriptors ("the full-back", "Slot's men"; see
:mod:`touchline.nlp.descriptors`).  It writes ``doc._.tl_mentions`` and
``doc._.tl_entities`` (plain dicts, see :mod:`touchline.nlp.extensions`).
When unsure it leaves a mention unresolved (``entity`` None) or skips it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from touchline.model import entity_id
from touchline.nlp import descriptors, extensions, gazetteer_data, people_context, short_names
from touchline.nlp.entity_facts import Article, Mention, coach_team
from touchline.nlp.gazetteer_data import GazetteerData, surname_forms
from touchline.nlp.name_shapes import (
    COACH_ROLES,
    LOCATIVES,
    PLAYER_ROLES,
    in_result,
    kind_from_context,
    name_runs_of,
    name_shape,
    result_at,
    shapes,
    trim_name,
    trim_span,
)
from touchline.nlp.word_regions import RegionMatcher

logger = logging.getLogger(__name__)

PERSON_KINDS = ("player", "coach", "person")
NAME_PARTICLES = {"van", "von", "de", "der", "den", "di", "da", "dos", "del", "la", "le", "mac", "ten", "ter"}


@Language.factory(
    "tl_entities",
    assigns=["doc._.tl_mentions", "doc._.tl_entities"],
    requires=["doc.spans"],
    default_config={"spans_key": "tl_ents", "context_key": "tl_ents_context", "gazetteer": "tl_gazetteer"},
)
def make_entities(nlp: Language, name: str, spans_key: str, context_key: str, gazetteer: str) -> EntityLinker:
    return EntityLinker(nlp, name, spans_key=spans_key, context_key=context_key, gazetteer=gazetteer)


class EntityLinker:
    """Finds entity mentions and resolves each to an entity id (or leaves it None)."""

    def __init__(self, nlp: Language, name: str = "tl_entities", *, spans_key: str = "tl_ents",
                 context_key: str = "tl_ents_context", gazetteer: str = "tl_gazetteer") -> None:
        extensions.register_extensions()
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.context_key = context_key
        self.gazetteer = gazetteer
        self._data: GazetteerData | None = None
        self._given: tuple[GazetteerData, frozenset[str]] | None = None
        self._comp_country: tuple[GazetteerData, dict[str, str]] | None = None
        self._matchers: tuple[RegionMatcher, RegionMatcher, PhraseMatcher] | None = None

    @property
    def data(self) -> GazetteerData:
        if self.gazetteer in self.nlp.pipe_names:
            data: GazetteerData = self.nlp.get_pipe(self.gazetteer).data  # type: ignore[attr-defined]
            if data is not self._data:
                self._data, self._matchers = data, None
            return data
        if self._data is None:
            self._data = gazetteer_data.load_default()
        return self._data

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *,
                   nlp: Language | None = None) -> None:
        self._matchers = None

    def _build(self) -> tuple[RegionMatcher, RegionMatcher, PhraseMatcher]:
        vocab = self.nlp.vocab
        roles = RegionMatcher(vocab)  # run only around role words
        for word in sorted(PLAYER_ROLES | COACH_ROLES):
            parts = word.replace("-", " - ").split()
            roles.add("ROLE", [[{"LOWER": p} for p in parts] + [{"IS_TITLE": True}]])
        nouns = {w for w in self.data.demonyms if w[:1].isalpha()}
        desc = descriptors.build_matcher(vocab, nouns - {"american"})
        surnames = PhraseMatcher(vocab, attr="ORTH")
        tokenizer: Any = self.nlp.tokenizer
        forms = sorted(s for s, ids in self.data.surnames.items() if len(ids) == 1 and len(s) > 3)
        for form, pattern in zip(forms, tokenizer.pipe(forms), strict=True):
            surnames.add(form, [pattern])
        return roles, desc, surnames

    # --- running -------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            article = self.match(doc)
            self.set_annotations(doc, article)
            return doc
        except Exception as exc:
            return error_handler(self.name, self, [doc], exc)

    def get_error_handler(self) -> Callable[..., Doc]:
        return getattr(self, "_error_handler", _raise_error)

    def set_error_handler(self, error_handler: Callable[..., Doc]) -> None:
        self._error_handler = error_handler

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)

    def match(self, doc: Doc) -> Article:
        """Find and resolve every mention; nothing is written to ``doc``."""
        data = self.data
        if self._matchers is None:
            self._matchers = self._build()
        roles, desc_matcher, surname_matcher = self._matchers
        art = Article(doc, data, extensions.report_date(doc))
        trimmed = (trim_span(e) for e in doc.ents if e.label_ == "PERSON")
        # A score inside a "person" ("Everton 2-1 Brentford") means the NER misread a result line.
        ner_persons = [s for s in trimmed if s is not None and not any(c.isdigit() for c in s.text)]
        self._gazetteer_mentions(art, ner_persons)
        self._role_context(art, roles)
        self._other_spellings(art)
        self._ner_teams_and_grounds(art)
        self._ner_people(art, ner_persons)
        self._given_name_people(art)
        people_context.refine(art)
        self._possessive_context(art)
        self._surnames(art, surname_matcher)
        self._context_forms(art)
        self._national_sides(art)
        self._coach_sides(art)
        self._descriptors(art, desc_matcher)
        people_context.finish(art)
        return art

    def set_annotations(self, doc: Doc, art: Article) -> None:
        doc._.tl_mentions = art.mention_dicts()
        doc._.tl_entities = art.entity_dicts()

    # --- steps ---------------------------------------------------------------------

    def _gazetteer_mentions(self, art: Article, ner_persons: list[Span]) -> None:
        spans = art.doc.spans.get(self.spans_key, [])
        for span in spans:
            # A one-word club or country inside a longer NER person ("Jordan Henderson"): a person.
            if len(span) == 1 and span.label_ not in PERSON_KINDS and any(
                    p.start <= span.start and span.end <= p.end and len(p) > 1 for p in ner_persons):
                continue
            # A one-word player name ("Gabriel") followed or preceded by another
            # capitalised name word is part of a longer name the gazetteer lacks.
            if len(span) == 1 and span.label_ in PERSON_KINDS and _inside_longer_name(
                    art.doc, span.start, span.end):
                continue
            # "in Madrid": a one-word city alias (not the club's own name, as Liverpool's is),
            # after a locative, is the place.
            if len(span) == 1 and span.label_ == "club" and span.text in art.data.cities \
                    and art.data.entries[span.id_]["name"] != span.text \
                    and span.start > 0 and art.doc[span.start - 1].lower_ in LOCATIVES \
                    and not result_at(art.doc, span.start):
                continue
            conf = 0.95 if len(span) > 1 else 0.85
            art.add(span.start, span.end, span.label_, span.id_, conf, "gazetteer")

    def _role_context(self, art: Article, roles: RegionMatcher) -> None:
        """"Liverpool star Ryan Gravenberch", "midfielder X", "head coach Xabi Alonso"."""
        doc = art.doc
        for _, start, end in roles(doc):
            role = doc[start:end - 1].text.lower().replace(" - ", "-")
            name_end = _name_end(doc, end - 1)
            if name_end - (end - 1) > 4:
                continue
            kind = "coach" if role in COACH_ROLES else "player"
            existing = art.mention_covering(end - 1, name_end)
            if existing is not None and existing.kind not in PERSON_KINDS:
                continue
            club = art.club_before(start)
            stated: dict[str, Any] = {}
            if club:
                stated["team" if kind == "coach" else "club"] = club
            if role in descriptors.POSITION_HEADS:
                stated["position"] = descriptors.POSITION_HEADS[role]
            if existing is not None and existing.entity:
                art.state(existing.entity, stated)
                continue
            if existing is not None or name_end - (end - 1) < 2:
                continue  # a lone surname after a role word: the surname step decides
            name = doc[end - 1:name_end].text
            eid = entity_id(kind, name)
            art.new_entity(eid, kind, name, stated)
            art.add(end - 1, name_end, kind, eid, 0.75, "context")

    def _other_spellings(self, art: Article) -> None:
        """A gazetteer person written with other accents or case ("Rúben Amorim" for "Ruben Amorim")."""
        for _, start, end in name_runs_of(art):
            if art.overlaps(start, end):
                continue
            known = art.data.folded_people.get(gazetteer_data.fold_name(art.doc[start:end].text), set())
            if len(known) == 1:
                eid = next(iter(known))
                art.add(start, end, art.data.entries[eid]["kind"], eid, 0.85, "gazetteer")

    def _ner_teams_and_grounds(self, art: Article) -> None:
        """Clubs and grounds the gazetteer lacks, known by the shape of their names.

        The small pretrained NER often calls an unknown club a PERSON ("Kestrel
        Town") or tacks a score onto it ("Kestrel Town 1-0"); a name whose words
        say club or ground is typed by those words, never as a person.
        """
        doc = art.doc
        ner = [(s, True) for e in doc.ents if e.label_ in ("PERSON", "ORG", "GPE", "FAC", "NORP", "PRODUCT")
               if (s := trim_name(e)) is not None]
        runs = [(doc[s:e], False) for _, s, e in name_runs_of(art)]
        for span, from_ner in [*ner, *runs]:
            if art.overlaps(span.start, span.end):
                continue
            kind = name_shape(span, weak=from_ner)
            if kind is None:
                continue
            eid = entity_id(kind, span.text)
            art.new_entity(eid, kind, span.text, {})
            art.add(span.start, span.end, kind, eid, 0.6, "ner")
        self._short_club_names(art)

    def _short_club_names(self, art: Article) -> None:
        """"Castelmar" after "Castelmar FC", "Rovers" after "Northbridge Rovers" (see short_names)."""
        names = [(span, ent.label_) for ent in art.doc.ents if (span := trim_name(ent)) is not None]
        short_names.link(art, names, shapes()["club_prefixes"])

    def _ner_people(self, art: Article, ner_persons: list[Span]) -> None:
        for ner_span in ner_persons:
            span = trim_name(ner_span)
            if span is None or art.overlaps(span.start, span.end) or len(span.text.split()) < 2:
                continue
            name = span.text
            # The gazetteer's person written with or without accents ("Rúben Amorim").
            known = art.data.folded_people.get(gazetteer_data.fold_name(name), set())
            if len(known) == 1:
                eid = next(iter(known))
                art.add(span.start, span.end, art.data.entries[eid]["kind"], eid, 0.85, "gazetteer")
                continue
            # A two-word surname ("Mac Allister") is not a full name: the surname step decides.
            if name in art.data.surnames or any(c.isdigit() for c in name):
                continue
            kind = kind_from_context(span)
            eid = entity_id(kind, name)
            art.new_entity(eid, kind, name, {})
            art.add(span.start, span.end, kind, eid, 0.7, "ner")

    def competition_countries(self, data: GazetteerData) -> dict[str, str]:
        """The country of each national competition in the gazetteer (read once per gazetteer)."""
        if self._comp_country is None or self._comp_country[0] is not data:
            self._comp_country = (data, {e["id"]: e["attrs"]["country"] for e in data.entries.values()
                                         if e["kind"] == "competition" and e["attrs"].get("country")})
        return self._comp_country[1]

    def given_names(self, data: GazetteerData) -> frozenset[str]:
        """First words of the gazetteer's full person names ("Marcus", "Callum"), less any word that
        is itself a name or alias of something ("Jordan", "Georgia")."""
        if self._given is None or self._given[0] is not data:
            firsts = {e["name"].split()[0] for e in data.entries.values()
                      if e["kind"] in PERSON_KINDS and len(e["name"].split()) >= 2}
            self._given = (data, frozenset(w for w in firsts if w[:1].isupper() and w.isalpha()
                                           and w not in data.by_alias and w not in data.ambiguous))
        return self._given[1]

    def _given_name_people(self, art: Article) -> None:
        """A person the NER missed or called an organisation ("Marcus Pellow gave Arsenal ..."):
        a run of two or three capitalised words, the first a known first name, the others no
        club or ground word and no known name of anything."""
        doc = art.doc
        given = self.given_names(art.data)
        known = shapes()
        not_last = known["club_suffixes"] | known["weak_club_suffixes"] | known["venue_suffixes"]
        for _, start, end in name_runs_of(art):
            span = trim_name(doc[start:end])
            if span is None or not 2 <= len(span) <= 3 or art.overlaps(span.start, span.end):
                continue
            words = [t.text for t in span]
            if words[0] not in given or words[-1] in not_last or words[0] in known["club_prefixes"]:
                continue
            if any(not w.replace("-", "").isalpha() or w in art.data.by_alias for w in words[1:]):
                continue
            name = span.text
            if name in art.data.surnames:
                continue
            kind = kind_from_context(span)
            eid = entity_id(kind, name)
            art.new_entity(eid, kind, name, {})
            art.add(span.start, span.end, kind, eid, 0.65, "context")

    def _possessive_context(self, art: Article) -> None:
        """"Real Madrid's Bellingham": the article says which club the person plays for."""
        for m in list(art.mentions):
            if m.kind != "club" or not m.entity or m.end + 1 >= len(art.doc):
                continue
            if art.doc[m.end].lower_ not in ("'s", "’s"):
                continue
            after = art.mention_starting(m.end + 1)
            if after is not None and after.entity and after.kind in ("player", "person"):
                art.state(after.entity, {"club": m.entity})

    def _surnames(self, art: Article, matcher: PhraseMatcher) -> None:
        doc = art.doc
        by_surname: dict[str, set[str]] = {}
        for person in art.people():
            if len(person["name"].split()) >= 2:
                for form in surname_forms(person["name"]):
                    by_surname.setdefault(form, set()).add(person["id"])
        if by_surname:
            local = PhraseMatcher(doc.vocab, attr="ORTH")
            tokenizer: Any = self.nlp.tokenizer
            forms = sorted(by_surname)
            for form, pattern in zip(forms, tokenizer.pipe(forms), strict=True):
                local.add(form, [pattern])
            for match_id, start, end in local(doc):
                if art.overlaps(start, end) or _inside_longer_name(doc, start, end):
                    continue
                ids = by_surname[doc.vocab.strings[match_id]]
                if len(ids) == 1:
                    eid = next(iter(ids))
                    art.add(start, end, art.entity(eid)["kind"], eid, 0.9, "surname")
        # A surname the gazetteer knows for one person only, tagged by the NER, whose
        # club or country the article mentions.
        ner_tokens = {i for e in doc.ents if e.label_ in ("PERSON", "ORG") for i in range(e.start, e.end)}
        for match_id, start, end in matcher(doc):
            if art.overlaps(start, end) or _inside_longer_name(doc, start, end):
                continue
            if not all(i in ner_tokens for i in range(start, end)):
                continue
            ids = art.data.surnames.get(doc.vocab.strings[match_id], set())
            if len(ids) != 1:
                continue
            eid = next(iter(ids))
            entry = art.data.entries[eid]
            clubs = {c["club"] for c in entry["attrs"].get("clubs", []) if isinstance(c, dict)}
            if entry["kind"] == "player" and clubs & art.mentioned_ids() and _in_era(entry, art.dct):
                art.add(start, end, art.data.entries[eid]["kind"], eid, 0.6, "surname")
        for ent in doc.ents:
            span = trim_span(ent)
            if span is not None and ent.label_ == "PERSON" and not art.overlaps(span.start, span.end) \
                    and not any(c.isdigit() for c in span.text):
                art.add(span.start, span.end, "person", None, 0.4, "ner")

    def _context_forms(self, art: Article) -> None:
        """"City" after "Manchester City": a form naming many entities, one of them in this article."""
        doc = art.doc
        spans = doc.spans.get(self.context_key, [])
        mentioned = art.mentioned_ids()
        for span in spans:
            if art.overlaps(span.start, span.end):
                continue
            candidates = art.data.by_alias.get(span.text, set()) & mentioned
            if not candidates:
                word = span.text
                candidates = {e for e in mentioned
                              if word in art.entity(e)["name"].split() and art.entity(e)["kind"] == "club"}
            if len(candidates) == 1:
                eid = next(iter(candidates))
                art.add(span.start, span.end, art.entity(eid)["kind"], eid, 0.7, "context")
                continue
            # "beat Georgia 4-1": a name shared with a place or a word is the team when it
            # stands in a result and only one team bears it.
            teams = [e for e in art.data.by_alias.get(span.text, set())
                     if art.data.entries[e]["kind"] in ("club", "national_team")]
            if len(teams) == 1 and in_result(doc, span.start, span.end):
                kind = art.data.entries[teams[0]]["kind"]
                art.add(span.start, span.end, kind, teams[0], 0.6, "context")

    def _national_sides(self, art: Article) -> None:
        """"The Dutch came from behind": "the" + a nationality word acting as a subject is that
        country's team ("the Dutchman" is a person, left to the descriptors)."""
        doc = art.doc
        the = doc.vocab.strings["the"]
        # a Token only at a "the": three made per word of the article cost about a millisecond
        for i in [i for i, low in enumerate(doc.to_array("LOWER")[:-2].tolist()) if low == the]:
            tok, word, after = doc[i], doc[i + 1], doc[i + 2]
            if not word.is_title or art.overlaps(word.i, word.i + 1):
                continue
            code = art.data.demonyms.get(word.lower_)
            team = art.data.national_team_of(code) if code else None
            if team is None or word.lower_ not in {w.lower() for w in team["attrs"].get("demonyms", [])}:
                continue
            # "the Dutch were", "the Spanish have": the team; "the Italian was": one person
            singular = after.tag_ == "VBZ" or after.lower_ in ("was", "is", "has", "'s")
            if after.pos_ in ("VERB", "AUX") and word.dep_ in ("nsubj", "nsubjpass") and not singular:
                art.add(tok.i, word.i + 1, "national_team", team["id"], 0.65, "descriptor")

    def _coach_sides(self, art: Article) -> None:
        """"Slot's men", "Ancelotti's side": the club the coach leads on the article date."""
        doc = art.doc
        for m in list(art.mentions):
            if m.kind not in ("coach", "person") or not m.entity or m.end + 1 >= len(doc):
                continue
            if doc[m.end].lower_ not in ("'s", "’s") or doc[m.end + 1].lower_ not in descriptors.SIDE_WORDS:
                continue
            team = art.stated(m.entity).get("team") or coach_team(art.entity(m.entity), art.dct)
            if team and art.data.get(team):
                art.add(m.start, m.end + 2, art.data.entries[team]["kind"], team, 0.85, "descriptor",
                        nested=True)

    def _descriptors(self, art: Article, matcher: RegionMatcher) -> None:
        doc = art.doc
        ents = {i: (m.kind, m.entity) for m in art.mentions if m.entity for i in range(m.start, m.end)}
        competition_country = self.competition_countries(art.data)
        for start, end, label in descriptors.find(doc, matcher):
            if art.overlaps(start, end, nested_ok=True) or any(
                    m.start == start and m.end == end for m in art.mentions):
                continue
            desc = descriptors.read(doc[start:end], label, ents, art.data.demonyms,
                                    set(art.data.demonyms), competition_country)
            if desc is None or (desc.unknown_words and not _appositive(art, start)):
                continue
            if desc.constraints == 0 and not _appositive(art, start):
                continue
            eid, conf = art.resolve(desc, _appositive(art, start), competition_country)
            kind = art.entity(eid)["kind"] if eid else desc.kind
            art.add(start, end, kind, eid, conf, "descriptor", nested=True)


def _appositive(art: Article, start: int) -> Mention | None:
    """The person named just before ", the 21-year-old", if any."""
    if start >= 2 and art.doc[start - 1].text == ",":
        m = art.mention_ending(start - 1)
        if m is not None and m.kind in PERSON_KINDS and m.entity:
            return m
    return None


def _name_end(doc: Doc, start: int) -> int:
    """End of a capitalised name starting at ``start`` ("Ryan Gravenberch", "Trent Alexander-Arnold")."""
    i = start
    while i < len(doc):
        tok = doc[i]
        joins = (tok.text == "-" or tok.lower_ in NAME_PARTICLES) and i > start
        if tok.is_title or (joins and i + 1 < len(doc) and doc[i + 1].is_title):
            i += 1
        else:
            break
    return i


def _inside_longer_name(doc: Doc, start: int, end: int) -> bool:
    """"Bellingham" inside "Jobe Bellingham": a different person, not a surname mention."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    return bool(before is not None and before.is_title and not before.is_sent_start
                and before.pos_ == "PROPN") or bool(after is not None and after.is_title
                                                    and after.pos_ == "PROPN")


def _in_era(entry: dict[str, Any], on: date | None) -> bool:
    """Whether the article date is near a season the gazetteer lists the player for."""
    if on is None:
        return True
    years = {int(c["season"][:4]) for c in entry["attrs"].get("clubs", [])
             if isinstance(c, dict) and c.get("season")}
    return any(abs(on.year - y) <= 3 for y in years)


def _raise_error(proc_name: str, proc: Any, docs: list[Doc], e: Exception) -> Doc:
    raise e


# --- lookups for later components ---------------------------------------------------


def mention_at(doc: Doc, start: int, end: int) -> dict[str, Any] | None:
    """The mention at character offsets [start, end): exact, else the smallest covering it,
    else the largest overlap.  For ``tl_events``/``tl_quotes``."""
    mentions = doc._.tl_mentions or []
    exact = [m for m in mentions if m["start"] == start and m["end"] == end]
    if exact:
        return max(exact, key=lambda m: m["confidence"])
    covering = [m for m in mentions if m["start"] <= start and end <= m["end"]]
    if covering:
        return min(covering, key=lambda m: m["end"] - m["start"])
    overlapping = [m for m in mentions if m["start"] < end and start < m["end"]]
    if overlapping:
        return max(overlapping, key=lambda m: min(end, m["end"]) - max(start, m["start"]))
    return None


def entity_at(doc: Doc, start: int, end: int) -> str | None:
    """The entity id mentioned at character offsets [start, end), or None."""
    m = mention_at(doc, start, end)
    return m["entity"] if m else None


def entity_of_span(span: Span) -> str | None:
    """The entity id a Span refers to (``entity_at`` on its character offsets)."""
    return entity_at(span.doc, span.start_char, span.end_char)
