"""The MCP server as an assistant meets it: `touchline mcp` started as a real process and driven
over stdio by the official SDK's own client."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters

TOOLS = {"search", "entity", "timeline", "facts_as_of", "matches", "quotes", "article"}


def run_session(db: str, calls: list[tuple[str, dict[str, Any]]]) -> tuple[set[str], list[dict[str, Any]]]:
    """Start `touchline mcp --db DB`, list its tools and make the calls; the structured results."""

    async def main() -> tuple[set[str], list[dict[str, Any]]]:
        params = StdioServerParameters(command=sys.executable, args=["-m", "touchline", "--db", db, "mcp"])
        async with Client(params, read_timeout_seconds=120) as client:
            names = {t.name for t in (await client.list_tools()).tools}
            results = []
            for name, arguments in calls:
                result = await client.call_tool(name, arguments)
                assert not result.is_error, (name, result.content)
                data = result.structured_content
                assert isinstance(data, dict)
                # the text content an assistant reads says the same
                assert json.loads(result.content[0].text) == data  # type: ignore[union-attr]
                results.append(data)
            return names, results

    return anyio.run(main)


@pytest.fixture(scope="module")
def answers(demo_db: str) -> dict[str, Any]:
    calls = [
        ("search", {"query": "Bellingham", "limit": 3}),
        ("entity", {"name": "Real Madrid", "as_of": "2024-11-28"}),
        ("timeline", {"name": "Jude Bellingham", "kinds": ["match"], "date_from": "2024-01-01"}),
        ("facts_as_of", {"name": "Real Madrid", "day": "2024-11-28"}),
        ("matches", {"team": "Liverpool", "check": "confirmed"}),
        ("quotes", {"contains": "kept going"}),
        ("entity", {"name": "Júnior"}),
        ("timeline", {"name": "Bellingam"}),
        ("facts_as_of", {"name": "Real Madrid", "day": "next week"}),
        ("article", {"article_id": "no-such-article"}),
        ("search", {"query": "%%"}),
        ("timeline", {"name": "Real Madrid", "kinds": ["goal"]}),
    ]
    names, results = run_session(demo_db, calls)
    article_id = results[0]["articles"][0]["article"]["id"]
    _n, (article,) = run_session(demo_db, [("article", {"article_id": article_id})])
    return {"tools": names, "results": results, "article": article}


def test_the_server_offers_the_seven_tools(answers: dict[str, Any]) -> None:
    assert answers["tools"] == TOOLS


def test_results_carry_sources_an_agent_can_cite(answers: dict[str, Any]) -> None:
    search, entity, timeline, facts, matches, quotes = answers["results"][:6]
    assert search["entities"][0]["name"] == "Jude Bellingham"
    assert search["articles"] and search["articles"][0]["snippets"]
    assert entity["id"] == "club:real-madrid"
    coaches = [f["value"]["name"] for f in facts["facts"] if f["relation"] == "head_coach"]
    assert coaches == ["Carlo Ancelotti"]
    cited = facts["facts"][0]["sources"][0]
    assert cited["article"] and cited["published"] and cited["source"] and cited["end"] > cited["start"]
    assert timeline["events"]
    assert all(e["kind"] == "match" and e["date"] >= "2024" for e in timeline["events"])
    assert all(e["sources"] for e in timeline["events"])
    assert matches["matches"] and all(m["check"]["state"] == "confirmed" for m in matches["matches"])
    assert quotes["quotes"][0]["source"]["published"] == "2019-03-02"
    assert quotes["quotes"][0]["speaker_name"]


def test_unknown_or_ambiguous_names_answer_with_candidates(answers: dict[str, Any]) -> None:
    ambiguous, typo, bad_day, no_article, empty, bad_kind = answers["results"][6:]
    assert "names 2 entities" in ambiguous["error"]
    assert {c["name"] for c in ambiguous["candidates"]} == {"Dorival Júnior", "Vinícius Júnior"}
    assert typo["error"] == "no entity named 'Bellingam'"
    assert [c["name"] for c in typo["candidates"]] == ["Jude Bellingham"]
    assert "YYYY-MM-DD" in bad_day["error"]
    assert "no article" in no_article["error"]
    assert "no letters or digits" in empty["error"]
    assert "unknown event kinds ['goal']" in bad_kind["error"]


def test_article_gives_text_and_spans(answers: dict[str, Any]) -> None:
    article = answers["article"]
    assert article["text"] and article["spans"]
    for span in article["spans"]:
        assert article["text"][span["start"]:span["end"]] == span["text"]


def test_readme_client_example_runs(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### MCP server", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    touchline = str(Path(sys.executable).parent / "touchline")
    source = code.group(1).replace('".venv/bin/touchline"', repr(touchline))
    source = source.replace('"demo.db"', repr(demo_db))
    exec(compile(source, "README.md", "exec"), {})
    assert capsys.readouterr().out.strip() == "Carlo Ancelotti"


def test_streamable_http_transport(demo_db: str) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "touchline", "--db", demo_db, "mcp", "--transport", "http",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    async def main() -> dict[str, Any]:
        async with Client(f"http://127.0.0.1:{port}/mcp") as client:
            assert {t.name for t in (await client.list_tools()).tools} == TOOLS
            result = await client.call_tool("facts_as_of", {"name": "Liverpool", "day": "2024-11-28"})
            data = result.structured_content
            assert isinstance(data, dict)
            return data

    try:
        deadline = time.monotonic() + 60
        while True:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert proc.poll() is None and time.monotonic() < deadline, "touchline mcp did not start"
            time.sleep(0.3)
        data = anyio.run(main)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert [f["value"]["name"] for f in data["facts"] if f["relation"] == "head_coach"] == ["Arne Slot"]
