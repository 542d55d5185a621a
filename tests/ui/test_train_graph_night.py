"""The train graph says which night it shades: fixed hours by the local clock, not sunset to sunrise."""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from traintool.io import resolve_route
from traintool.physics.timetable import NIGHT


def test_the_night_is_shaded_by_fixed_local_hours_and_the_graph_says_so(qtbot, window):
    plots = window.plots
    plots.tabs.setCurrentWidget(plots.train_graph_tab)
    qtbot.waitUntil(lambda: plots.train_graph_tab.is_built)
    graph = plots.train_graph_tab.content()
    qtbot.waitUntil(lambda: bool(graph.nights))
    labels = [label.text for _sample, label in graph.legend.items]
    assert "night, 20:00–06:00 local (fixed hours)" in labels
    assert graph.note.text().startswith("Night shaded 20:00–06:00 by the local clock (not sunset to sunrise)")
    assert "not sunset to sunrise" in graph.note.toolTip() and "standard library" in graph.note.toolTip()
    # Each shaded night runs from 20:00 to 06:00 by the clock of the stretch it lies on.
    route = resolve_route(window.holder.document)
    zones = {s.position_m: s.time_zone for s in route.stations}
    for rect in graph.nights:
        r = rect.rect()
        x_m = r.left() * 1000  # km shown
        key = zones[max(p for p in zones if p <= x_m + 1)]
        dusk = datetime.fromtimestamp(r.top(), timezone.utc).astimezone(ZoneInfo(key))
        dawn = datetime.fromtimestamp(r.bottom(), timezone.utc).astimezone(ZoneInfo(key))
        assert (dusk.hour, dusk.minute, dawn.hour, dawn.minute) == (NIGHT[0], 0, NIGHT[1], 0)
