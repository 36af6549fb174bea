"""The steps from data/ to content/ and site/, each usable on its own."""

from __future__ import annotations

import functools
import html
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator.atomic import recover, staged, step
from generator.data import Files, History, Problem, read_history
from generator.outputs import stamp
from generator.pages import WriteReport, keep_headings_clear, nav, site_pages, write_pages

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

    report: WriteReport
    warnings: list[Problem]
    title: str
    # Reads the data again when generation was skipped (nothing had changed) and it is asked.
    _read: Callable[[], History]

    @functools.cached_property
    def history(self) -> History:
        """Every edition, as validated."""
        return self._read()

    @property
    def files(self) -> Files:
        """The current data."""
        return self.history.current.files


def generate(data: Path, out: Path, editions: Path | None = None) -> Generated:
    """Validate data/ and every edition, then write the pages; nothing is written if any is bad.

    editions/ defaults to the folder beside data/. When data/, editions/ and the generator are
    as they were at the last generation into out/, and its pages are intact, nothing is read
    or written again (generator/outputs/stamp.py).
    """
    recover(out)  # what a killed run left: out/ is whole again
    editions = editions or data.parent / "editions"
    key = stamp.inputs_key(data, editions)
    kept = stamp.kept(out, key)
    if kept is not None:
        report = WriteReport(unchanged=sorted(kept.pages))
        return Generated(report, kept.warnings, kept.title, lambda: read_history(data, editions))
    history = read_history(data, editions)
    pages = site_pages(history)
    title = history.current.files.briefing.title

    def stamped(folder: Path) -> None:
        # In the new out/ before it is swapped in: pages and stamp appear together.
        stamp.record(folder, key, sorted(pages), history.warnings, title)

    report = write_pages(pages, out, finish=stamped)
    generated = Generated(report, history.warnings, title, lambda: history)
    generated.__dict__["history"] = history  # already read: cached_property's slot
    return generated


def theme_text(text: str) -> Markup:
    """Data for a theme value the theme prints unescaped (site_name): escaped here, once.

    Material writes config.site_name raw into <title>, attributes and the header; as Markup
    its own `| e` leaves it alone, so every place shows the text exactly as typed.
    """
    return Markup(html.escape(" ".join(text.split()), quote=True))


ENGINES = ("mkdocs", "zensical")


class SiteBuildError(Exception):
    """The site generator (MkDocs or Zensical) failed; the message says why, in one line."""


def build_site(
    config: Path,
    site: Path,
    site_name: str | None = None,
    extra: dict[str, Any] | None = None,
    finish: Callable[[Path], object] | None = None,
    engine: str = "mkdocs",
) -> None:
    """Build the site (MkDocs, strict; or Zensical) into a fresh folder, then swap it in.

    site_name, when given, replaces mkdocs.yml's: the header shows the briefing's own title.
    `extra` adds to the config's `extra:` for the theme; `finish` adds to the fresh site
    (the PDF) before the swap, so site/ never links to a file it lacks. The pages must be
    generated already: the config's hooks are not run. `engine` is "mkdocs" (Material for
    MkDocs) or "zensical" (its successor, building the same mkdocs.yml).
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _log_mkdocs_warnings()
    # MkDocs reads a relative site_dir against the config's folder, not ours: be absolute.
    config, site = config.resolve(), Path(os.path.abspath(site))
    # Made whole in .briefing/ beside site/, then swapped in: never half a site.
    with staged(site) as fresh:
        engines = {"mkdocs": _mkdocs_build, "zensical": _zensical_build}
        engines[engine](config, fresh, site_name, extra or {})
        step("built site")
        if finish is not None:
            finish(fresh)


def _mkdocs_build(config: Path, out: Path, site_name: str | None, extra: dict[str, Any]) -> None:
    """The strict MkDocs build of the generated pages into out/."""
    # Imported here: `briefing check` and `generate` need no MkDocs.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    overrides: dict[str, Any] = {"site_name": theme_text(site_name)} if site_name else {}
    # The pages are generated already: mkdocs.yml's hook (for plain `mkdocs serve`) would
    # generate them a second time.
    overrides["hooks"] = []
    cfg = load_config(config_file=str(config), site_dir=str(out), strict=True, **overrides)
    cfg["extra"].update(extra)
    if not cfg["nav"]:  # the navigation from the pages registry, as the hook gives it
        cfg["nav"] = nav()
    keep_headings_clear(cfg)
    build(cfg)


def _zensical_build(config: Path, out: Path, site_name: str | None, extra: dict[str, Any]) -> None:
    """Zensical builds a copy of mkdocs.yml that names the output folder and the title.

    Zensical takes the output folder only from the config, and runs no hooks nor `watch:`
    (neither is needed: the pages are generated already). The copy sits beside mkdocs.yml, so
    every path in it means the same, and is removed afterwards.
    """
    import yaml

    class EnvLoader(yaml.SafeLoader):
        """mkdocs.yml's `!ENV [NAME, default]`, resolved here as MkDocs would."""

    def env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            names, default = [loader.construct_scalar(node)], None
        else:
            assert isinstance(node, yaml.SequenceNode)
            *names, default = loader.construct_sequence(node)
        return next((os.environ[n] for n in names if n in os.environ), default)

    EnvLoader.add_constructor("!ENV", env)
    settings = yaml.load(config.read_text(encoding="utf-8"), Loader=EnvLoader)
    for ignored in ("hooks", "watch"):
        settings.pop(ignored, None)
    settings["site_dir"] = str(out)
    if site_name:
        settings["site_name"] = str(theme_text(site_name))
    settings["extra"] = {**(settings.get("extra") or {}), **extra}
    settings["nav"] = settings.get("nav") or nav()
    fd, name = tempfile.mkstemp(dir=config.parent, prefix=".zensical.", suffix=".yml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yaml.safe_dump(settings, handle, sort_keys=False, allow_unicode=True)
        command = [str(_zensical()), "build", "--config-file", name]
        done = subprocess.run(command, cwd=config.parent, capture_output=True, text=True)
    finally:
        Path(name).unlink(missing_ok=True)
    if done.returncode != 0 or not (out / "index.html").is_file():
        said = (done.stderr or done.stdout).strip().splitlines()
        raise SiteBuildError(f"zensical: {said[-1] if said else f'exit {done.returncode}'}")


def _zensical() -> Path:
    """The zensical command installed beside this Python, or on PATH."""
    beside = Path(sys.executable).with_name("zensical")
    found = beside if beside.is_file() else shutil.which("zensical")
    if found is None:
        raise SiteBuildError("zensical is not installed (pip install zensical)")
    return Path(found)


def _log_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_briefing", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s: %(message)s"))
        handler._briefing = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
