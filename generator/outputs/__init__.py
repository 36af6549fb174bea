"""Stage 4, the outputs: the site build, the PDF, the live preview, a new project, the MkDocs hook.

The command line imports these modules one by one, and only when a command needs them:
`briefing check` loads no MkDocs and no browser.
"""

__all__ = ["chromium", "loopback", "mkdocs_hook", "pdf", "pipeline", "preview", "starter"]
