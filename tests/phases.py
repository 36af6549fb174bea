"""Says what the test run is doing: a line as each group of tests (a test file) starts.

`make test` runs for minutes; a line like `==> test_pdf.py: the PDFs made by briefing pdf`
before the dots says which part of the briefing is being tested. Registered by conftest.py.
"""

from __future__ import annotations

import pytest


def first_line(doc: str | None) -> str:
    """A module docstring's first sentence line, or nothing."""
    return (doc or "").strip().splitlines()[0].strip() if (doc or "").strip() else ""


class Phases:
    """A pytest plugin: announces each test file as its first test starts."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.about: dict[str, str] = {}
        self.current = ""

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            module = getattr(item, "module", None)
            if module is not None:
                self.about.setdefault(item.nodeid.split("::")[0], first_line(module.__doc__))

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logstart(self, nodeid: str) -> None:
        group = nodeid.split("::")[0]
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if group == self.current or reporter is None:
            return
        self.current = group
        about = self.about.get(group, "")
        line = f"==> {group.rsplit('/', 1)[-1]}" + (f": {about}" if about else "")
        reporter.ensure_newline()
        if self.config.get_verbosity() > 0:
            reporter.write_line(line)
        else:
            reporter.write(line)  # the reporter ends it before it names the file and its dots
