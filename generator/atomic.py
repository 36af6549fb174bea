"""Writes that appear whole or not at all: the one way every writer puts files on disk.

A folder (content/, site/, an edition's snapshot) is made afresh in a staging folder, then
swapped in for the old one; a file (the PDF) is written in the staging folder, then renamed
over its target. The staging folder is `.briefing/` beside the target: hidden, and ignored by
git through its own `.gitignore`, so a run killed at any moment leaves nothing that
`git status` shows, and the next run clears what it left.

A swap is one atomic exchange of the two folders where the system has one (Linux's
renameat2), so the target is never missing. Elsewhere it is two renames, the old folder aside
into the staging folder, then the new one in; a run killed between them leaves the old
folder aside, and `recover` (run before every write to the same target) puts it back.

Runs that write the same target wait for each other (a lock file in the staging folder).

For the fault tests, BRIEFING_FAULT names steps at which to fail: `kill@N` kills the process
at the N-th step, `ENOSPC@N` (any errno name) raises that error there, `noexchange` uses the
two renames even where an exchange exists; BRIEFING_FAULT_LOG names a file where each step
is recorded, one a line. Without them, every step is a no-op.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

STAGING = ".briefing"
IGNORE_ALL = "# Scratch space of `briefing`: safe to delete, never committed.\n*\n"
FAULT_ENV = "BRIEFING_FAULT"
FAULT_LOG_ENV = "BRIEFING_FAULT_LOG"

_steps = 0


def step(name: str) -> None:
    """Mark a step of a write, where the fault tests can kill or fail the process."""
    global _steps
    faults = os.environ.get(FAULT_ENV)
    log = os.environ.get(FAULT_LOG_ENV)
    if not faults and not log:
        return
    _steps += 1
    if log:
        with open(log, "a", encoding="utf-8") as stream:
            stream.write(f"{_steps} {name}\n")
    for fault in (faults or "").split(","):
        what, _, where = fault.partition("@")
        if where not in {str(_steps), name}:
            continue
        if what == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        code = getattr(errno, what, None)
        if isinstance(code, int):
            raise OSError(code, os.strerror(code), name)


def _faulty(name: str) -> bool:
    return name in (os.environ.get(FAULT_ENV) or "").split(",")


def prepare(area: Path) -> Path:
    """Make the staging folder if missing, with the .gitignore that hides it from git."""
    area.mkdir(parents=True, exist_ok=True)
    ignore = area / ".gitignore"
    if not ignore.is_file():
        ignore.write_text(IGNORE_ALL, encoding="utf-8")
    return area


def _mode(target: Path, default: int) -> int:
    """The permissions for a new version of target: the old one's, or the default less umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return default & ~umask


def _inside_staging(path: Path) -> bool:
    return STAGING in path.parts


@contextlib.contextmanager
def _locked(area: Path, name: str) -> Iterator[None]:
    """Hold the lock of one target: runs writing it take turns."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on Linux or macOS: no locking
        yield
        return
    handle = os.open(area / f"{name}.lock", os.O_RDONLY | os.O_CREAT, 0o644)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def recover(target: Path, area: Path | None = None) -> None:
    """Undo what a killed run left for target: put an old folder set aside back if target is
    missing, and remove every half-made copy."""
    target = Path(os.path.abspath(target))
    area = area or target.parent / STAGING
    if not area.is_dir():
        return
    with _locked(area, target.name):
        _recover(target, area)


def _recover(target: Path, area: Path) -> None:
    aside = area / f"{target.name}.old"
    if os.path.lexists(aside):
        if not os.path.lexists(target):
            os.rename(aside, target)
        else:
            _remove(aside)
    for leftover in [*area.glob(f"{target.name}.new.*"), *area.glob(f"{target.name}.*.part")]:
        _remove(leftover)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


@contextlib.contextmanager
def staged(target: Path, area: Path | None = None, replace: bool = True) -> Iterator[Path]:
    """An empty folder in which to make target's new contents; when the block ends without
    an error it is swapped in for target (made or replaced whole), otherwise it is removed.

    `area` is the staging folder (`.briefing/` beside target by default); it must be on the
    same file system as target. With replace=False an existing target is an error, never
    replaced.
    """
    target = Path(os.path.abspath(target))
    area = area or target.parent / STAGING
    target.parent.mkdir(parents=True, exist_ok=True)
    prepare(area)
    with _locked(area, target.name):
        _recover(target, area)
        fresh = Path(tempfile.mkdtemp(dir=area, prefix=f"{target.name}.new."))
        try:
            fresh.chmod(_mode(target, 0o777))
            step(f"stage {target.name}")
            yield fresh
            step(f"staged {target.name}")
            if replace:
                _swap(fresh, target, area)
            else:
                os.rename(fresh, target)  # fails if target exists and is not empty
        finally:
            # After an exchange this holds the old folder.
            _remove(fresh)


def _swap(fresh: Path, target: Path, area: Path) -> None:
    if not os.path.lexists(target):
        os.rename(fresh, target)
        step(f"swapped {target.name}")
        return
    if not target.is_dir() or target.is_symlink():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(target))
    if not _faulty("noexchange") and _exchange(fresh, target):
        step(f"swapped {target.name}")
        return
    aside = area / f"{target.name}.old"
    os.rename(target, aside)
    step(f"set aside {target.name}")
    try:
        os.rename(fresh, target)
    except BaseException:
        os.rename(aside, target)
        raise
    step(f"swapped {target.name}")
    _remove(aside)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step; False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}:
        return False
    raise OSError(code, os.strerror(code), str(b))


def write_file(target: Path, data: bytes | Callable[[BinaryIO], object]) -> None:
    """Write a file whole or not at all: into the staging folder, then renamed over target.

    `data` is the bytes, or a function that writes them to a stream. Nothing is left behind
    on failure. A file inside a folder being staged is written directly: its folder is swapped
    in whole.
    """
    target = Path(os.path.abspath(target))
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    if _inside_staging(target.parent):
        _write(target, data)
        return
    area = prepare(target.parent / STAGING)
    with _locked(area, target.name):
        _recover(target, area)
        fd, tmp = tempfile.mkstemp(dir=area, prefix=f"{target.name}.", suffix=".part")
        os.close(fd)
        try:
            os.chmod(tmp, _mode(target, 0o666))
            _write(Path(tmp), data)
            os.replace(tmp, target)
            step(f"replaced {target.name}")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _write(path: Path, data: bytes | Callable[[BinaryIO], object]) -> None:
    # A new file, never written through: in a staged folder it may be a hard link to the old.
    path.unlink(missing_ok=True)
    with path.open("xb") as stream:
        if isinstance(data, bytes):
            stream.write(data)
        else:
            data(stream)
        step(f"write {path.name}")
