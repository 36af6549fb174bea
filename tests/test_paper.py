"""Paper: the brief on a few sheets and the whole briefing, read back from the real PDFs as a
reader holds them: how many sheets, how full each is, where headings fall, what the contents and
citations say, and that nothing prints in colour."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from html import unescape
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import SEED_DATA, copy_project, dump, require, run_briefing
from generator.data.validation import read_briefing
from generator.data.vocabulary import estimate_words

MM = 72 / 25.4
TOP, FOOT = 18, 20  # the text area's margins on a sheet, in millimetres (print.css @page)
PRINTS = [("brief", "a4"), ("brief", "letter"), ("full", "a4")]
EACH = pytest.mark.parametrize(("document", "paper"), PRINTS, ids=[f"{d}-{p}" for d, p in PRINTS])


def poppler() -> None:
    require(shutil.which("pdftoppm") and shutil.which("pdftotext"), "poppler-utils is missing")


def rasters(pdf: Path, colour: bool = False) -> list[tuple[int, int, bytes]]:
    """Each sheet drawn at 40 dots an inch by pdftoppm: (width, height, pixels), grey or RGB."""
    with tempfile.TemporaryDirectory() as folder:
        mode = [] if colour else ["-gray"]
        subprocess.run(["pdftoppm", *mode, "-r", "40", str(pdf), f"{folder}/s"], check=True)
        drawn = []
        for path in sorted(Path(folder).iterdir()):
            data = path.read_bytes()
            _, width, height, _, pixels = data.split(maxsplit=4)
            size = int(width) * int(height) * (3 if colour else 1)
            drawn.append((int(width), int(height), pixels[-size:]))
        return drawn


def fill(width: int, height: int, pixels: bytes) -> float:
    """How far down its text area a sheet is inked, from 0 to 1 (running head and foot aside)."""
    top, bottom = round(TOP / 25.4 * 40), height - round(FOOT / 25.4 * 40)
    lowest = top
    for y in range(top, bottom):
        if min(pixels[y * width : (y + 1) * width]) < 160:
            lowest = y
    return (lowest - top) / (bottom - top)


def outline(pdf: Path) -> list[tuple[str, int]]:
    """Every heading in the PDF's outline: its words and the sheet it starts on."""
    reader = PdfReader(pdf)
    found: list[tuple[str, int]] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                sheet = reader.get_destination_page_number(item) + 1
                found.append((" ".join(str(item.title).split()), sheet))

    walk(reader.outline)
    return found


Line = tuple[float, float, float, float, str]  # left, top, right, bottom (points), words


def text_lines(pdf: Path) -> list[list[Line]]:
    """Each sheet's lines of text with their boxes, as pdftotext finds them, running head and
    foot left out."""
    layout = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    sheets = []
    for height, body in re.findall(
        r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', layout, re.S
    ):
        lines = []
        for match in re.finditer(
            r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>',
            body,
            re.S,
        ):
            words = " ".join(unescape(w) for w in re.findall(r"<word[^>]*>(.*?)</word>", match[5]))
            box = [float(match[i]) for i in range(1, 5)]
            if box[1] > TOP * MM - 4 and box[3] < float(height) - FOOT * MM + 2:
                lines.append((*box, words))
        sheets.append(lines)
    return sheets


def bare(words: str) -> str:
    return "".join(words.split()).casefold()


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_brief_is_at_most_four_sheets_and_the_whole_briefing_is_longer(printed, paper):
    brief = len(PdfReader(printed("brief", paper)).pages)
    assert 2 <= brief <= 4, brief
    if paper == "a4":
        assert len(PdfReader(printed("full")).pages) > brief


def test_the_brief_holds_what_a_meeting_needs(printed):
    poppler()
    files = read_briefing(SEED_DATA)
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(printed("brief")), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert files.briefing.summary.text.split(".")[0] in text
    for point in files.briefing.key_points:
        assert " ".join(point.text.split()[:6]) in text
    for judgment in files.outlook.judgments:
        assert estimate_words(judgment.likelihood, judgment.confidence, start=True) in text
    next_event = next(e for e in files.events if e.id == files.outlook.next_event)
    assert next_event.title in text and "(11 to 20 April 2025)" in text
    # The timeline: the eight latest events and those ahead; the earlier ones are counted.
    timeline = sorted(files.events, key=lambda e: (e.date.sort_key, e.id))
    ahead = [e for e in timeline if e.date.start > files.briefing.as_of.end]
    before = [e for e in timeline if e not in ahead]
    assert len(ahead) <= 8  # the seed's few events ahead are all shown
    for event in before[-8:] + ahead:
        assert event.title in text, event.id
    for event in before[:-8]:
        assert event.title not in text, event.id
    if len(before) > 8:
        assert f"the {len(before) - 8} others are in the whole briefing" in text
    headings = [words for words, _ in outline(printed("brief"))]
    for part in ("Bottom line", "Key judgments", "Next event", "Timeline", "Sources"):
        assert part in headings


@EACH
def test_no_sheet_is_less_than_a_third_full_but_the_last(printed, document, paper):
    poppler()
    fills = [fill(*sheet) for sheet in rasters(printed(document, paper))]
    assert len(fills) > 1
    assert [round(f, 2) for f in fills[:-1] if f < 1 / 3] == [], fills
    assert fills[-1] > 0


