"""Goal scorers named in a sentence: "goals from A and B", "A's header", "through A", "A scored"."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from touchline.nlp.events.context import Context, Hits, Ment, lexicon
from touchline.nlp.events.goal_clauses import clause_verbs, hyphen_word, object_word, words_after

logger = logging.getLogger(__name__)

_MINUTE_RX = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)$")
# Words showing that a "weak" goal noun ("header", "effort") did not go in.
_MISS = {"saved", "wide", "post", "bar", "crossbar", "woodwork", "disallowed", "offside", "blocked",
         "denied", "missed", "chalked", "cleared", "parried", "over", "narrowly", "against"}
_STRONG = {"goal", "goals", "equaliser", "equalizer", "winner", "opener", "brace", "double",
           "hat-trick", "strikes"}
_SUCCESS = {"ensured", "ensuring", "difference", "decisive", "decided", "settled", "sealed", "secured",
            "earned", "won", "gave",
            "opened", "levelled", "enough", "winning", "scored", "netted", "clinched", "snatched", "rescued",
            "flew", "nestled", "sealing", "securing", "earning", "giving", "handed", "handing", "put",
            "proved", "separated", "decider", "cancelled", "canceled", "halved", "reduced", "restored",
            "doubled", "squeezed", "completed", "made", "added"}
# Words a goal noun and its "from" may have between them ("goals in each half from").
_TIME_FILLER = {"in", "either", "each", "both", "half", "halves", "first", "second", "the", "late", "early",
                "minutes", "period", "final"}
# "X gave/put <team> ahead": the scorer's own goal is what moved the team in front.
_LEAD_VERBS = {"gave", "given", "put", "fired", "headed", "shot", "nodded", "edged", "sent", "bundled",
               "poked", "curled", "slotted", "volleyed", "drilled", "swept", "tapped", "steered", "glanced"}
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
    words = ctx.lower[sent.start:sent.end]
    sent_words = set(words)
    if sent_words & _SHOOTOUT and not sent_words & {"minute", "half", "time", "extra-time"}:
        return out  # shoot-out kicks are not goals
    success = bool(sent_words & _SUCCESS) or _went_in_phrase(words)
    from_heads = {n.split("-")[0] for n in from_nouns}
    for i in range(sent.start, sent.end):
        low = ctx.lower[i]
        if low in from_heads:
            word, word_end = hyphen_word(doc, i, sent.end)
            # "Goals from A and B", "a brace from A", "a hat-trick from A"
            frm = _from_after(sent, word_end - 1) if word in from_nouns else None
            # not "blocked a late header from Lukaku"
            if (frm is not None and not _own_goal_near(ctx, hits, i - 2, i + 1)
                    and (word in _STRONG or (success and not _missed_around(doc, i, frm, sent)))):
                for m in _players_after(ctx, frm + 1, sent):
                    if m.tok_end < sent.end and ctx.lower[m.tok_end] in ("'s", "’s", "'"):
                        break  # "a header from Robertson's cross": the provider, not a scorer
                    out.append(ScorerHit(m.entity, m.tok_start, _minute(ctx, m.tok_end, m.tok_end + 6), 0.85))
        # "A's second-half header", "A's late equaliser"
        if low in ("'s", "’s") and i > sent.start:
            pm = ctx.at(i - 1, _PLAYER)
            hit = _owned_goal(ctx, pm, i + 1, sent, success) if pm is not None else None
            if hit is not None:
                out.append(hit)
    # "a Haaland hat-trick", "a late Saka goal": the name used as the goal's modifier
    for pm in ctx.in_range(sent.start, sent.end, _PLAYER):
        if pm.tok_end >= sent.end or not _after_article(doc, pm.tok_start, sent):
            continue
        word, _ = hyphen_word(doc, pm.tok_end, sent.end)
        if word in goal_nouns:
            hit = _owned_goal(ctx, pm, pm.tok_end, sent, success)
            if hit is not None:
                out.append(hit)
    # "Kane gave Bayern the lead", "Saka put Arsenal ahead", "Isak fired Newcastle in front",
    # "Schranz gave Slovakia a deserved lead", "Embolo had bundled Switzerland in front"
    for i in range(sent.start + 1, sent.end - 2):
        if ctx.lower[i] not in _LEAD_VERBS:
            continue
        t = doc[i]
        pm = ctx.at(t.i - 1, _PLAYER)
        if pm is None and t.i - 2 >= sent.start and doc[t.i - 1].lower_ in ("had", "then", "also"):
            pm = ctx.at(t.i - 2, _PLAYER)
        side = ctx.team_at(t.i + 1)
        if pm is None or side is None or _own_goal_near(ctx, hits, t.i, sent.end):
            continue
        if _lead_after(doc, side[1].tok_end, sent.end):
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
    # "took an early lead through Simons", "equalised before half-time through Rodri's low shot"
    seen = {h.player for h in out}
    for i in range(sent.start, sent.end - 1):
        if ctx.lower[i] not in ("through", "via"):
            continue
        t = doc[i]
        tm = ctx.at(t.i + 1, _PLAYER)
        if tm is None or tm.entity in seen or tm.tok_start != t.i + 1 or not _lead_before(doc, t.i, sent):
            continue
        if _own_goal_near(ctx, hits, t.i, min(t.i + 6, sent.end)):
            continue
        team = ctx.team_in(sent.start, t.i)
        out.append(ScorerHit(tm.entity, tm.tok_start, _minute(ctx, sent.start, min(tm.tok_end + 6, sent.end)),
                             0.8, team[0] if team else None))
        seen.add(tm.entity)
    # "Saka scored in the 23rd minute" (past tense, not a season tally: "has scored")
    scoring_verbs = lex["scoring_verbs"]
    for i in range(sent.start, sent.end):
        if ctx.lower[i] not in scoring_verbs:
            continue
        t = doc[i]
        if ctx.parsed and t.tag_ != "VBD":
            continue
        if any(c.dep_ == "aux" for c in t.children) or doc[t.i - 1].lower_ in ("has", "have", "had"):
            continue
        vm = ctx.at(t.i - 1, _PLAYER) if t.i > sent.start else None
        if vm is None:
            continue
        nxt = {x.lower_ for x in doc[t.i + 1: min(t.i + 4, sent.end)]}
        if nxt & {"goals", "times", "assists"} and not nxt & {"twice", "all", "both"}:
            continue  # a tally, not a goal in this match
        if _own_goal_near(ctx, hits, t.i, t.i + 4) or (ctx.parsed and _another_game(t)):
            continue
        if _not_in(doc, t.i + 1, min(t.i + 9, sent.end)):
            continue  # "headed the ball across goal", "headed Guehi's effort off the line"
        out.append(ScorerHit(vm.entity, vm.tok_start, _minute(ctx, t.i, t.i + 8), 0.75))
    if ctx.parsed:
        seen = {h.player for h in out}
        out += [h for h in _subject_goals(ctx, hits, sent) if h.player not in seen]
        seen = {h.player for h in out}
        out += [h for h in _absolute_goals(ctx, hits, sent) if h.player not in seen]
    return out


_ABSOLUTE_AFTER = {"twice", "again", "late", "early", "in", "from", "both", "all", "three", "four"}


def _absolute_goals(ctx: Context, hits: Hits, sent: Span) -> list[ScorerHit]:
    """An absolute clause on a sentence with no modal, read by its words (the parser often misses it):
    "..., Yannick Marquand scoring twice", "with Saka netting the winner"."""
    doc = ctx.doc
    out: list[ScorerHit] = []
    span = range(sent.start, sent.end)
    if _ruled_out(ctx, sent) or any(ctx.tags[i] == "MD" or ctx.lower[i] in ("if", "unless", "could", "would")
                                    for i in span):
        return out  # a foreseen or wished-for goal
    for pm in ctx.in_range(sent.start, sent.end, _PLAYER):
        k = pm.tok_end
        if k + 1 >= sent.end or doc[k].lower_ not in _ABSOLUTE or pm.tok_start == sent.start:
            continue
        if doc[pm.tok_start - 1].lower_ not in (",", "with", "and"):
            continue
        words = words_after(doc, k + 1, sent.end, 3)
        if words[0] in ("the", "a", "an", "his", "her"):
            ok = len(words) > 1 and (words[1] in _GOAL_OBJECTS or words[-1] in _GOAL_OBJECTS)
        else:
            ok = words[0] in _ABSOLUTE_AFTER
        if not ok or _another_game(doc[k]) or _own_goal_near(ctx, hits, k, min(k + 6, sent.end)):
            continue
        out.append(ScorerHit(pm.entity, pm.tok_start, _minute(ctx, k, min(k + 8, sent.end)), 0.7))
    return out


# Phrases telling that a shot went in: "beat the goalkeeper", "found the net", "flew in", "put them in
# front", "went ahead when ...".
_IN_PHRASES = (("beat", "the", "goalkeeper"), ("beat", "the", "keeper"), ("found", "the", "net"),
               ("found", "the", "back"), ("flew", "in"), ("crept", "in"), ("went", "ahead"),
               ("went", "in", "front"), ("them", "in", "front"), ("nestled", "in"), ("hit", "the", "net"),
               ("found", "the", "top"), ("found", "the", "bottom"), ("found", "its", "way"))


_IN_FIRST = {phrase[0] for phrase in _IN_PHRASES}


def _went_in_phrase(words: list[str]) -> bool:
    for i, w in enumerate(words):
        if w in _IN_FIRST and any(tuple(words[i:i + len(p)]) == p for p in _IN_PHRASES if p[0] == w):
            return True
    return False


def _owned_goal(ctx: Context, pm: Ment, first: int, sent: Span, success: bool) -> ScorerHit | None:
    """A goal noun within a few words of ``first`` belonging to player ``pm`` ("Saka's late equaliser",
    "a Haaland hat-trick"); a weak noun ("header", "effort") only in a sentence telling success."""
    doc = ctx.doc
    goal_nouns = set(lexicon()["goal_nouns"])
    k = first
    while k < min(first + 5, sent.end):
        w = doc[k]
        if w.is_punct and w.text not in ("-", "–"):
            return None
        word, end = hyphen_word(doc, k, sent.end)
        if word in goal_nouns:
            if word == "goal" and doc[k - 1].lower_ == "own":
                return None
            after = {x.lower_ for x in doc[end: min(end + 5, sent.end)]}
            if word not in _STRONG and (after & _MISS or not success):
                return None
            if after & {"disallowed", "offside", "chalked"}:
                return None
            minute = _minute(ctx, first, end)
            if minute is None and end < sent.end and doc[end].lower_ == "in":
                minute = _minute(ctx, end + 1, min(end + 4, sent.end))  # "header in the 78th minute"
            return ScorerHit(pm.entity, pm.tok_start, minute, 0.8)
        k += 1
    return None


def _missed_around(doc: Doc, noun: int, frm: int, sent: Span) -> bool:
    """A miss word just before a weak goal noun or in the words after its "from <player>"."""
    before = {t.lower_ for t in doc[max(sent.start, noun - 4): noun]}
    after = {t.lower_ for t in doc[frm + 1: min(frm + 8, sent.end)]}
    return bool((before | after) & _MISS)


def _after_article(doc: Doc, i: int, sent: Span) -> bool:
    """ "a Haaland ..." or "a late Haaland ...": an article (and adjectives) right before token ``i``."""
    k = i - 1
    while k >= sent.start and doc[k].tag_ in ("JJ", "HYPH") and k > i - 3:
        k -= 1
    return k >= sent.start and doc[k].lower_ in ("a", "an")


_LEAD_NOUNS = {"lead", "advantage"}


def _lead_after(doc: Doc, i: int, end: int) -> bool:
    """ "ahead", "in front", "the lead", "a deserved first-half lead" from token ``i``."""
    words = words_after(doc, i, end, 5)
    if words[:1] == ["ahead"] or words[:2] == ["in", "front"]:
        return True
    if not words or words[0] not in ("the", "a", "an"):
        return False
    for w in words[1:]:
        if w in _LEAD_NOUNS:
            return True
        if not w.replace("-", "").isalpha() or w in ("of", "to", "in", "for", "and", "but", "with", "at"):
            return False
    return False


# Words of going ahead or level before "through <player>": "took an early lead through Simons".
_LEAD_WORDS = {"lead", "scoring", "ahead", "front", "equalised", "equalized", "levelled", "leveled", "level",
               "scored", "struck"}


def _lead_before(doc: Doc, i: int, sent: Span) -> bool:
    """A going-ahead or levelling word before "through" in its own clause, told in the past."""
    past = False
    for k in range(i - 1, max(sent.start, i - 9) - 1, -1):
        t = doc[k]
        if t.is_punct and t.text not in ("-", "–"):
            return False
        if t.tag_ in ("VBD", "VBN"):
            past = True
        if t.lower_ in _LEAD_WORDS:
            return past or any(doc[j].tag_ in ("VBD", "VBN") for j in range(max(sent.start, k - 4), k))
    return False


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
    "Vinicius equalised", "Foden headed in", "Raphinha chipped Lunin to complete the rout";
    also through a relative clause ("Williams, who swept a shot past the keeper") and the clauses
    sharing the subject ("came off the bench to score", "..., completing a hat-trick")."""
    doc = ctx.doc
    out: list[ScorerHit] = []
    if _ruled_out(ctx, sent):
        return out
    for m in ctx.in_range(sent.start, sent.end, _PLAYER):
        head = doc[m.tok_end - 1]
        verb = _verb_of_subject(head)
        if verb is None or verb.i < m.tok_end or any(c.dep_ == "neg" for c in verb.children):
            continue
        if any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
            continue
        for v, low in [(verb, _ABSOLUTE.get(verb.lower_, verb.lower_)), *clause_verbs(verb, sent)]:
            if not _goal_predicate(doc, v, low, sent) or _another_game(v):
                continue
            if _not_in(doc, v.i + 1, min(v.i + 9, sent.end)) and not _went_in(doc, v.i + 1, sent.end):
                continue
            if _own_goal_near(ctx, hits, v.i, min(v.i + 8, sent.end)) or _own_net(doc, v.i, sent.end):
                continue
            out.append(ScorerHit(m.entity, m.tok_start, _minute(ctx, v.i, min(v.i + 12, sent.end)), 0.75))
            break
    return out


