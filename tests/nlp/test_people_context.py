"""People in one article: junk cut off names, kinds and roles from the context, one id per person.

The pretrained pipeline and touchline's components run on sentences of our own with
invented people; nothing is mocked.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.language import Language

from touchline.nlp import people_context
from touchline.nlp.entities import EntityLinker
from touchline.nlp.entity_facts import Article, Mention
from touchline.nlp.pipeline import build_pipeline


@lru_cache(maxsize=1)
def full_pipeline() -> Language:
    return build_pipeline()


def people(text: str) -> list[dict[str, Any]]:
    doc = full_pipeline()(text)
    return [m for m in doc._.tl_mentions if m["kind"] in ("player", "coach", "person")]


def entity(text: str, eid: str) -> dict[str, Any]:
    doc = full_pipeline()(text)
    return next(e for e in doc._.tl_entities if e["id"] == eid)


def test_a_name_glued_to_a_dash_and_a_pronoun_is_cut() -> None:
    nlp = full_pipeline()
    doc = nlp("Harbour Athletic were beaten again on Saturday and Ivo Brandt - he was furious - left early.")
    linker: EntityLinker = nlp.get_pipe("tl_entities")  # type: ignore[assignment]
    art = Article(doc, linker.data, None)
    start = next(t.i for t in doc if t.text == "Ivo")
    end = next(t.i for t in doc if t.text == "was")  # the span a careless NER returns
    art.new_entity("person:ivo-brandt-he", "person", doc[start:end].text, {})
    art.add(start, end, "person", "person:ivo-brandt-he", 0.7, "ner")
    people_context.clean_names(art)
    [m] = [m for m in art.mentions if m.kind == "person"]
    assert doc[m.start:m.end].text == "Ivo Brandt"
    assert m.entity == "person:ivo-brandt"


def test_a_list_of_surnames_is_no_persons_name() -> None:
    nlp = full_pipeline()
    doc = nlp("Coles, Brandt and Falk all trained on Friday.")
    linker: EntityLinker = nlp.get_pipe("tl_entities")  # type: ignore[assignment]
    art = Article(doc, linker.data, None)
    art.new_entity("person:coles-brandt", "person", "Coles, Brandt", {})
    art.mentions.append(Mention(0, 3, "person", "person:coles-brandt", 0.7, "ner"))
    people_context.clean_names(art)
    assert not [m for m in art.mentions if m.entity == "person:coles-brandt"]


def test_a_title_before_the_name_types_the_person_and_gives_the_club() -> None:
    text = "Harbour Athletic vice-chairman Ana Lopes confirmed the sale of the training ground."
    [m] = [m for m in people(text) if m["text"] == "Ana Lopes"]
    stated = entity(text, m["entity"])["attrs"]["stated"]
    assert stated["role"] == "vice_chairman"
    assert stated["club"] == "club:harbour-athletic"


def test_a_title_after_the_name_types_the_person() -> None:
    text = ("Ivo Brandt, the Harbour Athletic boss, was sent to the stands in the second half "
            "after a row with the fourth official.")
    [m] = [m for m in people(text) if m["text"] == "Ivo Brandt"]
    assert m["kind"] == "coach"
    assert entity(text, m["entity"])["attrs"]["stated"]["team"] == "club:harbour-athletic"


def test_one_person_one_id_however_the_article_names_them() -> None:
    text = ("Kestrel Rovers manager Sir Alan Hartigan has signed a new contract. "
            "Alan Hartigan joined the club in 2016. Hartigan said he was delighted.")
    ids = {m["entity"] for m in people(text) if "Hartigan" in m["text"]}
    assert len(ids) == 1 and None not in ids


def test_a_surname_without_its_accents_is_the_one_person_of_the_article() -> None:
    text = ("Harbour Athletic have signed Jörg Kästner from Kestrel Rovers. "
            "Kastner scored 20 goals last season.")
    found = {m["text"]: m["entity"] for m in people(text)}
    assert found["Kastner"] == found["Jörg Kästner"] is not None


def test_two_spellings_of_a_given_name_are_one_person() -> None:
    text = ("Kestrel Rovers captain Steve Brandt has signed a new deal. Steven Brandt joined the club "
            "in 2015 and Brandt said he never wanted to leave.")
    ids = {m["entity"] for m in people(text) if "Brandt" in m["text"]}
    assert len(ids) == 1 and None not in ids


def test_a_word_of_praise_before_a_surname_is_no_first_name() -> None:
    text = ("Nico Falk scored twice for Kestrel Rovers on Saturday. Matchwinner Falk said the team "
            "had worked hard all week.")
    found = {m["text"]: m["entity"] for m in people(text)}
    assert found["Falk"] == found["Nico Falk"]
    assert "Matchwinner Falk" not in found


def test_a_shared_surname_is_nobodys_for_sure() -> None:
    text = ("Kestrel Rovers skipper Roy Brandt is back in the squad, and so is his namesake Ivo Brandt. "
            "Brandt was rested last month.")
    found = [m for m in people(text) if m["text"] == "Brandt"]
    assert found and all(m["entity"] is None for m in found)
