"""Benchmark: the whole pipeline on valid briefings 1x, 10x, 100x and 1000x the seed.

Run: make bench [SIZES=1,10]   (or: .venv/bin/python bench/scale.py --sizes 1,10)

For each size it writes a synthetic project (the seed fixture copied N times, ids suffixed,
references kept within each copy; a kind's data split over several files once one file would
pass the loader's limit), then times each phase in a fresh process and reads that process's
peak memory (os.wait4):

- check:             `briefing check`
- generate:          `briefing generate` into an empty folder
- generate_nochange: the same again, nothing changed (how many files it wrote is recorded)
- mkdocs:            `mkdocs build --strict` of the generated pages, without the hook
- build:             `briefing build --no-pdf`
- zensical:          `briefing build --no-pdf --engine zensical` (when Zensical is installed;
                     its cache removed first, so each build is a full one, as MkDocs' is)
- stock:             stock Material building the same number of plain pages of similar length
- stock_zensical:    Zensical building those stock pages (when Zensical is installed)
- pdf:               `briefing pdf` (1x and 10x only, when Chromium is installed)

The baseline (stock) is measured in the same run, so the ratios hold whatever the machine.
It prints a table and writes bench/results.json: one object per size.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "tests" / "fixtures" / "seed"
BIN = Path(sys.executable).parent
RESULTS = REPO / "bench" / "results.json"
PHASES = (
    "check",
    "generate",
    "generate_nochange",
    "mkdocs",
    "build",
    "zensical",
    "stock",
    "stock_zensical",
    "pdf",
)
# The list files whose ids are suffixed per copy; briefing.yml and outlook.yml stay as one.
SCALED = ("sources", "actors", "events", "claims")
# A data file is split into parts below the loader's 1 MB limit, as an editor would keep it.
PART_BYTES = 600_000
PDF_SIZES = {1, 10}
REF_FIELDS = ("id", "to", "by", "via", "judgment")
REF_LISTS = ("sources", "actors", "events")


def _suffixed(value: Any, ids: set[str], suffix: str) -> Any:
    """A copy of value with every id it names (its own and its references) suffixed."""
    if isinstance(value, list):
        return [_suffixed(v, ids, suffix) for v in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key in REF_FIELDS and isinstance(item, str) and item in ids:
            out[key] = item + suffix
        elif key in REF_LISTS and isinstance(item, list) and all(isinstance(i, str) for i in item):
            out[key] = [i + suffix if i in ids else i for i in item]
        elif key in ("name", "title") and isinstance(item, str) and suffix:
            out[key] = f"{item} {suffix[1:]}"
        else:
            out[key] = _suffixed(item, ids, suffix)
    return out


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes YAML as an editor would: a value repeated is written again, never as an alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(value: Any) -> str:
    text: str = yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return text


def write_briefing(times: int, data: Path, seed: Path = SEED) -> None:
    """A valid briefing `times` the seed: each list file's entries copied with ids suffixed."""
    data.mkdir(parents=True, exist_ok=True)
    loaded = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in seed.glob("*.yml")}
    ids = {entry["id"] for kind in SCALED for entry in loaded.get(kind) or []}
    for name, value in loaded.items():
        if name not in SCALED:
            (data / f"{name}.yml").write_text(_dump(value), encoding="utf-8")
            continue
        one = len(_dump(value).encode())
        per_part = max(1, PART_BYTES // max(one, 1))
        parts = [range(start, min(start + per_part, times)) for start in range(0, times, per_part)]
        for number, copies in enumerate(parts, 1):
            entries = [e for k in copies for e in _suffixed(value, ids, f"-{k}" if k else "")]
            if len(parts) == 1:
                target = data / f"{name}.yml"
            else:
                target = data / name / f"part-{number:03}.yml"
                target.parent.mkdir(exist_ok=True)
            target.write_text(_dump(entries), encoding="utf-8")


def make_project(times: int, root: Path) -> Path:
    """A briefing project (mkdocs.yml, theme overrides, data/) at `times` the seed."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site-overrides", root / "site-overrides")
    (root / "generator").symlink_to(REPO / "generator")  # the hook, found beside mkdocs.yml
    write_briefing(times, root / "data")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    plain = text.replace("hooks:\n  - generator/outputs/mkdocs_hook.py\n", "hooks: []\n")
    assert plain != text, "mkdocs.yml's hook is not where the bench expects it"
    if "\nnav:" not in plain:  # the navigation the hook would give, from the pages registry
        from generator.pages import nav

        plain += "\n" + _dump({"nav": nav()})
    (root / "mkdocs-nohook.yml").write_text(plain, encoding="utf-8")
    return root


def _paragraphs(count: int) -> Iterator[str]:
    text = (
        "the talks resumed after a pause while officials on both sides described the "
        "progress in different terms and analysts read the statements for signs of a deal"
    )
    words = text.split(" ")
    for i in range(count):
        start = (i * 7) % len(words)
        yield " ".join((words * 3)[start : start + 60]).capitalize() + "."


def make_stock(pages: int, page_bytes: int, root: Path) -> Path:
    """Stock Material: `pages` plain Markdown pages of about page_bytes each, a short nav."""
    docs = root / "docs"
    (docs / "items").mkdir(parents=True, exist_ok=True)
    paragraph = next(_paragraphs(1))
    per_page = max(1, page_bytes // (len(paragraph) + 2))
    nav = []
    for i in range(pages):
        rel = "index.md" if i == 0 else (f"page-{i}.md" if i < 11 else f"items/item-{i}.md")
        lines = [f"# Page {i}", ""]
        for n, text in enumerate(_paragraphs(per_page)):
            if n % 6 == 5:
                lines += [f"## Section {n}", ""]
            lines += [text, ""]
        (docs / rel).write_text("\n".join(lines), encoding="utf-8")
        if i < 11:
            nav.append({f"Page {i}": rel})
    config = {
        "site_name": "Stock",
        "site_url": "http://127.0.0.1:8000/",
        "theme": {"name": "material", "font": False},
        "plugins": ["search"],
        "markdown_extensions": ["admonition", "attr_list", "md_in_html", "tables", "toc"],
        "validation": {"omitted_files": "info"},
        "nav": nav,
    }
    (root / "mkdocs.yml").write_text(_dump(config), encoding="utf-8")
    return root


def timed(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Seconds, peak resident memory (MB) and stdout of one command in a fresh process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command)} failed ({process.returncode}):\n{err.read()[-3000:]}"
            )
        # ru_maxrss is in KiB on Linux: the largest of the process and its waited children.
        return elapsed, usage.ru_maxrss / 1024, out.read()


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def zensical_available() -> bool:
    return (BIN / "zensical").is_file()


def chromium_available() -> bool:
    from generator.outputs.chromium import find_chromium

    return find_chromium() is not None


def measure(times: int, work: Path, runs: int) -> dict[str, Any]:
    """Every phase at one size: median seconds and the largest peak memory of `runs` runs."""
    project = make_project(times, work / f"x{times}")
    briefing = str(BIN / "briefing")
    row: dict[str, Any] = {"size": times, "cores": os.cpu_count()}
    samples: dict[str, list[tuple[float, float]]] = {}

    def phase(name: str, command: list[str], cwd: Path = project) -> str:
        seconds, mb, out = timed(command, cwd)
        samples.setdefault(name, []).append((seconds, mb))
        return out

    for _ in range(runs):
        phase("check", [briefing, "check", "--data", "data"])
        shutil.rmtree(project / "content", ignore_errors=True)
        phase("generate", [briefing, "generate", "--data", "data", "--out", "content"])
        out = phase(
            "generate_nochange", [briefing, "generate", "--data", "data", "--out", "content"]
        )
        row["generate_nochange_written"] = int(out.rsplit(": ", 1)[1].split()[0])
        phase(
            "mkdocs",
            [str(BIN / "mkdocs"), "build", "--strict", "-q", "-f", "mkdocs-nohook.yml",
             "-d", str(project / "site-mkdocs")],
        )  # fmt: skip
        shutil.rmtree(project / "content", ignore_errors=True)
        phase("build", [briefing, "build", "--no-pdf", "--root", "."])
        row["site_mb"] = round(folder_mb(project / "site"), 2)  # MkDocs' site
        if zensical_available():
            shutil.rmtree(project / ".cache", ignore_errors=True)  # Zensical's: a cold build
            engine = ["--engine", "zensical"]
            try:
                phase("zensical", [briefing, "build", "--no-pdf", "--root", ".", *engine])
                row["zensical_site_mb"] = round(folder_mb(project / "site"), 2)
            except RuntimeError as err:  # recorded, and the other steps still measured
                row["zensical_error"] = str(err).strip().splitlines()[-1]
    content = project / "content"
    markdown = [p for p in content.rglob("*.md")]
    row["pages"] = len(markdown)
    page_bytes = sum(p.stat().st_size for p in markdown) // max(len(markdown), 1)
    stock = make_stock(len(markdown), page_bytes, work / f"stock{times}")
    for _ in range(runs):
        phase(
            "stock",
            [str(BIN / "mkdocs"), "build", "-q", "-d", str(stock / "site")],
            cwd=stock,
        )
    row["stock_site_mb"] = round(folder_mb(stock / "site"), 2)
    if zensical_available():
        config = yaml.safe_load((stock / "mkdocs.yml").read_text(encoding="utf-8"))
        (stock / "zensical.yml").write_text(_dump({**config, "site_dir": "zsite"}), "utf-8")
        for _ in range(runs):
            shutil.rmtree(stock / ".cache", ignore_errors=True)
            phase("stock_zensical", [str(BIN / "zensical"), "build", "-f", "zensical.yml"], stock)
    if times in PDF_SIZES and chromium_available():
        for _ in range(min(runs, 2)):
            phase("pdf", [briefing, "pdf", "--root", ".", "--out", str(work / "brief.pdf")])
    for name in PHASES:
        if name in samples:
            row[f"{name}_s"] = round(statistics.median(s for s, _ in samples[name]), 3)
            row[f"{name}_mb"] = round(max(m for _, m in samples[name]), 1)
    return row


def table(rows: list[dict[str, Any]]) -> str:
    """The results as a Markdown table: seconds and peak MB per phase, and the key ratios."""
    shown = [p for p in PHASES if any(f"{p}_s" in r for r in rows)]
    head = ["size", "pages", *shown, "nochange written", "build/stock per page", "site/stock"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [f"{r['size']}x", str(r["pages"])]
        for p in shown:
            cells.append(f"{r[f'{p}_s']:.2f} s, {r[f'{p}_mb']:.0f} MB" if f"{p}_s" in r else "-")
        cells.append(str(r["generate_nochange_written"]))
        cells.append(f"{r['build_s'] / r['stock_s']:.2f}x")
        cells.append(f"{r['site_mb'] / r['stock_site_mb']:.2f}x")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def targets(rows: list[dict[str, Any]]) -> list[str]:
    """Issue 13's targets, each as ratios within this run, met or missed."""

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    out = []
    for low, high in itertools.pairwise(rows):
        step = high["size"] / low["size"]
        allowed = 1.1 * step  # 10x the data: at most 11x the time and the memory
        time = high["generate_s"] / low["generate_s"]
        memory = high["generate_mb"] / low["generate_mb"]
        out.append(
            f"generation linear {low['size']}x -> {high['size']}x: time x{time:.1f}, memory"
            f" x{memory:.1f} (at most x{allowed:g}): {verdict(max(time, memory) <= allowed)}"
        )
    for row in rows:
        share = row["generate_nochange_s"] / row["generate_s"]
        written = row["generate_nochange_written"]
        out.append(
            f"no-change generate at {row['size']}x: {share:.2f} of a full one, {written} written"
            f" (at most 0.10, none): {verdict(share <= 0.1 and written == 0)}"
        )
    for row in (r for r in rows if r["size"] == 100):
        build = row["build_s"] / row["stock_s"]
        weight = row["site_mb"] / row["stock_site_mb"]
        out.append(f"100x build: x{build:.2f} stock per page (<= 1.5): {verdict(build <= 1.5)}")
        out.append(f"100x site weight: x{weight:.2f} stock (<= 1.5): {verdict(weight <= 1.5)}")
        if "zensical_s" in row and "stock_zensical_s" in row:
            zensical = row["zensical_s"] / row["stock_zensical_s"]
            out.append(f"100x Zensical build per page: x{zensical:.2f} stock Zensical")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1,10,100,1000", help="multiples of the seed")
    parser.add_argument(
        "--runs", type=int, default=0, help="runs per phase (median); default 3 up to 10x, else 1"
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="results JSON")
    parser.add_argument("--work", type=Path, help="keep the projects in this folder")
    args = parser.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    rows = []
    with tempfile.TemporaryDirectory(prefix="briefing-bench.") as tmp:
        work = args.work or Path(tmp)
        for times in sizes:
            runs = args.runs or (3 if times <= 10 else 1)
            print(f"{times}x: {runs} run(s) ...", file=sys.stderr, flush=True)
            rows.append(measure(times, work, runs))
            args.out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"{os.cpu_count()} cores; {sys.executable} bench/scale.py --sizes {args.sizes}")
    print(table(rows))
    for line in targets(rows):
        print(line)
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
