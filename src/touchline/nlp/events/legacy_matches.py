"""Played matches and their scorers: every match an article mentions, merged per team pair."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from touchline.model import MatchEvent, Scorer, detail_to_fields
from touchline.nlp.events import dates
from touchline.nlp.events.context import Context, Hits, lexicon, subject_of
from touchline.nlp.events.fixtures import versus_pairs
from touchline.nlp.events.result_phrases import (
    PLAYED_NOUNS,
    clause_team,
    game_pair,
    held_opponent,
    held_to_draw,
    hypothetical,
    own_clause_team,
    played_game_opponent,
    team_after_descriptors,
)
from touchline.nlp.events.scorers import find_scorers

logger = logging.getLogger(__name__)

_SCORE_RX = re.compile(r"^(\d{1,2})[-–](\d{1,2})$")
# How many sentences back an anaphor ("the two sides", "the win") may reach.
ANAPHOR_WINDOW = 3


GOALLESS = {"goalless", "scoreless"}
_END_VERBS = {"finished", "ended", "ends", "finishes", "ending", "finishing"}
# Words after a competition's name that make it a title or a table, not the match's competition.
_NOT_THIS_MATCH = {"table", "standings", "winners", "winner", "champions", "champion", "holders", "title",
                   "titles", "trophy", "trophies", "crown", "medal", "medals"}


_DIGIT = re.compile(r"\d")


def build_score_matcher(vocab: Any) -> Matcher:
    """Scorelines as one token ("2-0") or three ("2", "-", "0")."""
    m = Matcher(vocab)
    m.add("SCORE", [[{"TEXT": {"REGEX": r"^\d{1,2}[-–]\d{1,2}$"}}],
                    [{"TEXT": {"REGEX": r"^\d{1,2}$"}}, {"TEXT": {"IN": ["-", "–"]}},
                     {"TEXT": {"REGEX": r"^\d{1,2}$"}}]])
    return m


@dataclass
class Mention:
    """One sentence's statement about a match, before merging."""

    sent: int
    start: int  # char span of the sentence
    end: int
    tok: int
    owner: str | None = None
    opp: str | None = None
    owner_score: int | None = None
    opp_score: int | None = None
    home: str | None = None
    conf: float = 0.8
    anaphor: bool = False
    anchor: int = 0  # char offset of the trigger
    past_ref: bool = False  # "last week's win": an earlier game, never the report's own


@dataclass
class Cluster:
    teams: list[str]
    sents: list[int] = field(default_factory=list)
    sources: list[tuple[int, int]] = field(default_factory=list)
    scores: dict[str, int] = field(default_factory=dict)
    home: str | None = None
    home_conf: float = 0.0
    venue: str | None = None
    competition: str | None = None
    stage: str | None = None
    date: dates.Dated | None = None
    scorers: dict[str, Scorer] = field(default_factory=dict)
    conf: float = 0.0
    first_tok: int = 0
    anchors: list[int] = field(default_factory=list)  # char offsets of triggers, for dating
    no_fallback: bool = False  # told only as "in May" or "two days after ...": no day-after guess

    def touch(self, m: Mention) -> None:
        if m.sent not in self.sents:
            self.sents.append(m.sent)
            self.sources.append((m.start, m.end))
        self.anchors.append(m.anchor)
        self.conf = max(self.conf, m.conf)


def _score_at(sent: Span, s: int, e: int) -> tuple[int, int] | None:
    if e - s == 1 and sent.doc[s].lower_ in GOALLESS:
        return 0, 0
    text = sent.doc[s:e].text.replace(" ", "")
    mm = _SCORE_RX.match(text)
    return (int(mm.group(1)), int(mm.group(2))) if mm else None


def _blocked(doc: Doc, s: int, e: int, sent: Span) -> bool:
    """A scoreline that is not a final result: a lead, a half-time or aggregate score."""
    lex = lexicon()
    block = set(lex["score_blockers"])
    after = [t.lower_ for t in doc[e: min(e + 4, sent.end)]]
    before = [t.lower_ for t in doc[max(s - 4, sent.start): s]]
    if after and after[0] in block:
        return True
    joined_after = " ".join(after)
    joined_before = " ".join(before)
    if any(w in joined_after.replace(" - ", "-") for w in lex["halftime_words"] if len(w) > 3):
        return True
    if any(w in joined_before.replace(" - ", "-") for w in lex["halftime_words"] if len(w) > 3):
        return True
    if before and before[-1] in ("led", "leading", "trailed", "trailing", "lead", "were", "was", "went"):
        return True
    return "aggregate" in joined_after or "penalties" in joined_after


def _owner(ctx: Context, sent: Span, trigger: int, s: int) -> tuple[str | None, float]:
    """Whose result it is: a possessive right before the scoreline, else the clause subject."""
    doc = ctx.doc
    lex = lexicon()
    j = s - 1
    if j > sent.start and doc[j].lower_ in ("'s", "’s", "'"):
        hit = ctx.team_at(j - 1)
        if hit:
            return hit[0], 0.9
        # "his side's 1-1 draw": the coach named earlier in the sentence
        if j - 2 >= sent.start and doc[j - 1].text in lex["coach_team_nouns"] \
                and doc[j - 2].lower_ in ("his", "her"):
            coaches = [m for m in ctx.in_range(sent.start, j - 2, ("coach",)) if m.entity in ctx.coach_team]
            if len({m.entity for m in coaches}) == 1:
                return ctx.coach_team[coaches[0].entity], 0.8
    # "their 3-0 victory", "Their 2-0 derby win": the team just named
    if j >= sent.start and doc[j].lower_ in ("their", "its"):
        team = pronoun_team(ctx, sent, j)
        if team:
            return team, 0.75
    if ctx.parsed:
        # "gave Alonso's side a 2-0 win", "earned City a 2-2 draw": the receiver's result
        given = _dative_team(ctx, sent, trigger)
        if given is not None:
            return given, 0.8
        own = own_clause_team(ctx, doc[trigger], sent)
        if own is not None:
            return own, 0.75
        subj = subject_of(doc[trigger])
        if subj is not None:
            team = span_team(ctx, subj, sent)
            if team is not None:
                return team, 0.85
        # a mis-parse ("as Arsenal beat/NN holders Madrid"): the team right before the verb
        if trigger > sent.start and doc[trigger].lower_ in _ALL_RESULT_VERBS:
            hit = ctx.team_at(trigger - 1)
            if hit is not None and hit[1].tok_end == trigger:
                return hit[0], 0.7
        return None, 0.0
    # Rule-only: the nearest team before the trigger in the sentence.
    for i in range(s - 1, sent.start - 1, -1):
        hit = ctx.team_at(i)
        if hit:
            return hit[0], 0.6
    return None, 0.0


