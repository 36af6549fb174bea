"""Every fixed list of words the schema allows, each defined once, with all a page needs of it.

Each vocabulary is one dict: the word an editor writes -> a record of everything the generator
says or draws for it (display words, meaning, graphic style). The model's `Literal` types, the
words on the pages and the graphics' styles all follow from these dicts, so a new value is one
new entry, and a record cannot be made without every field a consumer reads.

This module imports nothing from the generator, so a test can extend a vocabulary before the
model is built from it (see tests/test_vocabulary.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Literal, NamedTuple


class SourceKind(NamedTuple):
    label: str  # on the sources page, after the source
    meaning: str  # on the method page


class ActorKind(NamedTuple):
    heading: str  # a group of actors: "People"; also the actors map's band
    singular: str  # one actor: "Person"
    corner: int  # the actors map's box: its corner radius (people rounded, others square)


class Relation(NamedTuple):
    words: str  # between two actors' names: "is a member of"
    gist: str  # the actors map's description, where like relations share words: "belongs to"


class ClaimForm(NamedTuple):
    meaning: str  # on the method page
    label: str  # after the said text, what a reader needs to know of its words ("" for none)
    quoted: bool  # shown in quotation marks


class Direction(NamedTuple):
    words: str  # an arrow, and always the words


class ClaimStatus(NamedTuple):
    meaning: str


# How the timeline draws an event: filled, ringed, hatched or crossed out.
Mark = Literal["held", "scheduled", "expected", "off"]


class EventStatus(NamedTuple):
    meaning: str
    mark: Mark  # the timeline's mark; the legend names the statuses drawn with each


class Confidence(NamedTuple):
    meaning: str


class Likelihood(NamedTuple):
    alternative: str  # the ICD 203 table's other wording of the same range
    probability: str  # the range it stands for: "55-80%"


class OutcomeWord(NamedTuple):
    score: float | None  # what the judgment scores as (1 happened, 0 did not); None: unscored


SOURCE_KIND = {
    "agency": SourceKind(
        "News agency",
        "A news agency's report (AP, Reuters, AFP...), often carried by other outlets.",
    ),
    "newspaper": SourceKind("Newspaper", "A newspaper or its website."),
    "broadcaster": SourceKind("Broadcaster", "A television or radio broadcaster, or its website."),
    "state-media": SourceKind(
        "State media", "An outlet owned or funded by a state that sets its line."
    ),
    "government": SourceKind(
        "Government",
        "A government's own publication: a statement, order, readout or notice.",
    ),
    "data": SourceKind("Data", "Statistics or survey data."),
    "analysis": SourceKind("Analysis", "Analysis by a research group, law firm or think tank."),
    "reference": SourceKind("Reference", "A reference work."),
    "online": SourceKind("Online news", "A news site that publishes only online."),
}
ACTOR_KIND = {
    "person": ActorKind("People", "Person", 6),
    "organisation": ActorKind("Organisations", "Organisation", 1),
    "state": ActorKind("States", "State", 1),
    "outlet": ActorKind("Outlets", "Outlet", 1),
}
RELATION = {
    "leads": Relation("leads", "leads"),
    "member-of": Relation("is a member of", "belongs to"),
    "part-of": Relation("is part of", "belongs to"),
    "works-for": Relation("works for", "works for"),
    "negotiates-with": Relation("negotiates with", "negotiates with"),
    "proposes-to": Relation("makes proposals to", "makes proposals to"),
    "reports-on": Relation("reports on", "reports on"),
}
CLAIM_FORM = {
    "quote": ClaimForm("The speaker's own words, as reported: shown in quotation marks.", "", True),
    "paraphrase": ClaimForm("The speaker's point in the reporter's words.", "", False),
    "characterisation": ClaimForm(
        "The reporter's description of what the speaker said; not their words.",
        "the source's description, not the speaker's words",
        False,
    ),
}
# Which way seeing an indicator moves its judgment.
DIRECTION = {
    "raises": Direction("↑ raises the likelihood"),
    "lowers": Direction("↓ lowers the likelihood"),
}
CLAIM_STATUS = {
    "claimed": ClaimStatus("Said by the actor and reported; not checked against other evidence."),
    "unconfirmed": ClaimStatus("Reported, but no other source bears it out yet."),
    "confirmed": ClaimStatus("Borne out by independent sources."),
    "disputed": ClaimStatus("Contradicted by another source or party."),
}
EVENT_STATUS = {
    "held": EventStatus("It took place.", "held"),
    "scheduled": EventStatus("Announced with a date by those taking part.", "scheduled"),
    "expected": EventStatus("Widely reported as coming, without a firm date.", "expected"),
    "tentative": EventStatus("Reported as possible; not announced.", "expected"),
    "postponed": EventStatus("Put off to a later date.", "off"),
    "cancelled": EventStatus("Called off.", "off"),
    "not held": EventStatus(
        "Its time has passed and it did not take place; no one said it was put off or called off.",
        "off",
    ),
}
CONFIDENCE = {
    "high": Confidence(
        "Sound argument and consistent reporting from several good sources; few gaps."
    ),
    "moderate": Confidence("Credibly sourced and plausible, but not corroborated enough for high."),
    "low": Confidence("Scant, questionable or fragmented information, or problematic sources."),
}
# ICD 203: each likelihood term, its alternative, and the probability range they stand for.
LIKELIHOOD = {
    "almost no chance": Likelihood("remote", "1-5%"),
    "very unlikely": Likelihood("highly improbable", "5-20%"),
    "unlikely": Likelihood("improbable", "20-45%"),
    "roughly even chance": Likelihood("roughly even odds", "45-55%"),
    "likely": Likelihood("probable", "55-80%"),
    "very likely": Likelihood("highly probable", "80-95%"),
    "almost certain": Likelihood("nearly certain", "95-99%"),
}
# What became of a judgment once its resolution date passed.
OUTCOME = {
    "happened": OutcomeWord(1.0),
    "did not happen": OutcomeWord(0.0),
    "cannot tell": OutcomeWord(None),
}

# Every vocabulary, by the name tests and tools know it by.
VOCABULARIES: dict[str, dict[str, NamedTuple]] = {
    "source kind": SOURCE_KIND,  # type: ignore[dict-item]
    "actor kind": ACTOR_KIND,  # type: ignore[dict-item]
    "relation": RELATION,  # type: ignore[dict-item]
    "claim form": CLAIM_FORM,  # type: ignore[dict-item]
    "direction": DIRECTION,  # type: ignore[dict-item]
    "claim status": CLAIM_STATUS,  # type: ignore[dict-item]
    "event status": EVENT_STATUS,  # type: ignore[dict-item]
    "confidence": CONFIDENCE,  # type: ignore[dict-item]
    "likelihood": LIKELIHOOD,  # type: ignore[dict-item]
    "outcome": OUTCOME,  # type: ignore[dict-item]
}


def likelihood_terms() -> tuple[str, ...]:
    """Every likelihood word the schema accepts: each term of the table, then each alternative."""
    return (*LIKELIHOOD, *(term.alternative for term in LIKELIHOOD.values()))


class Words(Mapping[str, str]):
    """One field of a vocabulary's records, by value, read live from the vocabulary (so a value
    added to it is here too): `Words(EVENT_STATUS, "meaning")["held"]` is "It took place."."""

    def __init__(self, vocabulary: Mapping[str, tuple[object, ...]], field: str) -> None:
        self._vocabulary = vocabulary
        self._field = field

    def __getitem__(self, value: str) -> str:
        return str(getattr(self._vocabulary[value], self._field))

    def __iter__(self) -> Iterator[str]:
        return iter(self._vocabulary)

    def __len__(self) -> int:
        return len(self._vocabulary)


# The words pages use, one mapping per field (the templates' names for them).
ACTOR_KINDS = Words(ACTOR_KIND, "heading")
ACTOR_KIND_SINGULAR = Words(ACTOR_KIND, "singular")
RELATION_WORDS = Words(RELATION, "words")
SOURCE_KINDS = Words(SOURCE_KIND, "label")
SOURCE_KIND_MEANINGS = Words(SOURCE_KIND, "meaning")
CLAIM_FORMS = Words(CLAIM_FORM, "meaning")
CLAIM_FORM_LABELS = Words(CLAIM_FORM, "label")
DIRECTIONS = Words(DIRECTION, "words")
CLAIM_STATUSES = Words(CLAIM_STATUS, "meaning")
EVENT_STATUSES = Words(EVENT_STATUS, "meaning")
CONFIDENCE_LEVELS = Words(CONFIDENCE, "meaning")


# ICD 203 keeps likelihood words for calibrated judgments: each stands for a range of
# probability. In a statement of fact they smuggle in an estimate with no range, confidence or
# basis. Checked: every term of the ICD 203 table in both wordings, with adverb forms
# ("probably", "almost certainly"), and the unscaled hedges that say the same without a range
# ("may", "might", "expected"). Not checked: "remote" alone (a remote region) unless followed by
# chance or possibility, and "possible", which reports a status (a tentative event is "possible").
HEDGES = [
    "remote chance",
    "remote possibility",
    "almost certainly",
    "nearly certainly",
    "probably",
    "improbably",
    "may",
    "might",
    "expected",
]


def estimative_words() -> list[str]:
    """Every estimative word a statement of fact is checked for, longest first."""
    table = (word for word in likelihood_terms() if word != "remote")
    return sorted({*table, *HEDGES}, key=lambda w: (-len(w), w))


def likelihood_range(term: str) -> str:
    """The probability range an ICD 203 term stands for, whichever wording it uses."""
    for main, (alternative, probability) in LIKELIHOOD.items():
        if term in (main, alternative):
            return probability
    raise KeyError(term)


def estimate_words(likelihood: str, confidence: str, *, start: bool = False) -> str:
    """A judgment's likelihood and confidence as one phrase a reader reads at once:
    'roughly even chance (45 to 55%), low confidence', capitalised to start a sentence."""
    span = likelihood_range(likelihood).replace("-", "\u2013")
    words = f"{likelihood} ({span}), {confidence} confidence"
    return words[:1].upper() + words[1:] if start else words


def in_words(values: list[str]) -> str:
    """A list in running text: 'a', 'a or b', 'a, b or c'."""
    return " or ".join(filter(None, [", ".join(values[:-1]), values[-1]])) if values else ""


def template_globals() -> dict[str, object]:
    """The vocabularies as the templates know them."""
    return {
        "actor_kinds": ACTOR_KINDS,
        "actor_kinds_singular": ACTOR_KIND_SINGULAR,
        "relation_words": RELATION_WORDS,
        "source_kinds": SOURCE_KINDS,
        "claim_statuses": CLAIM_STATUSES,
        "claim_forms": CLAIM_FORMS,
        "source_kind_meanings": SOURCE_KIND_MEANINGS,
        "estimative_words": sorted(estimative_words()),
        "claim_form_labels": CLAIM_FORM_LABELS,
        "claim_form": CLAIM_FORM,
        "directions": DIRECTIONS,
        "event_statuses": EVENT_STATUSES,
        "confidence_levels": CONFIDENCE_LEVELS,
        "likelihood_terms": LIKELIHOOD,
        "likelihood_range": likelihood_range,
        "estimate_words": estimate_words,
    }
