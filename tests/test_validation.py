"""Loading and validation: the seed is valid; mistakes name the file, line and field."""

from pathlib import Path

import pytest

from conftest import SEED_DATA, small_briefing
from generator.data.errors import BriefingError
from generator.data.validation import read_briefing


def problems_for(write_data, files) -> list[str]:
    with pytest.raises(BriefingError) as caught:
        read_briefing(write_data(files))
    return [p.format() for p in caught.value.problems]


def test_the_seed_briefing_is_valid():
    files = read_briefing(SEED_DATA)
    assert files.briefing.as_of.precision == "day"
    assert {e.status for e in files.events} >= {"held", "tentative"}


def test_the_seed_shows_sources_that_disagree_on_a_date():
    files = read_briefing(SEED_DATA)
    disputed = [e for e in files.events if e.other_dates]
    assert disputed, "the seed records at least one date the sources disagree on"


def test_a_small_briefing_on_another_topic_is_valid(write_data):
    assert read_briefing(write_data(small_briefing())).briefing.title.startswith("Harbour")


def test_dangling_actor_reference_names_file_line_and_suggests_the_id(write_data):
    files = small_briefing()
    files["claims"][0]["by"] = "mayor-lnd"
    [line] = problems_for(write_data, files)
    assert line.startswith("data/claims.yml:2:7: error: claims[0].by: no actor has the id")
    assert "did you mean 'mayor-lind'?" in line


def test_every_problem_is_reported_in_one_run(write_data):
    files = small_briefing()
    files["events"][0]["date"] = "2024-02-30"
    files["sources"][0]["kind"] = "newspapr"
    files["actors"][0]["rol"] = "typo"
    lines = problems_for(write_data, files)
    assert any("events.yml" in ln and "events[0].date" in ln and "no day 30" in ln for ln in lines)
    assert any("sources[0].kind" in ln and "did you mean 'newspaper'?" in ln for ln in lines)
    assert any("unknown field 'rol'" in ln and "did you mean 'role'?" in ln for ln in lines)


def test_a_fact_without_a_source_is_an_error(write_data):
    files = small_briefing()
    files["briefing"]["key_points"][0]["sources"] = []
    [line] = problems_for(write_data, files)
    assert "briefing.key_points[0].sources: needs at least one entry" in line


def test_duplicate_ids_point_at_the_second_and_name_the_first(write_data):
    files = small_briefing()
    files["actors"][1]["id"] = "mayor-lind"
    lines = problems_for(write_data, files)
    [line] = [ln for ln in lines if "used twice" in ln]
    assert line.startswith(
        "data/actors.yml:12:7: error: actors[1].id: id 'mayor-lind' is used twice"
    )
    assert "first used on line 1" in line


def test_a_missing_data_file_is_named(write_data, tmp_path: Path):
    data = write_data(small_briefing())
    (data / "outlook.yml").unlink()
    lines = problems_for(lambda f: data, {})
    assert lines == [
        "data/outlook.yml:1:1: error: outlook: this data file is missing\n"
        "    hint: create data/outlook.yml; the README lists what each file holds"
    ]
