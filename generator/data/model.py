"""The briefing's schema: what an editor may write in data/, as typed, immutable models."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from generator.data import vocabulary
from generator.data.dates import DateError, PartialDate, parse_date
from generator.data.loading import Unquoted


def _date(value: Any) -> PartialDate:
    try:
        # A year written alone (`2025`) comes as typed; it is read as a date like any text.
        return parse_date(value.typed if isinstance(value, Unquoted) else value)
    except DateError as err:
        raise PydanticCustomError("bad_date", str(err), {"hint": err.hint}) from None


def _url(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("bad_url", "expected a web address", {"hint": "put it in quotes"})
    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError as err:  # e.g. an unclosed '[' around an IPv6 host
        raise PydanticCustomError(
            "bad_url",
            f"the address cannot be read: {err}",
            {"hint": "copy the address again from the browser's address bar"},
        ) from None
    scheme = parts.scheme.lower()
    if not scheme or "." in scheme:
        raise PydanticCustomError(
            "bad_url",
            "the address does not start with https:// (or http://, mailto:)",
            {"hint": "write the full address, like https://example.org/page"},
        )
    if scheme not in {"http", "https", "mailto"}:
        raise PydanticCustomError(
            "bad_url",
            f"'{scheme[:20]}:' addresses are not allowed; only http, https and mailto",
            {"hint": "link to a web page (https://...) or an email address (mailto:...)"},
        )
    if scheme != "mailto" and not parts.netloc:
        raise PydanticCustomError(
            "bad_url", "the address has no host", {"hint": "write it like https://example.org/page"}
        )
    if any(ch.isspace() or ord(ch) < 32 for ch in text):
        raise PydanticCustomError(
            "bad_url", "the address contains spaces", {"hint": "encode spaces as %20"}
        )
    return text


Date = Annotated[PartialDate, BeforeValidator(_date)]
Url = Annotated[str, BeforeValidator(_url)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60)]
Ids = Annotated[list[Id], Field(min_length=1)]

# The fixed words each field allows: one per vocabulary, each defined (with what pages say
# and draw for it) in generator/data/vocabulary.py. Type checkers see plain text.
if TYPE_CHECKING:
    SourceKind = str
    ActorKind = str
    Relation = str
    EventStatus = str
    ClaimStatus = str
    ClaimForm = str
    Direction = str
    Confidence = str
    Likelihood = str
    OutcomeWord = str
else:
    SourceKind = Literal[tuple(vocabulary.SOURCE_KIND)]
    ActorKind = Literal[tuple(vocabulary.ACTOR_KIND)]
    Relation = Literal[tuple(vocabulary.RELATION)]
    EventStatus = Literal[tuple(vocabulary.EVENT_STATUS)]
    ClaimStatus = Literal[tuple(vocabulary.CLAIM_STATUS)]
    # How close `said` is to the speaker's words: their own words, the reporter's paraphrase,
    # or the reporter's description of what they said.
    ClaimForm = Literal[tuple(vocabulary.CLAIM_FORM)]
    Direction = Literal[tuple(vocabulary.DIRECTION)]
    Confidence = Literal[tuple(vocabulary.CONFIDENCE)]
    # ICD 203: each likelihood term, or its alternative wording.
    Likelihood = Literal[vocabulary.likelihood_terms()]
    # What became of a judgment once its resolution date passed.
    OutcomeWord = Literal[tuple(vocabulary.OUTCOME)]
LIKELIHOOD = vocabulary.LIKELIHOOD


class Strict(BaseModel):
    """Every model forbids unknown fields (so typos are caught) and is immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Item(Strict):
    """Anything an editor writes; each may carry an editors' note that readers never see."""

    # Working notes for the editors (what to check, where a figure came from): no page, print,
    # PDF or search index ever shows them; `note` fields are the ones meant for readers.
    editor_note: Text | None = None


