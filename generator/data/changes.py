"""What changed between two states of a briefing: a semantic diff by id, told in sentences.

Items with an id (events, claims, actors, sources, judgments, outcomes) are matched by id, so
a reworded event is "changed", not "removed and added". Lists without ids (key points,
indicators, open questions) are matched by their text. Field changes are phrased generically
from the schema, so a new field is reported without a change here. Editors' notes
(`editor_note`) are never compared: they are not for readers.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from generator.data.dates import PartialDate
from generator.data.model import Files
from generator.data.vocabulary import RELATION_WORDS, likelihood_range

Action = Literal["added", "changed", "removed"]
# Fields never compared: the id matches items; editors' notes are never published.
_SKIPPED = {"id", "editor_note"}
# Fields whose values are words of the schema's vocabulary, shown without quotation marks.
_VOCABULARY = {"status", "kind", "confidence", "relation", "form", "outcome", "direction"}
# Readers' words for field names that are not words on their own.
_LABELS = {
    "as_of": "as-of date",
    "by": "speaker",
    "via": "outlet",
    "said": "wording",
    "quote": "quotation",
    "other_dates": "other reported dates",
    "resolves_by": "resolution date",
    "resolves_if": "resolution test",
    "next_event": "next event",
    "url": "address",
}
# Parts without ids are counted as a whole.
_REVISED = {"briefing": "summary and background revised", "outlook": "outlook revised"}
# Where the usual verb does not fit the kind.
_VERBS = {("outcome", "added"): "recorded", ("outcome", "changed"): "revised"}
# Ranges are printed with an en dash, as on the pages.
DASH = "\N{EN DASH}"
# More entries than this added to or removed from a list are counted, not named.
MANY = 4
# Text this long or longer is "revised", not quoted in full before and after.
SHORT = 90


@dataclass(frozen=True)
class Change:
    """One item added, changed or removed, as a sentence, with the field changes behind it."""

    kind: str  # event, claim, actor, source, judgment, outcome, briefing, outlook
    id: str  # the item's id; "" for parts of the briefing without one
    action: Action
    sentence: str
    details: tuple[str, ...] = ()

    @property
    def what(self) -> str:
        """The field changes as one sentence: 'Status changed from tentative to held.'"""
        text = "; ".join(self.details)
        return f"{text[:1].upper()}{text[1:]}." if text else ""


# The kinds in the order a reader meets them, with their headings.
KINDS = {
    "briefing": "The briefing",
    "event": "Events",
    "claim": "Claims",
    "actor": "Actors",
    "source": "Sources",
    "judgment": "Judgments",
    "outlook": "The outlook",
    "outcome": "Outcomes of earlier judgments",
}


@dataclass(frozen=True)
class Changes:
    """Everything that changed from one state of a briefing to another, grouped by kind."""

    old_as_of: PartialDate
    new_as_of: PartialDate
    items: list[Change] = field(default_factory=list)

    def by_kind(self) -> list[tuple[str, list[Change]]]:
        """(heading, changes) for each kind that has any, in reading order."""
        return [
            (heading, found)
            for kind, heading in KINDS.items()
            if (found := [c for c in self.items if c.kind == kind])
        ]

    def summary(self) -> str:
        """The counts in a line: '12 events added, 1 changed; 3 sources added'."""
        counts = Counter((c.kind, c.action) for c in self.items)
        parts = []
        for kind in KINDS:
            numbers = [
                (counts[kind, a], a) for a in ("added", "changed", "removed") if counts[kind, a]
            ]
            if not numbers:
                continue
            if kind in _REVISED:
                parts.append(_REVISED[kind])
                continue
            numbers = [(n, _VERBS.get((kind, a), a)) for n, a in numbers]
            first, action = numbers[0]
            noun = kind if first == 1 else f"{kind}s"
            parts.append(f"{first} {noun} {action}" + "".join(f", {n} {a}" for n, a in numbers[1:]))
        return "; ".join(parts) if parts else "no changes"

    def marks(self) -> dict[str, Change]:
        """{'kind:id': change} for every item added or changed: what pages mark as new."""
        return {f"{c.kind}:{c.id}": c for c in self.items if c.id and c.action != "removed"}


def diff(
    old: Files, new: Files, judged: Mapping[tuple[dt.date, str], str] | None = None
) -> Changes:
    """What changed from `old` to `new`, item by item.

    `judged` gives the statements of earlier editions' judgments, {(as-of, id): statement}, to
    name the judgments whose outcomes were recorded.
    """
    names = _Names(old, new)
    items = [
        *_briefing(old, new),
        *_by_id("event", old.events, new.events, names, _event_label, _event_added),
        *_by_id("claim", old.claims, new.claims, names, names.claim, _claim_added(names)),
        *_by_id("actor", old.actors, new.actors, names, _actor_label, _actor_added),
        *_by_id("source", old.sources, new.sources, names, _source_label, _source_added),
        *_by_id(
            "judgment",
            old.outlook.judgments,
            new.outlook.judgments,
            names,
            _judgment_label,
            _judgment_added,
        ),
        *_outlook(old, new, names),
        *_outcomes(old, new, judged or {}),
    ]
    return Changes(old.briefing.as_of, new.briefing.as_of, items)


# --- naming things in sentences ----------------------------------------------------------


def shorten(text: str, limit: int = SHORT) -> str:
    """Text cut at a word before `limit` characters, with an ellipsis when cut."""
    plain = " ".join(text.split())
    if len(plain) <= limit:
        return plain
    return plain[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def full_stop(text: str) -> str:
    """Text closed with a full stop, unless it already ends a sentence: never '.”.'."""
    ends = (".", "?", "!", "…")
    closed = text.endswith(ends) or (text.endswith("”") and text[:-1].endswith(ends))
    return text if closed else f"{text}."


def quoted(text: str, limit: int = SHORT) -> str:
    """Text in quotation marks, shortened."""
    return f"“{shorten(text, limit)}”"


class _Names:
    """Readers' names for ids, looked up in the newer state first, then the older."""

    def __init__(self, old: Files, new: Files) -> None:
        self.names: dict[str, dict[str, str]] = {"actors": {}, "sources": {}, "events": {}}
        for files in (old, new):
            self.names["actors"].update({a.id: a.name for a in files.actors})
            self.names["sources"].update({s.id: s.outlet for s in files.sources})
            self.names["events"].update({e.id: f"“{shorten(e.title)}”" for e in files.events})

    def of(self, field_name: str, ident: str) -> str:
        table = self.names.get(field_name, {})
        if field_name in {"by", "via", "to"}:
            table = self.names["actors"]
        return table.get(ident, ident)

    def link(self, link: Any) -> str:
        """A connection in words: 'negotiates with Steve Witkoff'."""
        return f"{RELATION_WORDS.get(link.relation, link.relation)} {self.of('to', link.to)}"

    def claim(self, claim: Any) -> str:
        return f"{self.of('by', claim.by)}, {claim.date}, {quoted(claim.said, 70)}"


