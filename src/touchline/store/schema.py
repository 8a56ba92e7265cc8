"""The database schema as SQLAlchemy Core tables; Alembic's target metadata.

Character offsets are stored as ``start_char``/``end_char`` (``end`` is an SQL
keyword).  Typed event fields are stored as JSON next to their kind.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    false,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

stories = Table(
    "stories", metadata,
    Column("id", String(64), primary_key=True),
    Column("label", Text),
)

articles = Table(
    "articles", metadata,
    Column("id", String(32), primary_key=True),
    Column("source", Text),
    Column("url", Text),
    Column("title", Text),
    Column("published", Date),  # report time
    Column("text", Text, nullable=False),
    Column("text_hash", String(64), nullable=False),
    Column("duplicate_of", String(32), ForeignKey("articles.id")),
    Column("story", String(64), ForeignKey("stories.id")),
    Column("minhash", LargeBinary),
    Column("ingested_at", DateTime(timezone=True)),  # knowledge time
    Index("ix_articles_text_hash", "text_hash"),
    Index("ix_articles_published", "published"),
    Index("ix_articles_duplicate_of", "duplicate_of"),
    Index("ix_articles_story", "story"),
)

entities = Table(
    "entities", metadata,
    Column("id", String(200), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("attrs", JSON),
    Index("ix_entities_kind", "kind"),
)

entity_aliases = Table(
    "entity_aliases", metadata,
    Column("entity_id", String(200), ForeignKey("entities.id"), primary_key=True),
    Column("alias", String(300), primary_key=True),
    Index("ix_entity_aliases_alias", "alias"),
)

# Every key an entity is found by (touchline.resolve.identity.entity_keys): a person's
# name key and surname, a club's folded name.  Entity resolution and name lookups read it.
entity_keys = Table(
    "entity_keys", metadata,
    Column("key", String(300), primary_key=True),
    Column("entity_id", String(200), ForeignKey("entities.id"), primary_key=True),
    Index("ix_entity_keys_entity_id", "entity_id"),
)

mentions = Table(
    "mentions", metadata,
    Column("article", String(32), ForeignKey("articles.id"), primary_key=True),
    Column("start_char", Integer, primary_key=True),
    Column("end_char", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("entity", String(200), ForeignKey("entities.id")),
    Column("confidence", Float, nullable=False),
    Column("method", String(32)),
    Index("ix_mentions_entity", "entity"),
    Index("ix_mentions_entity_article", "entity", "article"),  # articles naming an entity, from the index
)

events = Table(
    "events", metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("date", String(10)),  # world time: YYYY-MM-DD, YYYY-MM or YYYY
    Column("confidence", Float, nullable=False),
    Column("fields", JSON, nullable=False),
    # What the results reference says (touchline.resolve.reference): the state, and the
    # linked result, filled/disagreeing fields and note as JSON (model.check_to_data).
    Column("check_state", String(16)),
    Column("reference", JSON),
    # Cross-article resolution (touchline.resolve.across): the group of readings the event was
    # resolved from, and the values its articles disagree on ({} when they agree).
    Column("group_key", String(64)),
    Column("conflicts", JSON),
    # The event's sources as a query shows them, written with the event from the same spans as
    # its event_sources rows: [[article, start, end, source, url, title, published], ...] by
    # article and start.  What an article says of itself never changes once stored, so a
    # timeline reads its sources here instead of joining a row of event_sources and one of
    # articles per source (on PostgreSQL a club's history took a third of its time doing so).
    Column("sources", JSON),
    Index("ix_events_kind_date", "kind", "date"),
    Index("ix_events_check_state", "check_state"),
    Index("ix_events_group_key", "group_key"),
)

# One article's account of one event, as read (touchline.resolve.readings); events are
# resolved from the readings of their group whenever one is added.
event_readings = Table(
    "event_readings", metadata,
    Column("id", String(64), primary_key=True),
    Column("article", String(32), ForeignKey("articles.id"), nullable=False),
    Column("event_id", String(64)),  # the resolved event it belongs to now
    Column("kind", String(32), nullable=False),
    Column("group_key", String(64), nullable=False),
    Column("date", String(10)),  # world time, as the article told it
    Column("window_from", String(10)),  # world time: the days the text allows
    Column("window_to", String(10)),
    Column("precision", String(16), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("fields", JSON, nullable=False),
    Column("reference", JSON),
    Column("hints", JSON),
    Column("sources", JSON, nullable=False),  # [[start, end], ...] in the article
    Column("main", Integer, nullable=False),  # 1: the article's main event
    Column("copied_from", String(32)),  # a syndicated copy's reading: the article it copies
    Index("ix_event_readings_group", "kind", "group_key"),
    Index("ix_event_readings_article", "article"),
    Index("ix_event_readings_event_id", "event_id"),
)

# What one article says about a state (touchline.resolve.claims); states derive from these.
claims = Table(
    "claims", metadata,
    Column("id", String(64), primary_key=True),
    Column("article", String(32), ForeignKey("articles.id"), nullable=False),
    Column("relation", String(32), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("object", String(200)),
    Column("qualifier", String(200)),
    Column("mode", String(16), nullable=False),
    Column("date", String(10)),  # world time
    Column("published", Date),  # report time
    Column("confidence", Float, nullable=False),
    Column("sources", JSON, nullable=False),
    Column("copied_from", String(32)),
    Column("until", String(10)),  # world time: when the article expects the state to end
    Index("ix_claims_relation_subject", "relation", "subject"),
    Index("ix_claims_relation_object", "relation", "object"),
    Index("ix_claims_article", "article"),
)

# Derived states (touchline.resolve.states), every version kept: world time valid_from/valid_to,
# report time known_from/known_to, knowledge time recorded_at/superseded_at.
states = Table(
    "states", metadata,
    Column("id", String(64), primary_key=True),
    Column("relation", String(32), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("object", String(200)),
    Column("qualifier", String(200)),
    Column("valid_from", String(10)),
    Column("valid_to", String(10)),
    Column("known_from", Date),
    Column("known_to", Date),
    Column("confidence", Float, nullable=False),
    Column("support", Integer, nullable=False),
    Column("sources", JSON, nullable=False),  # [[article, start, end], ...]
    Column("recorded_at", DateTime(timezone=True)),
    Column("superseded_at", DateTime(timezone=True)),
    # valid_to is an expectation (an expected return, a default horizon), not an end told
    Column("until_expected", Boolean, nullable=False, server_default=false()),
    Index("ix_states_subject", "subject", "relation"),
    Index("ix_states_object", "object", "relation"),
)

event_sources = Table(
    "event_sources", metadata,
    Column("event_id", String(64), ForeignKey("events.id"), primary_key=True),
    Column("article", String(32), ForeignKey("articles.id"), primary_key=True),
    Column("start_char", Integer, primary_key=True),
    Column("end_char", Integer, primary_key=True),
    Index("ix_event_sources_article", "article"),
)

quotes = Table(
    "quotes", metadata,
    Column("id", String(64), primary_key=True),
    Column("article", String(32), ForeignKey("articles.id"), nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("speaker", String(200), ForeignKey("entities.id")),
    Column("verb", String(64)),
    Column("confidence", Float, nullable=False),
    Column("joined", Text),  # the parts of a multi-part quotation joined, marks removed
    Column("segments", JSON),  # [[start, end], ...] of each part
    Column("speaker_name", Text),  # the speaker as the article names them
    Index("ix_quotes_speaker", "speaker"),
    Index("ix_quotes_article", "article"),
)

timexes = Table(
    "timexes", metadata,
    Column("article", String(32), ForeignKey("articles.id"), primary_key=True),
    Column("start_char", Integer, primary_key=True),
    Column("end_char", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", String(64)),
    Column("reason", Text),
    Column("anchor", String(32)),
)


# --- indexes the queries read (migration 0005; touchline.store.indexing writes them) ---

# Every entity an event involves and in which field: timeline and matches read it, never
# every event.  ``role`` is the field's name, "scorer" / "scorer_team" for a scorer's;
# ``kind`` the event's (it never changes), so that "the matches of X" is one index range.
event_entities = Table(
    "event_entities", metadata,
    Column("entity_id", String(200), primary_key=True),
    Column("event_id", String(64), ForeignKey("events.id"), primary_key=True),
    Column("role", String(24), primary_key=True),
    Column("kind", String(32), nullable=False),
    Index("ix_event_entities_event_id", "event_id"),
    sqlite_with_rowid=False,
)

# Each word of an entity's names and aliases, folded: `entities SEARCH` finds names by a word's start.
entity_words = Table(
    "entity_words", metadata,
    Column("word", String(100), primary_key=True),
    Column("entity_id", String(200), primary_key=True),
    sqlite_with_rowid=False,
)

# The full-text documents: an original article (title and text) or a quote.  SQLite indexes
# their folded words in the FTS5 table ``search_fts`` (rowid = id); PostgreSQL in the column
# ``tsv`` (tsvector, GIN index).  Both are made by migration 0005, outside this metadata.
# ``id`` starts with the published day (day ordinal << 24, 0 for an undated article): a date
# range is an id range, and the newest documents have the largest ids.
search_docs = Table(
    "search_docs", metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("kind", String(8), nullable=False),  # article | quote
    Column("ref", String(64), nullable=False),  # the article's or the quote's id
    Column("article", String(32), ForeignKey("articles.id"), nullable=False),
    Column("published", Date),
    Index("ix_search_docs_ref", "ref"),
    Index("ix_search_docs_published", "published"),
)

# The near-duplicate index: one key per LSH band of an original article's MinHash signature
# (touchline.ingest.dedup.band_keys); an ingest asks for the articles sharing a key.
article_bands = Table(
    "article_bands", metadata,
    Column("key", BigInteger, primary_key=True, autoincrement=False),
    Column("article", String(32), ForeignKey("articles.id"), primary_key=True),
    sqlite_with_rowid=False,
)
