"""One test per kind of bad input of issue 13: each ends in articles or one Skip, never an exception.

Inputs are built in the tests.  These tests read through ``read_inputs`` (the
reading half of ingest); tests/test_ingest_isolation.py runs the whole ingest.
"""

from __future__ import annotations

import json
import os
import socket
from datetime import date
from pathlib import Path

import pytest

from touchline.ingest import IngestOptions, read_inputs
from touchline.model import Article, Note, Skip

OPTS = IngestOptions()
REPORT = ("Northbridge Rovers beat Castelmar {n}-1 at Harrow Lane on Saturday, "
          "Elio Brandt scoring twice for the hosts.")


def read(*paths: Path | str, opts: IngestOptions = OPTS) -> tuple[list[Article], list[Skip], list[Note]]:
    items = list(read_inputs([os.fspath(p) for p in paths], opts))
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Skip)],
            [i for i in items if isinstance(i, Note)])


def jsonl(path: Path, *records: object) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_lone_surrogate_in_a_json_line_skips_that_line_only(tmp_path: Path) -> None:
    f = jsonl(tmp_path / "a.jsonl", {"text": REPORT.format(n=1)},
              '{"text": "Rovers drew \\ud800 with Castelmar."}',
              '{"text": "Castelmar lost.", "title": "Bad \\udfff title"}',
              {"text": REPORT.format(n=2)})
    arts, skips, _ = read(f)
    assert [a.origin for a in arts] == [(str(f), 1), (str(f), 4)]
    assert [(s.line, s.reason.split(" (")[0]) for s in skips] == [
        (2, "text holds an unpaired surrogate"), (3, "title holds an unpaired surrogate")]


def test_file_name_with_undecodable_bytes_is_read_and_shown_escaped(tmp_path: Path) -> None:
    name = os.fsdecode(os.path.join(os.fsencode(tmp_path), b"caf\xe9-report.txt"))
    Path(name).write_text(" date 2025-03-09 " + REPORT.format(n=3), encoding="utf-8")
    [art], skips, _ = read(tmp_path)
    assert not skips
    assert art.source == str(tmp_path / "caf\\xe9-report.txt")
    art.source.encode("utf-8")  # storable: no surrogates left


def test_published_date_outside_the_calendar_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text(" date 0001-01-01 " + REPORT.format(n=1), encoding="utf-8")
    f = jsonl(tmp_path / "b.jsonl", {"text": REPORT.format(n=2), "published": "9999-12-31"},
              {"text": REPORT.format(n=3), "published": "2025-03-09"})
    arts, skips, _ = read(tmp_path / "old.txt", f)
    assert [a.published for a in arts] == [date(2025, 3, 9)]
    assert len(skips) == 2 and all("outside the range touchline handles" in s.reason for s in skips)


def test_article_over_the_character_limit_is_skipped_with_the_limit_named(tmp_path: Path) -> None:
    # One 1.2 MB line: under the 5 MB file limit, over spaCy's 1,000,000 characters.
    (tmp_path / "long.txt").write_text(" date 2025-03-09 " + "Rovers won again. " * 70_000, encoding="utf-8")
    f = jsonl(tmp_path / "c.jsonl", {"text": "Castelmar lost. " * 10_000}, {"text": REPORT.format(n=1)})
    arts, skips, _ = read(tmp_path / "long.txt", f)
    assert len(arts) == 1
    assert [s.line for s in skips] == [None, 1]
    assert all("article too long" in s.reason and "limit 100000" in s.reason for s in skips)


@pytest.mark.parametrize(("value", "kind"), [(["a", "b"], "a list"), ({"a": 1}, "an object"),
                                             (True, "true/false")])
def test_json_source_that_is_not_a_string_is_skipped(tmp_path: Path, value: object, kind: str) -> None:
    f = jsonl(tmp_path / "d.jsonl", {"text": REPORT.format(n=1), "source": value},
              {"text": REPORT.format(n=2)})
    arts, [skip], _ = read(f)
    assert len(arts) == 1
    assert skip.line == 1 and skip.reason == f"'source' must be a string, not {kind}"


def test_nul_character_inside_the_text_is_skipped(tmp_path: Path) -> None:
    # Past the 8 KB a binary sniff looks at, and as a JSON escape.
    (tmp_path / "nul.txt").write_text(" date 2025-03-09 " + "Rovers won. " * 1000 + "\x00 and lost.",
                                      encoding="utf-8")
    f = jsonl(tmp_path / "e.jsonl", {"text": "Rovers \u0000 drew."}, {"text": REPORT.format(n=1)})
    arts, skips, _ = read(tmp_path / "nul.txt", f)
    assert len(arts) == 1
    assert len(skips) == 2 and all("NUL character" in s.reason for s in skips)


@pytest.mark.timeout(30)
def test_fifo_in_a_directory_is_skipped_without_hanging(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT.format(n=1), encoding="utf-8")
    os.mkfifo(tmp_path / "b-pipe.txt")
    (tmp_path / "c.txt").write_text(REPORT.format(n=2), encoding="utf-8")
    arts, [skip], _ = read(tmp_path)
    assert len(arts) == 2
    assert skip.path == str(tmp_path / "b-pipe.txt")
    assert skip.reason == "a named pipe (FIFO), not a regular file: skipped"
    # Named directly, too.
    _, [direct], _ = read(tmp_path / "b-pipe.txt")
    assert direct.reason == skip.reason


