"""Nothing lost: bad data never changes content/ or site/, whichever command meets it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project, run_briefing

# One mistake of each layer: YAML syntax, schema, cross-reference, whole file, hostile YAML.
BREAKAGES = {
    "unclosed quote": ("events.yml", "  title: ", "  title: 'never closed "),
    "misspelt status": ("events.yml", "  status: held", "  status: hled"),
    "dangling source": ("claims.yml", "  sources: [tvp-world", "  sources: [tvp-wrold"),
    "missing file": ("outlook.yml", None, None),
    "billion laughs": (
        "actors.yml",
        None,
        "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n"
            for i in range(8)
        ),
    ),
}


def mkdocs_build(project: Path) -> subprocess.CompletedProcess[str]:
    """Plain `mkdocs build --strict`, as someone who never heard of `briefing` would type it."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.run(
        [str(mkdocs), "build", "--strict"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


COMMANDS = {
    "briefing generate": lambda project: run_briefing("generate", cwd=project),
    "briefing build": lambda project: run_briefing("build", cwd=project),
    "mkdocs build": mkdocs_build,
}


def snapshot(project: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under content/ and site/ (and any stray build folder): bytes and mtime."""
    files = {}
    for path in sorted(project.rglob("*")):
        relative = path.relative_to(project)
        if relative.parts[0] in {"data", "generator", "site-overrides", "mkdocs.yml"}:
            continue
        if path.is_file():
            files[str(relative)] = (path.read_bytes(), path.stat().st_mtime_ns)
        else:
            files[str(relative)] = (b"<folder>", 0)
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("good") / "p")
    result = run_briefing("build", cwd=project)
    assert result.returncode == 0, result.stderr
    return project


def break_data(project: Path, breakage: str) -> str:
    file, old, new = BREAKAGES[breakage]
    path = project / "data" / file
    if old is None and new is None:
        path.unlink()
    elif old is None:
        path.write_text(new, encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        assert old in text, breakage
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return f"data/{file}:"


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("breakage", BREAKAGES)
def test_bad_data_leaves_content_and_site_byte_for_byte(
    built: Path, tmp_path: Path, command: str, breakage: str
):
    project = tmp_path / "p"
    shutil.copytree(built, project, symlinks=True)
    before = snapshot(project)
    assert any(name.startswith("site/") for name in before)
    assert any(name.startswith("content/") for name in before)
    where = break_data(project, breakage)

    result = COMMANDS[command](project)

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert where in result.stderr, result.stderr
    assert snapshot(project) == before


def test_a_fixed_mistake_builds_again(built: Path, tmp_path: Path):
    project = tmp_path / "p"
    shutil.copytree(built, project, symlinks=True)
    events = project / "data/events.yml"
    good = events.read_text(encoding="utf-8")
    break_data(project, "misspelt status")
    assert run_briefing("build", cwd=project).returncode == 2
    events.write_text(good, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert (project / "site/index.html").is_file()
