"""The brief as a reader meets it in a real headless Chromium: the first screen of a laptop, and
the graphics at a laptop's and a phone's width, measured from the boxes the browser drew."""

from __future__ import annotations

from typing import Any

from conftest import SEED_DATA
from generator.data.validation import read_briefing
from generator.data.vocabulary import estimate_words
from generator.outputs.loopback import serve_folder

LAPTOP = {"width": 1280, "height": 800}

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
