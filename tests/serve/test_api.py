"""The REST API on the demo knowledge base: answers with names and sources, clear 4xx JSON,
no stack trace, reads that never write, and POST /api/articles behind a bearer token."""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from touchline import KnowledgeBase
from touchline.serve import ingest as ingest_module
from touchline.serve.app import create_app
from touchline.serve.views import View


@pytest.fixture(scope="module")
def client(demo_db: str) -> Iterator[TestClient]:
    with KnowledgeBase(demo_db) as kb, TestClient(create_app(kb, api_token="")) as c:
        yield c


def assert_source(src: dict, client: TestClient) -> None:
    assert set(src) >= {"article", "source", "published", "start", "end", "text"}
    assert 0 <= src["start"] <= src["end"]
    text = client.get(f"/api/articles/{src['article']}").json()["text"]
    assert text[src["start"]:src["end"]].startswith(src["text"].rstrip("…"))


def test_entity_detail_gives_the_facts_on_a_day_with_sources(client: TestClient) -> None:
    r = client.get("/api/entities/Real Madrid", params={"as_of": "2024-11-28"})
    assert r.status_code == 200
    body = r.json()
    assert body["id"] == "club:real-madrid" and "Los Blancos" in body["aliases"]
    coach = [f for f in body["facts_as_of"]["facts"] if f["relation"] == "head_coach"]
    assert [f["value"]["name"] for f in coach] == ["Carlo Ancelotti"]
    assert coach[0]["sources"]
    assert_source(coach[0]["sources"][0], client)
    assert body["articles"] and all(a["published"] for a in body["articles"])
    # the same through /facts
    facts = client.get("/api/entities/club:real-madrid/facts", params={"as_of": "2024-11-28"}).json()
    assert facts == body["facts_as_of"]


def test_search_entities_by_part_of_a_name(client: TestClient) -> None:
    body = client.get("/api/entities", params={"q": "bellingh"}).json()
    assert [e["name"] for e in body["items"]] == ["Jude Bellingham"]
    clubs = client.get("/api/entities", params={"kind": "club", "limit": 5, "offset": 5}).json()
    assert clubs["total"] > 10 and len(clubs["items"]) == 5
    assert all(e["kind"] == "club" for e in clubs["items"])


def test_timeline_filters_by_date_and_kind(client: TestClient) -> None:
    whole = client.get("/api/entities/Real Madrid/timeline", params={"limit": 500}).json()
    assert whole["total"] > 5
    some = client.get("/api/entities/Real Madrid/timeline",
                      params={"from": "2024-06-01", "to": "2024-12-31", "kind": ["match"]}).json()
    assert some["total"] >= 2
    assert all(e["kind"] == "match" and "2024-06-01" <= e["date"] <= "2024-12-31" for e in some["items"])
    assert some["total"] < whole["total"]
    for event in some["items"]:
        assert event["sources"] and any(x["name"] == "Real Madrid" for x in event["entities"])


def test_matches_carry_the_reference_check(client: TestClient) -> None:
    body = client.get("/api/matches", params={"team": "Liverpool", "check": "confirmed"}).json()
    assert body["total"] >= 1
    for m in body["items"]:
        assert m["check"]["state"] == "confirmed"
        assert m["check"]["reference"]["file"] and m["check"]["reference"]["line"]
        assert "club:liverpool" in (m["detail"]["home"], m["detail"]["away"])
    vs = client.get("/api/matches", params={"team": "Liverpool", "vs": "Manchester City"}).json()
    assert vs["total"] >= 1 and all("2-0" in m["title"] or "0-2" in m["title"] for m in vs["items"])
    assert all({"club:liverpool", "club:manchester-city"} == {m["detail"]["home"], m["detail"]["away"]}
               for m in vs["items"])


def test_article_has_every_extraction_as_spans(client: TestClient) -> None:
    every: set[str] = set()
    full = 0
    for item in client.get("/api/articles", params={"limit": 500}).json()["items"]:
        body = client.get(f"/api/articles/{item['id']}").json()
        types = {s["type"] for s in body["spans"]}
        every |= types
        full += {"entity", "event", "timex"} <= types
        for span in body["spans"]:
            assert body["text"][span["start"]:span["end"]] == span["text"]
            assert span["type"] != "event" or span["event"] in {e["id"] for e in body["events"]}
        linked = [s for s in body["spans"] if s["type"] == "entity" and s["entity"]]
        assert all(s["entity"]["name"] for s in linked)
    assert every == {"entity", "event", "quote", "timex"}
    assert full > 20


