"""The graphics of the built site in a real headless Chromium: on screen, both schemes, printed."""

from __future__ import annotations

import io
import itertools
import re
from typing import Any

import pytest
from pypdf import PdfReader

from generator.outputs.loopback import serve_folder

PAGES = {"": "timeline", "timeline/": "timeline", "actors/": "actors"}
SCHEMES = {"light": "default", "dark": "slate"}

# Every text in a graphic: its box on screen and its colours, as the browser drew them.
_TEXTS = """svg => {
  const g = svg.getBoundingClientRect();
  return [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect();
    return {
      text: t.textContent,
      box: [r.left - g.left, r.top - g.top, r.right - g.left, r.bottom - g.top],
      fill: getComputedStyle(t).fill,
    };
  });
}"""


def _rgba(colour: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", colour)]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)  # type: ignore[return-value]


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(text: str, background: str) -> float:
    """WCAG contrast of a text colour (alpha composited) over an opaque background."""
    *fg, alpha = _rgba(text)
    bg = _rgba(background)[:3]
    mixed = tuple(alpha * f + (1 - alpha) * b for f, b in zip(fg, bg, strict=True))
    light, dark = sorted((_luminance(mixed), _luminance(bg)), reverse=True)  # type: ignore[arg-type]
    return (light + 0.05) / (dark + 0.05)


def overlaps(a: list[float], b: list[float]) -> bool:
    # Half a pixel of grace: anti-aliased glyph boxes may touch.
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


@pytest.mark.parametrize("scheme", SCHEMES)
def test_graphics_show_readable_labels_that_do_not_overlap(seed_site, chromium, scheme, tmp_path):
    context = chromium.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    with serve_folder(seed_site) as base:
        for path, name in PAGES.items():
            page.goto(base + path)
            assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
            figure = page.locator(f"figure.briefing-figure--{name}")
            assert figure.count() == 1, path
            svg = figure.locator("svg")
            box = svg.bounding_box()
            assert box is not None and box["width"] > 500 and box["height"] > 200, (path, box)
            figure.screenshot(path=str(tmp_path / f"{name}-{scheme}.png"))
            background = page.evaluate(
                "getComputedStyle(document.querySelector('.md-main')).backgroundColor"
                " || 'rgb(255,255,255)'"
            )
            if _rgba(background)[3] == 0:
                background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            texts: list[dict[str, Any]] = svg.evaluate(_TEXTS)
            assert len(texts) > 10
            for text in texts:
                left, top, right, bottom = text["box"]
                assert right - left > 5 and bottom - top > 5, text  # drawn, with a size
                # ... and inside the graphic, not clipped at its edges
                assert left >= -0.5 and right <= box["width"] + 0.5, text
                assert top >= -0.5 and bottom <= box["height"] + 0.5, text
                assert contrast(text["fill"], background) >= 4.5, (path, scheme, text, background)
            for a, b in itertools.combinations(texts, 2):
                assert not overlaps(a["box"], b["box"]), (path, a["text"], b["text"])
    context.close()


def test_selecting_an_event_or_an_actor_opens_its_entry(seed_site, chromium):
    page = chromium.new_page()
    with serve_folder(seed_site) as base:
        page.goto(base)
        page.locator("figure.briefing-figure--timeline svg a[href='timeline/#april-round']").click()
        page.wait_for_load_state()
        assert page.url == base + "timeline/#april-round"
        assert page.locator("[id='april-round']").count() == 1
        page.goto(base + "actors/")
        page.locator("figure.briefing-figure--actors svg a[href='rdif/']").click()
        page.wait_for_load_state()
        assert page.url == base + "actors/rdif/"
        assert page.locator("article h1").inner_text() == "Russian Direct Investment Fund"


def test_graphics_print_in_black_on_white_even_from_dark_mode(seed_site, chromium):
    context = chromium.new_context(color_scheme="dark")
    page = context.new_page()
    with serve_folder(seed_site) as base:
        for path, name in PAGES.items():
            page.goto(base + path)
            page.emulate_media(media="print")
            colours = page.evaluate(
                f"""() => {{
                const svg = document.querySelector('figure.briefing-figure--{name} svg');
                const fills = [...svg.querySelectorAll('text')].map(t => getComputedStyle(t).fill);
                const marks = [...svg.querySelectorAll('.bg-mark, .bg-node rect')].map(
                    m => getComputedStyle(m).stroke);
                return [...new Set([...fills, ...marks])];
            }}"""
            )
            assert {_rgba(c) for c in colours} == {(0, 0, 0, 1)}, (path, colours)
            pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
            printed = " ".join(p.extract_text() for p in pdf.pages)
            expected = "Next round of" if name == "timeline" else "Investment Fund"
            assert expected in printed, path
            page.emulate_media(media="screen")
    context.close()
