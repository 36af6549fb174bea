"""The timeline graphic, the actors map and the at-a-glance panel, as a reader would meet them."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import SEED_DATA, copy_project, run_briefing, small_briefing
from generator.data.dates import parse_date
from generator.data.validation import read_briefing
from generator.data.views import Views, derive
from generator.graphics.actors_map import actors_svg
from generator.graphics.actors_map import layout as map_layout
from generator.graphics.figures import ACTOR_MAPS, TIMELINES, figures
from generator.graphics.glance import countdown, glance, window
from generator.graphics.svg import Box, figure
from generator.graphics.timeline_graphic import WIDTH, render, render_narrow, timeline_svg
from generator.graphics.timeline_graphic import layout as timeline_layout
from generator.pages.rendering import environment, pages
from synthetic import more_events

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def seed() -> Views:
    return derive(read_briefing(SEED_DATA))


def overlapping(boxes: list[Box]) -> list[tuple[Box, Box]]:
    return [(a, b) for a, b in itertools.combinations(boxes, 2) if a.overlaps(b)]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_timeline_graphic_is_well_formed_and_links_every_event_to_its_entry(seed):
    root = parse(timeline_svg(seed.timeline, seed.files.briefing.as_of))
    links = {a.get("href"): a for a in root.iter(f"{SVG}a")}
    assert set(links) == {f"#{e.id}" for e in seed.timeline}
    for event in seed.timeline:
        tip = links[f"#{event.id}"].find(f"{SVG}title")
        assert tip is not None and event.title in (tip.text or "")
        assert str(event.date) in (tip.text or "")
    # A group, not an img: an img's links would be out of reach of keyboards and screen readers.
    assert root.get("role") == "group"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")


def test_actors_map_is_well_formed_and_links_every_actor_to_their_page(seed):
    root = parse(actors_svg(seed.files.actors))
    links = {a.get("href"): "".join(a.itertext()) for a in root.iter(f"{SVG}a")}
    assert set(links) == {f"{a.id}/" for a in seed.files.actors}
    for actor in seed.files.actors:
        assert actor.name.split()[0] in links[f"{actor.id}/"]
    assert root.get("role") == "group"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None


def test_actors_map_labels_every_link_with_its_relation(seed):
    plan = map_layout(seed.files.actors)
    count = sum(len(a.links) for a in seed.files.actors)
    assert len(plan.edges) == count
    assert all(edge.label is not None for edge in plan.edges), "an arrow lost its label"
    root = parse(actors_svg(seed.files.actors))
    words = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "bg-edge-label"]
    assert len(words) == count and "negotiates with" in words and "reports on" in words


@pytest.mark.parametrize("times", [1, 5])
def test_timeline_labels_never_overlap(seed, times):
    events = more_events(seed.timeline, times)
    assert len(events) == len(seed.timeline) * times
    plan = timeline_layout(events, seed.files.briefing.as_of)
    assert overlapping(plan.texts) == []
    assert all(b.left >= 0 and b.right <= WIDTH and b.top >= 0 for b in plan.texts)
    assert all(b.bottom + 3 <= plan.height for b in plan.texts), "a text is cut off at the foot"
    for item in plan.placed:
        assert item.label.left >= 0 and item.label.right <= WIDTH
        for other in plan.placed:
            if other is not item:
                for mark in (other.mark, *other.others):
                    assert not item.label.overlaps(mark), (item.event.id, other.event.id)
    # Every event is drawn, and the graphic stays a readable height.
    root = parse(timeline_svg(events, seed.files.briefing.as_of))
    assert len(list(root.iter(f"{SVG}a"))) == len(events)
    assert plan.height < 100 * len(events)


@pytest.mark.parametrize("first", ["1990", "2024-11-30", "2025-03-30"])
def test_timeline_axis_names_fit_from_a_few_days_to_decades(seed, first):
    event = seed.timeline[0].model_copy(update={"id": "early", "date": parse_date(first)})
    plan = timeline_layout([event, *seed.timeline], seed.files.briefing.as_of)
    assert len(plan.ticks) >= 2
    assert overlapping(plan.texts) == []


@pytest.mark.parametrize("first", ["1000", "1625", "1800", "1975", "2020-06", "2025-03-01"])
@pytest.mark.parametrize("last", [None, "2026", "2100", "9000-12-31"])
def test_timeline_axis_names_never_pile_up_or_run_off_for_any_span(seed, first, last):
    events = [seed.timeline[0].model_copy(update={"id": "first", "date": parse_date(first)})]
    if last:
        events.append(seed.timeline[1].model_copy(update={"id": "last", "date": parse_date(last)}))
    plan = timeline_layout([*events, *seed.timeline], seed.files.briefing.as_of)
    assert len(plan.ticks) >= 2, plan.ticks
    assert overlapping(plan.texts) == [], [word for _, word in plan.ticks]
    assert all(box.left >= 0 and box.right <= WIDTH for box in plan.texts)


def test_actors_map_stays_complete_and_clear_with_five_times_the_actors(seed):
    actors = []
    for copy in range(5):
        suffix = f"-{copy}" if copy else ""
        for actor in seed.files.actors:
            links = [link.model_copy(update={"to": link.to + suffix}) for link in actor.links]
            actors.append(actor.model_copy(update={"id": actor.id + suffix, "links": links}))
    plan = map_layout(actors)
    assert len(plan.nodes) == len(actors)
    assert overlapping(plan.texts) == []
    assert overlapping([node.box for node in plan.nodes.values()]) == []
    root = parse(actors_svg(actors))
    assert len(list(root.iter(f"{SVG}a"))) == len(actors)


def test_actors_map_labels_sit_on_their_own_arrow_and_never_hide_an_arrowhead(seed):
    plan = map_layout(seed.files.actors)
    assert overlapping(plan.texts) == []
    boxes = [node.box for node in plan.nodes.values()]
    assert overlapping(boxes) == []
    crossed = []
    for edge in plan.edges:
        assert edge.label is not None
        assert not any(edge.label.overlaps(box) for box in boxes)
        # On its own arrow, or beside it and touching it.
        assert any(edge.label.grown(6).contains(p) for p in edge.trace), edge.relation
        for other in plan.edges:
            if other is edge:
                continue
            # Another arrow may pass under a label (it is broken there), never end there.
            assert not any(edge.label.contains(p) for p in other.trace[:3] + other.trace[-3:])
            if other.relation != edge.relation and any(edge.label.contains(p) for p in other.trace):
                crossed.append((edge.relation, other.relation))
    # An arrow of another relation passes under a label only where no clear place was left.
    assert len(crossed) <= len(plan.edges) // 10, crossed


def test_actors_map_breaks_its_arrows_where_they_would_cross_words(seed):
    plan = map_layout(seed.files.actors)
    # Each label breaks its own arrow: the drawn path starts again after the words.
    for edge in plan.edges:
        assert edge.path.count("M") >= 2, edge.relation
        assert edge.path.startswith("M")


def test_month_event_spans_its_month_and_mid_month_is_a_window(seed):
    plan = timeline_layout(seed.timeline, seed.files.briefing.as_of)
    by_id = {p.event.id: p for p in plan.placed}
    month = by_id["kremlin-proposal"].mark  # dated 2025-02
    assert month.left == pytest.approx(plan.x(parse_date("2025-02-01").start))
    assert month.right == pytest.approx(plan.x(parse_date("2025-03-01").start))
    window_mark = by_id["april-round"].mark  # mid-April 2025
    assert window_mark.left == pytest.approx(plan.x(parse_date("2025-04-11").start))
    assert window_mark.right == pytest.approx(plan.x(parse_date("2025-04-21").start))
    day = by_id["riyadh-talks"].mark
    assert day.right - day.left < month.right - month.left


def test_a_date_sources_disagree_on_is_shown_beside_the_main_one(seed):
    plan = timeline_layout(seed.timeline, seed.files.briefing.as_of)
    warned = next(p for p in plan.placed if p.event.id == "trump-warns-zelenskyy")
    assert warned.lines[0].startswith("31 Mar (or 30 Mar), ")
    (ring,) = warned.others
    middle = (ring.left + ring.right) / 2
    assert plan.x(parse_date("2025-03-30").start) < middle < plan.x(parse_date("2025-03-31").start)
    root = parse(timeline_svg(seed.timeline, seed.files.briefing.as_of))
    legend = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Ring: another date some sources give." in legend


def test_held_and_tentative_events_look_different_without_colour(seed):
    root = parse(timeline_svg(seed.timeline, seed.files.briefing.as_of))
    marks = {}
    for a in root.iter(f"{SVG}a"):
        mark = next(el for el in a if "bg-mark" in (el.get("class") or ""))
        marks[a.get("href")] = mark
    held, tentative = marks["#riyadh-talks"], marks["#april-round"]
    assert held.get("fill") == "currentColor"
    assert tentative.get("fill") == "url(#briefing-timeline-hatch)"  # a pattern, not faintness
    for mark in (held, tentative):
        assert mark.get("stroke-dasharray") is None and mark.get("stroke-width") == "2"
    legend = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Happened" in legend and "Expected or tentative" in legend
    assert "As of 31 March 2025" in legend


def test_graphics_are_the_same_bytes_for_the_same_data():
    first, second = (pages(derive(read_briefing(SEED_DATA))) for _ in range(2))
    assert first == second
    assert "<svg" in first["index.md"] and "<svg" in first["actors/index.md"]


def test_text_from_data_is_escaped_in_the_graphics(write_data, seed):
    story = small_briefing()
    hostile = '</text><script>alert(1)</script> & "quoted" <b>'
    story["events"][0]["title"] = hostile
    story["actors"][0]["name"] = hostile
    views = derive(read_briefing(write_data(story)))
    for svg in (
        timeline_svg(views.timeline, views.files.briefing.as_of),
        actors_svg(views.files.actors),
    ):
        root = parse(svg)
        assert not list(root.iter("script")) and not list(root.iter(f"{SVG}script"))
        assert not list(root.iter(f"{SVG}b"))
        texts = " ".join(" ".join(el.itertext()) for el in root.iter(f"{SVG}title"))
        assert hostile in texts


def test_figure_is_one_raw_html_block_markdown_leaves_alone(seed):
    plan = timeline_layout(seed.timeline, seed.files.briefing.as_of)
    block = figure("timeline", render(plan, "#{id}"), render_narrow(plan, "#{id}"), "Cap")
    lines = block.splitlines()
    assert all(line and not line[0].isspace() for line in lines)
    parse(block)  # the whole figure is well-formed too


def test_a_window_is_spelled_out_and_placed_from_the_as_of_date():
    as_of = parse_date("2025-03-31")
    assert window(parse_date("mid-April 2025")) == "11 to 20 April 2025"
    assert window(parse_date("2025-02")) == "1 to 28 February 2025"
    assert window(parse_date("2025-02-18")) == ""
    assert countdown(parse_date("mid-April 2025"), as_of) == "11 to 20 days after the as-of date"
    assert countdown(parse_date("2025-04-01"), as_of) == "1 day after the as-of date"
    assert countdown(parse_date("2025-03"), as_of) == "its window includes the as-of date"
    assert countdown(parse_date("2025-02-18"), as_of) == "41 days before the as-of date"


def test_home_page_gives_next_event_with_its_window_then_key_numbers_and_claims(seed):
    home = pages(seed)["index.md"]
    lead = home.split("## Next event", 1)[1].split("## Key points", 1)[0]
    assert "(timeline.md#april-round)" in lead
    assert "mid-April 2025** (11 to 20 April 2025), 11 to 20 days after the as-of date" in lead
    assert "**Tentative:** Reported as possible; not announced." in lead
    panel = home.split("## At a glance", 1)[1].split("## What to watch", 1)[0]
    for number in seed.files.briefing.key_numbers:
        assert number.value.split()[-1] in panel
    assert "6 claimed · 2 unconfirmed" in panel
    assert 'href="timeline/#april-round"' in panel


def test_no_events_and_no_actors_draw_no_graphic(write_data):
    story = small_briefing()
    story["actors"] = []
    story["claims"] = []
    story["events"][0]["actors"] = []
    views = derive(read_briefing(write_data(story)))
    assert "<svg" not in pages(views)["actors/index.md"]


def test_built_pages_carry_the_graphics_intact_with_links_that_resolve(tmp_path, seed):
    project = copy_project(tmp_path / "project")
    result = run_briefing("build", cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for page, folder in (("index.html", site), ("timeline/index.html", site / "timeline")):
        html = (site / page).read_text(encoding="utf-8")
        found = re.search(
            r'<figure class="briefing-figure briefing-figure--timeline">.*?</figure>', html, re.S
        )
        assert found, page
        root = parse(found[0])  # Markdown passed the raw block through untouched
        hrefs = [a.get("href") or "" for a in root.iter(f"{SVG}a")]
        assert len(hrefs) == len(seed.timeline)
        for href in hrefs:
            target, anchor = href.split("#")
            assert f'id="{anchor}"' in (folder / target / "index.html").read_text(encoding="utf-8")
    html = (site / "actors" / "index.html").read_text(encoding="utf-8")
    found = re.search(
        r'<figure class="briefing-figure briefing-figure--actors">.*?</figure>', html, re.S
    )
    assert found
    hrefs = [a.get("href") or "" for a in parse(found[0]).iter(f"{SVG}a")]
    assert sorted(hrefs) == sorted(f"{a.id}/" for a in seed.files.actors)
    assert all((site / "actors" / href / "index.html").is_file() for href in hrefs)


def test_on_a_whole_briefing_page_the_graphics_link_inside_it_and_appear_once(seed):
    env = environment()
    context = {
        "v": seed,
        "b": seed.files.briefing,
        "root": "",
        "header": "",
        "figures": figures(seed),
        "glance": glance(seed),
        "single": True,
    }
    home = env.get_template("index.md.j2").render(**context)
    actors = env.get_template("actors.md.j2").render(**context)
    timeline = env.get_template("timeline.md.j2").render(**context)
    assert "<svg" not in home  # the timeline part draws it; ids stay unique on the page
    assert 'href="#actor-rdif"' in actors and 'href="rdif/"' not in actors
    assert 'href="#event-april-round"' in timeline


def test_every_page_shows_the_same_drawing_of_a_graphic_only_its_links_differ(seed):
    found = figures(seed)
    for group in (TIMELINES, ACTOR_MAPS):
        drawings = {name: found[name] for name in group}
        # With every href taken out, the figures differ only in their captions.
        bare = {
            re.sub(r' href="[^"]*"', "", svg.split("<figcaption>")[0]) for svg in drawings.values()
        }
        assert len(bare) == 1, group
        hrefs = {
            name: [a.get("href") for a in parse(svg).iter(f"{SVG}a")]
            for name, svg in drawings.items()
        }
        for name, (link, _) in group.items():
            ids = [h for h in hrefs[name] if h]
            assert ids and all(h.startswith(link.split("{id}")[0]) for h in ids), name
