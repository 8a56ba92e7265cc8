"""The tense around a time expression: past, present, future or unknown.

Two readers give the same labels.  :func:`tense_from_words` looks for cue words
in the sentence (no parse needed, used by the plain function API and on blank
pipelines); :func:`tense_from_doc` reads the verb governing the expression from
a parsed Doc, the way HeidelTime reads its POS tags.
"""

from __future__ import annotations

import re
from typing import Literal

from spacy.tokens import Doc

from touchline.nlp.extensions import doc_text
from touchline.nlp.time.lexicon import LEXICON

Tense = Literal["past", "present", "future", "none"]

_WORD = re.compile(r"[A-Za-z']+(?:\s+(?:to|on|up))?")
_SENT_END = re.compile(r"[.!?]\s+(?=[A-Z\"“‘'])|\n\s*\n")
_FUTURE = {w.lower() for w in LEXICON["future_cues"]}
_PRESENT = {w.lower() for w in LEXICON["present_cues"]}
_PAST = {w.lower() for w in LEXICON["past_cues"]}
# Words ending -ed that are not past-tense verbs in football prose.
_NOT_PAST = {"need", "speed", "bed", "red", "united", "feed", "seed", "indeed", "proceed",
             "exceed", "succeed", "shed", "hundred", "sacred", "naked", "wicked", "wed", "led", "embed"}
_PAST_ED = re.compile(r"^[a-z]{3,}ed$")
# A reporting verb says when something was said only when the time hangs on it
# directly ("said on Monday"); elsewhere it hides the tense of the clause it reports.
_SAID_JUST_BEFORE = re.compile(
    r"\b(?:said|told|added|announced|confirmed|revealed|admitted)\s+(?:on\s+)?$", re.I
)
_SAID_JUST_AFTER = re.compile(r"^\s*(?:,\s*)?(?:he|she|they|it|[A-Z]\w+)?\s*(?:said|told|added)\b")


# "must be completed by May": a participle after "be" is no past tense.
_AFTER_BE = re.compile(r"\bbe(?:ing)?\s+$", re.I)


# "could" and "can" are left out: "could not be reached Wednesday" is a past report.
_MODALS = {"would", "might", "may", "should", "'d"}
# Verbs whose "to" complement is still to happen: "planned to leave on Thursday".
_PLAN_VERBS = {"set", "due", "scheduled", "expected", "going", "plan", "plans", "planned", "planning", "hope",
               "hopes", "hoped", "intend", "intends", "intended", "aim", "aims", "aimed", "want", "wants",
               "wanted", "agreed", "promised", "vowed", "ready", "prepared", "preparing"}


