"""The trip's operations: what each railway adds to the running time and what the train stands for
at stations, each with its source and range, the durations and rules editable like any estimate
(each change one undoable edit of the scenario, saved with the document). Each railway's rows end with
the locomotive it puts on at a change (a catalogue locomotive that runs on its track, or none: the
consist's own haul on) and how many.

The Range column shows the range the trip's range draws each figure over (the data's, or the default
spread in grey italics); double-clicking it, or Enter on it, opens the range editor (range_field.py),
as in the route editor. An operation's range is the route's (an edit makes the route the document's
own); a railway's, its rules for the service (the scenario's own, as an edited rule is). A duration
you set is taken as set: its range is not drawn, and the cell says so."""
from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ..common import plain
from ..common.number_field import CountBox, NumberBox
from ..common.preferences import Preferences
from ..common.range_field import DEFAULT_COLOR, RangeEditor, RangeTarget, describe, open_editor
from ... import io
from ...errors import user_message
from ...model import Haulage, Operation, OperationKind, ServiceKind, ServiceRules, edits
from ...model.limits import field_label, shown_range
from ...physics.ranges import effective_range
from ...physics.result import TripResult, hauls_text
from ...quantities import from_shown, to_shown, unit_of

# The railway's rules shown and edited: (field, decimals shown, highest value offered in SI). Each is
# shown in the units chosen (quantities.py), as every figure of the window.
RULES: tuple[tuple[str, int, float], ...] = (
    ("allowance_percent", 1, 100.0),
    ("allowance_min_per_100km", 1, 600.0),
    ("limit_factor", 2, 1.5),
    ("max_speed_m_s", 0, 400 / 3.6),
    ("stop_dwell_s", 1, 24 * 3600.0),
)
# Each table is a tree: a railway (or a stop) on a row of its own, its rules (or operations) under it, so
# that the rows' columns have the panel's width for the figures (five columns side by side cut them all).
VALUE = 1  # the column of both tables that holds the editable figure
RANGE = 2  # and the column of its range, which opens the range editor
SOURCE_ROLE = Qt.ItemDataRole.UserRole + 1  # a row's source, read whole in the line under the tables
MAX_MINUTES = 30 * 24 * 60.0  # an operation's longest duration (the model's 30 days)
MESSAGE_COLOR = "#b00020"
NO_LOCOMOTIVE = "consist's own"  # no locomotive put on: the consist's own haul on
_CLASS_END = re.compile(r" (?:twin-section|passenger|diesel|electric|locomotive)\b")
MAX_LOCOMOTIVES = 8  # ServiceRules.locomotive_count's highest
SOURCE_HINT = "Click a row to read where its figure comes from."


def class_name(label: str) -> str:
    """A locomotive's class as its label begins: 'TEP70' of 'TEP70 passenger diesel locomotive (...)'."""
    m = _CLASS_END.search(label)
    return label[:m.start()] if m else label


def rule_unit(field: str, units) -> str:
    """A rule's unit as its row says it: the limit factor multiplies the line's limit."""
    return unit_of(field, units) or "× line limit"


