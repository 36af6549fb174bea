"""Fixtures: real projects in temporary folders, built the way an editor builds them."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.pages.registry import PRINTED

REPO = Path(__file__).resolve().parent.parent
# A frozen copy of the seed briefing: tests read this, never the live data/ an editor changes.
SEED_DATA = REPO / "tests" / "fixtures" / "seed"
# The parts of the whole-briefing page and the PDF, in reading order (the pages registry's).
PRINT_PARTS = [str(page.printed) for page in PRINTED]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: object, reason: str) -> None:
    """Skip when a tool is missing on a laptop; in CI a missing tool is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def copy_project(dest: Path, data: Path | None = None) -> Path:
    """A copy of this repository's project files, with the frozen seed data or other data."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "site-overrides", dest / "site-overrides")
    shutil.copytree(data or SEED_DATA, dest / "data")
    (dest / "content").mkdir(exist_ok=True)
    for hand_written in ("assets",):
        if (REPO / "content" / hand_written).is_dir():
            shutil.copytree(REPO / "content" / hand_written, dest / "content" / hand_written)
    # The hook in mkdocs.yml is looked up relative to the config file.
    (dest / "generator").symlink_to(REPO / "generator")
    return dest


def run_briefing(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point, as an editor would."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def dump(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(value, sort_keys=False, allow_unicode=True), encoding="utf-8")


def small_briefing() -> dict[str, Any]:
    """A second, unrelated briefing: proof that nothing about the seed story is built in."""
    return {
        "briefing": {
            "title": "Harbour city votes on a tram line",
            "as_of": "2024-06-03",
            "summary": {
                "text": "The council meets to vote on the northern tram line.",
                "sources": ["gazette"],
            },
            "key_points": [{"text": "The vote is set for mid-June.", "sources": ["gazette"]}],
            "background": [
                {
                    "heading": "The plan",
                    "paragraphs": [
                        {"text": "The line would run 12 km to the port.", "sources": ["gazette"]}
                    ],
                }
            ],
        },
        "sources": [
            {
                "id": "gazette",
                "outlet": "Harbour Gazette",
                "title": "Tram vote next month",
                "date": "2024-05-30",
                "url": "https://example.org/tram",
                "kind": "newspaper",
            },
        ],
        "actors": [
            {
                "id": "mayor-lind",
                "name": "Mayor Ada Lind",
                "kind": "person",
                "role": "Mayor of the harbour city",
                "sources": ["gazette"],
                "links": [{"to": "council", "relation": "leads", "sources": ["gazette"]}],
            },
            {
                "id": "council",
                "name": "City Council",
                "kind": "organisation",
                "role": "Votes on the tram line",
                "sources": ["gazette"],
            },
        ],
        "events": [
            {
                "id": "vote",
                "date": "mid-June 2024",
                "title": "Council vote on the tram line",
                "status": "scheduled",
                "actors": ["council"],
                "sources": ["gazette"],
            },
        ],
        "claims": [
            {
                "id": "mayor-backs",
                "by": "mayor-lind",
                "date": "2024-05-30",
                "said": "The tram will be running by 2027.",
                "form": "quote",
                "status": "claimed",
                "events": ["vote"],
                "sources": ["gazette"],
            },
        ],
        "outlook": {
            "next_event": "vote",
            "question": "Will the council approve the line?",
            "judgments": [
                {
                    "id": "approved",
                    "statement": "The council approves the line.",
                    "likelihood": "likely",
                    "confidence": "moderate",
                    "basis": "The mayor's party holds a majority.",
                    "sources": ["gazette"],
                    "resolves_by": "2024-06-30",
                    "resolves_if": "The council's minutes record a vote approving the line.",
                }
            ],
        },
    }


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed briefing built once for the run, without the PDF: read it, never change it."""
    project = copy_project(tmp_path_factory.mktemp("seed"))
    result = run_briefing("build", "--no-pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """The seed's PDFs made by the real `briefing pdf`, each once for the run:
    printed("brief", "letter"), printed("full")."""
    made: dict[tuple[str, str], Path] = {}
    projects: list[Path] = []

    def make(document: str = "brief", paper: str = "a4") -> Path:
        from generator.outputs.chromium import find_chromium

        require(find_chromium(), "Chromium is not installed (apt-get install chromium)")
        if not projects:
            projects.append(copy_project(tmp_path_factory.mktemp("printed")))
        if (document, paper) not in made:
            out = f"out/{document}-{paper}.pdf"
            full = ["--full"] if document == "full" else []
            result = run_briefing("pdf", "--out", out, "--paper", paper, *full, cwd=projects[0])
            assert result.returncode == 0, result.stderr
            assert f"{out}: " in result.stdout and " pages in " in result.stdout
            made[(document, paper)] = projects[0] / out
        return made[(document, paper)]

    return make


@pytest.fixture
def write_data(tmp_path: Path) -> Callable[..., Path]:
    """Write a briefing given as {file name: value} into a data folder; return the folder."""

    def write(files: dict[str, Any], folder: Path | None = None) -> Path:
        data = folder or tmp_path / "data"
        for name, value in files.items():
            dump(data / f"{name}.yml", value)
        return data

    return write


@pytest.fixture
def chromium() -> Iterator[Any]:
    """A real headless Chromium (Playwright driving Debian's chromium)."""
    from generator.outputs.chromium import browser, find_chromium

    require(find_chromium(), "Chromium is not installed (apt-get install chromium)")
    with browser() as launched:
        yield launched


@pytest.fixture
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
