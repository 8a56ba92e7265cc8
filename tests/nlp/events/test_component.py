"""tl_events on our own fixture article and tricky sentences (real spaCy, invented clubs)."""

from __future__ import annotations

from events_helpers import GOLDEN, of_kind, run


def _article(nlp):  # type: ignore[no-untyped-def]
    return run(nlp, (GOLDEN / "derby_report.txt").read_text(encoding="utf-8"))


def test_main_match_teams_score_venue_and_scorers(nlp) -> None:  # type: ignore[no-untyped-def]
    main = [m for m in of_kind(_article(nlp), "match") if m["fields"]["away"] == "club:northbridge-united"]
    assert len(main) == 1
    f = main[0]["fields"]
    assert (f["home"], f["home_score"], f["away_score"]) == ("club:harbour-city", 3, 1)
    assert f["venue"] == "venue:gull-park" and f["competition"] == "competition:atlantic-cup"
    assert f["stage"] == "quarter-final"
    assert {s["player"] for s in f["scorers"]} == {"player:tomas-verhoek", "player:ade-okonjo",
                                                   "player:luca-ferrand"}
    assert main[0]["date"] == "2025-03-09"
    assert 0 < main[0]["confidence"] <= 1 and main[0]["sources"]


def test_other_match_is_separate_and_undated(nlp) -> None:  # type: ignore[no-untyped-def]
    other = [m for m in of_kind(_article(nlp), "match") if m["fields"]["away"] == "club:castlemoor"]
    assert len(other) == 1 and other[0]["date"] is None


def test_leads_and_half_time_scores_are_not_results(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = run(nlp, "Harbour City were 1-0 up at half-time. Northbridge United held a 1-0 lead at the break.")
    assert of_kind(doc, "match") == []


def test_winners_of_a_competition_is_not_a_match(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = run(nlp, "Harbour City were Atlantic Cup winners in 2022.")
    assert of_kind(doc, "match") == []


def test_other_kinds(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = _article(nlp)
    assert [e["fields"]["count"] for e in of_kind(doc, "milestone")] == [100]
    ms = of_kind(doc, "milestone")[0]["fields"]
    assert (ms["age"], ms["record"], ms["previous_holder"]) == ("21y40d", "youngest", "player:hugo-marsh")
    shirt = of_kind(doc, "shirt_exchange")[0]["fields"]
    assert (shirt["giver"], shirt["receiver"], shirt["via"], shirt["mutual"]) == (
        "player:tomas-verhoek", "player:sami-kallio", "player:pablo-ruiz", True)
    injuries = {(e["fields"]["player"], e["fields"]["injury"], e["fields"]["status"])
                for e in of_kind(doc, "injury")}
    assert injuries == {("player:ade-okonjo", "hamstring", "recovered"),
                        ("player:luca-ferrand", "knee", "doubt")}
    assert ("coach:olaf-brenner", "club:northbridge-united", "head_coach") in {
        (e["fields"]["person"], e["fields"]["team"], e["fields"]["role"]) for e in of_kind(doc, "role")}
    fx = of_kind(doc, "fixture")[0]
    assert (fx["fields"]["home"], fx["fields"]["away"], fx["date"]) == (
        "club:eastvale", "club:northbridge-united", "2025-03-15")
    assert ("club:northbridge-united", 12) in {(e["fields"]["team"], e["fields"]["position"])
                                              for e in of_kind(doc, "standing")}


def test_rule_only_pipeline_degrades_gracefully(blank_nlp) -> None:  # type: ignore[no-untyped-def]
    doc = _article(blank_nlp)
    assert all(0 <= e["confidence"] <= 1 for e in doc._.tl_events)
    assert of_kind(doc, "match")


def test_bytes_round_trip_keeps_events(nlp) -> None:  # type: ignore[no-untyped-def]
    from spacy.tokens import Doc

    doc = _article(nlp)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.tl_events == doc._.tl_events
