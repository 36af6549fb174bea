"""Convenience for plain `mkdocs build` and `mkdocs serve`: regenerate pages from data/, and
give the site its navigation from the pages registry.

It writes only files whose bytes changed, so `mkdocs serve` never loops. Under `mkdocs build`
bad data stops the build before site/ is touched; under `mkdocs serve` the last good pages
stay and every page shows the problems in a banner. Warnings, which stop nothing, are logged
and shown in a banner under `mkdocs serve`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from generator.data import BriefingError, Problem
from generator.outputs.pipeline import generate, theme_text
from generator.outputs.preview import banner_html, inject_after_body
from generator.pages import keep_headings_clear, nav

log = logging.getLogger("mkdocs.hooks.briefing")
_state: dict[str, Any] = {"command": "build", "problems": []}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config: Any) -> Any:
    """The navigation, from the pages registry (generator/pages/registry.py), unless mkdocs.yml
    lists one of its own."""
    if not config.nav:
        config.nav = nav()
    # Under plain `mkdocs build` too, no heading takes the id of a source's or event's anchor.
    keep_headings_clear(config)
    return config


def on_pre_build(config: Any) -> None:
    root = Path(config.config_file_path).parent
    try:
        generated = generate(root / "data", Path(config.docs_dir))
    except BriefingError as err:
        _state["problems"] = list(err.problems)
        for problem in err.problems:
            log.error(problem.format())
        if _state["command"] != "serve":
            count = len(err.errors)
            raise PluginError(f"{count} error(s) in data/; the site was not changed") from None
        return
    # Logged as info: `mkdocs build --strict` (and so `briefing build`) stops on any warning.
    for warning in generated.warnings:
        log.info(warning.format())
    # A built site carries no banner; the live preview shows the warnings on every page.
    _state["problems"] = list(generated.warnings) if _state["command"] == "serve" else []
    # The header shows the briefing's title (pre_build runs before any page is rendered).
    config.site_name = theme_text(generated.title)
    report = generated.report
    if report.written or report.removed:
        log.info(f"briefing: {len(report.written)} pages written, {len(report.removed)} removed")


def on_post_page(output: str, page: Any, config: Any) -> str:
    problems: list[Problem] = _state["problems"]
    if not problems:
        return output
    return inject_after_body(output, banner_html(problems))
