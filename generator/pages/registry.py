"""Every page of the site, listed once: what renders it, what it is called, where it goes.

The templates rendered, the whole-briefing print page's parts, the PDFs, the MkDocs nav
(set by the MkDocs hook) and the git ignore rules of content/ all follow from `PAGES`.
To add a page: write its template and add one `Page` here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal


@dataclass(frozen=True)
class Page:
    """One generated page."""

    path: str  # under content/
    template: str  # in generator/pages/templates/
    title: str  # in the site's navigation
    # Its part's title on the whole-briefing print page; None: not part of it.
    printed: str | None = None
    nav: bool = True  # listed in the site's navigation
    # "edition": rendered for the current data and again for each issued edition, under
    # editions/<as-of>/; "site": rendered once, about all the editions.
    scope: Literal["edition", "site"] = "edition"
    single: bool = False  # a page that gathers others on one page, to print in one go
    archived: bool = True  # an edition page also rendered for each issued edition
    pdf: str | None = None  # the PDF `briefing pdf` prints from this page, in site/

    @property
    def extra(self) -> dict[str, Any]:
        """Values the template gets besides the data."""
        return {"single": True} if self.single else {}

    @property
    def url(self) -> str:
        """Its address in the built site, relative to the site's root: 'actors/', 'brief/'."""
        stem = self.path.removesuffix(".md")
        folder, _, name = stem.rpartition("/")
        if name == "index":
            return f"{folder}/" if folder else ""
        return f"{stem}/"


# In the order of the site's navigation.
PAGES = [
    Page("index.md", "index.md.j2", "Home", printed="Summary"),
    Page("background.md", "background.md.j2", "Background", printed="Background"),
    Page("actors/index.md", "actors.md.j2", "Actors", printed="Actors"),
    Page("timeline.md", "timeline.md.j2", "Timeline", printed="Timeline"),
    Page("outlook.md", "outlook.md.j2", "Outlook", printed="Outlook"),
    Page("sources.md", "sources.md.j2", "Sources", printed="Sources"),
    Page("changes.md", "changes.md.j2", "What changed", scope="site"),
    Page("scorecard.md", "scorecard.md.j2", "Scorecard", scope="site"),
    Page(
        "method.md",
        "method.md.j2",
        "How to read this briefing",
        printed="How to read this briefing",
    ),
    Page("brief.md", "brief.md.j2", "Print the brief", single=True, pdf="briefing.pdf"),
    Page(
        "print.md",
        "print.md.j2",
        "Print the whole briefing",
        single=True,
        archived=False,  # the current edition's prints
        pdf="briefing-full.pdf",
    ),
    Page("editions/index.md", "editions.md.j2", "Editions", nav=False, scope="site"),
]
# One page per actor, from actor.md.j2: reached from the actors page, not the navigation.
ACTOR_PAGE = "actors/{id}.md"
ACTOR_TEMPLATE = "actor.md.j2"
# Each issued edition's pages go under this folder, as editions/<as-of>/...
EDITIONS = "editions/"
# The Atom feed, beside the pages.
FEED = "feed.xml"

EDITION_PAGES = [page for page in PAGES if page.scope == "edition"]
SITE_PAGES = [page for page in PAGES if page.scope == "site"]
PRINTED = [page for page in PAGES if page.printed]


def page(path: str) -> Page:
    """The page at a path under content/."""
    return next(p for p in PAGES if p.path == path)


def nav() -> list[dict[str, str]]:
    """The site's navigation, as MkDocs reads it from `nav:` in mkdocs.yml."""
    return [{p.title: p.path} for p in PAGES if p.nav]


# The no-change stamp generation leaves beside the pages (generator/outputs/stamp.py).
STAMP = ".briefing-stamp.json"


def ignore_rules() -> str:
    """content/.gitignore: every generated file, rebuilt from data/ and never committed."""
    paths = [p.path for p in PAGES] + [ACTOR_PAGE, EDITIONS, FEED, STAMP]
    tops = dict.fromkeys("/" + p.split("/")[0] + ("/" if "/" in p else "") for p in paths)
    return (
        "# Generated from data/ by briefing: never committed (generator/pages/registry.py).\n"
        + "".join(f"{top}\n" for top in tops)
    )
