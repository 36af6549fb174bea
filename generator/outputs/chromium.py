"""Headless Chromium, driven by Playwright: the system browser, never a downloaded one."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from generator.data import BriefingError, Problem

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# Nothing the browser does may reach beyond this machine. The page's own requests are held to
# loopback by the PDF's route; Chromium's own services (update checks, sign-in, safe browsing,
# network time) ignore routes and --disable-background-networking alone, so every host name but
# loopback's resolves to nothing. tests/test_offline.py records the browser's sockets to prove it.
LOOPBACK_ONLY = "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"
FLAGS = [
    "--headless=new",
    "--disable-gpu",
    f"--host-resolver-rules={LOOPBACK_ONLY}",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--no-pings",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-quic",
]
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# How to get one, in the words of a hint.
INSTALL_CHROMIUM = "Debian: apt-get install chromium"


def find_chromium() -> str | None:
    """The browser to drive: $BRIEFING_CHROMIUM, or the first Chromium or Chrome on PATH."""
    configured = os.environ.get("BRIEFING_CHROMIUM")
    if configured:
        return configured if shutil.which(configured) else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def require_chromium() -> str:
    """The browser to drive; BriefingError (exit 2) when none is installed."""
    executable = find_chromium()
    if executable is None:
        raise BriefingError(
            [
                Problem(
                    "chromium",
                    1,
                    1,
                    "",
                    "no Chromium or Chrome browser was found",
                    f"install it ({INSTALL_CHROMIUM}), or set BRIEFING_CHROMIUM",
                )
            ]
        )
    return executable


@contextmanager
def browser(extra: Sequence[str] = ()) -> Iterator[Browser]:
    """A running headless Chromium; BriefingError (exit 2) when none is installed.

    Every Chromium the project starts (the PDF, the tests, the benchmarks) starts here, with
    FLAGS; `extra` adds to them (a benchmark opens a debugging port for Lighthouse).
    """
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    args = [*FLAGS, *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium's sandbox refuses to run as root
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=args)
        try:
            yield launched
        finally:
            launched.close()
