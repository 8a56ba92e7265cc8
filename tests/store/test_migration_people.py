"""Migration 0003 on a knowledge base written before it: entities merged, references kept, nothing lost.

The old knowledge base is built at revision 0002 with rows as touchline wrote them then
(one person under several kind-prefixed ids, a name with junk glued to it, a league the
NER took for a person, quotes whose text joined their parts), on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import command

from touchline.store import open_store
from touchline.store.migrate import alembic_config
from touchline.store.sql import sqlalchemy_url

ARTICLE = ("Kestrel Rovers manager Sir Alan Hartigan said: “We were patient.\n\n“We got our reward.”\n"
           "Alan Hartigan - he was pleased - praised Premier League leaders Harbour Athletic.")


def old_knowledge_base(url: str) -> None:
    engine = sa.create_engine(sqlalchemy_url(url))
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        meta = sa.MetaData()
        meta.reflect(conn)
        t = meta.tables

        def put(table: str, rows: list[dict[str, Any]]) -> None:
            conn.execute(t[table].insert(), rows)

        put("articles", [{"id": "a1", "text": ARTICLE, "text_hash": "h1"}])
        put("entities", [
            {"id": "coach:sir-alan-hartigan", "kind": "coach", "name": "Sir Alan Hartigan", "attrs": {}},
            {"id": "coach:alan-hartigan", "kind": "coach", "name": "Alan Hartigan", "attrs": {}},
            {"id": "person:alan-hartigan-he", "kind": "person", "name": "Alan Hartigan - he", "attrs": {}},
            {"id": "person:premier-league", "kind": "person", "name": "Premier League", "attrs": {}},
            {"id": "competition:premier-league", "kind": "competition", "name": "Premier League",
             "attrs": {}},
            {"id": "club:kestrel-rovers", "kind": "club", "name": "Kestrel Rovers", "attrs": {}},
        ])
        put("entity_aliases", [{"entity_id": "coach:sir-alan-hartigan", "alias": "Sir Alan Hartigan"},
                               {"entity_id": "coach:alan-hartigan", "alias": "Hartigan"}])
        start = ARTICLE.index("Sir Alan")
        junk = ARTICLE.index("Alan Hartigan -")
        league = ARTICLE.index("Premier League")
        put("mentions", [
            {"article": "a1", "start_char": start, "end_char": start + 17, "text": "Sir Alan Hartigan",
             "kind": "coach", "entity": "coach:sir-alan-hartigan", "confidence": 0.7, "method": "context"},
            {"article": "a1", "start_char": junk, "end_char": junk + 18, "text": "Alan Hartigan - he",
             "kind": "person", "entity": "person:alan-hartigan-he", "confidence": 0.7, "method": "ner"},
            {"article": "a1", "start_char": league, "end_char": league + 16, "text": "Premier League",
             "kind": "person", "entity": "person:premier-league", "confidence": 0.7, "method": "ner"},
        ])
        q_start = ARTICLE.index("We were")
        q_end = ARTICLE.index("reward.") + len("reward.")
        put("quotes", [{"id": "q1", "article": "a1", "start_char": q_start, "end_char": q_end,
                        "text": "We were patient.\nWe got our reward.", "kind": "direct",
                        "speaker": "coach:sir-alan-hartigan", "verb": "said", "confidence": 0.9}])
        put("events", [
            {"id": "role:1", "kind": "role", "date": "2019-08-01", "confidence": 0.8,
             "fields": {"person": "coach:alan-hartigan", "team": "club:kestrel-rovers",
                        "role": "head_coach"}},
            {"id": "match:1", "kind": "match", "date": "2019-08-10", "confidence": 0.8,
             "fields": {"home": "club:kestrel-rovers", "away": None, "competition": "person:premier-league",
                        "scorers": [{"player": "person:alan-hartigan-he", "team": None, "minute": 3}]}},
        ])
        put("event_sources", [{"event_id": "role:1", "article": "a1", "start_char": 0, "end_char": 10},
                              {"event_id": "match:1", "article": "a1", "start_char": 0, "end_char": 10}])
    engine.dispose()


def test_entities_of_an_existing_knowledge_base_are_merged_and_nothing_is_lost(db_url: str) -> None:
    old_knowledge_base(db_url)
    store = open_store(db_url)  # upgrades to the newest schema
    try:
        entities = {e.id: e for e in store.entities()}
        assert {"coach:sir-alan-hartigan", "coach:alan-hartigan", "person:alan-hartigan-he",
                "person:premier-league"}.isdisjoint(entities)
        manager = entities["person:alan-hartigan"]
        assert manager.kind == "coach"
        assert {"Sir Alan Hartigan", "Hartigan", "Alan Hartigan - he"} <= set(manager.aliases)
        assert "competition:premier-league" in entities
        assert store.articles_mentioning("person:alan-hartigan") == {"a1"}
        assert store.articles_mentioning("competition:premier-league") == {"a1"}
        [quote] = list(store.quotes())
        assert quote.speaker == "person:alan-hartigan"
        assert quote.text == ARTICLE[quote.start:quote.end]
        assert quote.joined == "We were patient.\nWe got our reward."
        events = {e.id: e for e in store.events()}
        assert events["role:1"].detail.person == "person:alan-hartigan"  # type: ignore[union-attr]
        match = events["match:1"].detail
        assert match.competition == "competition:premier-league"  # type: ignore[union-attr]
        assert match.scorers[0].player == "person:alan-hartigan"  # type: ignore[union-attr]
        stats = store.stats()
        assert (stats.articles, stats.quotes, sum(stats.events_by_kind.values())) == (1, 1, 2)
        assert store.entities_by_keys(["ps:hartigan"])["ps:hartigan"][0].id == "person:alan-hartigan"
    finally:
        store.close()
