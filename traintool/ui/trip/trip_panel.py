"""The trip panel: the route and scenario knobs over the answer (total, its parts, legs, refits,
warnings), with the stops, the refit facilities and the operations folded under it.

Figures update from the TripComputer after every edit; scenario and route changes are undoable
document edits like any other. A pinned baseline shows each figure's change since it was pinned.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from ...errors import user_message
from ..common.document_holder import DocumentHolder
from ..common.preferences import Preferences
from ..common.sections import Section
from .answer_tables import answer_table, blank_leg_times, fit_rows, legs_table, refits_table, show_legs, show_refits
from .baseline import Baseline
from .dwell_table import DwellTable
from .facility_forms import FacilityForms
from .operations_view import OperationsView
from .recompute import TripComputer
from .scenario_knobs import ScenarioKnobs
from .trip_answer import TripAnswer

if TYPE_CHECKING:
    from ...physics import TripResult
    from .range_computer import RangeComputer


class TripPanel(QWidget):
    section_clicked = Signal(int)
    baseline_changed = Signal(object)  # the Baseline pinned, or None when cleared

    def __init__(self, holder: DocumentHolder, preferences: Preferences, computer: TripComputer,
                 range_computer: RangeComputer, parent: QWidget | None = None):
        super().__init__(parent)
        self.holder, self.preferences, self.computer = holder, preferences, computer
        self.range_computer = range_computer
        self.baseline: Baseline | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)  # the body as wide as the view, never wider: no sideways scrolling
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area = scroll
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        lay = QVBoxLayout(body)

        self.knobs = ScenarioKnobs(holder, preferences, self._edit)
        lay.addWidget(self.knobs)
        self.answer = TripAnswer(holder)
        lay.addWidget(self.answer)
        # The tables and the refit settings fold away, so that each is one click from the trip's answer.
        self.legs = legs_table()
        self.refits = refits_table()
        self.dwells = DwellTable(holder, self._edit)
        self.operations = OperationsView(holder, self._edit, answer_table, preferences)
        self.facility_box = FacilityForms(holder, preferences, self._edit)
        # The settings first, folded: their headers show under the answer without scrolling.
        self.sections = {"facilities": Section("Refit facilities", self.facility_box, opened=False),
                         "stops": Section("Dwell at stops", self.dwells, opened=False),
                         "operations": Section("Service, railways, operations",
                                               self.operations, opened=False),
                         "legs": Section("Legs", self.legs), "refits": Section("Breaks of gauge", self.refits)}
        for section in self.sections.values():
            lay.addWidget(section)
        lay.addStretch(1)

        self.knobs.refused.connect(self.answer.baseline_label.setText)  # the panel's line for knobs not applied
        self.knobs.failed.connect(self.show_error)
        self.answer.pin.clicked.connect(self.pin_baseline)
        self.answer.clear_pin.clicked.connect(self.clear_baseline)
        self.answer.section_clicked.connect(self.section_clicked)
        range_computer.range_ready.connect(lambda r, _top: self.answer.show_range(r))
        range_computer.pending.connect(self.answer.show_range_pending)
        computer.result_ready.connect(self.show_result)
        computer.failed.connect(self.show_error)
        holder.loaded.connect(self._document_replaced)
        preferences.units_changed.connect(self._reshow)
        self._reshow()
        if computer.result is None and computer.error:
            self.show_error(computer.error)

    def _edit(self, op, *args, merge_key: str | None = None) -> bool:
        """An edit of the scenario or the route; if the model refuses it, say why and show the document's values again."""
        err = self.holder.edit(op, *args, merge_key=merge_key, report=False)
        if err is not None:
            self.knobs.refresh()
            self._reshow()  # the document's values again (this rewrites the label)
            self.answer.baseline_label.setText(f"Not applied: {user_message(err, self.preferences.units)}")
            return False
        return True

    def _document_replaced(self) -> None:
        """Another document: the baseline pinned on the old one (its lines, its deltas) and its messages go."""
        self.dwells.message.hide()
        if self.baseline is not None:
            self.clear_baseline(reshow=False)  # the result in hand is the old document's: the new one's follows

    def _reshow(self) -> None:
        if self.computer.result is not None:
            self.show_result(self.computer.result)

    def show_error(self, message: str) -> None:
        self.answer.show_error(message)

    def show_result(self, r: TripResult) -> None:
        u = self.preferences.units
        self.answer.show_result(r, self.baseline, u)
        show_legs(self.legs, r, self.baseline, u)
        show_refits(self.refits, r)
        self.dwells.show_result(r)
        self.operations.show_result(r)
        for tree in (self.operations.railways, self.operations.stands):
            fit_rows(tree)
        self.facility_box.show_facilities()
        if not self.holder.document.consist.cars:  # no train: nothing timed, nothing refitted
            blank_leg_times(self.legs)
            self.refits.clear()
            fit_rows(self.refits)

    # --- baseline ------------------------------------------------------------------------------
    def pin_baseline(self) -> None:
        r = self.computer.result
        if r is None:
            return
        self.baseline = Baseline(r.total_s, r.running_s, r.dwell_s, r.refit_s,
                                 f"{self.holder.document.name}, {len(self.holder.document.consist.cars)} cars",
                                 r, self.holder.route, self.holder.document)
        self.baseline_changed.emit(self.baseline)
        self.show_result(r)

    def clear_baseline(self, reshow: bool = True) -> None:
        self.baseline = None
        self.baseline_changed.emit(None)
        if reshow:
            self._reshow()
