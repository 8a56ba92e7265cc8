"""Dating events: the time expression inside the event's clause, else a deliberate fallback."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from touchline.nlp import extensions
from touchline.nlp.events.lexicon import LEXICON
from touchline.nlp.extensions import doc_text

logger = logging.getLogger(__name__)

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?!-)")
_YEAR = re.compile(r"^(\d{4})(?![-\d])")

# A report's main match with no day named: a match report is written on the day
# of the match (the report over "Everton 1-3 Arsenal" with no day is that day's);
# "last night" or "on Saturday" in the text say otherwise and win.  The event's
# confidence is cut since the day is read from the report, not the text.
FALLBACK_OFFSET_DAYS = 0
FALLBACK_PENALTY = 0.75
# ... and only for a match the report opens with (its headline, its key-point bullets or its
# first paragraph, at least the first three sentences and at most ten): a report states its
# results there; a match first named further down is background to another story.
FALLBACK_LEDE_SENTENCES = 3
MAX_LEDE_SENTENCES = 10


@dataclass(frozen=True, slots=True)
class Dated:
    value: str | None  # "YYYY-MM-DD" | "YYYY-MM" | "YYYY" | None
    start: int | None = None  # char span of the timex it came from
    end: int | None = None
    explicit: bool = False


def dct(doc: Doc) -> date | None:
    """The report date (the article's published date), or None."""
    return extensions.report_date(doc)


def calendar_value(value: str | None) -> str | None:
    """The calendar part of a TIMEX3 value ("2024-11-27TNI" → "2024-11-27")."""
    if not value:
        return None
    for rx in (_DAY, _MONTH, _YEAR):
        m = rx.match(value)
        if m:
            return "-".join(m.groups())
    return None


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_TIMEX = re.compile(r"^(?:on |last )?(\w+?)(?:'s)?(?: (?:night|afternoon|evening|morning))?$")


def last_weekday(text: str, ref: date) -> str | None:
    """A played match's "Saturday" ("on Saturday", "Saturday night"): the last such day up to the
    report's, whatever tense the parse gave the clause."""
    m = _WEEKDAY_TIMEX.match(text.strip().lower())
    if m is None or m.group(1) not in _WEEKDAYS:
        return None
    back = (ref.weekday() - _WEEKDAYS.index(m.group(1))) % 7
    return (ref - timedelta(days=back)).isoformat()


_YEAR_WRITTEN = re.compile(r"\b(?:19|20)\d\d\b|'\d\d\b")


def year_before(value: str, text: str, ref: date) -> str | None:
    """A played match's "on December 26", "on Boxing Day" read as a day after the report: the
    text gave no year, so it is last year's day (the time tagger, like TempEval, keeps the
    report's year for a day without one)."""
    m = _DAY.match(value)
    if m is None or _YEAR_WRITTEN.search(text):
        return None
    year, month, day = (int(g) for g in m.groups())
    try:
        earlier = date(year - 1, month, day)
    except ValueError:  # 29 February
        return None
    return earlier.isoformat() if earlier <= ref and (ref - earlier).days < 366 else None


def compare(value: str, ref: date) -> int:
    """-1 / 0 / 1: is the (partial) calendar value before, at or after ``ref``."""
    parts = [int(p) for p in value.split("-")]
    ref_parts = [ref.year, ref.month, ref.day][: len(parts)]
    return (parts > ref_parts) - (parts < ref_parts)


def timex_in(doc: Doc, start: int, end: int, *, want: str = "any", near: int | None = None) -> Dated | None:
    """The calendar timex inside chars [start, end), closest to ``near``.

    ``want`` = "past" keeps values on or before the report date, "future" on or
    after it; match-anchored expressions ("half-time") never date an event.
    """
    ref = dct(doc)
    best: tuple[int, Dated] | None = None
    for t in doc._.tl_timexes or []:
        if t.get("start", -1) < start or t.get("end", 10**9) > end:
            continue
        if t.get("type") not in ("DATE", "TIME") or t.get("anchor"):
            continue
        val = calendar_value(t.get("value"))
        if val is None:
            continue
        if ref is not None and want != "any":
            cmp = compare(val, ref)
            if (want == "past" and cmp > 0) or (want == "future" and cmp < 0):
                continue
        dist = abs(t["start"] - near) if near is not None else 0
        cand = Dated(val, t["start"], t["end"], explicit=True)
        if best is None or dist < best[0]:
            best = (dist, cand)
    return best[1] if best else None


def fallback_match_date(doc: Doc) -> Dated:
    """The deliberate guess for a past match with no day named (see FALLBACK_OFFSET_DAYS)."""
    ref = dct(doc)
    if ref is None:
        return Dated(None)
    return Dated((ref - timedelta(days=FALLBACK_OFFSET_DAYS)).isoformat())


def season_so_far(doc: Doc) -> list[str] | None:
    """The days from the start of the season the article is written in (1 July; an article of
    July still looks back on the season just ended) to its date: where a game the text names with
    no time of its own ("their draw at Bilbao") is looked for."""
    ref = dct(doc)
    if ref is None:
        return None
    start_year = ref.year if ref.month >= 8 else ref.year - 1
    return [date(start_year, 7, 1).isoformat(), ref.isoformat()]


def lede_sentences(doc: Doc) -> int:
    """How many sentences open the report: its headline, key-point bullets and first paragraph
    (up to the first line break after a sentence ending in a full stop); in text without line
    breaks, the first three sentences."""
    if "\n" not in doc_text(doc).strip():
        return FALLBACK_LEDE_SENTENCES
    seen_stop = False
    for n, sent in enumerate(doc.sents):
        if n >= MAX_LEDE_SENTENCES:
            return n
        text = sent.text.rstrip()
        if seen_stop and n >= 1 and "\n" in doc_text(doc)[max(sent.start_char - 3, 0):sent.start_char + 1]:
            return max(n, FALLBACK_LEDE_SENTENCES)
        seen_stop = seen_stop or text.endswith((".", "!", "?", ".”", '."'))
    return MAX_LEDE_SENTENCES


def report_date(doc: Doc) -> str | None:
    ref = dct(doc)
    return ref.isoformat() if ref else None


_CLAUSE_STOPS = (",", ";", "(", ")")


def clause_timex(doc: Doc, start: int, end: int, *, want: str = "any",
                 stops: tuple[str, ...] = _CLAUSE_STOPS) -> Dated | None:
    """The time expression in the clause of tokens [start, end) (bounded by the sentence and by
    ``stops``), closest to ``start``: "joined Castlemoor from Eastvale last summer"."""
    sent = doc[start].sent
    a = next((k + 1 for k in range(start - 1, sent.start - 1, -1) if doc[k].lower_ in stops), sent.start)
    b = next((k for k in range(end, sent.end) if doc[k].lower_ in stops), sent.end)
    if b <= a:
        return None
    return timex_in(doc, doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), want=want, near=doc[start].idx)


