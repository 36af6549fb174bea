"""The graphics each page shows, as raw HTML figures ready to place in the Markdown."""

from __future__ import annotations

from markupsafe import Markup

from generator.actors_map import actors_svg
from generator.svg import figure
from generator.timeline_graphic import timeline_svg
from generator.views import Views


def figures(views: Views) -> dict[str, Markup]:
    """{name: figure}; links in raw HTML are not rewritten by MkDocs, so each is relative to the
    address its page is served at (directory URLs: timeline.md is served at timeline/)."""
    as_of = views.files.briefing.as_of
    found: dict[str, Markup] = {}
    if views.timeline:
        found["timeline"] = Markup(
            figure(
                "timeline",
                timeline_svg(views.timeline, as_of, "#{id}"),
                "The events on a time line. Select an event to read about it; the same events "
                "are listed below in words, with their sources.",
            )
        )
        found["timeline_home"] = Markup(
            figure(
                "timeline",
                timeline_svg(views.timeline, as_of, "timeline/#{id}"),
                "The events on a time line. Select one to read about it; the "
                '<a href="timeline/">Timeline</a> page lists them in words, with their sources.',
            )
        )
        # On a page that holds the whole briefing, events are headings with ids '#event-x'.
        found["timeline_single"] = Markup(
            figure(
                "timeline",
                timeline_svg(views.timeline, as_of, "#event-{id}"),
                "The events on a time line; the same events are listed below in words, with "
                "their sources.",
            )
        )
    if views.files.actors:
        found["actors"] = Markup(
            figure(
                "actors",
                actors_svg(views.files.actors, "{id}/"),
                "Who is connected to whom, and how. Select an actor to open their page; the "
                "tables below list every actor, and each actor&#8217;s page lists their "
                "connections in words.",
            )
        )
        # On a page that holds the whole briefing, each actor is a section of it: '#actor-x'.
        found["actors_single"] = Markup(
            figure(
                "actors",
                actors_svg(views.files.actors, "#actor-{id}"),
                "Who is connected to whom, and how. The tables below list every actor, and each "
                "actor&#8217;s section lists their connections in words.",
            )
        )
    return found
