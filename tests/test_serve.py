"""`briefing serve`: an edit under data/ shows, every edit is built, and rebuilds then stop.

No wall-clock deadline: each test waits for what it expects, with a generous timeout; the
preview's speed is measured in bench/preview.py.
"""

import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import copy_project

WAIT = 120.0  # seconds: a guard against a hang on a loaded machine, never a measure of speed


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def status(base: str) -> dict:
    return json.loads(fetch(base + "__briefing__/status"))


def start(project: Path, port: int, private_tmp: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(private_tmp)}
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", str(port)],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_server(proc: subprocess.Popen[str], base: str) -> None:
    def up() -> bool:
        if proc.poll() is not None:
            output = proc.stderr.read() if proc.stderr else "no output"
            raise AssertionError(output)
        try:
            status(base)
        except OSError:
            return False
        return True

    wait_for(up, WAIT)


def stop(proc: subprocess.Popen[str], private_tmp: Path) -> None:
    proc.terminate()
    proc.wait(timeout=WAIT)
    # Terminated, the preview removes its private build folder, and leaves nothing else there.
    assert not list(private_tmp.iterdir())


@pytest.fixture
def served(tmp_path: Path, free_port: int) -> Iterator[tuple[Path, str]]:
    project = copy_project(tmp_path / "p")
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    proc = start(project, free_port, private_tmp)
    base = f"http://127.0.0.1:{free_port}/"
    try:
        wait_for_server(proc, base)
        yield project, base
    finally:
        stop(proc, private_tmp)


def wait_for(predicate, seconds: float = WAIT) -> None:
    """Wait until predicate() holds; fail only if it never does within a generous time."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            if predicate():
                return
        except OSError:  # the site is swapped in with two renames: a request may fall between
            pass
        time.sleep(0.05)
    raise AssertionError(f"not seen within {seconds} s")


def retitle(project: Path, title: str) -> None:
    briefing = project / "data/briefing.yml"
    text = briefing.read_text()
    old = text.split("title: ", 1)[1].splitlines()[0]
    briefing.write_text(text.replace(f"title: {old}", f"title: {title}", 1))


def test_an_edit_shows_and_rebuilds_then_stop(served):
    project, base = served
    wait_for(lambda: status(base)["idle"])
    builds_before = status(base)["builds"]
    retitle(project, "A title changed in the editor")
    wait_for(lambda: "A title changed in the editor" in fetch(base))
    # The watcher has compared the files with what the build read, found them the same and
    # waits: its own writes to content/ started no other build.
    wait_for(lambda: status(base)["idle"])
    assert status(base)["builds"] == builds_before + 1, "one edit, one rebuild: no loop"


def test_two_edits_saved_during_a_rebuild_are_both_built(tmp_path, monkeypatch):
    """The second and third saves land while the build for the first is under way (held at
    the end of build_site, when every file was read): the preview ends at the last one."""
    from generator.outputs import pipeline
    from generator.outputs.preview import Preview

    project = copy_project(tmp_path / "p")
    preview = Preview(pipeline.Project(project))
    real_build_site = pipeline.build_site
    building, go = threading.Event(), threading.Event()
    builds = []

    def held_build_site(*args, **kwargs):
        real_build_site(*args, **kwargs)
        builds.append(args)
        if len(builds) == 2:  # the build for the first edit, done reading (the MkDocs hook
            building.set()  # reads data/ again), not yet done
            assert go.wait(WAIT)

    monkeypatch.setattr(pipeline, "build_site", held_build_site)
    stop = threading.Event()
    preview.start_watching()
    seen = preview.fingerprint()
    preview.rebuild()
    preview.changed.set()
    watcher = threading.Thread(target=preview.watch, args=(stop, seen))
    watcher.start()
    try:
        retitle(project, "First edit")
        assert building.wait(WAIT), "the first edit was never built"
        retitle(project, "Second edit")
        retitle(project, "Third edit")
        go.set()

        def at_third_edit() -> bool:
            page = (preview.site / "index.html").read_text(encoding="utf-8")
            markdown = (project / "content/index.md").read_text(encoding="utf-8")
            return "Third edit" in page and "Third edit" in markdown

        wait_for(at_third_edit)
        wait_for(lambda: preview.status()["idle"])
        assert preview.status()["problems"] == []
    finally:
        go.set()
        stop.set()
        preview.changed.set()
        watcher.join()
        preview.stop_watching()
        shutil.rmtree(preview.workdir)


def test_a_folder_without_its_slash_is_redirected_on_get_as_on_head(served):
    _, base = served
    opener = urllib.request.build_opener(NoRedirect)
    for method in ("GET", "HEAD"):
        request = urllib.request.Request(base + "actors?x=1", method=method)
        with pytest.raises(urllib.error.HTTPError) as caught:
            opener.open(request, timeout=30)
        assert caught.value.code == 301, method
        assert caught.value.headers["Location"] == "/actors/?x=1", method
    # A page that is not there is the site's own 404 page.
    with pytest.raises(urllib.error.HTTPError) as caught:
        fetch(base + "no-such-page/")
    assert caught.value.code == 404


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_starting_on_bad_data_shows_the_problems_and_reloads_when_fixed(tmp_path, free_port):
    project = copy_project(tmp_path / "p")
    events = project / "data/events.yml"
    good = events.read_text()
    events.write_text(good.replace("  status: held", "  status: hled", 1))
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    proc = start(project, free_port, private_tmp)
    base = f"http://127.0.0.1:{free_port}/"
    try:
        wait_for_server(proc, base)
        with pytest.raises(urllib.error.HTTPError) as caught:
            fetch(base)
        page = caught.value.read().decode("utf-8")
        assert caught.value.code == 503
        assert 'class="briefing-problems" role="alert"' in page
        assert "data/events.yml:" in page and "hled" in page
        assert STATUS in page, "the page reloads itself when the data is fixed"
        events.write_text(good)
        wait_for(lambda: "briefing-problems" not in fetch(base))
        assert status(base)["builds"] == 1
    finally:
        stop(proc, private_tmp)


STATUS = "/__briefing__/status"


def test_a_bad_edit_shows_a_banner_and_keeps_the_last_good_pages(served):
    project, base = served
    events = project / "data/events.yml"
    good = events.read_text()
    events.write_text(good.replace("  status: held", "  status: hled", 1))
    wait_for(lambda: "briefing-problems" in fetch(base))
    page = fetch(base + "timeline/")
    assert "data/events.yml:" in page and "hled" in page
    assert "Timeline" in page  # the last good page is still there under the banner
    events.write_text(good)
    wait_for(lambda: "briefing-problems" not in fetch(base))


def test_a_warning_shows_in_an_amber_banner_over_the_fresh_page(served):
    project, base = served
    briefing = project / "data/briefing.yml"
    text = briefing.read_text()
    title = text.split("title: ", 1)[1].splitlines()[0]
    briefing.write_text(text.replace(f"title: {title}", "title: Talks will likely resume", 1))
    # The new page can be served a moment before its warnings are noted: wait for both.
    wait_for(lambda: all(t in fetch(base) for t in ("will likely", "briefing-warnings")))
    page = fetch(base)
    assert 'class="briefing-warnings" role="status"' in page
    assert "data/briefing.yml:" in page and "warning: briefing.title: estimative word" in page
    assert "briefing-problems" not in page
    now = status(base)
    assert now["problems"] == [] and len(now["warnings"]) == 1
    briefing.write_text(text)
    wait_for(lambda: "briefing-warnings" not in fetch(base))


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
