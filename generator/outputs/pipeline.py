"""The steps from data/ to content/ and site/, each usable on its own."""

from __future__ import annotations

import html
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator.atomic import recover, staged, step
from generator.data import Files, History, Problem, read_history
from generator.pages import WriteReport, site_pages, write_pages

log = logging.getLogger("briefing")


@dataclass(frozen=True)
class Project:
    """Where a briefing project keeps its parts."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def editions(self) -> Path:
        return self.root / "editions"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def recover(self) -> None:
        """Put back what a killed run left half done: content/ and site/ are whole again."""
        recover(self.content)
        recover(self.site)


@dataclass(frozen=True)
class Generated:
    """What generation read and what it wrote."""

    history: History
    report: WriteReport
    warnings: list[Problem]

    @property
    def files(self) -> Files:
        """The current data."""
        return self.history.current.files


def generate(data: Path, out: Path, editions: Path | None = None) -> Generated:
    """Validate data/ and every edition, then write the pages; nothing is written if any is bad.

    editions/ defaults to the folder beside data/.
    """
    recover(out)
    history = read_history(data, editions)
    return Generated(history, write_pages(site_pages(history), out), history.warnings)


def theme_text(text: str) -> Markup:
    """Data for a theme value the theme prints unescaped (site_name): escaped here, once.

    Material writes config.site_name raw into <title>, attributes and the header; as Markup
    its own `| e` leaves it alone, so every place shows the text exactly as typed.
    """
    return Markup(html.escape(" ".join(text.split()), quote=True))


def build_site(
    config: Path,
    site: Path,
    site_name: str | None = None,
    extra: dict[str, Any] | None = None,
    finish: Callable[[Path], object] | None = None,
) -> None:
    """Run the strict MkDocs build into a fresh folder, then swap it in for site/.

    site_name, when given, replaces mkdocs.yml's: the header shows the briefing's own title.
    `extra` adds to the config's `extra:` for the theme; `finish` adds to the fresh site
    (the PDF) before the swap, so site/ never links to a file it lacks.
    """
    # Imported here: `briefing check` and `generate` need no MkDocs.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _log_mkdocs_warnings()
    # MkDocs reads a relative site_dir against the config's folder, not ours: be absolute.
    config, site = config.resolve(), Path(os.path.abspath(site))
    # Made whole in .briefing/ beside site/, then swapped in: never half a site.
    with staged(site) as fresh:
        overrides = {"site_name": theme_text(site_name)} if site_name else {}
        cfg = load_config(config_file=str(config), site_dir=str(fresh), strict=True, **overrides)
        cfg["extra"].update(extra or {})
        build(cfg)
        step("built site")
        if finish is not None:
            finish(fresh)


def _log_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_briefing", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s: %(message)s"))
        handler._briefing = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
