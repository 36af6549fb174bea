"""Pieces for writing SVG as text: escaping, text width, boxes, the figure around a graphic."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

# Characters XML 1.0 forbids; data could carry them, and one would make the page's SVG invalid.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# An average character of a sans-serif face is about half an em wide; 0.6 leaves a margin, so a
# label measured here is never narrower than the browser draws it.
CHAR_WIDTH = 0.6


def clean(value: object) -> str:
    """Data as one line of plain text with no character XML forbids."""
    return " ".join(_NOT_XML.sub("", str(value)).split())


# (Written out rather than taken from xml.sax.saxutils, whose import pulls in urllib.request,
# http.client and ssl: a twentieth of a second or more at every command's start.)
def esc(value: object) -> str:
    """Data as XML character data."""
    return clean(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(value: object) -> str:
    """Data as a quoted XML attribute value: in double quotes, or in single quotes around a
    double quote (with both quotes in it, double quotes, each written as &quot;)."""
    text = esc(value)  # one line: no newline or tab is left to escape
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace('"', "&quot;") + '"'


def num(value: float) -> str:
    """A coordinate with at most one decimal, so the same layout always gives the same bytes."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def text_width(text: str, size: float) -> float:
    """The width a line of text takes at a font size, estimated generously."""
    return len(text) * CHAR_WIDTH * size


def wrap(text: str, size: float, width: float, lines: int) -> list[str]:
    """Break text into at most `lines` lines that fit `width`; the last ends in '…' if cut."""
    most = max(4, int(width / (CHAR_WIDTH * size)))
    wrapped = textwrap.wrap(clean(text), most) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: most - 1].rstrip() + "…"
    return wrapped


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in the graphic's coordinates."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        """True when the two boxes share any area (touching edges do not count)."""
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def contains(self, point: tuple[float, float]) -> bool:
        """True when a point lies inside the box."""
        return self.left < point[0] < self.right and self.top < point[1] < self.bottom

    def grown(self, by: float) -> Box:
        return Box(self.left - by, self.top - by, self.right + by, self.bottom + by)


# Clear space kept between a line and any text it would otherwise run through.
CLEARANCE = 3.0


def clear_spans(
    start: float, end: float, blocked: Iterable[tuple[float, float]]
) -> list[tuple[float, float]]:
    """The parts of [start, end] that no blocked interval covers, in order."""
    # One sweep in order of the blocked intervals' starts (linear, however many texts a long
    # line passes): each gap left of the next interval is kept, then the line resumes after it.
    ordered = sorted(blocked)
    if not ordered:
        return [(start, end)]
    spans = []
    at = start
    for low, high in ordered:
        if at >= end:
            break
        if low > at:
            spans.append((at, min(end, low)))
        at = max(at, high)
    spans.append((at, end))
    return [(a, b) for a, b in spans if b - a > 0.5]


def vertical_rule(x: float, top: float, bottom: float, texts: Iterable[Box]) -> str:
    """Path data for a vertical line from top to bottom, broken wherever it would cross a text:
    a line never runs through words."""
    blocked = [
        (box.top - CLEARANCE, box.bottom + CLEARANCE)
        for box in texts
        if box.left - CLEARANCE < x < box.right + CLEARANCE
    ]
    return " ".join(f"M{num(x)},{num(a)} V{num(b)}" for a, b in clear_spans(top, bottom, blocked))


def figure(name: str, wide: str, narrow: str, caption: str) -> str:
    """A graphic drawn two ways and its caption, as one raw HTML block (no blank line, no
    indentation): the page's styles show the wide drawing where it fits, the narrow one
    elsewhere."""

    # Markdown ends a raw HTML block at a blank line and reads indented lines as code.
    def lines(markup: str) -> list[str]:
        return [line.strip() for line in markup.splitlines() if line.strip()]

    return "\n".join(
        [
            f'<figure class="briefing-figure briefing-figure--{name}">',
            '<div class="briefing-figure__wide">',
            *lines(wide),
            "</div>",
            '<div class="briefing-figure__narrow">',
            *lines(narrow),
            "</div>",
            f"<figcaption>{caption}</figcaption>",
            "</figure>",
        ]
    )
