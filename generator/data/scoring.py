"""The outlook scored: every judgment ever made, its outcome, and the Brier score of the resolved.

The forecast of a judgment is the middle of its ICD 203 range ("likely", 55-80%, is 0.675).
A judgment that happened scores (1 - forecast)², one that did not happen forecast²; "cannot
tell" is left out. The Brier score is the mean over the resolved judgments: 0 is perfect, 0.25
is what always saying 50% earns, 1 is always certain and always wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.data.history import Edition, History
from generator.data.model import Judgment, Outcome
from generator.data.vocabulary import OUTCOME, likelihood_range

# Always saying "roughly even chance" scores this, whatever happens: the mark to beat.
COIN_FLIP = 0.25


def forecast(term: str) -> float:
    """The probability a likelihood term stands for: the middle of its ICD 203 range."""
    low, high = (float(n) for n in re.findall(r"\d+(?:\.\d+)?", likelihood_range(term)))
    return round((low + high) / 200, 4)


@dataclass(frozen=True)
class Scored:
    """One judgment of one edition, with what became of it."""

    edition: Edition
    judgment: Judgment
    outcome: Outcome | None
    due: bool  # its resolution date is before the current as-of date

    @property
    def forecast(self) -> float:
        return forecast(self.judgment.likelihood)

    @property
    def brier(self) -> float | None:
        """This judgment's part of the score; None when it is not resolved either way."""
        happened = None if self.outcome is None else OUTCOME[self.outcome.outcome].score
        if happened is None:
            return None
        return (self.forecast - happened) ** 2

    @property
    def state(self) -> str:
        """The outcome in words, or why there is none yet."""
        if self.outcome is not None:
            return self.outcome.outcome
        return "awaiting its outcome" if self.due else "not yet due"


@dataclass(frozen=True)
class Scorecard:
    """Every judgment ever made, newest edition first, and the Brier score over the resolved."""

    rows: list[Scored]

    @property
    def resolved(self) -> list[Scored]:
        return [row for row in self.rows if row.brier is not None]

    @property
    def brier(self) -> float | None:
        """The mean Brier score of the resolved judgments; None when none is resolved.

        Exact: pages round it for display only.
        """
        scores = [row.brier for row in self.resolved if row.brier is not None]
        return sum(scores) / len(scores) if scores else None

    @property
    def cannot_tell(self) -> int:
        return sum(
            row.outcome is not None and OUTCOME[row.outcome.outcome].score is None
            for row in self.rows
        )


def resolves_by(judgment: Judgment) -> dt.date:
    """The last day by which the judgment is settled."""
    return judgment.resolves_by.end


def scorecard(history: History) -> Scorecard:
    """Every judgment of every edition, with the outcomes recorded in the current data."""
    current = history.current
    outcomes = {(o.edition.start, o.judgment): o for o in current.files.outcomes}
    rows = [
        Scored(
            edition,
            judgment,
            outcomes.get((edition.as_of, judgment.id)),
            due=resolves_by(judgment) <= current.as_of,
        )
        for edition in reversed(history.editions)
        for judgment in edition.files.outlook.judgments
    ]
    return Scorecard(rows)
