"""Headings' own ids, kept clear of the anchors the pages give their parts.

Markdown's table of contents gives each heading an id from its words ("Src TVP-World" becomes
`src-tvp-world`) and numbers repeats, but it only sees ids on Markdown elements, not those written
as raw HTML: a source's `<span id="src-tvp-world">`, an event's on the brief, a graphic's, the
theme's own (`__search`). Such anchors all start with a reserved prefix, and a heading's id never
does, so a citation always reaches its source.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Every id written as raw HTML starts with one of these (tests hold the templates to it).
RESERVED_PREFIXES = ("src-", "event-", "briefing-", "__")
# Put before a heading's id that would start with a reserved prefix.
HEADING_PREFIX = "heading-"

Slugify = Callable[[str, str], str]


def clear_of_anchors(slugify: Slugify) -> Slugify:
    """A heading-id maker like slugify whose ids never start with a reserved prefix."""

    def heading_id(value: str, separator: str) -> str:
        found = slugify(value, separator)
        return HEADING_PREFIX + found if found.startswith(RESERVED_PREFIXES) else found

    heading_id.clear_of_anchors = True  # type: ignore[attr-defined]
    return heading_id


def keep_headings_clear(config: Any) -> None:
    """Make a loaded MkDocs config's table of contents give headings ids clear of anchors."""
    # Imported here: checking needs no Markdown.
    from markdown.extensions.toc import slugify  # type: ignore[import-untyped]

    toc = config["mdx_configs"].setdefault("toc", {})
    current = toc.get("slugify") or slugify
    if not getattr(current, "clear_of_anchors", False):
        toc["slugify"] = clear_of_anchors(current)
