"""Mistakes of the environment end in one line and a hint, never a traceback: exit 1 for the
system (a read-only or full disk, a file in the way), exit 2 for usage; nothing is changed and
nothing is left behind."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project, require, run_briefing
from generator import cli
from generator.atomic import write_file
from generator.data import BriefingError, Problem


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def one_line_and_a_hint(stderr: str) -> list[str]:
    """The stderr of a failed command: one `briefing: ` line, then its hint; no traceback."""
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if not line.startswith("mkdocs: ")]
    assert len(lines) == 2, stderr
    assert lines[0].startswith("briefing: "), stderr
    assert lines[1].startswith("    hint: "), stderr
    return lines


def in_mount_namespace(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a shell script as root in a mount namespace of its own: its mounts vanish with it."""
    require(shutil.which("unshare"), "unshare is not installed (util-linux)")
    if os.geteuid() != 0:
        pytest.skip("mounting a read-only or full file system needs root")
    return subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-ec", script],
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PY": sys.executable},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A project built once, then with data/ edited so that the next build changes content/."""
    project = copy_project(tmp_path / "p")
    assert run_briefing("build", "--no-pdf", cwd=project).returncode == 0
    briefing = project / "data/briefing.yml"
    text = briefing.read_text(encoding="utf-8")
    title = text.split("title: ", 1)[1].splitlines()[0]
    briefing.write_text(text.replace(f"title: {title}", "title: A new title", 1), "utf-8")
    return project


def test_a_read_only_content_folder_fails_in_one_line_and_changes_nothing(built: Path):
    before = files_under(built / "content")
    result = in_mount_namespace(
        'mount --bind -o ro content content && exec "$PY" -m generator build --no-pdf', built
    )
    assert result.returncode == 1, result.stderr
    first, _ = one_line_and_a_hint(result.stderr)
    assert "content" in first
    assert files_under(built / "content") == before
    assert not list(built.rglob("*.tmp")) and not list(built.rglob("*.part"))


