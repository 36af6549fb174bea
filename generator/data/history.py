"""A briefing's editions: the current data/ and the frozen snapshots in editions/, checked as one.

An edition is the data as it stood on its as-of date, issued with a one-line note:
`editions/<as-of>/edition.yml` holds the note, `editions/<as-of>/data/` a copy of data/. Every
snapshot is validated like data/ (a problem in one is located in its own file), so every past
edition can be rebuilt from the repository alone. Outcomes of past judgments live in the current
data (outcomes.yml) and are checked here against the editions that made the judgments.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from generator.data.changes import Changes, diff
from generator.data.errors import BriefingError, Problem, Severity, did_you_mean
from generator.data.loading import Document, FieldPath, dotted, load
from generator.data.model import Files, Item, Text
from generator.data.validation import check_briefing

NOTE_FILE = "edition.yml"
SNAPSHOT = "data"
_FOLDER = re.compile(r"\d{4}-\d{2}-\d{2}")


class EditionNote(Item):
    """edition.yml: the one-line note an edition was issued with."""

    note: Text


@dataclass(frozen=True)
class Edition:
    """One state of the briefing: an issued snapshot, or the current data/."""

    as_of: dt.date
    note: str | None  # None for the current data/ when it is not (yet) an issued edition
    files: Files
    docs: Mapping[str, Document]
    issued: bool

    @property
    def slug(self) -> str:
        """The edition's name and folder: its as-of date, 2025-03-31."""
        return self.as_of.isoformat()


@dataclass(frozen=True)
class History:
    """Every edition, oldest first, and the current data/ the site's main pages show."""

    # The issued snapshots, then data/ when it is not (yet) an issued edition.
    editions: list[Edition]
    # data/ as it is now; issued (with its edition's note) when its as-of date has a snapshot.
    current: Edition
    # The current data's warnings, and judgments of earlier editions left unscored.
    warnings: list[Problem] = field(default_factory=list)

    @property
    def issued(self) -> list[Edition]:
        """The editions issued as snapshots, oldest first."""
        return [e for e in self.editions if e.issued]

    def previous(self, edition: Edition) -> Edition | None:
        """The edition before this one (by as-of date), if any."""
        earlier = [e for e in self.editions if e.as_of < edition.as_of]
        return earlier[-1] if earlier else None

    def changes(self, edition: Edition) -> Changes | None:
        """What changed in this edition since the one before (None for the first)."""
        before = self.previous(edition)
        if before is None:
            return None
        return diff(before.files, edition.files, self.statements())

    def statements(self) -> dict[tuple[dt.date, str], str]:
        """Every judgment ever made, {(edition as-of, judgment id): statement}."""
        return {
            (e.as_of, j.id): j.statement for e in self.editions for j in e.files.outlook.judgments
        }


def read_history(data_dir: Path, editions_dir: Path | None = None) -> History:
    """Read data/ and every snapshot in editions/; raise BriefingError with every problem.

    editions/ defaults to the folder beside data/.
    """
    # Reading builds many objects that all live on: Python's cycle collector, run again and
    # again over them, would make a large briefing's reading grow faster than its size.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _read_history(data_dir, editions_dir)
    finally:
        if enabled:
            gc.enable()


def _read_history(data_dir: Path, editions_dir: Path | None) -> History:
    editions_dir = editions_dir or data_dir.parent / "editions"
    problems: list[Problem] = []
    snapshots: list[Edition] = []
    if editions_dir.is_dir():
        for folder in sorted(editions_dir.iterdir()):
            if folder.name.startswith("."):
                continue
            try:
                snapshots.append(_read_snapshot(folder, f"{editions_dir.name}/{folder.name}"))
            except BriefingError as err:
                problems.extend(err.problems)
    try:
        checked = check_briefing(data_dir)
    except BriefingError as err:
        raise BriefingError([*problems, *err.problems]) from None
    if problems:
        raise BriefingError(problems)
    files = checked.files
    as_of = files.briefing.as_of.start
    doc = checked.docs["briefing"]
    line, col = doc.locate(("as_of",))

    def about_as_of(message: str, hint: str, severity: Severity = "error") -> Problem:
        return Problem(doc.path, line, col, "briefing.as_of", message, hint, severity)

    latest = snapshots[-1] if snapshots else None
    if latest and as_of < latest.as_of:
        raise BriefingError(
            [
                about_as_of(
                    f"the edition as of {latest.files.briefing.as_of} is already issued; "
                    f"data/ cannot be as of an earlier date ({files.briefing.as_of})",
                    f"set as_of to {latest.slug} or later",
                )
            ]
        )
    issued = latest is not None and latest.as_of == as_of
    note = latest.note if latest is not None and issued else None
    current = Edition(as_of, note, files, checked.docs, issued=issued)
    history = History(snapshots if issued else [*snapshots, current], current)
    checked_editions = [*history.editions, current] if issued else history.editions
    problems = [p for e in checked_editions for p in _outcome_problems(history, e)]
    if problems:
        raise BriefingError([*problems, *checked.warnings])
    warnings = [*checked.warnings, *_unscored(history)]
    if latest is not None and issued and latest.files != files:
        warnings.append(
            about_as_of(
                f"data/ has changed since the edition as of {files.briefing.as_of} was issued; "
                "the site shows the change, the edition's own pages do not",
                "for a new edition, set as_of to its date and run `briefing edition`; to "
                f"correct the issued edition, make the same change in editions/{latest.slug}/",
                "warning",
            )
        )
    return History(history.editions, current, sorted(set(warnings)))


