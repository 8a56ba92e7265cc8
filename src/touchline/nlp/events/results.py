"""Result statements from the ``result`` rule hits: whose result, against whom, the score, the home side.

A rule fills what its words say.  A slot left open is filled through the
discourse by ``readers`` in a fixed order (the phrase's possessor, the
clause's subject, a description of a team of the match in focus, the
paragraph's or article's focus team); a statement still missing its team is
kept only as an anaphor of the match in focus ("the match ended 1-1").
"""

from __future__ import annotations

from dataclasses import dataclass

from touchline.nlp.events import readers
from touchline.nlp.events.context import Context
from touchline.nlp.events.derbies import derby_clubs
from touchline.nlp.events.engine import Hit, Slot
from touchline.nlp.events.lexicon import LEXICON
from touchline.nlp.events.rules import entry_forms

# How much a reading through the discourse costs in confidence, by reader.
READER_CONFIDENCE = {"rule": 1.0, "possessor": 0.95, "subject": 0.9, "antecedent": 0.85, "focus": 0.75}


@dataclass
class ResultMention:
    """One statement of a result, before statements of one match are merged."""

    hit: Hit
    team: str | None
    opp: str | None
    team_score: int | None = None
    opp_score: int | None = None
    home: str | None = None
    conf: float = 0.8
    anaphor: bool = False
    outcome: str | None = None  # the team's result as the words say it (win | loss | draw)

    @property
    def past_perfect(self) -> bool:
        """ "who had beaten Everton": an earlier game than the story's, told in the past perfect."""
        words = self.hit.sent.doc[max(self.hit.start - 2, self.hit.sent.start):self.hit.end]
        return any(t.lower_ in ("had", "'d") for t in words)

    @property
    def touch_only(self) -> bool:
        """Names the match in focus without telling it again ("between the two sides"): its
        sentence may give the ground or the competition, but its times are about other things."""
        return bool(self.hit.get("touch_only"))

    @property
    def told_by_verb(self) -> bool:
        """A result told as an action ("Hull shocked West Brom"), not named by a noun
        ("with victory over Villarreal"): only the first kind reports a match on its own."""
        return self.hit.get("team_from") is None or bool(self.hit.get("played"))

    @property
    def sent_index(self) -> int:
        return self.hit.sent_index

    @property
    def tok(self) -> int:
        return self.hit.start


def _forms(wl_name: str) -> set[str]:
    wl = LEXICON.list(wl_name)
    return {" ".join(seq) for entry in wl.words for seq in entry_forms(entry, wl.inflect, None)}


_NOUN_OUTCOME = {**{w: "loss" for w in _forms("loss_nouns")}, **{w: "draw" for w in _forms("draw_nouns")},
                 **{w: "win" for w in _forms("win_nouns")}}


def outcome_of(ctx: Context, hit: Hit) -> str | None:
    """The result from the side of the ``team`` slot: set by the rule, or read from its noun."""
    outcome = hit.get("outcome")
    if outcome == "from_noun":
        noun = hit.slots.get("noun")
        if noun is None:
            return None
        word = " ".join(ctx.lower[noun.start:noun.end])
        return _NOUN_OUTCOME.get(word)
    return str(outcome) if outcome else None


def split_score(score: tuple[int, int], outcome: str | None, written: bool) -> tuple[int, int] | None:
    """(team's goals, opponent's goals) from a scoreline as written and the team's outcome."""
    a, b = score
    if written or outcome is None:
        return a, b
    hi, lo = max(a, b), min(a, b)
    if outcome == "draw":
        return (a, b) if a == b else None
    if a == b:
        return None
    return (hi, lo) if outcome == "win" else (lo, hi)


def result_mentions(ctx: Context, hits: list[Hit]) -> list[ResultMention]:
    """Every result statement of a Doc, in text order, with open slots filled where the text allows."""
    out: list[ResultMention] = []
    for hit in sorted((h for h in hits if h.family == "result"), key=lambda h: h.start):
        m = _continued(ctx, hit, out) if hit.get("continues") else _mention(ctx, hit)
        if m is not None:
            out.append(m)
    return out