# --- dating a played match from its own clause ------------------------------------------------

_TIME_UNITS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours",
               "night", "nights", "season", "seasons", "fortnight"}
_RELATIVE_MARKS = {"after", "before", "since"}
_NOMINAL_DEPS = {"pobj", "dobj", "nsubj", "nsubjpass", "compound", "attr", "appos"}
MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december"})
MONTH_ABBREVIATIONS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                                 "dec"})
# Furthest (in characters) a time expression may sit from a match's trigger in an unparsed Doc.
MAX_DATE_GAP = 60


@dataclass(frozen=True, slots=True)
class MatchDating:
    """What a sentence tells of a match's day: a day, or only that no day-after guess fits."""

    date: Dated | None = None  # a day-level date from the match's own clause
    no_fallback: bool = False  # a coarser or relative time ("in May", "two days after"): no D-1 guess
    coarse: str | None = None  # that coarser time's TIMEX value ("2022-10", "2022-W43-WE", a season)


def clause_verb(tok: Token) -> Token | None:
    """The verb whose clause ``tok`` sits in: ``tok`` itself or its nearest verbal head."""
    cur = tok
    for _ in range(40):
        # a gerund used as a noun ("the start of qualifying") heads no clause of its own
        if cur.pos_ in ("VERB", "AUX") and not (cur.tag_ == "VBG" and cur.dep_ in _NOMINAL_DEPS):
            return cur
        if cur.head == cur:
            return None
        cur = cur.head
    return None


