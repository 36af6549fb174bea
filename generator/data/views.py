"""Derived views of a validated briefing: orderings, indexes and citation numbers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.data.dates import PartialDate
from generator.data.model import Actor, Claim, Event, Files, Indicator, Judgment, Link, Source
from generator.data.vocabulary import CLAIM_STATUS

# What stays readable at any size: the key actors (the most connected: the actors map draws
# them, the whole-briefing page profiles them; the tables list every actor) and the recent
# events (the latest up to the as-of date and the next after it: the home page's timeline
# draws them; the brief lists its own, shorter; the Timeline page has every event).
KEY_ACTORS = 30
RECENT_PAST, RECENT_NEXT = 16, 8


@dataclass(frozen=True)
class ActorView:
    """One actor with everything the briefing says about them."""

    actor: Actor
    claims: list[Claim]
    events: list[Event]
    links_in: list[tuple[Actor, Link]]


@dataclass(frozen=True)
class Views:
    """Everything the templates need, computed once from the validated files."""

    files: Files
    number: dict[str, int]
    sources: dict[str, Source]
    actors: dict[str, Actor]
    events: dict[str, Event]
    judgments: dict[str, Judgment]
    timeline: list[Event]
    actor_views: list[ActorView]
    claims_by_status: dict[str, int]
    next_event: Event
    claims_by_event: dict[str, list[Claim]] = field(default_factory=dict)
    # Judgments are numbered in the order the outlook gives them; indicators grouped under each.
    judgment_number: dict[str, int] = field(default_factory=dict)
    indicators_by_judgment: dict[str, list[Indicator]] = field(default_factory=dict)
    # The most connected actors (every actor, up to KEY_ACTORS), in the data's order.
    key_actors: list[Actor] = field(default_factory=list)
    key_actor_ids: frozenset[str] = frozenset()
    # The recent events (every event, up to RECENT_PAST + RECENT_NEXT), in timeline order.
    recent: list[Event] = field(default_factory=list)


def most_connected(actors: Sequence[Actor], most: int = KEY_ACTORS) -> list[Actor]:
    """The `most` actors with the most links (out and in), in their order in the data."""
    if len(actors) <= most:
        return list(actors)
    order = {a.id: i for i, a in enumerate(actors)}
    degree: Counter[str] = Counter()
    for actor in actors:
        for link in actor.links:
            if link.to in order and link.to != actor.id:
                degree[actor.id] += 1
                degree[link.to] += 1
    kept = set(sorted(order, key=lambda i: (-degree[i], order[i]))[:most])
    return [a for a in actors if a.id in kept]


def recent_events(timeline: Sequence[Event], as_of: PartialDate) -> list[Event]:
    """The latest RECENT_PAST events up to the as-of date and the next RECENT_NEXT after it."""
    if len(timeline) <= RECENT_PAST + RECENT_NEXT:
        return list(timeline)
    ahead = [e for e in timeline if e.date.start > as_of.end]
    before = [e for e in timeline if e.date.start <= as_of.end]
    return before[-RECENT_PAST:] + ahead[:RECENT_NEXT]


def derive(files: Files) -> Views:
    """Compute the orderings and indexes the pages show."""
    timeline = sorted(files.events, key=lambda e: (e.date.sort_key, e.id))
    claims = sorted(files.claims, key=lambda c: (c.date.sort_key, c.id))
    # Each index in one pass over its list, in the list's order.
    links_in: dict[str, list[tuple[Actor, Link]]] = {}
    for other in files.actors:
        for link in other.links:
            links_in.setdefault(link.to, []).append((other, link))
    claims_by_actor: dict[str, list[Claim]] = {}
    for claim in claims:
        claims_by_actor.setdefault(claim.by, []).append(claim)
    events_by_actor: dict[str, list[Event]] = {}
    for event in timeline:
        for actor_id in dict.fromkeys(event.actors):
            events_by_actor.setdefault(actor_id, []).append(event)
    actor_views = [
        ActorView(
            actor=actor,
            claims=claims_by_actor.get(actor.id, []),
            events=events_by_actor.get(actor.id, []),
            links_in=links_in.get(actor.id, []),
        )
        for actor in files.actors
    ]
    key_actors = most_connected(files.actors)
    statuses = Counter(c.status for c in files.claims)
    events = {e.id: e for e in files.events}
    claims_by_event: dict[str, list[Claim]] = {}
    for claim in claims:
        for event_id in claim.events:
            claims_by_event.setdefault(event_id, []).append(claim)
    indicators_by_judgment: dict[str, list[Indicator]] = {}
    for indicator in files.outlook.indicators:
        indicators_by_judgment.setdefault(indicator.judgment, []).append(indicator)
    return Views(
        files=files,
        number={s.id: i for i, s in enumerate(files.sources, 1)},
        sources={s.id: s for s in files.sources},
        actors={a.id: a for a in files.actors},
        events=events,
        judgments={j.id: j for j in files.outlook.judgments},
        timeline=timeline,
        actor_views=actor_views,
        claims_by_status={s: statuses[s] for s in CLAIM_STATUS if statuses[s]},
        next_event=events[files.outlook.next_event],
        claims_by_event=claims_by_event,
        judgment_number={j.id: i for i, j in enumerate(files.outlook.judgments, 1)},
        indicators_by_judgment=indicators_by_judgment,
        key_actors=key_actors,
        key_actor_ids=frozenset(a.id for a in key_actors),
        recent=recent_events(timeline, files.briefing.as_of),
    )
