"""The brief as a reader meets it in a real headless Chromium: the first screen of a laptop, and
the graphics at a laptop's and a phone's width, measured from the boxes the browser drew."""

from __future__ import annotations

import shutil
from typing import Any

import pytest
import yaml

from conftest import REPO, SEED_DATA, copy_project, dump, require, run_briefing
from generator.data.validation import read_briefing
from generator.data.vocabulary import estimate_words
from generator.outputs.loopback import serve_folder

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
WIDTHS = pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
# Every page that shows a graphic, and the graphics it shows.
GRAPHICS = {"": ["timeline"], "timeline/": ["timeline"], "actors/": ["actors"]}
SMALLEST = 12.0  # CSS pixels: no label of a graphic is drawn smaller

# Of a figure, the drawing the page shows (the other is display: none) and every text in it,
# with its font size as drawn: an SVG's font size times the scale it is drawn at.
_DRAWN = """figure => {
  const shown = [...figure.children].filter(
    e => e.tagName !== 'FIGCAPTION' && getComputedStyle(e).display !== 'none');
  const texts = [];
  for (const part of shown) {
    const svg = part.querySelector('svg');
    if (svg) {
      const scale = svg.getScreenCTM().a;
      for (const t of svg.querySelectorAll('text')) {
        const r = t.getBoundingClientRect();
        texts.push({text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize) * scale,
                    box: [r.left, r.top, r.right, r.bottom]});
      }
      continue;
    }
    const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        const size = parseFloat(getComputedStyle(node.parentElement).fontSize);
        texts.push({text: node.textContent, size, box: [r.left, r.top, r.right, r.bottom]});
      }
    }
  }
  return {shown: shown.map(e => e.className), texts};
}"""
# Every line drawn in a figure's shown drawing, as points along it on screen: SVG lines and paths
# (the arrowhead's shape in <defs> aside), and the borders that draw the narrow timeline's lines.
_LINES = """figure => {
  const lines = [];
  for (const svg of figure.querySelectorAll('svg')) {
    if (!svg.getClientRects().length) continue;
    for (const el of svg.querySelectorAll('line, path')) {
      if (el.closest('defs')) continue;
      const m = el.getScreenCTM(), total = el.getTotalLength(), points = [];
      for (let at = 0; at <= total; at += 1) {
        const p = el.getPointAtLength(at);
        points.push([m.a * p.x + m.c * p.y + m.e, m.b * p.x + m.d * p.y + m.f]);
      }
      const what = el.getAttribute('class') || el.parentElement.getAttribute('class');
      lines.push({what, points});
    }
  }
  for (const el of figure.querySelectorAll('.bv, .bv-asof')) {
    if (!el.getClientRects().length) continue;
    const r = el.getBoundingClientRect(), cs = getComputedStyle(el), points = [];
    if (parseFloat(cs.borderLeftWidth)) {
      const x = r.left + parseFloat(cs.borderLeftWidth) / 2;
      for (let y = r.top; y <= r.bottom; y += 1) points.push([x, y]);
    }
    if (parseFloat(cs.borderTopWidth)) {
      const y = r.top + parseFloat(cs.borderTopWidth) / 2;
      for (let x = r.left; x <= r.right; x += 1) points.push([x, y]);
    }
    lines.push({what: el.className, points});
  }
  return lines;
}"""

# Each part of the brief a reader must see first: its box on screen and its words.
_FIRST_SCREEN = """() => {
  const box = e => { const r = e.getBoundingClientRect();
                     return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                             text: e.innerText.replace(/\\s+/g, ' ').trim()}; };
  const article = document.querySelector('article');
  const one = s => { const e = article.querySelector(s); return e ? box(e) : null; };
  return {
    title: one('h1'), asOf: one('.briefing-as-of'), bottomLine: one('.briefing-bluf'),
    judgments: [...article.querySelectorAll('.briefing-lead__judgments li')].map(box),
    next: one('.briefing-lead__next'),
    scrolled: window.scrollY,
  };
}"""
# The font size of every piece of body text (not headings, not graphics) and of the bottom line.
_BODY_TYPE = """() => {
  const article = document.querySelector('article');
  const bluf = article.querySelector('.briefing-bluf');
  const sizes = [...article.querySelectorAll('p, li, td, th, dd, figcaption, blockquote')]
    .filter(e => e !== bluf && !bluf.contains(e) && e.innerText.trim())
    .map(e => [parseFloat(getComputedStyle(e).fontSize), e.innerText.slice(0, 40)]);
  return {bluf: parseFloat(getComputedStyle(bluf).fontSize), others: sizes};
}"""

# Every element of the article that scrolls sideways inside itself.
_SIDEWAYS = """() => [...document.querySelectorAll('article *')]
  .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)
               && e.scrollWidth > e.clientWidth + 1 && e.offsetParent !== null)
  .map(e => `${e.tagName}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`)"""


