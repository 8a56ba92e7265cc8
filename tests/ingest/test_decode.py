"""Encodings: byte-order marks, cp1252 before charset-normalizer's guess, uncertain guesses noted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from touchline.ingest import IngestOptions, read_inputs
from touchline.ingest.decode import Undecodable, decode_bytes
from touchline.model import Article, Note, Skip

WESTERN = "Rovers paid £5m for Arsène Brandt – a “record” fee – and the fans sang “Allez”."


def read(path: Path) -> tuple[list[Article], list[Skip], list[Note]]:
    items = list(read_inputs([str(path)], IngestOptions()))
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Skip)],
            [i for i in items if isinstance(i, Note)])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_decoded(tmp_path: Path, encoding: str) -> None:
    f = tmp_path / "a.txt"
    data = f" date 2025-03-09\n{WESTERN}".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    f.write_bytes(data)
    [art], skips, notes = read(f)
    assert not skips and not notes
    assert art.text == WESTERN and art.published is not None


def test_utf16_json_lines_are_read_line_by_line(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    lines = [json.dumps({"text": WESTERN}, ensure_ascii=False), "{bad",
             json.dumps({"text": "Castelmar won."})]
    f.write_bytes("\n".join(lines).encode("utf-16"))
    arts, [skip], _ = read(f)
    assert [a.text for a in arts] == [WESTERN, "Castelmar won."]
    assert skip.line == 2


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_western_bytes_are_read_as_cp1252_not_a_central_european_code_page(encoding: str) -> None:
    # charset-normalizer alone reads this short text as cp1250 ("Arsčne") or cp850 ("ú5m").
    text = "Arsène Wenger said Rovers paid £5m for the striker on Tuesday."
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text and decoded.encoding == "cp1252" and decoded.note is None


def test_cp1252_typography_is_not_read_as_latin1_control_characters() -> None:
    decoded = decode_bytes(WESTERN.encode("cp1252"))
    assert decoded.text == WESTERN
    assert not any(0x80 <= ord(c) <= 0x9F for c in decoded.text)


def test_an_uncertain_guess_is_stored_with_a_note(tmp_path: Path) -> None:
    f = tmp_path / "legia.txt"
    text = "Legia pokonała Lecha 2:1 w sobotę. Trener był zadowolony z gry zespołu, mówił Łukasz."
    f.write_bytes(f" date 2025-03-09\n{text}".encode("cp1250"))
    [art], skips, [note] = read(f)
    assert not skips
    assert art.text == text  # the guess happens to be right here; it is stored either way
    assert str(note) == f"NOTE {f}: decoded as cp1250 (uncertain)"


def test_a_confident_guess_needs_no_note() -> None:
    text = "Спартак обыграл ЦСКА со счётом 2:1 в субботу. Главный тренер был доволен игрой команды."
    decoded = decode_bytes(text.encode("cp1251"))
    assert decoded.text == text and decoded.note is None


def test_bytes_after_a_bom_that_do_not_decode_are_refused() -> None:
    with pytest.raises(Undecodable, match="not utf-16"):
        decode_bytes(b"\xff\xfe" + "Rovers won".encode("utf-16-le") + b"\x00\xd8")


def test_binary_is_still_refused() -> None:
    with pytest.raises(Undecodable, match="binary"):
        decode_bytes(bytes(range(256)) * 4)
