"""Stage 1, the data: load data/*.yml with positions, validate it into typed models, derive views.

Later stages (graphics, pages, outputs) import only the names below, from `generator.data`.
"""

from generator.data.changes import KINDS, Change, Changes, diff
from generator.data.dates import MONTHS, PartialDate, parse_date
from generator.data.errors import BriefingError, Problem, tally
from generator.data.history import Edition, History, read_history
from generator.data.model import Actor, Event, Files
from generator.data.validation import Checked, check_briefing, read_briefing
from generator.data.views import Views, derive
from generator.data.vocabulary import (
    ACTOR_KIND,
    ACTOR_KINDS,
    EVENT_STATUS,
    EVENT_STATUSES,
    RELATION,
    RELATION_WORDS,
    in_words,
    template_globals,
)

__all__ = [
    "ACTOR_KIND",
    "ACTOR_KINDS",
    "EVENT_STATUS",
    "EVENT_STATUSES",
    "KINDS",
    "MONTHS",
    "RELATION",
    "RELATION_WORDS",
    "Actor",
    "BriefingError",
    "Change",
    "Changes",
    "Checked",
    "Edition",
    "Event",
    "Files",
    "History",
    "PartialDate",
    "Problem",
    "Views",
    "check_briefing",
    "derive",
    "diff",
    "in_words",
    "parse_date",
    "read_briefing",
    "read_history",
    "tally",
    "template_globals",
]
