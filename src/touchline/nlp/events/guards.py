"""Named guards: when a rule's match must not count.  Each is ``(ctx, hit) -> bool`` (True = keep).

Rules name their guards in the record (``"guards": ["not_hypothetical"]``);
an unknown name stops loading.  Guards read plain words around the hit, so
they behave the same with and without the pretrained pipeline; where the
parse is there it only sharpens them.
"""

from __future__ import annotations

from collections.abc import Callable

from touchline.nlp.events.context import Context
from touchline.nlp.events.dates import MONTH_ABBREVIATIONS, MONTHS
from touchline.nlp.events.engine import Hit
from touchline.nlp.events.lexicon import LEXICON
from touchline.nlp.events.rules import entry_forms

_CLAUSE_BREAKS = {";", ":", "—", "–", "but", "while", "whereas", "although", "though", "after", "before",
                  "since", "as", "when", "and", "despite", "which", "who"}
_LOOKBACK = 8


def _words(ctx: Context, start: int, end: int) -> list[str]:
    return ctx.lower[max(start, 0):max(min(end, len(ctx.lower)), 0)]


def _phrase_in(words: list[str], phrases: tuple[str, ...] | list[str]) -> bool:
    """Whether one of the phrases occurs in the words (hyphens are tokens of their own)."""
    text = " " + " ".join(words) + " "
    return any(f" {_tokens(p)} " in text for p in phrases)


def _tokens(phrase: str) -> str:
    return phrase.replace("-", " - ") if "-" in phrase.strip("-") else phrase


def clause_before(ctx: Context, hit: Hit, limit: int = _LOOKBACK) -> list[str]:
    """The words of the hit's clause before it (back to a comma-free clause break, at most ``limit``)."""
    out: list[str] = []
    i = hit.start - 1
    while i >= hit.sent.start and len(out) < limit:
        w = ctx.lower[i]
        if w in _CLAUSE_BREAKS or w in (",", "(", '"', "“", "”"):
            break
        out.append(w)
        i -= 1
    out.reverse()
    return out


def not_hypothetical(ctx: Context, hit: Hit) -> bool:
    """ "could beat", "need to beat", "if they win", "hope to win 2-0": not a result."""
    before = clause_before(ctx, hit)
    inside = _words(ctx, hit.start, hit.end)
    # "if last week's 4-1 defeat is anything to go by": an "if" that tells a fact
    idiom = _phrase_in(_words(ctx, hit.end, hit.sent.end), _FACT_IFS)
    if idiom:
        before = [w for w in before if w != "if"]
    if any(w in LEXICON.modals for w in before) or _phrase_in(before, LEXICON.hypothetical_words.words):
        return False
    # "X need to beat Y": a wish inside the statement itself, before its result verb
    if _phrase_in(inside[:-1], (*LEXICON.hypothetical_words.words, "try to", "tries to")):
        return False
    if any(w in LEXICON.modals for w in inside[:3]):
        return False
    # "Beating Eastvale would send them top": the clause's verb comes after the phrase
    after = _words(ctx, hit.end, min(hit.end + 2, hit.sent.end))
    if any(w in LEXICON.modals for w in after):
        return False
    # "Basel would have joined United in the last 16 by beating CSKA": what did not happen
    if _phrase_in(_words(ctx, hit.sent.start, hit.start), _COUNTERFACTUALS):
        return False
    # a hypothetical that opens the sentence governs it: "If Arsenal beat Chelsea 2-0, ..."
    head = _words(ctx, hit.sent.start, hit.sent.start + 2)
    return idiom or not (head and head[0] in ("if", "unless", "should"))


_FACT_IFS = ("anything to go by", "any guide", "any indication", "any indicator")
_COUNTERFACTUALS = ("would have", "could have", "might have", "would 've", "could 've", "might 've")


_SPECULATIVE = ("could", "might", "may", "would", "should", "can", "must")


def not_speculative(ctx: Context, hit: Hit) -> bool:
    """A coming fact may be told ("will leave", "will take charge"), a guess may not ("could
    leave", "wants to leave", "is linked with the job")."""
    before = clause_before(ctx, hit)
    inside = _words(ctx, hit.start, hit.end)
    words = [*before, "|", *inside[:-1]]
    return not (any(w in _SPECULATIVE for w in words)
                or _phrase_in(words, [w for w in LEXICON.hypothetical_words.words if w not in _SPECULATIVE]))


