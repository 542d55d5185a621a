"""The consist edits a user makes, as pure functions from (cars, selection) to new cars.

Each returns the new list of cars, the new selection and the text of the undo step; the
DocumentHolder turns that into one undoable command.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..text import counted

if TYPE_CHECKING:  # the window imports this module before the model loads (start-up time)
    from ..model import Car, CarType

    Edit = tuple[list[Car], list[int], str]


def type_phrase(types: list[CarType]) -> str:
    """'3 armored coaches', '2 cars': how undo steps name what they moved."""
    n = len(types)
    labels = {t.label for t in types}
    if len(labels) == 1:
        label = types[0].label.split(" (")[0]
        return label if n == 1 else counted(n, label[0].lower() + label[1:])
    kinds = {t.kind for t in types}
    if len(kinds) == 1:
        from ..model import KIND_LABELS

        k = KIND_LABELS[types[0].kind].lower()
        return k if n == 1 else counted(n, k)
    return counted(n, "car")


def insert(cars: list[Car], at: int, new: list[Car], phrase: str) -> Edit:
    at = max(0, min(at, len(cars)))
    out = cars[:at] + list(new) + cars[at:]
    return out, list(range(at, at + len(new))), f"Insert {phrase}"


def delete(cars: list[Car], selection: list[int], phrase: str) -> Edit:
    sel = set(selection)
    out = [c for i, c in enumerate(cars) if i not in sel]
    first = min(sel) if sel else 0
    return out, ([min(first, len(out) - 1)] if out else []), f"Delete {phrase}"


def move_to(cars: list[Car], selection: list[int], target: int, phrase: str) -> Edit:
    """Move the selected cars, in their order, to land before the car now at `target`."""
    sel = sorted(set(selection))
    moving = [cars[i] for i in sel]
    before = sum(1 for i in sel if i < target)
    rest = [c for i, c in enumerate(cars) if i not in set(sel)]
    at = max(0, min(target - before, len(rest)))
    out = rest[:at] + moving + rest[at:]
    return out, list(range(at, at + len(moving))), f"Move {phrase}"


def shift(cars: list[Car], selection: list[int], step: int, phrase: str) -> Edit | None:
    """Move the selection one place left (-1) or right (+1); None at the end of the train."""
    sel = sorted(set(selection))
    if not sel or (step < 0 and sel[0] == 0) or (step > 0 and sel[-1] == len(cars) - 1):
        return None
    target = sel[0] - 1 if step < 0 else sel[-1] + 2
    out, new_sel, _ = move_to(cars, sel, target, phrase)
    return out, new_sel, f"Move {phrase} {'left' if step < 0 else 'right'}"


def duplicate(cars: list[Car], selection: list[int], phrase: str) -> Edit:
    sel = sorted(set(selection))
    copies = [cars[i].model_copy() for i in sel]
    out, new_sel, _ = insert(cars, sel[-1] + 1, copies, phrase)
    return out, new_sel, f"Duplicate {phrase}"


def reverse(cars: list[Car], selection: list[int], phrase: str) -> Edit:
    """Reverse the order of the selected cars among their own places."""
    sel = sorted(set(selection))
    out = list(cars)
    for i, j in zip(sel, reversed(sel)):
        out[i] = cars[j]
    return out, sel, f"Reverse {phrase}"