def _read_snapshot(folder: Path, shown: str) -> Edition:
    """One issued edition: its note and its data, validated; problems name their files."""
    if not (folder.is_dir() and _FOLDER.fullmatch(folder.name)):
        raise BriefingError(
            [
                Problem(
                    shown,
                    1,
                    1,
                    "",
                    "this is not an edition: editions/ holds one folder per edition, named "
                    "by its as-of date",
                    'issue editions with `briefing edition "note"`; move anything else away',
                )
            ]
        )
    problems: list[Problem] = []
    note: str | None = None
    try:
        note = _read_note(load(folder / NOTE_FILE, f"{shown}/{NOTE_FILE}"))
    except BriefingError as err:
        problems.extend(err.problems)
    # A snapshot's warnings were its editors' to heed when it was issued: only errors count.
    try:
        located = check_briefing(folder / SNAPSHOT, f"{shown}/{SNAPSHOT}")
    except BriefingError as err:
        raise BriefingError([*problems, *err.problems]) from None
    as_of = located.files.briefing.as_of
    if as_of.start.isoformat() != folder.name:
        line, col = located.docs["briefing"].locate(("as_of",))
        problems.append(
            Problem(
                located.docs["briefing"].path,
                line,
                col,
                "briefing.as_of",
                f"this edition's folder is {folder.name}, but its data is as of {as_of}",
                "an edition's folder is named by its as-of date: rename one to match the other",
            )
        )
    if problems or note is None:
        raise BriefingError(problems)
    return Edition(as_of.start, note, located.files, located.docs, issued=True)


def _read_note(doc: Document) -> str:
    """The note in edition.yml, or a located problem."""
    try:
        return EditionNote.model_validate(doc.value).note
    except ValidationError as err:
        problems = []
        for error in err.errors():
            where = tuple(error["loc"])
            line, col = doc.locate(where, key=error["type"] == "extra_forbidden")
            message = {
                "missing": "required field 'note' is missing",
                "extra_forbidden": f"unknown field '{where[-1] if where else ''}'",
            }.get(error["type"], f"the note must be one line of text ({error['msg']})")
            problems.append(
                Problem(
                    doc.path,
                    line,
                    col,
                    dotted(("edition", *where)),
                    message,
                    "edition.yml holds one field: `note: what changed, in one line`",
                )
            )
        raise BriefingError(problems) from None


def _outcome_problems(history: History, edition: Edition) -> Iterator[Problem]:
    """Each outcome must score a judgment that an earlier edition made."""
    earlier = {e.slug: e for e in history.editions if e.as_of < edition.as_of}
    doc = edition.docs.get("outcomes")
    for i, outcome in enumerate(edition.files.outcomes):
        assert doc is not None  # outcomes were loaded from this file

        def at(where: FieldPath, message: str, hint: str) -> Problem:
            path, line, col = doc.place(where)
            return Problem(path, line, col, dotted(("outcomes", *where)), message, hint)

        made = earlier.get(outcome.edition.start.isoformat())
        if made is None:
            names = ", ".join(earlier) or "none yet"
            yield at(
                (i, "edition"),
                f"no edition before this one is as of {outcome.edition}",
                f"an outcome scores a judgment of an earlier edition; editions: {names}",
            )
            continue
        judgments = [j.id for j in made.files.outlook.judgments]
        if outcome.judgment not in judgments:
            hint = did_you_mean(outcome.judgment, judgments) or (
                f"the edition's judgments are: {', '.join(judgments)}"
            )
            yield at(
                (i, "judgment"),
                f"the edition as of {outcome.edition} has no judgment '{outcome.judgment}'",
                hint,
            )
        if outcome.date.end < made.as_of:
            yield at(
                (i, "date"),
                f"the outcome is dated {outcome.date}, before the edition that made the "
                f"judgment ({outcome.edition})",
                "date the outcome when the judged event happened or failed to",
            )


def _unscored(history: History) -> Iterator[Problem]:
    """A warning for each judgment of an earlier edition that is due and has no outcome."""
    current = history.current
    scored = {(o.edition.start, o.judgment) for o in current.files.outcomes}
    for edition in history.editions:
        if edition.as_of >= current.as_of:
            continue
        doc = edition.docs["outlook"]
        for i, judgment in enumerate(edition.files.outlook.judgments):
            due = judgment.resolves_by
            if due.end >= current.as_of or (edition.as_of, judgment.id) in scored:
                continue
            where = ("judgments", i, "resolves_by")
            line, col = doc.locate(where)
            yield Problem(
                doc.path,
                line,
                col,
                dotted(("outlook", *where)),
                f"the judgment '{judgment.id}' of the edition as of {edition.files.briefing.as_of} "
                f"resolved by {due}, before the as-of date ({current.files.briefing.as_of}), "
                "and has no outcome",
                f"record it in outcomes.yml: edition: {edition.slug}, judgment: {judgment.id}, "
                "outcome (happened, did not happen or cannot tell), date, summary and sources",
                "warning",
            )
