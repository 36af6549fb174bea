"""A briefing that grows: data split over folders, read fast, problems still located exactly."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import SEED_DATA, copy_project, run_briefing
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


def page_states(content: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(content).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in content.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }


def test_a_generate_with_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    first = run_briefing("generate", cwd=project)
    assert first.returncode == 0, first.stderr
    before = page_states(project / "content")
    again = run_briefing("generate", cwd=project)
    assert again.returncode == 0, again.stderr
    assert f"content: 0 written, {len(before)} unchanged, 0 removed" in again.stdout
    assert page_states(project / "content") == before


def test_a_deleted_or_edited_page_is_written_again(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    assert run_briefing("generate", cwd=project).returncode == 0
    content = project / "content"
    want = {rel: data for rel, (_, data) in page_states(content).items()}
    (content / "timeline.md").unlink()
    home = content / "index.md"
    home.write_bytes(home.read_bytes() + b"\nedited by hand\n")
    again = run_briefing("generate", cwd=project)
    assert again.returncode == 0, again.stderr
    assert "content: 2 written," in again.stdout
    assert {rel: data for rel, (_, data) in page_states(content).items()} == want


def test_a_change_in_data_or_editions_generates_again(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    assert run_briefing("generate", cwd=project).returncode == 0
    briefing = project / "data" / "briefing.yml"
    briefing.write_text(briefing.read_text().replace("title: ", "title: Newer ", 1))
    again = run_briefing("generate", cwd=project)
    assert again.returncode == 0, again.stderr
    assert "0 written" not in again.stdout
    assert "Newer " in (project / "content" / "index.md").read_text()
    from generator.outputs.stamp import inputs_key

    key = inputs_key(project / "data", project / "editions")
    (project / "editions").mkdir()
    (project / "editions" / "notes.txt").write_text("x")
    assert inputs_key(project / "data", project / "editions") != key


def test_warnings_are_reported_again_when_nothing_changed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    events = project / "data" / "events.yml"
    text = events.read_text()
    title = next(ln for ln in text.splitlines() if ln.startswith("  title: "))
    events.write_text(text.replace(title, f"{title} likely", 1))
    first = run_briefing("generate", cwd=project)
    assert first.returncode == 0 and "warning" in first.stderr, first.stderr
    again = run_briefing("generate", cwd=project)
    assert again.returncode == 0 and "0 written" in again.stdout
    assert again.stderr == first.stderr


def test_briefing_build_does_not_run_the_mkdocs_hook(tmp_path: Path) -> None:
    """`briefing build` generates once: the hook in mkdocs.yml (for plain mkdocs) stays off."""
    project = copy_project(tmp_path / "p")
    marker = project / "hook-ran"
    (project / "spy_hook.py").write_text(
        "from pathlib import Path\n\n\ndef on_pre_build(config):\n"
        f"    Path({str(marker)!r}).write_text('ran')\n"
    )
    config = project / "mkdocs.yml"
    text = config.read_text()
    assert "  - generator/outputs/mkdocs_hook.py\n" in text
    config.write_text(text.replace("  - generator/outputs/mkdocs_hook.py\n", "  - spy_hook.py\n"))
    result = run_briefing("build", "--no-pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "index.html").is_file()
    assert not marker.exists()
    # The spy does run under plain mkdocs: the test would see it if briefing ran the hooks.
    plain = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "plain")],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert plain.returncode == 0, plain.stderr
    assert marker.exists()


@pytest.mark.parametrize("path", sorted(SEED_DATA.glob("*.yml")), ids=lambda p: p.name)
def test_fast_path_finds_the_positions_the_tracking_loader_does(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    slow = Document(path.name, None)
    _Builder(slow, path.stem).build(_compose(text, path.name, path.stem), ())
    fast = Document(path.name, None)
    _fast_value(text, fast)
    assert (fast.values, fast.keys) == (slow.values, slow.keys)


def test_graphics_and_print_stay_readable_at_ten_times_the_seed(tmp_path: Path) -> None:
    """At 10x: the map draws the key actors, the home page the recent events, the brief fewer,
    the whole-briefing page profiles the key actors; the strict build finds no broken link."""
    from scale import write_briefing

    from generator.data.views import KEY_ACTORS, RECENT_NEXT, RECENT_PAST, derive

    project = copy_project(tmp_path / "p", data=SEED_DATA)
    shutil.rmtree(project / "data")
    write_briefing(10, project / "data")
    views = derive(read_briefing(project / "data"))
    assert len(views.key_actors) == KEY_ACTORS < len(views.actor_views)
    assert len(views.recent) <= RECENT_PAST + RECENT_NEXT < len(views.timeline)
    built = run_briefing("build", "--no-pdf", cwd=project)
    assert built.returncode == 0, built.stderr  # strict: every link inside the print page resolves
    content = project / "content"
    actors = (content / "actors" / "index.md").read_text(encoding="utf-8")
    assert f"The {KEY_ACTORS} most connected of {len(views.actor_views)} actors" in actors
    home = (content / "index.md").read_text(encoding="utf-8")
    assert f"Timeline: {len(views.recent)} events" in home
    timeline = (content / "timeline.md").read_text(encoding="utf-8")
    assert f"Timeline: {len(views.timeline)} events" in timeline
    # The brief, for a meeting, lists fewer: the eight latest and at most eight ahead.
    brief = (content / "brief.md").read_text(encoding="utf-8")
    as_of = views.files.briefing.as_of
    ahead = [e for e in views.timeline if e.date.start > as_of.end]
    listed = min(8, len(views.timeline) - len(ahead)) + min(8, len(ahead))
    assert brief.count('\n- <span id="event-') == listed
    assert f"the {len(views.timeline) - listed} others are in the whole briefing" in brief
    printed = (content / "print.md").read_text(encoding="utf-8")
    assert printed.count('<section class="briefing-profile"') == KEY_ACTORS


def test_the_seed_shows_every_actor_and_event() -> None:
    from generator.data.views import derive

    views = derive(read_briefing(SEED_DATA))
    assert views.key_actors == list(views.files.actors)
    assert views.recent == views.timeline
