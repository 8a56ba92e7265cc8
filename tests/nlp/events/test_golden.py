"""Golden files: our own invented articles through the full touchline pipeline, every event compared.

Each ``golden/<name>.txt`` (seed form: a ``date`` line, then the body) has a
``golden/<name>.json`` holding the complete list of events expected from it, with
entities by name instead of id.  Confidences and spans are checked for sanity only.
Regenerate a file after checking the output by eye with
``python tests/nlp/events/test_golden.py <name>``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from touchline.nlp.pipeline import build_pipeline

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.json"))


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return build_pipeline()


def extract(nlp: Language, text: str) -> list[dict[str, Any]]:
    """The events of one seed-form article, entities by name, in a stable order."""
    m = re.match(r"^ ?date (\S+)\s+", text)
    dct = m.group(1) if m else None
    doc = nlp.make_doc(text[m.end():] if m else text)
    doc._.dct = dct
    doc = nlp(doc)
    names = {e["id"]: e["name"] for e in doc._.tl_entities or []}

    def name(v: Any) -> Any:
        if isinstance(v, str):
            return names.get(v, v)
        if isinstance(v, dict):
            return {k: name(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [name(x) for x in v]
        return v

    out = []
    for ev in doc._.tl_events:
        assert 0 < ev["confidence"] <= 1 and ev["sources"], ev
        fields = name(ev["fields"])
        if "scorers" in fields:
            fields["scorers"] = sorted(fields["scorers"], key=lambda s: str(s.get("player")))
        out.append({"kind": ev["kind"], "date": ev["date"], "fields": fields})
    return sorted(out, key=lambda e: json.dumps(e, sort_keys=True))


@pytest.mark.parametrize("case", CASES)
def test_golden_article(full_nlp: Language, case: str) -> None:
    text = (GOLDEN / f"{case}.txt").read_text(encoding="utf-8")
    expected = json.loads((GOLDEN / f"{case}.json").read_text(encoding="utf-8"))
    assert extract(full_nlp, text) == expected


if __name__ == "__main__":
    nlp = build_pipeline()
    for case in sys.argv[1:]:
        got = extract(nlp, (GOLDEN / f"{case}.txt").read_text(encoding="utf-8"))
        (GOLDEN / f"{case}.json").write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
        print(json.dumps(got, indent=1, ensure_ascii=False))