def test_quotes_and_stories_and_articles_pages(client: TestClient) -> None:
    quotes = client.get("/api/quotes", params={"contains": "kept going"}).json()
    assert quotes["total"] == 1 and quotes["items"][0]["source"]["published"] == "2019-03-02"
    stories = client.get("/api/stories", params={"limit": 3}).json()
    assert stories["total"] > 10 and len(stories["items"]) == 3
    one = client.get(f"/api/stories/{stories['items'][0]['id']}").json()
    assert one["articles"]
    arts = client.get("/api/articles", params={"from": "2024-07-01", "to": "2024-07-31"}).json()
    assert arts["total"] >= 5 and all(a["published"].startswith("2024-07") for a in arts["items"])


def test_search_finds_words_with_snippets(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "the shoot-out"}).json()
    assert body["articles"]
    for hit in body["articles"]:
        for sn in hit["snippets"]:
            assert sn["match"].lower().replace("-", " ") == "the shoot out"


def test_unknown_and_ambiguous_names_answer_with_candidates(client: TestClient) -> None:
    r = client.get("/api/entities/Bellingam")
    assert r.status_code == 404 and r.json()["error"].startswith("no entity named")
    assert isinstance(r.json()["candidates"], list)
    r = client.get("/api/entities/Júnior/timeline")
    assert r.status_code == 409
    assert {c["name"] for c in r.json()["candidates"]} == {"Dorival Júnior", "Vinícius Júnior"}
    r = client.get("/api/entities/Madri")  # a part of a name: the search's candidates
    assert r.status_code == 404 and any(c["name"] == "Real Madrid" for c in r.json()["candidates"])


@pytest.mark.parametrize(("url", "status"), [
    ("/api/entities/Real Madrid/facts?as_of=yesterday", 422),
    ("/api/entities/Real Madrid/facts", 422),
    ("/api/entities/Real Madrid/timeline?from=2025-01-01&to=2024-01-01", 400),
    ("/api/entities/Real Madrid/timeline?kind=goal", 422),
    ("/api/search?q=%25%25", 400),
    ("/api/search?q=a%00b", 400),
    ("/api/entities?limit=0", 422),
    ("/api/articles/nope", 404),
    ("/api/stories/nope", 404),
    ("/api/no-such-endpoint", 404),
])
def test_bad_requests_get_a_clear_json_4xx(client: TestClient, url: str, status: int) -> None:
    r = client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["error"] and "\n" not in r.json()["error"]


