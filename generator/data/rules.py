"""Rules of analytic rigour, checked once the data fits the schema: each rule is one function.

A rule takes the `Context` and yields problems made with `ctx.warning(...)` or `ctx.error(...)`:
a warning is shown by `briefing check`, the build and the preview, and the build goes on; an
error stops it. To add a rule, write such a function and decorate it with `@rule`. Rules run
beside the reference checks, so an id may dangle: look ids up with `.get`, never `[...]`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from generator.data.errors import Problem, Severity
from generator.data.loading import Document, FieldPath, dotted
from generator.data.model import Files
from generator.data.vocabulary import estimative_words as estimative_terms


@dataclass(frozen=True)
class Context:
    """What a rule sees: the validated files, and where each value stands in them."""

    files: Files
    docs: Mapping[str, Document]

    def problem(
        self, severity: Severity, file: str, where: FieldPath, message: str, hint: str
    ) -> Problem:
        """A problem located at the value `where` in data file `file` (its name without .yml)."""
        path, line, col = self.docs[file].place(where)
        return Problem(path, line, col, dotted((file, *where)), message, hint, severity)

    def warning(self, file: str, where: FieldPath, message: str, hint: str) -> Problem:
        """A located warning: shown, and the build goes on."""
        return self.problem("warning", file, where, message, hint)

    def error(self, file: str, where: FieldPath, message: str, hint: str) -> Problem:
        """A located error: the build stops."""
        return self.problem("error", file, where, message, hint)


Rule = Callable[[Context], Iterator[Problem]]
RULES: list[Rule] = []


def rule(check: Rule) -> Rule:
    """Register a rule: `check_rules` runs every registered rule, in the order defined."""
    RULES.append(check)
    return check


def check_rules(files: Files, docs: Mapping[str, Document]) -> list[Problem]:
    """Every problem every rule finds."""
    context = Context(files, docs)
    return [problem for check in RULES for problem in check(context)]


@rule
def held_events_are_not_in_the_future(ctx: Context) -> Iterator[Problem]:
    """An event marked held cannot be dated after the as-of date (an error)."""
    as_of = ctx.files.briefing.as_of
    for i, event in enumerate(ctx.files.events):
        if event.status == "held" and event.date.start > as_of.end:
            yield ctx.error(
                "events",
                (i, "date"),
                f"the event is marked held, but {event.date} is after the as-of date ({as_of})",
                "an event after the as-of date has not happened yet: set its status to "
                "scheduled, expected or tentative, or correct the date",
            )
        # "Not held" is known only once the event's time is over.
        if event.status == "not held" and event.date.end > as_of.end:
            yield ctx.error(
                "events",
                (i, "status"),
                f"the event is marked not held, but its date ({event.date}) runs past the as-of "
                f"date ({as_of})",
                "an event whose time has not passed can still happen: keep it scheduled, "
                "expected or tentative until then, or mark it postponed or cancelled if someone "
                "said so",
            )


# The words that smuggle an estimate into a statement of fact (see the vocabulary).
_ESTIMATIVE = re.compile(r"\b(" + "|".join(map(re.escape, estimative_terms())) + r")\b", re.I)
# Words inside quotation marks are someone else's, not the briefing's estimate.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
# "May" next to a day or year is the month.
_MONTH_MAY = re.compile(r"\bMay\b(?=,? \d)|(?<=\d )May\b")


def estimative_words(text: str) -> list[str]:
    """The estimative words a statement of fact uses, in the order they appear, each once."""
    plain = _MONTH_MAY.sub("", _QUOTED.sub("", text))
    found: list[str] = []
    for match in _ESTIMATIVE.finditer(plain):
        word = match[0]
        # A capitalised "May" inside a sentence is a name (Theresa May) or a month.
        if word.lower() == "may" and word != "may" and match.start() > 0:
            continue
        if word.lower() not in found:
            found.append(word.lower())
    return found


def _fact_texts(files: Files) -> Iterator[tuple[str, FieldPath, str]]:
    """Every statement of fact: (file, where, text). The bottom line, claims and the outlook
    are left out: the bottom line is the briefing's assessment, claims are someone else's
    words, and the outlook is judgment throughout."""
    meta = files.briefing
    for name in ("title", "subtitle", "description"):
        value = getattr(meta, name)
        if value:
            yield "briefing", (name,), value
    for i, point in enumerate(meta.key_points):
        yield "briefing", ("key_points", i, "text"), point.text
    for i, number in enumerate(meta.key_numbers):
        yield "briefing", ("key_numbers", i, "label"), number.label
    for i, section in enumerate(meta.background):
        for j, paragraph in enumerate(section.paragraphs):
            yield "briefing", ("background", i, "paragraphs", j, "text"), paragraph.text
    for i, actor in enumerate(files.actors):
        yield "actors", (i, "role"), actor.role
        if actor.position:
            yield "actors", (i, "position", "text"), actor.position.text
    for i, event in enumerate(files.events):
        yield "events", (i, "title"), event.title
        if event.summary:
            yield "events", (i, "summary"), event.summary
        for j, report in enumerate(event.other_dates):
            if report.note:
                yield "events", (i, "other_dates", j, "note"), report.note
    for i, source in enumerate(files.sources):
        for name in ("description", "note"):
            value = getattr(source, name)
            if value:
                yield "sources", (i, name), value


@rule
def facts_carry_no_estimative_words(ctx: Context) -> Iterator[Problem]:
    """A statement of fact that uses likelihood words is an estimate in disguise (a warning)."""
    for file, where, text in _fact_texts(ctx.files):
        words = estimative_words(text)
        if words:
            listed = ", ".join(f"'{w}'" for w in words)
            yield ctx.warning(
                file,
                where,
                f"estimative word{'s' if len(words) > 1 else ''} {listed} in a statement of fact",
                "state what is known, with its source; put an estimate in a judgment "
                "(outlook.yml) or attribute it to whoever made it (claims.yml)",
            )


@rule
def confirmed_claims_have_independent_sources(ctx: Context) -> Iterator[Problem]:
    """A claim marked confirmed rests on two or more outlets (a warning)."""
    outlets = {s.id: s.outlet for s in ctx.files.sources}
    for i, claim in enumerate(ctx.files.claims):
        cited = {outlets.get(s, s) for s in claim.sources}
        if claim.status == "confirmed" and len(cited) < 2:
            yield ctx.warning(
                "claims",
                (i, "status"),
                "the claim is marked confirmed but cites a single outlet",
                "confirmed means borne out by independent sources: cite another outlet, "
                "or set the status to claimed or unconfirmed",
            )


@rule
def judgments_are_not_past_due(ctx: Context) -> Iterator[Problem]:
    """A judgment whose resolution date is before the as-of date is out of date (a warning)."""
    as_of = ctx.files.briefing.as_of
    scored = {o.judgment for o in ctx.files.outcomes}
    for i, judgment in enumerate(ctx.files.outlook.judgments):
        if judgment.resolves_by.end >= as_of.start:
            continue
        late = f"the judgment's resolution date ({judgment.resolves_by}) is before the as-of date"
        if judgment.id in scored:
            message, hint = f"{late} ({as_of}): it is scored, but the outlook still carries it", ""
        else:
            message = f"{late} ({as_of}) and it has no outcome"
            hint = "score it in outcomes.yml under the edition that made it, and "
        yield ctx.warning(
            "outlook",
            ("judgments", i, "resolves_by"),
            message,
            hint + "replace it with a judgment on what comes next",
        )


@rule
def next_event_is_ahead(ctx: Context) -> Iterator[Problem]:
    """An outlook whose next event's window ended before the as-of date is stale (a warning)."""
    as_of = ctx.files.briefing.as_of
    event = next((e for e in ctx.files.events if e.id == ctx.files.outlook.next_event), None)
    if event is None or event.date.end >= as_of.start:
        return
    date = event.date
    days = (
        ""
        if date.precision == "day"
        else f", {date.start.day} {date.start:%B} to {date.end.day} {date.end:%B %Y}"
    )
    yield ctx.warning(
        "outlook",
        ("next_event",),
        f"the next event's window ({date}{days}) ended before the as-of date ({as_of}): "
        "the outlook is out of date",
        "point next_event at what comes next and renew the judgments, or correct the "
        "event's date and status",
    )


