"""Stage 3, the pages: render the views into Markdown through Jinja2 templates, write content/.

Outputs import only the names below, from `generator.pages`.
"""

from generator.pages.rendering import HEADER, SECTION_PAGES, pages
from generator.pages.site import FEED, HISTORY_PAGES, site_pages
from generator.pages.writing import WriteReport, is_generated, write_pages

__all__ = [
    "FEED",
    "HEADER",
    "HISTORY_PAGES",
    "SECTION_PAGES",
    "WriteReport",
    "is_generated",
    "pages",
    "site_pages",
    "write_pages",
]
