"""Text checked for what a reader would see, however it was typed (raw or as a YAML escape).

A text may not hold control characters or half a surrogate pair, must show at least one
visible character, and must close every bidirectional embedding, override or isolate it opens:
left open, one would turn the rest of the line it is shown in around.
"""

from __future__ import annotations

import re
import unicodedata

# Whitespace a reader sees as a space or a line break; every other control character is refused.
_ALLOWED_CONTROLS = {"\t", "\n"}
# Opened by an embedding or override, closed by POP DIRECTIONAL FORMATTING (U+202C).
_EMBEDDINGS = {
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
}
_POP = "\u202c"
# Opened by an isolate, closed by POP DIRECTIONAL ISOLATE (U+2069).
_ISOLATES = {
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first-strong isolate",
}
_POP_ISOLATE = "\u2069"
# Letters that draw nothing (Hangul fillers, the blank Braille pattern): invisible though assigned.
_BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}
# Categories with nothing to see on their own: spaces, separators, controls, format
# characters (zero-width space, joiners), surrogates, and combining marks, which only change
# the character before them. Unassigned code points count as seen: Python's Unicode tables
# may be older than the text.
_UNSEEN_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Mn", "Me"}


# Any character that calls for a closer look; text without one, holding a visible ASCII
# character, is fine as it is (most text: checked at the speed of a regular expression).
SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
PLAINLY_SEEN = re.compile("[!-~]")


def code(ch: str) -> str:
    """A character as a reader of a message can look it up: 'U+200B'."""
    return f"U+{ord(ch):04X}"


def unseen_problem(text: str) -> tuple[str, str] | None:
    """What a reader would not see, or be misled by, in text: (message, hint), or None."""
    if PLAINLY_SEEN.search(text) and not SUSPECT.search(text):
        return None
    for ch in text:
        if "\ud800" <= ch <= "\udfff":
            return (
                f"the escape \\u{ord(ch):04x} is half of a surrogate pair, not a character",
                "write the character itself, or its code with a capital U and eight hex "
                "digits, like \\U0001F600",
            )
        if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS:
            return (
                f"the invisible control character {code(ch)} is not allowed",
                "delete it (in double quotes, escapes such as \\0, \\e or \\x1b make one)",
            )
    if text and all(_unseen(ch) for ch in text):
        listed = ", ".join(dict.fromkeys(code(ch) for ch in text if not ch.isspace()))
        return (
            f"the text has no visible character (only {listed or 'spaces'})",
            "write the text, or remove the field if it is optional",
        )
    return unbalanced(text)


def _unseen(ch: str) -> bool:
    return ch in _BLANK_LETTERS or unicodedata.category(ch) in _UNSEEN_CATEGORIES


def unbalanced(text: str) -> tuple[str, str] | None:
    """A bidirectional control left open or closing nothing, following Unicode's pairing."""
    opened: list[str] = []
    for ch in text:
        if ch in _EMBEDDINGS or ch in _ISOLATES:
            opened.append(ch)
        elif ch == _POP and opened and opened[-1] in _EMBEDDINGS:
            opened.pop()
        elif ch == _POP_ISOLATE and any(o in _ISOLATES for o in opened):
            # An isolate's end also ends every embedding opened inside it.
            while opened.pop() not in _ISOLATES:
                pass
        elif ch in (_POP, _POP_ISOLATE):
            return (
                f"the bidirectional control {code(ch)} here closes nothing",
                "delete it, or open what it closes in the same text",
            )
    if not opened:
        return None
    first = opened[0]
    name = _EMBEDDINGS.get(first) or _ISOLATES[first]
    closer = _POP if first in _EMBEDDINGS else _POP_ISOLATE
    return (
        f"the {name} {code(first)} is never closed, so it would turn the text after it around",
        f"close it with {code(closer)} in the same text, or delete it",
    )
