"""Played matches: result statements merged per team pair, with venue, competition, stage, date and scorers.

Statements come from ``results.result_mentions``; one match is told by
several statements ("Leicester beat Villa 4-1" ... "the win was their
eighth"), merged while their teams and scores agree.  A statement naming
one team, or none ("the match ended 1-1"), joins the match in focus (told
within a few sentences) or is dropped.  Scorers come from the ``goal``
rules through ``goals.scorer_hits`` and go to the match their sentence is
about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span

from touchline.model import MatchEvent, Scorer, detail_to_fields
from touchline.nlp.events import dates, readers
from touchline.nlp.events.context import Context
from touchline.nlp.events.goals import ScorerHit
from touchline.nlp.events.lexicon import LEXICON
from touchline.nlp.events.results import ResultMention
from touchline.nlp.extensions import doc_text

# How many sentences back the match in focus may be for an anaphor or a scorer.
ANAPHOR_WINDOW = 3
# Words after a competition's name that make it a title or a table, not the match's competition.
_NOT_THIS_MATCH = {"table", "standings", "winners", "winner", "champions", "champion", "holders", "title",
                   "titles", "trophy", "trophies", "crown", "medal", "medals", "era"}
_REPLAY_WORDS = {"replay", "replays", "rematch"}
_REACHING = {"reach", "reached", "reaching", "reaches", "into", "book", "booked", "booking", "make", "made",
             "making"}
_GOAL_TALK = {"goal", "goals", "scoring", "minute", "half", "half-time", "penalty", "lead", "equaliser",
              "equalizer", "opener", "winner", "shot", "header", "free-kick", "interval", "break", "restart",
              "stoppage", "halftime", "scored", "netted", "struck", "assist", "assisted", "saves"}


@dataclass
class Cluster:
    """One match as the article tells it so far."""

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
    anchors: list[int] = field(default_factory=list)
    no_fallback: bool = False
    reported: bool = False  # told with a score or as an action, not only named ("victory over X")
    story_day: dates.Dated | None = None  # the day the story was at when this match was first told
    timed: bool = False  # told with a time coarser than a day ("last week's win"): worth linking
    coarse: str | None = None  # that time's TIMEX value
    winner: str | None = None  # told without a score: the winning team, or "draw"
    hearsay: bool = True  # told only by rules whose games stand only if the results reference has them

    def touch(self, m: ResultMention) -> None:
        sent = m.hit.sent
        if m.sent_index not in self.sents:
            self.sents.append(m.sent_index)
            self.sources.append((sent.start_char, sent.end_char))
        self.anchors.append(m.hit.sent.doc[m.tok].idx)
        self.conf = max(self.conf, m.conf)


def _compatible(c: Cluster, m: ResultMention) -> bool:
    if m.team_score is None or not c.scores:
        return True
    pairs = [(m.team, m.team_score), (m.opp, m.opp_score)]
    return all(c.scores.get(t) == s for t, s in pairs if t is not None and t in c.scores)


def _merge(c: Cluster, m: ResultMention) -> None:
    c.touch(m)
    c.hearsay = c.hearsay and bool(m.hit.get("only_if_linked"))
    if m.anaphor and m.team_score is not None and not c.scores:
        c.scores = {t: m.team_score for t in c.teams}  # "the match ended goalless"
    if m.team_score is not None and not c.scores and m.team and m.opp:
        c.scores = {m.team: m.team_score, m.opp: m.opp_score if m.opp_score is not None else 0}
    elif m.team_score is not None and not c.scores and m.team in c.teams and m.opp is None:
        other = next(t for t in c.teams if t != m.team)
        c.scores = {m.team: m.team_score, other: m.opp_score if m.opp_score is not None else 0}
    if c.winner is None and m.team and m.opp:
        c.winner = {"draw": "draw", "win": m.team, "loss": m.opp}.get(m.outcome or "")
    if m.home and m.home in c.teams and m.conf > c.home_conf:
        c.home, c.home_conf = m.home, m.conf


def _find_cluster(clusters: list[Cluster], m: ResultMention, recent: Cluster | None,
                  last_seen: dict[int, int]) -> Cluster | None:
    if m.team and m.opp:
        for c in reversed(clusters):
            if set(c.teams) == {m.team, m.opp} and _compatible(c, m):
                return c
        return None
    known = m.team or m.opp
    if known is not None:
        # "Slot's men emerged with a 2-0 victory": the match in focus that has this team
        near = [c for c in clusters if known in c.teams and _compatible(c, m)
                and m.sent_index - last_seen.get(id(c), -99) <= ANAPHOR_WINDOW]
        return max(near, key=lambda c: last_seen.get(id(c), -99)) if near else None
    if recent is not None and m.sent_index - last_seen.get(id(recent), -99) <= ANAPHOR_WINDOW:
        if m.team_score is not None and recent.scores and len(set(recent.scores.values())) > 1 \
                and m.team_score == m.opp_score:
            return None  # "the match ended 1-1" cannot be a 2-1 told before
        return recent
    return None


def sentence_details(ctx: Context, sent: Span) -> dict[str, Any]:
    """Venue, competition and stage named in a sentence."""
    doc = ctx.doc
    out: dict[str, Any] = {}
    # "... set up a replay at Molineux": the ground of the game to come, not of this one
    venues = [m for m in ctx.in_range(sent.start, sent.end, ("venue",))
              if not _REPLAY_WORDS & set(ctx.lower[max(m.tok_start - 4, sent.start):m.tok_start])]
    if venues:
        out["venue"] = venues[0].entity
    comps = [m for m in ctx.in_range(sent.start, sent.end, ("competition",))
             if not (m.tok_end < sent.end and doc[m.tok_end].lower_ in _NOT_THIS_MATCH)
             and not _past_edition(ctx, m.tok_end, sent.end) and not _place_in(ctx, m.tok_start, sent.start)
             and not _describes_team(ctx, m.tok_end, sent.end)]
    if comps:
        out["competition"] = comps[-1].entity
        out["competition_at"] = comps[-1].start
    text = " " + " ".join(ctx.lower[sent.start:sent.end]).replace(" - ", "-") + " "
    for key in sorted(LEXICON.stages, key=len, reverse=True):
        at = text.find(f" {key} ")
        if at < 0:
            continue
        before = text[:at].split()[-4:]
        if _REACHING & set(before):
            continue  # "beat X to reach the final": the stage they go on to, not this game's
        after = text[at + len(key) + 2:].split(" ", 1)[0]
        if key == "final" and after not in ("", ".", ",", "of", "at", "in", "against", "on", "with", "and",
                                             "to", "after", "was", "is", "will"):
            continue
        out["stage"] = LEXICON.stages[key]
        break
    return out


# Words that open a clause about something else: "X lost 1-0 to Y in the league, while Z knocked
# them out of the FA Cup" (the cup is Z's game, not the one told before).
_OTHER_CLAUSE = {"while", "whilst", "whereas", "but", "although", "though", "meanwhile"}


def _in_another_clause(sent: Span, result_end: int, comp_at: int | None) -> bool:
    """A competition named after a result, past a word that opens a clause about something else."""
    if comp_at is None or comp_at <= result_end:
        return False
    return any(t.lower_ in _OTHER_CLAUSE for t in sent if result_end <= t.idx < comp_at)


def _nearest_to(char: int | None, spans: dict[int, tuple[int, int]]) -> int | None:
    """The key of the span nearest a character offset."""
    if char is None or not spans:
        return None
    return min(spans, key=lambda k: 0 if spans[k][0] <= char < spans[k][1]
               else min(abs(char - spans[k][0]), abs(char - spans[k][1])))


_PLACE_WORDS = {"top", "bottom", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                "tenth", "last", "joint", "mid-table"}


def _place_in(ctx: Context, before: int, sent_start: int) -> bool:
    """ "fifth in the Bundesliga", "top of La Liga": a place in a table, not this game's competition."""
    words = ctx.lower[max(before - 3, sent_start):before]
    return any(w in ("in", "of") for w in words) and any(
        w in _PLACE_WORDS or (w[:-2].isdigit() and w[-2:] in ("st", "nd", "rd", "th")) for w in words)


