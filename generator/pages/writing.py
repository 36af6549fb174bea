"""Write generated pages: only files whose bytes changed, never a file we did not create."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.data import BriefingError, Problem
from generator.pages.feed import MARKER as FEED_MARKER
from generator.pages.rendering import HEADER

MARKER = ("---\n" + HEADER.splitlines()[0]).encode()
# What each kind of generated file starts with, so it is ours to replace or remove.
MARKERS = {
    ".md": MARKER,
    ".xml": f'<?xml version="1.0" encoding="utf-8"?>\n{FEED_MARKER}'.encode(),
}


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def is_generated(path: Path) -> bool:
    """True if the file carries the generator's header, so it is ours to replace or remove."""
    marker = MARKERS.get(path.suffix)
    if marker is None:
        return False
    try:
        with path.open("rb") as handle:
            return handle.read(len(marker)) == marker
    except OSError:
        return False


def write_pages(pages: dict[str, str], out: Path) -> WriteReport:
    """Bring out/ in line with pages: write changed files, remove generated files now gone."""
    report = WriteReport()
    if out.exists() and not out.is_dir():
        raise BriefingError(
            [
                Problem(
                    str(out),
                    1,
                    1,
                    "",
                    "this is a file, not a folder",
                    "name a folder for the pages, like --out content",
                )
            ]
        )
    conflicts = [
        Problem(
            str(out / rel),
            1,
            1,
            "",
            "this file was not made by briefing; it is not replaced",
            "rename or move it: briefing writes a page at this path",
        )
        for rel in pages
        if (out / rel).exists() and not is_generated(out / rel)
    ]
    if conflicts:
        raise BriefingError(conflicts)
    for rel, markdown in sorted(pages.items()):
        target = out / rel
        data = markdown.encode("utf-8")
        if target.exists() and target.read_bytes() == data:
            report.unchanged.append(rel)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace(target, data)
        report.written.append(rel)
    if out.is_dir():
        for path in sorted(p for p in out.rglob("*") if p.suffix in MARKERS):
            rel = path.relative_to(out).as_posix()
            if rel not in pages and is_generated(path):
                path.unlink()
                report.removed.append(rel)
                folder = path.parent
                while folder != out and not any(folder.iterdir()):
                    folder.rmdir()
                    folder = folder.parent
    return report


def _replace(target: Path, data: bytes) -> None:
    """Write next to the target, then rename over it: a reader never sees half a file."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
