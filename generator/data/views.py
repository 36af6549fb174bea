"""Derived views of a validated briefing: orderings, indexes and citation numbers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator.data.model import Actor, Claim, Event, Files, Indicator, Judgment, Link, Source
from generator.data.vocabulary import CLAIM_STATUS


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


def derive(files: Files) -> Views:
    """Compute the orderings and indexes the pages show."""
    timeline = sorted(files.events, key=lambda e: (e.date.sort_key, e.id))
    claims = sorted(files.claims, key=lambda c: (c.date.sort_key, c.id))
    actor_views = []
    for actor in files.actors:
        links_in = [
            (other, link) for other in files.actors for link in other.links if link.to == actor.id
        ]
        actor_views.append(
            ActorView(
                actor=actor,
                claims=[c for c in claims if c.by == actor.id],
                events=[e for e in timeline if actor.id in e.actors],
                links_in=links_in,
            )
        )
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
    )