_NOT_DESCRIPTION = {"in", "on", "at", "against", "and", "with", "to", "for", "as", "after", "the", "a", "of",
                    "by", "over", "from", "before", "than", "is", "was", "are", "were", "but"}


def _describes_team(ctx: Context, after: int, sent_end: int) -> bool:
    """ "Premier League Fulham", "Championship strugglers Sheffield Wednesday", "League One side
    Bristol Rovers": a competition describing a team (its league), not the game's competition."""
    for k in range(after, min(after + 4, sent_end)):
        if ctx.at(k, readers.TEAM_KINDS) is not None:
            return True
        word = ctx.lower[k]
        if not word.isalpha() or word in _NOT_DESCRIPTION:
            return False
    return False


def _past_edition(ctx: Context, after: int, sent_end: int) -> bool:
    """ "the FA Cup in 1955": a competition's edition of a given year."""
    words = ctx.lower[after:min(after + 2, sent_end)]
    return len(words) == 2 and words[0] in ("in", "of") and words[1].isdigit() and len(words[1]) == 4


def named_teams(ctx: Context, sent: Span) -> set[str]:
    """The teams a sentence names, less those only describing someone ("the former Betis midfielder")."""
    doc = ctx.doc
    out: set[str] = set()
    role_nouns = {w.split()[-1] for w in LEXICON.person_role_nouns.words}
    for m in ctx.in_range(sent.start, sent.end, readers.TEAM_KINDS):
        if m.tok_end < sent.end and ctx.lower[m.tok_end] in role_nouns:
            continue  # "Portugal forward Andre Silva": a description of a person
        head = doc[m.tok_end - 1]
        noun = head.head
        describes = ctx.parsed and head.dep_ in ("compound", "amod") and noun.i >= m.tok_end \
            and noun.tag_ in ("NN", "NNS")
        if describes and ctx.at(noun.i, readers.TEAM_KINDS) is None and noun.lower_ not in LEXICON.team_nouns:
            continue
        out.add(m.entity)
    return out