_GIVE_VERBS = {"gave", "give", "gives", "giving", "handed", "hand", "hands", "handing", "earned", "earn",
               "earns", "earning", "secured", "secure", "securing", "clinched", "sealed", "snatched",
               "grabbed"}
_ALL_RESULT_VERBS = {w for ws in lexicon()["result_verbs"].values() for w in ws}
# Head nouns of a subject that are a team ("Arsenal's players"), not someone in it ("the England winger").
_TEAM_HEADS = set(lexicon()["team_nouns"]) | {"champions", "holders", "hosts", "visitors", "leaders",
                                               "club", "nation", "country", "giants", "rivals", "neighbours"}

_COACH_TITLES = {"coach", "manager", "boss", "gaffer", "head-coach"}


def span_team(ctx: Context, span: Span, sent: Span) -> str | None:
    """The team a noun phrase stands for: a team named as its head, "<coach>'s side",
    "his side" (the one coach named earlier in the sentence), or a coach with a known team."""
    doc = ctx.doc
    head = span[-1]
    tm = ctx.at(head.i, lexicon()["team_kinds"])
    if tm is not None:
        return tm.entity
    if head.lower_ in _TEAM_HEADS or head.text in _TEAM_HEADS:
        hit = ctx.team_in(span.start, span.end)
        if hit is not None:
            return hit[0]
        if head.i - 1 >= span.start and doc[head.i - 1].lower_ in ("his", "her"):
            coaches = {m.entity for m in ctx.in_range(sent.start, head.i - 1, ("coach",))
                       if m.entity in ctx.coach_team}
            if len(coaches) == 1:
                return ctx.coach_team[coaches.pop()]
        return None
    if head.lower_ in _COACH_TITLES:
        # "Real Madrid head coach (Xabi Alonso)": the one team named with the title
        teams = {m.entity for m in ctx.in_range(span.start, head.i, lexicon()["team_kinds"])}
        return teams.pop() if len(teams) == 1 else None
    pm = ctx.at(head.i, ("coach",))
    if pm is None:
        return None
    # "Real Madrid head coach Xabi Alonso": the one team named in the coach's phrase
    teams = {m.entity for m in ctx.in_range(span.start, pm.tok_start, lexicon()["team_kinds"])}
    if len(teams) == 1:
        return teams.pop()
    if not teams and pm.entity in ctx.coach_team:
        return ctx.coach_team[pm.entity]  # "Klopp said goodbye with a 2-0 win over Wolves"
    return None


def _dative_team(ctx: Context, sent: Span, trigger: int) -> str | None:
    """The receiver of "gave/earned <team> a 2-1 win": the noun phrase between the verb and the result."""
    doc = ctx.doc
    noun = doc[trigger]
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lower_ not in _GIVE_VERBS or not (sent.start <= verb.i < noun.i):
        return None
    for child in verb.children:
        if child.dep_ in ("dative", "iobj") and verb.i < child.i < noun.i:
            span = doc[child.left_edge.i: child.i + 1]
            return span_team(ctx, span, sent)
    # an unparsed receiver: "gave <team> a": the team filling the gap exactly
    det = next((i for i in range(verb.i + 1, noun.i) if doc[i].lower_ in ("a", "an")), None)
    if det is None:
        return None
    hit = ctx.team_in(verb.i + 1, det)
    if hit is not None and hit[1].tok_start == verb.i + 1 and ctx.team_in(hit[1].tok_end + 2, det) is None:
        return hit[0]
    return None


def pronoun_team(ctx: Context, sent: Span, i: int) -> str | None:
    """The team a possessive "their" at token ``i`` stands for: the last team named before it,
    in this sentence or the one before (further back it is a guess)."""
    doc = ctx.doc
    prev_start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    teams = [m for m in ctx.mentions if m.kind in lexicon()["team_kinds"] and prev_start <= m.tok_start
             and m.tok_end <= i]
    return teams[-1].entity if teams else None


def _opponent_after(ctx: Context, hits: Hits, k: int, sent: Span) -> tuple[str | None, bool]:
    """The team after "to/against/over/with/at", and whether it was "at" (their ground)."""
    doc = ctx.doc
    lex = lexicon()
    preps = set(lex["result_preps"]["opponent"])
    i = k
    # "a 2-0 home win over", "at the hands of"
    while i < sent.end and doc[i].lower_ in ("home", "away", "league", "cup"):
        i += 1
    if i < sent.end and doc[i].lower_ == "at" and i + 3 < sent.end and doc[i + 2].lower_ == "hands":
        i += 3
    if i >= sent.end or doc[i].lower_ not in preps:
        return None, False
    was_at = doc[i].lower_ == "at"
    for j in range(i + 1, min(i + 5, sent.end)):
        if doc[j].is_punct and doc[j].text not in ("-", "–"):
            break  # "drew 2-2 with ten-man Arsenal" goes on past the hyphen
        hit = ctx.team_at(j)
        if hit:
            return hit[0], was_at
        if was_at:
            # "won 2-1 at Anfield": the ground's one club was the opponent, at home
            v = ctx.at(j, ("venue",))
            if v is not None:
                clubs = ctx.venue_clubs(v.entity)
                return (clubs[0], True) if len(clubs) == 1 else (None, False)
    return None, False


