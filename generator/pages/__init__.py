"""Stage 3, the pages: render the views into Markdown through Jinja2 templates, write content/.

Outputs import only the names below, from `generator.pages`.
"""

from generator.pages.anchors import RESERVED_PREFIXES, keep_headings_clear
from generator.pages.registry import FEED, PAGES, Page, ignore_rules, nav, page
from generator.pages.rendering import HEADER, pages
from generator.pages.site import site_pages
from generator.pages.writing import WriteReport, is_generated, write_pages

__all__ = [
    "FEED",
    "HEADER",
    "PAGES",
    "RESERVED_PREFIXES",
    "Page",
    "WriteReport",
    "ignore_rules",
    "is_generated",
    "keep_headings_clear",
    "nav",
    "page",
    "pages",
    "site_pages",
    "write_pages",
]
