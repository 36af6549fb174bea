"""The checker enforces analytic rigour: each rule refuses or warns on a small bad briefing,
with one located line and a hint, and stays silent on its corrected twin."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import run_briefing, small_briefing
from generator.data import BriefingError, check_briefing
from generator.data.rules import estimative_words

Files = dict[str, Any]


def outcome(write_data: Callable[..., Path], files: Files) -> tuple[list[str], list[str]]:
    """(errors, warnings) the checker reports for a briefing, each as the editor reads it."""
    try:
        checked = check_briefing(write_data(files))
    except BriefingError as err:
        problems = err.problems
    else:
        problems = checked.warnings
    errors = [p.format() for p in problems if p.is_error]
    warnings = [p.format() for p in problems if not p.is_error]
    return errors, warnings


def clean(write_data: Callable[..., Path], files: Files) -> None:
    assert outcome(write_data, files) == ([], [])


def judgment(files: Files) -> dict[str, Any]:
    return files["outlook"]["judgments"][0]


def with_indicator(**fields: str) -> Files:
    files = small_briefing()
    files["outlook"]["indicators"] = [{"text": "The mayor's party splits.", **fields}]
    return files


def test_the_small_briefing_passes_every_rule(write_data):
    clean(write_data, small_briefing())


@pytest.mark.parametrize("field", ["resolves_by", "resolves_if"])
def test_a_judgment_without_its_resolution_is_refused(write_data, field):
    files = small_briefing()
    del judgment(files)[field]
    [error], _ = outcome(write_data, files)
    assert error.splitlines()[0] == (
        f"data/outlook.yml:4:3: error: outlook.judgments[0].{field}: "
        f"required field '{field}' is missing"
    )
    assert error.splitlines()[1].startswith(f"    hint: add '{field}:' here: ")


def test_a_resolution_date_is_a_date_written_as_elsewhere(write_data):
    files = small_briefing()
    judgment(files)["resolves_by"] = "end of June"
    [error], _ = outcome(write_data, files)
    assert error.startswith(
        "data/outlook.yml:11:16: error: outlook.judgments[0].resolves_by: "
        "'end of June' is not a date"
    )
    judgment(files)["resolves_by"] = "late June 2024"
    clean(write_data, files)


@pytest.mark.parametrize(("term", "hint"), [("60%", "choose one of: "), ("probabl", "probable")])
def test_a_likelihood_outside_the_icd_203_table_is_refused(write_data, term, hint):
    files = small_briefing()
    judgment(files)["likelihood"] = term
    [error], _ = outcome(write_data, files)
    assert error.splitlines()[0] == (
        f"data/outlook.yml:6:15: error: outlook.judgments[0].likelihood: "
        f"'{term}' is not allowed here"
    )
    assert hint in error.splitlines()[1]


def test_a_scenario_likelihood_outside_the_table_is_refused(write_data):
    files = small_briefing()
    scenario = {"title": "Approved", "text": "The line is approved.", "likelihood": "maybe"}
    files["outlook"]["scenarios"] = [scenario]
    [error], _ = outcome(write_data, files)
    assert error.startswith(
        "data/outlook.yml:16:15: error: outlook.scenarios[0].likelihood: 'maybe' is not allowed"
    )
    scenario["likelihood"] = "roughly even chance"
    clean(write_data, files)


def test_at_most_three_scenarios(write_data):
    files = small_briefing()
    scenario = {"title": "A way", "text": "It goes this way.", "likelihood": "unlikely"}
    files["outlook"]["scenarios"] = [scenario] * 4
    [error], _ = outcome(write_data, files)
    assert error.splitlines() == [
        "data/outlook.yml:14:1: error: outlook.scenarios: is too long (4 entries)",
        "    hint: keep it to at most 3 entries",
    ]
    files["outlook"]["scenarios"] = [scenario] * 3
    clean(write_data, files)


@pytest.mark.parametrize(
    ("given", "missing"),
    [({"direction": "raises"}, "judgment"), ({"judgment": "approved"}, "direction")],
)
def test_an_indicator_without_judgment_or_direction_is_refused(write_data, given, missing):
    [error], _ = outcome(write_data, with_indicator(**given))
    assert error.splitlines()[0] == (
        f"data/outlook.yml:14:3: error: outlook.indicators[0].{missing}: "
        f"required field '{missing}' is missing"
    )
    assert error.splitlines()[1].startswith(f"    hint: add '{missing}")
    clean(write_data, with_indicator(judgment="approved", direction="lowers"))


def test_an_indicator_direction_is_raises_or_lowers(write_data):
    [error], _ = outcome(write_data, with_indicator(judgment="approved", direction="up"))
    assert error.splitlines() == [
        "data/outlook.yml:16:14: error: outlook.indicators[0].direction: 'up' is not allowed here",
        "    hint: choose one of: raises, lowers",
    ]


def test_a_held_event_after_the_as_of_date_is_refused(write_data):
    files = small_briefing()
    files["events"][0]["status"] = "held"
    [error], _ = outcome(write_data, files)
    assert error.splitlines() == [
        "data/events.yml:2:9: error: events[0].date: the event is marked held, but "
        "mid-June 2024 is after the as-of date (3 June 2024)",
        "    hint: an event after the as-of date has not happened yet: set its status to "
        "scheduled, expected or tentative, or correct the date",
    ]
    files["events"][0]["date"] = "early June 2024"  # may include days before the as-of date
    clean(write_data, files)


def test_estimative_words_in_a_statement_of_fact_are_warned_about(write_data):
    files = small_briefing()
    files["briefing"]["key_points"][0]["text"] = "The vote will likely be held in mid-June."
    errors, [warning] = outcome(write_data, files)
    assert errors == []
    assert warning.splitlines() == [
        "data/briefing.yml:8:9: warning: briefing.key_points[0].text: "
        "estimative word 'likely' in a statement of fact",
        "    hint: state what is known, with its source; put an estimate in a judgment "
        "(outlook.yml) or attribute it to whoever made it (claims.yml)",
    ]


def test_estimative_words_are_allowed_in_claims_judgments_the_bottom_line_and_quotes(write_data):
    files = small_briefing()
    files["briefing"]["summary"]["text"] = "The council will probably approve the line."
    files["briefing"]["key_points"][0]["text"] = 'The mayor said the vote "may slip".'
    files["claims"][0]["said"] = "The tram may be running by 2027."
    judgment(files)["basis"] = "The line is likely to pass: the mayor's party has a majority."
    files["events"][0]["title"] = "Council vote on the tram line, set for 9 May"
    clean(write_data, files)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Talks may resume; a deal is unlikely, very likely late.",
            ["may", "unlikely", "very likely"],
        ),
        (
            "An almost certainly late, highly improbable and probably expected vote.",
            ["almost certainly", "highly improbable", "probably", "expected"],
        ),
        ("Held on 9 May 2025 in May, in Mayor Lind's town; May 3 too.", []),
        ("It might happen; a remote chance; in a remote region.", ["might", "remote chance"]),
        ("May the council approve it?", ["may"]),
        ('He said it was "likely" and “probable”.', []),
    ],
)
def test_which_words_count_as_estimative(text, words):
    assert estimative_words(text) == words


def test_a_confirmed_claim_with_a_single_outlet_is_warned_about(write_data):
    files = small_briefing()
    files["claims"][0]["status"] = "confirmed"
    errors, [warning] = outcome(write_data, files)
    assert errors == []
    assert warning.splitlines() == [
        "data/claims.yml:6:11: warning: claims[0].status: "
        "the claim is marked confirmed but cites a single outlet",
        "    hint: confirmed means borne out by independent sources: cite another outlet, "
        "or set the status to claimed or unconfirmed",
    ]
    # Two reports from the same outlet are still one outlet.
    files["sources"].append({**files["sources"][0], "id": "gazette-2"})
    files["claims"][0]["sources"] = ["gazette", "gazette-2"]
    assert len(outcome(write_data, files)[1]) == 1
    files["sources"][1]["outlet"] = "Harbour Radio"
    clean(write_data, files)


def test_check_prints_warnings_and_exits_0(write_data, tmp_path: Path):
    files = small_briefing()
    files["claims"][0]["status"] = "confirmed"
    write_data(files)
    result = run_briefing("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "data/claims.yml:6:11: warning: claims[0].status: "
        "the claim is marked confirmed but cites a single outlet",
        "    hint: confirmed means borne out by independent sources: cite another outlet, "
        "or set the status to claimed or unconfirmed",
        "1 warning; the briefing is valid.",
    ]
    assert result.stdout.startswith("data: valid (")


def test_errors_and_warnings_are_reported_together_and_exit_2(write_data, tmp_path: Path):
    files = small_briefing()
    files["claims"][0]["status"] = "confirmed"
    files["events"][0]["status"] = "held"
    write_data(files)
    result = run_briefing("check", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert [ln.split(": ")[0:2] for ln in lines if not ln.startswith(" ")][:2] == [
        ["data/claims.yml:6:11", "warning"],
        ["data/events.yml:2:9", "error"],
    ]
    assert lines[-1] == "1 error and 1 warning found; nothing was changed."


def test_adding_a_rule_is_one_function(write_data, monkeypatch):
    from generator.data import rules

    monkeypatch.setattr(rules, "RULES", list(rules.RULES))

    @rules.rule
    def titles_are_short(ctx: rules.Context):
        if len(ctx.files.briefing.title) > 20:
            yield ctx.warning("briefing", ("title",), "the title is long", "shorten it")

    _, [warning] = outcome(write_data, small_briefing())
    assert warning.startswith("data/briefing.yml:1:8: warning: briefing.title: the title is long")


def test_a_bottom_line_too_long_for_the_first_screen_is_warned(write_data):
    files = small_briefing()
    summary = files["briefing"]["summary"]
    summary["text"] = " ".join(["The council met and voted on the budget."] * 13)
    errors, [warning] = outcome(write_data, files)
    assert errors == []
    first, hint = warning.splitlines()
    assert first.startswith("data/briefing.yml:")
    assert "warning: briefing.summary.text: the bottom line has 104 words" in first
    assert "at most 100 words" in hint
    summary["text"] = " ".join(["The council met and voted on the budget."] * 12)
    clean(write_data, files)


def test_more_key_judgments_than_a_first_screen_holds_are_warned(write_data):
    files = small_briefing()
    original = judgment(files)
    files["outlook"]["judgments"] = [{**original, "id": f"vote-{n}"} for n in range(6)]
    errors, [warning] = outcome(write_data, files)
    assert errors == []
    assert "warning: outlook.judgments: 6 judgments open the home page" in warning
    assert "key: true" in warning
    # Marking five of the six as key fits the first screen; marking all six does not.
    for item in files["outlook"]["judgments"][:5]:
        item["key"] = True
    clean(write_data, files)
    files["outlook"]["judgments"][5]["key"] = True
    _, [warning] = outcome(write_data, files)
    assert "6 judgments are marked key: true" in warning
