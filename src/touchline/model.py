"""Typed records that every stage of touchline passes along.

Records are plain data: frozen dataclasses with slots and no I/O.  Entity
fields inside events hold entity ids (strings such as ``"club:liverpool"``).

Three clocks appear in these records and each field says which it belongs to:
- report time: ``Article.published``, the date an article was published; it
  anchors relative phrases like "Wednesday night";
- world time: ``Event.date``, when the thing reported happened;
- knowledge time: ``Article.ingested_at``, when touchline learned it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any, ClassVar, Literal

EntityKind = Literal[
    "player", "coach", "person", "club", "national_team", "competition", "venue", "media", "other"
]
ENTITY_KINDS: tuple[str, ...] = (
    "player", "coach", "person", "club", "national_team", "competition", "venue", "media", "other",
)
QuoteKind = Literal["direct", "partial", "reported"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, kept once.  ``id`` derives from the normalised text."""

    id: str
    text: str
    text_hash: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: date | None = None  # report time
    duplicate_of: str | None = None
    story: str | None = None
    ingested_at: datetime | None = None  # knowledge time
    # Where ingest read it (input path, line or entry number), for SKIP lines
    # about it; not stored and not part of the article's identity.
    origin: tuple[str, int | None] | None = field(default=None, compare=False, repr=False)


def printable(text: str) -> str:
    """``text`` safe to print on one terminal line: control and format characters
    (newlines, escape sequences, bidi overrides) and undecodable file-name bytes
    are shown as Python-style escapes instead of acting on the terminal."""
    out = []
    for ch in text:
        if "\udc80" <= ch <= "\udcff":  # a file-name byte os.fsdecode could not decode
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Skip:
    """An input that could not be read, analysed or stored: where it was and why."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return printable(f"SKIP {where}: {self.reason}")


@dataclass(frozen=True, slots=True)
class Note:
    """Something a person should know about an input that was still read (a guessed encoding)."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return printable(f"NOTE {where}: {self.message}")


@dataclass(frozen=True, slots=True)
class Entity:
    """A player, coach, club, competition, venue...  ``attrs`` holds what a
    gazetteer knows (position, nationality, birth_year, club, city)."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    attrs: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of article text that names or describes an entity."""

    article: str
    start: int
    end: int
    text: str
    kind: str
    entity: str | None = None  # None: recognised but left unresolved
    confidence: float = 1.0
    method: str = "gazetteer"  # gazetteer | ner | context | descriptor | surname


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """Where in an article a fact was read: character offsets into its text."""

    article: str
    start: int
    end: int


# --- event details, one class per kind --------------------------------------


@dataclass(frozen=True, slots=True)
class Scorer:
    player: str | None
    team: str | None = None  # the side the goal counted for (for an own goal, the other side)
    minute: int | None = None
    own_goal: bool = False


@dataclass(frozen=True, slots=True)
class MatchEvent:
    kind: ClassVar[str] = "match"
    home: str | None = None
    away: str | None = None
    home_score: int | None = None
    away_score: int | None = None
    competition: str | None = None
    venue: str | None = None
    stage: str | None = None
    scorers: tuple[Scorer, ...] = ()


@dataclass(frozen=True, slots=True)
class FixtureEvent:
    kind: ClassVar[str] = "fixture"
    home: str | None = None
    away: str | None = None
    competition: str | None = None
    venue: str | None = None


@dataclass(frozen=True, slots=True)
class MilestoneEvent:
    kind: ClassVar[str] = "milestone"
    player: str | None = None
    competition: str | None = None
    count: int | None = None
    measure: str | None = None  # "appearance", "goal", ...
    age: str | None = None  # "22y128d"
    record: str | None = None  # "youngest", "oldest", "fastest", ...
    previous_holder: str | None = None


