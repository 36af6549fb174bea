"""Editions: issued in one command, rebuilt from a fresh shallow clone, each readable at its own
address, with what changed between them, an Atom feed, and the outlook scored."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import feedparser
import pytest

from conftest import copy_project, dump, run_briefing, small_briefing
from generator.data import diff, read_briefing
from generator.data.model import LIKELIHOOD

FIRST, SECOND = "2024-06-03", "2024-07-01"
NOTE_1 = "The vote is set"
NOTE_2 = "The council approved the line <b>on 14 June</b>"
ATOM = "{http://www.w3.org/2005/Atom}"
DASH = "\N{EN DASH}"


def first_edition() -> dict[str, Any]:
    """The small briefing, with a second judgment that the next edition revises."""
    files = small_briefing()
    files["outlook"]["judgments"].append(
        {
            "id": "funding",
            "statement": "The state grants the line its funding by the end of 2024.",
            "likelihood": "unlikely",
            "confidence": "low",
            "basis": "The state budget is not yet drafted.",
            "sources": ["gazette"],
            "resolves_by": "2024-12-31",
            "resolves_if": "The state budget lists a grant for the northern tram line.",
        }
    )
    return files


def second_edition() -> dict[str, Any]:
    """A month on: the vote held, a new event, source, actor and judgment, an outcome."""
    files = first_edition()
    files["briefing"]["as_of"] = SECOND
    files["briefing"]["key_points"] = [
        {"text": "The council approved the line on 14 June.", "sources": ["radio"]}
    ]
    files["sources"].append(
        {
            "id": "radio",
            "outlet": "Harbour Radio",
            "title": "Council approves tram line",
            "date": "2024-06-14",
            "kind": "broadcaster",
        }
    )
    files["actors"].append(
        {
            "id": "opposition",
            "name": "Councillor Bo Strand",
            "kind": "person",
            "role": "Leads the opposition on the council",
            "sources": ["radio"],
        }
    )
    vote = files["events"][0]
    vote.update(date="2024-06-14", status="held", sources=["gazette", "radio"])
    files["events"].append(
        {
            "id": "tender",
            "date": "September 2024",
            "title": "The city tenders the construction",
            "status": "expected",
            "actors": ["council"],
            "sources": ["radio"],
        }
    )
    files["claims"][0]["status"] = "disputed"
    outlook = files["outlook"]
    outlook["next_event"] = "tender"
    outlook["question"] = "Will the tender go out on time?"
    _, funding = outlook["judgments"]
    funding.update(likelihood="roughly even chance", confidence="moderate")
    outlook["judgments"] = [
        funding,
        {
            "id": "tender-on-time",
            "statement": "The city publishes the construction tender by 30 September 2024.",
            "likelihood": "likely",
            "confidence": "moderate",
            "basis": "The approval sets a September tender.",
            "sources": ["radio"],
            "resolves_by": "2024-09-30",
            "resolves_if": "The tender appears in the city's procurement notices.",
        },
    ]
    files["outcomes"] = [
        {
            "edition": FIRST,
            "judgment": "approved",
            "outcome": "happened",
            "date": "2024-06-14",
            "summary": "The council voted for the line on 14 June.",
            "sources": ["radio"],
        }
    ]
    return files


def write_briefing(data: Path, files: dict[str, Any]) -> None:
    shutil.rmtree(data, ignore_errors=True)
    for name, value in files.items():
        dump(data / f"{name}.yml", value)


def issue(project: Path, note: str) -> None:
    result = run_briefing("edition", note, cwd=project)
    assert result.returncode == 0, result.stderr
    assert f"editions/{read_briefing(project / 'data').briefing.as_of.start}" in result.stdout


def two_editions(folder: Path) -> Path:
    """A project whose two editions were issued with `briefing edition`, as an editor does."""
    project = copy_project(folder)
    write_briefing(project / "data", first_edition())
    issue(project, NOTE_1)
    write_briefing(project / "data", second_edition())
    issue(project, NOTE_2)
    return project


def git(*args: str, cwd: Path) -> str:
    identity = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    done = subprocess.run(
        ["git", *identity, *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two editions committed, then cloned as GitHub Actions does (depth 1) and built there."""
    project = two_editions(tmp_path_factory.mktemp("editions") / "project")
    git("init", "-q", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "Two editions", cwd=project)
    fresh = project.parent / "fresh"
    git("clone", "-q", "--depth", "1", project.as_uri(), str(fresh), cwd=project.parent)
    assert "editions" in {p.name for p in fresh.iterdir()}
    result = run_briefing("build", "--no-pdf", cwd=fresh)
    assert result.returncode == 0, result.stderr
    return fresh


