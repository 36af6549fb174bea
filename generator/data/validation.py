"""Load every file in data/, check it against the schema and its cross-references, once."""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from generator.data.errors import BriefingError, Problem, did_you_mean
from generator.data.loading import (
    Document,
    FieldPath,
    FlawedText,
    Unquoted,
    dotted,
    link_problem,
    load,
)
from generator.data.model import LIKELIHOOD, Files
from generator.data.rules import check_rules

RESERVED_ACTOR_IDS = {"index"}
REQUIRED = ("briefing", "sources", "actors", "events", "outlook")
OPTIONAL = ("claims", "outcomes")
# Kinds that are lists of entries may be kept in a folder of files instead (data/actors/*.yml),
# read in the order of their names: a long-running briefing outgrows one file.
SPLITTABLE = ("sources", "actors", "events", "claims", "outcomes")
ID_EXAMPLE = "like 'city-council': lower-case letters, digits and single hyphens"


def _file_schema(field: FieldInfo) -> TypeAdapter[Any]:
    annotation: Any = field.annotation
    return TypeAdapter(Annotated[annotation, *field.metadata] if field.metadata else annotation)


# One validator per data file, from the field that holds it in Files.
_FILE_SCHEMAS = {name: _file_schema(field) for name, field in Files.model_fields.items()}

_TYPE_NAMES = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "NoneType": "nothing",
    "list": "a list",
    "dict": "fields (name: value)",
}


# Hints for required fields whose purpose the generic "add it here" would not explain.
_MISSING_HINTS = {
    "resolves_by": "add 'resolves_by:' here: the date by which the judgment can be scored, "
    "like 2025-04-30",
    "resolves_if": "add 'resolves_if:' here: what observable event settles the judgment, "
    "what counts and who must confirm it",
    "judgment": "add 'judgment:' here: the id of the judgment this indicator bears on",
    "direction": "add 'direction: raises' or 'direction: lowers' here: which way seeing this "
    "moves the judgment's likelihood",
}
# Fields the schema has renamed: the hint names the new way to write them.
_RENAMED = {
    "quote": "write 'form: quote' for the speaker's own words, 'form: paraphrase' or "
    "'form: characterisation' for a reporter's account of them",
}


@dataclass(frozen=True)
class Checked:
    """A valid briefing, with the warnings its checks found (located, as errors are)."""

    files: Files
    warnings: list[Problem]
    # Where each value stands in its file, to locate problems found later.
    docs: Mapping[str, Document]


def check_briefing(data_dir: Path, shown: str | None = None) -> Checked:
    """Read and validate data_dir; raise BriefingError if any error is found, with every problem.

    Warnings alone do not raise: they come back with the files. `shown` is the folder as
    problems name it (default: the folder's own name, 'data').
    """
    docs, problems = _load_all(data_dir, shown)
    # A field whose text is refused is reported once, for its text, not again by the schema.
    refused = {(p.path, p.field) for p in problems}
    # Each file that loaded is checked on its own, so one broken file hides no other problem.
    for name, doc in docs.items():
        try:
            _FILE_SCHEMAS[name].validate_python(doc.value)
        except ValidationError as err:
            found = _schema_problems(err, docs, prefix=(name,))
            problems.extend(p for p in found if (p.path, p.field) not in refused)
    if problems:
        raise BriefingError(problems)
    files = Files.model_validate({name: doc.value for name, doc in docs.items()})
    problems = [*_reference_problems(files, docs), *check_rules(files, docs)]
    if any(p.is_error for p in problems):
        raise BriefingError(problems)
    return Checked(files, sorted(set(problems)), docs)


def read_briefing(data_dir: Path, shown: str | None = None) -> Files:
    """Read and validate data_dir; raise BriefingError with every problem found."""
    return check_briefing(data_dir, shown).files