def _apply_outcome(outcome: str, a: int, b: int) -> tuple[int, int] | None:
    hi, lo = max(a, b), min(a, b)
    if outcome == "draw":
        return (a, b) if a == b else None
    if a == b:
        return None
    return (hi, lo) if outcome == "win" else (lo, hi)


def scored_mentions(ctx: Context, hits: Hits, sm: Matcher, sent: Span, si: int) -> list[Mention]:
    """Results stated with a scoreline in one sentence."""
    doc = ctx.doc
    lex = lexicon()
    out: list[Mention] = []
    # A scoreline needs a digit: most sentences have none, and the matcher's regexes are dear.
    spans = [(s, e) for _, s, e in sm(sent)] if _DIGIT.search(sent.text) else []
    # "a goalless draw", "finished goalless": a 0-0 in words
    spans += [(i - sent.start, i - sent.start + 1) for i in range(sent.start, sent.end)
              if ctx.lower[i] in GOALLESS]
    spans.sort()
    versus = versus_pairs(ctx, sent) if spans else []
    # the last verb-stated result of the sentence, for "lost 1-0 to A and 2-0 to B"
    last_verb: tuple[str, int, int, str | None, float] | None = None
    for s, e in spans:
        s += sent.start
        e += sent.start
        sc = _score_at(sent, s, e)
        if sc is None or _blocked(doc, s, e, sent):
            continue
        base = Mention(si, sent.start_char, sent.end_char, s)
        left = ctx.team_at(s - 1) if s > sent.start else None
        right = ctx.team_at(e) if e < sent.end else None
        if left and right and left[0] != right[0]:
            base.owner, base.opp = left[0], right[0]
            base.owner_score, base.opp_score = sc
            base.home, base.conf = left[0], 0.9
            out.append(base)
            continue
        pair = _versus_before(doc, versus, s)
        if pair is not None:
            # "Chelsea v Arsenal ended 2-2": the home side is named first
            base.owner, base.opp = pair
            base.owner_score, base.opp_score = sc
            base.home, base.conf = pair[0], 0.85
            out.append(base)
            continue
        # "a 2-0 (home) victory over ...": a result noun just after the scoreline.
        found = None
        for k in range(e, min(e + 4, sent.end)):
            for outcome in ("win", "loss", "draw"):
                end = hits.starts(f"result_nouns.{outcome}", k)
                if end is not None:
                    found = (outcome, k, end)
                    break
            if found or (doc[k].is_punct and doc[k].text not in ("-", "–")):
                break
        if found:
            outcome, k, end = found
            if ctx.parsed and hypothetical(doc[k]):
                continue
            owner, oconf = _owner(ctx, sent, k, s)
            opp, at = _opponent_after(ctx, hits, end, sent)
            if owner is None and opp is not None and ctx.parsed:
                owner, oconf, past = _owner_elsewhere(ctx, sent, k, s, opp)
                base.past_ref = past
            if opp is None and owner is not None and oconf >= 0.9 and outcome != "draw":
                # "Rosenborg's goal in Arsenal's 5-1 win": the one other team of the sentence
                others = {m.entity for m in ctx.in_range(sent.start, s, lex["team_kinds"])} - {owner}
                if len(others) == 1:
                    opp, oconf = others.pop(), 0.6
            if outcome == "draw" and opp is None:
                # "the 2-2 draw between A and B", "A and B played out a 1-1 draw"
                pair = _draw_pair(ctx, sent, k, end)
                if pair:
                    (owner, opp), oconf = pair, 0.8
        elif s > sent.start and doc[s - 1].lower_ in _END_VERBS and sc[0] == sc[1]:
            # "X and Y finished goalless", "the match ended 1-1" (level: no side to orient)
            pair = _draw_pair(ctx, sent, s - 1, s)
            if pair:
                base.owner, base.opp = pair
                base.owner_score, base.opp_score = sc
                base.conf = 0.8
                out.append(base)
            elif _match_subject(ctx, doc[s - 1]):
                base.owner_score, base.opp_score = sc
                base.anaphor, base.conf = True, 0.7
                out.append(base)
            continue
        elif last_verb is not None and _continues(doc, last_verb[2], s):
            # "lost 1-0 to United and 2-0 (to) Southampton": the same verb and subject
            outcome, k, _, owner, oconf = last_verb
            opp, at = _opponent_after(ctx, hits, e, sent)
            if opp is None and e < sent.end:
                hit = ctx.team_at(e)
                opp = hit[0] if hit else None
        else:
            # "won 2-0", "beat Villa 2-0", "lost 1-0 to", "drew 1-1 with".
            verb = None
            for k in range(s - 1, max(s - 5, sent.start) - 1, -1):
                for outcome in ("win", "loss", "draw"):
                    if doc[k].lower_ in lex["result_verbs"][outcome] and (doc[k].tag_ != "VBG"
                                                                           or participle_clause(doc[k])):
                        verb = (outcome, k)
                        break
                if verb:
                    break
            if verb is None:
                continue
            outcome, k = verb
            if ctx.parsed and doc[k].tag_ in ("VB", "VBP", "VBZ") and doc[k].lower_ not in ("beat",):
                continue  # future or habitual: "will win 2-0" is a prediction
            owner, oconf = _owner(ctx, sent, k, s)
            opp, at = None, False
            passive = _is_passive(doc, k)
            if passive and doc[k].lower_ in lex["transitive_win_verbs"]:
                outcome = "loss"  # "were beaten 2-0 by Villa"
            elif doc[k].lower_ in lex["transitive_win_verbs"]:
                hit = ctx.team_in(k + 1, s)
                opp = hit[0] if hit else None
            if opp is None:
                opp, at = _opponent_after(ctx, hits, e, sent)
            if outcome == "draw" and (opp is None or opp == owner):
                # "A and B drew 1-1 at Villa Park": the ground's club is one of the pair, not an opponent
                pair = _draw_pair(ctx, sent, k, k + 1)
                if pair:
                    (owner, opp), oconf, at = pair, 0.8, False
            last_verb = (outcome, k, e, owner, oconf)
        res = _apply_outcome(outcome, *sc)
        if res is None or (owner is None and opp is None) or owner == opp:
            continue
        if opp is None and e < sent.end and doc[e].lower_ in ("at", "to", "against", "by", "over", "with"):
            continue  # an opponent named but unknown: not the other match of the sentence
        base.owner, base.opp = owner, opp
        base.owner_score, base.opp_score = res
        base.conf = 0.85 if owner and opp else 0.7
        base.conf = min(base.conf, oconf or 0.7)
        if at and opp:
            base.home = opp
        out.append(base)
    return out


