"""When Python's cyclic garbage collector may run, for a window that must never freeze.

The collector's full pass walks every object alive. The window's long-lived objects (start-up's
modules, classes and schemas; a 100,000-car document's cars) would be walked over and over, a
pass inside some later edit (150 ms at 100,000 cars). So what lives long is frozen out of its
reach (gc.freeze) once it is in place, and the collector looks only at what the session makes.
Objects frozen are still freed by reference counting; only cycles among them wait, until the
next document is settled.
"""
from __future__ import annotations

import gc

BIG_DOCUMENT_CARS = 10_000  # below this a document's objects are few enough to leave to the collector


def hold() -> None:
    """Start-up allocates millions of long-lived objects: the collector waits until the window is
    ready (settle), rather than scanning them again and again as they pile up (a tenth of start-up)."""
    gc.disable()


def settle() -> None:
    """What exists now lives as long as the window: out of the collector's reach from now on."""
    gc.freeze()
    gc.enable()


def settle_document(cars: int) -> None:
    """A document has just come in. A big one is settled like start-up: the previous documents'
    cycles collected once (their objects were frozen), then everything now alive frozen. The one
    pass happens here, while the person waits for the file anyway, not inside an edit."""
    if cars < BIG_DOCUMENT_CARS:
        return
    gc.unfreeze()
    gc.collect()
    settle()


def at_quit() -> None:
    """The windows are closed (their layout saved): the interpreter's teardown would scan the whole
    heap for cycles to free memory the system takes back anyway (half a second)."""
    gc.freeze()
    gc.enable()  # had start-up failed before settle: a caller's objects are collected again