def test_the_first_screen_of_a_laptop_is_the_brief(seed_site, chromium):
    files = read_briefing(SEED_DATA)
    page = chromium.new_page(viewport=LAPTOP)
    with serve_folder(seed_site) as base:
        page.goto(base)
        seen: dict[str, Any] = page.evaluate(_FIRST_SCREEN)
        body = page.evaluate(_BODY_TYPE)
    page.close()
    assert seen["scrolled"] == 0
    parts = [seen["title"], seen["asOf"], seen["bottomLine"], seen["next"], *seen["judgments"]]
    for part in parts:
        assert part is not None
        assert part["top"] >= 0 and part["bottom"] <= LAPTOP["height"], part
        assert part["left"] >= 0 and part["right"] <= LAPTOP["width"], part
    assert seen["title"]["text"] == files.briefing.title
    assert f"As of {files.briefing.as_of}" in seen["asOf"]["text"]
    assert files.briefing.summary.text.split(".")[0] in seen["bottomLine"]["text"]
    # The judgments in words: each with its likelihood and confidence as one phrase.
    judgments = files.outlook.judgments
    assert len(seen["judgments"]) == len(judgments)
    for judgment, shown in zip(judgments, seen["judgments"], strict=True):
        phrase = estimate_words(judgment.likelihood, judgment.confidence, start=True)
        assert phrase in shown["text"] and judgment.statement in shown["text"]
    # The next event, with the days its date may mean.
    next_event = next(e for e in files.events if e.id == files.outlook.next_event)
    assert next_event.title in seen["next"]["text"]
    assert "11 to 20 April 2025" in seen["next"]["text"]
    # The bottom line is set larger than any other body text on the page.
    larger = [size for size, _ in body["others"] if size >= body["bluf"]]
    assert body["others"] and larger == [], (body["bluf"], body["others"])


@WIDTHS
def test_no_page_scrolls_sideways(seed_site, chromium, viewport):
    page = chromium.new_page(viewport=viewport)
    with serve_folder(seed_site) as base:
        for path in ("", "timeline/", "actors/", "outlook/", "sources/", "actors/rdif/"):
            page.goto(base + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], (path, width)
            # Nor does any part of it hide a sideways scroll of its own (a graphic in a box).
            boxes = page.evaluate(_SIDEWAYS)
            assert boxes == [], (path, boxes)
    page.close()


@WIDTHS
def test_every_label_of_a_graphic_is_drawn_at_12_px_or_more(seed_site, chromium, viewport):
    page = chromium.new_page(viewport=viewport)
    with serve_folder(seed_site) as base:
        for path, names in GRAPHICS.items():
            page.goto(base + path)
            for name in names:
                drawn = page.locator(f"figure.briefing-figure--{name}").evaluate(_DRAWN)
                # A drawing made for the width, not the desktop drawing shrunk: one is shown.
                expected = "wide" if viewport is LAPTOP else "narrow"
                assert drawn["shown"] == [f"briefing-figure__{expected}"], (path, drawn["shown"])
                assert len(drawn["texts"]) > 10, (path, name)
                small = [(t["text"], round(t["size"], 2)) for t in drawn["texts"]]
                small = [(text, size) for text, size in small if size < SMALLEST - 0.01]
                assert small == [], (path, name, small)
    page.close()


def _inside(point: list[float], box: list[float]) -> bool:
    # Half a pixel of grace at the edges: anti-aliasing, not a line through the words.
    left, top, right, bottom = box
    return left + 0.5 < point[0] < right - 0.5 and top + 0.5 < point[1] < bottom - 0.5


@WIDTHS
def test_no_line_of_a_graphic_runs_through_a_label(seed_site, chromium, viewport):
    page = chromium.new_page(viewport=viewport)
    with serve_folder(seed_site) as base:
        for path, names in GRAPHICS.items():
            page.goto(base + path)
            for name in names:
                figure = page.locator(f"figure.briefing-figure--{name}")
                texts = figure.evaluate(_DRAWN)["texts"]
                lines = figure.evaluate(_LINES)
                # The narrow actors list draws no line at all; every other drawing has some.
                if viewport is LAPTOP or name == "timeline":
                    assert sum(len(line["points"]) for line in lines) > 100, (path, name)
                crossed = {
                    (line["what"], text["text"])
                    for line in lines
                    for text in texts
                    if any(_inside(point, text["box"]) for point in line["points"])
                }
                assert crossed == set(), (path, name, sorted(crossed))
    page.close()


