"""The queries on SQLite and a real PostgreSQL: timeline, matches, quotes, full-text search,
entities, articles, stories and the streamed export, with names and sources in every record."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from touchline.query import listing
from touchline.query.export import build_export, validate_export, write_export
from touchline.query.lookup import SearchTermError, UnknownName
from touchline.query.matches import matches
from touchline.query.quotes import search_quotes
from touchline.query.search import search, snippet
from touchline.query.timeline import timeline
from touchline.store import Store, open_store

from .world import BRENNER, CASTLEMOOR, EASTVALE, QUILL, UNITED


def test_a_players_timeline_holds_her_events_and_her_teams_matches(store: Store) -> None:
    tl = timeline(store, "Marta Quill")
    assert [(e.kind, e.date) for e in tl.events] == [
        ("match", "2025-02-14"), ("match", "2025-03-01"), ("transfer", "2025-05-09")]
    # the April match is her team's, but no article about it mentions her
    doc = tl.as_dict()
    assert doc["entity"] == {"id": QUILL.id, "name": "Marta Quill", "kind": "player"}
    first = doc["events"][0]
    assert first["home"] == {"id": UNITED.id, "name": "Northbridge United", "kind": "club"}
    assert first["scorers"] == [{"player": {"id": QUILL.id, "name": "Marta Quill", "kind": "player"},
                                 "team": {"id": UNITED.id, "name": "Northbridge United", "kind": "club"},
                                 "minute": 54, "own_goal": False}]
    assert sorted((s["source"], s["published"]) for s in first["sources"]) == [
        ("/news/nu-cas-reaction.txt", "2025-02-16"), ("/news/nu-cas.txt", "2025-02-15")]
    assert all(isinstance(s["start"], int) and s["end"] > s["start"] for s in first["sources"])
    assert doc["events"][2]["to_club"]["name"] == "Eastvale"


def test_timeline_filters_kind_and_world_time_a_month_overlapping_counts(store: Store) -> None:
    assert [e.kind for e in timeline(store, "Marta Quill", ["transfer"]).events] == ["transfer"]
    club = timeline(store, "Northbridge United")
    assert [e.date for e in club.events] == ["2025-02-14", "2025-03-01", "2025-04", "2025-05-09"]
    ranged = timeline(store, "Northbridge United", since=date(2025, 3, 1), until=date(2025, 4, 15))
    assert [e.date for e in ranged.events] == ["2025-03-01", "2025-04"]
    assert timeline(store, "Northbridge", until=date(2025, 2, 13)).events == []
    first = timeline(store, "Northbridge United", limit=2)
    assert [e.date for e in first.events] == ["2025-02-14", "2025-03-01"]
    after = timeline(store, "Northbridge United", since=date(2025, 3, 2), limit=1)
    assert [e.date for e in after.events] == ["2025-04"]
    # an undated event is in a timeline without a range, never in one with a range
    assert [e.kind for e in timeline(store, "Ines Korver").events] == ["injury"]
    assert timeline(store, "Ines Korver", since=date(2000, 1, 1)).events == []


def test_matches_of_a_team_against_another_with_the_check_fields(store: Store) -> None:
    assert len(matches(store, "Northbridge United")) == 3
    found = matches(store, "Northbridge United", "Castlemoor")
    # ids are the resolver's (one event per happening across articles), so count, not name, them
    assert len(found.events) == 2
    doc = found.as_dict()
    assert doc["team"]["name"] == "Northbridge United" and doc["vs"]["id"] == CASTLEMOOR.id
    m = doc["matches"][0]
    assert (m["home"]["name"], m["home_score"], m["away_score"], m["away"]["name"]) == (
        "Northbridge United", 2, 1, "Castlemoor FC")
    assert {"check", "reference", "disagree", "check_note"} <= m.keys()
    april = matches(store, "Castlemoor", since=date(2025, 4, 1))
    assert [e.date for e in april.events] == ["2025-04"]
    assert len(matches(store, since=date(2025, 2, 14), until=date(2025, 2, 14))) == 1
    assert len(matches(store, limit=1).events) == 1
    with pytest.raises(UnknownName):
        matches(store, "Nowhere Wanderers")


def test_quotes_by_speaker_about_an_entity_and_by_words(store: Store) -> None:
    by_quill = search_quotes(store, speaker="Quill")
    assert [h.quote.text[:12] for h in by_quill] == ["I am proud o", "The pitch at"]
    assert by_quill[0].as_dict()["speaker"] == {"id": QUILL.id, "name": "Marta Quill", "kind": "player"}
    assert by_quill[0].as_dict()["source"] == "/news/nu-cas-reaction.txt"
    # whole words, side by side; the last may be the start of a word
    assert [h.quote.speaker for h in search_quotes(store, contains="proud of")] == [QUILL.id]
    assert {h.quote.speaker for h in search_quotes(store, contains="prou")} == {QUILL.id, BRENNER.id}
    assert search_quotes(store, contains="of proud") == []
    assert [h.quote.text[:9] for h in search_quotes(store, about="Harbour City")] == ["The pitch"]
    assert [h.published for h in search_quotes(store, speaker="Brenner", since=date(2025, 3, 1))] == [
        date(2025, 4, 28)]
    with pytest.raises(SearchTermError):
        search_quotes(store, contains="--")


def test_full_text_search_ranks_and_highlights(store: Store) -> None:
    found = search(store, "heavy pitch")
    assert found.hits, "nothing found"
    kinds = [(h.kind, h.article.source) for h in found.hits]
    assert set(kinds) == {("article", "/news/har-nu.txt"), ("quote", "/news/har-nu.txt")}
    for hit in found.hits:
        marked = {hit.snippet[s:e].lower() for s, e in hit.highlights}
        assert marked == {"heavy", "pitch"}
    quote = next(h for h in found.hits if h.kind == "quote").as_dict()
    assert quote["quote"]["speaker"]["name"] == "Marta Quill" and quote["published"] == "2025-03-02"
    # every word must be there; a phrase in double quotes must be side by side
    assert search(store, "heavy Castlemoor").hits == []
    assert {h.kind for h in search(store, '"second best"').hits} == {"article", "quote"}
    assert search(store, '"best second"').hits == []
    # accents and case ignored; published dates filter
    assert {h.article.source for h in search(store, "CASTLEMÖOR", since=date(2025, 4, 1)).hits} == {
        "/news/cas-nu.txt", "/news/korver.txt"}
    assert [h.kind for h in search(store, "proud", kind="quote").hits] == ["quote", "quote"]
    # the document naming the words more often ranks first
    assert search(store, "Olaf Brenner").hits[0].article.source == "/news/cas-nu.txt"
    with pytest.raises(SearchTermError):
        search(store, "!!")


def test_snippets_cut_around_the_matches_and_mark_them() -> None:
    body = "Filler words. " * 40 + "The Solskjær side pressed high." + " More filler." * 40
    cut, marks = snippet(body, {"solskjaer", "pressed"}, width=60)
    assert cut.startswith("…") and cut.endswith("…")
    assert [cut[s:e] for s, e in marks] == ["Solskjær", "pressed"]


def test_entities_by_the_start_of_their_words_and_kind(store: Store) -> None:
    assert [r.entity.id for r in listing.entities(store, "qui")] == [QUILL.id]
    assert [r.entity.id for r in listing.entities(store, "marta q")] == [QUILL.id]
    assert [r.entity.name for r in listing.entities(store, "north")] == ["Northbridge United"]
    clubs = listing.entities(store, kind="club")
    assert [r.entity.name for r in clubs] == [
        "Castlemoor FC", "Eastvale", "Harbour City", "Northbridge United"]
    united = next(r for r in clubs if r.entity.id == UNITED.id).as_dict()
    assert united["articles"] == 5 and united["aliases"] == ["Northbridge"]
    assert listing.entities(store, "zzz") == []


def test_articles_and_stories_in_a_date_range(store: Store) -> None:
    rows = [r.as_dict() for r in listing.articles(store, since=date(2025, 2, 16), until=date(2025, 4, 28))]
    assert [r["source"] for r in rows] == [
        "/news/nu-cas-reaction.txt", "/news/har-nu.txt", "/news/cas-nu.txt"]
    story = rows[0]["story"]
    stories = [s.as_dict() for s in listing.stories(store)]
    assert len(stories) == 5
    both = next(s for s in stories if s["id"] == story)
    assert [a["published"] for a in both["articles"]] == ["2025-02-15", "2025-02-16"]
    assert (both["first"], both["last"]) == ("2025-02-15", "2025-02-16")
    assert len(list(listing.stories(store, since=date(2025, 5, 1)))) == 2


def test_the_streamed_export_is_the_document(store: Store) -> None:
    out = io.StringIO()
    write_export(store, out)
    streamed = json.loads(out.getvalue())
    assert streamed == build_export(store)
    validate_export(streamed)
    assert len(streamed["events"]) == 6 and streamed["entities"][0]["id"] == CASTLEMOOR.id


def test_names_are_looked_up_as_everywhere(store: Store) -> None:
    with pytest.raises(UnknownName):
        timeline(store, "United")
    assert timeline(store, "Eastvale").entity == EASTVALE
    assert matches(store, "castlemoor").team == CASTLEMOOR  # a club without its "FC"


def test_queries_need_a_sql_store(tmp_path: Path) -> None:
    from touchline.store import StoreError

    with pytest.raises(StoreError, match="needs a SQL store"):
        matches(open_store("memory:"))


def test_a_match_record_names_the_competition_only_its_reference_result_gives(db_url: str) -> None:
    from dataclasses import replace

    from touchline.model import Entity, ReferenceCheck, ReferenceResult
    from touchline.store import WriteBatch

    from .world import analyses

    league = Entity("competition:coastal-league", "competition", "Coastal League")
    written = analyses()
    first = written[0]
    linked = replace(first.events[0], check=ReferenceCheck(
        "confirmed", ReferenceResult("2025-02-14", UNITED.id, CASTLEMOOR.id, 2, 1, league.id,
                                     "coastal/2024-25.txt", 12)))
    written[0] = replace(first, entities=(*first.entities, league), events=(linked, *first.events[1:]))
    s = open_store(db_url)
    try:
        s.write(WriteBatch(written))
        events = timeline(s, "Castlemoor FC").as_dict()["events"]
        record = next(e for e in events if e["date"] == "2025-02-14")
        assert record["check"] == "confirmed"
        assert record["reference"]["competition"] == {"id": league.id, "name": "Coastal League",
                                                      "kind": "competition"}
        assert record["reference"]["home"]["name"] == "Northbridge United"
        assert record["competition"] is None  # the event's own field: the text named none
    finally:
        s.close()