def _match_subject(ctx: Context, verb: Any) -> bool:
    """ "The match at Old Trafford finished ...": the clause is about a game, not a team."""
    if not ctx.parsed:
        return False
    games = ("match", "game", "contest", "encounter", "derby", "tie", "clash", "meeting", "final", "replay",
             "leg")
    if verb.dep_ == "acl" and verb.head.lower_ in games:
        return True  # "with the match ending 1-1"
    subj = subject_of(verb)
    if subj is None or not len(subj):
        return False
    return subj.root.lower_ in games


def _versus_before(doc: Doc, versus: list[tuple[str, str, int, int]], s: int) -> tuple[str, str] | None:
    """The "X v Y" pairing a scoreline at ``s`` completes ("X v Y ended 2-2", "X v Y 2-2")."""
    for home, away, _a, b in versus:
        between = [t.lower_ for t in doc[b:s]]
        if between in ([], ["ended"], ["finished"], ["ended", "in", "a"], ["finished", "in", "a"], [":"],
                       ["ended", "at"], ["finished", "at"], ["was"], ["("], ["ends"], ["finishes"]):
            return home, away
    return None


def participle_clause(tok: Any) -> bool:
    """A present participle heading its own clause ("..., beating England 2-1", "after beating City"),
    not a progressive ("are beating") nor a noun ("the beating")."""
    if tok.tag_ != "VBG" or tok.dep_ not in ("advcl", "pcomp", "xcomp", "conj", "acl", "ROOT"):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        return False
    prev = tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
    if prev in ("is", "are", "was", "were", "be", "been", "'s", "'re", "the", "a", "an"):
        return False
    # the clause it hangs on must tell the past: "won the Cup, beating", not "wants to win by beating"
    cur = tok.head
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX"):
            return cur.tag_ in ("VBD", "VBN") and not any(c.dep_ == "aux" and c.tag_ in ("MD", "TO")
                                                             for c in cur.children)
        if cur.head == cur:
            break
        cur = cur.head
    return False


def _prep_after_game(doc: Doc, start: int, end: int) -> int | None:
    """The "to/with/against" after "lost"/"drew", next to it or past a short phrase naming the game."""
    if start < end and doc[start].lower_ in ("to", "with", "against"):
        return start
    if start >= end or doc[start].lower_ not in ("the", "their", "its", "his", "her"):
        return None
    games = set(lexicon()["match_nouns"]) | {"final", "semi-final", "semifinal", "quarter-final",
                                             "quarterfinal"}
    seen_game = False
    for j in range(start + 1, min(start + 8, end)):
        w = doc[j]
        if w.is_punct and w.text not in ("-", "–"):
            return None
        if w.lower_ in games:
            seen_game = True
        elif w.lower_ in ("to", "with", "against"):
            return j if seen_game else None
    return None


def _is_passive(doc: Doc, k: int) -> bool:
    """A past participle after "was/were/been/being/got": "were beaten", "was defeated";
    or heading a reduced clause of its own ("Liverpool, beaten 3-1 at Chelsea, ...")."""
    if doc[k].tag_ not in ("VBN", "VBD") or k == 0:
        return False
    if doc[k].tag_ == "VBN" and doc[k].dep_ in ("acl", "advcl", "amod", "appos") \
            and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in doc[k].children):
        return True
    prev = doc[k - 1].lower_
    if prev in ("heavily", "narrowly", "comfortably", "soundly", "also", "again", "eventually"):
        prev = doc[k - 2].lower_ if k >= 2 else ""
    return prev in ("was", "were", "been", "being", "got", "get", "be", "is", "are")


def _continues(doc: Doc, prev_end: int, s: int) -> bool:
    """Only "and"/"," (and an opponent preposition) between a verb's scoreline and this one."""
    between = [t.lower_ for t in doc[prev_end:s]]
    if not between or between[-1] not in ("and", ","):
        return False
    # "lost 1-0 to United and 2-0 Southampton": the first opponent sits in between
    return len(between) <= 6 and not any(t.pos_ == "VERB" for t in doc[prev_end:s])


