"""Read YAML files into plain values, remembering where each value stood in its file."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.tokens import KeyToken, ScalarToken, ValueToken

from generator.data.errors import BriefingError, Problem
from generator.data.visible import PLAINLY_SEEN, SUSPECT, unseen_problem

# Editors write small files; anything bigger is a mistake or an attack.
MAX_FILE_BYTES = 1_000_000
# Aliases let a tiny file expand into billions of values ("billion laughs"); stop early.
MAX_VALUES = 100_000
MAX_DEPTH = 64

FieldPath = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
# Numbers are kept as typed (see Unquoted): no number is ever converted.
_UNQUOTED_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
# true/false, read from YAML's own words (yes, on, true...); anything else tagged !!bool is
# kept as typed, to be reported where a true or false belongs.
_BOOL = "tag:yaml.org,2002:bool"
_BOOL_WORDS: dict[str, bool] = yaml.constructor.SafeConstructor.bool_values
# Dates stay as the editor wrote them; generator.data.dates reads them with their precision.
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


@dataclass(frozen=True)
class Unquoted:
    """A value YAML would read as a number (`1:20`, `0x1F`, `2025`), as typed.

    No briefing field holds a number, and dates are read from their text, so no number is
    converted: a 5,000-digit number costs nothing, and a message shows what the editor typed
    (`1:20`), not what YAML would make of it (80).
    """

    typed: str

    def __str__(self) -> str:
        return self.typed


@dataclass
class Document:
    """One loaded file: its value and the line and column of every value and key in it.

    A file read by the fast path keeps its text instead: the positions are found the first
    time a problem needs one (valid data never does).
    """

    path: str
    value: Any
    values: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    text: str | None = field(default=None, repr=False)
    # A kind kept in a folder of files (data/actors/*.yml): each file and the index of its
    # first entry in the combined list.
    parts: list[tuple[int, Document]] = field(default_factory=list, repr=False)
    name: str = ""

    def place(self, path: FieldPath, *, key: bool = False) -> tuple[str, int, int]:
        """The file, line and column (1-based) of the value at path, or of its nearest ancestor."""
        if self.parts:
            index = path[0] if path and isinstance(path[0], int) else 0
            start, doc = next(
                ((s, d) for s, d in reversed(self.parts) if s <= index), self.parts[0]
            )
            inside = (index - start, *path[1:]) if path else ()
            return (doc.path, *doc.locate(inside, key=key))
        return (self.path, *self.locate(path, key=key))

    def locate(self, path: FieldPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at path, or of its nearest ancestor."""
        if self.parts:
            return self.place(path, key=key)[1:]
        if self.text is not None:
            self._find_positions(self.text)
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            if path[:end] in table:
                return table[path[:end]]
            if key and path[:end] in self.values:
                return self.values[path[:end]]
        return (1, 1)

    def _find_positions(self, text: str) -> None:
        """Read the text again, recording positions (it was read fast before, so it is fine)."""
        self.text = None
        try:
            _fast_value(text, self)
        except _Unusual:  # cannot happen to a text the fast path read; be safe
            node = _compose(text, self.path, self.name)
            if node is not None:
                _Builder(self, self.name).build(node, ())


def _pos(node: Node | Event) -> tuple[int, int]:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


