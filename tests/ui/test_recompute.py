"""Where the trip is computed: on the window's thread while it is quick, in a process of its own
once one has taken longer than a frame, and back on the window's thread when it is quick again."""
from traintool.model import edits
from traintool.ui.trip import compute_process, recompute


def test_a_quick_trip_comes_back_to_the_window_after_one_computed_elsewhere(qtbot, window, monkeypatch):
    computer = window.trip_computer
    qtbot.waitUntil(lambda: computer.result is not None and not computer._running, timeout=20000)
    sent, here = [], []
    run, compute = compute_process.run, recompute._compute

    def spy_run(name, fn, *args, done):
        sent.append(name)
        return run(name, fn, *args, done=done)

    def spy_compute(*args):
        here.append(args)
        return compute(*args)

    monkeypatch.setattr(compute_process, "run", spy_run)
    monkeypatch.setattr(recompute, "_compute", spy_compute)
    computer.last_duration_s = 1.0  # as after a long computation: the next goes to the process
    before = computer.result
    window.holder.edit(edits.delete_cars, [5])
    qtbot.waitUntil(lambda: computer.result is not before, timeout=60000)
    assert sent == ["trip"] and here == []
    # The process's answer says how long the computation took there (the process's start and the
    # round trip are not the computation's): a few milliseconds, so the next one runs here.
    assert computer.last_duration_s < recompute.FRAME_S
    second = computer.result
    window.holder.edit(edits.delete_cars, [5])
    qtbot.waitUntil(lambda: computer.result is not second, timeout=20000)
    assert sent == ["trip"] and len(here) == 1
