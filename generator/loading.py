"""Read YAML files into plain values, remembering where each value stood in its file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import BriefingError, Problem

# Editors write small files; anything bigger is a mistake or an attack.
MAX_FILE_BYTES = 1_000_000
# Aliases let a tiny file expand into billions of values ("billion laughs"); stop early.
MAX_VALUES = 100_000
MAX_DEPTH = 64

FieldPath = tuple[str | int, ...]

_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
# Dates stay as the editor wrote them; generator.dates reads them with their precision.
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


@dataclass
class Document:
    """One loaded file: its value and the line and column of every value and key in it."""

    path: str
    value: Any
    values: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: FieldPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at path, or of its nearest ancestor."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            if path[:end] in table:
                return table[path[:end]]
            if key and path[:end] in self.values:
                return self.values[path[:end]]
        return (1, 1)


def _pos(node: Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns a composed YAML node tree into dicts, lists and scalars, collecting problems."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.count = 0
        self.scalars = yaml.SafeLoader("")

    def problem(self, node: Node, where: FieldPath, message: str, hint: str = "") -> None:
        line, col = _pos(node)
        self.problems.append(Problem(self.doc.path, line, col, dotted(where), message, hint))

    def build(self, node: Node, where: FieldPath, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_VALUES or depth > MAX_DEPTH:
            raise _TooBig(node)
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
        if node.tag not in _SAFE_TAGS:
            return self._refuse_tag(node, where)
        return self.scalars.yaml_constructors[node.tag](self.scalars, node)

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
            f"the YAML tag '{node.tag}' is not allowed",
            "remove the '!' tag; briefing data is plain text, numbers, lists and fields",
        )
        return None


class _TooBig(Exception):
    def __init__(self, node: Node) -> None:
        self.node = node


def dotted(where: FieldPath) -> str:
    """A field path as an editor reads it: `events[3].date`."""
    text = ""
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _yaml_hint(problem: str) -> str:
    if "'\\t'" in problem or "tab" in problem:
        return "YAML indents with spaces, not tabs: replace the tab with spaces"
    if "end of stream" in problem and "quoted" in problem:
        return "a quote is not closed: add the closing quote"
    if "mapping values are not allowed" in problem:
        return "check the indentation, or put text containing ': ' in quotes"
    if "expected <block end>" in problem or "did not find expected" in problem:
        return "check the indentation: items of one list or fields of one item line up"
    if "could not find expected ':'" in problem:
        return "a field needs 'name: value'; if the value runs over lines, put it in quotes"
    return "check the YAML syntax around this place"


def _decode(raw: bytes, display: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raise BriefingError(
            [
                Problem(
                    display,
                    1,
                    1,
                    "",
                    "the file starts with a byte-order mark",
                    "save the file as UTF-8 without a byte-order mark (BOM)",
                )
            ]
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise BriefingError(
            [
                Problem(
                    display,
                    line,
                    col,
                    "",
                    "the file is not valid UTF-8 text",
                    "save the file with UTF-8 encoding",
                )
            ]
        ) from None


def load(path: Path, display: str) -> Document:
    """Load one YAML file safely; raise BriefingError naming every problem in it."""
    doc = Document(display, None)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BriefingError(
                [
                    Problem(
                        display,
                        1,
                        1,
                        "",
                        f"the file is too large ({size} bytes)",
                        f"a briefing file holds at most {MAX_FILE_BYTES} bytes",
                    )
                ]
            )
        raw = path.read_bytes()
    except OSError as err:
        raise BriefingError(
            [
                Problem(
                    display,
                    1,
                    1,
                    "",
                    f"cannot read the file: {err.strerror}",
                    "check that the file exists and can be read",
                )
            ]
        ) from None
    text = _decode(raw, display)
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise BriefingError(
            [
                Problem(
                    display,
                    1,
                    1,
                    "",
                    "the file is empty",
                    "fill it in, or see the README for what belongs here",
                )
            ]
        )
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = err.problem or "invalid YAML"
        if err.context:
            message = f"{err.context}, {message}"
        raise BriefingError(
            [Problem(display, line, col, "", f"YAML syntax: {message}", _yaml_hint(message))]
        ) from None
    except yaml.YAMLError as err:
        raise BriefingError(
            [Problem(display, 1, 1, "", f"YAML syntax: {err}", "check the YAML syntax")]
        ) from None
    if len(nodes) > 1:
        line, col = _pos(nodes[1])
        raise BriefingError(
            [
                Problem(
                    display,
                    line,
                    col,
                    "",
                    "the file holds more than one document",
                    "remove the '---' line that starts a second document",
                )
            ]
        )
    builder = _Builder(doc)
    try:
        doc.value = builder.build(nodes[0], ())
    except _TooBig as big:
        line, col = _pos(big.node)
        raise BriefingError(
            [
                Problem(
                    display,
                    line,
                    col,
                    "",
                    f"the data expands to more than {MAX_VALUES} values "
                    f"or nests deeper than {MAX_DEPTH} levels",
                    "remove the YAML aliases ('*name') that repeat large parts",
                )
            ]
        ) from None
    if builder.problems:
        raise BriefingError(builder.problems)
    return doc