# What a laptop's first screen holds beside the title: a bottom line of about five lines and
# about five judgments in words (measured at 1280x800 by the layout tests).
BOTTOM_LINE_WORDS = 100
FIRST_SCREEN_JUDGMENTS = 5


@rule
def the_brief_fits_the_first_screen(ctx: Context) -> Iterator[Problem]:
    """A bottom line or a set of key judgments too long for a laptop's first screen (warnings)."""
    words = len(ctx.files.briefing.summary.text.split())
    if words > BOTTOM_LINE_WORDS:
        yield ctx.warning(
            "briefing",
            ("summary", "text"),
            f"the bottom line has {words} words: it pushes the key judgments below a laptop's "
            "first screen",
            f"keep it to the main judgment and the evidence for it, in at most "
            f"{BOTTOM_LINE_WORDS} words; the key points carry the rest",
        )
    judgments = ctx.files.outlook.judgments
    key = [j for j in judgments if j.key] or judgments
    if len(key) > FIRST_SCREEN_JUDGMENTS:
        marked = "are marked key: true" if any(j.key for j in judgments) else "open the home page"
        yield ctx.warning(
            "outlook",
            ("judgments",),
            f"{len(key)} judgments {marked}: a laptop's first screen holds about "
            f"{FIRST_SCREEN_JUDGMENTS}",
            f"mark the {FIRST_SCREEN_JUDGMENTS} or fewer that matter most with `key: true`; "
            "every judgment stays on the outlook page",
        )
