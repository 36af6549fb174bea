"""The bad-input corpus: every kind of mistake gets one precise line from `briefing check`.

Each case changes one file of a small, valid briefing the way an editor might, runs the real
command line and expects exit code 2, no traceback, and the exact `PATH:LINE:COL: error:
FIELD: message` line followed by its hint.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import run_briefing, small_briefing


@dataclass(frozen=True)
class Case:
    """One bad input: which file, how it changes, and the line the editor must see."""

    name: str
    file: str
    change: tuple[str | bytes, str | bytes] | str | bytes | None
    line: str
    hint: str

    def apply(self, data: Path) -> None:
        path = data / self.file
        if self.change is None:
            path.unlink()
        elif isinstance(self.change, bytes):
            path.write_bytes(self.change)
        elif isinstance(self.change, str):
            path.write_text(self.change, encoding="utf-8")
        else:
            old, new = self.change
            if isinstance(old, bytes):
                assert isinstance(new, bytes)
                raw = path.read_bytes()
                assert old in raw, self.name
                path.write_bytes(raw.replace(old, new, 1))
            else:
                assert isinstance(new, str)
                text = path.read_text(encoding="utf-8")
                assert old in text, f"{self.name}: {old!r} not in {self.file}"
                path.write_text(text.replace(old, new, 1), encoding="utf-8")


TITLE = "title: Council vote on the tram line"
URL = "url: https://example.org/tram"
# Nine aliases per level, nine levels: a few hundred bytes that would expand to 9**9 values.
LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)
EVENTS = (
    "- id: vote\n"
    "  date: mid-June 2024\n"
    "  title: Council vote on the tram line\n"
    "  status: scheduled\n"
    "  actors:\n"
    "  - council\n"
    "  sources:\n"
    "  - gazette\n"
)

CASES = [
    # YAML syntax
    Case(
        "unclosed single quote",
        "events.yml",
        (TITLE, "title: 'Council vote on the tram line"),
        "data/events.yml:3:10: error: events[0].title: this quote is never closed",
        "add the closing quote",
    ),
    Case(
        "unclosed double quote",
        "events.yml",
        (TITLE, 'title: "Council vote on the tram line'),
        "data/events.yml:3:10: error: events[0].title: this quote is never closed",
        "add the closing quote",
    ),
    Case(
        "unclosed quote that an apostrophe lines later closes",
        "outlook.yml",
        ("statement: The council", "statement: 'The council"),
        "data/outlook.yml:5:14: error: outlook.judgments[0].statement: "
        "this quote is not closed on its line; it runs on to line 8",
        "inside '...' write an apostrophe as ''",
    ),
    Case(
        "field indented less than its neighbours",
        "actors.yml",
        ("  name: City Council", " name: City Council"),
        "data/actors.yml:13:2: error: actors[1]: "
        "this line is not indented like the lines around it",
        "fields of one entry line up",
    ),
    Case(
        "field indented more than its neighbours",
        "events.yml",
        ("  " + TITLE, "   " + TITLE),
        "data/events.yml:3:9: error: events[0].date: unexpected ':' here",
        "check the indentation",
    ),
    Case(
        "tab used for indentation",
        "events.yml",
        ("  " + TITLE, "\t" + TITLE),
        "data/events.yml:3:1: error: events[0]: a tab character is not allowed here",
        "YAML indents with spaces, not tabs",
    ),
    Case(
        "tab in a nested entry",
        "outlook.yml",
        ("  statement:", "\t statement:"),
        "data/outlook.yml:5:1: error: outlook.judgments[0]: a tab character is not allowed here",
        "replace the tab with spaces",
    ),
    Case(
        "colon and space inside unquoted text",
        "events.yml",
        (TITLE, "title: Council vote: the tram line"),
        "data/events.yml:3:22: error: events[0].title: unexpected ':' here",
        "put all of it in quotes",
    ),
    Case(
        "list opened with a bracket and never closed",
        "events.yml",
        ("  actors:\n  - council\n", "  actors: [council\n"),
        "data/events.yml:6:10: error: events[0].actors[0]: a list opened with '[' is not closed",
        "close it with ']'",
    ),
    Case(
        "backslash in double quotes",
        "events.yml",
        (TITLE, 'title: "C:\\qvote"'),
        "data/events.yml:3:13: error: events[0].title: "
        "inside double quotes, a backslash starts an escape code",
        "use single quotes",
    ),
    Case(
        "alias to an anchor that does not exist",
        "events.yml",
        (TITLE, "title: *nope"),
        "data/events.yml:3:10: error: events[0].title: "
        "'*' refers to an anchor ('&name') that does not exist",
        "write the value out in full",
    ),
    Case(
        "a second document after ---",
        "events.yml",
        EVENTS + "---\n- id: x\n",
        "data/events.yml:9:1: error: events: the file holds more than one document",
        "remove the '---' line",
    ),
    Case(
        "invisible control character pasted into text",
        "events.yml",
        (TITLE, "title: Coun\x07cil vote"),
        "data/events.yml:3:14: error: events[0].title: "
        "the invisible control character U+0007 is not allowed",
        "delete it",
    ),
    # Duplicate keys, which PyYAML would silently accept
    Case(
        "field given twice in an entry",
        "events.yml",
        ("  status: scheduled\n", "  status: scheduled\n  status: held\n"),
        "data/events.yml:5:3: error: events[0].status: field 'status' is given twice",
        "it was first given on line 4; keep one of them",
    ),
    Case(
        "top-level field given twice",
        "briefing.yml",
        ("as_of: '2024-06-03'\n", "as_of: '2024-06-03'\ntitle: Again\n"),
        "data/briefing.yml:3:1: error: briefing.title: field 'title' is given twice",
        "it was first given on line 1",
    ),
    Case(
        "merge key",
        "actors.yml",
        "- &a\n  id: a\n  name: A\n  kind: person\n  role: r\n  sources: [gazette]\n"
        "- <<: *a\n  id: b\n",
        "data/actors.yml:7:3: error: actors[1]: merge keys ('<<') are not supported",
        "write the fields out in full",
    ),
    Case(
        "a list used as a field name",
        "events.yml",
        ("  status: scheduled", "  status: scheduled\n  ? [a]\n  : b"),
        "data/events.yml:5:5: error: events[0]: a field name must be plain text",
        "write field names as words",
    ),
    # Wrong types
    Case(
        "one word where a list belongs",
        "events.yml",
        ("  actors:\n  - council\n", "  actors: council\n"),
        "data/events.yml:5:11: error: events[0].actors: expected a list, found 'council'",
        "write a list: [a, b]",
    ),
    Case(
        "a list where text belongs",
        "actors.yml",
        ("  name: City Council", "  name: [City, Council]"),
        "data/actors.yml:13:9: error: actors[1].name: expected text, found a list",
        "put the text in quotes",
    ),
    Case(
        "a number where text belongs",
        "actors.yml",
        ("  name: City Council", "  name: 42"),
        "data/actors.yml:13:9: error: actors[1].name: expected text, found '42'",
        "put the text in quotes",
    ),
    Case(
        "a number as an id",
        "events.yml",
        ("- id: vote", "- id: 2024"),
        "data/events.yml:1:7: error: events[0].id: expected text, found '2024'",
        "put the text in quotes",
    ),
    Case(
        "a claim written with the old 'quote: true'",
        "claims.yml",
        ("  form: quote", "  quote: true"),
        "data/claims.yml:5:3: error: claims[0].quote: unknown field 'quote'",
        "write 'form: quote' for the speaker's own words",
    ),
    Case(
        "a claim's form outside the list",
        "claims.yml",
        ("  form: quote", "  form: paraphase"),
        "data/claims.yml:5:9: error: claims[0].form: 'paraphase' is not allowed here",
        "did you mean 'paraphrase'?",
    ),
    Case(
        "text where fields belong",
        "briefing.yml",
        (
            "summary:\n  text: The council meets to vote on the northern tram line.\n"
            "  sources:\n  - gazette\n",
            "summary: The council meets.\n",
        ),
        "data/briefing.yml:3:10: error: briefing.summary: "
        "expected fields (name: value), found 'The council meets.'",
        "indent the fields under this name",
    ),
    Case(
        "a field left without a value",
        "events.yml",
        (TITLE, "title:"),
        "data/events.yml:3:9: error: events[0].title: expected text, found nothing",
        "put the text in quotes",
    ),
    Case(
        "empty quotes",
        "events.yml",
        (TITLE, "title: ''"),
        "data/events.yml:3:10: error: events[0].title: must not be empty",
        "write the text",
    ),
    Case(
        "text far too long",
        "events.yml",
        (TITLE, "title: " + "word " * 1200),
        "data/events.yml:3:10: error: events[0].title: is too long (5999 characters)",
        "keep it to at most 5000 characters",
    ),
    # Missing and unknown fields, wrong choices
    Case(
        "required field missing",
        "events.yml",
        ("  status: scheduled\n", ""),
        "data/events.yml:1:3: error: events[0].status: required field 'status' is missing",
        "add 'status:' here",
    ),
    Case(
        "title of the briefing missing",
        "briefing.yml",
        ("title: Harbour city votes on a tram line\n", ""),
        "data/briefing.yml:1:1: error: briefing.title: required field 'title' is missing",
        "add 'title:' here",
    ),
    Case(
        "a fact with an empty source list",
        "briefing.yml",
        (
            "key_points:\n- text: The vote is set for mid-June.\n  sources:\n  - gazette\n",
            "key_points:\n- text: The vote is set for mid-June.\n  sources: []\n",
        ),
        "data/briefing.yml:9:12: error: briefing.key_points[0].sources: needs at least one entry",
        "add at least one",
    ),
    Case(
        "misspelt field name",
        "actors.yml",
        ("  role: Votes", "  rol: Votes"),
        "data/actors.yml:15:3: error: actors[1].rol: unknown field 'rol'",
        "did you mean 'role'?",
    ),
    Case(
        "misspelt top-level field name",
        "outlook.yml",
        ("question:", "questoin:"),
        "data/outlook.yml:2:1: error: outlook.questoin: unknown field 'questoin'",
        "did you mean 'question'?",
    ),
    Case(
        "field the schema does not know",
        "actors.yml",
        ("  role: Votes on the tram line\n", "  role: Votes on the tram line\n  colour: blue\n"),
        "data/actors.yml:16:3: error: actors[1].colour: unknown field 'colour'",
        "allowed fields: id, name, kind, role, position, links, sources",
    ),
    Case(
        "misspelt status",
        "events.yml",
        ("status: scheduled", "status: sheduled"),
        "data/events.yml:4:11: error: events[0].status: 'sheduled' is not allowed here",
        "did you mean 'scheduled'?",
    ),
    Case(
        "likelihood not in the estimative words",
        "outlook.yml",
        ("likelihood: likely", "likelihood: probably"),
        "data/outlook.yml:6:15: error: outlook.judgments[0].likelihood: "
        "'probably' is not allowed here",
        "did you mean 'probable'?",
    ),
    # Dates
    Case(
        "impossible date",
        "events.yml",
        ("date: mid-June 2024", "date: 2025-02-30"),
        "data/events.yml:2:9: error: events[0].date: February 2025 has no day 30",
        "February 2025 has days 1 to 28",
    ),
    Case(
        "misspelt month",
        "events.yml",
        ("date: mid-June 2024", "date: Febuary 2025"),
        "data/events.yml:2:9: error: events[0].date: 'Febuary' is not a month",
        "did you mean 'February'?",
    ),
    Case(
        "a word that is no date",
        "events.yml",
        ("date: mid-June 2024", "date: soon"),
        "data/events.yml:2:9: error: events[0].date: 'soon' is not a date",
        "write it as 2025, 2025-04, 2025-04-15",
    ),
    Case(
        "month 13",
        "sources.yml",
        ("date: '2024-05-30'", "date: 2024-13-01"),
        "data/sources.yml:4:9: error: sources[0].date: month 13 does not exist",
        "months run from 1 to 12",
    ),
    Case(
        "a list as a date",
        "sources.yml",
        ("date: '2024-05-30'", "date: [2024]"),
        "data/sources.yml:4:9: error: sources[0].date: expected a date, found list",
        "write it as 2025",
    ),
    Case(
        "as-of date without a day",
        "briefing.yml",
        ("as_of: '2024-06-03'", "as_of: June 2024"),
        "data/briefing.yml:2:8: error: briefing.as_of: the as-of date must be a full date",
        "write it as 2025-03-31",
    ),
    # Ids and references
    Case(
        "the same id twice",
        "actors.yml",
        ("- id: council", "- id: mayor-lind"),
        "data/actors.yml:12:7: error: actors[1].id: id 'mayor-lind' is used twice",
        "it is first used on line 1",
    ),
    Case(
        "terminal escape code in an id",
        "events.yml",
        ("- id: vote", '- id: "\\e[31mvote"'),
        "data/events.yml:1:7: error: events[0].id: "
        "the invisible control character U+001B is not allowed",
        "delete it",
    ),
    Case(
        "an id with spaces and capitals",
        "actors.yml",
        ("- id: council", "- id: City Council"),
        "data/actors.yml:12:7: error: actors[1].id: 'City Council' is not a valid id",
        "lower-case letters, digits and single hyphens",
    ),
    Case(
        "citation of a source that does not exist",
        "events.yml",
        ("  - gazette", "  - gazete"),
        "data/events.yml:8:5: error: events[0].sources[0]: no source has the id 'gazete'",
        "did you mean 'gazette'?",
    ),
    Case(
        "event naming an actor that does not exist",
        "events.yml",
        ("  - council", "  - counsil"),
        "data/events.yml:6:5: error: events[0].actors[0]: no actor has the id 'counsil'",
        "did you mean 'council'?",
    ),
    Case(
        "outlook pointing at an event that does not exist",
        "outlook.yml",
        ("next_event: vote", "next_event: the-vote"),
        "data/outlook.yml:1:13: error: outlook.next_event: no event has the id 'the-vote'",
        "did you mean 'vote'?",
    ),
    Case(
        "claim reported via an actor that is no outlet",
        "claims.yml",
        ("  form: quote", "  form: quote\n  via: council"),
        "data/claims.yml:6:8: error: claims[0].via: 'council' is not an outlet",
        "'via' names the outlet",
    ),
    # Whole files
    Case(
        "empty file",
        "events.yml",
        "",
        "data/events.yml:1:1: error: events: the file is empty",
        "fill it in",
    ),
    Case(
        "file with only comments",
        "events.yml",
        "# to do\n\n",
        "data/events.yml:1:1: error: events: the file is empty",
        "fill it in",
    ),
    Case(
        "fields at the top of a file that holds a list",
        "events.yml",
        "id: vote\ndate: 2024\n",
        "data/events.yml:1:1: error: events: expected a list, found fields (name: value)",
        "one '- item' per line",
    ),
    Case(
        "a list at the top of a file that holds fields",
        "briefing.yml",
        "- title: x\n",
        "data/briefing.yml:1:1: error: briefing: expected fields (name: value), found a list",
        "one 'name: value' per line",
    ),
    Case(
        "a line of text as the whole file",
        "outlook.yml",
        "just text\n",
        "data/outlook.yml:1:1: error: outlook: expected fields (name: value), found 'just text'",
        "one 'name: value' per line",
    ),
    Case(
        "file saved as Latin-1",
        "events.yml",
        (b"Council vote", "Café vote".encode("latin-1")),
        "data/events.yml:3:13: error: events[0].title: the byte 0xE9 here is not UTF-8 text",
        "save the file with UTF-8 encoding",
    ),
    Case(
        "byte-order mark",
        "events.yml",
        b"\xef\xbb\xbf" + EVENTS.encode(),
        "data/events.yml:1:1: error: events: the file starts with a byte-order mark",
        "without a byte-order mark",
    ),
    Case(
        "a required data file missing",
        "sources.yml",
        None,
        "data/sources.yml:1:1: error: sources: this data file is missing",
        "create data/sources.yml",
    ),
    Case(
        "data file with a misspelt name",
        "event.yml",
        "- id: x\n",
        "data/event.yml:1:1: error: event: this is not a briefing data file",
        "did you mean 'events.yml'?",
    ),
    Case(
        "data file ending in .yaml",
        "claims.yaml",
        "- id: x\n",
        "data/claims.yaml:1:1: error: claims: this is not a briefing data file",
        "did you mean 'claims.yml'?",
    ),
    # Hostile YAML
    Case(
        "python object tag",
        "events.yml",
        (TITLE, "title: !!python/object/apply:os.system ['echo owned']"),
        "data/events.yml:3:10: error: events[0].title: "
        "the YAML tag '!!python/object/apply:os.system' is not allowed",
        "remove the '!' tag",
    ),
    Case(
        "python name tag",
        "sources.yml",
        ("kind: newspaper", "kind: !!python/name:os.system"),
        "data/sources.yml:6:9: error: sources[0].kind: "
        "the YAML tag '!!python/name:os.system' is not allowed",
        "remove the '!' tag",
    ),
    Case(
        "local tag",
        "events.yml",
        (TITLE, "title: !secret x"),
        "data/events.yml:3:10: error: events[0].title: the YAML tag '!secret' is not allowed",
        "remove the '!' tag",
    ),
    Case(
        "billion laughs",
        "events.yml",
        LAUGHS,
        "data/events.yml:6:4: error: events.f: "
        "the aliases ('*name') here expand to more than 100000 values",
        "write the values out",
    ),
    Case(
        "brackets nested fifty thousand deep",
        "events.yml",
        "- " + "[" * 50_000 + "]" * 50_000 + "\n",
        "data/events.yml:1:66: error: events[0][0]: the data nests more than 64 levels deep",
        "only a few levels",
    ),
    Case(
        "file over a megabyte",
        "events.yml",
        "- id: x\n  title: '" + "x" * 1_100_000 + "'\n",
        "data/events.yml:1:1: error: events: the file is too large (1100020 bytes)",
        "at most 1000000 bytes",
    ),
    # Addresses
    Case(
        "javascript address",
        "sources.yml",
        (URL, "url: javascript:alert(1)"),
        "data/sources.yml:5:8: error: sources[0].url: "
        "'javascript:' addresses are not allowed; only http, https and mailto",
        "link to a web page",
    ),
    Case(
        "data address",
        "sources.yml",
        (URL, "url: 'data:text/html,<script>alert(1)</script>'"),
        "data/sources.yml:5:8: error: sources[0].url: "
        "'data:' addresses are not allowed; only http, https and mailto",
        "link to a web page",
    ),
    Case(
        "ftp address",
        "sources.yml",
        (URL, "url: ftp://example.org/tram"),
        "data/sources.yml:5:8: error: sources[0].url: "
        "'ftp:' addresses are not allowed; only http, https and mailto",
        "link to a web page",
    ),
    Case(
        "file address",
        "sources.yml",
        (URL, "url: file:///etc/passwd"),
        "data/sources.yml:5:8: error: sources[0].url: "
        "'file:' addresses are not allowed; only http, https and mailto",
        "link to a web page",
    ),
    Case(
        "address without https://",
        "sources.yml",
        (URL, "url: example.org/tram"),
        "data/sources.yml:5:8: error: sources[0].url: "
        "the address does not start with https:// (or http://, mailto:)",
        "like https://example.org/page",
    ),
    Case(
        "address with a space",
        "sources.yml",
        (URL, "url: https://example.org/tr am"),
        "data/sources.yml:5:8: error: sources[0].url: the address contains spaces",
        "encode spaces as %20",
    ),
    Case(
        "an actor id that would replace the actors list page",
        "actors.yml",
        ("- id: council", "- id: index"),
        "data/actors.yml:12:7: error: actors[1].id: the id 'index' is reserved for the actors list",
        "choose another id",
    ),
    Case(
        "a year too far ahead to draw",
        "events.yml",
        ("date: mid-June 2024", "date: 9999-12-31"),
        "data/events.yml:2:9: error: events[0].date: year 9999 is out of range",
        "write a year from 1000 to 9000",
    ),
    # Numbers shown as typed, whatever YAML would make of them; and no length breaks them
    Case(
        "a number written like a time where text belongs",
        "events.yml",
        (TITLE, "title: 1:20"),
        "data/events.yml:3:10: error: events[0].title: expected text, found '1:20'",
        "put the text in quotes",
    ),
    Case(
        "a hexadecimal number where text belongs",
        "events.yml",
        (TITLE, "title: 0x1F"),
        "data/events.yml:3:10: error: events[0].title: expected text, found '0x1F'",
        "put the text in quotes",
    ),
    Case(
        "a date written as a hexadecimal number",
        "events.yml",
        ("date: mid-June 2024", "date: 0x7E8"),
        "data/events.yml:2:9: error: events[0].date: '0x7E8' is not a date",
        "write it as 2025",
    ),
    Case(
        "a number of five thousand digits",
        "events.yml",
        (TITLE, "title: " + "1" * 5000),
        f"data/events.yml:3:10: error: events[0].title: expected text, found '{'1' * 40}…'",
        "put the text in quotes",
    ),
    Case(
        "a '%YAML' line with a version of five thousand digits",
        "events.yml",
        f"%YAML 1.{'1' * 5000}\n---\n" + EVENTS,
        "data/events.yml:1:9: error: events: this line cannot be read as YAML",
        "briefing files need no '%YAML' or '%TAG' line",
    ),
    Case(
        "a number where true or false belongs",
        "outlook.yml",
        ("likelihood: likely", "likelihood: likely\n  key: 1"),
        "data/outlook.yml:7:8: error: outlook.judgments[0].key: expected true or false, found '1'",
        "write true or false",
    ),
    # Text a reader would not see, however it is typed
    Case(
        "half a surrogate pair typed as an escape",
        "events.yml",
        (TITLE, 'title: "Council vote \\ud83d"'),
        "data/events.yml:3:10: error: events[0].title: "
        "the escape \\ud83d is half of a surrogate pair, not a character",
        "write the character itself, or its code with a capital U and eight hex digits",
    ),
    Case(
        "a NUL typed as an escape",
        "events.yml",
        (TITLE, 'title: "Council\\0vote"'),
        "data/events.yml:3:10: error: events[0].title: "
        "the invisible control character U+0000 is not allowed",
        "delete it",
    ),
    Case(
        "a terminal escape typed as an escape in text",
        "actors.yml",
        ("  name: City Council", '  name: "\\x1b[8mCity Council"'),
        "data/actors.yml:13:9: error: actors[1].name: "
        "the invisible control character U+001B is not allowed",
        "delete it",
    ),
    Case(
        "text made only of a zero-width space",
        "events.yml",
        (TITLE, 'title: "\\u200b"'),
        "data/events.yml:3:10: error: events[0].title: "
        "the text has no visible character (only U+200B)",
        "write the text, or remove the field if it is optional",
    ),
    Case(
        "text made only of an information separator",
        "actors.yml",
        ("  name: City Council", '  name: "\\x1c"'),
        "data/actors.yml:13:9: error: actors[1].name: "
        "the invisible control character U+001C is not allowed",
        "delete it",
    ),
    Case(
        "a right-to-left override left open in an outlet",
        "sources.yml",
        ("outlet: Harbour Gazette", 'outlet: "Harbour \\u202eGazette"'),
        "data/sources.yml:2:11: error: sources[0].outlet: the right-to-left override U+202E "
        "is never closed, so it would turn the text after it around",
        "close it with U+202C in the same text, or delete it",
    ),
    Case(
        "a bidirectional isolate closed that was never opened",
        "sources.yml",
        ("outlet: Harbour Gazette", 'outlet: "Harbour Gazette\\u2069"'),
        "data/sources.yml:2:11: error: sources[0].outlet: "
        "the bidirectional control U+2069 here closes nothing",
        "delete it",
    ),
    Case(
        "an address that cannot be read",
        "sources.yml",
        (URL, "url: https://[::1/tram"),
        "data/sources.yml:5:8: error: sources[0].url: the address cannot be read: Invalid IPv6 URL",
        "copy the address again",
    ),
]


@pytest.fixture
def project(tmp_path: Path, write_data) -> Path:
    write_data(small_briefing(), tmp_path / "data")
    return tmp_path


def test_the_corpus_is_large_and_every_case_is_distinct():
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_gets_one_located_line_and_a_hint(case: Case, project: Path):
    case.apply(project / "data")
    result = run_briefing("check", cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert case.line in lines, result.stderr
    hint = lines[lines.index(case.line) + 1]
    assert hint.startswith("    hint: ") and case.hint in hint, result.stderr
    # Every line is a located problem, its hint, or the closing summary.
    for line in lines[:-1]:
        assert line.startswith(("data/", "    hint: ")), line
    assert lines[-1].endswith("found; nothing was changed.")


def test_problems_in_several_files_all_appear_in_one_run(project: Path):
    data = project / "data"
    for case_name in (
        "unclosed single quote",
        "misspelt field name",
        "javascript address",
        "likelihood not in the estimative words",
        "byte-order mark",
    ):
        if case_name == "byte-order mark":
            (data / "claims.yml").write_bytes(b"\xef\xbb\xbf" + (data / "claims.yml").read_bytes())
            continue
        next(case for case in CASES if case.name == case_name).apply(data)
    result = run_briefing("check", cwd=project)
    assert result.returncode == 2
    located = [line.split(":", 1)[0] for line in result.stderr.splitlines() if ": error: " in line]
    assert located == [
        "data/actors.yml",
        "data/claims.yml",
        "data/events.yml",
        "data/outlook.yml",
        "data/sources.yml",
    ]
    assert result.stderr.splitlines()[-1] == "5 errors found; nothing was changed."


def test_a_device_or_pipe_in_place_of_a_data_file_is_refused_without_reading_it(project: Path):
    data = project / "data"
    (data / "events.yml").unlink()
    (data / "events.yml").symlink_to("/dev/zero")
    (data / "claims.yml").unlink()
    os.mkfifo(data / "claims.yml")
    result = run_briefing("check", cwd=project, timeout=30)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert "data/claims.yml:1:1: error: claims: this is not a regular file" in lines
    # A link is refused as a link, whatever it points to (here a device that never ends).
    link = (
        "data/events.yml:1:1: error: events: this is a link to another file, not a file of its own"
    )
    assert link in lines


def test_a_missing_data_folder_is_named(tmp_path: Path):
    result = run_briefing("check", "--data", "nowhere", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("nowhere:1:1: error: the data folder does not exist")
    assert "pass --data DIR" in result.stderr
