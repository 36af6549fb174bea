"""The `briefing` command line: check, generate, build, serve, pdf."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.data import (
    BriefingError,
    Changes,
    Files,
    History,
    Problem,
    diff,
    read_history,
    tally,
)
from generator.data.errors import printable
from generator.outputs import pipeline
from generator.outputs.chromium import find_chromium
from generator.outputs.pdf import FULL_PDF_NAME, PDF_NAME, PdfError, masthead

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code."""
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except BriefingError as err:
        report_problems(err)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_FAILED
    except PdfError as err:
        print(f"briefing: the PDF could not be made: {err}", file=sys.stderr)
        return EXIT_FAILED
    except pipeline.SiteBuildError as err:
        print(f"briefing: the site build failed: {err}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as err:  # a build failure outside the data: say it in one line
        from mkdocs.exceptions import MkDocsException

        if isinstance(err, MkDocsException):
            print(f"briefing: the site build failed: {err}", file=sys.stderr)
            return EXIT_FAILED
        raise


def report_problems(err: BriefingError) -> None:
    """Every problem on stderr, one a line, then a summary."""
    for problem in err.problems:
        print(problem.format(), file=sys.stderr)
    print(f"{tally(err.problems)} found; nothing was changed.", file=sys.stderr)


def report_warnings(warnings: list[Problem]) -> None:
    """Warnings on stderr, one a line with its hint, then how many: they do not stop anything."""
    for warning in warnings:
        print(warning.format(), file=sys.stderr)
    if warnings:
        print(f"{tally(warnings)}; the briefing is valid.", file=sys.stderr)


def _check(args: argparse.Namespace) -> int:
    history = read_history(args.data)
    files = history.current.files
    issued = len(history.issued)
    report_warnings(history.warnings)
    print(
        f"{args.data}: valid ({len(files.sources)} sources, {len(files.actors)} actors, "
        f"{len(files.events)} events, {len(files.claims)} claims; "
        f"{issued} edition{'s' if issued != 1 else ''} issued)"
    )
    return EXIT_OK


def _edition(args: argparse.Namespace) -> int:
    from generator.outputs.issuing import issue_edition

    project = pipeline.Project(args.root)
    edition = issue_edition(project, args.note)
    print(
        f"{project.editions / edition.slug}: issued the edition as of "
        f"{edition.files.briefing.as_of}. Commit it with data/: the site rebuilds every "
        "edition from editions/."
    )
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    project = pipeline.Project(args.root)
    history = read_history(project.data, project.editions)
    old_name, old = _state(project, history, args.old)
    new_name, new = _state(project, history, args.new)
    print(format_changes(old_name, new_name, diff(old, new, history.statements())))
    return EXIT_OK


def _state(project: pipeline.Project, history: History, name: str) -> tuple[str, Files]:
    """A state of the data named on the command line: an edition, 'data', or a git revision."""
    from generator.data.revisions import read_at_revision

    editions = {e.slug: e for e in history.issued}
    if name in editions:
        return f"the edition as of {editions[name].files.briefing.as_of}", editions[name].files
    if name in {"data", "current"}:
        files = history.current.files
        return f"data/ (as of {files.briefing.as_of})", files
    hint = (
        f"name an edition ({', '.join(editions) or 'none issued yet'}), 'data', or a git revision"
    )
    files = read_at_revision(project.data, name, hint)
    return f"data/ at {name} (as of {files.briefing.as_of})", files


def format_changes(old: str, new: str, changes: Changes) -> str:
    """The changes for a terminal: a heading per kind, one sentence a line."""
    signs = {"added": "+", "changed": "~", "removed": "-"}
    lines = [f"From {old} to {new}: {changes.summary()}."]
    for heading, found in changes.by_kind():
        lines += ["", heading]
        lines += [f"  {signs[c.action]} {c.sentence}" for c in found]
    # Text from the data is shown as typed, but can never move the cursor or split a line.
    return "\n".join(printable(line) for line in lines)


def _generate(args: argparse.Namespace) -> int:
    generated = pipeline.generate(args.data, args.out)
    report_warnings(generated.warnings)
    report = generated.report
    print(
        f"{args.out}: {len(report.written)} written, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed"
    )
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    project = pipeline.Project(args.root)
    generated = pipeline.generate(project.data, project.content)
    report_warnings(generated.warnings)
    title = generated.title
    # The site links the PDF (the theme reads extra.briefing_pdf) only where one can be made.
    if args.no_pdf or find_chromium() is None:
        pipeline.build_site(project.config, project.site, title, engine=args.engine)
        made = ""
    else:
        from generator.outputs.pdf import make_pdf

        heading = masthead(generated.files)

        def print_both(fresh: Path) -> None:
            make_pdf(fresh, fresh / PDF_NAME, heading)
            make_pdf(fresh, fresh / FULL_PDF_NAME, heading, document="full")

        pipeline.build_site(
            project.config,
            project.site,
            title,
            extra={"briefing_pdf": PDF_NAME, "briefing_pdf_full": FULL_PDF_NAME},
            finish=print_both,
            engine=args.engine,
        )
        made = f", with {PDF_NAME} and {FULL_PDF_NAME}"
    print(f"{project.site}: built in {time.perf_counter() - started:.1f} s{made}")
    return EXIT_OK


def _pdf(args: argparse.Namespace) -> int:
    from generator.outputs.chromium import require_chromium
    from generator.outputs.pdf import make_pdf

    started = time.perf_counter()
    project = pipeline.Project(args.root)
    require_chromium()  # a missing browser is reported (exit 2) before anything is built
    generated = pipeline.generate(project.data, project.content)
    report_warnings(generated.warnings)
    with tempfile.TemporaryDirectory(prefix="briefing-pdf.") as scratch:
        site = Path(scratch) / "site"
        pipeline.build_site(project.config, site, generated.files.briefing.title)
        document = "full" if args.full else "brief"
        out = args.out or Path(FULL_PDF_NAME if args.full else PDF_NAME)
        sheets = make_pdf(site, out, masthead(generated.files), args.paper, document)
    print(f"{out}: {sheets} pages in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from generator.outputs.preview import serve

    serve(pipeline.Project(args.root), host=args.host, port=args.port)
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from generator.outputs.starter import create_project

    try:
        found = create_project(args.dir)
    except OSError as err:
        print(f"briefing: cannot make {args.dir}: {err.strerror or err}", file=sys.stderr)
        return EXIT_FAILED
    print(
        f"{args.dir}: a new briefing, briefing pinned to {found.where}. Edit "
        f"{args.dir / 'data'}/*.yml, then in {args.dir}: `make site` builds it, `make test` "
        "checks it; README.md says how to publish it."
    )
    if not found.public:
        print(
            "note: this briefing has no public git address: requirements.txt pins it on this "
            "machine; README.md says what to change before publishing",
            file=sys.stderr,
        )
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description="Turn a briefing's YAML in data/ into a static site."
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate data/ only")
    check.add_argument("--data", type=Path, default=Path("data"), help="data folder (data/)")
    check.set_defaults(run=_check)

    generate = commands.add_parser("generate", help="write the Markdown pages")
    generate.add_argument("--data", type=Path, default=Path("data"), help="data folder (data/)")
    generate.add_argument(
        "--out", type=Path, default=Path("content"), help="where to write pages (content/)"
    )
    generate.set_defaults(run=_generate)

    build = commands.add_parser("build", help="check, generate and build the site into site/")
    build.add_argument("--root", type=Path, default=Path("."), help="project folder (.)")
    build.add_argument(
        "--no-pdf", action="store_true", help="skip the PDF download even if Chromium is installed"
    )
    build.add_argument(
        "--engine",
        choices=pipeline.ENGINES,
        default="mkdocs",
        help="the site generator: mkdocs (Material for MkDocs) or zensical, its successor",
    )
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="live preview while you edit data/")
    serve.add_argument("--root", type=Path, default=Path("."), help="project folder (.)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    serve.set_defaults(run=_serve)

    pdf = commands.add_parser(
        "pdf", help="the brief as a PDF of a few sheets, or with --full the whole briefing"
    )
    pdf.add_argument("--root", type=Path, default=Path("."), help="project folder (.)")
    pdf.add_argument(
        "--out",
        type=Path,
        default=None,
        help=f"the PDF to write ({PDF_NAME}; with --full, {FULL_PDF_NAME})",
    )
    pdf.add_argument(
        "--full", action="store_true", help="the whole briefing, with every actor's profile"
    )
    pdf.add_argument("--paper", choices=["a4", "letter"], default="a4", help="sheet size (a4)")
    pdf.set_defaults(run=_pdf)

    edition = commands.add_parser(
        "edition", help="issue data/ as the edition of its as-of date, with a note"
    )
    edition.add_argument("note", help="what changed, in one line")
    edition.add_argument("--root", type=Path, default=Path("."), help="project folder (.)")
    edition.set_defaults(run=_edition)

    diff = commands.add_parser("diff", help="what changed between two editions")
    diff.add_argument("old", metavar="A", help="an edition (2025-03-31), 'data' or a git revision")
    diff.add_argument("new", metavar="B", help="the same, for the later state")
    diff.add_argument("--root", type=Path, default=Path("."), help="project folder (.)")
    diff.set_defaults(run=_diff)

    new = commands.add_parser("new", help="start a new briefing project in DIR")
    new.add_argument("dir", type=Path, metavar="DIR", help="the new project's folder")
    new.set_defaults(run=_new)
    return parser
