"""Random sequences of every edit of model/edits.py, valid and invalid, without Qt.

After every step: the document validates as a freshly loaded one (model_validate of its dump gives
it back); saving then loading it gives it back; the trip computes without raising; a refused edit
changed nothing. At the end: every earlier snapshot is unchanged (documents are immutable) and
stepping back through them reaches the first document; now and then a report is written.
"""
import json
import os
import tempfile
from datetime import datetime

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

import builders
from traintool.errors import EditError
from traintool.io import document_from_data, document_to_json, resolve_route, shipped_routes
from traintool.model import Car, CarKind, Document, GaugeChange, RefitMethod
from traintool.model import edits as E
from traintool.physics import compute_trip

ROUTES = shipped_routes()
START = builders.small_document()
# Types a paste may bring: one new, and one with the id of the target's coach but other figures.
FOREIGN = [builders.make_type("sleeper", CarKind.SLEEPER, mass_kg=60_000.0),
           builders.make_type("coach", mass_kg=80_000.0, label="Heavy coach")]
CAR_VALUES = {"name": st.one_of(st.none(), st.text(max_size=5), st.just("x" * 201)),
              "length_m": st.floats(-10, 150, allow_nan=False), "mass_kg": st.floats(-1, 2e6, allow_nan=False),
              "axles": st.integers(0, 40), "max_speed_m_s": st.floats(0, 200, allow_nan=False),
              "armored": st.booleans(), "gauge_change": st.sampled_from(list(GaugeChange))}
index = st.integers(-2, 40)
REPORTS = {"count": 0}


def _saved_form(doc: Document) -> Document:
    """What saving keeps: the car types the consist uses (saving leaves the others out, by design)."""
    used = {c.type_id for c in doc.consist.cars}
    return doc.model_copy(update={"car_types": tuple(t for t in doc.car_types if t.id in used)})


