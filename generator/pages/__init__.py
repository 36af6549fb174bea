"""Stage 3, the pages: render the views into Markdown through Jinja2 templates, write content/.

Outputs import only the names below, from `generator.pages`.
"""

from generator.pages.rendering import HEADER, SECTION_PAGES, pages
from generator.pages.site import site_pages
from generator.pages.writing import WriteReport, write_pages

__all__ = ["HEADER", "SECTION_PAGES", "WriteReport", "pages", "site_pages", "write_pages"]
