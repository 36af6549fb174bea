"""The brief and the whole briefing as PDFs: the built /brief/ and /print/ pages, printed by
headless Chromium.

Printing is done twice or more: each print is read back to see on which sheet every heading
landed, so that the contents can give page numbers and a heading that fell at the foot of a sheet
can start the next one; the last print is the one kept, when nothing moved any more.
"""

from __future__ import annotations

import html
import io
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from generator.atomic import write_file
from generator.outputs.chromium import browser
from generator.outputs.loopback import serve_folder
from generator.pages import page

if TYPE_CHECKING:
    from playwright.sync_api import Page, PdfMargins, Route

    from generator.data import Files

# What each PDF prints, from the pages registry: the brief (a few sheets for a meeting) or the
# whole briefing.
_BRIEF, _FULL = page("brief.md"), page("print.md")
PDF_NAME = str(_BRIEF.pdf)
FULL_PDF_NAME = str(_FULL.pdf)
DOCUMENTS = {"brief": _BRIEF.url, "full": _FULL.url}
PAPER = {"a4": "A4", "letter": "Letter"}
BRIEF_SHEETS = 4  # the most sheets the brief should take: what a meeting reads
MM = 72 / 25.4  # PDF points in a millimetre
PX = 0.75  # PDF points in a CSS pixel
# The sheet's width less its side margins, in CSS pixels: the page is laid out at this width
# before it is printed, so that what is measured on it is what prints.
TEXT_WIDTH = {"a4": round((210 - 34) * MM / PX), "letter": round((215.9 - 34) * MM / PX)}
PRINTS = 8  # at most this many prints: each moves at most one heading on, so pages settle
# The sheet's margins; the running header and footer sit inside the top and bottom ones.
MARGIN: PdfMargins = {"top": "18mm", "bottom": "20mm", "left": "17mm", "right": "17mm"}
# Chromium's header and footer share no styles with the page: every rule is spelled out here.
_RUNNING = (
    '<div style="width:100%; margin:0 17mm; display:flex; justify-content:space-between; '
    "font:7.5pt 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif; color:#555;\">"
    "<span>{left}</span><span>{right}</span></div>"
)
# The page's own CSS running head and page numbers (for a browser print) would clash with ours.
_NO_CSS_RUNNING_HEAD = "@page { @top-left { content: none; } @bottom-right { content: none; } }"
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class PdfError(Exception):
    """The PDF could not be made for a reason other than bad input."""


@dataclass(frozen=True)
class Masthead:
    """What the running header and the document's metadata say."""

    title: str
    as_of: str


def masthead(files: Files) -> Masthead:
    """The title and as-of date of a validated briefing."""
    return Masthead(title=files.briefing.title, as_of=str(files.briefing.as_of))


def make_pdf(
    site: Path, out: Path, masthead: Masthead, paper: str = "a4", document: str = "brief"
) -> int:
    """Print the brief (or, with document="full", the whole briefing) to out with running
    header and footer, page numbers in its contents and no heading at the foot of a sheet;
    return the number of sheets."""
    path = DOCUMENTS[document]
    if not (site / path / "index.html").is_file():
        raise PdfError(f"{site}/{path}index.html is missing: build the site first")
    options: dict[str, Any] = {
        "format": PAPER[paper],
        "margin": MARGIN,
        "display_header_footer": True,
        "header_template": _RUNNING.format(
            left=html.escape(masthead.title), right=f"As of {html.escape(masthead.as_of)}"
        ),
        "footer_template": _RUNNING.format(
            left="",
            right='Page <span class="pageNumber"></span> of <span class="totalPages"></span>',
        ),
        "print_background": True,
        "outline": True,
        "tagged": True,
    }
    with serve_folder(site) as base, browser() as chromium:
        page = chromium.new_page()
        elsewhere: list[str] = []
        page.route("**/*", partial(_loopback_only, refused=elsewhere))
        page.set_viewport_size({"width": TEXT_WIDTH[paper], "height": 1000})
        page.goto(base + path, wait_until="load")
        page.emulate_media(media="print", color_scheme="light")
        page.add_style_tag(content=_NO_CSS_RUNNING_HEAD)
        printed = _paginate(page, options)
        page.close()
    if elsewhere:
        raise PdfError(f"the print page asked for another host: {', '.join(sorted(elsewhere))}")
    sheets = _write_with_metadata(printed, out, masthead)
    if document == "brief" and sheets > BRIEF_SHEETS:
        print(
            f"{out}: warning: the brief prints on {sheets} sheets of {PAPER[paper]}, more than "
            f"the {BRIEF_SHEETS} a meeting reads\n    hint: shorten the key points or the bottom "
            "line, or mark fewer judgments `key: true` in outlook.yml",
            file=sys.stderr,
        )
    return sheets


@dataclass(frozen=True)
class Landing:
    """Where a heading landed in a print: its sheet (from 1), and how many lines of text follow
    it on that sheet."""

    sheet: int
    lines_after: int


# The article's headings in reading order, as the PDF's outline lists them: id, words, height.
_HEADINGS = """() => [...document.querySelectorAll('article :is(h1, h2, h3, h4, h5, h6)')]
  .filter(h => h.getClientRects().length)
  .map(h => [h.id, h.textContent.replace(/\\s+/g, ' ').trim(), h.getBoundingClientRect().height])"""
