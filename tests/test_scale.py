"""A briefing that grows: data split over folders, read fast, problems still located exactly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import SEED_DATA
from generator.data import BriefingError
from generator.data.loading import Document, _Builder, _compose, _fast_value, load
from generator.data.validation import read_briefing


def tracked(text: str, name: str = "x") -> object:
    """The value as the position-tracking loader reads it."""
    node = _compose(text, f"{name}.yml", name)
    return _Builder(Document(f"{name}.yml", None), name).build(node, ())


@pytest.mark.parametrize("path", sorted(SEED_DATA.glob("*.yml")), ids=lambda p: p.name)
def test_fast_path_reads_the_seed_as_the_tracking_loader_does(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _fast_value(text) == tracked(text)


def test_fast_path_reads_every_kind_of_scalar_alike() -> None:
    text = (
        "- a: 1\n  b: 2.5\n  c: true\n  d: ~\n  e: 2025-03-31\n  f: '007'\n  g: >-\n    folded\n"
        "    text\n  h: [x, {y: 'z'}]\n  i: |\n    kept\n    lines\n  j: 0x1F\n  k: .inf\n  l:\n"
    )
    assert _fast_value(text) == tracked(text)


def split(data: Path, kind: str, parts: int) -> list[Path]:
    """Move data/<kind>.yml into data/<kind>/part-N.yml files, entries in the same order."""
    entries = yaml.safe_load((data / f"{kind}.yml").read_text(encoding="utf-8"))
    (data / f"{kind}.yml").unlink()
    (data / kind).mkdir()
    size = -(-len(entries) // parts)
    paths = []
    for n in range(parts):
        path = data / kind / f"part-{n + 1}.yml"
        dumped = yaml.safe_dump(entries[n * size : (n + 1) * size], sort_keys=False)
        path.write_text(dumped, encoding="utf-8")
        paths.append(path)
    return paths


def test_a_kind_split_over_a_folder_reads_as_one_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SEED_DATA, data)
    whole = read_briefing(data)
    for kind in ("actors", "events", "sources", "claims"):
        split(data, kind, 3)
    assert read_briefing(data) == whole


def test_a_problem_in_a_part_is_located_in_that_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SEED_DATA, data)
    parts = split(data, "actors", 3)
    text = parts[1].read_text(encoding="utf-8")
    lines = text.splitlines()
    line = next(i for i, ln in enumerate(lines, 1) if ln.startswith("  kind: "))
    lines[line - 1] = "  kind: persn"
    parts[1].write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BriefingError) as caught:
        read_briefing(data)
    (problem,) = caught.value.problems
    assert problem.path == "data/actors/part-2.yml"
    assert problem.line == line
    assert "persn" in problem.format()


def test_a_repeated_id_across_parts_names_the_first_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SEED_DATA, data)
    parts = split(data, "events", 2)
    first = yaml.safe_load(parts[0].read_text(encoding="utf-8"))[0]["id"]
    text = parts[1].read_text(encoding="utf-8")
    second = yaml.safe_load(text)[0]["id"]
    parts[1].write_text(text.replace(f"id: {second}\n", f"id: {first}\n", 1), encoding="utf-8")
    with pytest.raises(BriefingError) as caught:
        read_briefing(data)
    twice = [p for p in caught.value.problems if "used twice" in p.message]
    assert twice and twice[0].path == "data/events/part-2.yml"
    assert "in data/events/part-1.yml on line 1" in twice[0].hint


def test_a_kind_in_a_file_and_a_folder_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SEED_DATA, data)
    (data / "actors").mkdir()
    shutil.copy(data / "actors.yml", data / "actors" / "more.yml")
    with pytest.raises(BriefingError) as caught:
        read_briefing(data)
    assert any(p.path == "data/actors/" for p in caught.value.problems)


def test_a_part_that_is_not_a_list_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SEED_DATA, data)
    parts = split(data, "sources", 2)
    parts[0].write_text("id: just-one\noutlet: X\nkind: data\n", encoding="utf-8")
    with pytest.raises(BriefingError) as caught:
        read_briefing(data)
    (problem,) = caught.value.problems
    assert problem.path == "data/sources/part-1.yml"
    assert "list of entries" in problem.message


def test_fast_load_locates_a_schema_problem_like_the_tracking_loader(tmp_path: Path) -> None:
    """Valid YAML, invalid data: read fast, then located by reading again with positions."""
    path = tmp_path / "events.yml"
    path.write_text("- id: a\n  date: 2025\n  title: x\n  status: hled\n", encoding="utf-8")
    doc = load(path, "data/events.yml")
    assert doc.text is not None  # the fast path read it
    assert doc.locate((0, "status")) == (4, 11)
    assert doc.place((0, "title")) == ("data/events.yml", 3, 10)
