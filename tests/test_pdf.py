"""`briefing pdf` and printing: real headless Chromium, real PDFs, read back with pypdf."""

import io
import re

import pytest
from pypdf import PdfReader

from conftest import PRINT_PARTS, SEED_DATA, copy_project, require, run_briefing
from generator.data.validation import read_briefing
from generator.outputs.chromium import find_chromium
from generator.outputs.loopback import serve_folder

PARTS = PRINT_PARTS
CHROME = ["Skip to content", "Search", "Table of contents", "Download the whole briefing"]


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seed_pdf(printed) -> PdfReader:
    """The whole briefing, as `briefing pdf --full` prints it."""
    return PdfReader(printed("full"))


@pytest.fixture(scope="module")
def sheets(seed_pdf) -> list[str]:
    return [words(page.extract_text()) for page in seed_pdf.pages]


def test_the_pdf_has_more_than_one_page_and_page_n_of_m_on_every_one(sheets):
    assert len(sheets) > 1
    for number, sheet in enumerate(sheets, 1):
        assert f"Page {number} of {len(sheets)}" in sheet, number


def test_every_page_carries_the_title_and_as_of_date_once(sheets):
    title = read_briefing(SEED_DATA).briefing.title
    for number, sheet in enumerate(sheets, 1):
        assert title in sheet and "As of 31 March 2025" in sheet, number
        if number > 1:  # the PDF's running header only: the browser's own running head is off
            assert sheet.count(f"{title} As of 31 March 2025") == 1, number
            assert f"{title} · As of" not in sheet, number


def test_the_pdf_has_every_part_as_a_clickable_outline_in_reading_order(seed_pdf):
    def titles(outline) -> list[str]:
        found = []
        for item in outline:
            found.extend(titles(item) if isinstance(item, list) else [item.title])
        return found

    outline = titles(seed_pdf.outline)
    positions = [
        next(i for i, title in enumerate(outline) if title.startswith(part)) for part in PARTS
    ]
    assert positions == sorted(positions)


def test_the_contents_on_the_cover_link_inside_the_document(seed_pdf):
    links = [a.get_object() for a in seed_pdf.pages[0].get("/Annots", [])]
    internal = [a for a in links if a.get("/Subtype") == "/Link" and "/Dest" in a]
    assert len(internal) >= len(PARTS)


def test_the_pdf_holds_the_key_facts_from_the_data(sheets):
    files = read_briefing(SEED_DATA)
    text = " ".join(sheets)
    for part in PARTS:
        assert part in text, part
    for actor in files.actors:
        assert actor.name in text, actor.name
    for event in files.events:
        assert event.title in text, event.title
    for source in files.sources:
        assert source.outlet in text, source.outlet
        if source.url:  # an address survives on paper, though it may wrap
            assert source.url.replace("/", "") in text.replace(" ", "").replace("/", "")


def test_the_pdf_shows_none_of_the_site_chrome(sheets):
    for sheet in sheets:
        for chrome in CHROME:
            assert chrome not in sheet, chrome


def test_no_page_of_the_pdf_is_blank(sheets):
    title = read_briefing(SEED_DATA).briefing.title
    for number, sheet in enumerate(sheets, 1):
        body = sheet.replace(title, "").replace("As of 31 March 2025", "")
        body = re.sub(r"Page \d+ of \d+", "", body)
        assert len(body.split()) > 20, f"page {number} is (nearly) blank: {body!r}"


def test_the_pdf_metadata_gives_the_title_and_as_of_date(seed_pdf):
    files = read_briefing(SEED_DATA)
    assert seed_pdf.metadata.title == files.briefing.title
    assert "31 March 2025" in seed_pdf.metadata.subject
    assert seed_pdf.metadata.creation_date is not None


def test_letter_paper_is_an_option(printed):
    sheet = PdfReader(printed("brief", "letter")).pages[0].mediabox
    assert (round(float(sheet.width)), round(float(sheet.height))) == (612, 792)


def test_without_chromium_pdf_says_so_and_exits_2(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "no-browser")
    monkeypatch.setenv("BRIEFING_CHROMIUM", str(tmp_path / "no-such-browser"))
    result = run_briefing("pdf", cwd=project)
    assert result.returncode == 2
    assert "no Chromium or Chrome browser was found" in result.stderr
    assert "apt-get install chromium" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "briefing.pdf").exists()