@dataclass(frozen=True, slots=True)
class ShirtExchangeEvent:
    kind: ClassVar[str] = "shirt_exchange"
    giver: str | None = None
    receiver: str | None = None
    via: str | None = None
    mutual: bool | None = None


@dataclass(frozen=True, slots=True)
class InjuryEvent:
    kind: ClassVar[str] = "injury"
    player: str | None = None
    injury: str | None = None
    status: str | None = None  # injured | recovered | out | doubt | surgery
    expected_return: str | None = None  # world time: the day the text expects him back


@dataclass(frozen=True, slots=True)
class TransferEvent:
    kind: ClassVar[str] = "transfer"
    player: str | None = None
    from_club: str | None = None
    to_club: str | None = None
    status: str | None = None  # completed | agreed | loan | rumour


@dataclass(frozen=True, slots=True)
class RoleEvent:
    kind: ClassVar[str] = "role"
    person: str | None = None
    team: str | None = None
    role: str | None = None  # head_coach | captain | vice_captain | assistant | director | ...
    # what the text tells of the role: None (held on the report date), "appointed", "interim"
    # (caretaker), "leaving", "ended" (sacked, resigned: held until the report date) or
    # "former" (held at some past time)
    status: str | None = None


@dataclass(frozen=True, slots=True)
class StandingEvent:
    kind: ClassVar[str] = "standing"
    team: str | None = None
    competition: str | None = None
    position: int | None = None
    points: int | None = None


EventDetail = (
    MatchEvent | FixtureEvent | MilestoneEvent | ShirtExchangeEvent | InjuryEvent
    | TransferEvent | RoleEvent | StandingEvent
)
DETAIL_TYPES: dict[str, type] = {
    cls.kind: cls
    for cls in (MatchEvent, FixtureEvent, MilestoneEvent, ShirtExchangeEvent, InjuryEvent,
                TransferEvent, RoleEvent, StandingEvent)
}
EVENT_KINDS: tuple[str, ...] = tuple(DETAIL_TYPES)
# Fields of each kind that hold entity ids (resolve rewrites them).
ENTITY_FIELDS: dict[str, tuple[str, ...]] = {
    "match": ("home", "away", "competition", "venue"),
    "fixture": ("home", "away", "competition", "venue"),
    "milestone": ("player", "competition", "previous_holder"),
    "shirt_exchange": ("giver", "receiver", "via"),
    "injury": ("player",),
    "transfer": ("player", "from_club", "to_club"),
    "role": ("person", "team"),
    "standing": ("team", "competition"),
}


def detail_to_fields(detail: EventDetail) -> dict[str, Any]:
    """The kind's fields as plain JSON-ready data (scorers become dicts)."""
    out: dict[str, Any] = {}
    for f in fields(detail):
        value = getattr(detail, f.name)
        if f.name == "scorers":
            value = [{"player": s.player, "team": s.team, "minute": s.minute, "own_goal": s.own_goal}
                     for s in value]
        out[f.name] = value
    return out


def detail_from_fields(kind: str, data: Mapping[str, Any]) -> EventDetail:
    """Inverse of :func:`detail_to_fields`; unknown keys are ignored."""
    cls = DETAIL_TYPES[kind]
    names = {f.name for f in fields(cls)}
    kwargs = {k: v for k, v in data.items() if k in names}
    if "scorers" in kwargs:
        kwargs["scorers"] = tuple(Scorer(**s) for s in kwargs["scorers"] or ())
    detail: EventDetail = cls(**kwargs)
    return detail


CheckState = Literal["confirmed", "contradicted", "unknown"]
CHECK_STATES: tuple[str, ...] = ("confirmed", "contradicted", "unknown")