@EACH
def test_no_heading_sits_at_the_foot_of_a_sheet(printed, document, paper):
    """Under every heading, on its own sheet, at least two lines of text follow (unless the
    document ends there)."""
    poppler()
    pdf = printed(document, paper)
    sheets = text_lines(pdf)
    checked = 0
    for words, sheet in outline(pdf):
        lines = sheets[sheet - 1]
        start = next(
            (
                i
                for i, line in enumerate(lines)
                if line[4] and bare(words).startswith(bare(line[4]))
            ),
            None,
        )
        assert start is not None, (words, sheet)
        # The heading's own lines (a long one wraps), then what follows it in its column.
        rest, end = bare(words)[len(bare(lines[start][4])) :], start
        while rest and end + 1 < len(lines) and rest.startswith(bare(lines[end + 1][4])):
            rest, end = rest[len(bare(lines[end + 1][4])) :], end + 1
        left, bottom = lines[start][0], lines[end][3]
        under = [
            line
            for line in lines
            if line[1] >= bottom - 1 and line[0] < left + 200 and line[2] > left
        ]
        if sheet < len(sheets):
            assert len(under) >= 2, (words, sheet, [line[4] for line in under])
        checked += 1
    assert checked >= 5


@EACH
def test_the_contents_give_the_sheet_each_part_starts_on(printed, document, paper):
    poppler()
    pdf = printed(document, paper)
    first = " ".join(
        subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    )
    contents = first.split("CONTENTS", 1)[1]
    starts = dict(reversed(outline(pdf)))  # the first heading of each name
    entries = re.findall(r"([A-Z][A-Za-z ]+?) (\d+)(?= [A-Z]|$)", contents[:600])
    assert len(entries) >= 5, contents[:600]
    for label, number in entries:
        heading = next(
            (words for words in starts if words.startswith(label.split(" and ")[0])), None
        )
        assert heading is not None, label
        assert int(number) == starts[heading], (label, number, starts[heading])


@EACH
def test_citations_are_numbers_the_printed_sources_list_resolves(printed, document, paper):
    poppler()
    files = read_briefing(SEED_DATA)
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(printed(document, paper)), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    )
    body, sources = (
        text.rsplit("Sources ", 1)
        if document == "brief"
        else text.split("Sources Every statement", 1)
    )
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
    assert cited and max(cited) <= len(files.sources)
    if document == "brief":
        # The brief lists the sources it cites, each under its number in the whole briefing.
        listed = {int(n) for n in re.findall(r"\[(\d+)\] ", sources)}
        assert listed == cited
        for number in cited:
            assert f"[{number}] {files.sources[number - 1].outlet}" in sources, number
        return
    # The list gives every source under its number, in order, and says which have no address.
    for number, source in enumerate(files.sources, 1):
        assert f"{number}. {source.outlet}" in sources, (number, source.outlet)
    assert sources.count("No web address recorded.") == sum(1 for s in files.sources if not s.url)


@EACH
def test_nothing_prints_in_colour(printed, document, paper):
    """Ink only: no blue links or marks, so nothing on paper pretends it can be clicked."""
    poppler()
    for number, (_, _, pixels) in enumerate(rasters(printed(document, paper), colour=True), 1):
        coloured = sum(
            1
            for i in range(0, len(pixels), 3)
            if max(pixels[i : i + 3]) - min(pixels[i : i + 3]) > 60
        )
        assert coloured == 0, (number, coloured)


def test_the_whole_briefing_prints_actor_profiles_several_to_a_sheet(printed):
    files = read_briefing(SEED_DATA)
    names = {actor.name for actor in files.actors}
    sheets = [sheet for words, sheet in outline(printed("full")) if words in names]
    assert len(sheets) == len(files.actors)
    assert len(set(sheets)) * 3 <= len(files.actors), sheets


def test_a_long_briefing_still_prints_a_brief_of_four_sheets(tmp_path):
    """Three times the seed's events and sources and nine judgments, three of them key: the brief
    keeps to the key judgments, the latest events and those ahead, and the sources it cites."""
    poppler()
    from generator.outputs.chromium import find_chromium

    require(find_chromium(), "Chromium is not installed (apt-get install chromium)")
    data = tmp_path / "data"
    shutil.copytree(SEED_DATA, data)
    load = lambda name: yaml.safe_load((data / name).read_text(encoding="utf-8"))  # noqa: E731
    sources, events, outlook = load("sources.yml"), load("events.yml"), load("outlook.yml")
    more_sources = [
        {**source, "id": f"{source['id']}-copy-{n}"} for n in (1, 2) for source in sources
    ]
    more_events = [
        {
            **event,
            "id": f"{event['id']}-copy-{n}",
            "sources": [f"{s}-copy-{n}" for s in event["sources"]],
        }
        for n in (1, 2)
        for event in events
        if event.get("status") == "held"
    ]
    judgments = outlook["judgments"]
    for n in range(9 - len(judgments)):
        judgments.append({**judgments[n % len(judgments)], "id": f"extra-judgment-{n}"})
    for judgment in judgments[:3]:
        judgment["key"] = True
    dump(data / "sources.yml", sources + more_sources)
    dump(data / "events.yml", events + more_events)
    dump(data / "outlook.yml", outlook)
    project = copy_project(tmp_path / "project", data)
    result = run_briefing("pdf", "--out", "brief.pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    pdf = project / "brief.pdf"
    assert len(PdfReader(pdf).pages) <= 4
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "The key judgments: all 9 are in the whole briefing" in text
    assert re.search(
        r"The 8 latest events and those ahead; the \d+ others are in the whole briefing", text
    )
    body, listed = text.rsplit("Sources ", 1)
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
    assert {int(n) for n in re.findall(r"\[(\d+)\] ", listed)} == cited
