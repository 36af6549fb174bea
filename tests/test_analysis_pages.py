"""What readers see of the analysis: how each judgment will be scored, competing explanations,
scenarios, which way each sign to watch points, what kind each source is; and that editors'
working notes reach no page, print, PDF or search index."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path
from typing import Any

from conftest import copy_project, require, run_briefing, small_briefing
from generator.outputs.chromium import find_chromium


def page_text(path: Path) -> str:
    """The words of a built page's article, as a reader sees them."""
    page = path.read_text(encoding="utf-8")
    article = page[page.find("<article") : page.find("</article>")]
    inline = re.sub(r"</?(?:a|span|em|strong|code)\b[^>]*>", "", article)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def test_each_judgment_shows_by_when_and_by_what_test_it_is_scored(seed_site: Path):
    outlook = page_text(seed_site / "outlook/index.html")
    assert (
        "How it will be scored. By 20 April 2025: Yes if both governments confirm that their "
        "delegations met in Saudi Arabia between 11 and 20 April 2025"
    ) in outlook
    assert outlook.count("How it will be scored.") == 3


def test_competing_explanations_are_shown_with_what_would_tell_them_apart(seed_site: Path):
    page = (seed_site / "outlook/index.html").read_text(encoding="utf-8")
    table = page[page.find("<table") : page.find("</table>")]
    assert "<th>Explanation</th>" in table and "<th>What would show it</th>" in table
    rows = [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in table.split("<tr>")[2:]]
    assert rows[0].startswith("Rare earths are a commercial channel both sides want to open.")
    assert rows[0].endswith("Named companies, licences or feasibility studies.")
    assert len(rows) == 2


def test_scenarios_are_shown_with_their_likelihoods(seed_site: Path):
    outlook = page_text(seed_site / "outlook/index.html")
    assert "Scenarios How the story could go from here" in outlook
    assert "Talk without traction Likely (55\u201380%)." in outlook
    assert "Breakthrough Very unlikely (5\u201320%). A signed agreement is announced." in outlook


def test_signs_to_watch_say_in_words_which_way_they_move_which_judgment(seed_site: Path):
    outlook = page_text(seed_site / "outlook/index.html")
    assert (
        "What to watch. A US company is named as interested in Russian rare-earth projects. "
        "(↓ lowers the likelihood)"
    ) in outlook
    home = page_text(seed_site / "index.html")
    assert (
        "Either government announces a date and venue for the next round of talks. "
        "(↑ raises the likelihood of judgment 1)"
    ) in home
    homepage = (seed_site / "index.html").read_text(encoding="utf-8")
    assert '(↑ raises the likelihood of <a href="outlook/#round-in-window">judgment 1</a>)' in (
        homepage
    )


def test_sources_show_their_kind_and_a_description_of_the_outlet(seed_site: Path):
    sources = page_text(seed_site / "sources/index.html")
    assert "RT, 25 February 2025. State media: Russian state-funded international broadcaster." in (
        sources
    )
    assert "Mineral Commodity Summaries 2025, rare earths (data for 2024), 2025. Data." in sources
    method = page_text(seed_site / "method/index.html")
    assert "State media An outlet owned or funded by a state that sets its line." in method


def test_a_characterisation_is_not_shown_as_the_speakers_words(seed_site: Path):
    timeline = page_text(seed_site / "timeline/index.html")
    assert (
        "Expressed interest in Russia's natural resources. "
        "(the source's description, not the speaker's words)"
    ) in timeline
    assert "“Expressed interest" not in timeline
    actor = page_text(seed_site / "actors/kirill-dmitriev/index.html")
    assert "“Rare earth metals are an important area for cooperation" in actor


def noted(value: Any, mark: str, counter: list[int]) -> Any:
    """The briefing with an editors' note, each one unique, on every entry that allows one."""
    if isinstance(value, list):
        return [noted(item, mark, counter) for item in value]
    if not isinstance(value, dict):
        return value
    counter[0] += 1
    result = {key: noted(item, mark, counter) for key, item in value.items()}
    result["editor_note"] = f"{mark}{counter[0]} check this before publishing"
    return result


def test_editors_notes_reach_no_page_print_pdf_or_search_index(tmp_path: Path, write_data):
    require(find_chromium(), "Chromium is not installed (apt-get install chromium)")
    files = small_briefing()
    files["outlook"]["judgments"][0]["hypotheses"] = [
        {"text": "The majority holds.", "tell": "A whipped vote."}
    ]
    files["outlook"]["scenarios"] = [
        {"title": "Passed", "text": "It passes.", "likelihood": "likely"}
    ]
    files["outlook"]["indicators"] = [
        {"text": "A councillor defects.", "judgment": "approved", "direction": "lowers"}
    ]
    files["events"][0]["other_dates"] = [{"date": "2024-06-20", "sources": ["gazette"]}]
    counter = [0]
    files = {name: noted(value, "EDNOTE", counter) for name, value in files.items()}
    assert counter[0] >= 15  # every kind of entry carries one
    data = write_data(files, tmp_path / "data")
    project = copy_project(tmp_path / "p", data=data)
    result = run_briefing("build", cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    # The brief gives each judgment's basis; the whole briefing also the signs to watch.
    basis = " ".join(files["outlook"]["judgments"][0]["basis"].split()[:4])
    for name, shown in (("briefing.pdf", basis), ("briefing-full.pdf", "A councillor defects.")):
        pdf_text = subprocess.run(
            ["pdftotext", str(site / name), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert shown in " ".join(pdf_text.split()), name
        assert "EDNOTE" not in pdf_text, name
    assert "Passed" in pdf_text  # the whole briefing has the scenarios too
    searched = 0
    for path in [*site.rglob("*"), *(project / "content").rglob("*")]:
        if path.is_file() and path.suffix in {".html", ".json", ".md", ".xml", ".txt"}:
            assert "EDNOTE" not in path.read_text(encoding="utf-8"), path
            searched += 1
    assert (site / "search/search_index.json").is_file() and searched > 10