@dataclass(frozen=True, slots=True)
class ReferenceResult:
    """A result in the open results reference (openfootball) that a match was linked to.

    ``date`` is world time (the match day at the venue, as the reference
    records it).  ``home``/``away``/``competition`` are entity ids;
    ``home_score``/``away_score`` the result after extra time (None for a
    fixture the reference lists unplayed); ``file``/``line`` where it is written.
    """

    date: str
    home: str
    away: str
    home_score: int | None
    away_score: int | None
    competition: str
    file: str
    line: int
    round: str | None = None
    score_90: tuple[int, int] | None = None  # after 90 minutes, when extra time was played
    penalties: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class ReferenceCheck:
    """What the results reference says about an extracted match or fixture.

    ``state``: confirmed (linked, nothing disagrees), contradicted (linked, the
    text disagrees on a field in ``disagree``; the event keeps the text's
    value), unknown (not linked; ``note`` says why).  ``filled`` names the
    event fields whose value comes from the reference because the text left
    them open; ``replaced`` keeps what the event held there before (a guessed
    date, a home side taken from word order).
    """

    state: str
    reference: ReferenceResult | None = None
    filled: tuple[str, ...] = ()
    disagree: tuple[str, ...] = ()
    replaced: Mapping[str, Any] = field(default_factory=dict)
    note: str | None = None


def check_to_data(check: ReferenceCheck | None) -> dict[str, Any] | None:
    """A reference check as plain JSON-ready data (None stays None)."""
    if check is None:
        return None
    ref = check.reference
    return {
        "state": check.state, "note": check.note, "filled": list(check.filled),
        "disagree": list(check.disagree), "replaced": dict(check.replaced),
        "reference": None if ref is None else {
            "date": ref.date, "home": ref.home, "away": ref.away, "home_score": ref.home_score,
            "away_score": ref.away_score, "competition": ref.competition, "round": ref.round,
            "score_90": list(ref.score_90) if ref.score_90 else None,
            "penalties": list(ref.penalties) if ref.penalties else None,
            "file": ref.file, "line": ref.line},
    }


