"""Nothing injected: a briefing written by an attacker builds, and the browser shows its text.

Every text field of a small briefing carries HTML, Markdown, attribute-list, front-matter and
Jinja syntax. The real strict build makes the site; a real headless Chromium opens every page
and checks that no script of the data's making ran and that the text reads as it was typed.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from conftest import copy_project, run_briefing, small_briefing
from generator.outputs.loopback import serve_folder

# Each does harm in a different layer; the ones that only bite at the start of a line are
# put at the start of some field.
ATTACKS = [
    "<script>window.pwned=1</script>",
    '<img src=x onerror="window.pwned=2">',
    "[click me](javascript:window.pwned=3)",
    '<a href="javascript:window.pwned=4">a link</a>',
    '{: onclick="window.pwned=5" }',
    "</title><script>window.pwned=6</script>",
    '"><svg onload="window.pwned=7">',
    "{{ 7*7 }} {% if true %}jinja ran{% endif %} {# gone #}",
    "| table | pipes |",
    "# a heading",
    "--- front: matter ---",
    "*em* __strong__ `code` ~~struck~~ <b>bold</b>",
    "&lt;b&gt; &amp; &#60;",
    "<!-- hidden -->",
    '!!! danger "an admonition"',
    "- a list item",
    "1. a numbered item",
    "> a quote",
    "[^1] [ref]: javascript:window.pwned=8",
    '<iframe src="javascript:window.pwned=9"></iframe>',
    "\\<script\\> $x$",
]
_counter = itertools.count()


def hostile(label: str) -> str:
    """A field's text: one attack first (for the line-start ones), its label, then all attacks."""
    first = ATTACKS[next(_counter) % len(ATTACKS)]
    return f"{first} ({label}) " + " ".join(ATTACKS)


def hostile_briefing() -> dict[str, Any]:
    """The small briefing with every text field an editor can write turned hostile."""
    files = small_briefing()
    meta = files["briefing"]
    meta["title"] = hostile("title")
    meta["subtitle"] = hostile("subtitle")
    meta["description"] = hostile("description")
    meta["summary"]["text"] = hostile("summary")
    meta["key_points"][0]["text"] = hostile("key point")
    meta["key_numbers"] = [
        {"value": hostile("number"), "label": hostile("label"), "sources": ["gazette"]}
    ]
    meta["background"][0]["heading"] = hostile("heading")
    meta["background"][0]["paragraphs"][0]["text"] = hostile("paragraph")
    source = files["sources"][0]
    source.update(outlet=hostile("outlet"), title=hostile("source title"), note=hostile("note"))
    source["description"] = hostile("description of the outlet")
    source["url"] = "https://example.org/tram?q=<script>&x=\"'"
    files["sources"].append(
        {"id": "tv", "outlet": hostile("outlet 2"), "kind": "state-media", "url": "mailto:a@b.c"}
    )
    mayor, council = files["actors"]
    mayor.update(name=hostile("name"), role=hostile("role"))
    mayor["position"] = {"text": hostile("position"), "sources": ["gazette"]}
    council.update(name=hostile("council name"), role=hostile("council role"))
    files["actors"].append(
        {
            "id": "tv",
            "name": hostile("outlet name"),
            "kind": "outlet",
            "role": hostile("outlet role"),
            "sources": ["tv"],
        }
    )
    event = files["events"][0]
    event.update(title=hostile("event"), summary=hostile("event summary"), place=hostile("place"))
    event["other_dates"] = [{"date": "2024-06-20", "sources": ["tv"], "note": hostile("date")}]
    claim = files["claims"][0]
    claim.update(said=hostile("quote"), note=hostile("claim note"), via="tv")
    files["claims"].append(
        {
            "id": "paraphrase",
            "by": "council",
            "date": "June 2024",
            "said": hostile("paraphrase"),
            "form": "paraphrase",
            "status": "disputed",
            "sources": ["tv"],
        }
    )
    outlook = files["outlook"]
    outlook["question"] = hostile("question")
    judgment = outlook["judgments"][0]
    judgment.update(
        statement=hostile("statement"), basis=hostile("basis"), resolves_if=hostile("resolves")
    )
    judgment["hypotheses"] = [{"text": hostile("hypothesis"), "tell": hostile("tell")}]
    outlook["scenarios"] = [
        {"title": hostile("scenario"), "text": hostile("scenario text"), "likelihood": "unlikely"}
    ]
    outlook["indicators"] = [
        {"text": hostile("indicator"), "judgment": "approved", "direction": "raises"}
    ]
    outlook["open_questions"] = [{"text": hostile("open question"), "sources": ["gazette"]}]
    return files