class MatchBuilder:
    """Merges result statements, sentence by sentence, into matches."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.clusters: list[Cluster] = []
        self.recent: Cluster | None = None
        self.last_seen: dict[int, int] = {}
        self.quoted = quoted_spans(doc_text(ctx.doc))
        self.story_day: dates.Dated | None = None
        self.lede = dates.lede_sentences(ctx.doc)

    def in_quote(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.quoted)

    def main(self) -> Cluster | None:
        """The match the report is about: first told in its opening, most told after."""
        scored = [c for c in self.clusters if c.sents and c.scores and c.reported]
        opening = [c for c in scored if min(c.sents) < self.lede]
        pool = opening or scored  # a report whose lede names no result ("A club-record run...")
        return max(pool, key=lambda c: (len(c.sents), -c.first_tok)) if pool else None

    def add_sentence(self, si: int, sent: Span, mentions: list[ResultMention],
                     scorers: list[ScorerHit]) -> None:
        touched: list[Cluster] = []
        kept: list[ResultMention] = []
        told_at: list[tuple[int, Cluster]] = []
        for m in sorted(mentions, key=lambda m: not (m.team and m.opp)):
            known = m.team or m.opp
            same_sentence = [t for t in touched if known in t.teams and _compatible(t, m)] \
                if known and not (m.team and m.opp) else []
            if m.anaphor and touched:
                c: Cluster | None = touched[-1]  # "..., with the match ending 2-2": this sentence's game
            elif same_sentence:
                c = same_sentence[-1]  # "X eased to victory over Y ... in a 5-0 win": one game
            else:
                c = _find_cluster(self.clusters, m, self.recent, self.last_seen)
            if c is None:
                if not (m.team and m.opp):
                    continue
                c = Cluster(teams=[m.team, m.opp], first_tok=m.tok, story_day=self.story_day)
                self.clusters.append(c)
            _merge(c, m)
            c.reported = c.reported or m.team_score is not None or m.told_by_verb
            if m.past_perfect or (self.ctx.parsed and dates.past_perfect(self.ctx.doc[m.tok])):
                c.no_fallback = True
            touched.append(c)
            kept.append(m)
            told_at.append((m.tok, c))
        if not touched:
            self._scorers_without_result(si, sent, scorers)
            return
        det = sentence_details(self.ctx, sent)
        quoted = self.in_quote(sent.start_char + 1)
        doc = self.ctx.doc
        own = {id(c): (doc[m.hit.start].idx, doc[m.hit.end - 1].idx + len(doc[m.hit.end - 1]))
               for m, c in zip(kept, touched, strict=True)}
        nearest = _nearest_to(det.get("competition_at"), own) if len(own) > 1 else None
        for c in touched:
            if not quoted:  # a result recalled in a quote does not move the story's focus
                self.last_seen[id(c)] = si
                self.recent = c
            dated = any(not m.touch_only for m, x in zip(kept, touched, strict=True) if x is c)
            # "a 2-1 win at Everton in the FA Cup ..., and a 1-0 win over West Ham": the
            # competition of a sentence telling several games is the nearest one's, and one
            # named past "while" or "but" is another game's
            span = own.get(id(c))
            others = (nearest is not None and nearest != id(c)) or (
                span is not None and _in_another_clause(sent, span[1], det.get("competition_at")))
            c_det = {k: v for k, v in det.items() if not k.startswith("competition")} if others else det
            self._details(c, c_det, sent, span, dated=dated)
        if len({id(c) for c in touched}) == 1:
            self._add_scorers(touched[0], scorers)
        else:
            self._listed_scorers(scorers, told_at)

    def _details(self, c: Cluster, det: dict[str, Any], sent: Span, own: tuple[int, int] | None,
                 dated: bool = True) -> None:
        ctx = self.ctx
        if det.get("venue") and c.venue is None:
            c.venue = det["venue"]
            vclubs = [v for v in ctx.venue_clubs(c.venue) if v in c.teams]
            if len(vclubs) == 1 and c.home_conf < 0.95:
                c.home, c.home_conf = vclubs[0], 0.95
        if det.get("competition") and c.competition is None:
            c.competition = det["competition"]
        if det.get("stage") and c.stage is None:
            c.stage = det["stage"]
        if c.date is None and dated:
            near = c.anchors[-1] if c.anchors else sent.start_char
            told = dates.match_dating(ctx.doc, sent.start_char, sent.end_char, near, parsed=ctx.parsed,
                                      own=own)
            if told.date is not None:
                c.date = told.date
                if told.date.value and len(told.date.value) == 10 and not self.in_quote(sent.start_char + 1):
                    self.story_day = told.date  # a round-up's later results happened that day too
            elif told.no_fallback:
                c.no_fallback = True
                c.timed = True
                c.coarse = c.coarse or told.coarse

    def _scorers_without_result(self, si: int, sent: Span, scorers: list[ScorerHit]) -> None:
        """A sentence naming scorers but no result goes on about the match in focus; past the
        sentences right after a result, that is the report's own match."""
        recent = self.recent
        if recent is None or self.in_quote(sent.start_char + 1):
            return
        gap = si - self.last_seen.get(id(recent), -99)
        main = self.main()
        if gap > 1 and main is not None and scorers:
            recent, gap = main, 1
        sides = {h.player_team for h in scorers if h.player_team}
        if len(sides) == 1:
            # "Basel forward X headed in ... and Y doubled the advantage": the side a scorer
            # is named with is the match the sentence is about
            side = next(iter(sides))
            holding = [c for c in self.clusters if side in c.teams]
            if holding:
                recent, gap = max(holding, key=lambda c: self.last_seen.get(id(c), -99)), 1
        teams = named_teams(self.ctx, sent)
        if not scorers:
            if gap <= 1 and teams <= set(recent.teams) and any(w in _GOAL_TALK for w in
                                                                self.ctx.lower[sent.start:sent.end]):
                self.last_seen[id(recent)] = si  # the story of the goals goes on
            return
        if teams:
            near = [c for c in self.clusters if si - self.last_seen.get(id(c), -99) <= ANAPHOR_WINDOW
                    and teams <= set(c.teams)]
            if not near and main is not None and teams <= set(main.teams):
                near = [main]  # the report's own match, told again after quotes or asides
            target = max(near, key=lambda c: self.last_seen.get(id(c), -99)) if near else None
        else:
            target = recent if gap <= 1 else None
        if target is None:
            return
        own, moved = [], []
        for h in scorers:
            sides = {h.player_team} if h.player_team else self.ctx.person_teams(h.player)
            fits = h.player_team in target.teams if h.player_team else self._may_play_in(h.player, target)
            alt = [] if fits else [
                x for x in self.clusters if si - self.last_seen.get(id(x), -99) <= ANAPHOR_WINDOW
                and x is not target and sides & set(x.teams)]
            if len(alt) == 1:
                self._add_scorers(alt[0], [h])
                moved.append(alt[0])
            else:
                own.append(h)
        self._add_scorers(target, own)
        if moved and not own and len({id(x) for x in moved}) == 1:
            target = self.recent = moved[0]
        self.last_seen[id(target)] = si

    def _listed_scorers(self, scorers: list[ScorerHit], told: list[tuple[int, Cluster]]) -> None:
        """Several results in one sentence: a scorer belongs to the result told last before him."""
        told = sorted(told, key=lambda x: x[0])
        for h in scorers:
            before = [(tok, c) for tok, c in told if tok <= h.tok]
            if not before:
                continue
            tok, c = before[-1]
            if {m.entity for m in self.ctx.in_range(tok, h.tok, readers.TEAM_KINDS)} <= set(c.teams):
                self._add_scorers(c, [h])

    def _may_play_in(self, player: str, c: Cluster) -> bool:
        teams = self.ctx.person_teams(player)
        return not teams or bool(teams & set(c.teams))

    def _add_scorers(self, c: Cluster, found: list[ScorerHit]) -> None:
        for h in found:
            if h.team_hint is not None and h.team_hint not in c.teams:
                continue  # "scored for United": not a goal of this match
            if h.player_team is not None and h.player_team not in c.teams:
                continue  # "Basel forward X": not a player of this match
            if h.player in c.scorers:
                old = c.scorers[h.player]
                if old.minute is None and h.minute is not None:
                    c.scorers[h.player] = Scorer(old.player, old.team, h.minute)
                continue
            known = [t for t in c.teams if t in self.ctx.person_teams(h.player)]
            if h.player_team in c.teams:
                known = [h.player_team]
            team = known[0] if len(known) == 1 else None
            if h.own_goal:
                # an own goal counts for the other side; its scorer's side is the one named
                other = [t for t in c.teams if t != team] if team is not None else []
                c.scorers[h.player] = Scorer(h.player, other[0] if len(other) == 1 else None, h.minute, True)
                continue
            if team is None and h.team_hint in c.teams:
                team = h.team_hint
            if team is None and c.scores:
                scoring = [t for t in c.teams if c.scores.get(t, 0) > 0]
                open_ = [t for t in scoring
                         if sum(1 for x in c.scorers.values() if x.team == t) < c.scores.get(t, 0)]
                team = scoring[0] if len(scoring) == 1 else (
                    open_[0] if len(open_) == 1 and all(x.team for x in c.scorers.values()) else None)
            if team is not None and c.scores:
                have = sum(1 for s in c.scorers.values() if s.team == team)
                if have >= c.scores.get(team, 0):
                    continue  # more scorers than goals: one of them is wrong
            c.scorers[h.player] = Scorer(h.player, team, h.minute)

    def events(self) -> list[dict[str, Any]]:
        lede = self.lede
        out = []
        for c in self.clusters:
            event = _to_event(self.ctx, c, reported=c.reported and bool(c.sents) and min(c.sents) < lede)
            # a match only named ("with victory over Villarreal"), with no score and no time at
            # all, says too little to be worth a fact of its own
            if not c.hearsay and (c.reported or c.timed or event["date"] is not None):
                out.append(event)
                continue
            # ... unless the results reference confirms exactly one such game (this season, when
            # the text gives no time); so too a game told only by a rule that asks for it
            if event["date"] is None and "date_window" not in event:
                window = dates.season_so_far(self.ctx.doc)
                if window is None:
                    continue
                event = {**event, "date_window": window}
            out.append({**event, "only_if_linked": True})
        return out


