"""The words pages use for the schema's fixed values, and what each one means."""

from __future__ import annotations

from generator.data.model import LIKELIHOOD
from generator.data.rules import ESTIMATIVE_WORDS

ACTOR_KINDS = {
    "person": "People",
    "organisation": "Organisations",
    "state": "States",
    "outlet": "Outlets",
}
ACTOR_KIND_SINGULAR = {
    "person": "Person",
    "organisation": "Organisation",
    "state": "State",
    "outlet": "Outlet",
}
RELATION_WORDS = {
    "leads": "leads",
    "member-of": "is a member of",
    "part-of": "is part of",
    "works-for": "works for",
    "negotiates-with": "negotiates with",
    "proposes-to": "makes proposals to",
    "reports-on": "reports on",
}
SOURCE_KINDS = {
    "agency": "News agency",
    "newspaper": "Newspaper",
    "broadcaster": "Broadcaster",
    "state-media": "State media",
    "government": "Government",
    "data": "Data",
    "analysis": "Analysis",
    "reference": "Reference",
    "online": "Online news",
}
SOURCE_KIND_MEANINGS = {
    "agency": "A news agency's report (AP, Reuters, AFP...), often carried by other outlets.",
    "newspaper": "A newspaper or its website.",
    "broadcaster": "A television or radio broadcaster, or its website.",
    "state-media": "An outlet owned or funded by a state that sets its line.",
    "government": "A government's own publication: a statement, order, readout or notice.",
    "data": "Statistics or survey data.",
    "analysis": "Analysis by a research group, law firm or think tank.",
    "reference": "A reference work.",
    "online": "A news site that publishes only online.",
}
CLAIM_FORMS = {
    "quote": "The speaker's own words, as reported: shown in quotation marks.",
    "paraphrase": "The speaker's point in the reporter's words.",
    "characterisation": "The reporter's description of what the speaker said; not their words.",
}
# After the said text, what a reader needs to know about its words (a quote needs no label).
CLAIM_FORM_LABELS = {
    "quote": "",
    "paraphrase": "",
    "characterisation": "the source's description, not the speaker's words",
}
# Which way seeing an indicator moves its judgment: an arrow, and always the words.
DIRECTIONS = {
    "raises": "↑ raises the likelihood",
    "lowers": "↓ lowers the likelihood",
}
CLAIM_STATUSES = {
    "claimed": "Said by the actor and reported; not checked against other evidence.",
    "unconfirmed": "Reported, but no other source bears it out yet.",
    "confirmed": "Borne out by independent sources.",
    "disputed": "Contradicted by another source or party.",
}
EVENT_STATUSES = {
    "held": "It took place.",
    "scheduled": "Announced with a date by those taking part.",
    "expected": "Widely reported as coming, without a firm date.",
    "tentative": "Reported as possible; not announced.",
    "postponed": "Put off to a later date.",
    "cancelled": "Called off.",
    "not held": "Its time has passed and it did not take place; no one said it was put off or "
    "called off.",
}
CONFIDENCE_LEVELS = {
    "high": "Sound argument and consistent reporting from several good sources; few gaps.",
    "moderate": "Credibly sourced and plausible, but not corroborated enough for high.",
    "low": "Scant, questionable or fragmented information, or problematic sources.",
}


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


GLOBALS = {
    "actor_kinds": ACTOR_KINDS,
    "actor_kinds_singular": ACTOR_KIND_SINGULAR,
    "relation_words": RELATION_WORDS,
    "source_kinds": SOURCE_KINDS,
    "claim_statuses": CLAIM_STATUSES,
    "claim_forms": CLAIM_FORMS,
    "source_kind_meanings": SOURCE_KIND_MEANINGS,
    "estimative_words": sorted(ESTIMATIVE_WORDS),
    "claim_form_labels": CLAIM_FORM_LABELS,
    "directions": DIRECTIONS,
    "event_statuses": EVENT_STATUSES,
    "confidence_levels": CONFIDENCE_LEVELS,
    "likelihood_terms": LIKELIHOOD,
    "likelihood_range": likelihood_range,
    "estimate_words": estimate_words,
}
