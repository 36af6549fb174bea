"""The `briefing` command line: check, generate, build, serve, pdf."""

from __future__ import annotations

import argparse
import errno
import ipaddress
import os
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.atomic import STAGING
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
    """Run one command; return its exit code.

    Every failure ends here, whatever raised it, as one line and a hint, never a traceback:
    bad input and usage exit 2, located; the environment (a file system, a port, a browser)
    exits 1; anything else is an internal error, with a traceback only under BRIEFING_DEBUG=1.
    """
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except BriefingError as err:
        report_problems(err)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_FAILED
    except PdfError as err:
        fail(
            f"the PDF could not be made: {err}",
            "run it again; `briefing build --no-pdf` builds the site without the PDF",
        )
        return EXIT_FAILED
    except pipeline.SiteBuildError as err:
        fail(f"the site build failed: {err}", "fix what it names, then run again")
        return EXIT_FAILED
    except OSError as err:
        fail(*describe_os_error(err))
        return EXIT_FAILED
    except Exception as err:
        from mkdocs.exceptions import MkDocsException

        if isinstance(err, MkDocsException):
            fail(f"the site build failed: {err}", "fix what MkDocs names above, then run again")
            return EXIT_FAILED
        if os.environ.get("BRIEFING_DEBUG"):
            traceback.print_exc()
        fail(
            f"internal error: {type(err).__name__}: {err}",
            "this is a bug in briefing: please report it to the briefing project's issue "
            "tracker with the command and the output of the same run with BRIEFING_DEBUG=1",
        )
        return EXIT_FAILED


def fail(message: str, hint: str = "") -> None:
    """One line on stderr, and a hint under it."""
    print(printable(f"briefing: {message}"), file=sys.stderr)
    if hint:
        print(f"    hint: {printable(hint)}", file=sys.stderr)


# What to do about each error the system reports, by its errno name.
_OS_HINTS = {
    "ENOSPC": "the disk is full: free some space, then run again (nothing was changed)",
    "EDQUOT": "the disk quota is used up: free some space, then run again",
    "EROFS": "that file system is read-only: run where you can write, or remount it",
    "EACCES": "you may not write there: check its permissions and its folder's, or run "
    "from a folder you own",
    "EPERM": "the system does not allow this: check the path's permissions and owner",
    "ENOTDIR": "a file stands where a folder is needed: move or rename that file",
    "EISDIR": "a folder stands where a file is needed: name a file, or move the folder",
    "ENOENT": "that path does not exist: check the spelling, or make its folder first",
    "EEXIST": "something already exists there: move it, or name another path",
    "ENOTEMPTY": "that folder is not empty: move it, or name another path",
    "EMFILE": "too many files are open: close other programs, then run again",
    "EXDEV": "the folder and its .briefing/ are on different file systems: keep them on one",
}


def describe_os_error(err: OSError) -> tuple[str, str]:
    """An error from the system in one line, naming the path relative to here, and a hint."""
    code = errno.errorcode.get(err.errno or 0, "")
    reason = err.strerror or str(err)
    where = ""
    if err.filename2 is not None and code in {"ENOSPC", "EDQUOT", "EROFS", "EFBIG"}:
        where = f"{_shown(err.filename2)}: "  # a copy: the file it could not write
    elif err.filename2 is not None:
        where = f"{_shown(err.filename)} -> {_shown(err.filename2)}: "
    elif err.filename is not None:
        where = f"{_shown(err.filename)}: "
    hint = _OS_HINTS.get(code, "check the path and the system's state, then run again")
    return f"{where}{reason}", hint


def _shown(name: object) -> str:
    """A path relative to here where it lies under this folder, else in full; a path being
    staged is named as the folder it will become (site/..., not .briefing/site.new.x1/...)."""
    path = Path(os.fsdecode(name) if isinstance(name, str | bytes) else str(name))
    try:
        text = str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        text = str(path)
    return _STAGED.sub(r"\1", text)


_STAGED = re.compile(re.escape(STAGING) + r"/([^/]+)\.new\.[^/]+")


def port_number(text: str) -> int:
    """--port: a TCP port, 0 (any free one) to 65535."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a port: give a number from 1 to 65535 (0: any free one), "
            "like --port 8000"
        )
    return port


def host_address(text: str) -> str:
    """--host: an IP address, or a name such as localhost; a malformed address is refused here,
    without asking any name server."""
    looks_numeric = all(part.isdigit() for part in text.split(".")) or ":" in text
    if looks_numeric:
        try:
            ipaddress.ip_address(text.strip("[]"))
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not an IP address: give one like 127.0.0.1, or localhost"
            ) from None
        return text.strip("[]")
    if not text or any(ch.isspace() for ch in text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a host name: give one like localhost")
    return text


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
    project.recover()
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
    out = args.out or Path(FULL_PDF_NAME if args.full else PDF_NAME)
    if out.is_dir():
        raise BriefingError(
            [
                Problem(
                    "briefing pdf",
                    1,
                    1,
                    "--out",
                    f"{out} is a folder, not a file",
                    f"name the PDF to write, like --out {out / (PDF_NAME)}",
                )
            ]
        )
    require_chromium()  # a missing browser is reported (exit 2) before anything is built
    project.recover()
    generated = pipeline.generate(project.data, project.content)
    report_warnings(generated.warnings)
    with tempfile.TemporaryDirectory(prefix="briefing-pdf.") as scratch:
        site = Path(scratch) / "site"
        pipeline.build_site(project.config, site, generated.files.briefing.title)
        document = "full" if args.full else "brief"
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
        message, hint = describe_os_error(err)
        fail(f"cannot make {args.dir}: {message}", hint)
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
    serve.add_argument(
        "--host", type=host_address, default="127.0.0.1", help="address to listen on (127.0.0.1)"
    )
    serve.add_argument(
        "--port", type=port_number, default=8000, help="port to listen on (8000; 0: any free)"
    )
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