def _load_all(data_dir: Path, shown: str | None) -> tuple[dict[str, Document], list[Problem]]:
    docs: dict[str, Document] = {}
    problems: list[Problem] = []
    shown = shown or data_dir.name or str(data_dir)
    if not data_dir.is_dir():
        problem = Problem(
            shown,
            1,
            1,
            "",
            "the data folder does not exist",
            "run from the project folder, or pass --data DIR",
        )
        return docs, [problem]
    known = REQUIRED + OPTIONAL
    for path in sorted(data_dir.iterdir()):
        if path.name.startswith("."):
            continue
        display = f"{shown}/{path.name}"
        if path.is_symlink() and path.is_dir():
            problems.append(link_problem(f"{display}/", path.name, "folder"))
            continue
        if path.is_dir() and path.name in SPLITTABLE:
            if (data_dir / f"{path.name}.yml").exists():
                problems.append(
                    Problem(
                        f"{display}/",
                        1,
                        1,
                        path.name,
                        f"{path.name} are kept both in {path.name}.yml and in this folder",
                        f"keep them in one place: move {path.name}.yml into the folder",
                    )
                )
                continue
            try:
                docs[path.name] = load_parts(path, display)
            except FlawedText as err:
                docs[path.name] = err.document
                problems.extend(err.problems)
            except BriefingError as err:
                problems.extend(err.problems)
            continue
        stem = path.stem if path.suffix in {".yml", ".yaml"} else path.name
        if path.suffix != ".yml" or stem not in known:
            hint = did_you_mean(stem, known)
            hint = f"{hint[:-2]}.yml'?" if hint else f"data files are: {', '.join(known)} (.yml)"
            problems.append(Problem(display, 1, 1, stem, "this is not a briefing data file", hint))
            continue
        try:
            docs[stem] = load(path, display)
        except FlawedText as err:
            docs[stem] = err.document
            problems.extend(err.problems)
        except BriefingError as err:
            problems.extend(err.problems)
    for name in REQUIRED:
        if name not in docs and not any(
            p.path.endswith(f"/{name}.yml") or f"/{name}/" in p.path for p in problems
        ):
            problems.append(
                Problem(
                    f"{shown}/{name}.yml",
                    1,
                    1,
                    name,
                    "this data file is missing",
                    f"create {shown}/{name}.yml; the README lists what each file holds",
                )
            )
    return docs, problems


def load_parts(folder: Path, display: str) -> Document:
    """One kind's entries from every .yml file in its folder, as one list, each entry located
    in its own file."""
    name = folder.name
    parts: list[tuple[int, Document]] = []
    problems: list[Problem] = []
    entries: list[Any] = []
    only_text = True  # every problem is in text a reader would not see: check the rest too
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        shown = f"{display}/{path.name}"
        if path.suffix != ".yml":
            hint = f"{name} in this folder are kept in .yml files, each a list of entries"
            problems.append(Problem(shown, 1, 1, name, "this is not a briefing data file", hint))
            only_text = False
            continue
        try:
            doc = load(path, shown, name)
        except FlawedText as err:
            problems.extend(err.problems)
            doc = err.document
        except BriefingError as err:
            problems.extend(err.problems)
            only_text = False
            continue
        if not isinstance(doc.value, list):
            line, col = doc.locate(())
            problems.append(
                Problem(
                    shown,
                    line,
                    col,
                    name,
                    "a file in this folder must hold a list of entries",
                    "start each entry with '- ', as in a single data file",
                )
            )
            only_text = False
            continue
        parts.append((len(entries), doc))
        entries.extend(doc.value)
    combined = Document(f"{display}/", entries, parts=parts, name=name)
    if problems and only_text:
        raise FlawedText(problems, combined)
    if problems:
        raise BriefingError(problems)
    return combined


def _schema_problems(
    err: ValidationError, docs: dict[str, Document], prefix: FieldPath = ()
) -> list[Problem]:
    problems = []
    errors: list[Any] = [{**e, "loc": (*prefix, *e["loc"])} for e in err.errors()]
    # A misspelt field is reported once, as the typo with its did-you-mean, not also as missing.
    typos = {
        (tuple(e["loc"][:-1]), hint.split("'")[1])
        for e in errors
        if e["type"] == "extra_forbidden"
        and (hint := did_you_mean(str(e["loc"][-1]), _allowed_fields(tuple(e["loc"][:-1]))))
    }
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "missing" and (loc[:-1], str(loc[-1])) in typos:
            continue
        file, where = str(loc[0]), loc[1:]
        doc = docs.get(file)
        if doc is None:  # a required optional-file-level error cannot happen; be safe
            continue
        kind = error["type"]
        message, hint = _explain(error, loc)
        path, line, col = doc.place(where, key=kind == "extra_forbidden")
        if kind == "missing":
            path, line, col = doc.place(where[:-1])
        problems.append(Problem(path, line, col, dotted((file, *where)), message, hint))
    return problems


def _describe(value: Any) -> str:
    """A value as the editor typed it (`'1:20'`, not 80), shortened; or what kind it is."""
    name = _TYPE_NAMES.get(type(value).__name__, type(value).__name__)
    if isinstance(value, (str, Unquoted)):
        shown = str(value)
        return f"'{shown[:40]}…'" if len(shown) > 40 else f"'{shown}'"
    return name


