"""Readers see what is meant for readers: judgments in words, indicators under their judgment,
sources that say plainly when they have no address."""

from __future__ import annotations

import re

import pytest

from conftest import SEED_DATA
from generator.data.validation import read_briefing
from generator.data.views import Views, derive
from generator.data.vocabulary import estimate_words
from generator.pages.rendering import pages


@pytest.fixture(scope="module")
def seed() -> Views:
    return derive(read_briefing(SEED_DATA))


@pytest.fixture(scope="module")
def rendered(seed: Views) -> dict[str, str]:
    return pages(seed)


def test_likelihood_and_confidence_read_as_one_phrase():
    assert (
        estimate_words("roughly even chance", "low")
        == "roughly even chance (45\u201355%), low confidence"
    )
    assert estimate_words("likely", "moderate", start=True) == (
        "Likely (55\u201380%), moderate confidence"
    )


def test_every_judgment_states_its_estimate_as_a_phrase_not_a_table(seed, rendered):
    for page in ("outlook.md", "index.md", "print.md"):
        markdown = rendered[page]
        assert "| Likelihood | Confidence |" not in markdown, page
        for judgment in seed.files.outlook.judgments:
            phrase = estimate_words(judgment.likelihood, judgment.confidence, start=True)
            assert f"**{phrase}.**" in markdown, (page, judgment.id)


def test_indicators_sit_under_their_judgment_without_repeating_its_text(seed, rendered):
    outlook = rendered["outlook.md"]
    sections = re.split(r"^### ", outlook, flags=re.MULTILINE)[1:]
    by_anchor = {re.search(r"\{: #([\w-]+) \}", s)[1]: s for s in sections}  # type: ignore[index]
    indicators = seed.files.outlook.indicators
    assert len({i.judgment for i in indicators}) > 1
    for indicator in indicators:
        own = by_anchor[indicator.judgment].split("## ", 1)[0]
        assert f"- {indicator.text}".replace("'", "&#39;") in own, indicator.text
        assert f"{indicator.direction} the likelihood" in own.split(indicator.text, 1)[1]
    for judgment in seed.files.outlook.judgments:
        assert outlook.count(judgment.statement.replace("'", "&#39;")) == 1, judgment.id


def test_a_source_without_an_address_says_so_plainly(seed, rendered):
    entries = [line for line in rendered["sources.md"].splitlines() if '<span id="src-' in line]
    assert len(entries) == len(seed.files.sources)
    for source, entry in zip(seed.files.sources, entries, strict=True):
        if source.url:
            assert "No web address recorded." not in entry, source.id
        else:
            assert "No web address recorded." in entry, source.id


def test_the_printed_cover_promises_addresses_only_where_there_are_some(seed, rendered):
    online = sum(1 for s in seed.files.sources if s.url)
    assert 0 < online < len(seed.files.sources)
    cover = rendered["print.md"].split("## Contents", 1)[0]
    assert "with their web addresses" not in cover
    assert f"{online} of them with a web address" in cover
