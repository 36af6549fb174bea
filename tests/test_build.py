"""End to end: the real strict MkDocs build, on the seed and on another story."""

import re
from pathlib import Path

from conftest import copy_project, run_briefing, small_briefing

PAGES = [
    "index.html",
    "background/index.html",
    "actors/index.html",
    "timeline/index.html",
    "outlook/index.html",
    "sources/index.html",
    "method/index.html",
]


def test_the_seed_builds_every_page(seed_site: Path):
    for page in PAGES:
        assert (seed_site / page).is_file(), page
    actor_pages = list((seed_site / "actors").glob("*/index.html"))
    assert len(actor_pages) >= 10


def test_an_actor_page_shows_their_claim_and_links_to_its_source_entry(seed_site: Path):
    sources = (seed_site / "sources/index.html").read_text()
    anchors = set(re.findall(r'id="(src-[a-z0-9-]+)"', sources))
    checked = 0
    for page in (seed_site / "actors").glob("*/index.html"):
        html = page.read_text()
        if "Statements" not in html:
            continue
        assert 'class="admonition quote"' in html
        for target in re.findall(r'href="\.\./\.\./sources/#(src-[a-z0-9-]+)"', html):
            assert target in anchors
            checked += 1
    assert checked > 0


def test_every_page_shows_the_as_of_date(seed_site: Path):
    for page in seed_site.rglob("index.html"):
        if "search" in page.parts or page.parent.name == "404":
            continue
        assert "As of 31 March 2025" in page.read_text(), page


def test_the_disputed_date_is_shown_with_both_versions(seed_site: Path):
    html = (seed_site / "timeline/index.html").read_text()
    assert "Sources disagree on the date" in html
    assert "30 March 2025" in html and "31 March 2025" in html


def test_judgments_are_labelled_as_analysis(seed_site: Path):
    html = (seed_site / "outlook/index.html").read_text()
    assert "Analysis, not fact" in html
    assert "Roughly even chance (45\u201355%), low confidence." in html


def test_a_briefing_on_another_story_builds_strictly(tmp_path, write_data):
    data = write_data(small_briefing(), tmp_path / "other-data")
    project = copy_project(tmp_path / "other", data=data)
    result = run_briefing("build", cwd=project)
    assert result.returncode == 0, result.stderr
    home = (project / "site/index.html").read_text()
    assert "Harbour city votes on a tram line" in home
    mayor = (project / "site/actors/mayor-lind/index.html").read_text()
    assert "The tram will be running by 2027." in mayor
    assert 'href="../../sources/#src-gazette"' in mayor


def test_build_on_bad_data_leaves_content_and_site_untouched(tmp_path):
    project = copy_project(tmp_path / "p")
    assert run_briefing("build", cwd=project).returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    before |= {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}
    events = project / "data/events.yml"
    events.write_text(events.read_text().replace("  status: held", "  status: hled", 1))
    result = run_briefing("build", cwd=project)
    assert result.returncode == 2
    assert "data/events.yml:" in result.stderr and "did you mean 'held'?" in result.stderr
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    after |= {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}
    assert after == before