def not_negated(ctx: Context, hit: Hit) -> bool:
    """ "failed to beat", "did not lose", "never won at": the result did not happen."""
    before = clause_before(ctx, hit, 5)
    inside = _words(ctx, hit.start, hit.end)
    return not _phrase_in([*before, "|", *inside[:6]], LEXICON.negations.words)


def not_halftime(ctx: Context, hit: Hit) -> bool:
    """A score at the break, a lead, an aggregate or a shoot-out is not the result."""
    score = hit.slots.get("score")
    if score is None or score.symbol != "__score__":
        return True
    after = _words(ctx, score.end, min(score.end + 4, hit.sent.end))
    before = _words(ctx, max(score.start - 3, hit.sent.start), score.start)
    if after and after[0] in LEXICON.lead_words:
        return False
    if _phrase_in(after, ("at half-time", "at halftime", "at half time", "at the break", "at the interval",
                          "on aggregate", "at ht", "lead", "advantage", "deficit")):
        return False
    if before and before[-1] in ("led", "leading", "lead", "trailed", "trailing", "aggregate", "agg"):
        return False
    return not _phrase_in(before, ("half-time", "halftime", "the break", "the interval"))


def not_table_talk(ctx: Context, hit: Hit) -> bool:
    """ "Madrid and Barcelona are tied with 13 points", "level on points": the table, not a draw."""
    after = _words(ctx, hit.end, min(hit.end + 5, hit.sent.end))
    if _phrase_in(after, ("points", "on points", "on goal difference", "at the top", "for first",
                          "for second", "in the table", "in the standings")):
        return False
    # "tied on 13", "level with 20": a tally; "on 26 December", "on December 26": a day
    numbered = after[:1] and after[0] in ("with", "on") and any(w.isdigit() for w in after[1:3])
    return not (numbered and not any(w in MONTHS or w in MONTH_ABBREVIATIONS for w in after[1:4]))


def not_former(ctx: Context, hit: Hit) -> bool:
    """ "former Ajax coach X", "ex-Chelsea boss": a role no longer held."""
    before = _words(ctx, max(hit.start - 2, hit.sent.start), hit.start)
    inside = _words(ctx, hit.start, hit.end)
    formers = LEXICON.former.words
    return not any(w in formers or w.startswith("ex-") for w in before + inside[:3])


def not_season_tally(ctx: Context, hit: Hit) -> bool:
    """ "has scored 10 goals this season", "had scored 10 goals in five games": a tally, not a goal
    in a match.  "tapped in his eighth of the season" is a goal, and counts."""
    before = clause_before(ctx, hit, 3)
    inside = _words(ctx, hit.start, hit.end)
    if any(w in ("has", "have", "had", "'ve", "'d") for w in before[-2:] + inside[1:3]):
        return False
    after = _words(ctx, hit.end, min(hit.end + 6, hit.sent.end))
    counted = any(w.isdigit() and int(w) > 3 for w in after[:2]) and "goals" in after[:4]
    return not (counted or _phrase_in(after[:6], ("so far", "in all competitions", "this season", "career",
                                                   "goals in", "times this season")))


def not_other_game(ctx: Context, hit: Hit) -> bool:
    """ "who scored the winner at Luton last week", "twice in the reverse fixture": another game."""
    after = _words(ctx, hit.end, min(hit.end + 8, hit.sent.end))
    cut = next((k for k, w in enumerate(after) if w in (",", ";", "but", "and", "while")), len(after))
    return not _phrase_in(after[:cut], LEXICON.other_game_words.words)


def not_shootout(ctx: Context, hit: Hit) -> bool:
    """A kick in a penalty shoot-out ("scored the decisive spot-kick as England won on penalties")
    is no goal of the match, unless the sentence also speaks of the match's minutes."""
    words = _words(ctx, hit.sent.start, hit.sent.end)
    if not _phrase_in(words, LEXICON.shootout_words.words):
        return True
    return _phrase_in(words, ("minute", "half", "extra time", "extra - time", "stoppage time"))


def scorer_not_possessor(ctx: Context, hit: Hit) -> bool:
    """ "a header from Robertson's cross", "the equaliser from a Depay cross": the name owns the
    cross, he did not score."""
    slot = hit.slots.get("scorer")
    if slot is None or slot.end >= hit.sent.end:
        return True
    if ctx.lower[slot.end] in ("'s", "’s", "'"):
        return False
    return not _starts_with_delivery(ctx, slot.end, hit.sent.end)