def _event_label(event: Any) -> str:
    return f"{quoted(event.title)} ({event.date})"


def _event_added(event: Any) -> str:
    return f"New event: {_event_label(event)}, {event.status}."


def _claim_added(names: _Names) -> Callable[[Any], str]:
    def sentence(claim: Any) -> str:
        return (
            f"New claim by {names.of('by', claim.by)}, {claim.date}: "
            f"{quoted(claim.said)} ({claim.status})."
        )

    return sentence


def _actor_label(actor: Any) -> str:
    return str(actor.name)


def _actor_added(actor: Any) -> str:
    return f"New actor: {actor.name}, {shorten(actor.role)}."


def _source_label(source: Any) -> str:
    title = f", {quoted(source.title, 70)}" if source.title else ""
    return f"{source.outlet}{title}"


def _source_added(source: Any) -> str:
    date = f" ({source.date})" if source.date else ""
    return f"New source: {_source_label(source)}{date}."


def _likelihood(term: str) -> str:
    return f"{term} ({likelihood_range(term).replace('-', DASH)})"


def _judgment_label(judgment: Any) -> str:
    return quoted(judgment.statement, 160)


def _judgment_added(judgment: Any) -> str:
    return (
        f"New judgment: {_judgment_label(judgment)} Likelihood: "
        f"{_likelihood(judgment.likelihood)}. Confidence: {judgment.confidence}."
    )


# --- comparing fields ----------------------------------------------------------------------


