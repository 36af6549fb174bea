"""Benchmark: Lighthouse scores and axe-core violations of the built briefing, page by page.

Run: make lighthouse   (or: .venv/bin/python bench/lighthouse.py [--runs N])
It installs Lighthouse into bench/node_modules from the committed lock file (no browser
download), builds the seed briefing with site_url under a subpath, as GitHub Pages serves it,
serves it on loopback and prints one line a page. Lighthouse runs with its default mobile preset
in the project's own headless Chromium (generator/outputs/chromium.py: loopback only), which it
reaches through a debugging port; axe-core (from tests/axe, as the tests use it) runs in the same
browser.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import socket
import statistics
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.outputs.chromium import browser

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
PREFIX = "/briefing/"
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
AXE = REPO / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"


def install_tools() -> None:
    """npm ci from bench/package-lock.json (Lighthouse), and tests/axe (axe-core)."""
    marker = BENCH / "node_modules" / ".package-lock.json"
    lock = BENCH / "package-lock.json"
    if not (marker.exists() and marker.stat().st_mtime >= lock.stat().st_mtime):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=BENCH, check=True)
    if not AXE.is_file():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=AXE.parents[2], check=True)


def build(port: int, site: Path) -> None:
    """The strict build with site_url under the subpath the server uses."""
    from generator.outputs.pipeline import Project, build_site, generate

    os.environ["BRIEFING_SITE_URL"] = f"http://127.0.0.1:{port}{PREFIX}"
    project = Project(REPO)
    generate(project.data, project.content)
    build_site(project.config, site)


@contextmanager
def serve(folder: Path) -> Iterator[int]:
    """Serve folder at PREFIX on loopback, text gzipped as GitHub Pages does; yield the port."""

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def translate_path(self, path: str) -> str:
            inside = path[len(PREFIX) - 1 :] if path.startswith(PREFIX) else "/__outside__"
            return super().translate_path(inside)

        def do_GET(self) -> None:
            path = Path(self.translate_path(self.path.split("?", 1)[0]))
            if path.is_dir():
                path = path / "index.html"
            kind = self.guess_type(str(path))
            gzipped = "gzip" in self.headers.get("Accept-Encoding", "")
            if not (path.is_file() and gzipped and kind.startswith(TEXT_TYPES)):
                super().do_GET()
                return
            if path.name == "index.html" and not self.path.split("?", 1)[0].endswith("/"):
                super().do_GET()  # the redirect to the folder's URL
                return
            body = gzip.compress(path.read_bytes())
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


def pages(site: Path) -> dict[str, str]:
    """The pages measured: home, the longest actor page (the worst case), timeline, outlook."""
    actor = max((site / "actors").glob("*/index.html"), key=lambda p: p.stat().st_size).parent.name
    return {"home": "", "actor": f"actors/{actor}/", "timeline": "timeline/", "outlook": "outlook/"}


def lighthouse(url: str, out: Path, debugging_port: int) -> dict[str, int]:
    """One Lighthouse run (mobile preset) in the running Chromium; scores out of 100."""
    subprocess.run(
        [
            str(BENCH / "node_modules" / ".bin" / "lighthouse"),
            url,
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--port={debugging_port}",  # the browser is ours: Lighthouse launches none
            "--output=json",
            f"--output-path={out}",
        ],
        check=True,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


def axe(chromium: Browser, url: str) -> list[str]:
    """axe-core on the page, as the tests run it; the ids of the rules violated."""
    page = chromium.new_page()
    try:
        page.goto(url)
        page.add_script_tag(path=str(AXE))
        results: dict[str, Any] = page.evaluate("axe.run(document)")
    finally:
        page.close()
    return [f"{v['id']}({v['impact']})" for v in results["violations"]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--reports", type=Path, help="keep the JSON reports in this folder")
    args = parser.parse_args()
    install_tools()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.reports or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        site = Path(tmp) / "site"
        site.mkdir()
        debugging = free_port()
        with serve(site) as port, browser([f"--remote-debugging-port={debugging}"]) as chromium:
            build(port, site)
            print(f"{'page':<9} {'perf':>4} {'a11y':>4} {'best':>4} {'seo':>4}  axe violations")
            for name, path in pages(site).items():
                url = f"http://127.0.0.1:{port}{PREFIX}{path}"
                runs = [
                    lighthouse(url, work / f"{name}-{i}.json", debugging) for i in range(args.runs)
                ]
                median = {c: int(statistics.median(r[c] for r in runs)) for c in CATEGORIES}
                violations = axe(chromium, url)
                print(
                    f"{name:<9} {median['performance']:>4} {median['accessibility']:>4} "
                    f"{median['best-practices']:>4} {median['seo']:>4}  "
                    f"{len(violations)} {' '.join(violations)}  ({url})",
                    flush=True,
                )


if __name__ == "__main__":
    main()
