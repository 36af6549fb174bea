"""`briefing serve`: rebuild on every edit, reload the browser, show problems in a banner.

It uses no MkDocs plugin API: it watches the project's files (through watchdog, as MkDocs
does), runs the same steps as `briefing build` into a private folder, and serves the last good
build from there.

No edit is lost: the state of the inputs is taken before each build reads them, and whatever
changed since, even during the build, is built next.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import html
import json
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

from generator.data import BriefingError, Problem, tally
from generator.outputs import pipeline
from generator.pages import is_generated

# Every watched file's name, size, modification time, inode and a digest of its bytes.
Fingerprint = tuple[tuple[str, int, int, int, str], ...]
STATUS_PATH = "/__briefing__/status"
SETTLE_SECONDS = 0.05  # an editor's save is often several writes: wait for the last

_RELOAD_SCRIPT = """<script>
(() => { const seen = %d;
  setInterval(() => fetch("%s").then(r => r.json())
    .then(s => { if (s.version !== seen) location.reload(); }).catch(() => {}), 500);
})();
</script>"""


def banner_html(problems: list[Problem]) -> str:
    """A banner listing the problems, every character of them escaped.

    With an error among them it is red and says the page is the last good build; with
    warnings only it is amber and says the page is up to date.
    """
    items = "".join(f"<li><pre>{html.escape(p.format())}</pre></li>" for p in problems)
    if any(p.is_error for p in problems):
        kind, role, colours = "problems", "alert", "background:#b71c1c;color:#fff"
        heading = f"The data has {tally(problems)}; showing the last good build."
    else:
        kind, role, colours = "warnings", "status", "background:#ffe082;color:#212121"
        heading = f"The data has {tally(problems)}; the page is up to date."
    return (
        f'<div class="briefing-{kind}" role="{role}" style="{colours};'
        'padding:1em 1.5em;position:relative;z-index:10;font:14px/1.4 monospace">'
        f"<strong>{html.escape(heading)}</strong>"
        f'<ul style="margin:.5em 0 0;padding-left:1.2em">{items}</ul></div>'
    )


def inject_after_body(page: str, fragment: str) -> str:
    """Insert an HTML fragment right after the opening <body> tag."""
    start = page.find("<body")
    end = page.find(">", start) + 1 if start != -1 else 0
    return page[:end] + fragment + page[end:]


class _Wake(FileSystemEventHandler):
    """Any change under a watched folder wakes the watcher, which then compares states."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.preview.changed.set()
        paths = [event.src_path, getattr(event, "dest_path", "")]
        if any(p and Path(os.fsdecode(p)).parent == self.preview.root for p in paths):
            # A watched folder made, replaced or removed: watch the one there now.
            self.preview.follow()


