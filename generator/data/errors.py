"""The one error type for bad input: every problem found, with file, line and field."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can.

    An error stops the build; a warning is shown (check, build, preview) and the build goes on.
    """

    path: str
    line: int
    col: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        """True when the problem stops the build."""
        return self.severity == "error"

    def format(self) -> str:
        """The problem as the editor sees it: `PATH:LINE:COL: error: FIELD: message`."""
        where = f"{self.path}:{self.line}:{self.col}: {self.severity}: "
        field = f"{self.field}: " if self.field else ""
        text = printable(where + field + self.message)
        if self.hint:
            text += f"\n    hint: {printable(self.hint)}"
        return text

    def annotation(self, file: str | None = None) -> str:
        """The problem as a GitHub Actions annotation, shown on its line in a pull request:
        `::error file=PATH,line=L,col=C,title=FIELD::message`; file defaults to the path."""
        message = printable(f"{self.field}: {self.message}" if self.field else self.message)
        if self.hint:
            message += f"\nhint: {printable(self.hint)}"
        where = {
            "file": file or self.path,
            "line": str(self.line),
            "col": str(self.col),
            "title": "briefing check",
        }
        properties = ",".join(f"{name}={_escape(value, True)}" for name, value in where.items())
        return f"::{self.severity} {properties}::{_escape(message)}"


def _escape(text: str, is_property: bool = False) -> str:
    """Text for a workflow command: what would end the command or a property, percent-coded."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def printable(text: str) -> str:
    """Text with control characters spelt out, so data can't move the cursor or split a line."""
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)


class BriefingError(Exception):
    """Bad input: carries every problem found in one run (errors, and any warnings beside them)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s) in the briefing data")

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop the build."""
        return [p for p in self.problems if p.is_error]

    def __str__(self) -> str:
        # Formatted only when shown: a broken file can hold thousands of problems.
        return "\n".join(p.format() for p in self.problems)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A 'did you mean' hint naming the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def tally(problems: Iterable[Problem]) -> str:
    """How many errors and warnings, in words: '2 errors and 1 warning'."""
    listed = list(problems)
    errors = sum(p.is_error for p in listed)
    warnings = len(listed) - errors
    parts = [
        f"{count} {noun}{'s' if count != 1 else ''}"
        for count, noun in ((errors, "error"), (warnings, "warning"))
        if count
    ]
    return " and ".join(parts) or "no problems"
