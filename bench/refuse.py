"""Benchmark: how fast, and in how little memory, `briefing check` refuses hostile YAML.

Run: .venv/bin/python bench/refuse.py [--runs N]
Each case runs the real console command in a fresh process and reads that process's own
peak memory (os.wait4). The baseline, `briefing check` on the valid seed briefing, is
measured in the same run, so the ratios hold whatever the machine's speed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BRIEFING = Path(sys.executable).with_name("briefing")

# Nine aliases per level, nine levels: about 500 bytes that would expand to 9**9 values.
LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)
CASES = {
    "valid seed (baseline)": None,
    "billion laughs (9**9 values)": LAUGHS,
    "brackets nested 50,000 deep": "- " + "[" * 50_000 + "]" * 50_000 + "\n",
    "file of 1.1 MB": "- id: x\n  title: '" + "x" * 1_100_000 + "'\n",
    "0.8 MB, 30,000 entries, 30,000 problems": "".join(
        f"- id: e{i}\n  t: {'x' * 10}\n" for i in range(30_000)
    ),
}


def run_check(data: Path) -> tuple[float, float, int]:
    """Seconds, peak resident memory (MiB) and exit code of one `briefing check`."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(BRIEFING), "check", "--data", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, events in CASES.items():
            data = Path(tmp) / f"case{len(rows)}"
            shutil.copytree(REPO / "data", data)
            if events is not None:
                (data / "events.yml").write_text(events, encoding="utf-8")
            results = [run_check(data) for _ in range(args.runs)]
            seconds = min(r[0] for r in results)
            memory = max(r[1] for r in results)
            rows.append((name, seconds, memory, results[0][2]))
    base_seconds, base_memory = rows[0][1], rows[0][2]
    print(f"{'case':34} {'exit':>4} {'time':>8} {'x base':>7} {'peak MiB':>9} {'x base':>7}")
    for name, seconds, memory, code in rows:
        print(
            f"{name:34} {code:>4} {seconds:>7.2f}s {seconds / base_seconds:>7.2f}"
            f" {memory:>9.1f} {memory / base_memory:>7.2f}"
        )


if __name__ == "__main__":
    main()