def _explain(error: Any, loc: tuple[Any, ...]) -> tuple[str, str]:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    name = str(loc[-1])
    if kind == "missing":
        return f"required field '{name}' is missing", _MISSING_HINTS.get(
            name, f"add '{name}:' here"
        )
    if kind == "extra_forbidden":
        allowed = _allowed_fields(loc[:-1])
        hint = (
            _RENAMED.get(name)
            if name not in allowed and name in _RENAMED
            else did_you_mean(name, allowed)
        ) or f"allowed fields: {', '.join(allowed)}"
        return f"unknown field '{name}'", hint
    if kind in {"bad_date", "bad_url"}:
        return error["msg"], ctx.get("hint", "")
    if kind == "literal_error":
        choices = [
            c.strip().strip("'") for c in ctx.get("expected", "").replace(" or ", ",").split(",")
        ]
        choices = [c for c in choices if c]
        hint = did_you_mean(str(value), choices) or f"choose one of: {', '.join(choices)}"
        return f"{_describe(value)} is not allowed here", hint
    if kind == "string_pattern_mismatch":
        return f"{_describe(value)} is not a valid id", f"write an id {ID_EXAMPLE}"
    if kind == "string_too_short":
        return "must not be empty", "write the text, or remove the field if it is optional"
    if kind == "too_short":
        return "needs at least one entry", "add at least one, as a list: [first-id]"
    if kind in {"string_too_long", "too_long"}:
        limit = ctx.get("max_length", "")
        noun = "characters" if kind == "string_too_long" else "entries"
        return f"is too long ({len(value)} {noun})", f"keep it to at most {limit} {noun}"
    if kind == "string_type":
        return f"expected text, found {_describe(value)}", "put the text in quotes"
    if kind == "list_type":
        return (
            f"expected a list, found {_describe(value)}",
            "write a list: [a, b], or one '- item' per line",
        )
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return (
            f"expected fields (name: value), found {_describe(value)}",
            "indent the fields under this name, one 'name: value' per line",
        )
    if kind in {"bool_type", "bool_parsing"}:
        return f"expected true or false, found {_describe(value)}", "write true or false"
    return error["msg"], ""


def _allowed_fields(loc: tuple[Any, ...]) -> list[str]:
    """The field names the schema allows at loc, to suggest the intended one."""
    # Every list index leads to the same type: look each shape of path up once.
    return list(_allowed_at(tuple(0 if isinstance(part, int) else part for part in loc)))


@functools.cache
def _allowed_at(loc: tuple[Any, ...]) -> tuple[str, ...]:
    annotation: Any = Files
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            args = typing.get_args(annotation)
            annotation = args[0] if args else Any
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(part)
            annotation = field.annotation if field else Any
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        # The editors' note, allowed everywhere, comes last: the hint leads with the item's own.
        return tuple(sorted(annotation.model_fields, key=lambda name: name == "editor_note"))
    return ()


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def _first(doc: Document, here: int, there: FieldPath) -> str:
    """Where an earlier entry stands, said from entry `here`: 'on line 4' (in the same file)."""
    path, line, _ = doc.place(there)
    same = path == doc.place((here,))[0] or not doc.parts
    return f"on line {line}" if same else f"in {path} on line {line}"


