"""Writing: only changed bytes; a file we did not make is never replaced or removed."""

import pytest

from generator.data.errors import BriefingError
from generator.pages.rendering import HEADER
from generator.pages.writing import write_pages

PAGE = f"---\n{HEADER}\n---\n\n# Page\n"


def test_unchanged_pages_are_not_rewritten(tmp_path):
    write_pages({"a.md": PAGE}, tmp_path)
    before = (tmp_path / "a.md").stat().st_mtime_ns
    report = write_pages({"a.md": PAGE}, tmp_path)
    assert report.unchanged == ["a.md"] and not report.written
    assert (tmp_path / "a.md").stat().st_mtime_ns == before


def test_a_hand_written_page_is_never_overwritten(tmp_path):
    (tmp_path / "a.md").write_text("# Mine\n")
    with pytest.raises(BriefingError) as caught:
        write_pages({"a.md": PAGE, "b.md": PAGE}, tmp_path)
    assert "not made by briefing" in caught.value.problems[0].message
    assert (tmp_path / "a.md").read_text() == "# Mine\n"
    assert not (tmp_path / "b.md").exists()


def test_generated_pages_no_longer_produced_are_removed_but_hand_written_ones_stay(tmp_path):
    write_pages({"actors/old.md": PAGE, "keep.md": PAGE}, tmp_path)
    (tmp_path / "notes.md").write_text("# Hand-written\n")
    report = write_pages({"keep.md": PAGE}, tmp_path)
    assert report.removed == ["actors/old.md"]
    assert not (tmp_path / "actors").exists()
    assert (tmp_path / "notes.md").exists()