def test_a_request_to_another_host_fails_the_pdf(tmp_path):
    require(find_chromium(), "Chromium is not installed (apt-get install chromium)")
    project = copy_project(tmp_path / "leaky")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "extra_css:\n", "extra_css:\n  - https://fonts.example.org/leak.css\n"
        )
    )
    result = run_briefing("pdf", cwd=project)
    assert result.returncode == 1
    assert "another host: https://fonts.example.org" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "briefing.pdf").exists()


def test_build_offers_the_pdf_as_a_download_when_chromium_is_there(tmp_path):
    require(find_chromium(), "Chromium is not installed (apt-get install chromium)")
    project = copy_project(tmp_path / "with-pdf")
    result = run_briefing("build", cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    title = read_briefing(SEED_DATA).briefing.title
    brief, whole = PdfReader(site / "briefing.pdf"), PdfReader(site / "briefing-full.pdf")
    for made in (brief, whole):
        assert made.metadata.title == title
        assert "Download" not in " ".join(p.extract_text() for p in made.pages)
    assert len(brief.pages) < len(whole.pages)
    home = (site / "index.html").read_text()
    assert 'href="briefing.pdf" download' in home and 'href="briefing-full.pdf" download' in home
    assert 'href="../briefing-full.pdf" download' in (site / "print/index.html").read_text()
    assert 'href="../briefing.pdf" download' in (site / "brief/index.html").read_text()


def test_build_without_chromium_links_no_pdf_and_still_builds_strictly(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "without-pdf")
    monkeypatch.setenv("BRIEFING_CHROMIUM", str(tmp_path / "no-such-browser"))
    result = run_briefing("build", cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert not (site / "briefing.pdf").exists()
    assert "briefing.pdf" not in (site / "index.html").read_text()


def test_one_page_printed_from_the_browser_shows_no_site_chrome(seed_site, chromium):
    with serve_folder(seed_site) as base:
        page = chromium.new_page()
        page.goto(base + "timeline/")
        page.emulate_media(media="print")
        printed = PdfReader(io.BytesIO(page.pdf(format="A4")))
    sheets = [words(p.extract_text()) for p in printed.pages]
    title = read_briefing(SEED_DATA).briefing.title
    # Under the page's heading, for browsers that draw no running head.
    assert f"Timeline {title} · As of 31 March 2025" in sheets[0]
    assert len(sheets) > 1
    for number, sheet in enumerate(sheets, 1):
        for chrome in [*CHROME, "Background Actors Timeline"]:
            assert chrome not in sheet, (number, chrome)
        # Chromium draws the page's @page margin boxes: running head and page numbers.
        assert f"{title} · As of 31 March 2025" in sheet, number
        assert f"Page {number} of {len(sheets)}" in sheet, number


def test_printing_in_dark_mode_gives_dark_ink_on_white(seed_site, chromium):
    with serve_folder(seed_site) as base:
        page = chromium.new_page(color_scheme="dark")
        page.goto(base + "print/")
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        page.emulate_media(media="print", color_scheme="dark")
        colours = page.evaluate(
            """() => [document.body, document.querySelector('article p'),
                      document.querySelector('article table td')]
                .map(e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor])"""
        )
    body, paragraph, cell = colours
    assert body[1] == "rgb(255, 255, 255)"
    for colour, _ in colours:
        red, green, blue = (int(n) for n in re.findall(r"\d+", colour)[:3])
        assert max(red, green, blue) < 80, colour  # dark ink, not slate's light grey
    assert cell[1] in {"rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"}
    assert paragraph


def test_pdf_on_bad_data_reports_the_problem_and_exits_2(tmp_path):
    require(find_chromium(), "Chromium is not installed (apt-get install chromium)")
    project = copy_project(tmp_path / "bad")
    briefing = project / "data/briefing.yml"
    briefing.write_text(briefing.read_text().replace("as_of: 2025-03-31", "as_of: someday"))
    result = run_briefing("pdf", cwd=project)
    assert result.returncode == 2
    assert "briefing.yml:" in result.stderr and "as_of" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "briefing.pdf").exists()
