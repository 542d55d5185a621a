"""Clean empty states: the inspector with nothing selected and the trip panel on a train with no cars show
nothing left over from before."""
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QWidget

from traintool.model import edits


def visible_texts(widget: QWidget) -> list[str]:
    """Every text a user can read in `widget` (labels, fields, placeholders, tooltips)."""
    out = []
    for w in [widget] + widget.findChildren(QWidget):
        if not w.isVisibleTo(widget) and w is not widget:
            continue
        out.append(w.toolTip())
        if isinstance(w, QLabel):
            out.append(w.text())
        elif isinstance(w, QLineEdit):
            out += [w.text(), w.placeholderText()]
        elif isinstance(w, QComboBox):
            out.append(w.currentText())
        elif isinstance(w, QAbstractSpinBox):
            out.append(w.text())
    return [t for t in out if t]


def test_the_inspector_with_nothing_selected_keeps_nothing_of_the_last_car(qtbot, window):
    ins = window.inspector
    cars = window.holder.resolved_cars()
    armored = next(i for i, c in enumerate(cars) if c.armored)
    window.holder.edit(edits.set_car_field, [armored], "name", "Coach of the leader")
    window.holder.set_selection([armored])
    assert ins.armored.isChecked() and ins.fields.isVisibleTo(ins)
    assert any("Coach of the leader" in t for t in visible_texts(ins))
    window.holder.set_selection([])
    texts = visible_texts(ins)
    assert not ins.fields.isVisibleTo(ins)
    assert not any("Coach of the leader" in t or cars[armored].type.label in t for t in texts), texts
    # Even hidden, the fields hold nothing of the last car (a later show must not flash it).
    assert not ins.armored.isChecked() and ins.gauge_change.currentIndex() == -1
    assert ins.name.text() == "" and ins.name.placeholderText() == "" and ins.type_label.toolTip() == ""
    assert all(label.toolTip() == "" for label in ins.labels.values())
    assert "No car selected" in texts
    window.holder.set_selection([armored])  # and back: the car's values again
    assert ins.fields.isVisibleTo(ins) and ins.armored.isChecked() and "Coach of the leader" in ins.name.text()


def test_the_trip_panel_on_an_empty_train(qtbot, window):
    panel = window.trip_panel
    window.trip_panel.pin_baseline()
    window.holder.edit(edits.delete_cars, list(range(len(window.holder.document.consist.cars))))
    qtbot.waitUntil(lambda: "empty" in panel.answer.headline_reason.text(), timeout=20000)
    # The honest answer stays (DESIGN.md: a trip that cannot be made says why, on every surface) ...
    assert panel.answer.total.text() == "Cannot complete" and panel.answer.headline_reason.isVisibleTo(panel)
    assert "add a locomotive" in panel.answer.headline_reason.text() and panel.answer.reasons.count() == 1
    assert not panel.answer.warnings.isVisibleTo(panel)
    # ... but nothing is timed: no figure "as far as it gets", no range, no refit, no baseline to pin.
    assert {k: v.text() for k, (v, _d) in panel.answer.figures.items()} == {
        "running": "—", "allowance": "—", "dwell": "—", "refit": "—", "operations": "—", "distance": "1,201 km",
        "average": "—"}
    assert all(d.text() == "" for _v, d in panel.answer.figures.values()) and panel.answer.total_delta.text() == ""
    assert not panel.answer.pin.isEnabled() and panel.refits.topLevelItemCount() == 0
    legs = [panel.legs.topLevelItem(i) for i in range(panel.legs.topLevelItemCount())]
    assert legs and all(leg.text(3) == "—" and leg.text(4) == "—" for leg in legs)
    ranges = panel.range_computer
    qtbot.waitUntil(lambda: not ranges._timer.isActive() and ranges._running is None, timeout=20000)  # it came
    assert panel.answer.range_label.text() == ""  # the range's answer for no train is not shown
    texts = " ".join(visible_texts(panel))
    for stale in ("as far as it gets", "draws of the estimates", "0 s"):
        assert stale not in texts
    window.undo_stack.undo()  # the train back: its figures back
    qtbot.waitUntil(lambda: panel.answer.total.text() not in ("Cannot complete", "—"), timeout=20000)
    assert panel.answer.pin.isEnabled() and not panel.answer.headline_reason.isVisibleTo(panel)
    assert panel.answer.figures["running"][0].text() != "—"