def page(clone: Path, path: str) -> str:
    return (clone / "site" / path / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """A page's text as a reader sees it: tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- the semantic diff ------------------------------------------------------------------------


def changes_between(write_data: Any, tmp_path: Path) -> list[str]:
    old = read_briefing(write_data(first_edition(), tmp_path / "old"))
    new = read_briefing(write_data(second_edition(), tmp_path / "new"))
    return [c.sentence for c in diff(old, new).items]


def test_diff_tells_each_change_in_a_sentence(write_data, tmp_path):
    said = changes_between(write_data, tmp_path)
    assert "New event: “The city tenders the construction” (September 2024), expected." in said
    assert (
        "Event “Council vote on the tram line” (14 June 2024): date changed from mid-June 2024 "
        "to 14 June 2024; status changed from scheduled to held; sources added: Harbour Radio."
    ) in said
    assert "New actor: Councillor Bo Strand, Leads the opposition on the council." in said
    assert any(
        s.startswith("New source: Harbour Radio, “Council approves tram line”") for s in said
    )
    claim = next(s for s in said if s.startswith("Claim "))
    assert "status changed from claimed to disputed" in claim


def test_diff_gives_judgments_old_and_new_likelihood_and_confidence(write_data, tmp_path):
    said = changes_between(write_data, tmp_path)
    assert (
        "Judgment “The state grants the line its funding by the end of 2024.”: likelihood "
        f"changed from unlikely (20{DASH}45%) to roughly even chance (45{DASH}55%); "
        "confidence changed from low to moderate."
    ) in said
    assert "Removed judgment: “The council approves the line.”" in said
    assert any(s.startswith("New judgment: “The city publishes the construction") for s in said)


def test_diff_matches_items_by_id_not_by_text(write_data, tmp_path):
    old_files = first_edition()
    new_files = first_edition()
    new_files["events"][0]["title"] = "Council vote on the northern tram line"
    old = read_briefing(write_data(old_files, tmp_path / "old"))
    new = read_briefing(write_data(new_files, tmp_path / "new"))
    [change] = diff(old, new).items
    assert (change.kind, change.id, change.action) == ("event", "vote", "changed")
    assert change.details == (
        "title changed from “Council vote on the tram line” to "
        "“Council vote on the northern tram line”",
    )


def test_editor_notes_never_show_among_the_changes(write_data, tmp_path):
    new_files = first_edition()
    new_files["events"][0]["editor_note"] = "Check the date with the clerk."
    old = read_briefing(write_data(first_edition(), tmp_path / "old"))
    new = read_briefing(write_data(new_files, tmp_path / "new"))
    assert diff(old, new).items == []


# --- issuing and checking editions -----------------------------------------------------------


def test_briefing_edition_freezes_data_and_the_note(tmp_path):
    project = two_editions(tmp_path / "p")
    snapshot = project / "editions" / FIRST
    assert (snapshot / "edition.yml").read_text(encoding="utf-8").endswith(f"note: {NOTE_1}\n")
    frozen = read_briefing(snapshot / "data")
    assert frozen.briefing.as_of.start.isoformat() == FIRST
    assert [j.id for j in frozen.outlook.judgments] == ["approved", "funding"]
    assert read_briefing(project / "editions" / SECOND / "data") == read_briefing(project / "data")


def test_issuing_the_same_edition_twice_is_refused_with_a_hint(tmp_path):
    project = two_editions(tmp_path / "p")
    result = run_briefing("edition", "Again", cwd=project)
    assert result.returncode == 2
    first, hint = result.stderr.splitlines()[:2]
    assert re.fullmatch(
        r"data/briefing\.yml:\d+:\d+: error: briefing\.as_of: "
        r"the edition as of 1 July 2024 is already issued",
        first,
    )
    assert "set as_of to its date first" in hint


def test_an_empty_note_is_refused(tmp_path):
    project = copy_project(tmp_path / "p")
    result = run_briefing("edition", "  ", cwd=project)
    assert result.returncode == 2
    assert "error: note: the note is empty" in result.stderr
    assert not (project / "editions").exists()


def test_an_error_in_a_past_edition_is_located_in_its_own_file(tmp_path):
    project = two_editions(tmp_path / "p")
    events = project / "editions" / FIRST / "data" / "events.yml"
    events.write_text(events.read_text().replace("status: scheduled", "status: sheduled"))
    result = run_briefing("check", cwd=project)
    assert result.returncode == 2
    assert re.search(
        rf"^editions/{FIRST}/data/events\.yml:\d+:\d+: error: events\[0\]\.status: "
        r"'sheduled' is not allowed here$",
        result.stderr,
        re.MULTILINE,
    ), result.stderr
    assert "did you mean 'scheduled'?" in result.stderr


def test_an_outcome_must_name_a_judgment_an_earlier_edition_made(tmp_path):
    project = two_editions(tmp_path / "p")
    outcomes = project / "data" / "outcomes.yml"
    outcomes.write_text(outcomes.read_text().replace("judgment: approved", "judgment: aproved"))
    result = run_briefing("check", cwd=project)
    assert result.returncode == 2
    assert re.search(
        r"^data/outcomes\.yml:\d+:\d+: error: outcomes\[0\]\.judgment: the edition as of "
        r"3 June 2024 has no judgment 'aproved'\n    hint: did you mean 'approved'\?$",
        result.stderr,
        re.MULTILINE,
    ), result.stderr


def test_the_live_data_cannot_go_back_before_an_issued_edition(tmp_path):
    project = two_editions(tmp_path / "p")
    write_briefing(project / "data", first_edition())
    result = run_briefing("check", cwd=project)
    assert result.returncode == 2
    assert "the edition as of 1 July 2024 is already issued" in result.stderr
    assert f"hint: set as_of to {SECOND} or later" in result.stderr


# --- stale outlook warnings ------------------------------------------------------------------


def stale_project(tmp_path: Path) -> Path:
    """The first edition issued, then data/ moved to a later as-of date and nothing else."""
    project = copy_project(tmp_path / "p")
    write_briefing(project / "data", first_edition())
    issue(project, NOTE_1)
    moved = first_edition()
    moved["briefing"]["as_of"] = SECOND
    write_briefing(project / "data", moved)
    return project


def test_a_due_judgment_without_outcome_and_a_past_next_event_are_warned(tmp_path):
    result = run_briefing("check", cwd=stale_project(tmp_path))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert any(
        re.fullmatch(
            r"data/outlook\.yml:\d+:\d+: warning: outlook\.next_event: the next event's window "
            r"\(mid-June 2024, 11 June to 20 June 2024\) ended before the as-of date "
            r"\(1 July 2024\): the outlook is out of date",
            line,
        )
        for line in warnings
    ), warnings
    assert any(
        re.fullmatch(
            r"data/outlook\.yml:\d+:\d+: warning: outlook\.judgments\[0\]\.resolves_by: the "
            r"judgment's resolution date \(30 June 2024\) is before the as-of date "
            r"\(1 July 2024\) and it has no outcome",
            line,
        )
        for line in warnings
    ), warnings
    assert any(
        re.fullmatch(
            rf"editions/{FIRST}/data/outlook\.yml:\d+:\d+: warning: "
            r"outlook\.judgments\[0\]\.resolves_by: the judgment 'approved' of the edition as of "
            r"3 June 2024 resolved by 30 June 2024, before the as-of date \(1 July 2024\), and "
            r"has no outcome",
            line,
        )
        for line in warnings
    ), warnings
    assert len(warnings) == 3
    assert "3 warnings; the briefing is valid." in result.stderr


def test_an_outcome_and_a_renewed_outlook_silence_the_warnings(tmp_path):
    project = stale_project(tmp_path)
    write_briefing(project / "data", second_edition())
    result = run_briefing("check", cwd=project)
    assert result.returncode == 0
    assert "warning" not in result.stderr, result.stderr


def test_the_preview_shows_the_stale_outlook_warnings(tmp_path):
    from generator.outputs.pipeline import Project
    from generator.outputs.preview import Preview

    preview = Preview(Project(stale_project(tmp_path)))
    try:
        preview.rebuild()
        status = preview.status()
    finally:
        shutil.rmtree(preview.workdir, ignore_errors=True)
    assert status["builds"] == 1 and status["problems"] == []
    assert len(status["warnings"]) == 3
    assert any("the outlook is out of date" in w for w in status["warnings"])


# --- briefing diff ---------------------------------------------------------------------------


def test_briefing_diff_prints_the_changes_between_two_editions(tmp_path):
    project = two_editions(tmp_path / "p")
    result = run_briefing("diff", FIRST, SECOND, cwd=project)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "From the edition as of 3 June 2024 to the edition as of 1 July 2024: summary and "
        "background revised; 1 event added, 1 changed; 1 claim changed; 1 actor added; "
        "1 source added; 1 judgment added, 1 changed, 1 removed; outlook revised; "
        "1 outcome recorded."
    )
    assert "Events" in lines
    assert "  + New event: “The city tenders the construction” (September 2024), expected." in lines
    assert (
        "  + Outcome recorded for “The council approves the line.” (edition as of 3 June 2024): "
        "happened, 14 June 2024."
    ) in lines


def test_briefing_diff_reads_git_revisions(tmp_path):
    project = copy_project(tmp_path / "p")
    write_briefing(project / "data", first_edition())
    git("init", "-q", cwd=project)
    git("add", "data", cwd=project)
    git("commit", "-q", "-m", "First", cwd=project)
    second = second_edition()
    del second["outcomes"]  # outcomes score issued editions; none is issued here
    write_briefing(project / "data", second)
    git("commit", "-q", "-am", "Second", cwd=project)
    by_revision = run_briefing("diff", "HEAD~1", "HEAD", cwd=project)
    assert by_revision.returncode == 0, by_revision.stderr
    assert by_revision.stdout.startswith(
        "From data/ at HEAD~1 (as of 3 June 2024) to data/ at HEAD (as of 1 July 2024): "
    )
    assert "  + New actor: Councillor Bo Strand, Leads the opposition on the council." in (
        by_revision.stdout.splitlines()
    )


def test_briefing_diff_names_what_it_cannot_find(tmp_path):
    project = two_editions(tmp_path / "p")
    result = run_briefing("diff", "2024-05-01", SECOND, cwd=project)
    assert result.returncode == 2
    assert "'2024-05-01' is neither an edition nor a git revision" in result.stderr
    assert f"hint: name an edition ({FIRST}, {SECOND}), 'data', or a git revision" in (
        result.stderr
    )


# --- the site: edition pages, changes, marks, scorecard, feed --------------------------------


@pytest.mark.parametrize("part", ["", "timeline/", "outlook/", "sources/", "actors/mayor-lind/"])
def test_a_past_edition_is_readable_at_its_own_address_with_a_banner(clone, part):
    html = page(clone, f"editions/{FIRST}/{part}")
    words = text_of(html)
    assert "As of 3 June 2024" in words
    assert "An earlier edition" in words
    assert f"kept as it was, with the note “{NOTE_1}”" in words
    link = re.search(r'<a href="([^"]+)">Read the current edition, as of 1 July 2024</a>', html)
    assert link, words
    # The banner leads to the same page of the current edition.
    assert (clone / "site" / f"editions/{FIRST}" / part / link[1] / "index.html").resolve() == (
        clone / "site" / part / "index.html"
    ).resolve()


def test_a_past_edition_shows_what_it_said_then(clone):
    outlook = text_of(page(clone, f"editions/{FIRST}/outlook/"))
    assert "The council approves the line." in outlook
    assert "The city publishes the construction tender" not in outlook
    timeline = text_of(page(clone, f"editions/{FIRST}/timeline/"))
    assert "mid-June 2024: Council vote on the tram line" in timeline
    assert "Scheduled." in timeline


def test_the_current_edition_also_has_its_own_address(clone):
    words = text_of(page(clone, f"editions/{SECOND}/"))
    assert "The current edition, at its own address" in words
    assert "As of 1 July 2024" in words


def test_past_editions_are_left_out_of_search(clone):
    index = (clone / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert f"editions/{FIRST}/" not in index and f"editions/{SECOND}/" not in index
    assert '"location":"timeline/"' in index


def test_the_changes_page_lists_editions_newest_first_in_sentences(clone):
    html = page(clone, "changes/")
    words = text_of(html)
    assert words.index("Edition as of 1 July 2024") < words.index("Edition as of 3 June 2024")
    # The note is shown as typed: its tags are text, not markup.
    assert "The council approved the line &#60;b&#62;on 14 June&#60;/b&#62;" in html
    assert "<b>on 14 June" not in html
    assert (
        "Judgment “The state grants the line its funding by the end of 2024.”: likelihood "
        f"changed from unlikely (20{DASH}45%) to roughly even chance (45{DASH}55%)"
    ) in words
    assert "New actor: Councillor Bo Strand" in words
    assert re.search(
        rf'Removed judgment: .{{0,80}}<a href="\.\./editions/{FIRST}/outlook/#approved">', html
    )


@pytest.mark.parametrize(
    ("path", "marked"),
    [
        ("timeline/", "New since 3 June 2024 Expected."),
        ("timeline/", "Changed since 3 June 2024 Date changed from mid-June 2024 to 14 June 2024"),
        ("outlook/", f"Changed since 3 June 2024 Likelihood changed from unlikely (20{DASH}45%)"),
        ("outlook/", "New since 3 June 2024"),
        ("actors/opposition/", "New since 3 June 2024 Person."),
        ("actors/mayor-lind/", "Changed since 3 June 2024 Status changed from claimed to disputed"),
    ],
)
def test_new_and_changed_items_are_marked_where_they_appear(clone, path, marked):
    assert marked in text_of(page(clone, path))


def test_unchanged_items_carry_no_mark(clone):
    council = text_of(page(clone, "actors/council/"))
    assert "Organisation. Votes on the tram line" in council
    assert "3 June 2024 Organisation." not in council
    first = text_of(page(clone, f"editions/{FIRST}/timeline/"))
    assert "New since" not in first and "Changed since" not in first


def test_the_scorecard_lists_every_judgment_with_its_brier_score(clone):
    words = text_of(page(clone, "scorecard/"))
    # "likely" is 55-80%: forecast 0.675; it happened: (1 - 0.675)² = 0.105625.
    assert "Brier score: 0.106, over 1 resolved judgment" in words
    assert "0 is perfect, 0.25 is what always answering" in words
    rows = re.findall(r"<tr>(.*?)</tr>", page(clone, "scorecard/"), re.DOTALL)
    rows = [row for row in rows if "<td" in row]
    cells = [text_of(row) for row in rows]
    assert len(cells) == 4  # two judgments in each edition
    assert cells[-2] == (
        f"The council approves the line. likely (55{DASH}80%) moderate 30 June 2024 happened 0.106"
    )
    assert cells[0].endswith(f"not yet due {DASH}")
    first, second = "the edition as of 1 July 2024", "the edition as of 3 June 2024"
    assert words.index(f"Judgments of {first}") < words.index(f"Judgments of {second}")
    assert "The council voted for the line on 14 June." in words


def test_every_page_links_the_feed_from_its_head(clone):
    for path in ["", "timeline/", "changes/", f"editions/{FIRST}/outlook/"]:
        head = page(clone, path).split("</head>")[0]
        assert re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*feed\.xml', head)


def test_the_feed_is_valid_atom_with_one_entry_per_edition(clone):
    raw = (clone / "site" / "feed.xml").read_bytes()
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [e.title for e in parsed.entries] == [
        "Edition as of 1 July 2024",
        "Edition as of 3 June 2024",
    ]
    assert parsed.entries[0].summary == NOTE_2
    assert parsed.entries[0].link == f"editions/{SECOND}/"
    assert "1 outcome recorded" in parsed.entries[0].content[0].value
    # RFC 4287's required elements, strictly: id, title and updated on the feed and on every
    # entry, an author on the feed, and each entry's alternate link or content.
    feed = ElementTree.fromstring(raw)
    assert feed.tag == f"{ATOM}feed"
    for element in [feed, *feed.findall(f"{ATOM}entry")]:
        for required in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{required}")) == 1, required
        assert re.fullmatch(
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", element.findtext(f"{ATOM}updated") or ""
        )
        assert (element.findtext(f"{ATOM}id") or "").startswith("urn:uuid:")
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert len(set(ids)) == 2


def test_generating_twice_gives_the_same_bytes(tmp_path):
    from generator.outputs.pipeline import generate

    project = two_editions(tmp_path / "p")
    generate(project / "data", project / "content")
    first = {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}
    report = generate(project / "data", project / "content").report
    assert report.written == [] and report.removed == []
    assert {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()} == first
    assert (project / "content" / "feed.xml").read_bytes() in first.values()


def test_the_forecast_is_the_middle_of_each_icd_203_range():
    from generator.data.scoring import forecast

    assert {term: forecast(term) for term in LIKELIHOOD} == {
        "almost no chance": 0.03,
        "very unlikely": 0.125,
        "unlikely": 0.325,
        "roughly even chance": 0.5,
        "likely": 0.675,
        "very likely": 0.875,
        "almost certain": 0.97,
    }
    assert forecast("probable") == forecast("likely")


def test_the_brier_score_is_the_exact_mean_over_resolved_judgments(write_data, tmp_path):
    from generator.data.history import read_history
    from generator.data.scoring import scorecard

    project = copy_project(tmp_path / "p")
    write_briefing(project / "data", first_edition())
    issue(project, NOTE_1)
    files = second_edition()
    files["outcomes"].append(
        {
            "edition": FIRST,
            "judgment": "funding",
            "outcome": "cannot tell",
            "date": "2024-06-30",
            "summary": "The budget draft was not published.",
            "sources": ["radio"],
        }
    )
    write_briefing(project / "data", files)
    card = scorecard(read_history(project / "data"))
    # "approved" was likely (0.675) and happened; "funding" cannot be told and is left out.
    assert [row.state for row in card.rows] == [
        "not yet due",
        "not yet due",
        "happened",
        "cannot tell",
    ]
    assert card.brier == pytest.approx((1 - 0.675) ** 2)
    assert card.cannot_tell == 1


def test_a_connection_added_to_an_actor_is_named_in_the_changes(write_data, tmp_path):
    new_files = first_edition()
    new_files["actors"][1]["links"] = [
        {"to": "mayor-lind", "relation": "negotiates-with", "sources": ["gazette"]}
    ]
    old = read_briefing(write_data(first_edition(), tmp_path / "old"))
    new = read_briefing(write_data(new_files, tmp_path / "new"))
    [change] = diff(old, new).items
    assert change.sentence == "Actor City Council: links added: negotiates with Mayor Ada Lind."


def test_an_event_is_marked_not_held_only_once_its_time_has_passed(write_data, tmp_path):
    from generator.data import BriefingError, check_briefing

    files = first_edition()
    files["events"][0]["status"] = "not held"
    with pytest.raises(BriefingError) as refused:
        check_briefing(write_data(files, tmp_path / "early"))
    [problem] = refused.value.problems
    assert (
        problem.format()
        .splitlines()[0]
        .endswith(
            "error: events[0].status: the event is marked not held, but its date (mid-June 2024) "
            "runs past the as-of date (3 June 2024)"
        )
    )
    files["briefing"]["as_of"] = "2024-06-21"
    files["outlook"]["next_event"] = "vote"
    checked = check_briefing(write_data(files, tmp_path / "later"))
    assert checked.files.events[0].status == "not held"