def _int_pair(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value else None


def check_from_data(data: Mapping[str, Any] | None) -> ReferenceCheck | None:
    """Inverse of :func:`check_to_data`."""
    if not data:
        return None
    ref = data.get("reference")
    result = None
    if ref:
        result = ReferenceResult(
            date=ref["date"], home=ref["home"], away=ref["away"], home_score=ref.get("home_score"),
            away_score=ref.get("away_score"), competition=ref["competition"], file=ref["file"],
            line=int(ref["line"]), round=ref.get("round"),
            score_90=_int_pair(ref.get("score_90")), penalties=_int_pair(ref.get("penalties")))
    return ReferenceCheck(state=data["state"], reference=result, filled=tuple(data.get("filled") or ()),
                          disagree=tuple(data.get("disagree") or ()),
                          replaced=dict(data.get("replaced") or {}), note=data.get("note"))


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened (or will happen), with where it was read.

    ``date`` is world time: "YYYY-MM-DD", "YYYY-MM", "YYYY" or None.
    ``hints`` carries optional notes from extraction for later stages (see
    ``touchline.resolve.reference.link`` for the ones it reads); they are not stored.
    ``check`` is what the results reference says about a match or fixture.
    In the knowledge base an event is every article's account of one happening
    (``sources`` lists them all); ``conflicts`` keeps the values they disagree on.
    """

    id: str
    kind: str
    detail: EventDetail
    date: str | None = None
    confidence: float = 0.5
    sources: tuple[SourceSpan, ...] = ()
    check: ReferenceCheck | None = None
    hints: Mapping[str, Any] = field(default_factory=dict)
    # Where the articles telling it disagree: field -> the values told, the leading one first,
    # each as {"value", "articles", "support"} (touchline.resolve.across).  Empty: they agree.
    conflicts: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker (entity id, or None when unknowable).

    ``text`` is the article's text at [start, end) exactly.  A quotation in
    several parts (over paragraphs, or reopened after an inner mark) keeps each
    part's span in ``segments`` and the parts joined, marks removed, in
    ``joined``.  ``speaker_name`` is the speaker as the article names them.
    """

    id: str
    article: str
    start: int
    end: int
    text: str
    kind: str  # direct | partial | reported
    speaker: str | None = None
    verb: str | None = None
    confidence: float = 0.5
    joined: str | None = None
    segments: tuple[tuple[int, int], ...] = ()
    speaker_name: str | None = None


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A temporal expression in an article, normalised to a TIMEX3 value.

    ``value`` is None when it cannot be resolved (``reason`` says why, e.g. no
    published date).  ``anchor`` names what a non-calendar expression hangs
    on ("match" for "half-time", "in the 81st minute").
    """

    article: str
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    reason: str | None = None
    anchor: str | None = None


ClaimMode = Literal["holds", "starts", "ends", "past", "leaves"]
CLAIM_MODES: tuple[str, ...] = ("holds", "starts", "ends", "past", "leaves")
STATE_RELATIONS: tuple[str, ...] = ("head_coach", "plays_for", "injured", "position")


@dataclass(frozen=True, slots=True)
class Claim:
    """What one article says about a state (a club's head coach, a player's club, an injury,
    a place in a table); states are derived from claims (``touchline.resolve.states``).

    ``mode``: ``holds`` (``object`` held on ``date``), ``starts`` (began then), ``ends``
    (ended then; ``object`` None: whatever held), ``past`` (held at some time before ``date``,
    not then: "the former Castlemoor manager"), ``leaves`` (ends it if it still held: a coach
    appointed elsewhere).  ``day`` is world time (YYYY-MM-DD), ``published`` report time.
    ``qualifier`` splits one relation of one subject (a position's competition); ``until``
    is the day the article expects the state to end ("out for three weeks").
    """

    relation: str
    subject: str
    object: str | None
    mode: str
    day: str | None
    article: str
    published: date | None
    confidence: float
    sources: tuple[SourceSpan, ...] = ()
    qualifier: str | None = None
    until: str | None = None  # world time: the day the article expects it to end (an expected return)


@dataclass(frozen=True, slots=True)
class State:
    """A derived state: ``relation`` of ``subject`` is ``object`` over an interval.

    World time: ``valid_from``/``valid_to`` (ISO days; ``valid_to`` None: still holds; a
    ``valid_from`` of None: held at an unknown time before ``valid_to``).  Report time:
    ``known_from`` is the publication date of the first article that told it so, ``known_to``
    that of the article that changed it (closed its validity, revised it); None: still the
    current account.  Knowledge time: ``recorded_at``/``superseded_at`` (touchline learned a
    version, or found it no longer follows from the articles, e.g. an older article arrived).
    ``until_expected``: ``valid_to`` is an expectation (an expected return the articles gave, or
    the default horizon of an injury or a place in a table), not an end an article told.
    """

    id: str
    relation: str
    subject: str
    object: str | None
    valid_from: str | None
    valid_to: str | None
    known_from: date | None
    known_to: date | None
    confidence: float
    support: int  # distinct articles behind it
    sources: tuple[SourceSpan, ...] = ()
    qualifier: str | None = None
    recorded_at: datetime | None = None
    superseded_at: datetime | None = None
    until_expected: bool = False  # valid_to is an expectation (an expected return, a horizon)


@dataclass(frozen=True, slots=True)
class Story:
    """A cluster of articles reporting one story."""

    id: str
    articles: tuple[str, ...] = ()
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything read from one article, ready to be written in one batch."""

    article: Article
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    timexes: tuple[TimeExpression, ...] = ()


def slugify(name: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Atlético Madrid" → "atletico-madrid"."""
    import unicodedata

    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = "".join(c if c.isalnum() else " " for c in text).split()
    return "-".join(words)


def entity_id(kind: str, name: str) -> str:
    """The stable id of an entity: ``"club:real-madrid"``, ``"player:jude-bellingham"``."""
    return f"{kind}:{slugify(name)}"
