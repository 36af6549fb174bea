"""The same site on Zensical: `briefing build --engine zensical` gives every page the same
article text as Material for MkDocs."""

from __future__ import annotations

import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path

from conftest import copy_project, require, run_briefing

# Elements whose text a reader never sees as text.
HIDDEN = {"script", "style", "svg", "template"}
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class ArticleText(HTMLParser):
    """The words of a page's <article> (the page's own content, without the theme around it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # open elements inside the article (0: outside)
        self.hidden = 0
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        if self.depth:
            self.depth += 1
            self.hidden += tag in HIDDEN or self.hidden > 0
        elif tag == "article":
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not self.depth:
            return
        self.depth -= 1
        if self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.hidden:
            self.words += data.split()


def article_text(page: Path) -> str:
    parser = ArticleText()
    parser.feed(page.read_text(encoding="utf-8"))
    return " ".join(parser.words)


def pages(site: Path) -> dict[str, Path]:
    return {
        p.relative_to(site).as_posix(): p
        for p in site.rglob("index.html")
        if not p.relative_to(site).parts[0].startswith(("search", "assets"))
    }


def test_every_page_reads_the_same_on_zensical(tmp_path: Path) -> None:
    zensical = Path(sys.executable).with_name("zensical")
    require(zensical.is_file() or shutil.which("zensical"), "zensical is not installed")
    project = copy_project(tmp_path / "p")
    material = run_briefing("build", "--no-pdf", cwd=project)
    assert material.returncode == 0, material.stderr
    shutil.move(project / "site", tmp_path / "material")
    built = run_briefing("build", "--no-pdf", "--engine", "zensical", cwd=project)
    assert built.returncode == 0, built.stderr
    ours, theirs = pages(tmp_path / "material"), pages(project / "site")
    assert len(ours) > 20
    assert sorted(theirs) == sorted(ours)
    for name, page in ours.items():
        text = article_text(page)
        assert text, name  # the parser found the article: the comparison means something
        assert article_text(theirs[name]) == text, name
    # Zensical reads no hooks: the build needs none (mkdocs.yml's hook is for plain mkdocs).
    assert not any(project.glob(".zensical.*.yml"))
