"""`briefing new DIR`: a standalone repository a new user publishes as it is. Made, committed,
cloned to a fresh folder and built there with its own two commands, offline: its Makefile is
given this test run's virtual environment (VENV=...), so nothing is installed and neither PyPI
nor GitHub is ever asked."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pip._vendor.packaging.requirements import Requirement

from conftest import IN_CI, REPO, run_briefing
from generator.data import in_words, read_briefing
from generator.data.vocabulary import VOCABULARIES
from generator.outputs.chromium import find_chromium
from generator.pages import PAGES, ignore_rules

VENV = Path(sys.prefix)
# Never a network install: pip is told to use no index, and git only local repositories.
OFFLINE = {"PIP_NO_INDEX": "1", "GIT_ALLOW_PROTOCOL": "file", "NO_MKDOCS_2_WARNING": "1"}


def git(*args: str, cwd: Path) -> str:
    identity = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    done = subprocess.run(
        ["git", *identity, *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    return done.stdout


def make(target: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", target, f"VENV={VENV}"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **OFFLINE},
        check=False,
    )


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new project made by the real `briefing new`."""
    folder = tmp_path_factory.mktemp("new")
    result = run_briefing("new", "city-budget", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "make site" in result.stdout
    return folder / "city-budget"


@pytest.fixture(scope="module")
def clone(made: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The new project committed to its own repository, then cloned to a fresh folder."""
    git("init", "-q", "-b", "main", cwd=made)
    git("add", "-A", cwd=made)
    git("commit", "-q", "-m", "A new briefing", cwd=made)
    fresh = tmp_path_factory.mktemp("clone") / "city-budget"
    git("clone", "-q", "--depth", "1", made.as_uri(), str(fresh), cwd=fresh.parent)
    return fresh


def test_a_new_project_holds_everything_to_publish_it_alone(made: Path):
    for path in (
        "README.md",
        "requirements.txt",
        "Makefile",
        "mkdocs.yml",
        ".gitignore",
        ".github/workflows/pages.yml",
        "content/.gitignore",
        "data/briefing.yml",
        "site-overrides/main.html",
    ):
        assert (made / path).is_file(), path
    readme = (made / "README.md").read_text(encoding="utf-8")
    assert "make site" in readme and "make test" in readme
    assert "Settings > Pages" in readme
    assert (made / "content/.gitignore").read_text(encoding="utf-8") == ignore_rules()
    assert {"/.venv/", "/site/"} <= set((made / ".gitignore").read_text().splitlines())


def test_a_new_project_has_no_symlinks_and_nothing_from_this_repositorys_paths(made: Path):
    links = [p for p in made.rglob("*") if p.is_symlink()]
    assert links == []
    # Only the pin (and the README that explains it) may name this checkout, when it has no
    # public address.
    for path in made.rglob("*"):
        if path.is_file() and path.name not in {"requirements.txt", "README.md"}:
            assert str(REPO) not in path.read_text(encoding="utf-8"), path
    config = yaml.load((made / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for hook in config["hooks"]:
        assert (made / hook).is_file() and not Path(hook).is_absolute(), hook
        imported = re.findall(
            r"^\s*(?:from|import) ([\w.]+)", (made / hook).read_text(), re.MULTILINE
        )
        assert imported and all(name.startswith("generator.") for name in imported), imported


def test_the_pin_is_this_briefing_at_the_commit_it_runs_from(made: Path, tmp_path: Path):
    lines = [
        line
        for line in (made / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(lines) == 1
    # Read by the parser of the pip that installs it (older pips refuse a URL without a host).
    requirement = Requirement(lines[0])
    assert requirement.name == "briefing"
    head = git("rev-parse", "HEAD", cwd=REPO).strip()
    assert requirement.url is not None and requirement.url.startswith("git+")
    address, _, commit = requirement.url.removeprefix("git+").rpartition("@")
    assert commit == head
    assert requirement.url in (made / "README.md").read_text(encoding="utf-8")
    # git fetches that very commit from that address (here a local one: no network).
    if address.startswith("file:"):
        fetched = tmp_path / "fetched"
        git("init", "-q", str(fetched), cwd=tmp_path)
        git("fetch", "-q", "--depth", "1", address, commit, cwd=fetched)
        assert git("rev-parse", "FETCH_HEAD", cwd=fetched).strip() == head


def test_the_example_is_generic_and_valid(made: Path):
    files = read_briefing(made / "data")
    assert files.actors and files.events and files.outlook.judgments
    text = " ".join(p.read_text(encoding="utf-8") for p in (made / "data").glob("*.yml"))
    assert not re.search(r"rare.earth|russia|ukrain|kremlin", text, re.IGNORECASE)


def test_the_examples_comments_list_each_vocabulary_from_its_one_definition(made: Path):
    text = "".join(p.read_text(encoding="utf-8") for p in (made / "data").glob("*.yml"))
    assert "{" not in text
    for name, terms in VOCABULARIES.items():
        if name != "outcome":  # no outcomes.yml before a first edition
            assert in_words(list(terms)) in text, name


def test_the_fresh_clone_builds_with_its_own_make_site(clone: Path, made: Path):
    built = make("site", clone)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "pip install" not in built.stdout  # the given venv is used as it is
    site = clone / "site"
    title = read_briefing(made / "data").briefing.title
    assert title in (site / "index.html").read_text(encoding="utf-8")
    for page in PAGES:
        assert (site / page.url / "index.html").is_file(), page.path
    for actor in read_briefing(made / "data").actors:
        assert (site / "actors" / actor.id / "index.html").is_file(), actor.id
    # With Chromium (always in CI), `make site` prints the two PDFs too.
    if IN_CI or find_chromium() is not None:
        for pdf in ("briefing.pdf", "briefing-full.pdf"):
            assert (site / pdf).read_bytes().startswith(b"%PDF-"), pdf
    # Building made no file git would commit.
    assert git("status", "--porcelain", cwd=clone) == ""


def test_the_fresh_clone_passes_its_own_make_test(clone: Path):
    before = sorted(p.relative_to(clone) for p in (clone / "site").rglob("*"))
    tested = make("test", clone)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "Checking data/" in tested.stdout and "Building the site" in tested.stdout
    # It leaves site/ (and its PDFs) as `make site` made it.
    assert sorted(p.relative_to(clone) for p in (clone / "site").rglob("*")) == before


def test_make_test_fails_on_a_mistake(clone: Path, tmp_path: Path):
    broken = tmp_path / "broken"
    git("clone", "-q", clone.as_uri(), str(broken), cwd=tmp_path)
    events = broken / "data/events.yml"
    events.write_text(events.read_text().replace("  status: held", "  status: hld", 1))
    tested = make("test", broken)
    assert tested.returncode != 0
    assert "data/events.yml:" in tested.stderr and "hint:" in tested.stderr


def test_make_refuses_a_venv_without_briefing(clone: Path, tmp_path: Path):
    done = subprocess.run(
        ["make", "site", f"VENV={tmp_path / 'empty'}"],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **OFFLINE},
        check=False,
    )
    assert done.returncode != 0
    assert "has no briefing" in done.stderr


def test_the_new_projects_workflow_is_valid_and_clean(made: Path):
    workflow = made / ".github/workflows/pages.yml"
    bin_dir = Path(sys.executable).parent
    schema = subprocess.run(
        [bin_dir / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", workflow],
        capture_output=True,
        text=True,
        check=False,
    )
    assert schema.returncode == 0, schema.stdout + schema.stderr
    audit = subprocess.run(
        [bin_dir / "zizmor", "--offline", workflow.parent],
        capture_output=True,
        text=True,
        check=False,
    )
    assert audit.returncode == 0, audit.stdout + audit.stderr
    steps = yaml.safe_load(workflow.read_text())["jobs"]["build"]["steps"]
    assert any(step.get("run") == "make site" for step in steps)


def test_new_refuses_a_folder_that_is_not_empty_with_a_hint(tmp_path: Path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken/notes.txt").write_text("mine")
    result = run_briefing("new", "taken", cwd=tmp_path)
    assert result.returncode == 2
    assert "not empty" in result.stderr and "hint: name a new folder" in result.stderr
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["notes.txt"]


def test_new_fills_an_empty_folder_it_is_run_in(tmp_path: Path):
    folder = tmp_path / "story"
    folder.mkdir()
    inode = folder.stat().st_ino
    result = run_briefing("new", ".", cwd=folder)
    assert result.returncode == 0, result.stderr
    # The same folder, not one moved over it: a shell inside it sees the files.
    assert folder.stat().st_ino == inode
    assert (folder / "Makefile").is_file() and (folder / "data/briefing.yml").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story"]
    assert "# story" in (folder / "README.md").read_text(encoding="utf-8")


def test_new_into_an_unwritable_place_says_so_in_one_line(tmp_path: Path):
    (tmp_path / "a-file").write_text("")
    places = [tmp_path / "a-file" / "story"]
    # A folder even root cannot write in.
    if Path("/sys").is_dir():
        places.append(Path("/sys/briefing-story"))
    for place in places:
        result = run_briefing("new", str(place), cwd=tmp_path)
        assert result.returncode == 1, (place, result.stderr)
        # One line, then its hint (as every failure of every command).
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 2 and lines[1].startswith("    hint: "), result.stderr
        assert result.stderr.startswith(f"briefing: cannot make {place}: "), result.stderr
        assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]
