"""Property-based: whatever an editor types, the result is a valid briefing or located errors.

Random mutations of the seed data and random YAML documents go through the real loader and
validator (in-process, for speed) and, when valid, through rendering; a few go through the
command line. None may end in anything but a briefing or a BriefingError whose every line
reads `data/FILE.yml:LINE:COL: error: ...` (or `warning:`, beside an error) with a line inside
the file.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED_DATA, run_briefing
from generator.data.errors import BriefingError
from generator.data.validation import read_briefing
from generator.data.views import derive
from generator.pages.rendering import pages

SEED = {path.name: path.read_text(encoding="utf-8") for path in (SEED_DATA).glob("*.yml")}
FILES = sorted(SEED)
# Errors, and the warnings found beside them (a field swallowed by the text above it).
LINE = re.compile(r"^data/[a-z_.]+:\d+:\d+: (?:error|warning): (?:[^:]+: )?\S")

# Fixed and modest: the whole suite stays fast, and CI sees the same examples every run.
FAST = settings(
    max_examples=100,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# Characters that mean something to YAML, Markdown or HTML, and some that mean nothing.
NASTY = st.text(
    alphabet=st.sampled_from([*":-#'\"[]{}&*!|>%@`\t\n ,?<\\/=", "a", "1", "é", "\u2028"]),
    max_size=12,
)


def outcome(files: dict[str, str | bytes]) -> str:
    """Load the given data files; 'valid' or 'invalid', asserting every problem is located."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        for name, content in files.items():
            path = data / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", newline="")
        try:
            briefing = read_briefing(data)
        except BriefingError as err:
            assert err.errors
            for problem in err.problems:
                text = problem.format()
                assert LINE.match(text), text
                assert "\n" not in text.split("\n    hint: ")[0], text
                name = problem.path.removeprefix("data/")
                if name in files:
                    content = files[name]
                    lines = (content if isinstance(content, bytes) else content.encode()).count(
                        b"\n"
                    )
                    assert 1 <= problem.line <= lines + 2, text
                    assert problem.col >= 1, text
            return "invalid"
        assert pages(derive(briefing))
        return "valid"


EDITS = ["delete", "duplicate", "indent", "dedent", "insert", "replace", "swap"]


@st.composite
def mutated_seed(draw: st.DrawFn) -> dict[str, str]:
    """The seed briefing with one to three small edits of the kind a hurried editor makes."""
    files = dict(SEED)
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(FILES))
        lines = files[name].split("\n")
        at = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(EDITS))
        line = lines[at]
        if kind == "delete":
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, line)
        elif kind == "indent":
            lines[at] = " " * draw(st.integers(1, 3)) + line
        elif kind == "dedent":
            lines[at] = line[draw(st.integers(1, 3)) :]
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], line
        else:
            start = draw(st.integers(0, len(line)))
            end = start if kind == "insert" else draw(st.integers(start, len(line)))
            lines[at] = line[:start] + draw(NASTY) + line[end:]
        files[name] = "\n".join(lines)
    return files


@FAST
@given(mutated_seed())
def test_mutated_seed_data_is_valid_or_located(files: dict[str, str]):
    assert outcome(files) in {"valid", "invalid"}


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["2025-02-30", "Febuary 2025", "mid-April 2025", "gazette", "news", "held"]),
)
KEYS = st.one_of(
    st.sampled_from(["id", "title", "date", "sources", "text", "kind", "name", "role", "status"]),
    st.text(min_size=1, max_size=8),
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=4)
    ),
    max_leaves=20,
)


@FAST
@given(st.sampled_from(FILES), DOCUMENTS)
def test_any_yaml_document_in_place_of_a_file_is_valid_or_located(name: str, document: Any):
    files = dict(SEED)
    files[name] = yaml.safe_dump(document, allow_unicode=True)
    assert outcome(files) in {"valid", "invalid"}  # claims: [] is a valid claims file


@settings(FAST, max_examples=60)
@given(st.sampled_from(FILES), st.text(max_size=200))
def test_any_text_in_place_of_a_file_is_located(name: str, text: str):
    files = dict(SEED)
    files[name] = text
    assert outcome(files) == "invalid"


@settings(FAST, max_examples=40)
@given(st.sampled_from(FILES), st.binary(max_size=200))
def test_any_bytes_in_place_of_a_file_are_located(name: str, raw: bytes):
    files: dict[str, str | bytes] = dict(SEED)
    files[name] = raw
    assert outcome(files) == "invalid"


@settings(FAST, max_examples=6)
@given(mutated_seed())
def test_the_command_line_on_mutated_data_exits_zero_or_two_without_traceback(files):
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        for name, content in files.items():
            (data / name).write_text(content, encoding="utf-8", newline="")
        result = run_briefing("check", cwd=Path(tmp))
    assert result.returncode in {0, 2}, result.stderr
    assert "Traceback" not in result.stderr
    if result.returncode == 2:
        located = [ln for ln in result.stderr.splitlines() if not ln.startswith("    hint: ")]
        assert located[-1].endswith("found; nothing was changed.")
        for line in located[:-1]:
            assert LINE.match(line), line
