"""The trip panel's tables: how each is made to fit the panel, and the legs and the breaks of gauge
filled from a trip (each leg against the same leg of a pinned baseline)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem

from ...physics import TripResult
from ...units import UnitSystem, format_duration
from .baseline import Baseline, signed_duration

LEG_DELTA = 5  # the legs table's column of changes since the baseline


def fit_rows(tree: QTreeWidget) -> None:
    """Size a table to show all its rows (those under a closed row do not count)."""
    rows, row_height = 0, max(tree.sizeHintForRow(0), tree.fontMetrics().height() + 4)
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        rows += 1 + (top.childCount() if top is not None and top.isExpanded() else 0)
    tree.setFixedHeight(tree.header().sizeHint().height() + max(rows, 1) * row_height + 2 * tree.frameWidth() + 2)


def answer_table(headers: list[str], stretch: tuple[int, ...]) -> QTreeWidget:
    """A table that fits its width: the figures' columns as wide as their contents, the names'
    (`stretch`) sharing what is left and eliding a long name."""
    t = QTreeWidget()
    t.setHeaderLabels(headers)
    t.setRootIsDecorated(True)
    t.setUniformRowHeights(True)
    t.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = t.header()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(24)
    for column in range(len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column in stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
    # As tall as its rows (no empty space pushing the next section down), kept so as rows open and close.
    t.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    t.itemExpanded.connect(lambda _item: fit_rows(t))
    t.itemCollapsed.connect(lambda _item: fit_rows(t))
    return t


def legs_table() -> QTreeWidget:
    legs = answer_table(["From", "To", "Distance", "Running", "Average", "Δ"], stretch=(0, 1))
    legs.setRootIsDecorated(False)  # a leg has no parts: no room lost to the tree's indent
    legs.headerItem().setToolTip(LEG_DELTA, "The change in running time since the baseline was pinned")
    return legs


def refits_table() -> QTreeWidget:
    return answer_table(["Break of gauge", "Method", "Cars", "Cuts", "Delay"], stretch=(0, 1))


def show_legs(legs: QTreeWidget, r: TripResult, b: Baseline | None, u: UnitSystem) -> None:
    legs.clear()
    # Each leg against the same leg of the baseline (a leg the baseline never ran has no change).
    was = {(leg.from_station, leg.to_station): leg.running_s for leg in b.result.legs
           if leg.running_s is not None} if b is not None else {}
    for leg in r.legs:
        speed = leg.average_speed_m_s
        legs.addTopLevelItem(QTreeWidgetItem([
            leg.from_station, leg.to_station, f"{u.distance(leg.distance_m):,.0f} {u.distance_unit}",
            format_duration(leg.running_s) if leg.running_s is not None else "not run",
            f"{u.speed(speed):.0f} {u.speed_unit}" if speed is not None else "—",
            signed_duration(leg.running_s - was[leg.from_station, leg.to_station])
            if (leg.from_station, leg.to_station) in was and leg.running_s is not None else ""]))
    legs.setColumnHidden(LEG_DELTA, b is None)
    fit_rows(legs)


def blank_leg_times(legs: QTreeWidget) -> None:
    """No train: the legs keep their stations and distances, with no time to tell."""
    for i in range(legs.topLevelItemCount()):
        leg = legs.topLevelItem(i)
        if leg is not None:
            leg.setText(3, "—")
            leg.setText(4, "—")
            leg.setText(LEG_DELTA, "")


def show_refits(refits: QTreeWidget, r: TripResult) -> None:
    # The breaks the user opened stay open across edits (a break is known by its station).
    tops = [refits.topLevelItem(i) for i in range(refits.topLevelItemCount())]
    opened = {t.data(0, Qt.ItemDataRole.UserRole) for t in tops if t is not None and t.isExpanded()}
    refits.clear()
    for ref in r.refits:
        top = QTreeWidgetItem([f"{ref.station} ({ref.from_gauge_mm}→{ref.to_gauge_mm} mm)", ref.method.label,
                               str(ref.cars), str(ref.cuts), format_duration(ref.duration_s)])
        for step in ref.steps:
            top.addChild(QTreeWidgetItem([f"  {step.name}", "", "", "", format_duration(step.duration_s)]))
        top.setData(0, Qt.ItemDataRole.UserRole, ref.station)
        refits.addTopLevelItem(top)
        top.setExpanded(ref.station in opened)
    fit_rows(refits)