@pytest.mark.timeout(30)
def test_socket_device_and_broken_link_in_a_directory_are_skipped(tmp_path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock"))
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    (tmp_path / "null").symlink_to("/dev/null")
    (tmp_path / "ok.txt").write_text(REPORT.format(n=1), encoding="utf-8")
    try:
        arts, skips, _ = read(tmp_path)
    finally:
        server.close()
    assert len(arts) == 1
    assert {Path(s.path).name: s.reason for s in skips} == {
        "dangling": "broken symbolic link",
        "null": "a device, not a regular file: skipped",
        "sock": "a socket, not a regular file: skipped",
    }


def test_json_lines_file_over_the_size_limit_is_read_as_a_stream(tmp_path: Path) -> None:
    # 25 MB of 10,000 articles: the 5 MB limit belongs to each line, not the file.
    f = tmp_path / "big.jsonl"
    with f.open("w", encoding="utf-8") as out:
        for i in range(10_000):
            padding = " ".join(f"Paragraph {i}-{k} of the report." for k in range(80))
            out.write(json.dumps({"text": f"{REPORT.format(n=i)} {padding}", "id": i}) + "\n")
    assert f.stat().st_size > 25_000_000
    count = skips = 0
    for item in read_inputs([str(f)], OPTS):
        count += isinstance(item, Article)
        skips += isinstance(item, Skip)
    assert (count, skips) == (10_000, 0)


def test_json_line_over_the_size_limit_skips_that_line_only(tmp_path: Path) -> None:
    f = jsonl(tmp_path / "f.jsonl", {"text": REPORT.format(n=1)}, {"text": "x" * 5000},
              {"text": REPORT.format(n=2)})
    arts, [skip], _ = read(f, opts=IngestOptions(max_file_bytes=1000))
    assert len(arts) == 2
    assert skip.line == 2 and skip.reason.startswith("line too long")


def test_feed_over_the_size_limit_is_read_entry_by_entry(tmp_path: Path) -> None:
    items = "".join(f"<item><title>Report {i}</title><link>https://example.org/{i}</link>"
                    f"<pubDate>Sat, 08 Mar 2025 18:00:00 GMT</pubDate>"
                    f"<description>{REPORT.format(n=i)}</description></item>" for i in range(40))
    huge = f"<item><title>Huge</title><description>{'Rovers won. ' * 500}</description></item>"
    f = tmp_path / "news.rss"
    f.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>{items}{huge}'
                 "</channel></rss>", encoding="utf-8")
    opts = IngestOptions(max_file_bytes=3000)
    assert f.stat().st_size > 3000
    arts, [skip], _ = read(f, opts=opts)
    assert len(arts) == 40
    assert arts[0].title == "Report 0" and arts[0].published == date(2025, 3, 8)
    assert skip.path == f"{f}#41" and skip.reason.startswith("feed entry too large")


def test_atom_feed_over_the_limit_is_read_entry_by_entry(tmp_path: Path) -> None:
    entries = "".join(f"<entry><title>T{i}</title><id>urn:{i}</id><updated>2025-03-10T09:00:00Z</updated>"
                      f'<content type="text">{REPORT.format(n=i)}</content></entry>' for i in range(30))
    f = tmp_path / "news.atom"
    f.write_text(f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                 f"<title>News</title>{entries}</feed>", encoding="utf-8")
    arts, skips, _ = read(f, opts=IngestOptions(max_file_bytes=1000))
    assert not skips
    assert [a.title for a in arts][:2] == ["T0", "T1"] and len(arts) == 30
    assert arts[0].published == date(2025, 3, 10)


def test_feed_that_breaks_off_keeps_the_entries_before(tmp_path: Path) -> None:
    items = "".join(f"<item><title>R{i}</title><description>{REPORT.format(n=i)}</description></item>"
                    for i in range(20))
    f = tmp_path / "cut.rss"
    f.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel>{items}<item><title>R20</title',
                 encoding="utf-8")
    arts, [skip], _ = read(f, opts=IngestOptions(max_file_bytes=500))
    assert len(arts) == 20
    assert skip.path == str(f) and "not well-formed XML" in skip.reason


def test_file_names_cannot_forge_skip_lines(tmp_path: Path) -> None:
    for name in ("evil\nSKIP fake.txt: forged", "bell\x1b[31mred\x07", "rtl\u202etxt.exe"):
        (tmp_path / name).write_bytes(b"")
    _, skips, _ = read(tmp_path)
    lines = [str(s) for s in skips]
    assert len(lines) == 3
    for line in lines:
        assert line.startswith("SKIP ") and line.endswith(": empty file")
        assert "\n" not in line and "\x1b" not in line and "\x07" not in line and "\u202e" not in line
    assert any("evil\\nSKIP fake.txt: forged" in line for line in lines)
    assert any("bell\\x1b[31mred\\x07" in line for line in lines)


def test_standard_input_read_as_json_lines_stream(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    data = "\n".join([json.dumps({"text": REPORT.format(n=1)}), "{oops",
                      json.dumps({"text": REPORT.format(n=2)})])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    arts, [skip], _ = read("-")
    assert len(arts) == 2 and str(skip) == "SKIP <stdin>:2: malformed JSON (Expecting property name " \
                                          "enclosed in double quotes)"


def test_reader_stops_only_at_its_own_file(tmp_path: Path) -> None:
    # A directory that cannot be listed is one Skip; the files beside it are read.
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text(REPORT.format(n=1), encoding="utf-8")
    (tmp_path / "ok.txt").write_text(REPORT.format(n=2), encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as a user who can read any directory")
        arts, [skip], _ = read(tmp_path)
    finally:
        locked.chmod(0o755)
    assert len(arts) == 1
    assert skip.path == str(locked) and skip.reason.startswith("cannot read directory")
