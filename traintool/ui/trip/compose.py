"""Where the window's trip is put together: the trip computation, the range computation, the panel,
and the plots with their tabs, each given what it works with when it is made."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ..common import plain
from ..common.document_holder import DocumentHolder
from ..common.lazy_tab import LazyTab
from ..common.preferences import Preferences
from .range_computer import RangeComputer
from .recompute import TripComputer
from .trip_panel import TripPanel

if TYPE_CHECKING:  # the plots' modules load pyqtgraph: imported where the plots are built
    from .plots import TripPlots


def install_trip(holder: DocumentHolder, preferences: Preferences,
                 parent: QWidget) -> tuple[TripComputer, RangeComputer, TripPanel, QLabel]:
    """A window's trip computation, its range, its panel, and what its plots dock shows until the
    plots are built.

    What fills the plots dock (pyqtgraph, a quarter of a second to load) is built by `build_plots`
    once the window is on screen.
    """
    computer = TripComputer(holder, parent)
    ranges = RangeComputer(holder, computer, parent=parent)
    panel = TripPanel(holder, preferences, computer, ranges)
    loading = plain.label("Loading the plots…")
    loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return computer, ranges, panel, loading


def build_plots(holder: DocumentHolder, preferences: Preferences, computer: TripComputer,
                panel: TripPanel) -> TripPlots:
    """The plots and their tabs, linked to the panel. The route editor, the drivers' chart, the
    timetable and the train graph are built when their tab is first shown (a tenth of the plots'
    start-up), and redrawn with every trip, range, baseline and change of units after that."""
    from .plots import TripPlots

    ranges = panel.range_computer
    plots: TripPlots  # the tabs below are built once the plots are there: they share its crosshair, its section

    def route_editor():
        from .route_editor import RouteEditor

        editor = RouteEditor(holder, preferences, computer)
        panel.section_clicked.connect(editor.select_section)
        if plots.highlighted_section is not None:  # clicked in the panel before the editor was built
            editor.select_section(plots.highlighted_section)
        return editor

    def drivers_chart():
        from .drivers_chart import DriversChart

        chart = DriversChart()

        def total() -> float | None:
            return computer.result.total_s if computer.result else None

        ranges.range_ready.connect(lambda _r, top: chart.show_drivers(top, total()))
        ranges.pending.connect(chart.show_pending)
        if ranges.range is not None:
            chart.show_drivers(ranges.drivers, total())
        elif ranges.pending_reason is not None:
            chart.show_pending(ranges.pending_reason)
        chart.input_clicked.connect(lambda inp: _select_input(holder, panel, inp))
        return chart

    def bands():
        r = ranges.range
        return r.bands if r is not None and computer.result is not None else None

    def baseline():
        b = panel.baseline
        if b is None or b.route is None or b.document is None:
            return None
        return b.result, b.route, b.document

    def follow(redraw) -> None:
        computer.result_ready.connect(lambda _r: redraw())
        computer.failed.connect(lambda _e: redraw())
        ranges.range_ready.connect(lambda _r, _top: redraw())
        ranges.pending.connect(lambda _why: redraw())
        panel.baseline_changed.connect(lambda _b: redraw())
        preferences.units_changed.connect(redraw)
        redraw()

    def timetable():
        from .timetable_view import TimetableView

        view = TimetableView()
        follow(lambda: view.show_trip(computer.result, holder.document, holder.route, bands()))
        return view

    def train_graph():
        from .train_graph import TrainGraph

        graph = TrainGraph()
        plots.share_crosshair(graph.plot)
        follow(lambda: graph.show_trip(computer.result, holder.document, holder.route, bands(), preferences.units,
                                       baseline()))
        return graph

    plots = TripPlots(preferences, computer, ranges, route_editor=LazyTab(route_editor),
                      drivers=LazyTab(drivers_chart), timetable=LazyTab(timetable), train_graph=LazyTab(train_graph))
    panel.section_clicked.connect(plots.highlight_section)
    panel.baseline_changed.connect(lambda b: plots.show_baseline(b.result, b.route) if b else plots.show_baseline(None, None))
    if panel.baseline is not None:  # pinned before the plots were built
        plots.show_baseline(panel.baseline.result, panel.baseline.route)
    return plots


def _select_input(holder: DocumentHolder, panel: TripPanel, inp) -> None:
    """A driver clicked: select the cars of its car type(s), or show its section."""
    if inp.owner == "car_type":
        types = set(inp.owner_id.split(","))
        holder.set_selection([i for i, c in enumerate(holder.document.consist.cars) if c.type_id in types])
    elif inp.owner == "section":
        panel.section_clicked.emit(int(inp.owner_id))
