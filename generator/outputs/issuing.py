"""`briefing edition "note"`: freeze data/ as the edition of its as-of date, in editions/.

The snapshot is a plain copy of data/ beside the note (editions/<as-of>/data/ and
editions/<as-of>/edition.yml), committed with the rest: a fresh clone rebuilds every edition
from it, with no history or old deploy needed. It appears whole or not at all.
"""

from __future__ import annotations

import shutil

import yaml

from generator.atomic import STAGING, staged
from generator.data import BriefingError, Edition, Problem, read_history
from generator.data.history import NOTE_FILE, SNAPSHOT
from generator.outputs.pipeline import Project

MAX_NOTE = 300


def _usage(message: str, hint: str) -> BriefingError:
    return BriefingError([Problem("briefing edition", 1, 1, "note", message, hint)])


def issue_edition(project: Project, note: str) -> Edition:
    """Check the project, then copy data/ into editions/<as-of>/ with the note; return it."""
    note = " ".join(note.split())
    if not note:
        raise _usage("the note is empty", 'say what changed, in one line: briefing edition "..."')
    if len(note) > MAX_NOTE:
        raise _usage(
            f"the note is too long ({len(note)} characters)",
            f"keep it to one line of at most {MAX_NOTE} characters; the changes page lists "
            "the details",
        )
    history = read_history(project.data, project.editions)
    current = history.current
    if current.issued:
        doc = current.docs["briefing"]
        line, col = doc.locate(("as_of",))
        raise BriefingError(
            [
                Problem(
                    doc.path,
                    line,
                    col,
                    "briefing.as_of",
                    f"the edition as of {current.files.briefing.as_of} is already issued",
                    "for a new edition, set as_of to its date first; to correct the issued "
                    f"one, edit {project.editions.name}/{current.slug}/ itself",
                )
            ]
        )
    target = project.editions / current.slug
    # Whole or not at all, staged in the project's .briefing/ beside editions/.
    with staged(target, area=project.root / STAGING, replace=False) as fresh:
        shutil.copytree(project.data, fresh / SNAPSHOT, ignore=shutil.ignore_patterns(".*"))
        header = "# The note this edition was issued with; the data beside it is frozen.\n"
        text = yaml.safe_dump({"note": note}, allow_unicode=True, width=100, sort_keys=False)
        (fresh / NOTE_FILE).write_text(header + text, encoding="utf-8")
    issued = read_history(project.data, project.editions).current
    assert issued.issued and issued.note == note
    return issued