def _governor(verb: Token) -> Token | None:
    """The verb a non-finite clause hangs on (", beating X 2-1", "for England to beat X"), when
    it shares that verb's time; never across "after/before/since" (another moment)."""
    if verb.tag_ not in ("VBG", "VB") or verb.dep_ not in ("advcl", "xcomp", "ccomp", "conj"):
        return None
    if any(c.dep_ == "mark" and c.lower_ in _RELATIVE_MARKS for c in verb.children):
        return None
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ == "MD" for c in verb.children):
        return None
    return clause_verb(verb.head) if verb.head != verb else None


def same_clause(a: Token, b: Token) -> bool:
    """Whether tokens ``a`` (a match's trigger) and ``b`` (a time expression) tell one event."""
    va, vb = clause_verb(a), clause_verb(b)
    if va is None or vb is None:
        return va is vb  # a verbless fragment ("Arsenal 2-1 Chelsea, Saturday"): one statement
    if va == vb:
        return True
    return _governor(va) == vb or _governor(vb) == va


def relative_to_other_event(tok: Token) -> bool:
    """ "two days after Madrid beat Dortmund", "a week before losing to": a time told as an
    offset from another event, whose own day this sentence does not give."""
    verb = clause_verb(tok)
    if verb is None:
        return False
    marks = [c for c in verb.children if c.dep_ == "mark" and c.lower_ in _RELATIVE_MARKS]
    if verb.dep_ == "pcomp" and verb.head.lower_ in _RELATIVE_MARKS:
        marks.append(verb.head)
    doc = tok.doc
    for m in marks:
        if any(c.lower_ in _TIME_UNITS for c in m.children):
            return True
        if m.i > 0 and doc[m.i - 1].lower_ in _TIME_UNITS:
            return True
    return False


_GAME_NOUNS = set(LEXICON.game_nouns.words)


def _name_year(doc: Doc, start: int, end: int) -> bool:
    """A bare year that is part of a name or modifies a noun ("Euro 2024", "the 2022 World Cup",
    "Qatar 2022", "the 2024 final"), not a time adverbial ("in 2022")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1 or not re.fullmatch(r"\d{4}", span.text):
        return False
    tok = span[0]
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.text[:1].isupper() and not prev.is_sent_start \
            and prev.lower_ not in MONTHS:
        return True
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in _GAME_NOUNS and tok.i >= 2 \
            and doc[tok.i - 1].lower_ == "the" and doc[tok.i - 2].lower_ in ("in", "at", "during"):
        return False  # "their meeting in the 2018 final": when that game was played
    return nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and not nxt.is_punct


_SCORELINE = re.compile(r"^\d{1,2}[-–]\d{1,2}$")


def _result_between(doc: Doc, trig: Token, char: int, own: tuple[int, int] | None = None) -> bool:
    """Another scoreline between a match's trigger and a time expression at ``char`` (one inside
    ``own``, the chars of the statement itself, is the match's own)."""
    if char > trig.idx:
        toks = [t for t in doc[trig.i + 1:] if t.idx < char]
    else:
        toks = [t for t in doc[: trig.i] if t.idx >= char]
    # the trigger's own scoreline ("2 - 1" is three tokens) is no other result
    last = trig.i + 2 if _split_score(doc, trig.i) else trig.i

    def other(t: Token) -> bool:
        return not trig.i <= t.i <= last and not (own is not None and own[0] <= t.idx < own[1])

    return any(_SCORELINE.match(t.text) or _split_score(doc, t.i) for t in toks if other(t))


def _split_score(doc: Doc, i: int) -> bool:
    """A scoreline in three tokens at ``i`` ("2", "-", "1")."""
    return i + 2 < len(doc) and doc[i].like_num and doc[i + 1].text in ("-", "–") and doc[i + 2].like_num