def _draw_pair(ctx: Context, sent: Span, k: int, end: int) -> tuple[str, str] | None:
    """Both sides of a draw named together: "between A and B" after it, or "A and B" as subject."""
    doc = ctx.doc
    if end < sent.end and doc[end].lower_ == "between":
        first = ctx.team_in(end + 1, min(end + 5, sent.end))
        if first is not None:
            m = first[1]
            j = m.tok_end
            if j < sent.end and doc[j].lower_ in ("and", "&"):
                second = ctx.team_in(j + 1, min(j + 5, sent.end))
                if second is not None and second[0] != first[0]:
                    return first[0], second[0]
        return None
    if not ctx.parsed:
        return None
    subj = subject_of(doc[k])
    if subj is None:
        return None
    game = game_pair(ctx, subj)
    if game is not None:
        return game  # "Arsenal's game against Brighton ended 1-1"
    head = subj[-1]
    subj = doc[head.left_edge.i: min(head.right_edge.i + 1, k)]  # with its conjuncts this time
    teams: list[str] = []
    for m in ctx.in_range(subj.start, subj.end, lexicon()["team_kinds"]):
        if m.entity not in teams:
            teams.append(m.entity)
    if len(teams) == 2 and any(t.lower_ in ("and", "&") for t in subj):
        return teams[0], teams[1]
    return None


def scoreless_mentions(ctx: Context, hits: Hits, sent: Span, si: int) -> list[Mention]:
    """Results named without a score: "Real Madrid's loss to Liverpool", "X beat Y"."""
    doc = ctx.doc
    lex = lexicon()
    out: list[Mention] = []
    for outcome in ("win", "loss", "draw"):
        for k, end in hits.find(f"result_nouns.{outcome}", sent.start, sent.end):
            if k - 2 < sent.start or doc[k - 1].lower_ not in ("'s", "’s"):
                continue
            owner = ctx.team_at(k - 2)
            opp, at = _opponent_after(ctx, hits, end, sent)
            conf = 0.8
            if owner is None and doc[k - 2].lower_ in _TIME_NOUNS and opp is not None:
                # "last week's win over Birmingham": the article's own team, when it has one
                team = article_team(ctx)
                owner, conf = ((team, None), 0.6) if team else (None, 0.0)  # type: ignore[assignment]
            if owner and opp and owner[0] != opp:
                out.append(Mention(si, sent.start_char, sent.end_char, k, owner[0], opp,
                                   home=opp if at else None, conf=conf, past_ref=conf < 0.8))
    if ctx.parsed:
        out += _played_games(ctx, sent, si)
    for t in sent:
        low = t.lower_
        if low == "held" and ctx.parsed and t.tag_ in ("VBD", "VBN"):
            m = _held(ctx, t, sent, si)
            if m is not None:
                out.append(m)
            continue
        if low not in lex["transitive_win_verbs"] and low not in _SCORELESS_VERBS:
            continue
        if low == "knocked" and not (t.i + 1 < sent.end and doc[t.i + 1].lower_ == "out"):
            continue
        if ctx.parsed and t.tag_ not in ("VBD", "VBN") and not (t.tag_ == "VBG" and participle_clause(t)):
            continue
        owner_hit: tuple[str, Any] | None = None
        if ctx.parsed:
            subj = subject_of(t)
            team = own_clause_team(ctx, t, sent) or (span_team(ctx, subj, sent) if subj is not None else None)
            owner_hit = (team, None) if team else None
        elif t.i > sent.start:
            owner_hit = ctx.team_at(t.i - 1)
        start = t.i + 1
        if low in ("lost", "drew", "losing", "drawing"):
            # "lost to Spain", "lost the Copa del Rey final to Barcelona" (a short phrase naming the game)
            to = _prep_after_game(doc, start, sent.end)
            if to is None:
                continue
            start = to + 1
        elif _is_passive(doc, t.i):
            # "were beaten by Villa", "were knocked out of the Cup by Villa"
            by = next((j for j in range(start, min(start + 8, sent.end)) if doc[j].lower_ == "by"), None)
            if by is None or any(doc[j].is_punct for j in range(start, by)):
                continue
            start = by + 1
        elif low == "knocked":
            start += 1 if start < sent.end and doc[start].lower_ == "out" else 0
        opp_hit = ctx.team_at(start) if start < sent.end else None
        if start < sent.end and doc[start].lower_ == "the" and start + 1 < sent.end:
            opp_hit = opp_hit or ctx.team_at(start + 1)
        if opp_hit is None and ctx.parsed:
            described = team_after_descriptors(ctx, start, sent.end)  # "beat world champions Spain"
            opp_hit = ctx.team_at(described[1]) if described else None
        if owner_hit and opp_hit and owner_hit[0] != opp_hit[0]:
            m = Mention(si, sent.start_char, sent.end_char, t.i, owner_hit[0], opp_hit[0], conf=0.75)
            if low == "hosted":
                m.home = owner_hit[0]
            out.append(m)
    return out


_SCORELESS_VERBS = {"lost", "drew", "hosted", "knocked", "losing", "drawing"}


def _held(ctx: Context, verb: Any, sent: Span, si: int) -> Mention | None:
    """A draw told with "held": "Arsenal were held (to a draw) by Brighton", "Brighton held Arsenal
    to a draw" (a level score, if any, comes from the scoreline rules)."""
    subj = subject_of(verb)
    team = span_team(ctx, subj, sent) if subj is not None else None
    if team is None:
        return None
    other = held_opponent(ctx, verb, sent) if _is_passive(ctx.doc, verb.i) else held_to_draw(ctx, verb, sent)
    if other is None or other == team:
        return None
    return Mention(si, sent.start_char, sent.end_char, verb.i, team, other, conf=0.75)