def _continued(ctx: Context, hit: Hit, before: list[ResultMention]) -> ResultMention | None:
    """ "lost 2-1 to Villa last week and 3-0 at Everton": the same team and verb, another game."""
    prev = [m for m in before if m.sent_index == hit.sent_index and m.team and m.hit.end <= hit.start]
    if not prev:
        return None
    last = prev[-1]
    outcome = outcome_of(ctx, last.hit)
    opp = _team_entity(hit.slots.get("opp"))
    score = hit.slots.get("score")
    if opp is None or opp == last.team or score is None or score.score is None:
        return None
    split = split_score(score.score, outcome, False)
    if split is None:
        return None
    home = opp if hit.get("home") == "opp" else None
    conf = round(min(last.conf, hit.confidence), 3)
    return ResultMention(hit, last.team, opp, split[0], split[1], home, conf)


def _mention(ctx: Context, hit: Hit) -> ResultMention | None:
    team_slot, opp_slot, score_slot = hit.slots.get("team"), hit.slots.get("opp"), hit.slots.get("score")
    outcome = outcome_of(ctx, hit)
    conf = hit.confidence
    team = _team_entity(team_slot)
    opp = _team_entity(opp_slot)
    conf_factor = 1.0
    if hit.get("pair_from") == "sentence":
        # "... rescued a replay": a draw between the two teams the sentence is about
        pair = readers.sentence_pair(ctx, hit.sent)
        if pair is not None:
            return ResultMention(hit, pair[0], pair[1], conf=round(conf * READER_CONFIDENCE["subject"], 3),
                                 outcome=outcome)
        if ctx.in_range(hit.sent.start, hit.sent.end, readers.TEAM_KINDS):
            return None  # one team, or three: which game is it?
        # "... to make it 2-2 and set up a replay": no team named, the game in focus
        score = score_slot.score if score_slot is not None else None
        if score is not None and score[0] != score[1]:
            return None
        level = score[0] if score is not None else None
        return ResultMention(hit, None, None, level, level, conf=conf, anaphor=True)
    if team_slot is not None and team_slot.symbol is None and ctx.lower[team_slot.start] in ("they", "it"):
        team = readers.pronoun_team(ctx, hit.sent, team_slot.start)
        if team is None:
            return None
        conf_factor = READER_CONFIDENCE["antecedent"]
        team_slot = None
    if opp_slot is not None and opp_slot.mention is not None and opp_slot.mention.kind == "derby":
        return _derby_result(ctx, hit, team, team_slot, conf * conf_factor)
    venue_slot = hit.slots.get("venue")
    if opp_slot is None and venue_slot is not None and venue_slot.entity:
        clubs = ctx.venue_clubs(venue_slot.entity)
        if len(clubs) != 1 or clubs[0] == team:
            # "won 2-1 at the Bernabeu": the ground's one club was the opponent; "Everton were
            # beaten at Goodison Park": their own ground names no opponent
            return None
        opp = clubs[0]
    for slot in (team_slot, opp_slot):
        if slot is not None and _team_entity(slot) is None:
            return None  # a name no frame made a club (see new_teams), or a person
    if hit.get("anaphor"):
        score = score_slot.score if score_slot is not None else None
        if score is None:
            return ResultMention(hit, None, None, conf=conf, anaphor=True)  # "the two sides met"
        if score[0] != score[1]:
            return None  # an anaphoric score orients nothing unless level
        return ResultMention(hit, None, None, score[0], score[1], conf=conf, anaphor=True)
    conf *= conf_factor
    if hit.get("one_team") and team is not None:
        pass  # "X emerged with a 2-0 win": the opponent is the match in focus's other side
    elif team is None and team_slot is None and (opp is not None or opp_slot is not None
                                                 or hit.get("one_team")):
        team, how = _team_through_discourse(ctx, hit)
        if team is None or team == opp:
            return None
        conf *= READER_CONFIDENCE[how]
    team_score = opp_score = None
    if score_slot is not None and _shootout(ctx, score_slot):
        score_slot = None  # "beat Spain 4-2 on penalties": who won, but not the match's score
    team_goals, opp_goals = hit.slots.get("team_goals"), hit.slots.get("opp_goals")
    if score_slot is None and team_goals is not None and opp_goals is not None:
        # "DASH 2, PRIDE 0"
        team_score, opp_score = int(ctx.doc[team_goals.start].text), int(ctx.doc[opp_goals.start].text)
    elif score_slot is not None and score_slot.score is not None:
        split = split_score(score_slot.score, outcome, bool(hit.get("score_order") == "written"))
        if split is None:
            return None  # "won 1-1": the words and the score disagree
        team_score, opp_score = split
    home = None
    where = hit.get("home")
    if where == "team" or (where is None and "home" in hit.slots):
        home = team
    elif where == "opp":
        home = opp
    return ResultMention(hit, team, opp, team_score, opp_score, home, round(conf, 3), outcome=outcome)