# Write each part's sheet into the contents, and start the next sheet at the headings given.
_APPLY = """({numbers, pushed}) => {
  for (const link of document.querySelectorAll('#contents + ol a[href^="#"]')) {
    const item = link.closest('li');
    let number = item.querySelector('.briefing-page');
    if (!number) {
      number = document.createElement('span');
      number.className = 'briefing-page';
      item.append(number);
    }
    number.textContent = numbers[decodeURIComponent(link.hash.slice(1))] || '';
  }
  const heading = e => e && /^H[1-6]$/.test(e.tagName);
  for (const id of pushed) {
    let first = document.getElementById(id);
    // A heading right under another, or under another's short introduction, takes it along.
    for (;;) {
      const before = first?.previousElementSibling;
      const lines = before ? before.getBoundingClientRect().height
        / (parseFloat(getComputedStyle(before).lineHeight) || 16) : 0;
      if (heading(before)) first = before;
      else if (before?.tagName === 'P' && lines < 2.5 && heading(before.previousElementSibling))
        first = before.previousElementSibling;
      else break;
    }
    first?.classList.add('briefing-next-sheet');
  }
}"""


def _paginate(page: Page, options: dict[str, Any]) -> bytes:
    """Print until the pages stop moving: the contents' numbers match where the parts landed,
    and no heading sits at the foot of a sheet with fewer than two lines of text under it."""
    headings: list[tuple[str, str, float]] = page.evaluate(_HEADINGS)
    shown: dict[str, int] = {}
    pushed: set[str] = set()
    printed = b""
    for _ in range(PRINTS):
        printed = page.pdf(**options)
        sheets, landed = landings(printed, [(words, height * PX) for _, words, height in headings])
        spots = [(id_, spot) for (id_, _, _), spot in zip(headings, landed, strict=True) if spot]
        numbers = {id_: spot.sheet for id_, spot in spots}
        # On the last sheet a heading may end the document with a line or two: nothing follows.
        # Only the first stranded heading moves on in each print: moving it moves all after it.
        stranded = next(
            (id_ for id_, spot in spots if id_ and spot.lines_after < 2 and spot.sheet < sheets),
            None,
        )
        if numbers == shown and stranded is None:
            break
        if stranded is not None:
            pushed.add(stranded)
        shown = numbers
        page.evaluate(_APPLY, {"numbers": numbers, "pushed": sorted(pushed)})
    return printed


def landings(printed: bytes, headings: list[tuple[str, float]]) -> tuple[int, list[Landing | None]]:
    """The number of sheets of a printed PDF, and for each heading (its words and height in
    points, in reading order) where it landed, read from the PDF's outline and the lines of text
    on its sheet; None for a heading the outline lacks."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(printed))
    foot = _points(MARGIN["bottom"])
    baselines: dict[int, set[int]] = {}

    def lines_under(index: int, y: float) -> int:
        if index not in baselines:
            found: set[int] = set()

            def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
                # The baseline in the sheet's coordinates; the running footer lies below `foot`.
                line = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                if text.strip() and line > foot:
                    found.add(round(line))

            reader.pages[index].extract_text(visitor_text=visit)
            baselines[index] = found
        return sum(1 for line in baselines[index] if line < y)

    items: list[tuple[str, int, float]] = []

    def walk(outline: list[Any]) -> None:
        for item in outline:
            if isinstance(item, list):
                walk(item)
            elif (index := reader.get_destination_page_number(item)) is not None:
                top = float(item.top) if item.top is not None else foot
                # Chromium drops the space where a heading wraps: words are compared bare.
                items.append(("".join(str(item.title).split()).casefold(), index, top))

    walk(reader.outline)
    found: list[Landing | None] = []
    start = 0
    for words, height in headings:
        bare = "".join(words.split()).casefold()
        match = next((i for i in range(start, len(items)) if items[i][0] == bare), None)
        if match is None:
            found.append(None)
            continue
        _, index, top = items[match]
        found.append(Landing(index + 1, lines_under(index, top - height)))
        start = match + 1
    return len(reader.pages), found


def _points(length: str | float | None) -> float:
    """A margin such as '20mm' in PDF points."""
    text = str(length)
    return float(text.removesuffix("mm")) * MM if text.endswith("mm") else float(text)


def _loopback_only(route: Route, refused: list[str]) -> None:
    """Let the page load from the local server only; record and refuse anything else."""
    parts = urlsplit(route.request.url)
    loopback = parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname in _LOOPBACK
    if loopback or parts.scheme in {"data", "blob", "about"}:
        route.continue_()
    else:
        refused.append(f"{parts.scheme}://{parts.netloc}")
        route.abort()


def _write_with_metadata(printed: bytes, out: Path, masthead: Masthead) -> int:
    """Write the PDF with the briefing's title, as-of date and creation date in its metadata."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(printed)))
    now = datetime.now(UTC).strftime("D:%Y%m%d%H%M%SZ")
    writer.add_metadata(
        {
            "/Title": masthead.title,
            "/Subject": f"Briefing as of {masthead.as_of}",
            "/Creator": "briefing",
            "/CreationDate": now,
            "/ModDate": now,
        }
    )
    write_file(out, writer.write)
    return len(writer.pages)