class Sourced(Item):
    """A statement of fact with the sources it rests on."""

    text: Text
    sources: Ids


class Section(Item):
    heading: Text
    paragraphs: Annotated[list[Sourced], Field(min_length=1)]


class KeyNumber(Item):
    value: Text
    label: Text
    sources: Ids


class Meta(Item):
    """briefing.yml: the title page, the bottom line, the key points and the background."""

    title: Text
    subtitle: Text | None = None
    as_of: Date
    description: Text | None = None
    summary: Sourced
    key_points: Annotated[list[Sourced], Field(min_length=1)]
    key_numbers: list[KeyNumber] = []
    background: list[Section] = []


class Source(Item):
    id: Id
    outlet: Text
    title: Text | None = None
    date: Date | None = None
    url: Url | None = None
    kind: SourceKind
    # A short public characterisation of the outlet, for readers: "pro-government daily".
    description: Text | None = None
    note: Text | None = None


class Link(Item):
    to: Id
    relation: Relation
    sources: Ids


class Actor(Item):
    id: Id
    name: Text
    kind: ActorKind
    role: Text
    position: Sourced | None = None
    links: list[Link] = []
    sources: Ids


class DateReport(Item):
    """Another date some sources give for the same event."""

    date: Date
    sources: Ids
    note: Text | None = None


class Event(Item):
    id: Id
    date: Date
    title: Text
    summary: Text | None = None
    place: Text | None = None
    status: EventStatus
    actors: list[Id] = []
    sources: Ids
    other_dates: list[DateReport] = []


class Claim(Item):
    """Something an actor said, attributed: who, through which outlet, when, and its status."""

    id: Id
    by: Id
    date: Date
    said: Text
    form: ClaimForm = "paraphrase"
    via: Id | None = None
    status: ClaimStatus
    events: list[Id] = []
    note: Text | None = None
    sources: Ids


class Hypothesis(Item):
    """One competing explanation a judgment weighs, and what would show it to be the right one."""

    text: Text
    tell: Text
    sources: list[Id] = []


class Judgment(Item):
    """An estimate of one event, written to be scored: by when, and by what observable test."""

    id: Id
    statement: Text
    likelihood: Likelihood
    confidence: Confidence
    basis: Text
    resolves_by: Date
    resolves_if: Text
    hypotheses: list[Hypothesis] = []
    # A key judgment opens the home page; with none marked, every judgment does.
    key: bool = False
    sources: Ids


class Scenario(Item):
    """One way the story could go, with its likelihood in the ICD 203 words."""

    title: Text
    text: Text
    likelihood: Likelihood
    sources: list[Id] = []


class Indicator(Item):
    """A sign to watch for, the judgment it bears on, and which way seeing it moves it."""

    text: Text
    judgment: Id
    direction: Direction


class Question(Item):
    text: Text
    sources: list[Id] = []


class Outlook(Item):
    """outlook.yml: analysis of the next event; every part of it is judgment, not fact."""

    next_event: Id
    question: Text
    judgments: Annotated[list[Judgment], Field(min_length=1)]
    scenarios: Annotated[list[Scenario], Field(max_length=3)] = []
    indicators: list[Indicator] = []
    open_questions: list[Question] = []


class Outcome(Item):
    """outcomes.yml: how a judgment of an earlier edition turned out, with its sources.

    Outcomes live in the current data, keyed by the edition (its as-of date) and the judgment's
    id: the earlier edition's snapshot stays as it was issued.
    """

    edition: Date
    judgment: Id
    outcome: OutcomeWord
    date: Date
    summary: Text
    note: Text | None = None
    sources: Ids


class Files(Strict):
    """Every data file, by its name without '.yml'."""

    briefing: Meta
    sources: Annotated[list[Source], Field(min_length=1)]
    actors: list[Actor]
    events: list[Event]
    claims: list[Claim] = []
    outlook: Outlook
    outcomes: list[Outcome] = []
