"""Each input form becomes Articles; each bad input becomes one Skip with a reason."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from touchline.ingest import IngestOptions, read_inputs
from touchline.model import Article, Skip

OPTS = IngestOptions()


def read(*paths: Path | str, opts: IngestOptions = OPTS) -> tuple[list[Article], list[Skip]]:
    items = list(read_inputs([str(p) for p in paths], opts))
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Skip)])


def test_seed_form_takes_date_from_first_line(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(" date 2024-11-28 Rovers won 2-0 at Harrow Lane.\n\nA second paragraph.", encoding="utf-8")
    [art], skips = read(f)
    assert not skips
    assert art.published == date(2024, 11, 28)
    assert art.text.startswith("Rovers won 2-0")
    assert art.source == str(f)


def test_seed_form_is_lenient_about_space_case_and_colon(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Date: 2025-01-02\nCastelmar drew 1-1.", encoding="utf-8")
    [art], _ = read(f)
    assert art.published == date(2025, 1, 2)
    assert art.text == "Castelmar drew 1-1."


def test_plain_text_without_date_uses_option_or_stays_unknown(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Rovers drew 0-0 with Castelmar.", encoding="utf-8")
    [unknown], _ = read(f)
    assert unknown.published is None
    [dated], _ = read(f, opts=IngestOptions(published=date(2025, 2, 1)))
    assert dated.published == date(2025, 2, 1)


def test_same_text_same_id_whatever_whitespace(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(" date 2025-01-01 Rovers won.  Castelmar lost.", encoding="utf-8")
    b.write_text(" date 2025-01-01\nRovers won.\nCastelmar lost.\n", encoding="utf-8")
    (x, y), _ = read(a, b)
    assert x.id == y.id and len(x.id) == 16


def test_jsonl_reads_fields_and_skips_bad_lines_with_line_numbers(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": "Rovers won 1-0.", "published": "2025-04-05", "title": "Win",
                    "url": "https://example.org/1", "source": "Example"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "Castelmar lost.", "date": "2025-02-30"}),
        json.dumps({"text": "Castelmar lost again.", "date": "2025-03-01T18:00:00Z", "id": "x9"}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, skips = read(f)
    assert [a.text for a in arts] == ["Rovers won 1-0.", "Castelmar lost again."]
    assert arts[0].title == "Win" and arts[0].url == "https://example.org/1" and arts[0].source == "Example"
    assert arts[1].published == date(2025, 3, 1) and arts[1].url == "x9"
    assert [s.line for s in skips] == [2, 3, 4, 5]
    assert "impossible date" in skips[3].reason
    assert str(skips[0]).startswith(f"SKIP {f}:2: malformed JSON")


def test_html_main_text_title_and_date(tmp_path: Path) -> None:
    body = " ".join(["Northbridge Rovers beat Castelmar 2-1 at Harrow Lane on Saturday."] * 4)
    f = tmp_path / "page.html"
    f.write_text(f"""<!DOCTYPE html><html><head><title>Rovers edge Castelmar</title>
<meta name="date" content="2025-03-09"></head><body><nav>Home | Fixtures | Shop</nav>
<article><h1>Rovers edge Castelmar</h1><p>{body}</p><p>{body}</p></article>
<footer>Copyright Example Sports</footer></body></html>""", encoding="utf-8")
    [art], skips = read(f)
    assert not skips
    assert "Northbridge Rovers beat Castelmar" in art.text
    assert "Fixtures | Shop" not in art.text
    assert art.title == "Rovers edge Castelmar"
    assert art.published == date(2025, 3, 9)


def test_rss_and_atom_entries_become_articles(tmp_path: Path) -> None:
    rss = tmp_path / "feed.rss"
    rss.write_text("""<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
<item><title>One</title><link>https://example.org/one</link><pubDate>Sat, 08 Mar 2025 18:00:00 GMT</pubDate>
<description>&lt;p&gt;Rovers won 2-0.&lt;/p&gt;&lt;p&gt;Brandt scored twice.&lt;/p&gt;</description></item>
<item><title>Two</title><link>https://example.org/two</link><description>Castelmar lost.</description></item>
</channel></rss>""", encoding="utf-8")
    atom = tmp_path / "feed.atom"
    atom.write_text("""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>News</title><id>urn:x</id><updated>2025-03-10T00:00:00Z</updated>
<entry><title>Three</title><id>urn:3</id><link href="https://example.org/three"/>
<updated>2025-03-10T09:00:00Z</updated><content type="text">Harrow Lane will host the final.</content></entry>
</feed>""", encoding="utf-8")
    arts, skips = read(rss, atom)
    assert not skips
    assert [a.title for a in arts] == ["One", "Two", "Three"]
    assert arts[0].published == date(2025, 3, 8) and arts[1].published is None
    assert "Rovers won 2-0." in arts[0].text and "Brandt scored twice." in arts[0].text
    assert arts[2].url == "https://example.org/three" and arts[2].published == date(2025, 3, 10)


def test_bad_inputs_each_give_one_skip(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 2)
    (tmp_path / "impossible.txt").write_text(" date 2024-02-30 Text.", encoding="utf-8")
    (tmp_path / "big.txt").write_text("x" * 2000, encoding="utf-8")
    (tmp_path / "README.md").write_text("# not an article", encoding="utf-8")
    arts, skips = read(tmp_path, tmp_path / "missing.txt", opts=IngestOptions(max_file_bytes=1000))
    assert arts == []
    reasons = {Path(s.path).name: s.reason for s in skips}
    assert set(reasons) == {"empty.txt", "binary.bin", "impossible.txt", "big.txt", "missing.txt"}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.bin"].startswith("binary file")
    assert "impossible date" in reasons["impossible.txt"]
    assert "too large" in reasons["big.txt"]
    assert reasons["missing.txt"] == "no such file or directory"


def test_non_utf8_text_is_decoded_by_detection(tmp_path: Path) -> None:
    f = tmp_path / "latin.txt"
    text = " date 2025-01-05 Atlético and Málaga met at the Estádio in São Paulo. " * 3
    f.write_bytes(text.encode("cp1252"))
    [art], skips = read(f)
    assert not skips
    assert "Atlético" in art.text and "Málaga" in art.text