def _starts_with_delivery(ctx: Context, i: int, end: int) -> bool:
    words = " ".join(ctx.lower[i:min(i + 3, end)]).replace(" - ", "-") + " "
    return any(words.startswith(f"{n} ") for n in LEXICON.delivery_nouns.words)


def _delivery_forms() -> set[str]:
    wl = LEXICON.delivery_verbs
    return {seq[-1] for entry in wl.words for seq in entry_forms(entry, wl.inflect, None)}


_DELIVERY_VERBS = _delivery_forms()


def not_delivery(ctx: Context, hit: Hit) -> bool:
    """ "Norburn whipped in a corner": a ball played in for another, not a finish."""
    words = _words(ctx, hit.start, min(hit.end + 4, hit.sent.end))
    for k, w in enumerate(words[:-1]):
        if w in _DELIVERY_VERBS and words[k + 1] == "in":
            rest = [x for x in words[k + 2:] if x not in ("a", "an", "the", "another", "his", "her", "low",
                                                           "high", "deep", "dangerous", "inviting")]
            return not _phrase_in(rest[:3], LEXICON.delivery_nouns.words)
    return True


def not_own_goal(ctx: Context, hit: Hit) -> bool:
    """ "an own goal from defender X", "X turned into his own net": never X's goal."""
    words = clause_before(ctx, hit, 6) + _words(ctx, hit.start, min(hit.end + 4, hit.sent.end))
    return not _phrase_in(words, LEXICON.own_goal.words)


def not_missed(ctx: Context, hit: Hit) -> bool:
    """A chance saved, blocked, wide or ruled out was no goal ("... but the goal was called off")."""
    words = _words(ctx, hit.start, min(hit.end + 10, hit.sent.end))
    if _phrase_in(words, LEXICON.goal_miss.words):
        return False
    rest = _words(ctx, hit.end, hit.sent.end)
    return not _phrase_in(rest, ("the goal was disallowed", "the goal was called off",
                                 "the goal was ruled out",
                                 "the goal was chalked off", "the goal was overturned", "it was disallowed",
                                 "it was ruled out", "was flagged offside", "the effort was disallowed",
                                 "ruled it out", "disallowed it", "chalked it off", "struck it off",
                                 "after a var check", "after a var review"))


def goal_went_in(ctx: Context, hit: Hit) -> bool:
    """A weak goal noun ("header", "shot") counts only when its own clause says it went in, and
    not when it is what another player finished ("turned in Vrancic's effort")."""
    before = _words(ctx, max(hit.start - 3, hit.sent.start), hit.start)
    if any(w in ("in", "home", "from", "off", "after", "following") for w in before[-1:]):
        return False
    after = _words(ctx, hit.start, hit.sent.end)
    cut = next((k for k, w in enumerate(after) if k > 2 and w in (",", ";", "before", "while", "and", "but")),
               len(after))
    clause = [*before, *after[:cut]]
    return _phrase_in(clause, LEXICON.goal_success.words) and not_missed(ctx, hit)


def not_future(ctx: Context, hit: Hit) -> bool:
    """ "will face", "are set to host": for facts that already happened."""
    before = clause_before(ctx, hit, 6)
    return not (any(w in ("will", "'ll", "shall") for w in before) or _phrase_in(before, ("set to", "due to",
                                                                                             "going to")))


def future(ctx: Context, hit: Hit) -> bool:
    """A coming game: a future cue in the clause, or a present-tense fixture verb."""
    before = clause_before(ctx, hit, 6)
    inside = _words(ctx, hit.start, hit.end)
    return _phrase_in(before + inside, LEXICON.future_words.words) or any(
        w.endswith("s") for w in inside[1:3])


def told_as_past(ctx: Context, hit: Hit) -> bool:
    """The clause is about a game that was played (a past verb), not one to come."""
    if not ctx.parsed:
        return not_future(ctx, hit)
    head = ctx.doc[hit.start].head
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX"):
            aux = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
            if any(a.tag_ == "MD" for a in aux):
                return False
            return head.tag_ in ("VBD", "VBN")
        if head.head == head:
            return False
        head = head.head
    return False


