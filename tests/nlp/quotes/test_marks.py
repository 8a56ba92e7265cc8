"""Quote-mark pairing on characters alone."""

from __future__ import annotations

from touchline.nlp.quotes.marks import find_quote_spans


def texts(text: str) -> list[str]:
    return [q.joined(text) for q in find_quote_spans(text)]


def test_curly_marks() -> None:
    assert texts("He said: “We were poor.” Then he left.") == ["We were poor."]


def test_straight_marks() -> None:
    assert texts('"We were poor," said Ivo Brandt. "Very poor."') == ["We were poor,", "Very poor."]


def test_mixed_styles_pair_by_role() -> None:
    # A curly opening mark closed by a straight one, as copy-editing leaves them.
    assert texts('“We were poor," said Ivo Brandt.') == ["We were poor,"]


def test_apostrophes_are_not_marks() -> None:
    text = "“We didn’t play well and the players’ legs went,” Brandt said."
    assert texts(text) == ["We didn’t play well and the players’ legs went,"]


def test_nested_single_marks_stay_inside() -> None:
    text = "“He told me ‘keep going’ and I did,” Brandt said."
    assert texts(text) == ["He told me ‘keep going’ and I did,"]


def test_british_single_marks() -> None:
    text = "‘We were poor,’ said Ivo Brandt. ‘The players know it.’"
    assert texts(text) == ["We were poor,", "The players know it."]


def test_multi_paragraph_quote_is_one_span() -> None:
    text = "Brandt said: “First part.\n\n“Second part.\n\n“Third part.”\n\nNext story."
    spans = find_quote_spans(text)
    assert len(spans) == 1
    assert len(spans[0].segments) == 3
    assert spans[0].joined(text) == "First part.\nSecond part.\nThird part."
    assert spans[0].text(text) == text[spans[0].start:spans[0].end]
    assert text[spans[0].start:spans[0].end].startswith("First part.")
    assert text[spans[0].start:spans[0].end].endswith("Third part.")


def test_reopened_quote_on_one_line_is_one_span() -> None:
    # Paragraph breaks lost when text was flattened: an opening mark while a quote is open.
    text = 'Brandt said: "First part. "Second part." Then he left.'
    spans = find_quote_spans(text)
    assert [s.joined(text) for s in spans] == ["First part. Second part."]


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "Brandt said: “We were poor\n\nThe next match is on Sunday."
    spans = find_quote_spans(text)
    assert [s.joined(text) for s in spans] == ["We were poor"]
    assert spans[0].close_mark is None


def test_stray_closing_mark_is_ignored() -> None:
    assert texts("It ended 2-0” and fans left.") == []
