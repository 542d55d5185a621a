"""The catalogue dock: every car type with its drawing, grouped by kind, filterable, draggable."""
from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ...model import KIND_LABELS, CarKind, CarType
from ...units import UnitSystem, car_length_text, car_mass_text
from ...render.drawings import car_icon
from ..common import plain, theme
from .mime import CAR_TYPES_MIME

ICON = QSize(80, 26)
TYPE_ROLE = Qt.ItemDataRole.UserRole + 1


class CatalogueTree(QTreeWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setIconSize(ICON)
        self.setDragEnabled(True)
        self.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(False)
        self.setIndentation(12)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def mimeData(self, items) -> QMimeData:  # noqa: N802 - Qt's name
        types = [it.data(0, TYPE_ROLE) for it in items if it.data(0, TYPE_ROLE) is not None]
        return mime_for_types(types)

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [CAR_TYPES_MIME]


def split_label(label: str) -> tuple[str, str]:
    """'Armored coach (DPRK leader's train)' -> ('Armored coach', "DPRK leader's train"): a name and its detail."""
    paren = label.find(" (")
    colon = label.find(": ")
    if colon > 0 and (paren < 0 or colon < paren):
        return label[:colon], label[colon + 2:]
    if paren > 0:
        return label[:paren], label[paren + 2:].rstrip(")")
    return label, ""


def mime_for_types(types: list[CarType]) -> QMimeData:
    md = QMimeData()
    md.setData(CAR_TYPES_MIME, json.dumps([t.model_dump(mode="json") for t in types]).encode("utf-8"))
    md.setText(", ".join(t.label for t in types))
    return md


class CatalogueWidget(QWidget):
    """Emits `append_requested` with a type on double-click; drags carry the types' JSON."""

    append_requested = Signal(object)

    def __init__(self, types: list[CarType], parent=None):
        super().__init__(parent)
        self.types = types
        self.filter = QLineEdit(placeholderText="Filter car types…")
        self.filter.setClearButtonEnabled(True)
        self.tree = CatalogueTree()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._groups: list[tuple[QTreeWidgetItem, list[CarType]]] = []  # each kind's item and its types
        self._build()
        self.filter.textChanged.connect(self.apply_filter)
        self.tree.itemDoubleClicked.connect(self._double_clicked)

    def _build(self, units: UnitSystem = UnitSystem.METRIC) -> None:
        self.tree.clear()
        self._groups.clear()
        for kind in CarKind:
            members = [t for t in self.types if t.kind is kind]
            if not members:
                continue
            group = QTreeWidgetItem([f"{KIND_LABELS[kind]} ({len(members)})"])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            self._groups.append((group, members))
            for t in members:
                item = QTreeWidgetItem([self._text(t, units)])
                item.setIcon(0, car_icon(t, ICON, theme.car_edge(self.tree.palette())))
                item.setData(0, TYPE_ROLE, t)
                item.setToolTip(0, plain.tip(self._tooltip(t, units)))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
                group.addChild(item)
                self._items[t.id] = item
            group.setExpanded(True)

    @staticmethod
    def _text(t: CarType, units: UnitSystem) -> str:
        """The type's name over its length and mass (and what its label adds), in the units shown."""
        name, detail = split_label(t.label)
        facts = f"{car_length_text(t.length_m, units)} · {car_mass_text(t.mass_kg, units)}" + (f" · {detail}" if detail else "")
        return f"{name}\n{facts}"

    @staticmethod
    def _tooltip(t: CarType, units: UnitSystem) -> str:
        return (f"{t.label}\n{car_length_text(t.length_m, units)}, {car_mass_text(t.mass_kg, units)}, {t.axles} axles, "
                f"{units.speed(t.max_speed_m_s):.0f} {units.speed_unit}{', armored' if t.armored else ''}\n"
                f"{t.source}\n\nDrag into the train, or double-click to add it at the end.")

    def set_units(self, units: UnitSystem) -> None:
        for t in self.types:
            self._items[t.id].setText(0, self._text(t, units))
            self._items[t.id].setToolTip(0, plain.tip(self._tooltip(t, units)))

    def item_for(self, type_id: str) -> QTreeWidgetItem:
        return self._items[type_id]

    def apply_filter(self, text: str) -> None:
        words = text.lower().split()
        for group, members in self._groups:
            shown = 0
            for t in members:
                hay = f"{t.label} {t.id} {t.kind.label}".lower()
                hide = not all(w in hay for w in words)
                self._items[t.id].setHidden(hide)
                shown += not hide
            group.setHidden(shown == 0)

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        t = item.data(0, TYPE_ROLE)
        if t is not None:
            self.append_requested.emit(t)
