"""The plural rule for the names of things traintool counts: cars, coaches, kinds of car.

Good enough for the nouns it meets (car types and kinds); no Qt, so the model's edits can use it.
"""
from __future__ import annotations


def plural(word: str, n: int) -> str:
    """'coach' for one, 'coaches' for any other number."""
    if n == 1:
        return word
    return word + ("es" if word.endswith(("ch", "sh", "s", "x", "z")) else "s")


def counted(n: int, word: str) -> str:
    """'1 car', '3 coaches', '1,200 cars'."""
    return f"{n:,} {plural(word, n)}"
