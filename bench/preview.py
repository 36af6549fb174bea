"""Benchmark: the live preview, from a save to the page showing it, as a ratio to a plain rebuild.

Run: .venv/bin/python bench/preview.py [--edits N] [--runs N]
A copy of the project is served by the real `briefing serve` on a loopback port; each edit
changes the title in data/briefing.yml, and the time runs until the page served shows it. The
baseline, measured in the same run on the same copy, is a plain rebuild in this process (check,
generate, strict MkDocs build: what `briefing build --no-pdf` does after start-up). The ratio
says what watching, settling and serving add, whatever the machine's speed; near 1 is the aim.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from generator.outputs import pipeline
from timing import best_of

REPO = Path(__file__).resolve().parent.parent


def project_copy(dest: Path) -> Path:
    dest.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("site-overrides", "data", "editions"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, dest / folder)
    (dest / "content").mkdir()
    if (REPO / "content/assets").is_dir():
        shutil.copytree(REPO / "content/assets", dest / "content/assets")
    (dest / "generator").symlink_to(REPO / "generator")
    return dest


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return str(response.read().decode("utf-8"))


def until(condition, what: str, limit: float = 600) -> None:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > limit:
            raise SystemExit(f"bench/preview.py: {what} not seen in {limit:.0f} s")
        time.sleep(0.005)


def retitle(project: Path, title: str) -> None:
    path = project / "data/briefing.yml"
    text = path.read_text(encoding="utf-8")
    old = text.split("title: ", 1)[1].splitlines()[0]
    path.write_text(text.replace(f"title: {old}", f"title: {title}", 1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edits", type=int, default=5, help="saves timed in the preview")
    parser.add_argument("--runs", type=int, default=3, help="plain rebuilds timed")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with tempfile.TemporaryDirectory() as tmp:
        project = pipeline.Project(project_copy(Path(tmp) / "p"))

        rebuilds = iter(range(1_000_000))

        def rebuild() -> None:
            # An edit first, as in the preview: the no-change stamp must not skip generation.
            retitle(project.root, f"Plain rebuild {next(rebuilds)}")
            generated = pipeline.generate(project.data, project.content)
            pipeline.build_site(project.config, project.site, generated.files.briefing.title)

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        base = f"http://127.0.0.1:{port}/"
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--port", str(port)],
            cwd=project.root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def status() -> dict[str, object]:
            try:
                return dict(json.loads(fetch(base + "__briefing__/status")))
            except OSError:
                return {}

        try:
            until(lambda: status().get("idle") is True, "the first build")
            latencies = []
            for edit in range(args.edits):
                title = f"Benchmark edit {edit}"
                started = time.perf_counter()
                retitle(project.root, title)
                until(lambda t=title: t in fetch(base), f"edit {edit}")
                latencies.append(time.perf_counter() - started)
                until(lambda: status().get("idle") is True, "the watcher at rest")
            builds = status().get("builds")
        finally:
            server.terminate()
            server.wait()
        plain = best_of(args.runs, rebuild)
    best, median = min(latencies), statistics.median(latencies)
    print(f"plain rebuild (check+generate+mkdocs, best of {args.runs}): {plain:.2f} s")
    print(
        f"preview, save to page shown (best / median of {args.edits}): {best:.2f} / {median:.2f} s"
    )
    print(f"ratio to the plain rebuild: best {best / plain:.2f}x, median {median / plain:.2f}x")
    print(f"rebuilds: {builds} for {args.edits} saves and the first build")


if __name__ == "__main__":
    main()
