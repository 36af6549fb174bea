"""Write generated pages: only files whose bytes changed, never a file we did not create.

content/ changes all at once or not at all: the new version is made beside it (generated
files written, everything else carried over unchanged), then swapped in.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.atomic import staged, step
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


def write_pages(
    pages: dict[str, str], out: Path, finish: Callable[[Path], object] | None = None
) -> WriteReport:
    """Bring out/ in line with pages: write changed files, remove generated files now gone.

    `finish`, given the folder about to become out/ (or out/ itself when no page changed),
    adds to it what belongs with the pages (the no-change stamp) before they appear.
    """
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
    encoded = {rel: text.encode("utf-8") for rel, text in sorted(pages.items())}
    for rel, data in encoded.items():
        target = out / rel
        if target.is_file() and target.read_bytes() == data:
            report.unchanged.append(rel)
        else:
            report.written.append(rel)
    if out.is_dir():
        report.removed = sorted(
            path.relative_to(out).as_posix()
            for path in out.rglob("*")
            if path.suffix in MARKERS
            and path.relative_to(out).as_posix() not in encoded
            and is_generated(path)
        )
    for rel in report.written:
        _check_room(out, rel)
    if report.written or report.removed:
        # All or nothing: the new content/ is made whole beside the old, then swapped in.
        with staged(out) as fresh:
            _keep(out, fresh, skip=set(report.written) | set(report.removed))
            for rel in report.written:
                target = fresh / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(encoded[rel])
                step(f"write {rel}")
            for rel in report.removed:
                folder = (fresh / rel).parent
                while folder != fresh and folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()
                    folder = folder.parent
            if finish is not None:
                finish(fresh)
    elif finish is not None:
        finish(out)
    return report


def _check_room(out: Path, rel: str) -> None:
    """Refuse (as the system would) a file or folder in the way of a page, naming it in out/."""
    path = out
    for part in rel.split("/")[:-1]:
        path = path / part
        if path.exists() and not path.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path))
    if (out / rel).is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(out / rel))


def _keep(old: Path, fresh: Path, skip: set[str]) -> None:
    """Carry every file of old/ that stays as it is into fresh/: hard links where the file
    system allows (same file, same time), copies elsewhere. Folders keep their permissions."""
    if not old.is_dir():
        return
    for folder, dirs, files in os.walk(old):
        here = Path(folder)
        there = fresh / here.relative_to(old)
        for name in dirs:
            if (here / name).is_symlink():
                files.append(name)
            else:
                (there / name).mkdir()
                shutil.copymode(here / name, there / name)
        for name in files:
            source = here / name
            if source.relative_to(old).as_posix() in skip:
                continue
            try:
                os.link(source, there / name, follow_symlinks=False)
            except OSError:
                shutil.copy2(source, there / name, follow_symlinks=False)
