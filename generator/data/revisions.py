"""The briefing's data as it stood at a git revision, read with `git show`, validated as ever."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from generator.data.errors import BriefingError, Problem
from generator.data.model import Files
from generator.data.validation import read_briefing


def _refused(message: str, hint: str) -> BriefingError:
    return BriefingError([Problem("briefing diff", 1, 1, "", message, hint)])


def _git(*args: str, cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise _refused("git is not installed", "name editions by their as-of date") from None
    if done.returncode != 0:
        raise subprocess.CalledProcessError(done.returncode, args, done.stdout, done.stderr)
    return done.stdout


def read_at_revision(data_dir: Path, revision: str, hint: str) -> Files:
    """data_dir's files at a git revision (HEAD~3, a tag, a commit), validated.

    Problems are located as `REVISION:data/FILE.yml:LINE:COL`. `hint` says what else could be
    named when the revision is unknown.
    """
    folder = data_dir.resolve()
    # A revision that starts with '-' would be read by git as an option.
    if not revision or revision.startswith("-"):
        raise _refused(f"'{revision}' is neither an edition nor a git revision", hint)
    try:
        top = Path(_git("rev-parse", "--show-toplevel", cwd=folder.parent).decode().strip())
        commit = _git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", cwd=top)
    except subprocess.CalledProcessError:
        raise _refused(f"'{revision}' is neither an edition nor a git revision", hint) from None
    sha = commit.decode().strip()
    inside = folder.relative_to(top).as_posix()
    names = _git("ls-tree", "-r", "-z", "--name-only", sha, "--", f"{inside}/", cwd=top)
    paths = [name for name in names.decode().split("\0") if name]
    if not paths:
        raise _refused(
            f"there is no {inside}/ at {revision}",
            "name a revision that has the briefing's data, or an edition by its as-of date",
        )
    with tempfile.TemporaryDirectory(prefix="briefing-revision.") as scratch:
        copy = Path(scratch) / folder.name
        for path in paths:
            target = copy / Path(path).relative_to(inside)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_git("show", f"{sha}:{path}", cwd=top))
        return read_briefing(copy, shown=f"{revision}:{inside}")