class Edits(RuleBasedStateMachine):
    @initialize()
    def start(self):
        self.doc = START
        self.history: list[tuple[Document, str]] = []  # each earlier document with its JSON at the time
        self.refused = 0

    @property
    def route(self):
        return resolve_route(self.doc)

    def apply(self, op, *args):
        before, dump = self.doc, self.doc.model_dump_json()
        try:
            result = op(self.doc, *args)
        except E.NoChange:
            assert self.doc is before
            return
        except EditError as e:
            assert "validation error" not in str(e) and "pydantic" not in str(e)  # the project's own sentence
            assert "ranges." not in str(e)  # a range refused in words, not by its path in the file
            assert self.doc is before and self.doc.model_dump_json() == dump  # a refused edit changed nothing
            self.refused += 1
            return
        assert isinstance(result.label, str) and result.label
        self.history.append((before, dump))
        self.doc = result.document

    # --- the consist --------------------------------------------------------------------------
    @rule(at=index, n=st.integers(1, 3), type_id=st.sampled_from(["loco", "loco-ru", "coach", "nope"]))
    def insert(self, at, n, type_id):
        types = self.doc.type_by_id()
        self.apply(E.insert_cars, at, [Car(type_id=type_id)] * n, [types[type_id]] if type_id in types else [])

    @rule(at=index, which=st.lists(st.sampled_from(FOREIGN), min_size=1, max_size=2))
    def paste(self, at, which):
        self.apply(E.paste_cars, at, [Car(type_id=t.id) for t in which], which)

    @rule(sel=st.lists(index, max_size=3))
    def delete(self, sel):
        self.apply(E.delete_cars, sel)

    @rule(sel=st.lists(index, max_size=3), to=index)
    def move(self, sel, to):
        self.apply(E.move_cars, sel, to)

    @rule(sel=st.lists(index, max_size=3), step=st.sampled_from([-1, 1]))
    def shift(self, sel, step):
        self.apply(E.shift_cars, sel, step)

    @rule(sel=st.lists(index, max_size=3))
    def duplicate(self, sel):
        self.apply(E.duplicate_cars, sel)

    @rule(sel=st.lists(index, max_size=4))
    def reverse(self, sel):
        self.apply(E.reverse_cars, sel)

    @rule(data=st.data(), sel=st.lists(index, max_size=3), field=st.sampled_from(sorted(CAR_VALUES)))
    def set_car_field(self, data, sel, field):
        self.apply(E.set_car_field, sel, field, data.draw(CAR_VALUES[field]))

    @rule(sel=st.lists(index, max_size=3), field=st.sampled_from(sorted(CAR_VALUES)))
    def reset_car_field(self, sel, field):
        self.apply(E.set_car_field, sel, field, None)

    @rule(type_id=st.sampled_from(["loco", "coach", "sleeper", "nope"]),
          change=st.sampled_from([("mass_kg", 70_000.0), ("mass_kg", -1.0), ("axles", 6), ("axles", 5),
                                  ("label", "Renamed type"), ("id", "other"), ("gauge_mm", None)]))
    def set_car_type_field(self, type_id, change):
        self.apply(E.set_car_type_field, type_id, *change)

    @rule(name=st.sampled_from(["Renamed train", "", "x" * 201]))
    def rename_document(self, name):
        self.apply(E.set_name, name)

    @rule(at=index)
    def insert_from_catalogue(self, at):
        self.apply(E.insert_types, at, FOREIGN[:1])

    # --- the scenario ---------------------------------------------------------------------------
    @rule(cap=st.one_of(st.none(), st.floats(-5, 200, allow_nan=False), st.just(float("inf"))))
    def cap(self, cap):
        self.apply(E.set_scenario_field, "top_speed_cap_m_s", cap)

    @rule(field=st.sampled_from(["assumptions.davis_k", "assumptions.adhesion_coefficient", "assumptions.nope",
                                 "dwell_overrides_s"]), value=st.floats(-1, 2, allow_nan=False))
    def assumption(self, field, value):
        self.apply(E.set_scenario_field, field, value)

    @rule(local=st.one_of(st.datetimes(min_value=datetime(1890, 1, 1), max_value=datetime(2210, 1, 1)),
                          st.just(datetime(2015, 8, 14, 23, 45))),
          zone=st.sampled_from([None, "Asia/Pyongyang", "Europe/Moscow", "Asia/Nowhere", "../etc/passwd", "x" * 100]))
    def departure(self, local, zone):
        self.apply(E.set_departure, local, zone)

    @rule(k=index, seconds=st.one_of(st.none(), st.floats(-60, 4e6, allow_nan=False)))
    def dwell(self, k, seconds):
        route = self.route
        name = route.stations[k].name if 0 <= k < len(route.stations) else "Nowhere"
        self.apply(E.set_dwell, route, name, seconds)

    @rule(k=index, change=st.sampled_from([("tracks", 3), ("tracks", 0), ("track_length_m", 400.0),
                                            ("lift_s", 1200.0), ("lift_s", -5.0), ("method", RefitMethod.TRANSSHIPMENT),
                                            ("nope", 1)]))
    def facility(self, k, change):
        route = self.route
        name = route.stations[k].name if 0 <= k < len(route.stations) else "Nowhere"
        self.apply(E.set_facility_field, route, name, *change)

    @rule(k=index)
    def reset_facility(self, k):
        route = self.route
        name = route.stations[k].name if 0 <= k < len(route.stations) else "Nowhere"
        self.apply(E.reset_facility, route, name)

    # --- the route ---------------------------------------------------------------------------------
    @rule(route_id=st.sampled_from(sorted(ROUTES)))
    def choose_route(self, route_id):
        self.apply(E.choose_route, route_id, ROUTES[route_id])

    @rule()
    def use_own_route(self):
        self.apply(E.use_route, builders.gauge_route())

    @rule(k=index, name=st.sampled_from(["B", "Renamed", "", "A", "Z" * 201]))
    def rename_station(self, k, name):
        self.apply(E.rename_station, self.route, k, name)

    @rule(k=index, change=st.sampled_from([("position_m", 30_000.0), ("position_m", -1.0), ("dwell_s", 600.0),
                                            ("stop", False), ("nope", 1)]))
    def station_field(self, k, change):
        self.apply(E.set_station_field, self.route, k, *change)

    @rule(k=index)
    def add_station(self, k):
        self.apply(E.add_station, self.route, k)

    @rule(k=index)
    def remove_station(self, k):
        self.apply(E.remove_station, self.route, k)

    @rule(k=index, change=st.sampled_from([("speed_limit_m_s", 15.0), ("speed_limit_m_s", 0.0),
                                            ("gradient_permille", 5.0), ("gauges_mm", (1520,)),
                                            ("start_m", 1.0), ("end_m", 1e9)]))
    def section_field(self, k, change):
        self.apply(E.set_section_field, self.route, k, *change)

    @rule(k=index)
    def split_section(self, k):
        self.apply(E.split_section, self.route, k)

    @rule(k=index)
    def merge_section(self, k):
        self.apply(E.merge_section, self.route, k)

    @rule(k=index, gauge=st.sampled_from([None, 1520, 1435, 10]))
    def break_of_gauge(self, k, gauge):
        route = self.route
        name = route.stations[k].name if 0 <= k < len(route.stations) else "Nowhere"
        self.apply(E.set_break_of_gauge, route, name, gauge)

    # --- ranges on estimated figures ---------------------------------------------------------------
    def _owner(self, kind, k):
        route = self.route
        if kind == "facility":
            return kind, route.stations[k].name if 0 <= k < len(route.stations) else "Nowhere"
        return kind, k

    @rule(data=st.data(), kind=st.sampled_from(["car_type", "section", "station", "facility"]), k=index,
          field=st.sampled_from(["mass_kg", "power_w", "max_speed_m_s", "axles", "speed_limit_m_s",
                                 "gradient_permille", "dwell_s", "tracks", "lift_s", "track_length_m"]),
          low=st.floats(0.5, 1.1, allow_nan=False), high=st.floats(0.9, 1.5, allow_nan=False),
          source=st.sampled_from(["", "a timetable", "x" * 2001]))
    def set_range(self, data, kind, k, field, low, high, source):
        """A range around the figure's value (or not: low and high are fractions of it, either may miss it)."""
        if kind == "car_type":
            owner = (kind, data.draw(st.sampled_from(["loco", "coach", "sleeper", "nope"])))
        else:
            owner = self._owner(kind, k)
        try:
            model, _ = E.range_of(self.doc, self.route, owner)
            value = getattr(model, field, None)
        except EditError:
            value = None
        value = 10.0 if not isinstance(value, (int, float)) else value
        ends = (low * value, high * value) if value >= 0 else (high * value, low * value)
        if field == "tracks":
            ends = (round(ends[0]), round(ends[1]))
        self.apply(E.set_range, self.route, owner, field, *ends, source)

    @rule(kind=st.sampled_from(["car_type", "section", "station", "facility"]), k=index,
          field=st.sampled_from(["mass_kg", "speed_limit_m_s", "gradient_permille", "dwell_s", "tracks", "lift_s"]))
    def clear_range(self, kind, k, field):
        owner = ("car_type", "coach") if kind == "car_type" else self._owner(kind, k)
        self.apply(E.clear_range, self.route, owner, field)

    # --- after every step ------------------------------------------------------------------------
    @invariant()
    def valid_as_if_loaded(self):
        assert Document.model_validate(self.doc.model_dump()) == self.doc

    @invariant()
    def saves_and_loads_back(self):
        loaded = document_from_data(json.loads(document_to_json(self.doc)), "state machine")
        assert loaded == _saved_form(self.doc)

    @invariant()
    def computes(self):
        compute_trip(self.doc, self.route)

    # --- at the end ---------------------------------------------------------------------------------
    def teardown(self):
        doc = self.doc
        for before, dump in reversed(self.history):  # undo, step by step
            assert before.model_dump_json() == dump  # no later edit changed an earlier snapshot
            doc = before
        assert doc is START and doc == builders.small_document()
        REPORTS["count"] += 1
        if REPORTS["count"] % 100 == 1:  # a report takes about a second: now and then
            _write_report(self.doc)


def _write_report(doc: Document) -> None:
    from PySide6.QtWidgets import QApplication

    from traintool.physics.answer import Answer
    from traintool.report import write_report

    # Painting needs an application; a QApplication, as pytest-qt's qapp would make, for the tests after this one.
    _app = QApplication.instance() or QApplication([])  # noqa: F841
    route = resolve_route(doc)
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "r.pdf")
        write_report(Answer(doc, route, compute_trip(doc, route)), out)
        assert os.path.getsize(out) > 1000


Edits.TestCase.settings = settings(max_examples=500 if os.environ.get("CI") else 60, stateful_step_count=15,
                                   deadline=None)
TestEdits = Edits.TestCase
