"""Event extraction (matches, fixtures, milestones, shirts, injuries, transfers, roles, standings).

Importing this package registers the ``tl_events`` spaCy factory.
"""

import logging

from touchline.nlp.events.component import KINDS, EventExtractor, make_events

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["KINDS", "EventExtractor", "make_events"]
