"""The data as committed at git HEAD: to tell an id renamed or removed in this change from a typo.

Read only when a reference is found dangling, and only where data/ is in a git work tree;
anywhere else (no git, no commit yet, a file not committed) it is silently left out.
"""

from __future__ import annotations

import difflib
import json
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.data.errors import BriefingError
from generator.data.loading import Document, FieldPath, load

# Where the items of each kind that references name are kept: (file, path to their list).
COLLECTIONS: dict[str, tuple[str, FieldPath]] = {
    "sources": ("sources", ()),
    "actors": ("actors", ()),
    "events": ("events", ()),
    "claims": ("claims", ()),
    "judgments": ("outlook", ("judgments",)),
}


def items_by_id(kind: str, docs: Mapping[str, Document]) -> dict[str, Any]:
    """The items of one kind as written, {id: item}, from loaded files."""
    file, where = COLLECTIONS[kind]
    doc = docs.get(file)
    listed: Any = doc.value if doc else None
    for part in where:
        listed = listed.get(part) if isinstance(listed, dict) else None
    if not isinstance(listed, list):
        return {}
    return {
        item["id"]: item
        for item in listed
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    }


class Committed:
    """The items of data_dir as committed at git HEAD, read once and only when asked."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._docs: dict[str, Document] | None = None

    def docs(self) -> dict[str, Document]:
        """The data files at HEAD that could be read, by name."""
        if self._docs is None:
            self._docs = _read_head(self.data_dir)
        return self._docs

    def removed(self, kind: str, value: str, docs: Mapping[str, Document]) -> str:
        """A hint when the id `value` was committed and is gone now, naming the likely new id."""
        before = items_by_id(kind, self.docs())
        now = items_by_id(kind, docs)
        if value not in before or value in now:
            return ""
        added = {id_: item for id_, item in now.items() if id_ not in before}
        if not added:
            return f"'{value}' was removed in this change — update this reference"
        renamed = max(added, key=lambda id_: _likeness(before[value], added[id_]))
        return f"'{value}' was removed (renamed to '{renamed}'?) — update this reference"


def _likeness(old: Any, new: Any) -> float:
    """How alike two items are apart from their ids, from 0 to 1."""

    def shown(item: Any) -> str:
        rest = {k: v for k, v in item.items() if k != "id"} if isinstance(item, dict) else item
        return json.dumps(rest, sort_keys=True, default=str, ensure_ascii=False)

    return difflib.SequenceMatcher(None, shown(old), shown(new)).ratio()


def _git(*args: str, cwd: Path) -> bytes | None:
    """git's output, or None where it fails (no git, not a work tree, nothing at HEAD)."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _read_head(data_dir: Path) -> dict[str, Document]:
    read: dict[str, Document] = {}
    with tempfile.TemporaryDirectory(prefix="briefing-head.") as scratch:
        for file in sorted({file for file, _ in COLLECTIONS.values()}):
            # A kind is one file, or a folder of files (data/actors/*.yml) read as one list.
            single = _git("show", f"HEAD:./{file}.yml", cwd=data_dir)
            if single is not None:
                blobs = [single]
            else:
                listed = _git("ls-tree", "-z", "--name-only", "HEAD", f"./{file}/", cwd=data_dir)
                names = [n for n in (listed or b"").decode().split("\0") if n.endswith(".yml")]
                blobs = [
                    blob
                    for name in names
                    if (blob := _git("show", f"HEAD:./{name}", cwd=data_dir)) is not None
                ]
            entries: list[Any] = []
            for i, blob in enumerate(blobs):
                copy = Path(scratch) / f"{file}-{i}.yml"
                copy.write_bytes(blob)
                try:
                    value = load(copy, f"HEAD:{file}", file).value
                except BriefingError:
                    continue
                if len(blobs) == 1:
                    entries = value
                elif isinstance(value, list):
                    entries.extend(value)
            if blobs:
                read[file] = Document(f"HEAD:{file}", entries)
    return read
