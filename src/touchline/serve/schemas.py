"""The REST API's response shapes (they make the OpenAPI document at /openapi.json)."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Error(BaseModel):
    """Every 4xx/5xx answer: one line saying what is wrong; ``candidates`` when a name is unknown
    or ambiguous (the entities it might mean)."""

    error: str
    candidates: list[EntitySummary] | None = None
    detail: list[dict[str, Any]] | None = None


class EntityRef(BaseModel):
    id: str
    kind: str
    name: str


class EntitySummary(EntityRef):
    aliases: list[str]


class Source(BaseModel):
    """Where a record was read: the article (id, source path or URL, date) and the character span."""

    article: str
    source: str | None
    url: str | None
    title: str | None
    published: str | None
    start: int
    end: int
    text: str = Field(description="the article's text at [start, end), cut at 300 characters")


class Page(BaseModel, Generic[T]):
    total: int
    limit: int
    offset: int
    items: list[T]


class Fact(BaseModel):
    relation: str = Field(description="head_coach (a club's), head_coach_of (a person's), captain...")
    value: EntityRef | None = Field(description="the other entity, when the value is one (a club, a coach)")
    text: str = Field(description="the value as told: an entity's name, an injury, a place in a table")
    competition: str | None = Field(None, description="a place in a table: its competition")
    valid_from: str | None
    valid_to: str | None
    until_expected: bool = Field(False, description="valid_to is expected (an expected return), not told")
    confidence: float
    sources: list[Source]


class Facts(BaseModel):
    as_of: str
    facts: list[Fact]


class ArticleSummary(BaseModel):
    id: str
    title: str
    source: str | None
    url: str | None
    published: str | None
    story: str | None
    duplicate_of: str | None
    chars: int


class EntityDetail(EntitySummary):
    attrs: dict[str, Any]
    current_facts: Facts
    facts_as_of: Facts | None
    articles: list[ArticleSummary] = Field(description="the articles that name the entity (its sources)")


class Reference(BaseModel):
    date: str | None
    home: EntityRef | None
    away: EntityRef | None
    home_score: int | None
    away_score: int | None
    competition: EntityRef | None
    round: str | None
    file: str | None
    line: int | None


class Check(BaseModel):
    """What the results reference says about a match: confirmed, contradicted or unknown."""

    state: Literal["confirmed", "contradicted", "unknown"]
    note: str | None
    disagree: list[str]
    from_reference: list[str]
    reference: Reference | None


class Event(BaseModel):
    id: str
    kind: str
    date: str | None = Field(description="world time: YYYY-MM-DD, YYYY-MM, YYYY or null")
    confidence: float
    title: str
    detail: dict[str, Any] = Field(description="the kind's fields, entity ids as stored")
    entities: list[EntityRef]
    check: Check | None
    sources: list[Source]


class Quote(BaseModel):
    id: str
    text: str
    kind: str
    verb: str | None
    confidence: float
    speaker: EntityRef | None
    speaker_name: str | None
    source: Source


class Span(BaseModel):
    """Something read in an article's text at [start, end)."""

    type: Literal["entity", "event", "quote", "timex"]
    start: int
    end: int
    text: str
    label: str = Field(description="entity kind, event kind, quote kind or TIMEX3 type")
    entity: EntityRef | None
    event: str | None
    quote: str | None
    value: str | None = Field(description="a time expression's TIMEX3 value, an event's title, a speaker")
    confidence: float | None


class Timex(BaseModel):
    start: int
    end: int
    text: str
    type: str
    value: str | None


class ArticleDetail(ArticleSummary):
    text: str
    spans: list[Span]
    events: list[Event]
    quotes: list[Quote]
    timexes: list[Timex]


class Story(BaseModel):
    id: str
    label: str
    first: str | None
    last: str | None
    articles: list[ArticleSummary]


class Snippet(BaseModel):
    before: str
    match: str
    after: str
    start: int
    end: int


class ArticleHit(BaseModel):
    article: ArticleSummary
    hits: int
    snippets: list[Snippet]


class SearchResult(BaseModel):
    query: str
    entities: list[EntitySummary]
    articles: list[ArticleHit]
    quotes: list[Quote]


class Stats(BaseModel):
    articles: int
    duplicates: int
    entities: int
    events_by_kind: dict[str, int]
    quotes: int
    timexes: int
    checks: dict[str, int]


class IngestResult(BaseModel):
    added: int
    duplicates: int
    already_present: int
    skipped: list[str] = Field(description="one line per input that could not be read, and why")


Error.model_rebuild()