def _derby_result(ctx: Context, hit: Hit, team: str | None, team_slot: Slot | None,
                  conf: float) -> ResultMention | None:
    """ "the humiliation they suffered in El Clasico": the derby's other club is the opponent;
    a team that does not play the derby makes it no reading at all."""
    pair = derby_clubs(hit.slots["opp"].entity)
    how = "rule"
    if team is None and team_slot is None:
        team, how = _team_through_discourse(ctx, hit)
    if pair is None or team not in pair:
        return None
    opp = pair[1] if team == pair[0] else pair[0]
    ctx.bring_entity(opp)  # the article may name only the derby
    return ResultMention(hit, team, opp, conf=round(conf * READER_CONFIDENCE[how], 3),
                         outcome=outcome_of(ctx, hit))


_SHOOTOUT_AFTER = ("on penalties", "on pens", "in the shootout", "in the shoot - out", "in a shootout",
                   "in a shoot - out", "in the penalty shootout", "in a penalty shootout", "after penalties")


def _shootout(ctx: Context, score: Slot) -> bool:
    after = " " + " ".join(ctx.lower[score.end:score.end + 5]) + " "
    return any(f" {p} " in after for p in _SHOOTOUT_AFTER)


def _team_entity(slot: Slot | None) -> str | None:
    if slot is None or slot.mention is None or slot.mention.kind not in readers.TEAM_KINDS:
        return None
    return slot.mention.entity


def _team_through_discourse(ctx: Context, hit: Hit) -> tuple[str | None, str]:
    """The owner of a result whose own words name only the opponent."""
    sent = hit.sent
    team = readers.possessor_team(ctx, hit.start, sent)
    if team is not None:
        return team, "possessor"
    if readers.time_possessive(ctx, hit.start, sent):
        # "Wednesday night's 2-1 defeat to Sevilla": the team the text is about, else (below)
        # the clause's subject ("the defender headed the winner in Saturday's 2-1 win")
        team = readers.focus_team(ctx, hit.start)
        if team is not None:
            return team, "focus"
    if readers.unknown_possessor(ctx, hit.start, sent):
        return None, "possessor"  # "Viktoria Plzen's 2-1 win": named, but no list knows the name
    if readers.unknown_persons_side(ctx, hit.start, sent):
        # "his side's 1-1 draw" of a manager no list places: the team the text is about
        team = readers.focus_team(ctx, hit.start)
        if team is not None:
            return team, "focus"
    if hit.get("team_from") == "possessor":
        return None, "possessor"
    trigger = _trigger(ctx, hit)
    team = readers.subject_team(ctx, trigger, sent)
    if team is not None:
        return team, "subject"
    opp = _team_entity(hit.slots.get("opp"))
    if opp is not None and outcome_of(ctx, hit) == "draw":
        # "Arsenal striker Henry's free-kick in Sunday's 2-2 draw with Chelsea": a draw is the two
        # teams' alike, so the one other team named before it (not as another game's opponent)
        # owns it
        before = {m.entity for m in ctx.in_range(sent.start, hit.start, readers.TEAM_KINDS)
                  if m.entity != opp and not (m.tok_start > sent.start
                                              and ctx.lower[m.tok_start - 1] in _OPPONENT_BEFORE)}
        if len(before) == 1:
            return before.pop(), "antecedent"
    return None, "subject"


_OPPONENT_BEFORE = {"to", "against", "v", "vs", "versus", "with", "at", "over", "beat", "beating", "by"}


def _trigger(ctx: Context, hit: Hit) -> int:
    """The token the result hangs on in the parse: its result noun or verb."""
    score = hit.slots.get("score")
    i = score.end if score is not None and score.start == hit.start else hit.start
    while i < hit.end - 1 and ctx.doc[i].pos_ not in ("NOUN", "VERB") and ctx.parsed:
        i += 1
    return i
