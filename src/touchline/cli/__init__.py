"""The ``touchline`` command line: a thin layer over :class:`touchline.api.KnowledgeBase`.

``--db`` works before the command (``touchline --db kb.db export``) and after
it (``touchline export --db kb.db``); the one after wins.  Without either,
``TOUCHLINE_DB`` or ``./touchline.db`` is used.

Every failure ends in one line on stderr, ``error: <what and why>``, and a
non-zero exit (2 for a bad option or setting, 1 otherwise), never a traceback;
``-v`` or ``TOUCHLINE_DEBUG=1`` adds the traceback of an unexpected error.
Names and text from the inputs are printed escaped (no newline or terminal
escape sequence gets through).

One module per group of commands, each registering on the one app:
``kb`` (ingest, export, stats), ``events`` (timeline, matches), ``facts``,
``browse`` (quotes, search, entities, articles, stories), ``serve`` (serve, mcp), ``tools`` (timex,
gazetteer import, reference import).
"""

# Imported for the commands they register, in the order --help lists them.
from touchline.cli import kb  # noqa: F401  isort: skip
from touchline.cli import events  # noqa: F401  isort: skip
from touchline.cli import facts  # noqa: F401  isort: skip
from touchline.cli import browse  # noqa: F401  isort: skip
from touchline.cli import serve  # noqa: F401  isort: skip
from touchline.cli import tools  # noqa: F401  isort: skip
from touchline.cli.app import app, fail, main

__all__ = ["app", "fail", "main"]
