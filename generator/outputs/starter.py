"""`briefing new`: a fresh briefing project, from the starter shipped with the generator."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.data import BriefingError, Problem, write_schemas
from generator.pages import FEED, HISTORY_PAGES, SECTION_PAGES

STARTER = Path(__file__).parent / "starter"
HOOK_IN_REPO = "generator/outputs/mkdocs_hook.py"
HOOK_IN_PROJECT = "hooks/briefing.py"
# A new project has no generator/ folder: its hook borrows the installed one.
HOOK_SHIM = (
    '"""Lets plain `mkdocs build` and `mkdocs serve` regenerate pages from data/."""\n\n'
    "from generator.outputs.mkdocs_hook import on_post_page, on_pre_build, on_startup\n\n"
    '__all__ = ["on_post_page", "on_pre_build", "on_startup"]\n'
)
# Generated pages are rebuilt from data/: never committed (each carries a header saying so).
GENERATED = sorted(
    {
        "/content/" + path.split("/")[0] + ("/" if "/" in path else "")
        for path in [p for p, _, _ in SECTION_PAGES] + [p for p, _ in HISTORY_PAGES] + [FEED]
    }
)
GITIGNORE = "\n".join(["/site/", "/.cache/", "/briefing.pdf", *GENERATED]) + "\n"


def create_project(target: Path) -> None:
    """Write a starter briefing project into target, which must be new or empty."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BriefingError(
            [
                Problem(
                    str(target),
                    1,
                    1,
                    "",
                    "the folder exists and is not empty",
                    "name a new folder: briefing new my-briefing",
                )
            ]
        )
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(STARTER / "data", target / "data")
    # The data files' first lines name these: editors' tools complete and check as they type.
    write_schemas(target / "schema")
    shutil.copytree(STARTER / "site-overrides", target / "site-overrides")
    config = (STARTER / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        config.replace(HOOK_IN_REPO, HOOK_IN_PROJECT), encoding="utf-8"
    )
    (target / "hooks").mkdir()
    (target / HOOK_IN_PROJECT).write_text(HOOK_SHIM, encoding="utf-8")
    (target / "content").mkdir()
    (target / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
