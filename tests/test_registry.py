"""One list of pages (generator/pages/registry.py): the templates rendered, the navigation, the
whole-briefing print page, the PDFs and the ignore rules of content/ all follow from it."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin

from conftest import REPO, SEED_DATA, copy_project, run_briefing
from generator.data import read_briefing, read_history
from generator.data.views import derive
from generator.outputs import pdf
from generator.pages import FEED, PAGES, ignore_rules, nav, page, pages, site_pages
from generator.pages.registry import EDITION_PAGES, PRINTED, SITE_PAGES


def test_every_page_in_the_registry_is_rendered_from_its_template_and_no_other():
    files = read_briefing(SEED_DATA)
    rendered = pages(derive(files))
    actors = {f"actors/{a.id}.md" for a in files.actors}
    assert set(rendered) == {p.path for p in EDITION_PAGES} | actors
    whole = site_pages(read_history(SEED_DATA, SEED_DATA.parent / "no-editions"))
    assert set(whole) == {p.path for p in PAGES} | actors | {FEED}
    for entry in PAGES:
        assert (REPO / "generator/pages/templates" / entry.template).is_file(), entry
    assert {p.path for p in SITE_PAGES} == {"changes.md", "scorecard.md", "editions/index.md"}


def test_mkdocs_yml_lists_no_nav_of_its_own():
    # The hook gives the navigation from the registry; a nav here would be a second list.
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^nav:", config, re.MULTILINE)
    assert "generator/outputs/mkdocs_hook.py" in config


def _nav_entries(page_html: str) -> list[tuple[str, str]]:
    """The primary navigation's top-level entries of a built page: (title, address)."""
    primary = page_html.split('class="md-nav md-nav--primary"', 1)[1]
    primary = primary.split('class="md-sidebar md-sidebar--secondary"', 1)[0]
    entries = re.findall(
        r'<a href="([^"]*)" class="md-nav__link[^"]*">'
        r'\s*<span class="md-ellipsis">\s*(.*?)\s*</span>',
        primary,
        re.DOTALL,
    )
    return [(html.unescape(title), href) for href, title in entries]


def test_the_built_sites_navigation_is_the_registrys(seed_site: Path):
    entries = _nav_entries((seed_site / "sources/index.html").read_text(encoding="utf-8"))
    expected = [(title, path) for item in nav() for title, path in item.items()]
    assert [title for title, _ in entries] == [title for title, _ in expected]
    assert len(entries) == len([p for p in PAGES if p.nav]) >= 10
    # Each entry leads to its page (addresses are relative to /sources/).
    for (_, href), (_, path) in zip(entries, expected, strict=True):
        assert urljoin("http://site/sources/", href) == "http://site/" + page(path).url, path
    # Pages left out of the navigation are still built.
    assert (seed_site / "editions/index.html").is_file()
    assert "Editions" not in [title for title, _ in entries]


def test_the_whole_briefing_prints_the_registrys_parts_in_order():
    whole = pages(derive(read_briefing(SEED_DATA)))["print.md"]
    contents = whole.split("## Contents", 1)[1].split("\n\n", 2)[1]
    titles = re.findall(r"^1\. \[(.*?)\]\(#", contents, re.MULTILINE)
    assert titles == [p.printed for p in PRINTED]
    assert titles[0] == "Summary" and "How to read this briefing" in titles


def test_the_pdfs_print_the_registrys_pages():
    assert pdf.DOCUMENTS == {"brief": "brief/", "full": "print/"}
    assert (pdf.PDF_NAME, pdf.FULL_PDF_NAME) == ("briefing.pdf", "briefing-full.pdf")


def test_the_ignore_rules_of_content_are_the_registrys():
    assert (REPO / "content/.gitignore").read_text(encoding="utf-8") == ignore_rules()


def _git(*args: str, cwd: Path) -> str:
    identity = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    done = subprocess.run(
        ["git", *identity, *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_git_ignores_every_generated_file_and_nothing_an_editor_writes(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "generator").unlink()  # the test's link to the hook, not a project file
    shutil.copy(REPO / "content/.gitignore", project / "content/.gitignore")
    (project / "content/notes.md").write_text("An editor's own page.\n", encoding="utf-8")
    _git("init", "-q", cwd=project)
    _git("add", "-A", cwd=project)
    _git("commit", "-q", "-m", "project", cwd=project)
    # Issue the seed as an edition, so that editions/ pages are generated too.
    assert run_briefing("edition", "First", cwd=project).returncode == 0
    made = run_briefing("generate", cwd=project)
    assert made.returncode == 0, made.stderr
    generated = {
        p.relative_to(project / "content").as_posix()
        for p in (project / "content").rglob("*")
        if p.is_file() and p.name not in {".gitignore", "notes.md"}
    }
    assert {p.path for p in PAGES} | {FEED} <= generated
    assert any(g.startswith("editions/") for g in generated)
    (project / "content/notes.md").write_text("Changed.\n", encoding="utf-8")
    status = _git("status", "--porcelain", "--untracked-files=all", "content", cwd=project)
    assert status.splitlines() == [" M content/notes.md"]


def test_the_registry_has_one_entry_per_path_and_title():
    assert len({p.path for p in PAGES}) == len(PAGES)
    assert len({p.title for p in PAGES}) == len(PAGES)
