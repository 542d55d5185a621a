"""Wording shared by every surface (command line, window, report): plurals and runs of cars.
No Qt: physics' reasons use it too."""
from __future__ import annotations

import html
from collections.abc import Iterable


def escaped(text: object) -> str:
    """`text` made safe inside HTML (Qt's rich text, the report): shown as written, never read as
    markup, so a name like `<img src="/dev/zero">` loads nothing. The one escaping of the program."""
    return html.escape(str(text), quote=True)


def plural(word: str, n: int) -> str:
    """`word` for n of it: 'coach' → 'coaches', 'car' → 'cars', 'facility' → 'facilities'."""
    if n == 1:
        return word
    if word.endswith(("ch", "sh", "s", "x", "z")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def counted(n: int, word: str) -> str:
    """'1 car', '3 coaches', '1,200 cars'."""
    return f"{n:,} {plural(word, n)}"


def position_runs(indices: Iterable[int], most: int = 6) -> str:
    """'6-15, 20 and 43-62' for 0-based positions (shown 1-based); past `most` runs, the rest counted."""
    runs: list[tuple[int, int]] = []
    for i in sorted(indices):
        if runs and i == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], i)
        elif not runs or i != runs[-1][1]:
            runs.append((i, i))
    parts = [f"{a + 1}" if a == b else f"{a + 1}-{b + 1}" for a, b in runs]
    if len(parts) > most:
        parts = parts[:most - 1] + [f"{len(parts) - most + 1} more runs"]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
