"""The no-change stamp: when data/, editions/ and the generator are as they were at the last
generation, and the pages it wrote are still there untouched, generating again writes nothing.

The stamp (`.briefing-stamp.json` in the pages' folder; MkDocs and Zensical skip dot files)
holds a hash of every input file's path and bytes and of the generator's own code, what was
written (with each file's size and modification time) and the warnings and title that
generation found.
It is written into the new pages' folder before that folder is swapped in, so pages and stamp
appear together or not at all.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from generator import __version__
from generator.atomic import write_file
from generator.data import Problem
from generator.pages.registry import STAMP

CODE = Path(__file__).resolve().parent.parent  # the generator package: its code is an input
# The generator's files that shape the pages: its code and its templates.
CODE_SUFFIXES = {".py", ".j2"}


@dataclass(frozen=True)
class Stamp:
    """What the last generation read, wrote and found."""

    key: str
    pages: dict[str, list[int]]  # path under out/: [size, mtime_ns]
    warnings: list[Problem]
    title: str


def _files(folder: Path, suffixes: set[str] | None = None) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") or part == "__pycache__" for part in p.parts)
        and (suffixes is None or p.suffix in suffixes)
    )


def inputs_key(*folders: Path) -> str:
    """A hash of the generator's code and of every file (path and bytes) in the folders."""
    digest = hashlib.blake2b(__version__.encode(), digest_size=20)
    for label, folder, suffixes in [
        ("code", CODE, CODE_SUFFIXES),
        *((str(i), f, None) for i, f in enumerate(folders)),
    ]:
        digest.update(f"\0{label}\0".encode())
        for path in _files(folder, suffixes):
            rel = path.relative_to(folder).as_posix()
            data = path.read_bytes()
            digest.update(f"{rel}\0{len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()


def _state(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def kept(out: Path, key: str) -> Stamp | None:
    """The stamp in out/, if it was made from these inputs and every page it lists is intact."""
    try:
        raw: dict[str, Any] = json.loads((out / STAMP).read_text(encoding="utf-8"))
        stamp = Stamp(
            key=str(raw["key"]),
            pages={str(k): [int(v[0]), int(v[1])] for k, v in raw["pages"].items()},
            warnings=[Problem(**w) for w in raw["warnings"]],
            title=str(raw["title"]),
        )
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None
    if stamp.key != key:
        return None
    if any(_state(out / rel) != state for rel, state in stamp.pages.items()):
        return None
    return stamp


def forget(out: Path) -> None:
    """Remove the stamp: the pages are about to change."""
    (out / STAMP).unlink(missing_ok=True)


def record(out: Path, key: str, pages: list[str], warnings: list[Problem], title: str) -> None:
    """Stamp out/ as generated from the inputs hashed to key."""
    states = {rel: _state(out / rel) for rel in pages}
    body = {
        "key": key,
        "pages": {rel: state for rel, state in states.items() if state is not None},
        "warnings": [asdict(w) for w in warnings],
        "title": title,
    }
    write_file(out / STAMP, json.dumps(body).encode("utf-8"))
