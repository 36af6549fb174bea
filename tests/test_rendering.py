"""Rendering: pages from data, deterministic, with every value escaped."""

import re

from conftest import SEED_DATA, small_briefing
from generator.data.validation import read_briefing
from generator.data.views import derive
from generator.pages.registry import EDITION_PAGES
from generator.pages.rendering import pages, text


def seed_pages() -> dict[str, str]:
    return pages(derive(read_briefing(SEED_DATA)))


def test_same_yaml_gives_byte_identical_markdown():
    assert seed_pages() == seed_pages()


def test_every_generated_page_starts_with_the_do_not_edit_comment():
    for path, markdown in seed_pages().items():
        assert markdown.startswith("---\n# Generated from data/ by briefing"), path


def test_there_is_a_page_for_each_actor_and_each_section():
    rendered = seed_pages()
    files = read_briefing(SEED_DATA)
    expected = {p.path for p in EDITION_PAGES} | {f"actors/{a.id}.md" for a in files.actors}
    assert "print.md" in expected and "brief.md" in expected
    assert set(rendered) == expected


def test_a_month_only_date_is_shown_as_a_month():
    timeline = seed_pages()["timeline.md"]
    assert "## February 2025: " in timeline
    assert "mid-April 2025" in timeline


def test_citations_link_to_numbered_source_entries():
    rendered = seed_pages()
    assert "[[1]](sources.md#src-" in rendered["index.md"]
    assert "[[1]](../sources.md#src-" in next(
        md
        for path, md in rendered.items()
        if path.startswith("actors/") and path != "actors/index.md"
    )


def test_markdown_html_and_template_syntax_in_data_are_escaped():
    hostile = "<script>x</script> [a](javascript:x) | *b* {{ c }} {% d %} # e"
    escaped = str(text(hostile))
    without_entities = re.sub(r"&#\d+;", "", escaped)
    for char in "<>[]|*{}#&":
        assert char not in without_entities, char
    assert "&#60;script&#62;" in escaped


def test_line_start_markers_are_neutralised():
    assert str(text("- not a list")).startswith("&#45;")
    assert str(text("1. not a list")).startswith("1&#46;")
    assert str(text("3.8 million")) == "3.8 million"


def test_the_generator_works_for_any_story(write_data):
    rendered = pages(derive(read_briefing(write_data(small_briefing()))))
    assert "# Harbour city votes on a tram line" in rendered["index.md"]
    assert "actors/mayor-lind.md" in rendered
