"""JSON Schemas for the data files, generated from the model, so editors' tools help as they type.

Never kept by hand: `briefing schema NAME` prints one, `briefing schema --out schema` writes
them all, and a test holds the committed copies in schema/ to what the model says now. Each
data file names its schema on its first line (`SCHEMA_COMMENT`), which the YAML extension of
VS Code and other editors read to complete field names and flag mistakes while typing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from generator.data.validation import FILE_SCHEMAS

DIALECT = "https://json-schema.org/draft/2020-12/schema"
FILE_NAMES = tuple(FILE_SCHEMAS)
# The first line of every data file: the comment editors' tools read to find its schema.
SCHEMA_COMMENT = "# yaml-language-server: $schema="


def file_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of data/NAME.yml."""
    generated = FILE_SCHEMAS[name].json_schema()
    return {
        "$schema": DIALECT,
        "title": f"{name}.yml",
        "description": f"One file of a briefing's data, {name}.yml. Generated from the model "
        "by `briefing schema`: do not edit; `briefing check` checks more than it says.",
        **generated,
    }


def schema_text(name: str) -> str:
    """The schema as it is printed and committed: stable JSON, one newline at the end."""
    return json.dumps(file_schema(name), indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every data file's schema into folder as NAME.json; return those whose bytes changed."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FILE_NAMES:
        target = folder / f"{name}.json"
        text = schema_text(name)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written


def schema_comment(data_file: Path, schema_folder: Path, name: str | None = None) -> str:
    """The first line for data_file: the schema of `name` (default: the file's own name) in
    schema_folder, as a path relative to the file."""
    schema = schema_folder / f"{name or data_file.stem}.json"
    relative = Path(os.path.relpath(schema.resolve(), data_file.parent.resolve())).as_posix()
    return SCHEMA_COMMENT + relative


def relink_schema(data_file: Path, schema_folder: Path, at: Path | None = None) -> None:
    """Point a copied data file's schema comment at schema_folder again, from where the file
    is (or, with `at`, from where it is about to be moved); the schema it names stays."""
    text = data_file.read_text(encoding="utf-8")
    if not text.startswith(SCHEMA_COMMENT):
        return
    first, newline, rest = text.partition("\n")
    name = Path(first.removeprefix(SCHEMA_COMMENT).strip()).stem
    first = schema_comment(at or data_file, schema_folder, name)
    data_file.write_text(first + newline + rest, encoding="utf-8")
