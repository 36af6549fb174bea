"""`briefing new`: a fresh briefing project, from the starter shipped with the generator."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.data import BriefingError, Problem
from generator.pages import ignore_rules

STARTER = Path(__file__).parent / "starter"
HOOK_IN_REPO = "generator/outputs/mkdocs_hook.py"
HOOK_IN_PROJECT = "hooks/briefing.py"
# A new project has no generator/ folder: its hook borrows the installed one.
HOOK_SHIM = (
    '"""Lets plain `mkdocs build` and `mkdocs serve` regenerate pages from data/."""\n\n'
    "from generator.outputs.mkdocs_hook import (\n"
    "    on_config,\n    on_post_page,\n    on_pre_build,\n    on_startup,\n)\n\n"
    '__all__ = ["on_config", "on_post_page", "on_pre_build", "on_startup"]\n'
)
# What builds make: never committed. Generated pages are ignored by content/.gitignore.
GITIGNORE = "/site/\n/.cache/\n/briefing.pdf\n/briefing-full.pdf\n"


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
    shutil.copytree(STARTER / "site-overrides", target / "site-overrides")
    config = (STARTER / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        config.replace(HOOK_IN_REPO, HOOK_IN_PROJECT), encoding="utf-8"
    )
    (target / "hooks").mkdir()
    (target / HOOK_IN_PROJECT).write_text(HOOK_SHIM, encoding="utf-8")
    (target / "content").mkdir()
    (target / "content/.gitignore").write_text(ignore_rules(), encoding="utf-8")
    (target / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
