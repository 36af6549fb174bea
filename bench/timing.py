"""Timing shared by the benchmarks."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(runs: int, task: Callable[[], object]) -> float:
    """The fastest of several runs: the least disturbed by other work on the machine."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        task()
        times.append(time.perf_counter() - started)
    return min(times)
