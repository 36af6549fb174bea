"""`briefing serve`: an edit under data/ shows within two seconds, and rebuilds then stop."""

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import copy_project


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def status(base: str) -> dict:
    return json.loads(fetch(base + "__briefing__/status"))


@pytest.fixture
def served(tmp_path: Path, free_port: int) -> Iterator[tuple[Path, str]]:
    project = copy_project(tmp_path / "p")
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(private_tmp)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", str(free_port)],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{free_port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                fetch(base)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    output = proc.stderr.read() if proc.stderr else "no output"
                    raise AssertionError(output) from None
                time.sleep(0.1)
        yield project, base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    # Terminated, the preview removes its private build folder.
    assert not list(private_tmp.glob("briefing-serve-*"))


def wait_for(predicate, seconds: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            if predicate():
                return time.monotonic() - started
        except OSError:  # the site is swapped in with two renames: a request may fall between
            pass
        time.sleep(0.05)
    raise AssertionError(f"not seen within {seconds} s")


def test_an_edit_shows_within_two_seconds_and_rebuilds_stop(served):
    project, base = served
    briefing = project / "data/briefing.yml"
    text = briefing.read_text()
    title = text.split("title: ", 1)[1].splitlines()[0]
    builds_before = status(base)["builds"]
    briefing.write_text(text.replace(f"title: {title}", "title: A title changed in the editor", 1))
    wait_for(lambda: "A title changed in the editor" in fetch(base), 30.0)
    time.sleep(2.0)
    assert status(base)["builds"] == builds_before + 1, "one edit, one rebuild: no loop"


def test_a_bad_edit_shows_a_banner_and_keeps_the_last_good_pages(served):
    project, base = served
    events = project / "data/events.yml"
    good = events.read_text()
    events.write_text(good.replace("  status: held", "  status: hled", 1))
    wait_for(lambda: "briefing-problems" in fetch(base), 30.0)
    page = fetch(base + "timeline/")
    assert "data/events.yml:" in page and "hled" in page
    assert "Timeline" in page  # the last good page is still there under the banner
    events.write_text(good)
    wait_for(lambda: "briefing-problems" not in fetch(base), 30.0)


def test_a_warning_shows_in_an_amber_banner_over_the_fresh_page(served):
    project, base = served
    briefing = project / "data/briefing.yml"
    text = briefing.read_text()
    title = text.split("title: ", 1)[1].splitlines()[0]
    briefing.write_text(text.replace(f"title: {title}", "title: Talks will likely resume", 1))
    # The new page can be served a moment before its warnings are noted: wait for both.
    wait_for(lambda: all(t in fetch(base) for t in ("will likely", "briefing-warnings")), 30.0)
    page = fetch(base)
    assert 'class="briefing-warnings" role="status"' in page
    assert "data/briefing.yml:" in page and "warning: briefing.title: estimative word" in page
    assert "briefing-problems" not in page
    now = status(base)
    assert now["problems"] == [] and len(now["warnings"]) == 1
    briefing.write_text(text)
    wait_for(lambda: "briefing-warnings" not in fetch(base), 30.0)


def test_the_banner_is_red_with_an_error_and_amber_with_warnings_only():
    from generator.data import Problem
    from generator.outputs.preview import banner_html

    warning = Problem("data/a.yml", 1, 1, "a", "<b>odd</b>", "fix it", "warning")
    error = Problem("data/a.yml", 2, 1, "a", "broken", "fix it")
    amber = banner_html([warning])
    assert 'class="briefing-warnings" role="status"' in amber
    assert "The data has 1 warning; the page is up to date." in amber
    assert "&lt;b&gt;odd&lt;/b&gt;" in amber and "<b>odd" not in amber
    red = banner_html([warning, error])
    assert 'class="briefing-problems" role="alert"' in red
    assert "The data has 1 error and 1 warning; showing the last good build." in red
