"""Benchmark: validating and rendering a briefing, as a ratio to plain YAML parsing.

Run: .venv/bin/python bench/generate.py [--scale N]
The baseline (yaml.safe_load of the same files) is measured in the same run, so the ratio
says what validation and rendering cost on top of reading, whatever the machine's speed.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import yaml

from generator.data.validation import read_briefing
from generator.data.views import derive
from generator.pages.rendering import pages
from timing import best_of

REPO = Path(__file__).resolve().parent.parent


def peak_kib(task: Callable[[], object]) -> float:
    tracemalloc.start()
    task()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(REPO / "data", data)
        files = sorted(data.glob("*.yml"))

        def baseline() -> object:
            return [yaml.safe_load(f.read_text()) for f in files]

        def pipeline() -> object:
            return pages(derive(read_briefing(data)))

        base, ours = best_of(args.runs, baseline), best_of(args.runs, pipeline)
        base_mem, our_mem = peak_kib(baseline), peak_kib(pipeline)
    print(f"baseline yaml.safe_load: {base * 1000:.1f} ms, peak {base_mem:.0f} KiB")
    print(f"check+derive+render:     {ours * 1000:.1f} ms, peak {our_mem:.0f} KiB")
    print(f"ratio time {ours / base:.2f}x, memory {our_mem / base_mem:.2f}x")


if __name__ == "__main__":
    main()