# "-ing" goal verbs heading an absolute clause, as the past form the goal rules know.
_ABSOLUTE = {"scoring": "scored", "netting": "netted", "striking": "struck"}


def _verb_of_subject(head: Token) -> Token | None:
    """The past verb a player's name is the subject of: directly, as a conjunct subject
    ("Salah and Gakpo scored"), or as the antecedent of "who" ("found Williams, who swept ...")."""
    if head.dep_ == "nsubj" and head.head.tag_ == "VBD":
        return head.head
    if head.dep_ == "nsubj" and head.head.lower_ in _ABSOLUTE and head.head.dep_ in ("conj", "advcl") \
            and head.head.head.tag_ == "VBD":
        return head.head  # "..., Yannick Marquand scoring twice": an absolute clause on a past verb
    if head.dep_ == "conj" and head.head.dep_ == "nsubj" and head.head.head.tag_ == "VBD":
        return head.head.head
    for c in head.children:
        if c.dep_ == "relcl" and c.tag_ == "VBD" and any(g.dep_ == "nsubj" and g.lower_ == "who"
                                                         for g in c.children):
            return c
    return None


def _goal_predicate(doc: Doc, verb: Token, low: str, sent: Span) -> bool:
    """Whether a goal verb (in its past form ``low``) and what follows it tell a goal."""
    after = doc[verb.i + 1: min(verb.i + 4, sent.end)]
    words = words_after(doc, verb.i + 1, sent.end, 3)
    obj = object_word(verb)
    if low in _GOAL_PREDICATES and (obj in _GOAL_OBJECTS or any(w in _GOAL_OBJECTS for w in words)):
        if low == "made":
            # "made it four", "made it 3-0"; not "made a save"
            return "it" in words[:1] and len(words) > 1 and (words[1] in _GOAL_OBJECTS or words[1].isdigit())
        if low == "pulled":
            return "back" in [t.lower_ for t in doc[verb.i + 1: min(verb.i + 5, sent.end)]]
        return True
    if low == "made" and words[:1] == ["it"] and len(words) > 1 and words[1].isdigit():
        return True
    if low == "wrapped" and words[:1] == ["up"]:
        # "wrapped up the points/win in stoppage time": the last goal of the game
        return any(w in _WRAPPED for w in words[1:])
    if low == "sealed" and obj in ("win", "victory"):
        # "sealed the win with a composed finish": the goal noun says it was a goal
        return any(t.lower_ in _STRONG | {"finish", "header", "strike", "shot", "volley"}
                   for t in doc[verb.i + 1: min(verb.i + 9, sent.end)])
    if low in ("was", "were") and words[:2] == ["on", "target"]:
        return True  # "Ashdown was on target after 35 minutes"
    if low in _FINISH_VERBS or low == "drove":
        if words[:1] and words[0] in ("in", "home", "into"):
            return True
        if obj in _STRUCK_THINGS and _went_in(doc, verb.i + 1, sent.end):
            return True
    return low in _INTRANSITIVE_GOALS and (not words or not after[0].is_alpha or words[0] in _AFTER_GOAL)