def _played_games(ctx: Context, sent: Span, si: int) -> list[Mention]:
    """ "Saka was injured during Arsenal's game against Brighton": a game told as played."""
    doc = ctx.doc
    out: list[Mention] = []
    for t in sent:
        if t.lower_ not in PLAYED_NOUNS or t.i - 2 < sent.start or doc[t.i - 1].lower_ not in ("'s", "’s"):
            continue
        owner = ctx.team_at(t.i - 2)
        if owner is None:
            continue
        found = played_game_opponent(ctx, t.i, owner[1].tok_start, sent)
        if found is not None and found[0] != owner[0]:
            out.append(Mention(si, sent.start_char, sent.end_char, t.i, owner[0], found[0],
                               home=found[0] if found[1] else None, conf=0.7))
    return out


def _owner_elsewhere(ctx: Context, sent: Span, k: int, s: int, opp: str) -> tuple[str | None, float, bool]:
    """The owner of "a 2-1 win over <opp>" when its own phrase names none: "last week's 5-1 win over
    Palace" is the article's team's (an earlier game); else the one other team the clause is about."""
    doc = ctx.doc
    if s - 2 >= sent.start and doc[s - 1].lower_ in ("'s", "’s") and doc[s - 2].lower_ in _TIME_NOUNS:
        team = article_team(ctx)
        return (team, 0.6, True) if team and team != opp else (None, 0.0, False)
    team = clause_team(ctx, sent, k, opp)
    return (team, 0.7, False) if team else (None, 0.0, False)
_TIME_NOUNS = {"week", "weekend", "night", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
               "sunday", "midweek", "month"}


def article_team(ctx: Context) -> str | None:
    """The team an article is about: named at least three times and over twice as often as any other."""
    counts: dict[str, int] = {}
    for m in ctx.mentions:
        if m.kind in lexicon()["team_kinds"]:
            counts[m.entity] = counts.get(m.entity, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[0][1] <= 2 * ranked[1][1]):
        return None
    return ranked[0][0]


def is_anaphoric(hits: Hits, sent: Span) -> bool:
    return bool(hits.find("two_sides", sent.start, sent.end) or hits.find("definite_result", sent.start,
                                                                              sent.end))


def _past_edition(doc: Any, after: int, sent_end: int) -> bool:
    """"the FA Cup in 1955": a competition's edition of a given year, not the match's competition."""
    window = doc[after:min(after + 2, sent_end)]
    return len(window) == 2 and window[0].lower_ in ("in", "of") and window[1].like_num \
        and len(window[1].text) == 4 and window[1].text.isdigit()


def sentence_details(ctx: Context, hits: Hits, sent: Span) -> dict[str, Any]:
    """Venue, competition and stage named in a sentence."""
    doc = ctx.doc
    lex = lexicon()
    out: dict[str, Any] = {}
    venues = ctx.in_range(sent.start, sent.end, ("venue",))
    if venues:
        out["venue"] = venues[0].entity
    # "top of the Premier League table" names a league, not this match's competition
    # nor does "Champions League winners in 2022"
    comps = [m for m in ctx.in_range(sent.start, sent.end, ("competition",))
             if not (m.tok_end < sent.end and doc[m.tok_end].lower_ in _NOT_THIS_MATCH)
             and not _past_edition(doc, m.tok_end, sent.end)]
    if comps:
        out["competition"] = comps[-1].entity
    elif any(t.lower_ in ("competition", "tournament") for t in sent):
        prev = [m for m in ctx.mentions if m.kind == "competition" and m.tok_end <= sent.start]
        if prev:
            out["competition_anaphor"] = prev[-1].entity
    for s, e in hits.find("stages", sent.start, sent.end):
        key = doc[s:e].text.lower()
        if key == "final" and e < sent.end and not (doc[e].is_punct or doc[e].lower_ in (
                "of", "at", "in", "against", "on", "with", "and", "to", "after", "was", "is", "will")):
            continue
        out["stage"] = lex["stages"].get(key, key)
        break
    return out


def _compatible(c: Cluster, m: Mention) -> bool:
    if m.owner_score is None or not c.scores:
        return True
    if m.owner is None or m.opp is None:
        known = m.owner or m.opp
        if known is None or known not in c.scores:
            return False
        mine = m.owner_score if m.owner else m.opp_score
        return c.scores[known] == mine
    return c.scores.get(m.owner) == m.owner_score and c.scores.get(m.opp) == m.opp_score


def _merge(c: Cluster, m: Mention) -> None:
    c.touch(m)
    if m.anaphor and m.owner_score is not None and m.owner_score == m.opp_score and not c.scores:
        c.scores = {t: m.owner_score for t in c.teams}  # "the match ended goalless"
    if m.owner_score is not None and not c.scores:
        if m.owner:
            c.scores[m.owner] = m.owner_score
        if m.opp:
            c.scores[m.opp] = m.opp_score if m.opp_score is not None else 0
        # one team named: the other gets the other number
        if len(c.teams) == 2 and len(c.scores) == 1:
            other = next(t for t in c.teams if t not in c.scores)
            c.scores[other] = m.opp_score if m.owner else m.owner_score  # type: ignore[assignment]
    if m.home and m.home in c.teams and m.conf > c.home_conf:
        c.home, c.home_conf = m.home, m.conf


