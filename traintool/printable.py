"""Values echoed to a terminal or a dialog: one line, control characters escaped, a readable length.

A document name, a car name, an unknown key or a file name comes from whoever wrote the file:
raw, an escape sequence would drive the terminal, a newline would forge lines of output, and a
10 MB key would freeze a dialog. Every message a user reads passes through here (the CLI and the
error dialogs), and the loader uses it for the values it quotes.
"""
from __future__ import annotations

import re
import unicodedata
from typing import TextIO

LINE_LIMIT = 300  # characters: a line a person reads, not the value in full
MAX_LINES = 12  # lines of one message: the first few problems, then "... and N more"


def _escape(ch: str) -> str:
    code = ord(ch)
    if ch == "\t":
        return "\\t"
    if ch == "\n":
        return "\\n"
    if ch == "\r":
        return "\\r"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _unsafe(ch: str) -> bool:
    # Cc: C0/C1 controls and DEL (escape sequences); Cf: bidi overrides and other invisible format
    # characters that reorder or hide text; Zl/Zp: line and paragraph separators.
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs")


def printable(value: object, limit: int = LINE_LIMIT) -> str:
    """`value` as one line: control and format characters escaped, cut to about `limit` characters."""
    text = str(value)
    cut = len(text) > limit
    head = text[:limit]
    out = "".join(_escape(c) if _unsafe(c) else c for c in head)
    if len(out) > limit:  # the escapes made it longer: cut again, never inside an escape's meaning
        out = out[:limit]
        cut = True
    if cut:
        out += f"… ({len(text):,} characters in all)"
    return out


def printable_lines(message: object, limit: int = LINE_LIMIT, max_lines: int = MAX_LINES) -> str:
    """A message of several lines (one problem each), each line printable, at most `max_lines`."""
    lines = str(message).splitlines() or [""]
    out = [printable(line, limit) for line in lines[:max_lines]]
    if len(lines) > max_lines:
        out.append(f"... and {len(lines) - max_lines} more lines")
    return "\n".join(out)


# What must never reach a terminal raw, whatever a command prints: C0/C1 controls but the newline,
# DEL, and the invisible format characters that reorder or hide text (bidi overrides above all).
_UNSAFE_IN_OUTPUT = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
                               "\u2060-\u206f\ufeff\ufff9-\ufffb]")


class EscapingWriter:
    """A text stream that escapes, as printable() does, every unsafe character written to it but
    the newline: the command line's safety net for values no command remembered to escape."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(_UNSAFE_IN_OUTPUT.sub(lambda m: _escape(m.group()), text))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)
