"""The window's consist figures: the whole train and the selection, kept up to date on edits,
selection changes and a switch of units; a dash where there is nothing to measure."""
from traintool.model import edits
from traintool.model.consist_figures import NONE
from traintool.units import UnitSystem


def column(window, which: str) -> dict[str, str]:
    cells = window.figures.train if which == "train" else window.figures.selection
    return {key: label.text() for key, label in cells.items()}


def test_the_train_and_an_empty_selection(small_window):
    w = small_window
    assert w.figures_dock.isVisible()
    train = column(w, "train")
    assert (train["cars"], train["length"], train["mass"], train["axles"]) == ("10", "240 m", "640 t", "44")
    assert (train["power"], train["power_per_tonne"], train["tractive_effort"]) == ("4,000 kW", "6.25 kW/t", "600 kN")
    assert (train["max_speed"], train["mass_per_axle"]) == ("108 km/h", "14.5 t")
    assert set(column(w, "selection").values()) == {NONE}
    assert w.figures.train["cars"].toolTip() == "2 locomotives, 8 coaches"


def test_the_selection_follows_the_clicks(qtbot, small_window):
    w = small_window
    w.holder.set_selection([2, 3, 4])  # three coaches
    qtbot.waitUntil(lambda: column(w, "selection")["cars"] == "3")
    sel = column(w, "selection")
    assert (sel["length"], sel["mass"], sel["axles"], sel["mass_per_axle"]) == ("75 m", "150 t", "12", "12.5 t")
    assert sel["power"] == sel["tractive_effort"] == NONE  # no locomotive among them
    w.holder.set_selection([0])
    qtbot.waitUntil(lambda: column(w, "selection")["cars"] == "1")
    assert column(w, "selection")["power"] == "2,000 kW"
    w.car_editing.select_all()
    qtbot.waitUntil(lambda: column(w, "selection")["cars"] == "10")
    assert column(w, "selection") == column(w, "train")
    w.holder.set_selection([])
    qtbot.waitUntil(lambda: column(w, "selection")["cars"] == NONE)
    assert set(column(w, "selection").values()) == {NONE}


def test_an_edit_updates_both_columns(qtbot, small_window):
    w = small_window
    w.holder.set_selection([0, 1])
    qtbot.waitUntil(lambda: column(w, "selection")["cars"] == "2")
    w.holder.edit(edits.set_car_field, [0], "mass_kg", 100_000.0)  # a selected locomotive lightened by 20 t
    qtbot.waitUntil(lambda: column(w, "train")["mass"] == "620 t")
    assert column(w, "selection")["mass"] == "220 t"
    w.car_editing.delete()  # both locomotives: the train has no power left
    qtbot.waitUntil(lambda: column(w, "train")["cars"] == "8")
    assert column(w, "train")["power"] == NONE
    assert column(w, "selection")["cars"] == (f"{len(w.holder.selection)}" if w.holder.selection else NONE)
    w.undo_stack.undo()
    qtbot.waitUntil(lambda: column(w, "train")["cars"] == "10")
    assert column(w, "train")["mass"] == "620 t"


def test_the_figures_follow_the_units(qtbot, small_window):
    w = small_window
    w.holder.set_selection([2])
    w.commands.unit_actions[UnitSystem.IMPERIAL].trigger()
    qtbot.waitUntil(lambda: column(w, "train")["length"] == "787 ft")
    assert column(w, "train")["max_speed"] == "67 mph"
    assert column(w, "selection")["length"] == "82 ft" and column(w, "selection")["max_speed"] == "67 mph"
    w.commands.unit_actions[UnitSystem.METRIC].trigger()
    qtbot.waitUntil(lambda: column(w, "train")["length"] == "240 m")
    assert column(w, "selection")["length"] == "25 m"


def test_an_empty_train_shows_dashes(qtbot, small_window):
    w = small_window
    w.holder.edit(edits.delete_cars, list(range(10)))
    qtbot.waitUntil(lambda: column(w, "train")["cars"] == NONE)
    assert set(column(w, "train").values()) == set(column(w, "selection").values()) == {NONE}
    w.car_editing.select_all()  # all of nothing
    qtbot.waitUntil(lambda: not w.figures._stale)  # the table caught up
    assert set(column(w, "selection").values()) == {NONE}


def test_a_hidden_table_catches_up_when_shown(qtbot, small_window):
    w = small_window
    w.figures_dock.hide()
    w.holder.set_selection([2, 3])
    w.holder.edit(edits.set_car_field, [9], "mass_kg", 60_000.0)
    assert not w.figures._timer.isActive()  # no redraw due: nothing below can change before it is shown
    assert column(w, "selection")["cars"] == NONE and column(w, "train")["mass"] == "640 t"  # not redrawn while hidden
    w.figures_dock.show()
    qtbot.waitUntil(lambda: column(w, "train")["mass"] == "650 t")
    assert column(w, "selection")["cars"] == "2"


def test_a_huge_selection_is_weighed_not_walked(qtbot, big_window):
    """1,000 cars of three types: a selection of most of them equals the figures counted car by car."""
    w = big_window
    picked = list(range(1, 1000, 2)) + [0]
    w.holder.set_selection(picked)
    qtbot.waitUntil(lambda: column(w, "selection")["cars"] == "501")
    cars = w.holder.resolved_cars()
    mass = sum(cars[i].mass_kg for i in picked) / 1000
    axles = sum(cars[i].axles for i in picked)
    assert column(w, "selection")["mass"] == f"{mass:,.0f} t" and column(w, "selection")["axles"] == f"{axles:,}"
