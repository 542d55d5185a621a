"""The window's keyboard shortcuts: each action's own key or a platform's standard key, without clashes.

A standard key (QKeySequence.StandardKey) stands for several sequences, which differ by platform:
its first is the one the platform's users know; the others are extras (on X11, Delete is also
Ctrl+D, an emacs binding meant for line edits). An extra that another action claims as its own
shortcut or first binding is left out, so that no key is ambiguous ("Ambiguous shortcut overload")
and does nothing: Duplicate keeps Ctrl+D on every platform.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtGui import QAction, QKeySequence

Spec = QKeySequence.StandardKey | str  # a standard key, or a sequence such as "Ctrl+D"
Bindings = Callable[[QKeySequence.StandardKey], Sequence[QKeySequence]]


def assign(specs: Mapping[QAction, Sequence[Spec]],
           bindings: Bindings = QKeySequence.keyBindings) -> dict[QAction, list[QKeySequence]]:
    """Each action's key sequences on a platform whose standard keys expand by `bindings`."""
    first: dict[QAction, list[QKeySequence]] = {}
    extra: dict[QAction, list[QKeySequence]] = {}
    for action, spec in specs.items():
        first[action], extra[action] = [], []
        for s in spec:
            if isinstance(s, QKeySequence.StandardKey):
                seqs = list(bindings(s))
                first[action] += seqs[:1]
                extra[action] += seqs[1:]
            else:
                first[action].append(QKeySequence(s))
    claimed = {seq.toString(): a for a, seqs in first.items() for seq in seqs}
    out = {}
    for action in specs:
        seqs = first[action] + [q for q in extra[action] if claimed.get(q.toString(), action) is action]
        unique: dict[str, QKeySequence] = {}
        for q in seqs:
            unique.setdefault(q.toString(), q)
        out[action] = list(unique.values())
    return out


def apply(specs: Mapping[QAction, Sequence[Spec]]) -> None:
    """Give each action its sequences on this platform."""
    for action, seqs in assign(specs).items():
        action.setShortcuts(seqs)