def _find_cluster(clusters: list[Cluster], m: Mention, recent: Cluster | None, si: int,
                  last_seen: dict[int, int]) -> Cluster | None:
    if m.owner and m.opp:
        for c in reversed(clusters):
            if set(c.teams) == {m.owner, m.opp} and _compatible(c, m):
                return c
        return None
    known = m.owner or m.opp
    if known:
        for c in reversed(clusters):
            if known in c.teams and _compatible(c, m):
                return c
        return None
    if recent is not None and si - last_seen.get(id(recent), -99) <= ANAPHOR_WINDOW:
        if m.owner_score is not None and recent.scores and set(recent.scores.values()) != {m.owner_score}:
            return None  # "the match ended 1-1" cannot be a 2-1 told before
        return recent
    return None


def extract_matches(ctx: Context, hits: Hits, sm: Matcher) -> tuple[list[dict[str, Any]], list[Cluster]]:
    """All played matches of a Doc as tl_events dicts (plus the clusters, for dating other events)."""
    doc = ctx.doc
    clusters: list[Cluster] = []
    recent: Cluster | None = None
    last_seen: dict[int, int] = {}
    sents = list(doc.sents)
    for si, sent in enumerate(sents):
        mentions = scored_mentions(ctx, hits, sm, sent, si)
        pairs = {(m.owner, m.opp) for m in mentions}
        for m in scoreless_mentions(ctx, hits, sent, si):
            if (m.owner, m.opp) not in pairs and (m.opp, m.owner) not in pairs:
                mentions.append(m)
        touched: list[Cluster] = []
        told_at: list[tuple[int, Cluster]] = []
        # both sides named first: a one-side mention may then join the match they open
        mentions.sort(key=lambda m: not (m.owner and m.opp))
        for m in mentions:
            m.anchor = doc[m.tok].idx
            c = _find_cluster(clusters, m, recent, si, last_seen)
            if m.anaphor and len({id(x) for x in touched}) == 1:
                c = touched[0]  # "beat Spain on penalties, with the match ending 1-1": this sentence's game
            if c is None:
                if not (m.owner and m.opp):
                    continue  # one team only and nothing to attach it to
                c = Cluster(teams=[m.owner, m.opp], first_tok=m.tok)
                if m.past_ref:
                    c.date = dates.Dated(None)  # its day is not stated: no report-day guess
                clusters.append(c)
            _merge(c, m)
            if ctx.parsed and dates.past_perfect(doc[m.tok]):
                c.no_fallback = True
            touched.append(c)
            told_at.append((m.tok, c))
        if not touched and recent is not None and is_anaphoric(hits, sent) \
                and si - last_seen.get(id(recent), -99) <= ANAPHOR_WINDOW:
            recent.touch(Mention(si, sent.start_char, sent.end_char, sent.start, conf=0.0,
                                 anchor=sent.start_char))
            touched.append(recent)
        if not touched:
            found_scorers = find_scorers(ctx, hits, sent)
            if not found_scorers and recent is not None and si - last_seen.get(id(recent), -99) <= 1 \
                    and _goal_narrative(ctx, sent, recent):
                last_seen[id(recent)] = si  # "All three goals came in the first half.": the story goes on
            c = _scorer_cluster(ctx, clusters, recent, sent, si, last_seen) if found_scorers else None
            if c is not None:
                # a scorer known to play for neither side belongs to another match told nearby
                own = []
                moved: list[Cluster] = []
                for h in found_scorers:
                    alt = [] if _may_play_in(ctx, h.player, c) else [
                        x for x in clusters if si - last_seen.get(id(x), -99) <= ANAPHOR_WINDOW
                        and x is not c and ctx.person_teams(h.player) & set(x.teams)]
                    if len(alt) == 1:
                        _add_scorers(ctx, alt[0], [h])
                        moved.append(alt[0])
                    else:
                        own.append(h)
                _add_scorers(ctx, c, own)
                if moved and not own and len(set(map(id, moved))) == 1:
                    c = recent = moved[0]  # the story has gone back to that match: its goals go on
                last_seen[id(c)] = si  # the goals go on: the next sentence may tell more of them
            continue
        det = sentence_details(ctx, hits, sent)
        for c in touched:
            last_seen[id(c)] = si
            recent = c
            if det.get("venue") and c.venue is None:
                c.venue = det["venue"]
                vclubs = [v for v in ctx.venue_clubs(c.venue) if v in c.teams]
                if len(vclubs) == 1 and c.home_conf < 0.95:
                    c.home, c.home_conf = vclubs[0], 0.95
            comp = det.get("competition") or det.get("competition_anaphor")
            if comp and c.competition is None:
                c.competition = comp
            if det.get("stage") and c.stage is None:
                c.stage = det["stage"]
            if c.date is None:
                near = c.anchors[-1] if c.anchors else sent.start_char
                # only a day in the match's own clause dates it (another clause tells something else)
                told = dates.match_dating(doc, sent.start_char, sent.end_char, near, parsed=ctx.parsed)
                if told.date is not None:
                    c.date = told.date
                elif told.no_fallback:
                    c.no_fallback = True
        if len(touched) == 1:
            _add_scorers(ctx, touched[0], find_scorers(ctx, hits, sent))
        elif len({id(c) for c in touched}) > 1:
            _add_listed_scorers(ctx, hits, sent, told_at)
    return [_to_event(ctx, c, main=(c is _main(clusters))) for c in clusters], clusters


def _add_listed_scorers(ctx: Context, hits: Hits, sent: Span, told: list[tuple[int, Cluster]]) -> None:
    """A sentence listing several results ("Blackburn won 2-0 at Portsmouth thanks to a brace from
    Farrand, and Bolton beat Wigan 1-0 with a late header from Pettigrew"): a scorer belongs to the
    result told last before him, and only when no other result starts before his name."""
    told = sorted(told, key=lambda x: x[0])
    for h in find_scorers(ctx, hits, sent):
        before = [(tok, c) for tok, c in told if tok <= h.tok]
        if not before:
            continue  # named before any result: which one is his is not said
        tok, c = before[-1]
        if {m.entity for m in ctx.in_range(tok, h.tok, lexicon()["team_kinds"])} <= set(c.teams):
            _add_scorers(ctx, c, [h])