def main_clause_past(ctx: Context, hit: Hit) -> bool:
    """ "Leeds showed great character to ... beat Wolves 2-1": the verb the phrase's clause hangs
    from (climbing infinitives and adverbial clauses) is past, so the result happened."""
    if not ctx.parsed:
        return not_future(ctx, hit)
    tok = ctx.doc[hit.start]
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("xcomp", "advcl", "aux", "ccomp", "conj"):
            aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
            return tok.tag_ in ("VBD", "VBN") and not any(a.tag_ == "MD" for a in aux)
        if tok.head == tok:
            return False
        tok = tok.head
    return False


def opp_not_possessor(ctx: Context, hit: Hit) -> bool:
    """ "played Eastvale's style of football": a name that owns something is no opponent."""
    opp = hit.slots.get("opp")
    if opp is None or opp.end != hit.end or hit.end >= hit.sent.end:
        return True
    return ctx.lower[hit.end] not in ("'s", "’s")


def not_perfect(ctx: Context, hit: Hit) -> bool:
    """ "have played Eastvale twice this season": a tally of games, not one game."""
    before = clause_before(ctx, hit, 3)
    inside = _words(ctx, hit.start, hit.end)
    return not any(w in ("has", "have", "'ve", "had") for w in before[-2:] + inside[:4])


def has_score_or_level(ctx: Context, hit: Hit) -> bool:
    """ "A and B finished level/goalless/1-1": a result only with its score or a word saying level."""
    words = _words(ctx, hit.start, hit.end)
    return "score" in hit.slots or any(w in ("level", "goalless", "scoreless", "square") for w in words)


_REPEATS = {"twice", "times", "each", "every", "both", "all", "always", "never"}


def one_game(ctx: Context, hit: Hit) -> bool:
    """ "have beaten Eastvale 2-0 twice this season", "in each of their last three meetings": a
    perfect tense tells one game only when no word after it makes it several."""
    for w in _words(ctx, hit.end, min(hit.end + 6, hit.sent.end)):
        if w in (",", ";", "and", "but", "while", "."):  # "... 3-1 and drawn twice": another clause
            return True
        if w in _REPEATS:
            return False
    return True


def tie_is_a_draw(ctx: Context, hit: Hit) -> bool:
    """ "the cup tie at Eastvale", "their fifth-round tie with Castlemoor": in British usage a tie
    is a cup game, so "tie" names a draw only beside a scoreline ("a 1-1 tie")."""
    return "score" in hit.slots or not any(w in ("tie", "ties") for w in _words(ctx, hit.start, hit.end))


def distinct_teams(ctx: Context, hit: Hit) -> bool:
    """Two team slots must be two teams."""
    teams = [s.entity for s in hit.slots.values() if s.symbol == "__team__" and s.entity]
    return len(teams) == len(set(teams))


def guard(name: str) -> Callable[[Callable[[Context, Hit], bool]], Callable[[Context, Hit], bool]]:
    """Register a family's own guard under ``name`` (a family module uses it at import time)."""
    def register(fn: Callable[[Context, Hit], bool]) -> Callable[[Context, Hit], bool]:
        if name in GUARDS and GUARDS[name] is not fn:
            raise KeyError(f"guard {name!r} is registered twice")
        GUARDS[name] = fn
        return fn
    return register


GUARDS: dict[str, Callable[[Context, Hit], bool]] = {
    "not_hypothetical": not_hypothetical,
    "not_negated": not_negated,
    "not_speculative": not_speculative,
    "not_halftime": not_halftime,
    "not_former": not_former,
    "not_table_talk": not_table_talk,
    "not_season_tally": not_season_tally,
    "not_own_goal": not_own_goal,
    "not_other_game": not_other_game,
    "scorer_not_possessor": scorer_not_possessor,
    "not_delivery": not_delivery,
    "not_shootout": not_shootout,
    "not_missed": not_missed,
    "goal_went_in": goal_went_in,
    "not_future": not_future,
    "future": future,
    "distinct_teams": distinct_teams,
    "told_as_past": told_as_past,
    "main_clause_past": main_clause_past,
    "not_perfect": not_perfect,
    "opp_not_possessor": opp_not_possessor,
    "has_score_or_level": has_score_or_level,
    "tie_is_a_draw": tie_is_a_draw,
    "one_game": one_game,
}
