"""Every page of the site: the current edition, each issued edition at its own address, what
changed between editions, the scorecard and the feed.

The current edition's pages sit at the site's root and mark what is new since the edition
before. Each issued edition is rendered again, with the same templates, under
editions/<as-of>/, with a banner naming it and linking to the current edition.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.data import Change, Changes, Edition, History, derive
from generator.data.scoring import Scorecard, Scored, scorecard
from generator.pages.feed import feed
from generator.pages.registry import EDITIONS, FEED, SITE_PAGES
from generator.pages.rendering import HEADER, Archive, Setting, environment, pages, tidy

# The link after a change on the changes page: where the item it names is read.
WHERE_WORDS = {
    "event": "On the timeline",
    "actor": "Actor page",
    "judgment": "In the outlook",
    "source": "In the sources",
}


def outcome_anchor(scored: Scored) -> str:
    """Where the scorecard explains one judgment's outcome."""
    return f"outcome-{scored.edition.slug}-{scored.judgment.id}"


@dataclass(frozen=True)
class Linked:
    """A change, and where the item it names can be read (None: nowhere any more)."""

    change: Change
    href: Markup | None


@dataclass(frozen=True)
class Entry:
    """One edition on the changes page: its note, and what changed since the one before."""

    edition: Edition
    address: str  # its home page under content/: index.md, or editions/<as-of>/index.md
    since: Edition | None
    changes: Changes | None
    groups: list[tuple[str, list[Linked]]]

    @property
    def anchor(self) -> str:
        return f"edition-{self.edition.slug}"


def folder(edition: Edition) -> str:
    """Where an edition's pages are read: its own address, or the site's root for data/ that
    is not yet issued as an edition."""
    return f"{EDITIONS}{edition.slug}/" if edition.issued else ""


def site_pages(history: History) -> dict[str, str]:
    """Every generated file, as {path under content/: text}."""
    current = history.current
    views = derive(current.files)
    previous = history.previous(current)
    changes = history.changes(current)
    rendered = pages(
        views,
        Setting(
            marks=changes.marks() if changes else {},
            since=previous.files.briefing.as_of if previous else None,
            note=current.note,
        ),
    )
    main = frozenset(rendered)
    for edition in history.issued:
        before = history.previous(edition)
        edition_changes = history.changes(edition)
        archive = Archive(
            as_of=edition.files.briefing.as_of,
            note=edition.note or "",
            current_as_of=current.files.briefing.as_of,
            is_current=edition.as_of == current.as_of,
            current_pages=main,
        )
        setting = Setting(
            marks=edition_changes.marks() if edition_changes else {},
            since=before.files.briefing.as_of if before else None,
            note=edition.note,
            archive=archive,
        )
        rendered.update(pages(derive(edition.files), setting))
    entries = [_entry(history, edition) for edition in reversed(history.editions)]
    env = environment()
    card = scorecard(history)
    for page in SITE_PAGES:
        path = page.path
        body = env.get_template(page.template).render(
            v=views,
            b=current.files.briefing,
            root="../" * path.count("/"),
            page=path,
            setting=Setting(),
            archive=None,
            header=Markup(HEADER),
            entries=entries,
            card=card,
            score_groups=_score_groups(card),
            where_words=WHERE_WORDS,
            outcome_anchor=outcome_anchor,
            single=False,
        )
        rendered[path] = tidy(body)
    rendered[FEED] = feed(history)
    return rendered


def _entry(history: History, edition: Edition) -> Entry:
    before = history.previous(edition)
    changes = history.changes(edition)
    groups = [
        (
            heading,
            [
                Linked(c, _href(history, before if c.action == "removed" else edition, c))
                for c in found
            ],
        )
        for heading, found in (changes.by_kind() if changes else [])
    ]
    return Entry(edition, folder(edition) + "index.md", before, changes, groups)


def _href(history: History, edition: Edition | None, change: Change) -> Markup | None:
    """The page (and place) where an item of an edition is read, under content/."""
    if edition is None or not change.id:
        return None
    base = folder(edition)
    where = {
        "event": f"timeline.md#{change.id}",
        "actor": f"actors/{change.id}.md",
        "judgment": f"outlook.md#{change.id}",
        "source": f"sources.md#src-{change.id}",
    }.get(change.kind)
    # Built from ids, which are lower-case words and hyphens: safe as they are in a link.
    return Markup(base + where) if where else None


@dataclass(frozen=True)
class ScoreRow:
    """A scored judgment with the address of the outlook that made it."""

    scored: Scored
    href: Markup


def _score_groups(card: Scorecard) -> list[tuple[Edition, list[ScoreRow]]]:
    """The scorecard's rows by edition, newest first, each with its outlook's address."""
    groups: dict[str, tuple[Edition, list[ScoreRow]]] = {}
    for row in card.rows:
        href = Markup(f"{folder(row.edition)}outlook.md#{row.judgment.id}")
        groups.setdefault(row.edition.slug, (row.edition, []))[1].append(ScoreRow(row, href))
    return list(groups.values())