_WRAPPED = {"points", "win", "victory", "scoring", "result", "rout", "game", "match", "tie"}
# What a finishing verb strikes on its way in: "swept a low shot past the keeper".
_STRUCK_THINGS = {"shot", "ball", "effort", "header", "strike", "finish", "volley", "drive", "free-kick",
                  "penalty", "spot-kick", "kick", "it"}
# Where a shot ends up when it did not go in, right after "into/past".
_NOT_NET = {"post", "bar", "crossbar", "woodwork", "upright", "netting", "side-netting", "arms", "hands",
            "gloves", "stand", "stands", "crowd", "wall", "row"}


def _went_in(doc: Doc, start: int, end: int) -> bool:
    """The ball went in within the next few words: "past/beyond/into/in/under ..." or "over the line",
    not "into the side netting" or "past the post", and no miss word before it."""
    for k in range(start, min(start + 8, end)):
        w = doc[k].lower_
        if doc[k].is_punct and doc[k].text not in ("-", "–"):
            return False
        if w in _NOT_IN and not (w == "over" and doc[k + 1: k + 3].text.lower() == "the line"):
            return False
        if w in ("past", "beyond", "into", "in", "home", "under", "over"):
            rest = {t.lower_ for t in doc[k + 1: min(k + 5, end)]}
            return not rest & _NOT_NET or (w == "in" and "off" in rest)
    return False