def _label(name: str) -> str:
    return _LABELS.get(name, name.replace("_", " "))


def _shown(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name == "likelihood":
        return _likelihood(value)
    if name in _VOCABULARY or isinstance(value, (PartialDate, int, float)):
        return str(value)
    return quoted(str(value))


def _is_short(value: Any) -> bool:
    return not isinstance(value, str) or len(" ".join(value.split())) < SHORT


def field_changes(old: BaseModel, new: BaseModel, names: _Names) -> list[str]:
    """Each field that differs, in words: 'status changed from tentative to held'."""
    found = []
    for name in type(new).model_fields:
        if name in _SKIPPED:
            continue
        before, after = getattr(old, name, None), getattr(new, name, None)
        if _plain(before) == _plain(after):
            continue
        found.append(_field_change(name, before, after, names))
    return found


def _plain(value: Any) -> Any:
    """A value with editors' notes left out, to compare what readers see."""
    if isinstance(value, BaseModel):
        return {k: _plain(getattr(value, k)) for k in type(value).model_fields if k not in _SKIPPED}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _field_change(name: str, before: Any, after: Any, names: _Names) -> str:
    label = _label(name)
    if before is None:
        shown = f": {_shown(name, after)}" if _is_short(after) and _scalar(after) else ""
        return f"{label} added{shown}"
    if after is None or after == []:
        return f"{label} removed"
    if isinstance(after, list) and all(isinstance(v, str) for v in [*before, *after]):
        added = [names.of(name, v) for v in after if v not in before]
        removed = [names.of(name, v) for v in before if v not in after]
        return _listed(label, added, removed)
    if isinstance(after, list) and all(_is_link(v) for v in [*before, *after]):
        was, now = [_plain(v) for v in before], [_plain(v) for v in after]
        added = [names.link(v) for v, p in zip(after, now, strict=True) if p not in was]
        removed = [names.link(v) for v, p in zip(before, was, strict=True) if p not in now]
        return _listed(label, added, removed)
    if _scalar(after) and _is_short(before) and _is_short(after):
        if name in {"by", "via", "to", "next_event"}:
            return f"{label} changed from {names.of(name, before)} to {names.of(name, after)}"
        return f"{label} changed from {_shown(name, before)} to {_shown(name, after)}"
    return f"{label} revised"


def _listed(label: str, added: list[str], removed: list[str]) -> str:
    """Entries added to and removed from a list, by name; counted when there are many."""
    if len(added) + len(removed) > MANY:
        counts = [
            f"{len(added)} added" if added else "",
            f"{len(removed)} removed" if removed else "",
        ]
        return f"{label}: {', '.join(c for c in counts if c)}"
    words = [
        f"{label} {verb}: {', '.join(_counted(found))}"
        for verb, found in (("added", added), ("removed", removed))
        if found
    ]
    return "; ".join(words) or f"{label} reordered"


def _counted(names: list[str]) -> list[str]:
    """Names once each, in order, with how many times a repeated one appears: 'TASS (2)'."""
    seen = Counter(names)
    return [f"{n} ({seen[n]})" if seen[n] > 1 else n for n in dict.fromkeys(names)]


def _is_link(value: Any) -> bool:
    return isinstance(value, BaseModel) and hasattr(value, "to") and hasattr(value, "relation")


def _scalar(value: Any) -> bool:
    return isinstance(value, (str, bool, int, float, PartialDate))


def _by_id(
    kind: str,
    old: Sequence[Any],
    new: Sequence[Any],
    names: _Names,
    label: Callable[[Any], str],
    added: Callable[[Any], str],
) -> Iterator[Change]:
    before = {item.id: item for item in old}
    after = {item.id: item for item in new}
    for item in new:
        if item.id not in before:
            yield Change(kind, item.id, "added", added(item))
    for item in new:
        if item.id in before and (details := field_changes(before[item.id], item, names)):
            sentence = f"{kind.capitalize()} {label(item)}: {'; '.join(details)}."
            yield Change(kind, item.id, "changed", sentence, tuple(details))
    for item in old:
        if item.id not in after:
            yield Change(kind, item.id, "removed", full_stop(f"Removed {kind}: {label(item)}"))


def _by_text(
    kind: str, noun: str, old: Sequence[str], new: Sequence[str], limit: int = SHORT
) -> Iterator[Change]:
    for text in new:
        if text not in old:
            yield Change(kind, "", "added", full_stop(f"{noun} added: {quoted(text, limit)}"))
    for text in old:
        if text not in new:
            yield Change(kind, "", "removed", full_stop(f"{noun} removed: {quoted(text, limit)}"))


def _briefing(old: Files, new: Files) -> Iterator[Change]:
    before, after = old.briefing, new.briefing
    for name in ("title", "subtitle"):
        was, now = getattr(before, name), getattr(after, name)
        if was != now:
            words = f"changed from {quoted(was)} to {quoted(now)}" if was and now else "revised"
            yield Change("briefing", "", "changed", f"The {name} {words}.")
    if _plain(before.summary) != _plain(after.summary):
        yield Change("briefing", "", "changed", "The bottom line was rewritten.")
    yield from _by_text(
        "briefing",
        "Key point",
        [p.text for p in before.key_points],
        [p.text for p in after.key_points],
        140,
    )
    numbers = {n.label: n for n in before.key_numbers}
    for number in after.key_numbers:
        was = numbers.get(number.label)
        if was is None:
            said = full_stop(f"Key number added: {number.value}, {shorten(number.label)}")
            yield Change("briefing", "", "added", said)
        elif was.value != number.value:
            sentence = f"Key number {quoted(number.label)}: from {was.value} to {number.value}."
            yield Change("briefing", "", "changed", sentence)
    kept = {n.label for n in after.key_numbers}
    for number in before.key_numbers:
        if number.label not in kept:
            said = full_stop(f"Key number removed: {number.value}, {shorten(number.label)}")
            yield Change("briefing", "", "removed", said)
    sections = {s.heading: s for s in before.background}
    for section in after.background:
        was = sections.get(section.heading)
        if was is None:
            yield Change("briefing", "", "added", f"New background: {quoted(section.heading)}.")
        elif _plain(was) != _plain(section):
            yield Change(
                "briefing", "", "changed", f"Background revised: {quoted(section.heading)}."
            )
    headings = {s.heading for s in after.background}
    for section in before.background:
        if section.heading not in headings:
            yield Change(
                "briefing", "", "removed", f"Background removed: {quoted(section.heading)}."
            )


def _outlook(old: Files, new: Files, names: _Names) -> Iterator[Change]:
    before, after = old.outlook, new.outlook
    if before.next_event != after.next_event:
        sentence = (
            f"The outlook now looks ahead to {names.of('events', after.next_event)} "
            f"instead of {names.of('events', before.next_event)}."
        )
        yield Change("outlook", "", "changed", sentence)
    if before.question != after.question:
        yield Change("outlook", "", "changed", f"New question: {quoted(after.question, 200)}")
    yield from _by_text(
        "outlook",
        "Indicator",
        [i.text for i in before.indicators],
        [i.text for i in after.indicators],
    )
    yield from _by_text(
        "outlook",
        "Open question",
        [q.text for q in before.open_questions],
        [q.text for q in after.open_questions],
    )
    yield from _by_text(
        "outlook",
        "Scenario",
        [_first_text(s) for s in getattr(before, "scenarios", [])],
        [_first_text(s) for s in getattr(after, "scenarios", [])],
    )


def _first_text(item: BaseModel) -> str:
    """The name a list item without an id goes by: its title, name or text."""
    for name in ("title", "name", "text"):
        if isinstance(value := getattr(item, name, None), str):
            return value
    return str(item)


def _outcomes(
    old: Files, new: Files, judged: Mapping[tuple[dt.date, str], str]
) -> Iterator[Change]:
    before = {(o.edition, o.judgment): o for o in old.outcomes}
    for outcome in new.outcomes:
        key = (outcome.edition, outcome.judgment)
        was = before.get(key)
        if was is None or was.outcome != outcome.outcome:
            statement = judged.get((outcome.edition.start, outcome.judgment), outcome.judgment)
            verb = "Outcome recorded" if was is None else "Outcome revised"
            sentence = (
                f"{verb} for {quoted(statement, 160)} (edition as of {outcome.edition}): "
                f"{outcome.outcome}, {outcome.date}."
            )
            yield Change("outcome", "", "added" if was is None else "changed", sentence)
