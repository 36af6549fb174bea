"""`make bench` at 1x: it runs every phase end to end and writes results.json in its shape.

No timing is asserted here (speed is judged in bench/, as ratios within one run).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO, SEED_DATA

PHASES = ["check", "generate", "generate_nochange", "mkdocs", "build", "stock"]


def test_bench_writes_results_in_shape(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = subprocess.run(
        [
            *(sys.executable, str(REPO / "bench" / "scale.py"), "--sizes", "1", "--runs", "1"),
            *("--out", str(out), "--work", str(tmp_path / "work")),
        ],
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(rows, list) and len(rows) == 1
    row = rows[0]
    assert row["size"] == 1
    assert isinstance(row["cores"], int) and row["cores"] >= 1
    pages = list((tmp_path / "work" / "x1" / "content").rglob("*.md"))
    assert row["pages"] == len(pages) > 20
    for phase in PHASES + [p for p in ("pdf", "zensical") if f"{p}_s" in row]:
        assert isinstance(row[f"{phase}_s"], float) and row[f"{phase}_s"] > 0, phase
        assert isinstance(row[f"{phase}_mb"], float) and row[f"{phase}_mb"] > 1, phase
    # A generate with nothing changed writes nothing.
    assert row["generate_nochange_written"] == 0
    assert "| 1x |" in result.stdout and "cores" in result.stdout


def test_scaled_briefing_is_the_seed_copied(tmp_path: Path) -> None:
    """10x: every list ten times over, ids unique, each copy's references kept within it."""
    sys.path.insert(0, str(REPO / "bench"))
    from scale import write_briefing

    write_briefing(10, tmp_path / "data")
    seed = yaml.safe_load((SEED_DATA / "actors.yml").read_text(encoding="utf-8"))
    actors = yaml.safe_load((tmp_path / "data" / "actors.yml").read_text(encoding="utf-8"))
    assert len(actors) == 10 * len(seed)
    assert len({a["id"] for a in actors}) == len(actors)
    for written in (tmp_path / "data").glob("*.yml"):  # as an editor writes: no aliases
        assert "&id" not in written.read_text(encoding="utf-8"), written
    copy = {a["id"]: a for a in actors}[f"{seed[0]['id']}-3"]
    assert [link["to"] for link in copy["links"]] == [f"{lk['to']}-3" for lk in seed[0]["links"]]
    from generator.data.validation import read_briefing

    files = read_briefing(tmp_path / "data")
    assert len(files.events) == 10 * len(
        yaml.safe_load((SEED_DATA / "events.yml").read_text(encoding="utf-8"))
    )