def _own_net(doc: Doc, start: int, end: int) -> bool:
    """ "turned the ball into his own net": an own goal told without the words "own goal"."""
    return any(doc[k].lower_ == "own" and doc[k + 1].lower_ in ("net", "goal")
               for k in range(start, min(start + 9, end - 1)))


# "last week", "last season", "the previous game": the goal belongs to an earlier match.
_EARLIER_TIMES = {"week", "weekend", "season", "month", "year", "time", "game", "match", "meeting", "outing",
                  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "term"}
_EARLIER_WORDS = {"previous", "reverse", "midweek"}


def _another_game(verb: Token) -> bool:
    """A goal verb whose own clause dates it to an earlier game: "who scored the winner at Luton last
    week", "scored twice in the reverse fixture", "netted in the previous round"."""
    doc = verb.doc
    sub = [t for t in verb.subtree if t.i > verb.i]
    for t in sub:
        low = t.lower_
        if low in _EARLIER_WORDS:
            return True
        if low == "last" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in _EARLIER_TIMES:
            return True
    return False


def _ruled_out(ctx: Context, sent: Span) -> bool:
    words = ctx.lower[sent.start:sent.end]
    return (bool({"disallowed", "offside", "chalked"}.intersection(words))
            or any(a == "ruled" and b == "out" for a, b in pairwise(words)))