_OPEN_QUOTES = "“«„"
_CLOSE_QUOTES = "”»“"


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks (curly pairs, or straight quotes toggled per paragraph)."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n" and i + 1 < len(text) and text[i + 1] == "\n" and start is not None \
                and text[start - 1] == '"':
            start = None  # a straight quote left open at a paragraph's end: no pairing across it
        if start is None and (ch in _OPEN_QUOTES or ch == '"'):
            start = i + 1
        elif start is not None and (ch in _CLOSE_QUOTES or ch == '"') and i > start:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(text)))  # a quote running on to the end (a cut-off article)
    return spans


def _to_event(ctx: Context, c: Cluster, *, reported: bool) -> dict[str, Any]:
    home = c.home
    conf = c.conf
    if home is None:
        home = c.teams[0]  # orientation unknown: keep the text order, say so in confidence
        conf *= 0.85
    away = c.teams[1] if home == c.teams[0] else c.teams[0]
    date = c.date
    hints: dict[str, Any] = {"date_source": "text" if date is not None else None,
                             "home_stated": c.home is not None,
                             "winner": c.winner if not c.scores else None}
    if date is None and c.reported and not c.no_fallback and c.story_day is not None:
        date = dates.Dated(c.story_day.value)  # the story's day, not named for this match itself
        conf *= dates.FALLBACK_PENALTY
        hints["date_source"] = "story"
    elif date is None and reported and not c.no_fallback:
        date = dates.fallback_match_date(ctx.doc)
        conf *= dates.FALLBACK_PENALTY
        hints["date_source"] = "article"
    elif date is None and c.coarse:
        value, window = dates.coarse_dating(c.coarse)
        date = dates.Dated(value) if value else None
        hints["date_window"] = window
    detail = MatchEvent(home=home, away=away, home_score=c.scores.get(home), away_score=c.scores.get(away),
                        competition=c.competition, venue=c.venue, stage=c.stage,
                        scorers=tuple(c.scorers.values()))
    sources = sorted(set(c.sources))
    if date is not None and date.start is not None and date.explicit:
        sources.append((date.start, date.end))  # type: ignore[arg-type]
    return {"kind": "match", "date": date.value if date else None, "confidence": round(min(conf, 1.0), 3),
            "sources": [list(s) for s in sorted(set(sources))], "fields": detail_to_fields(detail),
            **{k: v for k, v in hints.items() if v is not None}}


def extract_matches(ctx: Context, mentions: list[ResultMention],
                    scorers: list[ScorerHit]) -> tuple[list[dict[str, Any]], list[Cluster]]:
    """All played matches of a Doc as tl_events dicts (plus the clusters, for other events)."""
    by_sent: dict[int, list[ResultMention]] = {}
    for m in mentions:
        by_sent.setdefault(m.sent_index, []).append(m)
    scorers_by_sent: dict[int, list[ScorerHit]] = {}
    for h in scorers:
        scorers_by_sent.setdefault(h.sent_index, []).append(h)
    builder = MatchBuilder(ctx)
    for si, sent in enumerate(ctx.doc.sents):
        builder.add_sentence(si, sent, by_sent.get(si, []), scorers_by_sent.get(si, []))
    return builder.events(), builder.clusters
