"""A build killed at any moment leaves content/ and site/ each wholly old or wholly new, and
nothing stray that git sees; the next run clears what the killed one left.

The build is killed (SIGKILL, no clean-up) at the steps generator.atomic marks, chosen
from a traced run, and once from outside while MkDocs is writing the new site.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import SEED_DATA, copy_project
from generator.pages.registry import STAMP

# Each kill waits for a real build of a large briefing: a guard against a hang, not a deadline.
pytestmark = pytest.mark.timeout(1800)

ACTORS = 320  # at least: whole copies of the seed's 15
TITLE = "A briefing rebuilt under fire"


def scaled_data(dest: Path) -> Path:
    """The seed briefing with ACTORS actors: copies of the seed's, linked within each copy."""
    shutil.copytree(SEED_DATA, dest)
    seed = yaml.safe_load((SEED_DATA / "actors.yml").read_text(encoding="utf-8"))
    actors = list(seed)
    copy = 1
    while len(actors) < ACTORS:
        for actor in seed:
            clone = {**actor, "id": f"{actor['id']}-{copy}", "name": f"{actor['name']} {copy}"}
            clone["links"] = [
                {**link, "to": f"{link['to']}-{copy}"} for link in actor.get("links", [])
            ]
            actors.append(clone)
        copy += 1
    (dest / "actors.yml").write_text(yaml.safe_dump(actors, sort_keys=False), "utf-8")
    return dest


