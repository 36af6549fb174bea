"""The whole-briefing page /print/: cover, contents, every part in order, links kept inside."""

import re
from pathlib import Path

import pytest

from conftest import PRINT_PARTS, SEED_DATA, copy_project, run_briefing, small_briefing
from generator.data.validation import read_briefing
from generator.data.views import derive
from generator.pages.rendering import css_text, pages

PARTS = PRINT_PARTS


def article(site: Path, page: str) -> str:
    html = (site / page).read_text()
    return html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>")[0]


@pytest.mark.parametrize("page", ["print.md", "brief.md"])
def test_the_print_pages_are_left_out_of_search(page):
    markdown = pages(derive(read_briefing(SEED_DATA)))[page]
    front = markdown.split("\n---\n", 1)[0]
    assert "search:\n  exclude: true" in front


def test_the_print_page_has_a_cover_then_contents_then_every_part_in_reading_order(seed_site):
    files = read_briefing(SEED_DATA)
    html = article(seed_site, "print/index.html")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    cover = text.index(files.briefing.title.replace("'", "&#39;"))
    contents = text.index("Contents")
    assert cover < contents
    assert "As of 31 March 2025" in text[:contents]
    assert "sources" in text[cover:contents]
    headings = re.findall(r"<h2 id=\"([^\"]+)\">([^<]+)", html)
    assert [title.split(":")[0] for _, title in headings] == ["Contents", *PARTS]


def test_every_actor_event_and_source_is_on_the_print_page(seed_site):
    files = read_briefing(SEED_DATA)
    html = article(seed_site, "print/index.html")
    for actor in files.actors:
        assert f'id="actor-{actor.id}"' in html, actor.id
    for event in files.events:
        assert f'id="event-{event.id}"' in html, event.id
    for source in files.sources:
        assert f'id="src-{source.id}"' in html, source.id


@pytest.mark.parametrize("page", ["print/index.html", "brief/index.html"])
def test_every_link_on_the_print_pages_points_inside_it_or_to_a_source(seed_site, page):
    html = article(seed_site, page)
    ids = set(re.findall(r' id="([^"]+)"', html))
    links = re.findall(r' href="([^"]+)"', html)
    citations = [link for link in links if link.startswith("#src-")]
    assert len(citations) > 30
    for link in links:
        if link.startswith("#"):
            assert link[1:] in ids, link
        else:  # only the sources' own addresses, and the PDF download, leave the page
            assert link.startswith(("https://", "http://", "../briefing")), link


def test_the_sources_list_has_one_numbered_entry_per_source(seed_site):
    files = read_briefing(SEED_DATA)
    for page in ("sources/index.html", "print/index.html"):
        html = article(seed_site, page)
        entries = re.findall(r'<li><span id="src-', html)
        assert len(entries) == len(files.sources), page
    # The brief lists the sources it cites, no more, no fewer, under their whole-briefing numbers.
    html = article(seed_site, "brief/index.html")
    body, listed = html.rsplit('id="sources"', 1)
    cited = set(re.findall(r'href="#src-([a-z0-9-]+)"', body))
    entries = re.findall(r'<li><span id="src-([a-z0-9-]+)"></span>\[(\d+)\] ', listed)
    assert cited and {id_ for id_, _ in entries} == cited
    numbers = {s.id: n for n, s in enumerate(files.sources, 1)}
    assert all(int(number) == numbers[id_] for id_, number in entries)


def test_every_page_carries_the_title_and_as_of_date_for_paper(seed_site):
    files = read_briefing(SEED_DATA)
    title = files.briefing.title.replace("'", "&#39;")
    for page in ("index.html", "timeline/index.html", "actors/kirill-dmitriev/index.html"):
        html = article(seed_site, page)
        line = re.search(r'<p class="briefing-as-of">(.*?)</p>', html)
        assert line, page
        assert title in line[1] and "As of 31 March 2025" in line[1], page


def test_a_briefing_on_another_story_gets_a_print_page(tmp_path, write_data):
    data = write_data(small_briefing(), tmp_path / "other-data")
    project = copy_project(tmp_path / "other", data=data)
    result = run_briefing("build", "--no-pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    html = article(project / "site", "print/index.html")
    assert "Harbour city votes on a tram line" in html
    assert 'href="#actor-mayor-lind"' in html and 'id="actor-mayor-lind"' in html
    assert 'href="#src-gazette"' in html


def test_search_finds_nothing_on_the_print_page(seed_site):
    index = (seed_site / "search/search_index.json").read_text()
    assert '"location":"print/' not in index.replace(" ", "")
    assert '"location":"brief/' not in index.replace(" ", "")
    assert '"location":"timeline/' in index.replace(" ", "")


def test_the_running_head_is_a_safe_css_string_whatever_the_title():
    hostile = 'Trump\'s "deal" </style><script>x</script> \\ }'
    escaped = str(css_text(hostile))
    assert re.fullmatch(r"(?:[A-Za-z0-9]|\\[0-9a-f]{6})+", escaped)
    decoded = re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m[1], 16)), escaped)
    assert decoded == hostile


def test_every_page_sets_the_running_head_for_a_browser_print(seed_site):
    for page in ("index.html", "timeline/index.html", "print/index.html"):
        head = (seed_site / page).read_text().split("</head>", 1)[0]
        rule = re.search(r'@page \{ @top-left \{ content: "([^"]+)"; \} \}', head)
        assert rule, page
        decoded = re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m[1], 16)), rule[1])
        assert decoded.endswith(" · As of 31 March 2025"), decoded