# How each event's mark is drawn: its status, its drawn size, the opacity it is drawn with (all
# the way up to the page), its outline and fill, and its label's colour.
_MARKS = """figure => [...figure.querySelectorAll('a.bg-event, .bv-event')]
  .filter(a => a.getClientRects().length)
  .map(a => {
    const mark = a.querySelector('.bg-mark:not(.bg-other), .bv-mark');
    const label = a.querySelector('text, a') || a;
    const cs = getComputedStyle(mark), r = mark.getBoundingClientRect();
    let opacity = 1;
    for (let e = mark; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
    return {
      id: (a.getAttribute('href') || a.querySelector('a').getAttribute('href')).split('#')[1],
      height: r.height, width: r.width, opacity,
      strokeOpacity: cs.strokeOpacity, fillOpacity: cs.fillOpacity, dash: cs.strokeDasharray,
      stroke: cs.strokeWidth + ' ' + cs.borderTopWidth,
      fill: cs.fill + ' ' + cs.backgroundImage + ' ' + cs.backgroundColor,
      label: getComputedStyle(label).fill + ' ' + getComputedStyle(label).color,
    };
  })"""


@WIDTHS
def test_events_to_come_are_as_visible_as_past_ones_and_told_apart_by_pattern(
    seed_site, chromium, viewport
):
    files = read_briefing(SEED_DATA)
    status = {event.id: event.status for event in files.events}
    precision = {event.id: event.date.precision for event in files.events}
    page = chromium.new_page(viewport=viewport)
    with serve_folder(seed_site) as base:
        page.goto(base + "timeline/")
        marks = page.locator("figure.briefing-figure--timeline").evaluate(_MARKS)
    page.close()
    assert len(marks) == len(files.events)
    held = [m for m in marks if status[m["id"]] == "held"]
    coming = [m for m in marks if status[m["id"]] != "held"]
    assert held and coming
    for mark in marks:
        assert mark["opacity"] == 1 and mark["strokeOpacity"] == mark["fillOpacity"] == "1", mark
        assert mark["dash"] == "none", mark
        assert mark["stroke"] == held[0]["stroke"], (mark, held[0])  # outlines of one weight
        assert mark["label"] == held[0]["label"], (mark, held[0])  # labels of one colour
    for mark in coming:
        alike = [m for m in held if precision[m["id"]] == precision[mark["id"]]] or held
        # As large as a past event's mark of the same kind, and filled differently.
        assert mark["height"] >= min(m["height"] for m in alike) - 0.5, mark
        assert all(mark["fill"] != m["fill"] for m in held), mark


def test_the_narrow_drawings_pass_axe_on_a_phone(seed_site, chromium):
    axe = REPO / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
    require(axe.is_file(), f"{axe} is missing: `make test` installs it (npm ci in tests/axe)")
    page = chromium.new_page(viewport=PHONE)
    found = {}
    with serve_folder(seed_site) as base:
        for path in GRAPHICS:
            page.goto(base + path)
            assert page.locator(".briefing-figure__narrow").first.is_visible(), path
            page.add_script_tag(content=axe.read_text(encoding="utf-8"))
            results: dict[str, Any] = page.evaluate("axe.run(document)")
            assert results["passes"], "axe ran no check"
            found[path] = [f"{v['id']}: {v['help']}" for v in results["violations"]]
    page.close()
    assert found == {path: [] for path in GRAPHICS}


def test_key_judgments_open_the_home_page_and_the_rest_wait_on_the_outlook(tmp_path, chromium):
    """An outlook of many judgments: the ones marked key fit the first screen, with a link on."""
    data = tmp_path / "data"
    shutil.copytree(SEED_DATA, data)
    outlook = yaml.safe_load((data / "outlook.yml").read_text(encoding="utf-8"))
    judgments = outlook["judgments"]
    # Nine judgments in all (the seed's and copies under new ids), three of them key.
    originals = list(judgments)
    for n in range(9 - len(originals)):
        original = originals[n % len(originals)]
        judgments.append({**original, "id": f"{original['id']}-again-{n}"})
    key = [judgments[1], judgments[4], judgments[7]]
    for judgment in key:
        judgment["key"] = True
    dump(data / "outlook.yml", outlook)
    project = copy_project(tmp_path / "project", data)
    result = run_briefing("build", "--no-pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    page = chromium.new_page(viewport=LAPTOP)
    with serve_folder(project / "site") as base:
        page.goto(base)
        seen: dict[str, Any] = page.evaluate(_FIRST_SCREEN)
        more = page.locator(".briefing-lead .briefing-more a")
        assert more.inner_text() == f"All {len(judgments)} judgments, with how each will be scored"
        href = more.get_attribute("href")
        more.click()
        page.wait_for_url("**/outlook/")
        on_outlook = page.locator("article").inner_text()
    page.close()
    assert href == "outlook/"
    shown = [part["text"] for part in seen["judgments"]]
    assert len(shown) == len(key)
    for judgment, text in zip(key, shown, strict=True):
        assert " ".join(judgment["statement"].split()) in text
    for part in [seen["bottomLine"], seen["next"], *seen["judgments"]]:
        assert part["top"] >= 0 and part["bottom"] <= LAPTOP["height"], part
    # Every judgment, key or not, is on the outlook page.
    for judgment in judgments:
        assert " ".join(judgment["statement"].split()) in " ".join(on_outlook.split())
