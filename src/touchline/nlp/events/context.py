"""Entity lookups shared by the event rules: which mention sits on a token, whose team is whose."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import LOWER, ORTH, TAG
from spacy.tokens import Doc, Span, Token

from touchline.nlp.events.derbies import derby_spans
from touchline.nlp.extensions import doc_text

logger = logging.getLogger(__name__)

_REFLEXIVE = {"themselves", "himself", "herself", "itself"}
# Last words of club names that many clubs share: never a club on their own.
TEAM_KINDS = ("club", "national_team")
# "<coach>'s men": the nouns that name a coach's team
_COACH_TEAM_NOUNS = frozenset({"men", "side", "team", "charges", "troops", "outfit", "squad", "boys",
                               "players", "lads", "xi"})


@dataclass(frozen=True, slots=True)
class Ment:
    """A resolved mention mapped onto tokens (``tok_end`` exclusive)."""

    start: int
    end: int
    kind: str
    entity: str
    text: str
    tok_start: int
    tok_end: int
    method: str = "gazetteer"
    confidence: float = 1.0


@dataclass
class Context:
    """Mentions indexed by token, entity attributes by id, and facts learnt on the way
    (a coach's team found by the role rules helps read "Alonso's side" later)."""

    doc: Doc
    mentions: list[Ment] = field(default_factory=list)
    by_token: dict[int, list[Ment]] = field(default_factory=dict)
    attrs: dict[str, dict[str, Any]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    coach_team: dict[str, str] = field(default_factory=dict)
    player_team: dict[str, str] = field(default_factory=dict)
    parsed: bool = False
    # Lower-cased words and tags by token index: the rules test words far more often than
    # they need a Token, and each doc[i] builds one.
    lower: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    added: list[Ment] = field(default_factory=list)
    # entities the event rules name that no mention of the article does (a known coach's team)
    extra_entities: list[dict[str, Any]] = field(default_factory=list)
    removed: list[Ment] = field(default_factory=list)

    @classmethod
    def from_doc(cls, doc: Doc) -> Context:
        ctx = cls(doc=doc, parsed=doc.has_annotation("DEP"))
        strings = doc.vocab.strings
        for orth, low, tag in doc.to_array([ORTH, LOWER, TAG]).tolist():
            ctx.words.append(strings[orth])
            ctx.lower.append(strings[low])
            ctx.tags.append(strings[tag] if tag else "")
        for ent in doc._.tl_entities or []:
            ctx.attrs[ent.get("id")] = dict(ent.get("attrs") or {})
            ctx.kinds[ent.get("id")] = ent.get("kind")
        for m in doc._.tl_mentions or []:
            if not m.get("entity"):
                continue
            span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            ment = Ment(m["start"], m["end"], m.get("kind") or ctx.kinds.get(m["entity"], "other"),
                        m["entity"], m.get("text") or span.text, span.start, span.end,
                        m.get("method") or "gazetteer", float(m.get("confidence", 1.0)))
            ctx.mentions.append(ment)
            for i in range(span.start, span.end):
                ctx.by_token.setdefault(i, []).append(ment)
        ctx.mentions.sort(key=lambda x: (x.tok_start, -x.tok_end))
        for start, end, span, derby in derby_spans(doc):
            # over any club it contains ("Madrid derby" is no mention of Real Madrid)
            ctx.add_mention(Ment(start, end, "derby", derby, doc_text(doc)[start:end], span.start, span.end,
                                 "derby", 0.9), adopted=False)
        ref = str(doc._.dct or "")[:10]
        for eid, a in ctx.attrs.items():
            team = _team_at_date(a, ref)
            stated = a.get("stated")
            stated = stated if isinstance(stated, dict) else {}
            if team and ctx.kinds.get(eid) == "coach" and stated.get("club") and not stated.get("team"):
                ctx.player_team[eid] = team  # "United striker X": a player here, whatever he coached later
            elif team:
                if ctx.kinds.get(eid) == "coach":
                    ctx.coach_team[eid] = team
                elif ctx.kinds.get(eid) == "player":
                    ctx.player_team[eid] = team
        return ctx

    def add_mention(self, ment: Ment, *, adopted: bool = True) -> None:
        """A mention found by the event rules themselves (a club a result frame names); one
        not ``adopted`` serves the rules only and never becomes an entity mention (a derby)."""
        self.mentions.append(ment)
        self.mentions.sort(key=lambda x: (x.tok_start, -x.tok_end))
        for i in range(ment.tok_start, ment.tok_end):
            self.by_token.setdefault(i, []).append(ment)
        if adopted:
            self.added.append(ment)

    def remove_mention(self, ment: Ment) -> None:
        """Drop a mention the event rules showed to be wrong (a club the NER took for a person)."""
        if ment in self.mentions:
            self.mentions.remove(ment)
        for i in range(ment.tok_start, ment.tok_end):
            if ment in self.by_token.get(i, []):
                self.by_token[i].remove(ment)
        self.removed.append(ment)

    # --- lookups -----------------------------------------------------------

    def at(self, i: int, kinds: tuple[str, ...] | list[str] | None = None) -> Ment | None:
        """The longest mention covering token ``i`` (optionally of some kinds)."""
        best: Ment | None = None
        for m in self.by_token.get(i, ()):
            if kinds is not None and m.kind not in kinds:
                continue
            if best is None or (m.tok_end - m.tok_start) > (best.tok_end - best.tok_start):
                best = m
        return best

    def in_range(self, start: int, end: int, kinds: tuple[str, ...] | list[str] | None = None) -> list[Ment]:
        """Mentions wholly inside tokens [start, end), in text order, outermost only."""
        out: list[Ment] = []
        seen: set[Ment] = set()
        for i in range(max(start, 0), min(end, len(self.doc))):
            m = self.at(i, kinds)
            if m is not None and m not in seen and m.tok_start >= start and m.tok_end <= end:
                seen.add(m)
                out.append(m)
        return out

    def venue_clubs(self, venue: str | None) -> list[str]:
        """The clubs that play at a venue (several for a shared ground)."""
        if not venue:
            return []
        a = self.attrs.get(venue, {})
        clubs = [c for c in (a.get("club"), a.get("team")) if isinstance(c, str)]
        clubs += [c for c in a.get("clubs") or [] if isinstance(c, str)]
        if not clubs:  # the ground named on the club's side instead ("venue": "venue:anfield")
            clubs = [eid for eid, ea in self.attrs.items() if ea.get("venue") == venue]
        return clubs

    def person_teams(self, person: str | None) -> set[str]:
        """Every team a person is known to have played for or coached."""
        if not person:
            return set()
        a = self.attrs.get(person, {})
        out = {c for c in (a.get("club"), a.get("team")) if isinstance(c, str)}
        for item in list(a.get("clubs") or []) + list(a.get("roles") or []):
            if isinstance(item, str):
                out.add(item)
            elif isinstance(item, dict):
                out |= {c for c in (item.get("club"), item.get("team")) if isinstance(c, str)}
        if person in self.coach_team:
            out.add(self.coach_team[person])
        if person in self.player_team:
            out.add(self.player_team[person])
        return out

    def bring_entity(self, eid: str) -> None:
        """The gazetteer record of an entity the article's mentions did not bring (a known coach's
        team, a club a heading names by its last word), for the event that points at it."""
        from touchline.nlp.gazetteer_data import load_default

        entry = load_default().get(eid)
        if entry is None or any(e["id"] == eid for e in self.extra_entities):
            return
        self.kinds[eid] = entry["kind"]
        self.attrs.setdefault(eid, dict(entry["attrs"]))
        self.extra_entities.append({"id": eid, "kind": entry["kind"], "name": entry["name"],
                                    "aliases": list(entry["aliases"]), "attrs": dict(entry["attrs"])})

    def stated_team(self, person: str | None) -> str | None:
        """The one team the article itself puts a person in: "<person> ... for <team>" in the same
        clause ("his 100th appearance for Juventus", "scored for the Rovers"), or "<team> <role>
        <person>" ("Juventus forward X"); None when it names none or several."""
        if not person:
            return None
        doc, found = self.doc, set()
        for m in self.mentions:
            if m.entity != person:
                continue
            sent_end = doc[m.tok_start].sent.end
            for j in range(m.tok_end, min(m.tok_end + 15, sent_end)):
                other = self.at(j)
                if other is not None and other.kind in ("player", "coach", "person") \
                        and other.entity != person:
                    break
                if self.lower[j] in (";", ":") or (self.lower[j] == "," and j > m.tok_end + 1):
                    break
                if self.lower[j] == "for":
                    k = j + 1 + (self.lower[j + 1] == "the" if j + 1 < sent_end else 0)
                    team = self.at(k, ("club", "national_team")) if k < sent_end else None
                    if team is not None:
                        found.add(team.entity)
                    break
            k = m.tok_start - 1
            while k >= 0 and k > m.tok_start - 3 and doc[k].text.islower() and self.at(k) is None:
                k -= 1
            team = self.at(k, ("club", "national_team")) if k >= 0 and k < m.tok_start - 1 else None
            if team is not None:
                found.add(team.entity)
        return found.pop() if len(found) == 1 else None

    def team_of_person(self, person: str | None) -> str | None:
        if not person:
            return None
        return self.coach_team.get(person) or self.player_team.get(person)

    def team_at(self, i: int) -> tuple[str, Ment] | None:
        """The team a token refers to: a club mention, or "<coach>'s men"."""
        m = self.at(i, TEAM_KINDS)
        if m is not None:
            return m.entity, m
        p = self.at(i, ("coach", "person"))
        if p is not None and p.tok_end + 1 < len(self.doc):
            nxt = self.doc[p.tok_end]
            noun = self.doc[p.tok_end + 1]
            if nxt.lower_ in ("'s", "’s") and noun.lower_ in _COACH_TEAM_NOUNS:
                team = self.coach_team.get(p.entity)
                if team:
                    return team, p
        return None

    def subject_team(self, i: int, sent: Span) -> str | None:
        """The team that is the subject of token ``i``'s clause ("they" → the last team named)."""
        if not self.parsed:
            hit = self.team_in(sent.start, i)
            return hit[0] if hit else None
        subj = subject_of(self.doc[i])
        if subj is None:
            return None
        hit = self.team_in(subj.start, subj.end)
        if hit:
            return hit[0]
        if len(subj) == 1 and subj[0].lower_ in ("they", "it"):
            prev = [m for m in self.mentions if m.kind in TEAM_KINDS and m.tok_end <= subj.start]
            return prev[-1].entity if prev else None
        return None

    def team_in(self, start: int, end: int) -> tuple[str, Ment] | None:
        """The first team referred to inside tokens [start, end)."""
        i = max(start, 0)
        while i < min(end, len(self.doc)):
            hit = self.team_at(i)
            if hit is not None:
                return hit
            i += 1
        return None


def subject_of(tok: Token) -> Span | None:
    """The subject noun phrase governing ``tok`` (climbing through heads and conjuncts).

    The phrase stops at its head noun so a relative clause hanging off the
    subject ("Alonso's side, who are clear of Barcelona") is not read as it.
    """
    cur = tok
    for _ in range(12):
        for child in cur.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in _REFLEXIVE:
                if child.tag_ == "WP" and cur.dep_ == "relcl":
                    head = cur.head
                    return head.doc[head.left_edge.i: head.i + 1]
                return child.doc[child.left_edge.i: child.i + 1]
        if cur.dep_ == "relcl":
            head = cur.head
            return head.doc[head.left_edge.i: head.i + 1]
        if cur.head == cur:
            return None
        cur = cur.head
    return None


def _team_at_date(attrs: dict[str, Any], ref: str) -> str | None:
    """A coach's or player's team on the report date (falls back to the current one).

    The team the article itself states ("Manchester United striker X") comes first; a role
    that starts after the report date says nothing about that date.
    """
    stated = attrs.get("stated")
    if isinstance(stated, dict) and isinstance(stated.get("club") or stated.get("team"), str):
        return str(stated.get("club") or stated.get("team"))
    roles = [r for r in attrs.get("roles") or [] if isinstance(r, dict)]
    if ref and not roles and str(attrs.get("start") or "") > ref:
        return None
    if ref and roles:
        # the role held on the report date, if the dated roles tell one; else nothing
        for role in roles:
            if not isinstance(role, dict) or not isinstance(role.get("team"), str):
                continue
            start, end = str(role.get("start") or ""), str(role.get("end") or "9999")
            if start <= ref <= end:
                return str(role["team"])
        return None
    team = attrs.get("team") or attrs.get("club")
    if isinstance(team, str) and team:
        return team
    clubs = [c for c in attrs.get("clubs") or [] if isinstance(c, dict) and isinstance(c.get("club"), str)]
    if ref:
        # a squad list's club holds for its season only (and the one before and after, as loans
        # and transfer windows blur it); a 2016 report says nothing of a 2023-24 squad
        for c in reversed(clubs):
            season = str(c.get("season") or "")
            if len(season) >= 4 and season[:4].isdigit() and abs(int(season[:4]) - int(ref[:4])) <= 1:
                return str(c["club"])
        return None
    if clubs:
        return str(clubs[-1]["club"])
    return None