def _reference_problems(files: Files, docs: dict[str, Document]) -> Iterator[Problem]:
    def at(file: str, where: FieldPath, message: str, hint: str = "") -> Problem:
        path, line, col = docs[file].place(where)
        return Problem(path, line, col, dotted((file, *where)), message, hint)

    ids: dict[str, dict[str, int]] = {}
    collections: list[tuple[str, str, FieldPath, list[str]]] = [
        ("sources", "sources", (), [s.id for s in files.sources]),
        ("actors", "actors", (), [a.id for a in files.actors]),
        ("events", "events", (), [e.id for e in files.events]),
        ("claims", "claims", (), [c.id for c in files.claims]),
        ("judgments", "outlook", ("judgments",), [j.id for j in files.outlook.judgments]),
    ]
    for kind, file, prefix, item_ids in collections:
        seen: dict[str, int] = {}
        for i, item_id in enumerate(item_ids):
            if item_id in seen:
                yield at(
                    file,
                    (*prefix, i, "id"),
                    f"id '{item_id}' is used twice",
                    f"it is first used {_first(docs[file], i, (*prefix, seen[item_id], 'id'))}"
                    "; give each entry its own id",
                )
            else:
                seen[item_id] = i
        ids[kind] = seen
    # An actor's page is actors/ID.md: 'index' would take the place of the actors list.
    for i, actor in enumerate(files.actors):
        if actor.id in RESERVED_ACTOR_IDS:
            yield at(
                "actors",
                (i, "id"),
                f"the id '{actor.id}' is reserved for the actors list",
                f"choose another id, like '{actor.id}-1' or a name",
            )

    def refs(file: str, where: FieldPath, value: str | None, kind: str) -> Iterator[Problem]:
        if value is not None and value not in ids[kind]:
            hint = did_you_mean(value, ids[kind]) or f"add it to {kind}.yml, or fix the id"
            noun = {
                "sources": "source",
                "actors": "actor",
                "events": "event",
                "judgments": "judgment",
            }[kind]
            yield at(file, where, f"no {noun} has the id '{value}'", hint)

    def cited(file: str, where: FieldPath, sources: list[str]) -> Iterator[Problem]:
        for j, source in enumerate(sources):
            yield from refs(file, (*where, "sources", j), source, "sources")

    meta = files.briefing
    yield from cited("briefing", ("summary",), meta.summary.sources)
    for i, point in enumerate(meta.key_points):
        yield from cited("briefing", ("key_points", i), point.sources)
    for i, number in enumerate(meta.key_numbers):
        yield from cited("briefing", ("key_numbers", i), number.sources)
    for i, section in enumerate(meta.background):
        for j, paragraph in enumerate(section.paragraphs):
            yield from cited("briefing", ("background", i, "paragraphs", j), paragraph.sources)
    if meta.as_of.precision != "day":
        yield at(
            "briefing", ("as_of",), "the as-of date must be a full date", "write it as 2025-03-31"
        )
    for i, actor in enumerate(files.actors):
        yield from cited("actors", (i,), actor.sources)
        if actor.position:
            yield from cited("actors", (i, "position"), actor.position.sources)
        for j, link in enumerate(actor.links):
            yield from refs("actors", (i, "links", j, "to"), link.to, "actors")
            yield from cited("actors", (i, "links", j), link.sources)
    for i, event in enumerate(files.events):
        yield from cited("events", (i,), event.sources)
        for j, actor_id in enumerate(event.actors):
            yield from refs("events", (i, "actors", j), actor_id, "actors")
        for j, report in enumerate(event.other_dates):
            yield from cited("events", (i, "other_dates", j), report.sources)
    actor_kind = {a.id: a.kind for a in files.actors}
    for i, claim in enumerate(files.claims):
        yield from cited("claims", (i,), claim.sources)
        yield from refs("claims", (i, "by"), claim.by, "actors")
        yield from refs("claims", (i, "via"), claim.via, "actors")
        if claim.via in actor_kind and actor_kind[claim.via] != "outlet":
            yield at(
                "claims",
                (i, "via"),
                f"'{claim.via}' is not an outlet",
                "'via' names the outlet that reported the claim (an actor of kind outlet)",
            )
        for j, event_id in enumerate(claim.events):
            yield from refs("claims", (i, "events", j), event_id, "events")
    outlook = files.outlook
    yield from refs("outlook", ("next_event",), outlook.next_event, "events")
    terms = [j.likelihood for j in outlook.judgments] + [s.likelihood for s in outlook.scenarios]
    if len({term in LIKELIHOOD for term in terms}) > 1:
        yield at(
            "outlook",
            ("judgments",),
            "likelihood terms mix the two ICD 203 wordings",
            "use either 'likely', 'unlikely'... or 'probable', 'improbable'..., not both",
        )
    for i, judgment in enumerate(outlook.judgments):
        yield from cited("outlook", ("judgments", i), judgment.sources)
        for j, hypothesis in enumerate(judgment.hypotheses):
            yield from cited("outlook", ("judgments", i, "hypotheses", j), hypothesis.sources)
    for i, scenario in enumerate(outlook.scenarios):
        yield from cited("outlook", ("scenarios", i), scenario.sources)
    for i, indicator in enumerate(outlook.indicators):
        yield from refs("outlook", ("indicators", i, "judgment"), indicator.judgment, "judgments")
    for i, question in enumerate(outlook.open_questions):
        yield from cited("outlook", ("open_questions", i), question.sources)
    scored: dict[tuple[object, str], int] = {}
    for i, outcome in enumerate(files.outcomes):
        yield from cited("outcomes", (i,), outcome.sources)
        if outcome.edition.precision != "day":
            yield at(
                "outcomes",
                (i, "edition"),
                "an edition is named by its full as-of date",
                "write it as 2025-03-31",
            )
        if outcome.date.start > meta.as_of.end:
            yield at(
                "outcomes",
                (i, "date"),
                f"the outcome is dated {outcome.date}, after the as-of date ({meta.as_of})",
                "record an outcome once it is known: date it on or before the as-of date",
            )
        key = (outcome.edition, outcome.judgment)
        if key in scored:
            first = _first(docs["outcomes"], i, (scored[key], "judgment"))
            yield at(
                "outcomes",
                (i, "judgment"),
                f"the judgment '{outcome.judgment}' of {outcome.edition} is scored twice",
                f"it is first scored {first}; keep one outcome per judgment and edition",
            )
        scored.setdefault(key, i)
