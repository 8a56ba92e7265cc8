"""Quotes in football articles: who said what, directly, in part, or reported.

Importing this package registers the ``tl_quotes`` spaCy factory.
"""

from __future__ import annotations

from touchline.nlp.quotes.component import QuoteExtractor, find_quotes, make_quotes
from touchline.nlp.quotes.marks import QuoteSpan, find_quote_spans

__all__ = ["QuoteExtractor", "QuoteSpan", "find_quote_spans", "find_quotes", "make_quotes"]