class OperationsView(QWidget):
    """The kind of service, the railways' rules and the operations at the stops of the trip."""

    def __init__(self, holder, edit: Callable[..., bool], table: Callable[[list[str], tuple[int, ...]], QTreeWidget],
                 preferences: Preferences, parent: QWidget | None = None):
        """`edit(op, *args)`: apply an edit to the document (the panel says why when it is refused);
        `table(headers, stretch)`: a table as the panel makes them, fitting its width."""
        super().__init__(parent)
        self.holder, self._edit, self.preferences = holder, edit, preferences
        self.range_editor: RangeEditor | None = None
        self._box_size = NumberBox().sizeHint()
        self._row_height = self._box_size.height() + 2
        self._shown: tuple | None = None
        self._result: TripResult | None = None
        self._updating = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.service = QComboBox()
        for kind in ServiceKind:
            self.service.addItem(kind.label, kind)
        self.service.setToolTip("The kind of service the train runs as: each railway runs it by its own rules")
        lay.addWidget(self.service)
        # Where a break of gauge's refit is made, where the route allows more than one place (the sources
        # do not say which): the station the refit is made at now is the current item.
        self.refit_place = QComboBox()
        self.refit_place.setObjectName("refit_place")
        self.refit_place.setVisible(False)
        lay.addWidget(self.refit_place)
        # Who hauls the train after a locomotive change, and the locomotive that hauls each stretch.
        self.haulage = QComboBox()
        self.haulage.setObjectName("haulage")
        for choice in Haulage:
            self.haulage.addItem(choice.label, choice)
        self.haulage.setToolTip(plain.tip(
            "At a locomotive change (a station's, or a break of gauge) the railway of the next section puts on the "
            "locomotive its rules name, and that train is timed; or the consist's own locomotives haul throughout"))
        lay.addWidget(self.haulage)
        self.hauls = plain.label()
        self.hauls.setObjectName("hauls")
        self.hauls.setWordWrap(True)
        lay.addWidget(self.hauls)
        self.railways = table(["Railway and rule", "Value", "Range"], (0,))
        self.railways.setRootIsDecorated(False)
        self.stands = table(["Stop and operation", "Minutes", "Range (min)"], (0,))
        self.stands.setRootIsDecorated(False)
        lay.addWidget(self.railways)
        lay.addWidget(self.stands)
        # The source of the row clicked, whole and wrapped: a column of sources was cut to "estimate: a …".
        self.source_line = plain.label(SOURCE_HINT)
        self.source_line.setWordWrap(True)
        self.source_line.setObjectName("source_line")
        lay.addWidget(self.source_line)
        # The view's own message area: a figure typed that the model does not take is told here, in a sentence.
        self.message = plain.label()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {MESSAGE_COLOR}")
        self.message.hide()
        lay.addWidget(self.message)
        self.service.activated.connect(self._service_chosen)
        self.refit_place.activated.connect(self._place_chosen)
        self.haulage.activated.connect(self._haulage_chosen)
        for tree in (self.railways, self.stands):
            tree.itemActivated.connect(self._range_activated)
            tree.currentItemChanged.connect(self._show_source)
            tree.headerItem().setToolTip(RANGE, "The range the trip's range draws the figure over; double-click to "
                                                "change it")

    def show_result(self, r: TripResult) -> None:
        self._result = r
        self._updating = True
        try:
            self._fill(r)
        finally:
            self._updating = False

    def _fill(self, r: TripResult) -> None:
        doc, route = self.holder.document, self.holder.route
        self.service.setCurrentIndex(list(ServiceKind).index(doc.scenario.service))
        self._fill_places(route)
        self.haulage.setCurrentIndex(list(Haulage).index(doc.scenario.haulage))
        self.hauls.setText(hauls_text(r))
        key = (route, doc.scenario.service, tuple(doc.scenario.railway_overrides.items()),
               tuple((s.station, p.kind, p.duration_s) for s in r.stops for p in s.parts), r.allowance_s,
               tuple(doc.scenario.operation_overrides_s.items()), self.preferences.units)
        if key == self._shown:
            return  # the same figures: keep the boxes (and the focus of one being edited)
        self._shown = key
        self.railways.clear()
        self.stands.clear()
        self.source_line.setText(SOURCE_HINT)
        if route is None:
            return
        units = self.preferences.units
        used = {s.railway for s in route.sections}
        for rw in route.railways:
            if rw.id not in used:
                continue
            rules = edits.rules_of(doc, route, rw.id)
            parent = self._group(self.railways, rw.name)
            for name, decimals, top in RULES:
                value = getattr(rules, name)
                if value is None:
                    continue  # no top speed of its own for this service: the line's and the train's apply
                found = effective_range(rules, name, True)
                label = field_label(name, ServiceRules)
                item = self._row(parent, f"{label} ({rule_unit(name, units)})", found[2] if found else rules.source,
                                 f"{rw.name}, {label.lower()}")
                self._show_range(item, RangeTarget(("railway", rw.id), name, rules, True,
                                                   f"{rw.name}: {label.lower()}"))
                spin = self._spin(to_shown(name, value, units), decimals, to_shown(name, top, units),
                                  f"railway:{rw.id}:{name}", ServiceRules, name, rule_unit(name, units))
                spin.valueChanged.connect(lambda v, rid=rw.id, n=name: self._rule_edited(rid, n, v))
                self.railways.setItemWidget(item, VALUE, spin)
            self._locomotive_rows(parent, rw, rules, route)
        stops: dict[str, QTreeWidgetItem] = {}
        for stop in r.stops:
            for part in stop.parts:
                if part.kind in ("dwell", "refit"):
                    continue
                kind = OperationKind(part.kind)
                if stop.station not in stops:
                    stops[stop.station] = self._group(self.stands, stop.station)
                item = self._row(stops[stop.station], part.label, part.source, f"{part.label} at {stop.station}")
                op_key = f"{stop.station}/{kind.value}"
                if kind is OperationKind.SCHEDULED_STOP:
                    item.setToolTip(RANGE, "A stop that names no dwell takes the railway's default stop: its range "
                                           "is the railway's, above")
                elif op_key in doc.scenario.operation_overrides_s:
                    item.setText(RANGE, "as set")
                    item.setToolTip(RANGE, "You set this duration: the trip takes it as set, its range is not drawn")
                else:
                    op = edits.operation_at(route, stop.station, kind, doc.scenario.service)
                    self._show_range(item, RangeTarget(("operation", op_key), "duration_s", op, True,
                                                       f"{part.label} at {stop.station}"))
                spin = self._spin(part.duration_s / 60, 1, MAX_MINUTES, f"operation:{stop.station}/{kind.value}",
                                  Operation, "duration_s", "min")
                spin.valueChanged.connect(lambda v, st=stop.station, k=kind: self._stand_edited(st, k, v))
                self.stands.setItemWidget(item, VALUE, spin)
        if r.allowance_s:
            item = self._row(self._group(self.stands, "On the way"), "Running-time allowance",
                             "the railways' rules above", "The running-time allowance")
            item.setText(VALUE, f"{r.allowance_s / 60:.0f}")

    def _locomotive_rows(self, parent: QTreeWidgetItem, rw, rules: ServiceRules, route) -> None:
        """The locomotive the railway puts on at a change (of those that run on its track) and how many."""
        source = "; ".join(x for x in (rules.locomotive_note, rules.source) if x)
        item = self._row(parent, "Locomotive put on", source, f"{rw.name}, locomotive put on")
        combo = QComboBox()
        combo.setObjectName(f"railway:{rw.id}:locomotive")
        combo.addItem(NO_LOCOMOTIVE, None)
        combo.setItemData(0, "None: the consist's own locomotives haul on", Qt.ItemDataRole.ToolTipRole)
        offered = edits.locomotives_for(route, rw.id, io.catalogue())
        if rules.locomotive_type is not None and rules.locomotive_type not in offered:
            offered.append(rules.locomotive_type)  # a file's choice this track does not take: shown as it is
        # Each by its class ("TEP70"), its whole label in the item's tooltip: a whole label made the Value
        # column push the Range column out of the panel.
        for t in offered:
            combo.addItem(class_name(t.label), t.id)
            combo.setItemData(combo.count() - 1, t.label, Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(max(combo.findData(rules.locomotive_id), 0))
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        current = rules.locomotive_type.label if rules.locomotive_type is not None else "none"
        combo.setToolTip(plain.tip(f"{current}: the locomotive {rw.name} puts on at a locomotive change (of the "
                                   f"catalogue's that run on its track), or none: the consist's own haul on"))
        combo.activated.connect(lambda i, rid=rw.id, box=combo: self._locomotive_chosen(rid, box.itemData(i)))
        self.railways.setItemWidget(item, VALUE, combo)
        item = self._row(parent, "Locomotives put on (count)", source, f"{rw.name}, how many locomotives it puts on")
        count = CountBox()
        count.setObjectName(f"railway:{rw.id}:locomotive_count")
        count.setRange(1, MAX_LOCOMOTIVES)
        count.set_rule(f"The count takes 1 to {MAX_LOCOMOTIVES}")
        count.setValue(rules.locomotive_count)
        count.setKeyboardTracking(False)
        count.setEnabled(rules.locomotive_id is not None)
        count.refused.connect(self._say)
        count.valueChanged.connect(lambda n, rid=rw.id: self._locomotive_count_edited(rid, n))
        self.railways.setItemWidget(item, VALUE, count)

    def _locomotive_chosen(self, railway: str, type_id: str | None) -> None:
        if self._updating or self.holder.route is None:
            return
        rules = edits.rules_of(self.holder.document, self.holder.route, railway)
        if type_id == rules.locomotive_id:
            return
        t = next((t for t in io.catalogue() if t.id == type_id), None) if type_id is not None else None
        self._apply(edits.set_railway_locomotive, self.holder.route, railway, t, rules.locomotive_count)

    def _locomotive_count_edited(self, railway: str, n: int) -> None:
        if self._updating or self.holder.route is None:
            return
        rules = edits.rules_of(self.holder.document, self.holder.route, railway)
        if rules.locomotive_type is not None and n != rules.locomotive_count:
            self._apply(edits.set_railway_locomotive, self.holder.route, railway, rules.locomotive_type, n)

    def _group(self, tree: QTreeWidget, name: str) -> QTreeWidgetItem:
        """A railway's or a stop's row, across the table, its rows under it."""
        item = QTreeWidgetItem([name])
        item.setSizeHint(0, QSize(0, self._row_height))
        tree.addTopLevelItem(item)
        item.setFirstColumnSpanned(True)
        font = QFont(item.font(0))
        font.setBold(True)
        item.setFont(0, font)
        item.setToolTip(0, plain.tip(name))
        item.setExpanded(True)
        return item

    def _row(self, parent: QTreeWidgetItem, name: str, source: str, what: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([name, "", ""])
        # Every row as tall as a figure's box, and the figures' column as wide: a row of the text's height
        # squeezed its box to 14 px, its figure cut.
        item.setSizeHint(VALUE, QSize(self._box_size.width(), self._row_height))
        parent.addChild(item)
        item.setData(0, SOURCE_ROLE, f"{what}: {source}" if source else f"{what}: no source given")
        item.setToolTip(0, plain.tip(source))
        return item

    def _show_source(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        source = item.data(0, SOURCE_ROLE) if item is not None else None
        self.source_line.setText(source or SOURCE_HINT)

    def _fill_places(self, route) -> None:
        brk = next((b for b in route.breaks_of_gauge if b.alternatives), None) if route is not None else None
        self.refit_place.setVisible(brk is not None)
        self.refit_place.clear()
        if brk is None:
            return
        for place in sorted(brk.places(), key=[s.name for s in route.stations].index):
            self.refit_place.addItem(f"Gauge exchange at {place}", (brk.station, place))
        self.refit_place.setCurrentIndex(self.refit_place.findText(f"Gauge exchange at {brk.station}"))
        self.refit_place.setToolTip(plain.tip(f"Where the refit is made is not known: {brk.alternatives_source}"))

    def _haulage_chosen(self, index: int) -> None:
        choice = Haulage(self.haulage.itemData(index))  # Qt hands a str-based enum back as its str
        if not self._updating and choice is not self.holder.document.scenario.haulage:
            self._edit(edits.set_haulage, choice)

    def _place_chosen(self, index: int) -> None:
        if not self._updating and self.holder.route is not None:
            station, place = self.refit_place.itemData(index)
            self._edit(edits.set_refit_place, self.holder.route, station, place)

    def _show_range(self, item: QTreeWidgetItem, target: RangeTarget) -> None:
        """The figure's range in the Range cell, as the route editor shows one; the target kept for the editor."""
        # the unit is said once on each row: in the rule's name, or in the column's header (min)
        shown = describe(target, self.preferences.units, with_unit=False)
        item.setText(RANGE, shown.text)
        item.setToolTip(RANGE, plain.tip(shown.tooltip.replace("Click", "Double-click")))
        item.setData(RANGE, Qt.ItemDataRole.UserRole, target)
        font = QFont(item.font(RANGE))
        font.setItalic(not shown.stated)
        item.setFont(RANGE, font)
        item.setForeground(RANGE, QBrush() if shown.stated else QBrush(QColor(DEFAULT_COLOR)))

    def _range_activated(self, item: QTreeWidgetItem, column: int) -> None:
        if column == RANGE:
            self.edit_range(item)

    def edit_range(self, item: QTreeWidgetItem) -> RangeEditor | None:
        """Open the range editor of the figure a row shows (None: it has no range of its own to edit)."""
        target = item.data(RANGE, Qt.ItemDataRole.UserRole)
        if not isinstance(target, RangeTarget):
            return None
        self.range_editor = open_editor(self.range_editor, self.holder, self.preferences, target, self.window())
        return self.range_editor

    def _service_chosen(self, index: int) -> None:
        if not self._updating:
            self._edit(edits.set_service, ServiceKind(self.service.itemData(index)))

    def _spin(self, value: float, decimals: int, top: float, name: str, model, field: str, unit: str) -> NumberBox:
        """A figure edited when the user is done with it (Return, or leaving the box), not at each key; a
        value outside the model's limits (shown in the units chosen, as the tables are) is refused in a
        sentence under the tables, never dropped key by key or clamped."""
        spin = NumberBox()
        spin.setDecimals(decimals)
        lo, hi = shown_range(model, field, self.preferences.units, decimals)
        hi = min(hi, top)
        spin.setRange(lo, hi)
        spin.set_rule(f"{field_label(field, model)} ({unit}) takes {lo:,.{decimals}f} to {hi:,.{decimals}f}")
        spin.setValue(value)
        spin.setKeyboardTracking(False)
        spin.setObjectName(name)
        spin.refused.connect(self._say)
        return spin

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _apply(self, op, *args) -> None:
        """A figure's edit; refused by the model, the reason under the tables and the document's figures again."""
        err = self.holder.edit(op, *args, report=False)
        self._say("" if err is None else f"Not applied: {user_message(err, self.preferences.units)}")
        if err is not None and self._result is not None:
            self._shown = None  # the boxes are built again, with the document's figures
            self.show_result(self._result)

    def _rule_edited(self, railway: str, name: str, shown: float) -> None:
        if not self._updating and self.holder.route is not None:
            self._apply(edits.set_railway_rule, self.holder.route, railway, name,
                        from_shown(name, shown, self.preferences.units))

    def _stand_edited(self, station: str, kind: OperationKind, minutes: float) -> None:
        if not self._updating and self.holder.route is not None:
            self._apply(edits.set_operation, self.holder.route, station, kind, minutes * 60.0)
