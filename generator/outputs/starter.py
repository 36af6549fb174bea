"""`briefing new`: a new briefing project, a standalone repository to publish as it is.

It holds example data, a README with the two commands, a Makefile, `mkdocs.yml` with the theme,
the GitHub Pages workflow, and `requirements.txt`, which pins this very briefing (see `pin`).
Nothing in it refers to a path of the briefing that made it but the pin, and it has no
symbolic links: a fresh clone of it builds anywhere.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from string import Template

from generator import __version__
from generator.data import BriefingError, Problem, in_words, write_schemas
from generator.data.vocabulary import VOCABULARIES
from generator.pages import ignore_rules

STARTER = Path(__file__).parent / "starter"
PACKAGE = "briefing"
HOOK_IN_REPO = "generator/outputs/mkdocs_hook.py"
HOOK_IN_PROJECT = "hooks/briefing.py"
# The project's hook borrows the installed package's: no path into the briefing that made it.
HOOK_SHIM = (
    '"""The navigation, and pages regenerated from data/ by plain `mkdocs build` and\n'
    '`mkdocs serve`: from the installed briefing (requirements.txt)."""\n\n'
    "from generator.outputs.mkdocs_hook import (\n"
    "    on_config,\n    on_post_page,\n    on_pre_build,\n    on_startup,\n)\n\n"
    '__all__ = ["on_config", "on_post_page", "on_pre_build", "on_startup"]\n'
)
# What builds make: never committed. Generated pages are ignored by content/.gitignore.
GITIGNORE = "/.venv/\n/site/\n/.cache/\n/briefing.pdf\n/briefing-full.pdf\n__pycache__/\n"
# Files copied as they are from the starter: (from, to).
COPIED = [
    ("Makefile", "Makefile"),
    ("pages.yml", ".github/workflows/pages.yml"),
    ("data", "data"),
    ("site-overrides", "site-overrides"),
]


@dataclass(frozen=True)
class Pin:
    """requirements.txt's line for briefing, and where it points, in words for the README."""

    requirement: str
    where: str
    public: bool  # installable from any machine (GitHub's too), not only this one


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _https(url: str) -> str:
    """A git remote as an address pip can fetch: git@github.com:o/r.git is https://github.com/o/r.git."""
    if url.startswith("git@") and ":" in url:
        host, _, path = url.removeprefix("git@").partition(":")
        return f"https://{host}/{path}"
    return url


def pin() -> Pin:
    """The requirement that installs this very briefing.

    briefing is not on PyPI: it is pinned as a git address at the commit it runs from. That is
    the commit pip recorded when briefing was installed from git; or, run from a git checkout,
    the checkout's commit at its `origin` remote (a copy with no remote is pinned at its
    folder, which only this machine can install); else the version, from a package index.
    """
    try:
        recorded = metadata.distribution(PACKAGE).read_text("direct_url.json")
        installed = json.loads(recorded or "{}")
    except (metadata.PackageNotFoundError, ValueError):
        installed = {}
    vcs = installed.get("vcs_info", {})
    if vcs.get("vcs") == "git" and vcs.get("commit_id"):
        url = installed["url"]
        return Pin(
            f"{PACKAGE} @ git+{url}@{vcs['commit_id']}",
            f"commit {vcs['commit_id'][:12]} of {url}",
            not url.startswith("file:"),
        )
    checkout = Path(__file__).resolve().parents[2]
    top = _git(checkout, "rev-parse", "--show-toplevel")
    commit = _git(checkout, "rev-parse", "--verify", "HEAD")
    if top and Path(top).resolve() == checkout and commit:
        remote = _git(checkout, "remote", "get-url", "origin")
        # pip's older URL parser wants a host: file://localhost/... (git reads it as a path).
        local = remote is None or ("://" not in remote and not remote.startswith("git@"))
        if local:
            # No remote, or a remote that is a folder on this machine (a clone of a clone).
            path = (checkout / remote).resolve() if remote else checkout
            url = "file://localhost" + path.as_posix()
        else:
            url = _https(str(remote))
        where = f"commit {commit[:12]} of {url}"
        return Pin(f"{PACKAGE} @ git+{url}@{commit}", where, not local)
    return Pin(f"{PACKAGE}=={__version__}", f"version {__version__} from a package index", True)


def readme(name: str, found: Pin) -> str:
    caveat = (
        ""
        if found.public
        else "\nThe briefing that made this project has no public address, so the pin names its "
        "copy on the computer\nthat made it: GitHub cannot install that. Before publishing, "
        "replace it with the same commit\nat briefing's public git address: "
        "`briefing @ git+https://HOST/OWNER/REPOSITORY@COMMIT`.\n"
    )
    template = Template((STARTER / "README.md.tmpl").read_text(encoding="utf-8"))
    return template.substitute(
        name=name,
        version=__version__,
        pinned=found.where,
        requirement=found.requirement,
        caveat=caveat,
    )


def _refuse(target: Path, message: str, hint: str) -> BriefingError:
    return BriefingError([Problem(str(target), 1, 1, "", message, hint)])


def create_project(target: Path) -> Pin:
    """Write a new briefing project into target, which must be new or an empty folder.

    It is written beside target first and moved into place whole, so a failure (a full disk)
    leaves nothing half made. Bad targets raise BriefingError; an unwritable place, OSError.
    """
    if target.exists() and not target.is_dir():
        raise _refuse(target, "this is a file", "name a new folder: briefing new my-briefing")
    if target.is_dir() and any(target.iterdir()):
        raise _refuse(
            target,
            "the folder exists and is not empty",
            "name a new folder: briefing new my-briefing",
        )
    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    found = pin()
    draft = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.new."))
    try:
        _write(draft, target.name, found)
        if target.is_dir():  # empty; kept as it is, as it may be the shell's working folder
            for entry in sorted(draft.iterdir()):
                os.replace(entry, target / entry.name)
        else:
            os.replace(draft, target)
    finally:
        shutil.rmtree(draft, ignore_errors=True)
    return found


# A vocabulary named in braces in a data file's comment: {event status}.
_LISTED = re.compile(r"\{([a-z ]+)\}")


def _listed(line: str) -> str:
    """A comment line with each vocabulary named in braces spelled out, from the one list."""
    if not line.lstrip().startswith("#"):
        return line
    return _LISTED.sub(lambda m: in_words(list(VOCABULARIES[m[1]])), line)


def _write(project: Path, name: str, found: Pin) -> None:
    project.chmod(0o755)  # mkdtemp makes it private; a project folder is an ordinary one
    for source, dest in COPIED:
        origin, copy = STARTER / source, project / dest
        copy.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, copy, symlinks=False)
        else:
            shutil.copyfile(origin, copy)
    for data in sorted((project / "data").glob("*.yml")):
        lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
        data.write_text("".join(map(_listed, lines)), encoding="utf-8")
    # The data files' first lines name these: editors' tools complete and check as they type.
    write_schemas(project / "schema")
    config = (STARTER / "mkdocs.yml").read_text(encoding="utf-8")
    files = {
        "README.md": readme(name, found),
        "requirements.txt": (
            f"# briefing {__version__}, the generator, pinned: see README.md.\n"
            f"{found.requirement}\n"
        ),
        "mkdocs.yml": config.replace(HOOK_IN_REPO, HOOK_IN_PROJECT),
        HOOK_IN_PROJECT: HOOK_SHIM,
        ".gitignore": GITIGNORE,
        "content/.gitignore": ignore_rules(),
    }
    for path, text in files.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text, encoding="utf-8")
