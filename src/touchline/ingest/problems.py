"""Unexpected errors about one input or article, turned into one SKIP line.

Bad input has its own reasons (raised as BadArticle, Undecodable, OSError);
anything else is a defect in touchline met on this input.  It costs that input
only: the run goes on, the SKIP line names the error, and with debug on
(``-v`` or ``TOUCHLINE_DEBUG=1``) the traceback is logged so it can be fixed.
"""

from __future__ import annotations

import logging

from touchline.model import Skip

logger = logging.getLogger("touchline")

DEBUG_HINT = "run with -v or TOUCHLINE_DEBUG=1 for the traceback and please report it"


def describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def unexpected(path: str, line: int | None, exc: Exception, doing: str, debug: bool) -> Skip:
    """The SKIP for an unexpected error while ``doing`` (e.g. "reading") this input."""
    if debug:
        where = path if line is None else f"{path}:{line}"
        logger.error("unexpected error while %s %s", doing, where, exc_info=exc)
    return Skip(path, f"touchline failed while {doing} it ({describe(exc)}); {DEBUG_HINT}", line)
