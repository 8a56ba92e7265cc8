"""Goal scorers named in a sentence: "goals from A and B", "A's header", "through A", "A scored"."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from touchline.nlp.events.context import Context, Hits, Ment, lexicon

logger = logging.getLogger(__name__)

_MINUTE_RX = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)$")
# Words showing that a "weak" goal noun ("header", "effort") did not go in.
_MISS = {"saved", "wide", "post", "bar", "crossbar", "woodwork", "disallowed", "offside", "blocked",
         "denied", "missed", "chalked", "cleared", "parried", "over", "narrowly", "against"}
_STRONG = {"goal", "goals", "equaliser", "equalizer", "winner", "opener", "brace", "double",
           "hat-trick", "strikes"}
_SUCCESS = {"difference", "decisive", "decided", "settled", "sealed", "secured", "earned", "won", "gave",
            "opened", "levelled", "enough", "winning", "scored", "netted", "clinched", "snatched", "rescued",
            "flew", "nestled", "sealing", "securing", "earning", "giving", "handed", "handing", "put",
            "proved", "separated", "decider", "cancelled", "canceled", "halved", "reduced", "restored",
            "doubled", "squeezed", "completed", "made", "added"}
# Words a goal noun and its "from" may have between them ("goals in each half from").
_TIME_FILLER = {"in", "either", "each", "both", "half", "halves", "first", "second", "the", "late", "early",
                "minutes", "period", "final"}
# "X gave/put <team> ahead": the scorer's own goal is what moved the team in front.
_LEAD_VERBS = {"gave", "put", "fired", "headed", "shot", "nodded", "edged", "sent"}
# "<player> opened the scoring", "added a second", "doubled the lead", "made it four": a goal verb
# and, within three words, what it scored.
_GOAL_PREDICATES = {"opened", "added", "doubled", "made", "pulled", "restored", "completed", "extended",
                    "converted", "grabbed", "bagged", "sealed", "clinched", "got", "scored", "netted"}
_GOAL_OBJECTS = {"scoring", "second", "third", "fourth", "fifth", "sixth", "another", "lead", "advantage",
                 "cushion", "margin", "hat-trick", "rout", "turnaround", "comeback", "equaliser", "equalizer",
                 "winner", "opener", "goal", "brace", "double", "penalty", "spot-kick", "one", "four",
                 "three", "two", "five", "six"}
# "<player> headed in", "swept home", "turned in": a finishing verb and the ball going in.
_FINISH_VERBS = {"headed", "turned", "tapped", "swept", "slid", "prodded", "poked", "bundled", "nodded",
                 "fired", "smashed", "volleyed", "curled", "stabbed", "rifled", "drilled", "lashed",
                 "thumped",
                 "hammered", "slotted", "knocked", "chipped", "steered", "glanced", "stroked",
                 "rolled", "side-footed", "finished", "struck", "scored", "netted", "converted", "powered"}
_INTRANSITIVE_GOALS = {"equalised", "equalized", "levelled", "leveled", "scored", "netted", "struck"}
# Words after a goal verb that say the ball did not go in (or was a pass): "headed the ball across goal".
_NOT_IN = {"wide", "post", "bar", "crossbar", "woodwork", "saved", "line", "clear", "across", "back", "down",
           "against", "onto", "over", "off", "chance", "blocked", "cross", "pass"}
_AFTER_GOAL = {"again", "twice", "first", "late", "early", "in", "from", "with", "after", "before", "to",
               "for", "just", "within", "midway", "shortly", "almost", "immediately", "soon", "on"}
_SHOOTOUT = {"shoot-out", "shootout", "penalties"}
# A "person" the gazetteer could not type is still a player when the text says he scored.
_PLAYER = ("player", "person")


@dataclass(frozen=True, slots=True)
class ScorerHit:
    player: str
    tok: int
    minute: int | None
    conf: float
    team_hint: str | None = None


def _minute(ctx: Context, start: int, end: int) -> int | None:
    doc = ctx.doc
    for i in range(max(start, 0), min(end, len(doc))):
        mm = _MINUTE_RX.match(doc[i].text)
        if mm and i + 1 < len(doc):
            nxt = doc[i + 1].lower_
            nxt2 = doc[i + 2].lower_ if i + 2 < len(doc) else ""
            if nxt == "minute" or (nxt == "-" and nxt2 == "minute"):
                return int(mm.group(1))
    return None


def _own_goal_near(ctx: Context, hits: Hits, start: int, end: int) -> bool:
    return bool(hits.find("own_goal", max(start, 0), end))


def _players_after(ctx: Context, i: int, sent: Span) -> list[Ment]:
    """A list of players starting at token i: "A, B and C"."""
    out: list[Ment] = []
    doc = ctx.doc
    while i < sent.end:
        m = ctx.at(i, _PLAYER)
        if m is None:
            break
        out.append(m)
        i = m.tok_end
        if i < sent.end and doc[i].lower_ in (",", "and", "&") :
            i += 1
            if i < sent.end and doc[i].lower_ == "and":
                i += 1
            continue
        break
    return out


def _from_after(sent: Span, i: int) -> int | None:
    """The "from"/"by" after a goal noun: next to it, or past a short time phrase
    ("goals in each half from A and B", "a second-half double from A")."""
    doc = sent.doc
    for k in range(i + 1, min(i + 5, sent.end)):
        w = doc[k]
        if w.lower_ in ("from", "by"):
            return k
        if w.is_punct or w.pos_ in ("VERB", "AUX") or w.lower_ not in _TIME_FILLER:
            return None
    return None


def find_scorers(ctx: Context, hits: Hits, sent: Span) -> list[ScorerHit]:
    """Scorers stated in one sentence (not yet tied to a match)."""
    doc = ctx.doc
    lex = lexicon()
    goal_nouns = set(lex["goal_nouns"])
    from_nouns = set(lex["goal_from_nouns"])
    out: list[ScorerHit] = []
    sent_words = {t.lower_ for t in sent}
    if sent_words & _SHOOTOUT and not sent_words & {"minute", "half", "time", "extra-time"}:
        return out  # shoot-out kicks are not goals
    success = bool(sent_words & _SUCCESS)
    for t in sent:
        low = t.lower_
        # "Goals from A and B", "a brace from A"
        frm = _from_after(sent, t.i) if low in from_nouns else None
        if frm is not None:
            if _own_goal_near(ctx, hits, t.i - 2, t.i + 1):
                continue
            for m in _players_after(ctx, frm + 1, sent):
                if m.tok_end < sent.end and doc[m.tok_end].lower_ in ("'s", "’s", "'"):
                    break  # "a header from Robertson's cross": the provider, not a scorer
                out.append(ScorerHit(m.entity, m.tok_start, _minute(ctx, m.tok_end, m.tok_end + 6), 0.85))
        # "A's second-half header", "A's late equaliser"
        if low in ("'s", "’s") and t.i > sent.start:
            pm = ctx.at(t.i - 1, _PLAYER)
            if pm is None:
                continue
            for k in range(t.i + 1, min(t.i + 6, sent.end)):
                w = doc[k]
                if w.is_punct and w.text not in ("-", "–"):
                    break
                if w.lower_ in goal_nouns:
                    if w.lower_ == "goal" and doc[k - 1].lower_ == "own":
                        break
                    after = {x.lower_ for x in doc[k + 1: min(k + 6, sent.end)]}
                    if w.lower_ not in _STRONG and (after & _MISS or not success):
                        break
                    if after & {"disallowed", "offside", "chalked"}:
                        break
                    minute = _minute(ctx, t.i + 1, k + 1)
                    if minute is None and k + 1 < sent.end and doc[k + 1].lower_ == "in":
                        minute = _minute(ctx, k + 2, min(k + 5, sent.end))  # "header in the 78th minute"
                    out.append(ScorerHit(pm.entity, pm.tok_start, minute, 0.8))
                    break
    # "Kane gave Bayern the lead", "Saka put Arsenal ahead", "Isak fired Newcastle in front"
    for t in sent:
        if t.lower_ not in _LEAD_VERBS or t.i == sent.start or t.i + 2 >= sent.end:
            continue
        pm = ctx.at(t.i - 1, _PLAYER)
        side = ctx.team_at(t.i + 1)
        if pm is None or side is None or _own_goal_near(ctx, hits, t.i, sent.end):
            continue
        rest = " ".join(x.lower_ for x in doc[side[1].tok_end: min(side[1].tok_end + 3, sent.end)])
        if rest.startswith(("the lead", "a lead", "ahead", "in front", "an early lead", "a first-half lead")):
            out.append(ScorerHit(pm.entity, pm.tok_start, _minute(ctx, t.i, min(t.i + 10, sent.end)), 0.8,
                                 side[0]))
    # "opened the scoring through Saka", "struck first through Vinicius"
    for s, e in hits.find("through_phrases", sent.start, sent.end):
        for k in range(e, min(e + 6, sent.end)):
            if doc[k].lower_ in ("through", "via") and k + 1 < sent.end:
                tm = ctx.at(k + 1, _PLAYER) or (ctx.at(k + 2, _PLAYER) if k + 2 < sent.end else None)
                if tm is not None:
                    team = ctx.team_in(sent.start, s)
                    out.append(ScorerHit(tm.entity, tm.tok_start, _minute(ctx, s, tm.tok_end + 6), 0.85,
                                         team[0] if team else None))
                break
            if doc[k].is_punct:
                break
    # "Saka scored in the 23rd minute" (past tense, not a season tally: "has scored")
    for t in sent:
        if t.lower_ not in lex["scoring_verbs"]:
            continue
        if ctx.parsed and t.tag_ != "VBD":
            continue
        if any(c.dep_ == "aux" for c in t.children) or doc[t.i - 1].lower_ in ("has", "have", "had"):
            continue
        vm = ctx.at(t.i - 1, _PLAYER) if t.i > sent.start else None
        if vm is None:
            continue
        nxt = {x.lower_ for x in doc[t.i + 1: min(t.i + 4, sent.end)]}
        if nxt & {"goals", "times", "assists"} and not nxt & {"twice"}:
            continue  # a tally, not a goal in this match
        if _own_goal_near(ctx, hits, t.i, t.i + 4):
            continue
        if _not_in(doc, t.i + 1, min(t.i + 9, sent.end)):
            continue  # "headed the ball across goal", "headed Guehi's effort off the line"
        out.append(ScorerHit(vm.entity, vm.tok_start, _minute(ctx, t.i, t.i + 8), 0.75))
    if ctx.parsed:
        seen = {h.player for h in out}
        out += [h for h in _subject_goals(ctx, hits, sent) if h.player not in seen]
    return out


def _not_in(doc: Doc, start: int, end: int) -> bool:
    """The ball did not go in: a miss or pass word comes before any "in/into/home/past"
    ("struck the post" but not "shot in off the post")."""
    for t in doc[start:end]:
        if t.lower_ in ("in", "into", "home", "past", "beyond"):
            return False
        if t.lower_ in _NOT_IN:
            return True
    return False


def _subject_goals(ctx: Context, hits: Hits, sent: Span) -> list[ScorerHit]:
    """A player as the subject of a past-tense goal predicate: "Xhaka added a second",
    "Vinicius equalised", "Foden headed in", "Raphinha chipped Lunin to complete the rout"."""
    doc = ctx.doc
    out: list[ScorerHit] = []
    for m in ctx.in_range(sent.start, sent.end, _PLAYER):
        head = doc[m.tok_end - 1]
        if head.dep_ not in ("nsubj", "conj") or head.head.tag_ != "VBD":
            continue
        verb = head.head
        if head.dep_ == "conj":  # "Salah and Gakpo scored": both subjects
            if head.head.dep_ != "nsubj" or head.head.head.tag_ != "VBD":
                continue
            verb = head.head.head
        if verb.i < m.tok_end or any(c.dep_ == "neg" for c in verb.children):
            continue
        low = verb.lower_
        after = [t for t in doc[verb.i + 1: min(verb.i + 4, sent.end)]]
        words = [t.lower_ for t in after]
        ok = False
        if low in _GOAL_PREDICATES and any(w in _GOAL_OBJECTS for w in words):
            ok = not (low == "made" and "it" not in words)  # "made it four", not "made a save"
            back = [t.lower_ for t in doc[verb.i + 1: min(verb.i + 5, sent.end)]]
            if low == "pulled" and "back" not in back:
                ok = False
        else:
            ok = (low in _FINISH_VERBS and words[:1] != [] and words[0] in ("in", "home", "into")) or (
                low in _INTRANSITIVE_GOALS
                and (not words or not after[0].is_alpha or words[0] in _AFTER_GOAL))
        if not ok:
            continue
        if _not_in(doc, verb.i + 1, min(verb.i + 9, sent.end)):
            continue
        if _own_goal_near(ctx, hits, verb.i, min(verb.i + 8, sent.end)):
            continue
        out.append(ScorerHit(m.entity, m.tok_start, _minute(ctx, verb.i, min(verb.i + 12, sent.end)), 0.75))
    return out