# How far either way a sentence is looked for: text without sentence punctuation
# (a pasted table) would otherwise make every expression read the whole text.
_REACH = 400


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Character bounds of the sentence around ``start:end`` (cheap punctuation split),
    at most _REACH characters either side of the expression."""
    window = max(0, start - _REACH)
    left = window
    for m in _SENT_END.finditer(text, window, start):
        left = m.end()
    nxt = _SENT_END.search(text, end, end + _REACH)
    right = nxt.start() + 1 if nxt else min(len(text), end + _REACH)
    return left, right


def _classify(word: str) -> Tense:
    w = word.lower()
    if w in _FUTURE or w.startswith(("going to", "set to", "due to")):
        return "future"
    if w in _PAST or w == "led":
        return "past"
    if w in _PRESENT:
        return "present"
    head = w.split()[0]
    if head in _FUTURE:
        return "future"
    if head in _PAST:
        return "past"
    if head in _PRESENT:
        return "present"
    if word[:1].islower() and _PAST_ED.match(head) and head not in _NOT_PAST:
        return "past"
    return "none"


def tense_from_words(text: str, start: int, end: int) -> Tense:
    """Tense from cue words in the sentence, nearest cue first (left side preferred)."""
    left, right = sentence_bounds(text, start, end)
    if _SAID_JUST_BEFORE.search(text, max(left, start - 20), start):
        return "past"
    if _SAID_JUST_AFTER.match(text[end : end + 30]):
        return "past"
    before = [(start - m.end(), m.group(0)) for m in _WORD.finditer(text, left, start)
              if not _AFTER_BE.search(text, max(left, m.start() - 8), m.start())]
    after = [(m.start() - end, m.group(0)) for m in _WORD.finditer(text, end, right)
             if not _AFTER_BE.search(text, max(end, m.start() - 8), m.start())]
    # A future marker anywhere in the clause wins: "will ... on Sunday after ...".
    cues: list[tuple[float, Tense]] = []
    for dist, word in before:
        label = _classify(word)
        if label != "none":
            cues.append((dist, label))
    for dist, word in after:
        label = _classify(word)
        if label != "none":
            cues.append((dist * 1.5 + 5, label))
    if not cues:
        return "none"
    return min(cues)[1]


def tense_from_doc(doc: Doc, start: int, end: int) -> Tense:
    """Tense of the verb that governs the expression at ``start:end`` in a parsed Doc."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not doc.has_annotation("DEP"):
        return tense_from_words(doc_text(doc), start, end)
    token = span.root
    for _ in range(6):
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"amod", "acomp"}:
            break
        if token.head == token:
            break
        token = token.head
    if token.pos_ not in {"VERB", "AUX"}:
        return tense_from_words(doc_text(doc), start, end)
    return _verb_tense(token)


def _verb_tense(verb: object, depth: int = 0) -> Tense:
    # Typed loosely: a spaCy Token, walked through its aux children.
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]  # type: ignore[attr-defined]
    words = {a.lower_ for a in auxes}
    tags = {a.tag_ for a in auxes}
    tag = verb.tag_  # type: ignore[attr-defined]
    if words & {"will", "'ll", "shall", "wo", "going"} or ("MD" in tags and words & {"will", "'ll", "shall"}):
        return "future"
    if words & _MODALS and not words & {"have", "'ve"}:
        # "could come as early as Tuesday", "would be travelling on Friday": a prospect, not a report.
        return "future"
    if (
        verb.lower_ in {"scheduled", "planned", "slated"}  # type: ignore[attr-defined]
        and not words & {"had", "was", "were"}
        and any(c.dep_ == "dobj" for c in verb.children)  # type: ignore[attr-defined]
    ):
        # "has scheduled a news conference Thursday": what is planned is still ahead.
        return "future"
    if "VBD" in tags or tag == "VBD":
        return "past"
    if tag == "VBN" and words & {"has", "have", "'ve", "'s"}:
        return "past"
    if tag == "VBN" and words & {"had", "was", "were"}:
        return "past"
    if tag == "VBG" and words & {"is", "are", "'re", "am", "'m"}:
        return "future"
    if tag == "VB" and words & {"to"}:
        head = verb.head  # type: ignore[attr-defined]
        if head.lower_ in _PLAN_VERBS:
            # "had been scheduled to expire Friday": a plan reported from further back.
            pluperfect = any(c.dep_ in {"aux", "auxpass"} and c.lower_ == "had" for c in head.children)
            return "past" if pluperfect else "future"
        if head.i != verb.i and head.pos_ in {"VERB", "AUX"} and depth < 3:  # type: ignore[attr-defined]
            return _verb_tense(head, depth + 1)
    if tag == "VB" and not auxes and verb.dep_ == "conj" and depth < 3:  # type: ignore[attr-defined]
        # "will open ... and wrap up the series on 12 October": conjoined verbs share the auxiliary.
        head = verb.head  # type: ignore[attr-defined]
        if head.i != verb.i and head.pos_ in {"VERB", "AUX"}:  # type: ignore[attr-defined]
            return _verb_tense(head, depth + 1)
    if tag in {"VBZ", "VBP"}:
        return "present"
    if tag == "VBN" and verb.dep_ in {"acl", "relcl"}:  # type: ignore[attr-defined]
        return "past"
    return "none"