def _scorer_cluster(ctx: Context, clusters: list[Cluster], recent: Cluster | None, sent: Span, si: int,
                    last_seen: dict[int, int]) -> Cluster | None:
    """The match a sentence that names scorers but no result goes on about: the latest match,
    within a few sentences, that has every team the sentence names ("United went ahead through
    Smith"); with no team named, only the match of the sentence just before."""
    teams = _named_teams(ctx, sent)
    if not teams:
        if recent is not None and si - last_seen.get(id(recent), -99) <= 1:
            return recent
        return None
    near = [c for c in clusters if si - last_seen.get(id(c), -99) <= ANAPHOR_WINDOW and teams <= set(c.teams)]
    return max(near, key=lambda c: last_seen.get(id(c), -99)) if near else None


# Words of a sentence still telling how a game's goals came: "the only goal came ...", "in the 53rd minute".
_NARRATIVE = {"goal", "goals", "scoring", "minute", "half", "half-time", "penalty", "lead", "equaliser",
              "opener", "winner", "shot", "header", "free-kick", "interval", "break", "restart"}


def _goal_narrative(ctx: Context, sent: Span, c: Cluster) -> bool:
    """A sentence about the game just told: it names no other team and speaks of its goals or minutes."""
    return _named_teams(ctx, sent) <= set(c.teams) and any(t.lower_ in _NARRATIVE for t in sent)


def _named_teams(ctx: Context, sent: Span) -> set[str]:
    """The teams a sentence names, less those only describing someone: "the former Real Betis
    midfielder" (a club modifying a noun that is no team), "Morata, now with Milan," (an aside)."""
    doc = ctx.doc
    out: set[str] = set()
    for m in ctx.in_range(sent.start, sent.end, lexicon()["team_kinds"]):
        head = doc[m.tok_end - 1]
        noun = head.head
        if head.dep_ in ("compound", "amod") and noun.i >= m.tok_end and noun.tag_ in ("NN", "NNS") \
                and ctx.at(noun.i, lexicon()["team_kinds"]) is None and noun.lower_ not in _TEAM_HEADS:
            continue
        comma = next((k for k in range(m.tok_start - 1, max(sent.start, m.tok_start - 5) - 1, -1)
                      if doc[k].text == ","), None)
        if comma is not None and doc[comma + 1].lower_ in _ASIDE_OPENERS \
                and m.tok_end < sent.end and doc[m.tok_end].text == ",":
            continue
        out.add(m.entity)
    return out


_ASIDE_OPENERS = {"now", "formerly", "once", "on", "then", "previously", "recently", "ex"}


def _may_play_in(ctx: Context, player: str, c: Cluster) -> bool:
    """Unless the player is known to play for other teams only."""
    teams = ctx.person_teams(player)
    return not teams or bool(teams & set(c.teams))


def _add_scorers(ctx: Context, c: Cluster, found: list[Any]) -> None:
    for h in found:
        if h.player in c.scorers:
            old = c.scorers[h.player]
            if old.minute is None and h.minute is not None:  # "through Salah in the 23rd minute"
                c.scorers[h.player] = Scorer(old.player, old.team, h.minute)
            continue
        known = [t for t in c.teams if t in ctx.person_teams(h.player)]
        team = known[0] if len(known) == 1 else None
        if team is None:
            team = h.team_hint if h.team_hint in c.teams else None
        if team is None and c.scores:
            scoring = [t for t in c.teams if c.scores.get(t, 0) > 0]
            # the one side whose goals are not all accounted for by the scorers already known
            open_ = [t for t in scoring
                     if sum(1 for x in c.scorers.values() if x.team == t) < c.scores.get(t, 0)]
            team = scoring[0] if len(scoring) == 1 else (
                open_[0] if len(open_) == 1 and all(x.team for x in c.scorers.values()) else None)
        if team is not None and c.scores:
            have = sum(1 for s in c.scorers.values() if s.team == team)
            if have >= c.scores.get(team, 0):
                continue  # more scorers than goals: one of them is wrong
        c.scorers[h.player] = Scorer(h.player, team, h.minute)


def _main(clusters: list[Cluster]) -> Cluster | None:
    """The article's own match: most sentences, earliest first."""
    if not clusters:
        return None
    return max(clusters, key=lambda c: (len(c.sents), -c.first_tok))


def _to_event(ctx: Context, c: Cluster, *, main: bool) -> dict[str, Any]:
    home = c.home
    conf = c.conf
    if home is None:
        home = c.teams[0]  # orientation unknown: keep the text order, say so in confidence
        conf *= 0.85
    away = c.teams[1] if home == c.teams[0] else c.teams[0]
    date = c.date
    if date is None and main and not c.no_fallback and c.sents \
            and min(c.sents) < dates.FALLBACK_LEDE_SENTENCES:
        date = dates.fallback_match_date(ctx.doc)
        conf *= dates.FALLBACK_PENALTY
    detail = MatchEvent(home=home, away=away, home_score=c.scores.get(home), away_score=c.scores.get(away),
                        competition=c.competition, venue=c.venue, stage=c.stage,
                        scorers=tuple(c.scorers.values()))
    sources = sorted(set(c.sources))
    if date is not None and date.start is not None and date.explicit:
        sources.append((date.start, date.end))  # type: ignore[arg-type]
    return {"kind": "match", "date": date.value if date else None, "confidence": round(min(conf, 1.0), 3),
            "sources": [list(s) for s in sorted(set(sources))], "fields": detail_to_fields(detail)}