def test_no_stack_trace_reaches_a_client(demo_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("secret internals at /home/x/touchline.py line 12")

    monkeypatch.setattr(View, "search", broken)
    with KnowledgeBase(demo_db) as kb:
        c = TestClient(create_app(kb), raise_server_exceptions=False)
        r = c.get("/api/search", params={"q": "goal"})
    assert r.status_code == 500
    assert r.json() == {"error": "internal error (the server logged it)"}
    assert "Traceback" not in r.text and "secret" not in r.text


def test_read_endpoints_never_write(demo_db: str) -> None:
    with KnowledgeBase(demo_db) as kb:
        before = kb.export()
        c = TestClient(create_app(kb))
        for url in ("/api/stats", "/api/entities?q=madrid", "/api/entities/Real Madrid?as_of=2020-01-01",
                    "/api/entities/Real Madrid/timeline", "/api/matches", "/api/quotes", "/api/stories",
                    "/api/articles", "/api/search?q=final", "/", "/search?q=final",
                    "/entity/club:real-madrid?as_of=2024-01-01"):
            assert c.get(url).status_code == 200, url
        after = kb.export()
    assert after == before


# --- POST /api/articles ---------------------------------------------------------

ARTICLE = {"text": "Northbridge United beat Castlemoor 3-1 at Harrow Lane on Saturday. "
                   "Marta Quill scored twice.",
           "published": "2020-02-01", "title": "Northbridge win"}


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[KnowledgeBase]:
    with KnowledgeBase(str(tmp_path / "kb.db")) as kb:
        yield kb


def test_posting_is_off_without_a_token(fresh: KnowledgeBase) -> None:
    c = TestClient(create_app(fresh, api_token=""))
    r = c.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and "TOUCHLINE_API_TOKEN" in r.json()["error"]
    assert fresh.stats().articles == 0


def test_posting_needs_the_bearer_token(fresh: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOUCHLINE_API_TOKEN", "s3cret-token")
    c = TestClient(create_app(fresh))
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret-token"},
                    {"Authorization": "Bearer s3cret-token-and-more"}):
        r = c.post("/api/articles", json=ARTICLE, headers=headers)
        assert r.status_code in (401, 403), headers
        assert r.json()["error"]
    r = c.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert fresh.stats().articles == 0
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(ingest_module.hmac, "compare_digest", spy)
    r = c.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer s3cret-token"})
    assert r.status_code == 200, r.text
    assert r.json() == {"added": 1, "duplicates": 0, "already_present": 0, "skipped": []}
    assert calls == [(b"s3cret-token", b"s3cret-token")]  # compared in constant time
    found = c.get("/api/articles", params={"from": "2020-02-01", "to": "2020-02-01"}).json()
    assert found["total"] == 1 and found["items"][0]["source"] == "api"


def test_posting_json_lines_reports_each_bad_line(fresh: KnowledgeBase) -> None:
    c = TestClient(create_app(fresh, api_token="t"))
    second = {**ARTICLE, "text": "Castlemoor drew 0-0 with Eastvale at Harrow Lane on Tuesday night.",
              "published": "2020-02-05"}
    body = "\n".join([json.dumps(ARTICLE), "{not json", json.dumps({"title": "no text"}), json.dumps(second)])
    r = c.post("/api/articles", content=body.encode(),
               headers={"Authorization": "Bearer t", "Content-Type": "application/x-ndjson"})
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["added"] == 2
    assert result["skipped"] == ["line 2: malformed JSON (Expecting property name enclosed in double quotes)",
                                 "line 3: no 'text' field"]


@pytest.mark.parametrize(("content", "ctype", "status"), [
    (b"{\"text\": ", "application/json", 400),
    (b"[]", "application/json", 400),
    (b"{\"title\": \"no text\"}", "application/json", 400),
    (b"text", "text/plain", 415),
    (b"", "application/json", 400),
    (b"\xff\xfe", "application/json", 400),
])
def test_bad_bodies_get_a_clear_4xx(fresh: KnowledgeBase, content: bytes, ctype: str, status: int) -> None:
    c = TestClient(create_app(fresh, api_token="t"))
    r = c.post("/api/articles", content=content, headers={"Authorization": "Bearer t", "Content-Type": ctype})
    assert r.status_code == status, r.text
    assert r.json()["error"]
    assert fresh.stats().articles == 0


def test_bodies_over_the_size_limit_are_refused(fresh: KnowledgeBase) -> None:
    c = TestClient(create_app(fresh, api_token="t", max_body=1000))
    big = json.dumps({**ARTICLE, "text": "Northbridge won. " * 200})
    r = c.post("/api/articles", content=big, headers={"Authorization": "Bearer t",
                                                      "Content-Type": "application/json"})
    assert r.status_code == 413 and "limit of 1000 bytes" in r.json()["error"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while read
        for _ in range(20):
            yield b" " * 100

    r = c.post("/api/articles", content=chunks(), headers={"Authorization": "Bearer t",
                                                           "Content-Type": "application/json"})
    assert r.status_code == 413
    assert fresh.stats().articles == 0


def test_the_api_on_postgresql(pg_url: str) -> None:
    examples = Path(__file__).resolve().parents[2] / "examples" / "articles"
    with KnowledgeBase(pg_url) as kb:
        kb.ingest([examples / "2024-05-21-slot-appointed.txt", examples / "2024-12-02-liverpool-man-city.txt",
                   Path(__file__).resolve().parents[1] / "fixtures" / "serve" / "crafted.jsonl"])
        c = TestClient(create_app(kb))
        facts = c.get("/api/entities/Liverpool/facts", params={"as_of": "2024-12-31"}).json()
        assert [f["value"]["name"] for f in facts["facts"] if f["relation"] == "head_coach"] == ["Arne Slot"]
        assert c.get("/api/matches", params={"team": "Liverpool"}).json()["total"] >= 1
        hits = c.get("/api/search", params={"q": "Northbridge"}).json()["articles"]
        body = c.get(f"/api/articles/{hits[0]['article']['id']}").json()
        assert all(body["text"][s["start"]:s["end"]] == s["text"] for s in body["spans"])
        assert c.get("/api/search", params={"q": "a\x00b"}).status_code == 400
        html = c.get(f"/article/{hits[0]['article']['id']}").text
        assert "<script>window.__xss" not in html