def past_perfect(tok: Token) -> bool:
    """A result told in the past perfect ("who had knocked out Barcelona"): a game before the
    story's own events, not the day before the report."""
    verb = clause_verb(tok)
    return verb is not None and verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def match_dating(doc: Doc, start: int, end: int, near: int, *, parsed: bool,
                 own: tuple[int, int] | None = None) -> MatchDating:
    """The date a sentence (chars [start, end)) gives a played match whose trigger is at ``near``.

    Only a day-level past time in the match's own clause dates it (through the parse: the
    verb the result hangs on, or the verb a participle result hangs on; unparsed: close by with
    no comma between).  A year, month or week there ("in May", but not "Euro 2024") or an offset
    from another event ("two days after") gives no day: then the match gets no guessed day.
    """
    ref = dct(doc)
    trig = _token_at(doc, near)
    best: tuple[int, Dated] | None = None
    loose: tuple[int, Dated] | None = None  # a day of the sentence, outside the result's clause
    coarse = False
    coarse_value: str | None = None
    for t in doc._.tl_timexes or []:
        ts, te = t.get("start", -1), t.get("end", 10**9)
        if ts < start or te > end or t.get("type") not in ("DATE", "TIME") or t.get("anchor"):
            continue
        raw = str(t.get("value") or "")
        if not raw or raw.endswith("_REF"):
            continue
        if trig is not None and _result_between(doc, trig, ts, own):
            continue  # "lost 2-1 to A last week and 2-1 at B on Saturday": the other result's day
        val = calendar_value(raw)
        in_clause = True
        raw_value = raw
        if parsed and trig is not None:
            tt = _token_at(doc, ts)
            span = doc.char_span(ts, te, alignment_mode="expand")
            root = span.root if span is not None else tt
            in_clause = root is not None and same_clause(trig, root)
        else:
            gap = doc_text(doc)[min(near, ts): max(near, ts)]
            in_clause = len(gap) <= MAX_DATE_GAP and not any(p in gap for p in (",", ";", "("))
        if not in_clause:
            # the sentence's own day, when nothing in it tells of another time or game
            if val is not None and _DAY.match(val) and (ref is None or compare(val, ref) <= 0):
                dist = abs(ts - near)
                if loose is None or dist < loose[0]:
                    loose = (dist, Dated(val, ts, te, explicit=True))
            continue
        if val is not None and ref is not None and compare(val, ref) > 0:
            # a misread tense made "on Saturday" the next one; "on Boxing Day" without a year
            text = doc_text(doc)[ts:te]
            val = last_weekday(text, ref) or year_before(val, text, ref)
            if val is None:
                continue  # a future time is not when a played match was played
        if val is None or not _DAY.match(val):
            if not _name_year(doc, ts, te):
                coarse = True
                coarse_value = raw_value
            continue
        dist = abs(ts - near)
        if best is None or dist < best[0]:
            best = (dist, Dated(val, ts, te, explicit=True))
    if best is not None:
        return MatchDating(best[1])
    relative = parsed and trig is not None and relative_to_other_event(trig)
    if loose is not None and not coarse and not relative:
        return MatchDating(loose[1])
    return MatchDating(None, no_fallback=coarse or relative, coarse=None if relative else coarse_value)


_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_SEASON = re.compile(r"^(\d{4})-(\d{2})/(\d{4})-(\d{2})$")


def coarse_dating(value: str) -> tuple[str | None, list[str] | None]:
    """A coarser time as an event date the export can hold ("2022-10", "2022") and/or the window
    of days it allows ("2022-W43-WE" is that weekend; "2021-08/2022-05" a season)."""
    if re.fullmatch(r"\d{4}-\d{2}", value) or re.fullmatch(r"\d{4}", value):
        return value, None
    m = _WEEK.match(value)
    if m:
        monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        first = monday + timedelta(days=5) if m.group(3) else monday
        return None, [first.isoformat(), (monday + timedelta(days=6)).isoformat()]
    m = _SEASON.match(value)
    if m:
        y2, m2 = int(m.group(3)), int(m.group(4))
        last = (date(y2 + (m2 == 12), m2 % 12 + 1, 1) - timedelta(days=1))
        return None, [f"{m.group(1)}-{m.group(2)}-01", last.isoformat()]
    return None, None