class Preview:
    """The state of a live preview: the last good build, its version and current problems."""

    def __init__(self, project: pipeline.Project) -> None:
        self.project = project
        self.root = project.root.resolve()
        self.workdir = Path(tempfile.mkdtemp(prefix="briefing-serve-"))
        self.site = self.workdir / "site"
        self.version = 0
        self.builds = 0
        self.problems: list[Problem] = []  # of the last build: errors, and warnings beside them
        self.lock = threading.Lock()
        self.changed = threading.Event()  # set by any file event, and to stop
        self.idle = False  # the watcher waits, the last build having read the inputs as they are
        self.observer: BaseObserver | None = None
        self._watches: dict[Path, tuple[int, ObservedWatch]] = {}
        self._follow_lock = threading.Lock()

    @property
    def folders(self) -> list[Path]:
        """The folders whose files, when changed, need a rebuild."""
        project = self.project
        return [project.data, project.editions, project.root / "site-overrides", project.content]

    def fingerprint(self) -> Fingerprint:
        """Every file whose change needs a rebuild: name, size, time, inode and bytes' digest.

        content/'s generated pages are left out: they are the build's own output; so are
        hidden files (the no-change stamp, .gitignore), which the site never shows.
        """
        paths = [self.project.config]
        for folder in self.folders:
            if folder.is_dir():
                paths.extend(
                    p
                    for p in folder.rglob("*")
                    if p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(folder).parts)
                    and not (folder == self.project.content and is_generated(p))
                )
        stats = []
        for path in sorted(paths):
            try:
                st = path.stat()
                digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
            except OSError:
                continue
            stats.append((str(path), st.st_size, st.st_mtime_ns, st.st_ino, digest))
        return tuple(stats)

    def rebuild(self) -> None:
        """Check, generate and build; on bad data keep the last good build and note why."""
        started = time.perf_counter()
        try:
            generated = pipeline.generate(self.project.data, self.project.content)
            pipeline.build_site(self.project.config, self.site, generated.files.briefing.title)
            for warning in generated.warnings:
                print(warning.format(), file=sys.stderr)
        except BriefingError as err:
            with self.lock:
                self.problems = list(err.problems)
                self.version += 1
            for problem in err.problems:
                print(problem.format(), file=sys.stderr)
            print("The preview keeps showing the last good build.", file=sys.stderr)
            return
        except Exception as err:  # a broken template or config, a full disk: report, keep serving
            with self.lock:
                self.problems = [Problem(str(self.project.config), 1, 1, "", str(err))]
                self.version += 1
            print(f"briefing: build failed: {err}", file=sys.stderr)
            return
        with self.lock:
            self.problems = list(generated.warnings)
            self.version += 1
            self.builds += 1
        print(f"briefing: rebuilt in {time.perf_counter() - started:.2f} s", file=sys.stderr)

    def status(self) -> dict[str, Any]:
        with self.lock:
            return {
                "version": self.version,
                "builds": self.builds,
                "idle": self.idle,
                "problems": [p.format() for p in self.problems if p.is_error],
                "warnings": [p.format() for p in self.problems if not p.is_error],
            }

    def start_watching(self) -> None:
        """Start the file watcher: native events where the system gives them, else polling."""
        for kind in (Observer, PollingObserver):
            observer = kind()
            self.observer = observer
            self._watches.clear()
            try:
                observer.schedule(_Wake(self), str(self.root), recursive=False)
                self.follow()
                observer.start()
                return
            except OSError:  # out of inotify watches, say: poll instead
                observer.stop()
        raise OSError(errno.ENOSPC, "cannot watch the project's files", str(self.project.root))

    def follow(self) -> None:
        """Watch each folder as it is now (made, replaced or removed since the last look)."""
        observer = self.observer
        if observer is None:
            return
        with self._follow_lock:
            for folder in self.folders:
                try:
                    inode = folder.stat().st_ino if folder.is_dir() else 0
                except OSError:
                    inode = 0
                known = self._watches.get(folder)
                if known is not None and known[0] == inode:
                    continue
                if known is not None:
                    with contextlib.suppress(KeyError, OSError):
                        observer.unschedule(known[1])
                    del self._watches[folder]
                if inode:
                    where = str(folder.resolve())
                    watch = observer.schedule(_Wake(self), where, recursive=True)
                    self._watches[folder] = (inode, watch)

    def stop_watching(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join()

    def watch(self, stop: threading.Event, seen: Fingerprint) -> None:
        """Rebuild whenever the inputs differ from what the last build read.

        `seen` is the state taken before the last build read the files: an edit saved while
        it ran differs from it, so it is built next; the build's own writes are not inputs.
        """
        while not stop.is_set():
            self.changed.wait()
            if stop.is_set():
                return
            stop.wait(SETTLE_SECONDS)
            self.changed.clear()
            self.follow()
            now = self.fingerprint()
            if now == seen:
                with self.lock:
                    self.idle = True
                continue
            with self.lock:
                self.idle = False
            seen = now  # taken before the build reads the files
            self.rebuild()
            self.changed.set()  # look again at once: an edit may have come meanwhile


_NO_BUILD_YET = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Preview: no good build yet</title></head>
<body><main style="font:16px/1.5 sans-serif;max-width:40em;margin:2em auto">
<h1>No good build yet</h1>
<p>The preview has not built this briefing yet: fix the problems above and save; this page
reloads by itself.</p></main></body></html>
"""


class _Handler(SimpleHTTPRequestHandler):
    preview: Preview

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.split("?")[0] == STATUS_PATH:
            body = json.dumps(self.preview.status()).encode()
            self._send(200, "application/json", body)
            return
        path = Path(self.translate_path(self.path))
        parts = urlsplit(self.path)
        if path.is_dir() and not parts.path.endswith("/"):
            # As a static host does: /actors goes to /actors/, so relative links resolve there.
            location = urlunsplit(("", "", parts.path + "/", parts.query, parts.fragment))
            self.send_response(301)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            self._send_page(200, path.read_text(encoding="utf-8"))
            return
        if not path.exists() and (path.suffix in {"", ".html"}):
            # A page that is not there: the site's own 404 page, or before any good build, a
            # page saying so; either shows the problems and reloads when they are fixed.
            missing = self.preview.site / "404.html"
            if missing.is_file():
                self._send_page(404, missing.read_text(encoding="utf-8"))
            else:
                self._send_page(503, _NO_BUILD_YET)
            return
        super().do_GET()

    def _send_page(self, code: int, page: str) -> None:
        status = self.preview.status()
        extra = _RELOAD_SCRIPT % (status["version"], STATUS_PATH)
        with self.preview.lock:
            problems = list(self.preview.problems)
        if problems:
            extra = banner_html(problems) + extra
        self._send(code, "text/html; charset=utf-8", inject_after_body(page, extra).encode())

    def _send(self, code: int, kind: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def _listen_problem(host: str, port: int, err: OSError) -> BriefingError:
    """A port or host we cannot listen on, reported against the option at fault."""
    if isinstance(err, socket.gaierror) or err.errno in {errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT}:
        option, hint = "--host", "give an address of this machine, like --host 127.0.0.1"
    elif err.errno == errno.EACCES:
        option, hint = "--port", "ports below 1024 need special rights: try --port 8000"
    else:
        option, hint = "--port", f"another program may be using the port: try --port {port + 1}"
    reason = err.strerror or str(err)
    return BriefingError(
        [Problem("briefing serve", 1, 1, option, f"cannot listen on {host}:{port}: {reason}", hint)]
    )


def serve(project: pipeline.Project, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Build once, then serve and rebuild on change until interrupted or terminated.

    Stopping waits for a build under way to end, then removes the private build folder.
    """
    preview = Preview(project)
    stop = threading.Event()
    server: ThreadingHTTPServer | None = None
    watcher: threading.Thread | None = None
    # A terminated preview cleans up like an interrupted one.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        handler = type("Handler", (_Handler,), {"preview": preview})
        try:
            server = ThreadingHTTPServer(
                (host, port), partial(handler, directory=str(preview.site))
            )
        except OSError as err:
            raise _listen_problem(host, port, err) from None
        preview.start_watching()
        # Taken before the first build reads anything: an edit made during it is built next.
        seen = preview.fingerprint()
        preview.rebuild()
        preview.changed.set()
        watcher = threading.Thread(target=preview.watch, args=(stop, seen), daemon=True)
        watcher.start()
        print(
            f"briefing: serving on http://{host}:{server.server_address[1]}/ (Ctrl+C to stop)",
            file=sys.stderr,
            flush=True,
        )
        server.serve_forever()
    finally:
        stop.set()
        preview.changed.set()
        preview.stop_watching()
        if watcher is not None:
            watcher.join()  # a build under way writes into the private folder: let it end
        if server is not None:
            server.server_close()
        shutil.rmtree(preview.workdir, ignore_errors=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
