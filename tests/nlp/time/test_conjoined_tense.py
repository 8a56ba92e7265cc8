"""Conjoined verbs share their auxiliary's tense (own sentences)."""

from __future__ import annotations

from spacy.language import Language


def test_second_verb_of_a_future_pair_looks_ahead(full_nlp: Language) -> None:
    nlp = full_nlp
    doc = nlp.make_doc("Castelmar will open the season on 4 September and close it on 12 March at home.")
    doc._.dct = "2025-06-01"
    values = {t["text"]: t["value"] for t in nlp(doc)._.tl_timexes}
    assert values == {"4 September": "2025-09-04", "12 March": "2026-03-12"}


def test_second_verb_of_a_past_pair_looks_back(full_nlp: Language) -> None:
    nlp = full_nlp
    doc = nlp.make_doc("Castelmar opened the season on 4 September and closed it on 12 March at home.")
    doc._.dct = "2025-06-01"
    values = {t["text"]: t["value"] for t in nlp(doc)._.tl_timexes}
    assert values == {"4 September": "2024-09-04", "12 March": "2025-03-12"}
