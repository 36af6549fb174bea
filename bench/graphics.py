"""Benchmark: laying out and drawing the actors map and the timeline at 1x, 5x and 20x the seed.

Run: .venv/bin/python bench/graphics.py [--runs N] [--scales 1,5,20] [--actors 40,80,120,165]
Each graphic is laid out once and drawn once per link pattern, as generator/graphics/figures.py
does.
The baseline, rendering every page of the seed briefing (graphics included), is measured in
the same run, so the ratios hold whatever the machine's speed. --actors also times the actors
map at exact actor counts (seed actors copied, links kept within each copy).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from generator.data.model import Actor, Event
from generator.data.validation import read_briefing
from generator.data.views import derive
from generator.graphics import actors_map, timeline_graphic
from generator.graphics.figures import ACTOR_MAPS, TIMELINES
from generator.pages.rendering import pages
from synthetic import more_actors, more_events
from timing import best_of

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scales", default="1,5,20")
    parser.add_argument("--actors", default="", help="actor counts to time, e.g. 40,80,120,165")
    args = parser.parse_args()
    views = derive(read_briefing(REPO / "data"))
    actors, events, as_of = (
        list(views.files.actors),
        list(views.timeline),
        views.files.briefing.as_of,
    )

    def draw_map(some: list[Actor]) -> Callable[[], object]:
        def task() -> object:
            plan = actors_map.layout(some)
            return [actors_map.render(plan, link) for link, _ in ACTOR_MAPS.values()]

        return task

    def draw_timeline(some: list[Event]) -> Callable[[], object]:
        def task() -> object:
            plan = timeline_graphic.layout(some, as_of)
            return [timeline_graphic.render(plan, link) for link, _ in TIMELINES.values()]

        return task

    base = best_of(args.runs, lambda: pages(views))
    print(
        f"baseline: every page of the seed ({len(actors)} actors, {len(events)} events): "
        f"{base * 1000:.1f} ms"
    )
    print(f"{'graphic':10} {'scale':>5} {'items':>6} {'links':>6} {'time':>10} {'x base':>8}")
    for scale in (int(s) for s in args.scales.split(",")):
        some = more_actors(actors, len(actors) * scale)
        links = len(actors_map.layout(some).edges)
        took = best_of(args.runs, draw_map(some))
        print(
            f"{'actors':10} {scale:>5} {len(some):>6} {links:>6} {took * 1000:>8.1f}ms "
            f"{took / base:>8.2f}"
        )
        dense = more_events(events, scale)
        lanes = len(timeline_graphic.layout(dense, as_of).lane_tops)
        took = best_of(args.runs, draw_timeline(dense))
        print(
            f"{'timeline':10} {scale:>5} {len(dense):>6} {'-':>6} {took * 1000:>8.1f}ms "
            f"{took / base:>8.2f}   ({lanes} lanes)"
        )
    for count in (int(c) for c in args.actors.split(",") if c):
        some = more_actors(actors, count)
        took = best_of(args.runs, draw_map(some))
        print(
            f"{'actors':10} {'':>5} {count:>6} {len(actors_map.layout(some).edges):>6} "
            f"{took * 1000:>8.1f}ms {took / base:>8.2f}"
        )


if __name__ == "__main__":
    main()