class _Builder:
    """Turns a composed YAML node tree into dicts, lists and scalars, collecting problems."""

    def __init__(self, doc: Document, name: str) -> None:
        self.doc = doc
        self.name = name
        self.problems: list[Problem] = []
        # Text a reader would not see: the rest of the file can still be checked around it.
        self.text_problems: list[Problem] = []
        self.count = 0

    def problem(
        self, node: Node, where: FieldPath, message: str, hint: str = "", *, text: bool = False
    ) -> None:
        line, col = _pos(node)
        field = dotted((self.name, *where))
        found = self.text_problems if text else self.problems
        found.append(Problem(self.doc.path, line, col, field, message, hint))

    def build(self, node: Node, where: FieldPath, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_VALUES or depth > MAX_DEPTH:
            raise _TooBig(node, where)
        self.doc.values.setdefault(where, _pos(node))
        if isinstance(node, MappingNode):
            return self._mapping(node, where, depth)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                return self._refuse_tag(node, where)
            return [self.build(item, (*where, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if node.tag == _TIMESTAMP:
            return node.value
        if node.tag == _NULL:
            return None
        if node.tag in _UNQUOTED_TAGS:
            return Unquoted(node.value)
        if node.tag == _BOOL:
            return _BOOL_WORDS.get(node.value.lower(), Unquoted(node.value))
        if node.tag != _STR:
            return self._refuse_tag(node, where)
        if unseen := unseen_problem(node.value):
            self.problem(node, where, *unseen, text=True)
        return node.value

    def _mapping(self, node: MappingNode, where: FieldPath, depth: int) -> Any:
        if node.tag != _MAP:
            return self._refuse_tag(node, where)
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(
                    key_node,
                    where,
                    "merge keys ('<<') are not supported",
                    "write the fields out in full",
                )
                continue
            if not (isinstance(key_node, ScalarNode) and key_node.tag == "tag:yaml.org,2002:str"):
                self.problem(
                    key_node,
                    where,
                    "a field name must be plain text",
                    "write field names as words, like 'title:'",
                )
                continue
            key = key_node.value
            if unseen := unseen_problem(key):
                message, hint = unseen
                self.problem(
                    key_node, (*where, key), f"in the field name, {message}", hint, text=True
                )
                continue
            if key in first_seen:
                self.problem(
                    key_node,
                    (*where, key),
                    f"field '{key}' is given twice",
                    f"it was first given on line {first_seen[key]}; keep one of them",
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.doc.keys[(*where, key)] = _pos(key_node)
            result[key] = self.build(value_node, (*where, key), depth + 1)
        return result

    def _refuse_tag(self, node: Node, where: FieldPath) -> None:
        self.problem(
            node,
            where,
            f"the YAML tag '{shown_tag(node.tag)}' is not allowed",
            "remove the '!' tag; briefing data is plain text, numbers, lists and fields",
        )
        return None


class FlawedText(BriefingError):
    """A file that loaded, but with text a reader would not see: the problems, and the document,
    so the rest of it can still be checked in the same run."""

    def __init__(self, problems: list[Problem], document: Document) -> None:
        super().__init__(problems)
        self.document = document


class _TooBig(Exception):
    def __init__(self, node: Node, where: FieldPath) -> None:
        self.node = node
        self.where = where


def shown_tag(tag: str | None) -> str:
    """A tag as the editor wrote it: '!!python/object' rather than its long form."""
    tag = tag or "?"
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def dotted(where: FieldPath) -> str:
    """A field path as an editor reads it: `events[3].date`."""
    text = ""
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@dataclass
class _Frame:
    """An open mapping (at: its latest key) or list (at: its latest index) during parsing."""

    mapping: bool
    at: str | int | None
    wants_key: bool = True
    value_ended_on: int = -1


class _Trail:
    """Follows YAML parse events to know which field the parser is in, for syntax errors."""

    def __init__(self) -> None:
        self.frames: list[_Frame] = []

    @property
    def depth(self) -> int:
        return len(self.frames)

    def path(self, node: Event | None = None, line: int | None = None) -> FieldPath:
        """The field the parser is in; with node, the field that node stands for.

        With line (0-based), a field whose value ended on that line still counts: an error
        right after a value belongs to it.
        """
        where = [
            f.at
            for f in self.frames
            if f.at is not None and not (f.mapping and f.wants_key and f.value_ended_on != line)
        ]
        if node is not None and self.frames:
            last = self.frames[-1]
            if not last.mapping:
                where.append(int(last.at if last.at is not None else -1) + 1)
            elif last.wants_key and isinstance(node, ScalarEvent):
                where.append(node.value)
        return tuple(w for w in where if w is not None)

    def step(self, event: Event) -> None:
        """Take one parse event into account."""
        if isinstance(event, CollectionStartEvent):
            self._begin()
            self.frames.append(_Frame(isinstance(event, MappingStartEvent), None))
        elif isinstance(event, CollectionEndEvent):
            self.frames.pop()
            self._end("?", event)
        elif isinstance(event, (ScalarEvent, AliasEvent)):
            self._begin()
            self._end(event.value if isinstance(event, ScalarEvent) else "?", event)

    def _begin(self) -> None:
        if self.frames and not self.frames[-1].mapping:
            last = self.frames[-1]
            last.at = int(last.at if last.at is not None else -1) + 1

    def _end(self, value: str, event: Event) -> None:
        if self.frames and self.frames[-1].mapping:
            last = self.frames[-1]
            if last.wants_key:
                last.at = value
            elif event.end_mark:
                last.value_ended_on = event.end_mark.line
            last.wants_key = not last.wants_key


# Common PyYAML complaints, in an editor's words: (words in the problem, message, hint).
_SYNTAX = [
    (
        "end of stream",
        "this quote is never closed",
        "add the closing quote at the end of the text",
    ),
    (
        "'\\t'",
        "a tab character is not allowed here",
        "YAML indents with spaces, not tabs: replace the tab with spaces",
    ),
    (
        "mapping values are not allowed",
        "unexpected ':' here",
        "check the indentation; if the text itself contains ': ', put all of it in quotes",
    ),
    (
        "expected <block end>",
        "this line is not indented like the lines around it",
        "fields of one entry line up under each other; '- ' starts a new entry",
    ),
    (
        "did not find expected",
        "this line is not indented like the lines around it",
        "fields of one entry line up under each other; '- ' starts a new entry",
    ),
    (
        "could not find expected ':'",
        "expected 'name: value' here",
        "if a text runs over several lines, put it in quotes",
    ),
    (
        "expected ',' or ']'",
        "a list opened with '[' is not closed",
        "close it with ']', or write one '- item' per line",
    ),
    (
        "expected ',' or '}'",
        "fields opened with '{' are not closed",
        "close them with '}', or write one 'name: value' per line",
    ),
    (
        "undefined alias",
        "'*' refers to an anchor ('&name') that does not exist",
        "write the value out in full, or put the text in quotes",
    ),
    (
        "unknown escape character",
        "inside double quotes, a backslash starts an escape code",
        "use single quotes, or write a backslash as \\\\",
    ),
]


def _syntax_problem(err: yaml.MarkedYAMLError, display: str, field: str) -> Problem:
    problem = err.problem or "invalid YAML"
    mark = err.problem_mark or err.context_mark
    shift = 0
    quoted = "quoted" in (err.context or "")
    known = next(
        (e for e in _SYNTAX if e[0] in problem and (quoted or e[0] != "end of stream")), None
    )
    if known is None:
        context = f"{err.context}, " if err.context else ""
        message, hint = f"YAML syntax: {context}{problem}", "check the YAML syntax around here"
    else:
        message, hint = known[1], known[2]
        if known[0] == "end of stream" and err.context_mark:
            mark = err.context_mark  # where the quote opened, not the end of the file
        if known[0] == "unknown escape character":
            shift = -1  # at the backslash, not the letter after it
    line, col = (mark.line + 1, mark.column + 1 + shift) if mark else (1, 1)
    return Problem(display, line, col, field, message, hint)


def _line_col(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _field_at(text: str, index: int, name: str) -> str:
    """The field a character position in the text belongs to, as far as the YAML can tell."""
    trail = _Trail()
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            start, end = event.start_mark, event.end_mark
            if start and start.index > index:
                break
            if isinstance(event, (ScalarEvent, AliasEvent)) and end and end.index > index:
                return dotted((name, *trail.path(event)))
            trail.step(event)
            if trail.depth > MAX_DEPTH:
                break
    except (yaml.YAMLError, ValueError):  # ValueError: see _compose
        pass
    return dotted((name, *trail.path()))


def _pending_key(loader: yaml.SafeLoader | None, trail: _Trail) -> FieldPath:
    """A key the scanner has read but the parser not yet taken: often the field in error."""
    if loader is None or not trail.frames or not trail.frames[-1].mapping:
        return ()
    tokens = loader.tokens
    keys = [
        second.value
        for first, second, third in zip(tokens, tokens[1:], tokens[2:], strict=False)
        if isinstance(first, KeyToken)
        and isinstance(second, ScalarToken)
        and isinstance(third, ValueToken)
    ]
    return (keys[-1],) if keys and trail.frames[-1].wants_key else ()


class _TracingLoader(yaml.SafeLoader):
    """A safe loader that follows its own events: which field, how deep, how many documents."""

    def __init__(self, text: str, display: str, name: str) -> None:
        super().__init__(text)
        self.trail = _Trail()
        self.display, self.name = display, name
        self.documents = 0
        self.last_scalar: ScalarEvent | None = None

    def get_event(self) -> Event:
        event: Event = super().get_event()  # type: ignore[no-untyped-call]
        self.documents += isinstance(event, DocumentStartEvent)
        if self.documents > 1:
            self._refuse(
                event,
                self.name,
                "the file holds more than one document",
                "remove the '---' line that starts a second document",
            )
        self.trail.step(event)
        if isinstance(event, ScalarEvent):
            self.last_scalar = event
        if self.trail.depth > MAX_DEPTH:
            # Refused before the composer's recursion can exhaust Python's stack.
            self._refuse(
                event,
                dotted((self.name, *self.trail.path()[:2])),
                f"the data nests more than {MAX_DEPTH} levels deep",
                "briefing data needs only a few levels: entries, fields, lists",
            )
        return event

    def _refuse(self, event: Event, field: str, message: str, hint: str) -> None:
        line, col = _pos(event)
        raise BriefingError([Problem(self.display, line, col, field, message, hint)])


def _runaway_quote(
    err: yaml.MarkedYAMLError, scalar: ScalarEvent | None, display: str, field: str
) -> Problem | None:
    """A quote left open that closes lines later, at an apostrophe: point at where it opened."""
    start, found = scalar.start_mark if scalar else None, err.problem_mark
    if not (scalar and start and found and scalar.style in {"'", '"'}):
        return None
    if "found '<scalar>'" not in (err.problem or "") or start.line >= found.line:
        return None
    return Problem(
        display,
        start.line + 1,
        start.column + 1,
        field,
        f"this quote is not closed on its line; it runs on to line {found.line + 1}",
        "close it on this line; inside '...' write an apostrophe as ''"
        if scalar.style == "'"
        else 'close it on this line; inside "..." write a double quote as \\"',
    )


def _compose(text: str, display: str, name: str) -> Node | None:
    """Parse and compose in one pass; syntax errors are located with their field."""
    loader: _TracingLoader | None = None
    try:
        loader = _TracingLoader(text, display, name)
        node: Node | None = loader.get_single_node()
        return node
    except yaml.composer.ComposerError as err:  # an alias to no anchor, a repeated anchor
        field = _field_at(text, err.problem_mark.index, name) if err.problem_mark else name
        raise BriefingError([_syntax_problem(err, display, field)]) from None
    except yaml.MarkedYAMLError as err:
        assert loader is not None  # the reader's errors are not marked
        line = err.problem_mark.line if err.problem_mark else -1
        path = loader.trail.path(line=line)
        field = dotted((name, *path, *_pending_key(loader, loader.trail)))
        runaway = _runaway_quote(err, loader.last_scalar, display, field)
        raise BriefingError([runaway or _syntax_problem(err, display, field)]) from None
    except ValueError:
        # PyYAML reads a '%YAML 1.1' line's numbers with int(): thousands of digits raise.
        mark = loader.get_mark() if loader is not None else None
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise BriefingError(
            [
                Problem(
                    display,
                    line,
                    col,
                    name,
                    "this line cannot be read as YAML",
                    "check the syntax here; briefing files need no '%YAML' or '%TAG' line",
                )
            ]
        ) from None
    except yaml.reader.ReaderError as err:
        # The reader refuses control characters before parsing starts.
        line, col = _line_col(text, err.position)
        clean = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)
        raise BriefingError(
            [
                Problem(
                    display,
                    line,
                    col,
                    _field_at(clean, err.position, name),
                    f"the invisible control character U+{err.character:04X} is not allowed",
                    "delete it (it often comes with text pasted from elsewhere)",
                )
            ]
        ) from None


def _decode(raw: bytes, display: str, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raise BriefingError(
            [
                Problem(
                    display,
                    1,
                    1,
                    name,
                    "the file starts with a byte-order mark",
                    "save the file as UTF-8 without a byte-order mark (BOM)",
                )
            ]
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        readable = raw[: err.start].decode("utf-8", errors="replace")
        line, col = _line_col(readable, len(readable))
        whole = raw.decode("utf-8", errors="replace")
        raise BriefingError(
            [
                Problem(
                    display,
                    line,
                    col,
                    _field_at(whole, len(readable), name),
                    f"the byte 0x{raw[err.start]:02X} here is not UTF-8 text",
                    "save the file with UTF-8 encoding (it may be Latin-1 or Windows-1252)",
                )
            ]
        ) from None


def _whole_file(display: str, name: str, message: str, hint: str) -> BriefingError:
    return BriefingError([Problem(display, 1, 1, name, message, hint)])


class _Unusual(Exception):
    """Something the fast path leaves to the position-tracking loader to report."""


_CLoader: Any = getattr(yaml, "CSafeLoader", None)


def _fast_value(text: str, doc: Document | None = None) -> Any:
    """The value of a plain, valid file from libyaml's parse events; with doc, every value's
    and key's position recorded in it too.

    libyaml's parser keeps its own stacks (its composer recurses, so it is not used). Anything
    the position-tracking loader would report or refuse (an alias, a tag, a repeated or
    non-text field name, too deep, too many values, a second document, a syntax error, text a
    reader would not see) raises _Unusual, and the file is read again by that loader, which
    says where and why. Like that loader, it converts no number: see Unquoted.
    """
    if _CLoader is None:
        raise _Unusual
    loader = _CLoader(text)
    resolve = loader.resolve
    # unseen_problem's quick test, inlined: this loop is the data's hot path.
    seen, suspect = PLAINLY_SEEN.search, SUSPECT.search
    stack: list[Any] = []  # the open lists and mappings
    pending: list[Any] = []  # per open mapping: the key read, or _NO_KEY
    paths: list[FieldPath] = []  # per open list or mapping: where it stands
    values = doc.values if doc is not None else None
    result: Any = _NO_KEY
    count = documents = 0
    try:
        while True:
            event = loader.get_event()
            kind = type(event)
            if kind is ScalarEvent:
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(ScalarNode, event.value, event.implicit)
                if stack and type(stack[-1]) is dict and pending[-1] is _NO_KEY:
                    key = event.value
                    if tag != _STR or key in stack[-1] or not seen(key) or suspect(key):
                        raise _Unusual
                    pending[-1] = event.value
                    if doc is not None:
                        doc.keys[(*paths[-1], event.value)] = _pos(event)
                    continue
                if tag == _STR:
                    value: Any = event.value
                    if (not seen(value) or suspect(value)) and unseen_problem(value):
                        raise _Unusual
                elif tag == _TIMESTAMP:
                    value = event.value
                elif tag == _NULL:
                    value = None
                elif tag in _UNQUOTED_TAGS:
                    value = Unquoted(event.value)
                elif tag == _BOOL:
                    value = _BOOL_WORDS.get(event.value.lower(), Unquoted(event.value))
                else:
                    raise _Unusual
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                mapping = kind is MappingStartEvent
                tag = event.tag
                if tag is not None and tag != "!" and tag != (_MAP if mapping else _SEQ):
                    raise _Unusual
                if len(stack) >= MAX_DEPTH:
                    raise _Unusual
                if stack and type(stack[-1]) is dict and pending[-1] is _NO_KEY:
                    raise _Unusual  # a list or mapping used as a field name
                value = {} if mapping else []
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                stack.pop()
                paths.pop()
                if kind is MappingEndEvent:
                    pending.pop()
                continue
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Unusual
                continue
            elif kind is StreamEndEvent:
                break
            elif kind is AliasEvent:
                raise _Unusual
            else:  # stream start, document end
                continue
            count += 1
            if count > MAX_VALUES:
                raise _Unusual
            if not stack:
                result = value
                where: FieldPath = ()
            elif type(stack[-1]) is list:
                where = (*paths[-1], len(stack[-1])) if values is not None else ()
                stack[-1].append(value)
            else:
                where = (*paths[-1], pending[-1]) if values is not None else ()
                stack[-1][pending[-1]] = value
                pending[-1] = _NO_KEY
            if values is not None:
                values.setdefault(where, _pos(event))
            if kind is not ScalarEvent:
                stack.append(value)
                paths.append(where)
                if kind is MappingStartEvent:
                    pending.append(_NO_KEY)
    except (yaml.YAMLError, ValueError):  # ValueError: see _compose
        raise _Unusual from None
    finally:
        loader.dispose()
    if result is _NO_KEY or result is None:
        raise _Unusual
    return result


_NO_KEY = object()


def link_problem(display: str, name: str, what: str = "file") -> Problem:
    """A data file or folder that is a link: refused, for a link would have the checker read,
    and quote in its messages, a file from anywhere."""
    return Problem(
        display,
        1,
        1,
        name,
        f"this is a link to another {what}, not a {what} of its own",
        f"replace the link with a copy of the {what}: briefing data is read only from the "
        f"{what}s themselves",
    )


def _read(path: Path, display: str, name: str) -> bytes:
    """The file's bytes, if it is a plain file of its own folder and not too large."""
    too_large = f"a briefing file holds at most {MAX_FILE_BYTES} bytes"
    is_link = BriefingError([link_problem(display, name)])
    # A folder, a pipe or a device would never end or never start.
    not_regular = _whole_file(
        display, name, "this is not a regular file", "replace it with a plain YAML file"
    )
    try:
        found = os.lstat(path)
        if stat.S_ISLNK(found.st_mode):
            raise is_link
        if not stat.S_ISREG(found.st_mode):
            raise not_regular
        if found.st_size > MAX_FILE_BYTES:
            size = found.st_size
            raise _whole_file(display, name, f"the file is too large ({size} bytes)", too_large)
        # Whatever it became since: never follow a link, never wait on a pipe.
        opened = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(opened, "rb") as file:
            if not stat.S_ISREG(os.fstat(opened).st_mode):
                raise not_regular
            # Read no more than the limit, whatever the size said (it can grow, or lie).
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise is_link from None
        raise _whole_file(
            display,
            name,
            f"cannot read the file: {err.strerror}",
            "check that the file exists and can be read",
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise _whole_file(
            display, name, f"the file is too large (over {MAX_FILE_BYTES} bytes)", too_large
        )
    return raw


def load(path: Path, display: str, name: str | None = None) -> Document:
    """Load one YAML file safely; raise BriefingError naming every problem in it.

    name: the field name problems start with (default: the file's name without .yml).
    """
    name = name or path.stem
    doc = Document(display, None, name=name)
    text = _decode(_read(path, display, name), display, name)
    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise _whole_file(
            display,
            name,
            "the file is empty",
            "fill it in, or see the README for what belongs here",
        )
    try:
        return Document(display, _fast_value(text), text=text, name=name)
    except _Unusual:
        pass
    node = _compose(text, display, name)
    if node is None:
        raise _whole_file(display, name, "the file holds no data", "fill it in, or see the README")
    builder = _Builder(doc, name)
    try:
        doc.value = builder.build(node, ())
    except _TooBig as big:
        line, col = doc.locate(big.where[:1])
        raise BriefingError(
            [
                Problem(
                    display,
                    line,
                    col,
                    dotted((name, *big.where[:1])),
                    f"the aliases ('*name') here expand to more than {MAX_VALUES} values",
                    "write the values out instead of repeating them with '&name' and '*name'",
                )
            ]
        ) from None
    if builder.problems:
        raise BriefingError([*builder.problems, *builder.text_problems])
    if builder.text_problems:
        raise FlawedText(builder.text_problems, doc)
    return doc
