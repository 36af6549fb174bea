"""The graphics each page shows, as raw HTML figures ready to place in the Markdown."""

from __future__ import annotations

from markupsafe import Markup

from generator.data import Views
from generator.graphics import actors_map, timeline_graphic
from generator.graphics.svg import figure

# name: (link pattern, caption). Links in raw HTML are not rewritten by MkDocs, so each is
# relative to the address its page is served at (directory URLs: timeline.md is at timeline/).
# On the page that holds the whole briefing ("_single"), events and actors are its own sections.
TIMELINES = {
    "timeline": (
        "#{id}",
        "The events on a time line. Select an event to read about it; the same events are "
        "listed below in words, with their sources.",
    ),
    "timeline_home": (
        "timeline/#{id}",
        "The events on a time line. Select one to read about it; the "
        '<a href="timeline/">Timeline</a> page lists them in words, with their sources.',
    ),
    "timeline_single": (
        "#event-{id}",
        "The events on a time line; the same events are listed below in words, with their sources.",
    ),
}
ACTOR_MAPS = {
    "actors": (
        "{id}/",
        "Who is connected to whom, and how. Select an actor to open their page; the tables "
        "below list every actor, and each actor&#8217;s page lists their connections in words.",
    ),
    "actors_single": (
        "#actor-{id}",
        "Who is connected to whom, and how. The tables below list every actor, and each "
        "actor&#8217;s section lists their connections in words.",
    ),
}


def figures(views: Views) -> dict[str, Markup]:
    """{name: figure} for every graphic the data has something to draw in."""
    as_of = views.files.briefing.as_of
    found: dict[str, Markup] = {}
    # Each graphic is laid out once, then drawn once per page that shows it: only links differ.
    if views.timeline:
        timeline = timeline_graphic.layout(views.timeline, as_of)
        recent = views.recent
        # Past a size, the home page draws the recent events only (the brief lists its own).
        shown = None
        if len(recent) < len(views.timeline):
            shown = timeline_graphic.layout(recent, as_of)
        for name, (link, caption) in TIMELINES.items():
            plan = timeline
            if shown is not None and name == "timeline_home":
                plan = shown
                caption = (
                    f"The latest events and the next ({len(recent)} of {len(views.timeline)})"
                    ' on a time line; the <a href="timeline/">Timeline</a> page lists every '
                    "event, with their sources."
                )
            wide = timeline_graphic.render(plan, link)
            narrow = timeline_graphic.render_narrow(plan, link)
            found[name] = Markup(figure("timeline", wide, narrow, caption))
    if views.files.actors:
        drawn = views.key_actors
        actors = actors_map.layout(drawn)
        for name, (link, caption) in ACTOR_MAPS.items():
            if len(drawn) < len(views.files.actors):
                caption = (
                    f"The {len(drawn)} most connected of {len(views.files.actors)} actors: who "
                    f"is connected to whom, and how. {caption.split('. ', 1)[1]}"
                )
            wide = actors_map.render(actors, link)
            narrow = actors_map.render_narrow(actors, link)
            found[name] = Markup(figure("actors", wide, narrow, caption))
    return found