def briefing(*args: str, cwd: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(proc: subprocess.Popen[str]) -> tuple[int, str]:
    _, err = proc.communicate(timeout=600)
    return proc.returncode, err


def git(project: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=project, capture_output=True, text=True, check=True
    ).stdout


def tree(folder: Path) -> dict[str, str]:
    """Every file under a folder by its digest (the no-change stamp by its presence only: it
    records the pages' modification times, which differ from build to build)."""
    return {
        p.relative_to(folder).as_posix(): (
            "present" if p.name == STAMP else hashlib.sha256(p.read_bytes()).hexdigest()
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def retitle(project: Path) -> None:
    """An edit that changes every page: the title is in every page's running head."""
    path = project / "data/briefing.yml"
    text = path.read_text(encoding="utf-8")
    old = text.split("title: ", 1)[1].splitlines()[0]
    path.write_text(text.replace(f"title: {old}", f"title: {TITLE}", 1), encoding="utf-8")


def break_data(project: Path) -> None:
    path = project / "data/events.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  status: held", "  status: hled"))


class States:
    """The old project (built, committed) and the trees of content/ and site/ before and after
    the edit."""

    def __init__(self, root: Path) -> None:
        self.old = copy_project(root / "old", scaled_data(root / "data"))
        git(self.old, "init", "-q")
        git(self.old, "config", "user.email", "test@example.org")
        git(self.old, "config", "user.name", "test")
        code, err = finished(briefing("build", "--no-pdf", cwd=self.old))
        assert code == 0, err
        git(self.old, "add", "-A")
        git(self.old, "commit", "-q", "-m", "built")
        assert git(self.old, "status", "--porcelain", "--untracked-files=all") == ""
        new = root / "new"
        shutil.copytree(self.old, new, symlinks=True)
        retitle(new)
        log = root / "steps.log"
        code, err = finished(briefing("build", "--no-pdf", cwd=new, BRIEFING_FAULT_LOG=str(log)))
        assert code == 0, err
        self.steps = [line.split(" ", 1)[1] for line in log.read_text().splitlines()]
        self.trees = {
            name: (tree(self.old / name), tree(new / name)) for name in ("content", "site")
        }
        assert all(old != new for old, new in self.trees.values())
        self.root = root
        self.runs = 0

    def fresh_copy(self) -> Path:
        """A copy of the old project with the edit made, ready to be built."""
        self.runs += 1
        project = self.root / f"run-{self.runs}"
        shutil.copytree(self.old, project, symlinks=True)
        retitle(project)
        return project

    def assert_whole(self, project: Path) -> dict[str, str]:
        """content/ and site/ each wholly old or wholly new; git sees nothing else."""
        ages = {}
        for name, (old, new) in self.trees.items():
            now = tree(project / name)
            assert now in (old, new), f"{name}/ is neither the old nor the new one"
            ages[name] = "old" if now == old else "new"
        changed = git(project, "status", "--porcelain", "--untracked-files=all").splitlines()
        stray = [
            line for line in changed if line[3:].split("/")[0] not in {"content", "site", "data"}
        ]
        assert not stray, stray
        return ages

    def assert_cleared_by_the_next_run(self, project: Path, ages: dict[str, str]) -> None:
        """The next run (here on bad data, which changes nothing) removes the leftovers."""
        break_data(project)
        code, err = finished(briefing("build", "--no-pdf", cwd=project))
        assert code == 2, err
        assert self.assert_whole(project) == ages
        left = sorted(p.name for p in (project / ".briefing").iterdir())
        assert left == [".gitignore", "content.lock", "site.lock"], left


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> States:
    return States(tmp_path_factory.mktemp("kill"))


def kill_points(steps: list[str]) -> list[int]:
    """Step numbers (from 1) to kill at: the first, second, middle and last page written, and
    every step around the two swaps (MkDocs' own writes are killed from outside below)."""
    writes = [i for i, s in enumerate(steps, 1) if s.startswith("write ")]
    assert len(writes) > ACTORS, "every actor's page is written"
    named = ["stage content", "staged content", "swapped content", "stage site"]
    named += ["swapped site"]
    points = {writes[0], writes[1], writes[len(writes) // 2], writes[-1]}
    return sorted(points | {steps.index(name) + 1 for name in named})


def test_a_build_killed_at_any_step_leaves_each_folder_whole(states: States):
    seen = set()
    for point in kill_points(states.steps):
        project = states.fresh_copy()
        code, err = finished(
            briefing("build", "--no-pdf", cwd=project, BRIEFING_FAULT=f"kill@{point}")
        )
        assert code == -signal.SIGKILL, (point, states.steps[point - 1], err)
        ages = states.assert_whole(project)
        seen.add(tuple(ages.values()))
        states.assert_cleared_by_the_next_run(project, ages)
    # The kills fell before, between and after the two swaps.
    assert seen == {("old", "old"), ("new", "old"), ("new", "new")}


@pytest.mark.parametrize("folder", ["content", "site"])
def test_a_kill_between_the_two_renames_of_a_swap_is_undone_at_the_next_run(
    states: States, folder: str
):
    """Where the system cannot swap two folders at once, the old one is set aside, then the
    new one moved in: killed between the two, the next run puts the old one back."""
    project = states.fresh_copy()
    code, _ = finished(
        briefing(
            "build",
            "--no-pdf",
            cwd=project,
            BRIEFING_FAULT=f"noexchange,kill@set aside {folder}",
        )
    )
    assert code == -signal.SIGKILL
    assert not (project / folder).exists()
    assert (project / ".briefing" / f"{folder}.old").is_dir()
    states.assert_cleared_by_the_next_run(
        project, {"content": "old" if folder == "content" else "new", "site": "old"}
    )


def test_a_build_killed_while_mkdocs_writes_the_site_leaves_each_folder_whole(states: States):
    project = states.fresh_copy()
    proc = briefing("build", "--no-pdf", cwd=project)
    staging = project / ".briefing"
    # Wait (on the condition, however long it takes) until MkDocs has written 100 files.
    while proc.poll() is None:
        if any(
            sum(1 for _ in folder.rglob("*.html")) >= 100 for folder in staging.glob("site.new.*")
        ):
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    code, err = finished(proc)
    assert code == -signal.SIGKILL, f"the build ended before it was killed: {err}"
    ages = states.assert_whole(project)
    assert ages == {"content": "new", "site": "old"}
    states.assert_cleared_by_the_next_run(project, ages)
