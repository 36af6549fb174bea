"""A first run that talks: one line to copy, each phase named as it starts, skips explained."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import REPO, copy_project, run_briefing

TESTS = REPO / "tests"


def test_the_readme_gives_one_apt_get_line_with_every_system_package():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    lines = [line for line in readme.splitlines() if "apt-get install" in line]
    assert len(lines) == 1, lines
    (line,) = lines
    assert line.startswith("sudo apt-get update && sudo apt-get install -y ")
    named = set(line.split("install -y ", 1)[1].split())
    # What CI installs, and what Python needs to make .venv/ on Debian and Ubuntu.
    ci = set(re.findall(r"need\+=\((\S+)\)", (REPO / ".ci" / "run").read_text(encoding="utf-8")))
    assert ci and ci | {"python3-venv"} <= named


def write_script(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + textwrap.dedent(body), encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def stubbed(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """This repository's Makefile in a folder where every tool it runs is a stand-in that says
    how it was called: the real make, the real rules, nothing installed or fetched."""
    project = tmp_path / "project"
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, project / name)
    (project / "tests" / "axe").mkdir(parents=True)
    shutil.copy(TESTS / "axe" / "package-lock.json", project / "tests/axe/package-lock.json")
    (project / ".github" / "workflows").mkdir(parents=True)
    (project / ".github/workflows/pages.yml").write_text("name: x\n", encoding="utf-8")
    tools = tmp_path / "tools"
    said = 'echo "ran $(basename "$0") $*"\n'
    venv_tools = ["pip", "ruff", "mypy", "pytest", "check-jsonschema", "zizmor", "briefing"]
    # `python -m venv .venv` makes a .venv/bin of stand-ins.
    write_script(
        tools / "python",
        'mkdir -p "$3/bin"\n'
        + "".join(
            f"printf '%s\\n' '#!/bin/sh' '{said.strip()}' > \"$3/bin/{tool}\"\n"
            f'chmod +x "$3/bin/{tool}"\n'
            for tool in venv_tools
        )
        + said,
    )
    write_script(
        tools / "npm", "mkdir -p node_modules/axe-core && touch node_modules/axe-core/axe.min.js\n"
    )
    env = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}"}
    env.pop("MAKEFLAGS", None)
    env.pop("MFLAGS", None)
    return project, {**env, "PYTHON_STUB": str(tools / "python")}


def make(project: Path, env: dict[str, str], *targets: str) -> list[str]:
    done = subprocess.run(
        ["make", "--no-print-directory", *targets, f"PYTHON={env['PYTHON_STUB']}"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.splitlines()


def phases(lines: list[str]) -> list[str]:
    return [line.split(":")[0].removeprefix("==> ") for line in lines if line.startswith("==> ")]


def test_make_test_names_each_phase_as_it_starts_and_lets_pip_show_progress(stubbed):
    project, env = stubbed
    lines = make(project, env, "test")
    assert phases(lines) == ["setup", "setup", "lint", "workflows", "axe", "axe", "tests"]
    # Each phase is named before its tools run.
    order = [line for line in lines if line.startswith(("==> ", "ran "))]
    assert order.index(next(x for x in order if x.startswith("==> lint"))) < order.index(
        next(x for x in order if x.startswith("ran ruff"))
    )
    assert order[-1] == "ran pytest "
    (pip,) = [line for line in lines if line.startswith("ran pip")]
    assert "install" in pip and "--quiet" not in pip and " -q" not in pip
    # Set up once: the next run goes straight to its phases.
    assert phases(make(project, env, "test")) == ["lint", "workflows", "axe", "tests"]


def test_make_site_names_its_phases(stubbed):
    project, env = stubbed
    lines = make(project, env, "site")
    assert phases(lines) == ["setup", "setup", "site"]
    assert lines[-1] == "ran briefing build"


def test_a_build_without_chromium_says_the_pdf_was_skipped_and_why(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "p")
    monkeypatch.setenv("BRIEFING_CHROMIUM", str(tmp_path / "no-such-browser"))
    result = run_briefing("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (
        "PDF skipped: Chromium is not installed, so the site links no PDF. "
        "Install it (Debian: apt-get install chromium) and build again."
    ) in result.stdout
    assert not (project / "site" / "briefing.pdf").exists()
    skipped = run_briefing("build", "--no-pdf", cwd=project)
    assert "PDF skipped (--no-pdf): the site links no PDF." in skipped.stdout


def test_pytest_names_each_group_of_tests_before_its_dots(tmp_path):
    (tmp_path / "conftest.py").write_text(
        "from phases import Phases\n\n\n"
        "def pytest_configure(config):\n"
        '    config.pluginmanager.register(Phases(config), "phases")\n',
        encoding="utf-8",
    )
    (tmp_path / "test_alpha.py").write_text(
        '"""Alpha: the first group.\n\nMore words."""\n\n\ndef test_a():\n    pass\n',
        encoding="utf-8",
    )
    (tmp_path / "test_beta.py").write_text(
        "def test_b():\n    pass\n\n\ndef test_c():\n    pass\n", encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-c", os.devnull, "."],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(TESTS)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    alpha = lines.index("==> test_alpha.py: Alpha: the first group.")
    assert lines[alpha + 1].startswith("test_alpha.py .")
    beta = lines.index("==> test_beta.py")
    assert lines[beta + 1].startswith("test_beta.py ..")
