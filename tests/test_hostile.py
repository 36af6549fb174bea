"""Hostile input, as an outside tester typed it: every attempt ends in located problems (exit 2,
no traceback, every problem in one run) or in pages a reader can trust.

Messages for single mistakes of this kind are in the corpus, tests/test_bad_input.py.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import SEED_DATA, copy_project, run_briefing
from generator.data.errors import BriefingError
from generator.data.validation import read_briefing
from generator.data.views import derive
from generator.data.visible import unbalanced, unseen_problem
from generator.pages import RESERVED_PREFIXES
from generator.pages.anchors import clear_of_anchors
from generator.pages.rendering import pages

LOCATED = re.compile(r"^data/[a-z]+(/|\.yml|/[a-z0-9-]+\.yml):\d+:\d+: error: ")


def edit(data: Path, name: str, old: str, new: str) -> tuple[int, int]:
    """Replace old with new in a data file; the line and column where new starts."""
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    at = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = text[:at]
    return before.count("\n") + 1, at - (before.rfind("\n") + 1) + 1


def assert_refused(project: Path, command: str, expected: list[str]) -> str:
    """The command exits 2 without a traceback, naming every expected problem line."""
    before = sorted(p.relative_to(project) for p in (project / "content").rglob("*"))
    result = run_briefing(*command.split(), cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    for line in expected:
        assert line in lines, result.stderr
    for line in lines[:-1]:
        assert LOCATED.match(line) or line.startswith("    hint: "), line
    count = f"{len(expected)} error{'s' if len(expected) > 1 else ''}"
    assert lines[-1] == f"{count} found; nothing was changed."
    # Bad data changes nothing: content/ holds what it held, and no site/ appears.
    assert sorted(p.relative_to(project) for p in (project / "content").rglob("*")) == before
    assert not (project / "site").exists()
    return result.stderr


# Item 1: numbers of thousands of digits, in every form YAML reads as a number.
def test_numbers_of_thousands_of_digits_are_located_problems_for_check_and_build(tmp_path):
    project = copy_project(tmp_path / "project")
    data = project / "data"
    title = "title: Russia and the US open talks on rare-earth projects"
    line, col = edit(data, "briefing.yml", title, "title: " + "1" * 5000)
    expected = [
        f"data/briefing.yml:{line}:{col + 7}: error: briefing.title: "
        f"expected text, found '{'1' * 40}…'"
    ]
    line, col = edit(data, "events.yml", "date: 2025-02-18", "date: 0x" + "F" * 4000)
    expected.append(
        f"data/events.yml:{line}:{col + 6}: error: events[0].date: '0x{'F' * 38}…' is not a date"
    )
    line, col = edit(data, "sources.yml", "date: 2025-03-31", "date: " + "9" * 5000)
    expected.append(
        f"data/sources.yml:{line}:{col + 6}: error: sources[1].date: '{'9' * 40}…' is not a date"
    )
    # Sexagesimal: 3,000 small groups make a number of over 5,000 digits.
    name = "name: Kirill Dmitriev"
    line, col = edit(data, "actors.yml", name, "name: " + "59:" * 3000 + "59")
    expected.append(
        f"data/actors.yml:{line}:{col + 6}: error: actors[0].name: "
        f"expected text, found '{('59:' * 14)[:40]}…'"
    )
    # PyYAML reads a %YAML line's version with int().
    claims = data / "claims.yml"
    claims.write_text(f"%YAML 1{'1' * 5000}.1\n---\n" + claims.read_text(encoding="utf-8"))
    expected.append("data/claims.yml:1:7: error: claims: this line cannot be read as YAML")
    assert_refused(project, "check", expected)
    assert_refused(project, "build --no-pdf", expected)


LINK = "this is a link to another file, not a file of its own"


# Item 8: a data file that is a link is refused as one, and what it points to is never read.
@pytest.mark.parametrize("target", ["secret", "copy of events.yml"])
def test_a_data_file_that_links_elsewhere_is_refused_without_reading_it(tmp_path, target):
    project = copy_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere.yml"
    if target == "secret":
        elsewhere.write_text("root:x:0:0:the secret word is swordfish\n")
    else:
        shutil.copy(project / "data" / "events.yml", elsewhere)
    (project / "data" / "events.yml").unlink()
    (project / "data" / "events.yml").symlink_to(elsewhere)
    stderr = assert_refused(
        project,
        "check",
        ["data/events.yml:1:1: error: events: " + LINK],
    )
    assert "hint: replace the link with a copy of the file" in stderr
    assert "swordfish" not in stderr and "root:x" not in stderr


def test_in_a_kind_split_over_a_folder_links_and_unseen_text_are_refused_too(tmp_path):
    project = copy_project(tmp_path / "project")
    data = project / "data"
    # actors/ is a link to a folder elsewhere, claims/ holds a link, events/ an escaped NUL.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.move(data / "actors.yml", elsewhere / "part-1.yml")
    (data / "actors").symlink_to(elsewhere)
    (data / "events").mkdir()
    shutil.move(data / "events.yml", data / "events" / "part-1.yml")
    title = "title: Russia and the US hold talks in Riyadh"
    line, col = edit(data / "events", "part-1.yml", title, 'title: "Russia\\0and the US"')
    (data / "claims").mkdir()
    shutil.move(data / "claims.yml", data / "claims" / "part-1.yml")
    (data / "claims" / "part-2.yml").symlink_to(elsewhere / "part-1.yml")
    # The schema is still checked around refused text: a misspelt status is found too.
    status, status_col = edit(data / "events", "part-1.yml", "  status: held", "  status: helt")
    assert_refused(
        project,
        "check",
        [
            "data/actors/:1:1: error: actors: "
            "this is a link to another folder, not a folder of its own",
            f"data/events/part-1.yml:{line}:{col + 7}: error: events[0].title: "
            "the invisible control character U+0000 is not allowed",
            "data/claims/part-2.yml:1:1: error: claims: " + LINK,
            f"data/events/part-1.yml:{status}:{status_col + 10}: error: events[0].status: "
            "'helt' is not allowed here",
        ],
    )


# Item 6: whatever text an editor types, raw or as an escape, it is refused with a located
# problem, or it reaches the pages as something a reader can see and nothing that misleads.
FAST = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
UNSEEN = [
    "\x00", "\x07", "\x1b", "\x1c", "\x7f", "\x85", "\x9b", "\r", "\t", "\n",
    "\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u3164", "\u2800", "\u0301",
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
    "\u200e", "\u200f", "\ud800", "\udfff", "\u2028", " ", "\u00a0",
]  # fmt: skip
TEXTS = st.text(
    alphabet=st.one_of(st.sampled_from(UNSEEN), st.sampled_from("aé٣ש😀"), st.characters()),
    min_size=1,
    max_size=10,
)


@FAST
@given(TEXTS)
def test_any_title_is_refused_where_it_stands_or_shown_as_a_reader_sees_it(written):
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(SEED_DATA, data)
        # As YAML writes it: controls, surrogates and the like as escapes in double quotes.
        typed = yaml.safe_dump({"title": written}, allow_unicode=True, width=1000).strip()
        title = yaml.safe_load(typed)["title"]  # what the editor's file says, line breaks read
        old = "title: Russia and the US open talks on rare-earth projects"
        line, _ = edit(data, "briefing.yml", old, typed)
        try:
            files = read_briefing(data)
        except BriefingError as err:
            assert unseen_problem(title) is not None or not title.strip(), err
            assert [(p.path, p.line, p.field) for p in err.problems] == [
                ("data/briefing.yml", line, "briefing.title")
            ], str(err)
            assert all(p.hint for p in err.problems)
            event("refused")
            return
    event("shown")
    assert unseen_problem(title) is None
    # Something to see: a letter, digit, punctuation or symbol (or a code point too new to know).
    categories = [unicodedata.category(ch) for ch in files.briefing.title]
    assert any(c[0] in "LNPS" or c in {"Co", "Cn"} for c in categories), categories
    for page, markdown in pages(derive(files)).items():
        for ch in markdown:
            assert not ("\ud800" <= ch <= "\udfff"), page
            assert unicodedata.category(ch) != "Cc" or ch in "\n\t", (page, hex(ord(ch)))
        # Rendering never splits what the text opens from what closes it.
        for text_line in markdown.splitlines():
            assert unbalanced(text_line) is None, (page, text_line)


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        ("Zelenskyy", True),
        ("Café, naïve, cafe\u0301", True),  # a combining accent on a letter
        ("👩\u200d🔬 a scientist", True),  # joiners inside an emoji
        ("عربي and עברית", True),
        ("\u2067عربي\u2069 said", True),  # a right-to-left isolate, closed
        ("a \u202eb\u202c c", True),  # an override, closed
        ("\u2067a \u202eb\u2069 c", True),  # an isolate's end also ends what it holds
        ("tab\tand\nline", True),
        ("\u200b", False),
        ("\u200b\u2060\ufeff ", False),
        ("\u3164", False),
        ("\u0301", False),
        ("a\x00b", False),
        ("a\x1bb", False),
        ("a\rb", False),
        ("a\x85b", False),
        ("a \u202eb c", False),
        ("a \u2067b c", False),
        ("a\u202cb", False),
        ("a\u2069b", False),
        ("a\ud800b", False),
    ],
)
def test_what_a_reader_would_not_see_is_refused_and_nothing_else(text, accepted):
    found = unseen_problem(text)
    assert (found is None) is accepted, found
    if found:
        message, hint = found
        assert message and hint


# Item 7: a heading's id never takes a generated anchor's, so a citation reaches its source.
def test_a_heading_named_like_a_source_anchor_leaves_the_anchor_to_the_source(tmp_path):
    project = copy_project(tmp_path / "project")
    data = project / "data"
    edit(data, "briefing.yml", "heading: What Moscow says", "heading: Src TVP-World")
    # The brief lists the next event (and the latest), with its generated anchor.
    next_event = read_briefing(data).outlook.next_event
    edit(
        data,
        "briefing.yml",
        "title: Russia and the US open talks on rare-earth projects",
        f"title: Event {next_event.title()}",
    )
    result = run_briefing("build", "--no-pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for page, anchor, heading in [
        ("print/index.html", "src-tvp-world", "Src TVP-World"),
        ("brief/index.html", f"event-{next_event}", f"Event {next_event.title()}"),
    ]:
        html = (site / page).read_text(encoding="utf-8")
        # The one element with the anchor's id is the generated one, not the heading.
        assert len(re.findall(rf'\bid="{anchor}"', html)) == 1, page
        assert f'<span id="{anchor}"></span>' in html, page
        assert re.search(rf'<h\d[^>]* id="heading-{anchor}"[^>]*>{heading}', html), page
        assert f'href="#{anchor}"' in html, page


def test_every_anchor_written_as_raw_html_has_a_prefix_no_heading_id_can_take():
    ids = [
        found
        for markdown in pages(derive(read_briefing(SEED_DATA))).values()
        for found in re.findall(r'<[a-z]+ [^>]*\bid="([^"]+)"', markdown)
    ]
    assert ids and all(found.startswith(RESERVED_PREFIXES) for found in ids), ids


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(max_size=30))
def test_no_heading_id_starts_with_a_reserved_prefix(words):
    from markdown.extensions.toc import slugify  # type: ignore[import-untyped]

    assert not clear_of_anchors(slugify)(words, "-").startswith(RESERVED_PREFIXES)
