"""The whole briefing as one PDF: the built /print/ page, printed by headless Chromium."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from generator.outputs.chromium import browser
from generator.outputs.loopback import serve_folder

if TYPE_CHECKING:
    from playwright.sync_api import PdfMargins, Route

    from generator.data import Files

PDF_NAME = "briefing.pdf"
PAPER = {"a4": "A4", "letter": "Letter"}
# The sheet's margins; the running header and footer sit inside the top and bottom ones.
MARGIN: PdfMargins = {"top": "22mm", "bottom": "20mm", "left": "17mm", "right": "17mm"}
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


def make_pdf(site: Path, out: Path, masthead: Masthead, paper: str = "a4") -> int:
    """Print site/print/ to out with running header and footer; return the number of sheets."""
    if not (site / "print" / "index.html").is_file():
        raise PdfError(f"{site}/print/index.html is missing: build the site first")
    with serve_folder(site) as base, browser() as chromium:
        page = chromium.new_page()
        elsewhere: list[str] = []
        page.route("**/*", partial(_loopback_only, refused=elsewhere))
        page.goto(base + "print/", wait_until="load")
        page.emulate_media(media="print", color_scheme="light")
        page.add_style_tag(content=_NO_CSS_RUNNING_HEAD)
        printed = page.pdf(
            format=PAPER[paper],
            margin=MARGIN,
            display_header_footer=True,
            header_template=_RUNNING.format(
                left=html.escape(masthead.title), right=f"As of {html.escape(masthead.as_of)}"
            ),
            footer_template=_RUNNING.format(
                left="",
                right='Page <span class="pageNumber"></span> of <span class="totalPages"></span>',
            ),
            print_background=True,
            outline=True,
            tagged=True,
        )
        page.close()
    if elsewhere:
        raise PdfError(f"the print page asked for another host: {', '.join(sorted(elsewhere))}")
    return _write_with_metadata(printed, out, masthead)


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
    out.parent.mkdir(parents=True, exist_ok=True)
    partial_out = out.with_name(f".{out.name}.part")
    with partial_out.open("wb") as stream:
        writer.write(stream)
    partial_out.replace(out)
    return len(writer.pages)