def kilobytes(folder: Path) -> int:
    return sum(-(-p.stat().st_size // 4096) * 4 for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("room", ["none", "content only"])
def test_a_full_disk_fails_in_one_line_and_changes_nothing(built: Path, room: str):
    """A real full disk: the project on a file system just large enough to hold it, with no
    room for anything new, or room for the new content/ but not for the new site."""
    used = kilobytes(built) + 64
    size = used if room == "none" else used + kilobytes(built / "content") + 512
    result = in_mount_namespace(
        f"mkdir disk && mount -t tmpfs -o size={size}k tmpfs disk && cp -a p disk/p\n"
        "cd disk/p\n"
        'code=0; "$PY" -m generator build --no-pdf || code=$?\n'
        + ("diff -r ../../p/content content >&2 && " if room == "none" else "")
        + "diff -r ../../p/site site >&2 && echo SAME\n"
        "ls -A .briefing\n"
        "exit $code\n",
        built.parent,
    )
    assert result.returncode == 1, result.stderr
    first, hint = one_line_and_a_hint(result.stderr)
    assert "No space left on device" in first
    assert "disk is full" in hint
    # Unchanged (content/ may be new and whole when only the site found no room), and
    # nothing left in .briefing/ but its own .gitignore and lock files.
    assert result.stdout.split() == ["SAME", ".gitignore", "content.lock", "site.lock"]


def test_a_file_where_a_folder_of_pages_goes_is_named(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    (project / "content/actors").write_text("not a folder\n")
    result = run_briefing("build", "--no-pdf", cwd=project)
    assert result.returncode == 1, result.stderr
    first, hint = one_line_and_a_hint(result.stderr)
    assert first == "briefing: content/actors: Not a directory"
    assert "a file stands where a folder is needed" in hint
    assert sorted(p.name for p in (project / "content").iterdir()) == ["actors"]


def test_pdf_out_a_folder_is_a_usage_mistake_and_leaves_no_part(tmp_path: Path):
    project = copy_project(tmp_path / "p")
    (project / "out").mkdir()
    result = run_briefing("pdf", "--out", "out", cwd=project)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "--out: out is a folder, not a file" in result.stderr
    assert not list(project.rglob("*.part"))


def test_a_write_that_fails_leaves_neither_the_file_nor_a_part(tmp_path: Path):
    def half_then_full(stream) -> None:
        stream.write(b"%PDF-half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(OSError):
        write_file(tmp_path / "briefing.pdf", half_then_full)
    (tmp_path / "folder.pdf").mkdir()
    with pytest.raises(IsADirectoryError):
        write_file(tmp_path / "folder.pdf", b"%PDF")
    left = {p.name for p in tmp_path.rglob("*") if p.is_file()}
    assert left <= {".gitignore", "briefing.pdf.lock"}, left


@pytest.mark.parametrize("port", ["99999", "-1", "eighty"])
def test_a_port_out_of_range_is_a_usage_mistake(tmp_path: Path, port: str):
    result = run_briefing("serve", f"--port={port}", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"argument --port: '{port}' is not a port" in result.stderr


def test_a_malformed_host_is_reported_against_host(tmp_path: Path):
    result = run_briefing("serve", "--host", "256.1.1.1", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "argument --host: '256.1.1.1' is not an IP address" in result.stderr
    assert "--port" not in result.stderr.splitlines()[-1]


def test_new_under_a_file_fails_in_one_line(tmp_path: Path):
    (tmp_path / "a-file").write_text("")
    result = run_briefing("new", "a-file/briefing", cwd=tmp_path)
    assert result.returncode == 1
    first, _ = one_line_and_a_hint(result.stderr)
    assert first.startswith("briefing: ") and "a-file" in first


def test_new_on_a_read_only_disk_fails_in_one_line(tmp_path: Path):
    (tmp_path / "ro").mkdir()
    result = in_mount_namespace(
        'mount --bind -o ro ro ro && exec "$PY" -m generator new ro/briefing', tmp_path
    )
    assert result.returncode == 1, result.stderr
    first, hint = one_line_and_a_hint(result.stderr)
    assert "Read-only file system" in first and "read-only" in hint


def _raising(error: BaseException):
    def run(args) -> int:
        raise error

    return run


@pytest.mark.parametrize(
    ("error", "code", "first"),
    [
        (OSError(errno.ENOSPC, "No space left on device", "content/x.md"), 1, "content/x.md"),
        (PermissionError(errno.EACCES, "Permission denied", "site"), 1, "site: Permission"),
        (BriefingError([Problem("data/a.yml", 3, 1, "a", "bad", "fix")]), 2, "data/a.yml:3:1"),
        (ValueError("something unforeseen"), 1, "briefing: internal error: ValueError"),
        (RecursionError("deep"), 1, "briefing: internal error: RecursionError"),
    ],
)
@pytest.mark.parametrize("command", ["check", "generate", "build", "serve", "pdf", "new x"])
def test_every_command_fails_through_the_one_door(
    monkeypatch, capsys, command: str, error: BaseException, code: int, first: str
):
    """Whatever a command raises, main turns it into an exit code, a line and a hint."""
    parser = cli._parser

    def patched():
        made = parser()
        for action in made._subparsers._group_actions:  # type: ignore[union-attr]
            for sub in action.choices.values():
                sub.set_defaults(run=_raising(error))
        return made

    monkeypatch.setattr(cli, "_parser", patched)
    monkeypatch.delenv("BRIEFING_DEBUG", raising=False)
    assert cli.main(command.split()) == code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert first in err.splitlines()[0]
    assert "hint: " in err


def test_briefing_debug_shows_the_traceback_of_an_internal_error(monkeypatch, capsys):
    monkeypatch.setattr(cli, "_check", _raising(ValueError("unforeseen")))
    monkeypatch.setenv("BRIEFING_DEBUG", "1")
    assert cli.main(["check"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "briefing: internal error: ValueError: unforeseen" in err
