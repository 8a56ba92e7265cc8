"""Ingest: read articles from text, JSON Lines, HTML and feeds, one at a time."""

from touchline.ingest.dedup import NearDuplicateIndex, signature
from touchline.ingest.discover import read_inputs
from touchline.ingest.ids import make_article, normalise_text, parse_date
from touchline.ingest.options import IngestOptions

__all__ = ["IngestOptions", "NearDuplicateIndex", "make_article", "normalise_text", "parse_date",
           "read_inputs", "signature"]
