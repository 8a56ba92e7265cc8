"""The web page's HTML (no browser needed): escaping of article text, links made only of
http(s) URLs, the highlight pieces, a strict Content-Security-Policy, /docs without a CDN,
and pages that work on an empty knowledge base."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from touchline import KnowledgeBase
from touchline.serve.app import create_app
from touchline.serve.web import pieces, safe_url, short_source


@pytest.fixture(scope="module")
def client(demo_db: str) -> Iterator[TestClient]:
    with KnowledgeBase(demo_db) as kb:
        yield TestClient(create_app(kb))


def test_crafted_article_is_escaped(client: TestClient, crafted_id: str) -> None:
    r = client.get(f"/article/{crafted_id}")
    assert r.status_code == 200
    html = r.text
    for raw in ("<script>window.__xss", "<img src=x", "<iframe", "<style>body", "</textarea></title>",
                'href="javascript:', "onerror=\"window", "<script>alert('source')"):
        assert raw not in html, raw
    assert "&lt;script&gt;window.__xss = 1; alert(&#39;script&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(&#39;title&#39;)&gt;" in html  # the title
    assert not re.search(r"""href=["']\s*javascript:""", html, re.I)
    # the only scripts are our own file
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/app.js" defer>']
    assert ">original<" not in html  # its javascript: URL made no link


def test_pages_send_a_strict_content_security_policy(client: TestClient) -> None:
    for url in ("/", "/search?q=final", "/entity/club:real-madrid"):
        csp = client.get(url).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "default-src 'self'" in csp


def test_api_docs_load_nothing_from_the_network(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "SwaggerUIBundle" in html
    assert not re.search(r"""(src|href)=["']https?://""", html)
    assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "touchline"


def test_safe_url_keeps_only_http_links() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>", "vbscript:x", "//evil",
                "http:/nohost", "", None, "http://[::1"):
        assert safe_url(bad) is None, bad
    assert short_source("examples/articles/2024-05-21-slot-appointed.txt") == "2024-05-21-slot-appointed.txt"
    assert short_source("https://news.example.org/a/b") == "news.example.org"


def test_pieces_cut_the_text_and_link_the_innermost_span() -> None:
    text = "Northbridge United beat Castlemoor on Saturday."
    spans = [
        {"type": "event", "start": 0, "end": 47, "event": "match:1", "label": "match", "value": "N 2-1 C"},
        {"type": "entity", "start": 0, "end": 18, "entity": {"id": "club:northbridge-united", "kind": "club",
                                                              "name": "Northbridge United"}},
        {"type": "timex", "start": 38, "end": 46, "label": "DATE", "value": "2019-03-02"},
    ]
    out = pieces(text, spans, target=(24, 34))
    assert "".join(p["text"] for p in out) == text
    assert [(p["text"], p["href"]) for p in out] == [
        ("Northbridge United", "/entity/club:northbridge-united"),
        (" beat ", "#event-match:1"),
        ("Castlemoor", "#event-match:1"),
        (" on ", "#event-match:1"),
        ("Saturday", "#event-match:1"),
        (".", "#event-match:1"),
    ]
    assert [p["anchor"] for p in out] == [False, False, True, False, False, False]
    assert out[4]["classes"] == "hl-event hl-timex" and out[4]["title"] == "DATE 2019-03-02"


def test_unknown_and_ambiguous_pages_say_so(client: TestClient) -> None:
    r = client.get("/entity/Júnior")
    assert r.status_code == 409 and "Vinícius Júnior" in r.text and "Dorival Júnior" in r.text
    r = client.get("/entity/Bellingam")
    assert r.status_code == 404 and "Jude Bellingham" in r.text  # a candidate by spelling
    assert client.get("/article/nope").status_code == 404
    assert client.get("/story/nope").status_code == 404
    assert client.get("/search", params={"q": "%%"}).status_code == 400
    assert client.get("/entity/club:real-madrid", params={"as_of": "not-a-day"}).status_code == 200


def test_story_page_groups_its_articles(client: TestClient) -> None:
    story = client.get("/api/articles", params={"q": "", "limit": 500}).json()["items"]
    with_story = next(a for a in story if a["story"] and a["duplicate_of"])  # the syndicated copy's story
    html = client.get(f"/story/{with_story['story']}").text
    assert html.count('href="/article/') >= 2


def test_pages_work_on_an_empty_knowledge_base(tmp_path: Path) -> None:
    with KnowledgeBase(str(tmp_path / "empty.db")) as kb:
        c = TestClient(create_app(kb))
        for url in ("/", "/search?q=anything", "/api/stats", "/api/entities", "/api/matches", "/api/stories",
                    "/api/search?q=goal"):
            assert c.get(url).status_code == 200, url
        assert c.get("/entity/Anyone").status_code == 404
