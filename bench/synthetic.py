"""Denser versions of a story, for benchmarks and tests of layouts at scale."""

from __future__ import annotations

import calendar

from generator.data.dates import PartialDate
from generator.data.model import Actor, Event


def more_actors(actors: list[Actor], count: int) -> list[Actor]:
    """`count` actors: copies of the seed's, each copy linked only within itself."""
    out: list[Actor] = []
    copy = 0
    while len(out) < count:
        suffix = f"-{copy}" if copy else ""
        for actor in actors[: count - len(out)]:
            links = [link.model_copy(update={"to": link.to + suffix}) for link in actor.links]
            out.append(actor.model_copy(update={"id": actor.id + suffix, "links": links}))
        copy += 1
    return out


def more_events(events: list[Event], times: int) -> list[Event]:
    """The story `times` as dense: copies of every event on nearby dates of the same months."""
    parts = ("early", "mid", "late")
    more = list(events)
    for copy in range(1, times):
        for event in events:
            date = event.date
            if date.day is not None and date.month is not None:
                last = calendar.monthrange(date.year, date.month)[1]
                date = PartialDate(date.year, date.month, (date.day + 5 * copy - 1) % last + 1)
            elif date.part is not None:
                date = PartialDate(date.year, date.month, None, parts[copy % 3])
            more.append(event.model_copy(update={"id": f"{event.id}-{copy}", "date": date}))
    return sorted(more, key=lambda e: (e.date.sort_key, e.id))
