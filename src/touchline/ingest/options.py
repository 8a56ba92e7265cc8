"""Options shared by every reader, gathered in one object."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class IngestOptions:
    published: date | None = None  # --date: for inputs that carry no date of their own
    source: str | None = None  # --source: overrides the source name
    # A text or HTML file, one JSON line, one feed entry: larger is skipped unread.
    max_file_bytes: int = 5 * 1024 * 1024
    max_article_chars: int = 100_000  # longer article texts are skipped before analysis
    debug: bool = False  # log the traceback of an unexpected error in a reader