def texts(files: Any) -> list[str]:
    """Every hostile text in the briefing."""
    if isinstance(files, dict):
        return [t for value in files.values() for t in texts(value)]
    if isinstance(files, list):
        return [t for value in files for t in texts(value)]
    return [files] if isinstance(files, str) and files.startswith(tuple(ATTACKS)) else []


def words(text: str) -> str:
    return " ".join(text.split())


FIND_DANGER = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value.toLowerCase();
      if (name.startsWith('on') ||
          (['href', 'src', 'action', 'formaction'].includes(name) &&
           value.trim().startsWith('javascript:'))) {
        found.push(el.tagName + ' ' + name + '=' + attr.value);
      }
    }
    if (['IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName)) found.push(el.tagName);
    if (el.tagName === 'SCRIPT' && el.textContent.includes('pwned')) found.push('SCRIPT');
  }
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[Path, dict[str, Any]]:
    from conftest import dump

    files = hostile_briefing()
    root = tmp_path_factory.mktemp("hostile")
    for name, value in files.items():
        dump(root / "data" / f"{name}.yml", value)
    project = copy_project(root / "p", data=root / "data")
    result = run_briefing("build", cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site", files


def test_hostile_data_is_valid_and_builds_strictly(hostile_site):
    site, files = hostile_site
    assert (site / "index.html").is_file()
    assert len(texts(files)) >= 30


def test_no_script_of_the_data_runs_and_every_text_reads_as_typed(hostile_site, chromium):
    site, files = hostile_site
    pages = sorted(
        str(p.parent.relative_to(site)).replace(".", "")
        for p in site.rglob("index.html")
        if "search" not in p.parts and p.parent.name != "404"
    )
    assert len(pages) >= 9
    dialogs: list[str] = []
    shown = ""
    with serve_folder(site) as base:
        page = chromium.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages:
            page.goto(base + (path + "/" if path else ""))
            page.wait_for_load_state("load")
            page.wait_for_timeout(50)
            assert page.evaluate("typeof window.pwned") == "undefined", path
            assert page.evaluate(FIND_DANGER) == [], path
            assert page.locator("iframe, object, embed, svg[onload]").count() == 0, path
            shown += " " + words(page.inner_text("body"))
            if not path:
                home_title = page.title()
                meta = page.locator("meta[name=description]").get_attribute("content")
                nav = words(page.inner_text("nav.md-nav--primary"))
    assert dialogs == []
    description = files["briefing"]["description"]  # shown in the page's metadata only
    for text in texts(files):
        assert text == description or words(text) in shown, text[:60]
    title = words(files["briefing"]["title"])
    assert home_title == title, home_title
    assert meta == words(description)
    # The navigation names the briefing by its title, as text, then the site's own pages.
    entries = nav.removeprefix(title).split()
    assert nav.startswith(title), nav[:80]
    assert "Home" in entries and "Timeline" in entries and "<" not in " ".join(entries)


def test_an_actor_page_title_and_heading_are_the_literal_name(hostile_site, chromium):
    site, files = hostile_site
    name = words(files["actors"][0]["name"])
    with serve_folder(site) as base:
        page = chromium.new_page()
        page.goto(base + "actors/mayor-lind/")
        assert words(page.inner_text("article h1")) == name
        assert page.title().startswith(name)
        assert page.evaluate("typeof window.pwned") == "undefined"


def test_search_results_show_hostile_text_without_running_it(hostile_site, chromium):
    site, _ = hostile_site
    with serve_folder(site) as base:
        page = chromium.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(base)
        page.locator("input.md-search__input").click()
        page.keyboard.type("admonition")
        results = page.locator(".md-search-result__item")
        results.first.wait_for(timeout=10_000)
        assert results.count() > 0
        assert "<script>window.pwned=1</script>" in page.inner_text(".md-search-result")
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert page.evaluate(FIND_DANGER) == []
        assert dialogs == []
