"""`briefing serve`: rebuild on every edit, reload the browser, show problems in a banner.

It uses no MkDocs plugin API: it watches the project's files, runs the same steps as
`briefing build` into a private folder, and serves the last good build from there.
"""

from __future__ import annotations

import html
import json
import shutil
import signal
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from generator.data import BriefingError, Problem, tally
from generator.outputs import pipeline

POLL_SECONDS = 0.2
# Every watched file's name, modification time and size.
Fingerprint = tuple[tuple[str, float, int], ...]
STATUS_PATH = "/__briefing__/status"

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


class Preview:
    """The state of a live preview: the last good build, its version and current problems."""

    def __init__(self, project: pipeline.Project) -> None:
        self.project = project
        self.workdir = Path(tempfile.mkdtemp(prefix="briefing-serve-"))
        self.site = self.workdir / "site"
        self.version = 0
        self.builds = 0
        self.problems: list[Problem] = []  # of the last build: errors, and warnings beside them
        self.lock = threading.Lock()

    def fingerprint(self) -> Fingerprint:
        """Names, times and sizes of every file whose change needs a rebuild."""
        root = self.project.root
        paths = [self.project.config]
        for folder in (
            self.project.data,
            self.project.editions,
            root / "site-overrides",
            self.project.content,
        ):
            if folder.is_dir():
                paths.extend(p for p in folder.rglob("*") if p.is_file())
        stats = []
        for path in sorted(paths):
            try:
                st = path.stat()
            except OSError:
                continue
            stats.append((str(path), st.st_mtime, st.st_size))
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
        except Exception as err:  # a broken template or config: report it, keep serving
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
                "problems": [p.format() for p in self.problems if p.is_error],
                "warnings": [p.format() for p in self.problems if not p.is_error],
            }

    def watch(self, stop: threading.Event, seen: Fingerprint) -> None:
        """Rebuild whenever a watched file changes; our own writes settle after one pass."""
        while not stop.wait(POLL_SECONDS):
            now = self.fingerprint()
            if now != seen:
                self.rebuild()
                # Generation may have rewritten content/: take the state after the build.
                seen = self.fingerprint()


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
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            page = path.read_text(encoding="utf-8")
            status = self.preview.status()
            extra = _RELOAD_SCRIPT % (status["version"], STATUS_PATH)
            if self.preview.problems:
                extra = banner_html(self.preview.problems) + extra
            self._send(200, "text/html; charset=utf-8", inject_after_body(page, extra).encode())
            return
        super().do_GET()

    def _send(self, code: int, kind: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def serve(project: pipeline.Project, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Build once, then serve and rebuild on change until interrupted or terminated."""
    preview = Preview(project)
    stop = threading.Event()
    server: ThreadingHTTPServer | None = None
    # A terminated preview cleans up like an interrupted one.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        handler = type("Handler", (_Handler,), {"preview": preview})
        try:
            server = ThreadingHTTPServer(
                (host, port), partial(handler, directory=str(preview.site))
            )
        except OSError as err:
            raise BriefingError(
                [
                    Problem(
                        "briefing serve",
                        1,
                        1,
                        "--port",
                        f"cannot listen on {host}:{port}: {err.strerror}",
                        f"another program may be using the port: try --port {port + 1}",
                    )
                ]
            ) from None
        preview.rebuild()
        # Taken here, before anyone is served: an edit made once the page is up is never missed.
        seen = preview.fingerprint()
        threading.Thread(target=preview.watch, args=(stop, seen), daemon=True).start()
        print(
            f"briefing: serving on http://{host}:{server.server_address[1]}/ (Ctrl+C to stop)",
            file=sys.stderr,
            flush=True,
        )
        server.serve_forever()
    finally:
        stop.set()
        if server is not None:
            server.server_close()
        shutil.rmtree(preview.workdir, ignore_errors=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
