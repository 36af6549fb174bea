"""One definition per vocabulary (generator/data/vocabulary.py): the model's literals, the words
on the pages and the graphics' styles follow from it, so a value added there cannot crash a
build."""

from __future__ import annotations

import copy
import html
import os
import subprocess
import sys
from typing import Any, get_args

from conftest import copy_project, dump, small_briefing
from generator.data import model, vocabulary

FIRST, SECOND = "2024-06-03", "2024-07-01"


def test_the_models_literals_are_the_vocabularies():
    fields = {
        "source kind": model.SourceKind,
        "actor kind": model.ActorKind,
        "relation": model.Relation,
        "claim form": model.ClaimForm,
        "direction": model.Direction,
        "claim status": model.ClaimStatus,
        "event status": model.EventStatus,
        "confidence": model.Confidence,
        "outcome": model.OutcomeWord,
    }
    assert set(fields) | {"likelihood"} == set(vocabulary.VOCABULARIES)
    for name, literal in fields.items():
        assert get_args(literal) == tuple(vocabulary.VOCABULARIES[name]), name
    assert set(get_args(model.Likelihood)) == {
        word
        for term, (alternative, _) in vocabulary.LIKELIHOOD.items()
        for word in (term, alternative)
    }


def test_a_value_cannot_be_added_without_everything_its_consumers_read():
    # Each vocabulary's records are of one type whose fields all must be given.
    for name, terms in vocabulary.VOCABULARIES.items():
        kinds = {type(term) for term in terms.values()}
        assert len(kinds) == 1, name
        (kind,) = kinds
        assert kind._fields and not kind._field_defaults, name  # type: ignore[attr-defined]


# Run in a fresh interpreter: the vocabulary module is loaded and extended with one value in
# every vocabulary *before* the rest of the generator is imported (the model is built from it),
# then the real `briefing build` runs on a project that uses every new value.
EXTEND = """
import importlib.util, sys
import generator
spec = importlib.util.spec_from_file_location(
    "generator.data.vocabulary", generator.__path__[0] + "/data/vocabulary.py"
)
v = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = v
spec.loader.exec_module(v)
v.SOURCE_KIND["podcast"] = v.SourceKind("Podcast", "An audio programme published online.")
v.ACTOR_KIND["company"] = v.ActorKind("Companies", "Company", 3)
v.RELATION["bids-for"] = v.Relation("bids for work from", "bids for work from")
v.CLAIM_FORM["summary"] = v.ClaimForm("A summary of a speech.", "summarised by the outlet", False)
v.DIRECTION["settles"] = v.Direction("= settles the judgment")
v.CLAIM_STATUS["retracted"] = v.ClaimStatus("Withdrawn by the one who said it.")
v.EVENT_STATUS["rumoured"] = v.EventStatus("Talked of, with no source on the record.", "expected")
v.EVENT_STATUS["abandoned"] = v.EventStatus("Given up for good.", "off")
v.CONFIDENCE["very low"] = v.Confidence("Next to no reporting to go on.")
v.LIKELIHOOD["fair chance"] = v.Likelihood("fair odds", "40-60%")
v.OUTCOME["partly happened"] = v.OutcomeWord(0.5)
from generator.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _uses_every_new_value(files: dict[str, Any]) -> dict[str, Any]:
    files = copy.deepcopy(files)
    files["sources"].append(
        {
            "id": "harbour-talk",
            "outlet": "Harbour Talk",
            "title": "Who will build the tram?",
            "date": "2024-05-31",
            "kind": "podcast",
        }
    )
    files["actors"].append(
        {
            "id": "tramco",
            "name": "Tramco",
            "kind": "company",
            "role": "Builds tram lines",
            "sources": ["harbour-talk"],
            "links": [{"to": "council", "relation": "bids-for", "sources": ["harbour-talk"]}],
        }
    )
    files["events"] += [
        {
            "id": "tender-talk",
            "date": "August 2024",
            "title": "A tender for the line",
            "status": "rumoured",
            "actors": ["tramco"],
            "sources": ["harbour-talk"],
        },
        {
            "id": "old-plan",
            "date": "2023",
            "title": "The first tram plan",
            "status": "abandoned",
            "actors": ["council"],
            "sources": ["gazette"],
        },
    ]
    files["claims"].append(
        {
            "id": "tramco-ready",
            "by": "tramco",
            "date": "2024-05-31",
            "said": "Tramco stands ready to build the line.",
            "form": "summary",
            "status": "retracted",
            "events": ["tender-talk"],
            "sources": ["harbour-talk"],
        }
    )
    outlook = files["outlook"]
    outlook["judgments"][0].update(likelihood="fair chance", confidence="very low")
    outlook["indicators"] = [
        {
            "text": "The council's minutes are published.",
            "judgment": "approved",
            "direction": "settles",
        }
    ]
    return files


def test_a_value_added_to_every_vocabulary_builds_and_shows(tmp_path):
    project = copy_project(tmp_path / "project")
    first = _uses_every_new_value(small_briefing())
    snapshot = project / "editions" / FIRST
    for name, value in first.items():
        dump(snapshot / "data" / f"{name}.yml", value)
    dump(snapshot / "edition.yml", {"note": "First"})
    current = copy.deepcopy(first)
    current["briefing"]["as_of"] = SECOND
    current["outcomes"] = [
        {
            "edition": FIRST,
            "judgment": "approved",
            "outcome": "partly happened",
            "date": "2024-06-14",
            "summary": "The council approved half of the line.",
            "sources": ["gazette"],
        }
    ]
    for name, value in current.items():
        dump(project / "data" / f"{name}.yml", value)
    built = subprocess.run(
        [sys.executable, "-c", EXTEND, "build", "--no-pdf"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert built.returncode == 0, built.stderr
    site = project / "site"

    def page(path: str) -> str:
        return html.unescape((site / path / "index.html").read_text(encoding="utf-8"))

    method = page("method")
    for meaning in (
        "An audio programme published online.",
        "A summary of a speech.",
        "Withdrawn by the one who said it.",
        "Talked of, with no source on the record.",
        "Next to no reporting to go on.",
        "fair odds",
    ):
        assert meaning in method, meaning
    assert "Podcast" in page("sources")
    actors = page("actors")
    assert "Companies" in actors and "bids for work from" in actors
    assert "Company." in page("actors/tramco")
    timeline = page("timeline")
    # The legend names the new statuses with the marks they share.
    assert "Expected, tentative or rumoured" in timeline
    assert "Postponed, cancelled, not held or abandoned" in timeline
    assert "rumoured: A tender for the line" in timeline
    outlook = page("outlook")
    assert "Fair chance (40\N{EN DASH}60%), very low confidence" in outlook
    assert "= settles the judgment" in outlook
    assert "summarised by the outlet" in page("actors/tramco")
    scorecard = page("scorecard")
    assert "Partly happened" in scorecard
    assert "0.000" in scorecard  # the forecast, 0.5, against an outcome scored 0.5
