"""Write the shipped routes, resources/routes/*.route.json, from the tables below.

The tables are the place to edit a route: distances in km, elevations in m, speed limits in km/h,
each with its source. Run `python tools/build_routes.py` to rewrite the JSON files; the test
tests/model/test_shipped_data.py checks that the shipped files match this script.

Conventions:
* Positions are kilometres from the first station, along the line.
* Every section's gradient is the average between the elevations of its end stations, which are
  rough estimates (a few tens of metres): the sections are marked `estimated`. Local gradients
  on the lines are steeper (the P'yŏngŭi Line's ruling gradient is 11 per mille).
* A long span between two stations is cut into equal sections of at most MAX_SECTION_KM so that
  the profile shows where the train is; the cuts carry the same limit and gradient.
* Every station carries its IANA time zone (TIME_ZONES below: the zone of the region it lies in,
  as the tz database's zone1970.tab draws them), so that times are told by the local clock.
* A refit facility sets only its method, source and notes: its capacities and step durations are
  the RefitFacility defaults (traintool/model/route.py), estimates tuned to travellers' accounts.
"""
from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from traintool.model import RouteFile  # noqa: E402

MAX_SECTION_KM = 200.0
KMH = 3.6

# The IANA zone of each station's region (tz database, zone1970.tab): North Korea keeps one zone;
# Primorye and Khabarovsk Krai (and the Jewish Autonomous Oblast) are Vladivostok time; Amur Oblast
# is Yakutsk time; Zabaykalsky Krai has Chita's zone; Buryatia and Irkutsk Oblast are Irkutsk time;
# Tyumen and Perm keep Yekaterinburg time; Kirov Oblast has a zone of its own (Moscow time since
# 2014); China keeps one zone (Asia/Shanghai); Mongolia's stations on the line are Ulaanbaatar time.
TIME_ZONES = {
    **dict.fromkeys(["Pyongyang", "Sunchon", "Sinsongchon", "Yangdok", "Kowon", "Hamhung", "Sinpo", "Tanchon",
                     "Kimchaek", "Kilju", "Chongjin", "Rajin", "Tumangang", "Sinanju", "Chongju", "Sinuiju"],
                    "Asia/Pyongyang"),
    **dict.fromkeys(["Khasan", "Makhalino", "Ryazanovka", "Primorskaya", "Baranovsky", "Vladivostok", "Ussuriysk",
                     "Khabarovsk", "Birobidzhan"], "Asia/Vladivostok"),
    **dict.fromkeys(["Belogorsk", "Skovorodino"], "Asia/Yakutsk"),
    "Chita": "Asia/Chita",
    **dict.fromkeys(["Ulan-Ude", "Irkutsk", "Tayshet"], "Asia/Irkutsk"),
    "Krasnoyarsk": "Asia/Krasnoyarsk",
    "Novosibirsk": "Asia/Novosibirsk",
    "Omsk": "Asia/Omsk",
    **dict.fromkeys(["Tyumen", "Yekaterinburg", "Perm"], "Asia/Yekaterinburg"),
    "Kirov": "Europe/Kirov",
    **dict.fromkeys(["Nizhny Novgorod", "Vladimir", "Moscow"], "Europe/Moscow"),
    **dict.fromkeys(["Dandong", "Benxi", "Shenyang", "Jinzhou", "Shanhaiguan", "Tangshan", "Tianjin", "Beijing",
                     "Zhangjiakou", "Datong", "Jining", "Erlian"], "Asia/Shanghai"),
    **dict.fromkeys(["Zamyn-Uud", "Sainshand", "Choir", "Ulaanbaatar"], "Asia/Ulaanbaatar"),
    **dict.fromkeys(["Warszawa Centralna", "Warszawa Wschodnia", "Siedlce", "Lukow", "Biala Podlaska", "Terespol"],
                    "Europe/Warsaw"),
    **dict.fromkeys(["Brest", "Baranavichy", "Minsk"], "Europe/Minsk"),
}


@dataclass
class Stop:
    name: str
    km: float
    elev_m: float  # estimate: only used for the average gradient of the adjoining sections
    dwell_min: float = 0.0
    stop: bool = True


@dataclass
class Leg:
    """The line from one stop to the next."""

    limit_kmh: float
    gauges: list[int]
    source: str
    name: str = ""
    extra: dict = field(default_factory=dict)


def build_route(id: str, name: str, stops: list[Stop], legs: list[Leg], breaks: list[dict],
                source: str, notes: str, railways: tuple[str, str], border_km: float,
                operations: dict[str, list[dict]], length_ranges: tuple[dict, ...] = ()) -> dict:
    """`railways`: the railway that runs the sections before `border_km` and the one that runs the rest;
    `operations`: what the train stands for at stations, by station name; `length_ranges`: stretches
    whose length the sources give differently or as 'about' (model.route.LengthRange)."""
    assert len(legs) == len(stops) - 1, f"{id}: {len(stops)} stops need {len(stops) - 1} legs, not {len(legs)}"
    stations = []
    for s in stops:
        st: dict = {"name": s.name, "position_m": round(s.km * 1000.0, 1)}
        if s.dwell_min:
            st["dwell_s"] = round(s.dwell_min * 60.0, 1)
        if not s.stop:
            st["stop"] = False
        st["time_zone"] = TIME_ZONES[s.name]  # a new station needs its zone in the table
        if s.name in operations:
            st["operations"] = operations[s.name]
        stations.append(st)
    sections = []
    for a, b, leg in zip(stops, stops[1:], legs):
        length_km = b.km - a.km
        grad = round((b.elev_m - a.elev_m) / (length_km * 1000.0) * 1000.0, 1) + 0.0  # + 0.0: no -0.0
        pieces = max(1, math.ceil(length_km / MAX_SECTION_KM - 1e-9))
        for i in range(pieces):
            start = a.km + length_km * i / pieces
            end = b.km if i == pieces - 1 else a.km + length_km * (i + 1) / pieces
            label = leg.name or f"{a.name} – {b.name}"
            if pieces > 1:
                label += f" ({i + 1}/{pieces})"
            sections.append({
                "start_m": round(start * 1000.0, 1),
                "end_m": round(end * 1000.0, 1),
                "gauges_mm": leg.gauges,
                "speed_limit_m_s": round(leg.limit_kmh / KMH, 4),
                "gradient_permille": grad,
                "name": label,
                "railway": railways[0] if start < border_km - 1e-9 else railways[1],
                "estimated": True,
                "source": leg.source + f" Gradient: average from estimated station elevations ({a.elev_m:g} m to {b.elev_m:g} m).",
                **leg.extra,
            })
    data = {"format": "traintool.route", "version": 3, "id": id, "name": name, "stations": stations,
            "sections": sections, "breaks_of_gauge": breaks,
            "railways": [RAILWAYS[r] for r in dict.fromkeys(railways)],
            "source": source, "notes": notes}
    if length_ranges:
        data["length_ranges"] = list(length_ranges)
    RouteFile.model_validate(data)  # fail here, naming the route, rather than in the app
    return data


def reverse(stops: list[Stop], legs: list[Leg]) -> tuple[list[Stop], list[Leg]]:
    """The same line run the other way: positions from the other end, each station keeping its dwell (the ends
    have none), each leg its limit and source; the gradients turn with the elevations."""
    total = stops[-1].km
    last = len(stops) - 1
    back = [Stop(s.name, round(total - s.km, 3), s.elev_m, 0.0 if i in (0, last) else s.dwell_min, s.stop)
            for i, s in enumerate(reversed(stops))]
    return back, [replace(leg, name=_turned(leg.name)) for leg in reversed(legs)]


def _turned(name: str) -> str:
    """'Sinuiju – Dandong (Friendship Bridge)' run the other way is 'Dandong – Sinuiju (Friendship Bridge)'."""
    ends, _, rest = name.partition(" (")
    if " – " not in ends:
        return name
    a, b = ends.split(" – ", 1)
    return f"{b} – {a}" + (f" ({rest}" if rest else "")


# ----------------------------------------------------------------------------------------------
# Railways and their rules per kind of service; operations at stations (traintool/model/operations.py).
# Every figure is an estimate with a range and a source, the range about as far below the value as above
# it, so that the answer with every figure at its value is near the middle of the range. A figure tuned
# to published timings says which calibration entries of resources/timings.json set it (never a
# validation entry).

UIC = ("UIC leaflet 451-1 recommends a running-time allowance of about 3-7 % for passenger trains (about 4 % at "
       "100-140 km/h), more for freight, and minutes per 100 km where the track is worked on (OSRD's 'linear' and "
       "'construction' allowances)")
INT, SPE, FRE = "international_passenger", "special", "freight"
TUNED = "tuned to the calibration entry (resources/timings.json) "
RZD_TUNED = ("tuned to the calibration entries (resources/timings.json) pyongyang-moscow-through-car-2025-first-run, "
             "rossiya-moscow-vladimir-kolej, rossiya-moscow-perm-kolej, rossiya-moscow-chita-kolej, "
             "rossiya-moscow-vladivostok-kolej, rossiya-002-moscow-vladivostok-ukwiki, k4-moscow-novosibirsk-trainspread "
             "and khabarovsk-vladivostok-2013-train-6: their median error is -1 % at 0.76 (+4 % at 0.72, -11 % at 0.85)")


def _range(low: float, high: float, source: str) -> dict:
    return {"low": low, "high": high, "source": source}


def service(allowance: float, allowance_range: tuple[float, float, str], factor: float,
            factor_range: tuple[float, float, str], source: str, *, max_kmh: float | None = None,
            max_range: tuple[float, float, str] | None = None, stop_min: float = 0.0,
            stop_range: tuple[float, float, str] | None = None, locomotive_id: str = "",
            locomotive_note: str = "") -> dict:
    """A railway's rules for one kind of service (ServiceRules); ranges in the units given (min, km/h)."""
    d: dict = {"allowance_percent": allowance, "limit_factor": factor}
    ranges = {"allowance_percent": _range(*allowance_range), "limit_factor": _range(*factor_range)}
    if max_kmh is not None:
        assert max_range is not None
        d["max_speed_m_s"] = round(max_kmh / KMH, 4)
        ranges["max_speed_m_s"] = _range(round(max_range[0] / KMH, 4), round(max_range[1] / KMH, 4), max_range[2])
    if stop_min:
        assert stop_range is not None
        d["stop_dwell_s"] = stop_min * 60.0
        ranges["stop_dwell_s"] = _range(stop_range[0] * 60.0, stop_range[1] * 60.0, stop_range[2])
    if locomotive_id:  # a catalogue car type: the locomotive the railway puts on at a change hauls the train
        d["locomotive_id"] = locomotive_id
    if locomotive_note:  # what is known of it beyond a catalogue type (none for these: the consist's own haul)
        d["locomotive_note"] = locomotive_note
    return {**d, "source": source, "ranges": ranges}


RAILWAYS: dict[str, dict] = {
    "ksr": {"id": "ksr", "name": "Korean State Railway", "source": "The DPRK's state railway; its timetables are not published.", "services": {
        INT: service(10.0, (5.0, 15.0, UIC + "; more on the KSR, whose trains are held by power cuts and single-track crossings (travellers' accounts)"),
                     0.9, (0.75, 1.05, "estimate: the KSR's worn track and unreliable power keep trains under the line limits"),
                     "estimates", stop_min=5, stop_range=(2, 15, "estimate: 2-15 min at a North Korean station"),
                     locomotive_id="kp-red-flag-1"),
        SPE: service(5.0, (0.0, 10.0, "estimate: a leader's train runs on a cleared line, with little slack"),
                     0.9, (0.75, 1.05, "estimate: the KSR's worn track keeps even a cleared train under the line limits"),
                     "estimates", locomotive_id="kp-df4b"),
        FRE: service(15.0, (5.0, 25.0, UIC), 0.8, (0.6, 1.0, "estimate"), "estimates"),
    }},
    "rzd": {"id": "rzd", "name": "Russian Railways", "source": "RZD.", "services": {
        INT: service(5.0, (3.0, 7.0, UIC), 0.76, (0.63, 0.89, RZD_TUNED),
                     "estimates; the limit factor tuned (see its range)", stop_min=10, stop_range=(2, 30, "estimate: long-distance stops on the Trans-Siberian last 2-30 min (RZD timetables)"),
                     locomotive_note="2TE116 diesel or EP1 electric"),
        SPE: service(10.0, (3.0, 17.0, "estimate: a special train is fitted between regular trains and waits in loops"),
                     0.9, (0.75, 1.05, "estimate"), "estimates", max_kmh=60,
                     max_range=(40, 80, "Reuters (2001) saw the leader's train pass Ussuriysk at about 40 km/h; a special of armoured cars is not run at the line's top speed (estimate)"),
                     locomotive_id="ru-2te116"),
        FRE: service(10.0, (5.0, 15.0, UIC), 0.8, (0.6, 1.0, "estimate"), "estimates"),
    }},
    "cr": {"id": "cr", "name": "China Railway", "source": "China Railway.", "services": {
        INT: service(8.0, (4.0, 12.0, UIC), 0.75, (0.6, 0.9, TUNED + "k27-2026-beijing-pyongyang (24 h 41 min; "
                                                        "22 h 06 min at 0.9): a K-class train on a busy mixed line"),
                     "estimates; the limit factor tuned (see its range)", stop_min=6, stop_range=(2, 15, "estimate: K-class trains stop 2-15 min at major stations"),
                     locomotive_note="DF4D or DF11 diesel, SS-class electric"),
        SPE: service(3.0, (0.0, 6.0, "estimate: a special train on a cleared line"),
                     0.95, (0.8, 1.1, "estimate: China Railway clears the line for a special (not tuned: the "
                                          "two Pyongyang - Beijing calibration entries disagree)"),
                     "estimates", max_kmh=100,
                     max_range=(80, 120, "estimate: China Railway hauls a foreign leader's special with its own locomotive (DF11 class, 170 km/h) at the speed of its express trains on conventional lines"),
                     locomotive_note="DF11 diesel"),
        FRE: service(10.0, (5.0, 15.0, UIC), 0.8, (0.6, 1.0, "estimate"), "estimates"),
    }},
    "ubtz": {"id": "ubtz", "name": "Ulaanbaatar Railway", "source": "Mongolia's railway (UBTZ).", "services": {
        INT: service(8.0, (4.0, 12.0, UIC), 0.7, (0.58, 0.82, TUNED + "k23-2018-zamyn-uud-ulaanbaatar (11 h 55 min; "
                                                       "9 h 44 min at 0.85): a single-track diesel line with crossings"),
                     "estimates", stop_min=10, stop_range=(2, 30, "estimate: 2-30 min at a Mongolian station"),
                     locomotive_note="2TE116UM diesel"),
        SPE: service(3.0, (0.0, 6.0, "estimate"), 0.95, (0.8, 1.1, "estimate"), "estimates"),
        FRE: service(10.0, (5.0, 15.0, UIC), 0.8, (0.6, 1.0, "estimate"), "estimates"),
    }},
    "pkp": {"id": "pkp", "name": "PKP Polskie Linie Kolejowe", "source": "Polish railways.", "services": {
        INT: service(7.0, (4.0, 10.0, UIC + "; PKP PLK adds more where lines are being renewed"), 0.95, (0.8, 1.1, "estimate"),
                     "estimates", stop_min=2, stop_range=(1, 5, "estimate: 1-5 min at an intermediate station"),
                     locomotive_id="pl-ep09"),
        SPE: service(3.0, (0.0, 6.0, "estimate"), 0.95, (0.8, 1.1, "estimate"), "estimates"),
        FRE: service(10.0, (5.0, 15.0, UIC), 0.8, (0.6, 1.0, "estimate"), "estimates"),
    }},
    "bch": {"id": "bch", "name": "Belarusian Railway", "source": "BCh.", "services": {
        INT: service(5.0, (3.0, 7.0, UIC), 0.95, (0.8, 1.1, "estimate"),
                     "estimates", stop_min=5, stop_range=(2, 15, "estimate: 2-15 min at an intermediate station"),
                     locomotive_id="ru-tep70"),
        SPE: service(3.0, (0.0, 6.0, "estimate"), 0.95, (0.8, 1.1, "estimate"), "estimates"),
        FRE: service(10.0, (5.0, 15.0, UIC), 0.8, (0.6, 1.0, "estimate"), "estimates"),
    }},
}


def operation(kind: str, minutes: float, low: float, high: float, source: str, services: list[str]) -> dict:
    return {"kind": kind, "duration_s": minutes * 60.0, "services": services, "source": source,
            "ranges": {"duration_s": _range(low * 60.0, high * 60.0, source)}}


def border(exit_station: str, entry_station: str, exit_source: str, entry_source: str, customs_source: str,
           exit_min: float, entry_min: float, customs_min: float) -> dict[str, list[dict]]:
    """Exit control on one side, entry control and customs on the other, for scheduled trains; a
    leader's special is cleared by arrangement on both sides."""
    special = "estimate: a leader's special is cleared by arrangement, a formality of 5-45 min"
    return {exit_station: [operation("border_exit", exit_min, exit_min / 2, exit_min * 2, exit_source, [INT, FRE]),
                           operation("border_exit", 15, 5, 45, special, [SPE])],
            entry_station: [operation("border_entry", entry_min, entry_min / 2, entry_min * 2, entry_source, [INT, FRE]),
                            operation("customs", customs_min, customs_min / 2, customs_min * 3, customs_source, [INT, FRE]),
                            operation("border_entry", 15, 5, 45, special, [SPE])]}


KP_EXIT = "estimate: North Korean exit control and baggage search, 1-2 h in travellers' accounts of Sinŭiju"
KP_ENTRY = "estimate: North Korean entry control and baggage search, 1-2 h in travellers' accounts of Sinŭiju"
CN_ENTRY = "estimate: Chinese entry control at Dandong, 30-90 min in travellers' accounts"
CN_EXIT = "estimate: Chinese exit control at Dandong, 30-90 min in travellers' accounts"
CN_CUSTOMS = "estimate: Chinese customs at Dandong, baggage X-rayed, 15-90 min"
KP_CUSTOMS = "estimate: North Korean customs at Sinŭiju, 15-90 min"
THROUGH_CARS = "estimate: the P'yŏngyang cars are shunted to or from the Beijing train (K27/K28) at Dandong"
SINUIJU_DANDONG = border("Sinuiju", "Dandong", KP_EXIT, CN_ENTRY, CN_CUSTOMS, 60, 45, 30)
SINUIJU_DANDONG["Dandong"] += [
    operation("locomotive_change", 20, 10, 40, "estimate: China Railway puts its own locomotive on at Dandong",
              [INT, SPE, FRE]),
    operation("technical", 60, 20, 120, THROUGH_CARS, [INT]),
]
DANDONG_SINUIJU = border("Dandong", "Sinuiju", CN_EXIT, KP_ENTRY, KP_CUSTOMS, 45, 60, 30)
DANDONG_SINUIJU["Dandong"].append(operation("technical", 60, 20, 120, THROUGH_CARS, [INT]))
DANDONG_SINUIJU["Sinuiju"].append(operation(
    "locomotive_change", 20, 10, 40, "estimate: the Korean State Railway puts its own locomotive on at Sinŭiju",
    [INT, SPE, FRE]))
TUMANGANG_KHASAN = border("Tumangang", "Khasan", "estimate: North Korean exit control at Tumangang, as at Sinŭiju",
                          "estimate: Russian entry control at Khasan, 30-90 min",
                          "estimate: Russian customs at Khasan, 15-90 min", 60, 45, 30)
ERLIAN_ZAMYN_UUD = border("Erlian", "Zamyn-Uud", "estimate: Chinese exit control at Erlian, 30-90 min",
                          "estimate: Mongolian entry control at Zamyn-Üüd, 30-90 min",
                          "estimate: Mongolian customs at Zamyn-Üüd, 15-90 min", 45, 45, 30)
ZAMYN_UUD_ERLIAN = border("Zamyn-Uud", "Erlian", "estimate: Mongolian exit control at Zamyn-Üüd, 30-90 min",
                          "estimate: Chinese entry control at Erlian, 30-90 min",
                          "estimate: Chinese customs at Erlian, 15-90 min", 45, 45, 30)
# Tuned: the through trains' stand at Erlian beyond the bogie exchange and the border, from the calibration
# entries k23-2018-jining-zamyn-uud and k24-2018-zamyn-uud-jining (the model was 2.1 h and 2.0 h short without it).
ERLIAN_STAND = operation(
    "technical", 120, 60, 180, "tuned to the calibration entries k23-2018-jining-zamyn-uud and k24-2018-zamyn-uud-jining "
    "(resources/timings.json): the through train is shunted into and out of the exchange shed and waits for its "
    "path; the route's notes: 'the through trains stand here for hours'", [INT])
ERLIAN_ZAMYN_UUD["Erlian"].append(ERLIAN_STAND)
ZAMYN_UUD_ERLIAN["Erlian"].append(ERLIAN_STAND)
TERESPOL_BREST = border("Terespol", "Brest",
                        "estimate: Polish (Schengen) exit control at Terespol, 10-40 min in travellers' accounts",
                        "estimate: Belarusian entry control at Brest, 15-60 min",
                        "estimate: Belarusian customs at Brest, 10-60 min", 20, 30, 20)


# ----------------------------------------------------------------------------------------------
# Where the DPRK – Russia gauge exchange is made today is not published (issue 23): the scenario chooses.
# The 2001 route to Moscow has none: the bridge was broad gauge only then, so the exchange was at Tumangang.
SRC_EXCHANGE_PLACE = ("Tumangang has the wheelset exchange station, where the broad gauge ended until 2011 (Russian "
                      "Wikipedia, 'Хасан (станция)'); since the dual-gauge rebuild of Rajin – Khasan (four-rail 1435 "
                      "and 1520 mm, Railway Gazette, 2013) a standard-gauge train can run through to Khasan, where the "
                      "leader was received in 2019 and 2023. Which of the two the leader's trains used is not known.")


# North Korea: P'yŏngyang – Rajin – Tumangang – Khasan (shared by the Vladivostok and Moscow routes)

SRC_PYONGRA = ("P'yŏngra Line, P'yŏngyang – Rajin, 819 km, single track, electrified (English Wikipedia, 'Pyongra "
               "Line', infobox). Intermediate distances are estimates scaled to that total.")
SRC_DPRK_SPEED = ("Speed limit an estimate: North Korean track is poor, most trains average 40-60 km/h (Daily NK, 2019, "
                  "on the official timetable: P'yŏngyang – Ch'ŏngjin in 27 h 43 min); the P'yŏngŭi Line is nominally "
                  "100 km/h but 40 km/h in practice (Wikipedia, 'Pyongui Line').")
SRC_RAJIN_KHASAN = ("Rajin – Khasan, 54 km of four-rail dual gauge (1435 and 1520 mm) rebuilt 2008-2013 by Russian "
                    "Railways (Railway Gazette, 2013; Moscow Times, 2013); Khasan – Tumangang 5 km (Russian Wikipedia, "
                    "'Хасан (станция)').")
SRC_BARANOVSKY = ("Baranovsky – Khasan line, 238 km from Baranovsky (Makhalino km 197, Ryazanovka km 147, Primorskaya "
                  "km 87), single track, not electrified (Wikipedia, 'Baranovsky–Khasan line'; Russian Wikipedia, "
                  "'Хасан (станция)'). Speed limit an estimate.")
SRC_TRANSSIB_END = ("Trans-Siberian Railway: Ussuriysk – Vladivostok 112 km (Ussuriysk km 9147, Vladivostok km 9259 "
                    "on the route via Vladimir; kolejtranssyberyjska.pl); Baranovsky lies 22 km south of Ussuriysk "
                    "(Khasan – Ussuriysk 260 km against Khasan – Baranovsky 238 km, Russian Wikipedia 'Хасан "
                    "(станция)'). Speed limit an estimate.")


# The P'yŏngra Line's length: 819 km here, about 799 km in Korean sources (a factor of 799/819 to 1).
PYONGRA_LENGTH = {
    "from_station": "Pyongyang", "to_station": "Rajin", "low": round(799 / 819, 5), "high": 1.0,
    "source": ("P'yŏngra Line: 819 km (English Wikipedia, 'Pyongra Line', infobox: the length used here) against "
               "781.1 km from Kalli (Daum encyclopedia; about 780-790 km per Korean wikis), Kalli being 17.9 km from "
               "P'yŏngyang: about 799 km. The stations between are placed by scaling, so the whole line is off "
               "together."),
}


# The P'yŏngra Line's limits are estimates (SRC_DPRK_SPEED) times this share, which makes the international
# service's rules (the KSR's limit factor 0.9 and allowance 10 %) give the official timetable's P'yŏngyang –
# Ch'ŏngjin, 27 h 43 min (Daily NK, 2019). That timetable is not an entry of resources/timings.json: no
# published timing, of either set, set it.
PYONGRA_TIMETABLE_SHARE = 0.64
SRC_PYONGRA_TIMETABLE = ("The limit is the line's estimated limit times 0.64, so that the international service "
                         "gives the official timetable's P'yŏngyang – Ch'ŏngjin, 27 h 43 min (Daily NK, 2019): "
                         "the line's trains run at about half its nominal speeds.")


def dprk_stops(*, rajin_dwell: float, tumangang_dwell: float) -> list[Stop]:
    return [
        Stop("Pyongyang", 0, 25),
        Stop("Sunchon", 65, 40, stop=False),
        Stop("Sinsongchon", 102, 100, stop=False),
        Stop("Yangdok", 160, 300, stop=False),
        Stop("Kowon", 230, 30, stop=False),
        Stop("Hamhung", 305, 15, dwell_min=5),
        Stop("Sinpo", 385, 10, stop=False),
        Stop("Tanchon", 485, 10, stop=False),
        Stop("Kimchaek", 530, 10, dwell_min=5),
        Stop("Kilju", 572, 60, stop=False),
        Stop("Chongjin", 725, 10, dwell_min=5),
        Stop("Rajin", 819, 10, dwell_min=rajin_dwell),
        Stop("Tumangang", 868, 10, dwell_min=tumangang_dwell),
    ]


def dprk_legs() -> list[Leg]:
    s = SRC_PYONGRA + " " + SRC_DPRK_SPEED + " " + SRC_PYONGRA_TIMETABLE
    k = PYONGRA_TIMETABLE_SHARE
    return [
        Leg(round(60 * k), [1435], s),                       # Pyongyang – Sunchon
        Leg(round(50 * k), [1435], s),                       # Sunchon – Sinsongchon
        Leg(round(40 * k), [1435], s + " Mountain section across the peninsula."),  # Sinsongchon – Yangdok
        Leg(round(40 * k), [1435], s + " Mountain section across the peninsula."),  # Yangdok – Kowon
        Leg(round(60 * k), [1435], s),                       # Kowon – Hamhung
        Leg(round(60 * k), [1435], s),                       # Hamhung – Sinpo
        Leg(round(50 * k), [1435], s),                       # Sinpo – Tanchon
        Leg(round(50 * k), [1435], s),                       # Tanchon – Kimchaek
        Leg(round(50 * k), [1435], s),                       # Kimchaek – Kilju
        Leg(round(50 * k), [1435], s),                       # Kilju – Chongjin
        Leg(round(50 * k), [1435], s),                       # Chongjin – Rajin
    ]


def vladivostok() -> dict:
    stops = dprk_stops(rajin_dwell=10, tumangang_dwell=10) + [
        Stop("Khasan", 873, 10, dwell_min=10),
        Stop("Makhalino", 914, 30, stop=False),
        Stop("Ryazanovka", 964, 20, stop=False),
        Stop("Primorskaya", 1024, 20, stop=False),
        Stop("Baranovsky", 1111, 30, stop=False),
        Stop("Vladivostok", 1201, 10),
    ]
    legs = dprk_legs() + [
        Leg(60, [1435, 1520], SRC_RAJIN_KHASAN + " Speed limit an estimate (rebuilt track)."),  # Rajin – Tumangang
        Leg(25, [1435, 1520], SRC_RAJIN_KHASAN + " The Friendship Bridge over the Tumen; speed limit an estimate.",
            name="Tumangang – Khasan (Friendship Bridge)"),
        Leg(50, [1520], SRC_BARANOVSKY),   # Khasan – Makhalino
        Leg(60, [1520], SRC_BARANOVSKY),   # Makhalino – Ryazanovka
        Leg(60, [1520], SRC_BARANOVSKY),   # Ryazanovka – Primorskaya
        Leg(70, [1520], SRC_BARANOVSKY),   # Primorskaya – Baranovsky
        Leg(80, [1520], SRC_TRANSSIB_END),  # Baranovsky – Vladivostok
    ]
    breaks = [{
        "station": "Khasan", "to_gauge_mm": 1520,
        "alternatives": ["Tumangang"], "alternatives_source": SRC_EXCHANGE_PLACE,
        "facility": {
            "method": "bogie_exchange",
            "source": ("Seed article: the train 'had to stop at a station near the Russian border for several hours to "
                       "refit the appropriate wheels'. Track counts, lengths and step times: the RefitFacility "
                       "defaults (estimates)."),
            "notes": ("Where the wheels are changed is not published. Until 2011 the broad gauge reached only "
                      "Tumangang, where the wheelset exchange station is (Russian Wikipedia, 'Хасан (станция)'); since "
                      "the dual-gauge rebuild a standard-gauge train can run through to Khasan, where the leader was "
                      "received in 2019 and 2023. The exchange is put at Khasan; the scenario may put it at Tumangang."),
        },
    }]
    source = ("Distances: P'yŏngra Line 819 km (English Wikipedia); Rajin – Khasan 54 km and Khasan – Tumangang 5 km "
              "(Russian Railways project reports; Russian Wikipedia 'Хасан (станция)'); Baranovsky – Khasan 238 km "
              "(Wikipedia); Ussuriysk – Vladivostok 112 km (Trans-Siberian distance table, kolejtranssyberyjska.pl). "
              "Total 1,201 km, against 'some 1,200 km' (Chosun Ilbo, 12 Sep 2023) and 1,180 km (BBC, as retold by "
              "Informedia and Mid-day, 2023). Trip: 'at least 20 hours' (BBC via the seed article); 'more than 20 "
              "hours at less than 60 km/h' (Chosun Ilbo); Khasan to Ussuriysk 'in about seven hours' (TASS, 24 Apr "
              "2019).")
    notes = ("Estimated: the intermediate positions in North Korea (scaled to the 819 km total), every speed limit, "
             "every gradient (from rough station elevations), every dwell, and where the bogies are exchanged. "
             "Sources disagree on the P'yŏngra Line's length: 819 km (English Wikipedia) against 781.1 km (Daum "
             "encyclopedia; about 780-790 km from Kalli per Korean wikis, Kalli being 17.9 km from P'yŏngyang): with "
             "about 799 km the route would be 1,181 km, the BBC's figure. Other reports: 'over ten hours' for 700 km "
             "at 60 km/h on average (ZDF, 2019); the 2023 train left P'yŏngyang on Sunday afternoon and crossed the "
             "border early on Tuesday, moving slowly and by night (Chosun Ilbo, AP). TASS (2019) has the train "
             "running Khasan – Ussuriysk and then down the Trans-Siberian to Vladivostok; this route turns towards "
             "Vladivostok at Baranovsky, 22 km short of Ussuriysk. The train is assumed to reverse at Rajin (dwell) "
             "to take the Hambuk Line to Tumangang.")
    return build_route("pyongyang-vladivostok", "Pyongyang – Khasan – Vladivostok", stops, legs, breaks, source, notes,
                       ("ksr", "rzd"), 868, TUMANGANG_KHASAN, (PYONGRA_LENGTH,))


# ----------------------------------------------------------------------------------------------
# Pyongyang – Moscow: the 2001 journey of Kim Jong Il

# Trans-Siberian stations, km from Moscow on the route via Vladimir and Nizhny Novgorod
# (kolejtranssyberyjska.pl), with a rough elevation and the speed limit of the line *west* of them.
# Skovorodino and Belogorsk: 29 km less than the Yaroslavl-route kilometre posts (7306, 7873), an estimate.
TRANSSIB = [  # name, km from Moscow, elevation m (estimate), limit km/h on the leg towards Moscow, dwell min
    ("Ussuriysk", 9147, 30, 100, 30),
    ("Khabarovsk", 8493, 60, 100, 30),
    ("Birobidzhan", 8312, 80, 100, 0),
    ("Belogorsk", 7844, 170, 90, 30),
    ("Skovorodino", 7277, 370, 80, 0),
    ("Chita", 6166, 650, 80, 30),
    ("Ulan-Ude", 5609, 520, 80, 30),
    ("Irkutsk", 5153, 440, 80, 30),
    ("Tayshet", 4483, 300, 100, 0),
    ("Krasnoyarsk", 4065, 150, 100, 30),
    ("Novosibirsk", 3303, 150, 100, 30),
    ("Omsk", 2676, 90, 100, 30),
    ("Tyumen", 2104, 60, 100, 0),
    ("Yekaterinburg", 1778, 270, 80, 30),
    ("Perm", 1397, 120, 100, 0),
    ("Kirov", 917, 150, 100, 30),
    ("Nizhny Novgorod", 442, 80, 120, 0),
    ("Vladimir", 210, 120, 120, 0),
    ("Moscow", 0, 150, None, 0),
]


SRC_TRANSSIB = ("Trans-Siberian Railway, kilometres from Moscow on the route via Vladimir and Nizhny Novgorod "
                "(kolejtranssyberyjska.pl: Kirov 917, Perm 1397, Yekaterinburg 1778, Tyumen 2104, Omsk 2676, "
                "Novosibirsk 3303, Krasnoyarsk 4065, Tayshet 4483, Irkutsk 5153, Ulan-Ude 5609, Chita 6166, "
                "Birobidzhan 8312, Khabarovsk 8493, Ussuriysk 9147, Vladivostok 9259). Electrified double track; "
                "operating speeds 60-140 km/h (Wikipedia, 'Trans-Siberian Railway'); this section's limit is an "
                "estimate.")


def moscow() -> dict:
    stops = dprk_stops(rajin_dwell=10, tumangang_dwell=10) + [
        Stop("Khasan", 873, 10, dwell_min=30),
        Stop("Baranovsky", 1111, 30, stop=False),
    ]
    legs = dprk_legs() + [
        Leg(50, [1435], "Rajin – Tumangang, 49 km (Rajin – Khasan 54 km less Khasan – Tumangang 5 km; Russian "
            "Railways project reports). In 2001, before the dual-gauge rebuild of 2008-2013, standard gauge only. "
            + SRC_DPRK_SPEED),
        Leg(25, [1520], "Tumangang – Khasan, 5 km, over the Friendship Bridge; until 2011 the broad gauge reached "
            "Tumangang and no further (Russian Wikipedia, 'Хасан (станция)'). Speed limit an estimate.",
            name="Tumangang – Khasan (Friendship Bridge)"),
        Leg(60, [1520], SRC_BARANOVSKY, name="Khasan – Baranovsky"),
    ]
    # Baranovsky – Ussuriysk, then the Trans-Siberian westwards.
    origin_km = 1111 + 22  # Ussuriysk on this route
    us_name, us_km, us_elev, _, us_dwell = TRANSSIB[0]
    stops.append(Stop(us_name, origin_km, us_elev, dwell_min=us_dwell))
    legs.append(Leg(80, [1520], SRC_TRANSSIB_END, name="Baranovsky – Ussuriysk"))
    src_ts = SRC_TRANSSIB
    for (name_a, km_a, _, limit, _), (name_b, km_b, elev_b, _, dwell_b) in zip(TRANSSIB, TRANSSIB[1:]):
        stops.append(Stop(name_b, origin_km + (us_km - km_b), elev_b, dwell_min=dwell_b))
        extra = ""
        if name_b in ("Belogorsk", "Skovorodino"):
            extra = " Position of Belogorsk and Skovorodino estimated (Yaroslavl-route kilometre posts less 29 km)."
        if name_b == "Nizhny Novgorod":
            extra = " Position of Nizhny Novgorod estimated."
        legs.append(Leg(limit, [1520], src_ts + extra))
    breaks = [{
        "station": "Tumangang", "to_gauge_mm": 1520,
        "facility": {
            "method": "bogie_exchange",
            "source": ("Until 2011 the broad gauge reached only Tumangang, where the wheelset exchange station is "
                       "(Russian Wikipedia, 'Хасан (станция)'). Capacities and step times: the RefitFacility "
                       "defaults (estimates)."),
            "notes": "The 2001 train changed gauge here, on the North Korean side, before crossing to Khasan.",
        },
    }]
    source = ("Route of Kim Jong Il's 2001 journey to Moscow: via Tumangang and Khasan (dprk-railway.blogspot.com, "
              "2009; Reuters via Asia Times, 2001) and the Trans-Siberian. Distances as for the Vladivostok route, "
              "then Baranovsky – Ussuriysk 22 km and the Trans-Siberian from Ussuriysk (km 9147) to Moscow "
              "(kolejtranssyberyjska.pl). Total 10,280 km, against 10,267 km for the Moscow – P'yŏngyang through "
              "car (Wikipedia, via wikiin.com) and 'about 20,000 km' for the round trip (N1, 2023).")
    notes = ("The seed article: a 10-day journey to Moscow in 2001; other reports: almost a month in Russia, there and "
             "back (The Independent, 2011), about 24 days for the round trip (N1). Reuters (2001) saw the 21-car "
             "train pass Ussuriysk at about 40 km/h, with two locomotives running ahead. Estimated: intermediate "
             "positions in North Korea and of Belogorsk, Skovorodino and Nizhny Novgorod, every speed limit and "
             "gradient, and the dwells (30 min at the larger stations for crews and locomotives; the 2001 train's "
             "visits on the way are not modelled: add them as dwell overrides). Kilometre posts on the Trans-Siberian "
             "differ by some 29 km between the routes via Yaroslavl (Vladivostok km 9288) and via Vladimir (km 9259). "
             "The gauge is changed at Tumangang, as in 2001, not at Khasan as on the Vladivostok route.")
    return build_route("pyongyang-moscow", "Pyongyang – Tumangang – Moscow (2001 journey)", stops, legs, breaks,
                       source, notes,
                       ("ksr", "rzd"), 868, TUMANGANG_KHASAN, (PYONGRA_LENGTH,))


# ----------------------------------------------------------------------------------------------
# Pyongyang – Beijing, all standard gauge

def _beijing_line() -> tuple[list[Stop], list[Leg], str, str]:
    src_pu = ("P'yŏngŭi Line, P'yŏngyang – Sinŭiju, 225.1 km, ruling gradient 11 per mille, nominal 100 km/h but "
              "40 km/h in practice (Wikipedia, 'Pyongui Line'). Intermediate positions and the limit are estimates.")
    src_cn = ("China Railway, Dandong – Shenyang (Shendan line) and Shenyang – Shanhaiguan – Tianjin – Beijing; "
              "positions are estimates fitted to the 1,364 km of the Beijing – P'yŏngyang train K27/K28 "
              "(travelchinaguide.com). Speed limit an estimate for a conventional main line.")
    stops = [
        Stop("Pyongyang", 0, 25),
        Stop("Sinanju", 67, 15, stop=False),
        Stop("Chongju", 127, 30, stop=False),
        Stop("Sinuiju", 225.1, 10),
        Stop("Dandong", 229, 10),
        Stop("Benxi", 420, 180, stop=False),
        Stop("Shenyang", 506, 50, dwell_min=10),
        Stop("Jinzhou", 748, 20, stop=False),
        Stop("Shanhaiguan", 932, 10, dwell_min=10),
        Stop("Tangshan", 1090, 30, stop=False),
        Stop("Tianjin", 1227, 5, dwell_min=10),
        Stop("Beijing", 1364, 45),
    ]
    legs = [
        Leg(50, [1435], src_pu), Leg(50, [1435], src_pu), Leg(50, [1435], src_pu),
        Leg(20, [1435], "Sino-Korean Friendship Bridge over the Yalu, Sinŭiju – Dandong (Wikipedia, 'Pyongui Line'); "
            "distance and limit estimates.", name="Sinuiju – Dandong (Friendship Bridge)"),
        Leg(100, [1435], src_cn), Leg(100, [1435], src_cn),
        Leg(120, [1435], src_cn), Leg(120, [1435], src_cn), Leg(120, [1435], src_cn), Leg(120, [1435], src_cn),
        Leg(120, [1435], src_cn),
    ]
    source = ("Beijing – P'yŏngyang 1,364 km, 24 h 48 min by train K27/51 (travelchinaguide.com); about 24 hours "
              "(Wikipedia, 'K27/28 Beijing-Dandong-Pyongyang through train'); P'yŏngŭi Line 225.1 km (Wikipedia).")
    notes = ("Standard gauge throughout: no break of gauge. Estimated: every position but P'yŏngyang, Sinŭiju and "
             "Beijing, every speed limit and gradient, and the border procedures at Sinŭiju and Dandong (the "
             "stations' operations, per kind of service). Dandong – P'yŏngyang is 'about 280 km' per "
             "travelchinaguide.com against 229 km here (225.1 km of the P'yŏngŭi Line and the bridge). The leader's "
             "2019 trip to Hanoi took about 60 hours by rail through China.")
    return stops, legs, source, notes


def beijing() -> dict:
    stops, legs, source, notes = _beijing_line()
    return build_route("pyongyang-beijing", "Pyongyang – Dandong – Beijing", stops, legs, [], source, notes,
                       ("ksr", "cr"), 225.1, SINUIJU_DANDONG)


def beijing_pyongyang() -> dict:
    """The same line the other way, for trains and trips published in that direction (K27, Dandong - Pyongyang)."""
    stops, legs, source, notes = _beijing_line()
    stops, legs = reverse(stops, legs)
    notes += (" This file is the Pyongyang – Beijing route reversed (tools/build_routes.py, reverse): the same "
              "positions, limits and dwells, the gradients' signs turned.")
    return build_route("beijing-pyongyang", "Beijing – Dandong – Pyongyang", stops, legs, [], source, notes,
                       ("cr", "ksr"), 1364 - 225.1, DANDONG_SINUIJU)


# ----------------------------------------------------------------------------------------------
# Vladivostok – Moscow on the Trans-Siberian (the Rossiya, trains 1/2), and the same the other way

def _transsib_line() -> tuple[list[Stop], list[Leg]]:
    """Vladivostok – Ussuriysk, then the stations of TRANSSIB westwards, positions from Vladivostok."""
    vladivostok_km = 9259  # from Moscow, on the route via Vladimir (kolejtranssyberyjska.pl)
    stops = [Stop("Vladivostok", 0, 10)]
    legs = [Leg(80, [1520], SRC_TRANSSIB_END, name="Vladivostok – Ussuriysk")]
    for name, km, elev, _, dwell in TRANSSIB:
        stops.append(Stop(name, vladivostok_km - km, elev, dwell_min=dwell))
    for (name_a, km_a, _, limit, _), (name_b, km_b, _, _, _) in zip(TRANSSIB, TRANSSIB[1:]):
        extra = ""
        if name_b in ("Belogorsk", "Skovorodino"):
            extra = " Position of Belogorsk and Skovorodino estimated (Yaroslavl-route kilometre posts less 29 km)."
        if name_b == "Nizhny Novgorod":
            extra = " Position of Nizhny Novgorod estimated."
        legs.append(Leg(limit, [1520], SRC_TRANSSIB + extra))
    return stops, legs


_TRANSSIB_SOURCE = ("The Trans-Siberian as on the Pyongyang – Moscow route: kilometre posts via Vladimir and Nizhny "
                    "Novgorod (kolejtranssyberyjska.pl), Vladivostok km 9259, Ussuriysk km 9147; 9,259 km in all, as "
                    "Russian Railways give for the Rossiya (transsiberian.com.au, 2020: 9,259 km).")
_TRANSSIB_NOTES = ("Estimated: the positions of Belogorsk, Skovorodino and Nizhny Novgorod, every speed limit and "
                   "gradient, and the dwells (30 min at the larger stations for crews and locomotives, none elsewhere; "
                   "the Rossiya stops at many more stations than are listed). Kilometre posts differ by some 29 km "
                   "between the routes via Yaroslavl (Vladivostok km 9288) and via Vladimir (km 9259).")


def vladivostok_moscow() -> dict:
    stops, legs = _transsib_line()
    return build_route("vladivostok-moscow", "Vladivostok – Moscow (Trans-Siberian)", stops, legs, [],
                       _TRANSSIB_SOURCE, _TRANSSIB_NOTES + " Westbound, as train 1 (Rossiya) runs.", ("rzd", "rzd"), 0, {})


def moscow_vladivostok() -> dict:
    stops, legs = reverse(*_transsib_line())
    return build_route("moscow-vladivostok", "Moscow – Vladivostok (Trans-Siberian)", stops, legs, [],
                       _TRANSSIB_SOURCE, _TRANSSIB_NOTES + " Eastbound, as train 2 (Rossiya) runs: the westbound "
                       "file reversed (tools/build_routes.py, reverse).", ("rzd", "rzd"), 0, {})


# ----------------------------------------------------------------------------------------------
# Warsaw – Minsk via Terespol and Brest

def warsaw_minsk() -> dict:
    src_lk2 = ("PKP line 2, Warszawa Zachodnia – Terespol, 214.227 km counted from Warszawa Centralna, double track, "
               "3 kV DC, 160 km/h for passenger trains on Warszawa Rembertów – Biała Podlaska (about 80 % of the "
               "line) (polrails.net, 2025; Polish Wikipedia, 'Linia kolejowa nr 2'). Intermediate positions estimated.")
    src_by = ("Belarusian Railway, Brest – Baranavichy – Minsk (the Berlin – Warsaw – Moscow line); distance and "
              "positions estimates; the railway aims to raise the Brest – Moscow line to 160 km/h (Euroradio), so the "
              "limit here is taken lower, an estimate.")
    stops = [
        Stop("Warszawa Centralna", 0, 105),
        Stop("Warszawa Wschodnia", 4.25, 85, dwell_min=2),
        Stop("Siedlce", 89, 150, dwell_min=2),
        Stop("Lukow", 121, 160, stop=False),
        Stop("Biala Podlaska", 178, 145, dwell_min=2),
        Stop("Terespol", 211, 135),
        Stop("Brest", 216, 140),
        Stop("Baranavichy", 415, 195, dwell_min=5),
        Stop("Minsk", 562, 220),
    ]
    legs = [
        Leg(80, [1435], src_lk2 + " City section; limit an estimate."),
        Leg(160, [1435], src_lk2),
        Leg(160, [1435], src_lk2),
        Leg(160, [1435], src_lk2),
        Leg(120, [1435], src_lk2 + " Biała Podlaska – border not yet raised to 160 km/h (tender of 2016); limit an estimate."),
        Leg(40, [1435, 1520], "Terespol – Brest over the Bug, about 5 km, built 1871 (Wikipedia, 'Warsaw–Terespol "
            "railway'); standard- and broad-gauge tracks both cross the border. Limit an estimate.",
            name="Terespol – Brest (Bug bridge)"),
        Leg(120, [1520], src_by),
        Leg(120, [1520], src_by),
    ]
    breaks = [{
        "station": "Brest", "to_gauge_mm": 1520,
        "facility": {
            "method": "bogie_exchange",
            "source": ("Bogie exchange of whole passenger trains at Brest: about 1 to 1.5 hours in travellers' accounts "
                       "(Brest, Chop, Yahodyn), 'about 2 hours' per Russian Railways (railwaypro.com, 2016). "
                       "Capacities and step times: the RefitFacility defaults (estimates)."),
            "notes": ("Brest also has a Talgo gauge changer, used since 2016 by the variable-gauge Moscow – Berlin "
                      "'Strizh' (about 20 minutes); freight is mostly transshipped at Brest and Małaszewicze. Choose "
                      "another method with a facility override in the document's scenario."),
        },
    }]
    source = ("PKP line 2 (214.227 km from Warszawa Centralna to the border; polrails.net, Polish Wikipedia); "
              "Terespol – Brest link about 5 km (Wikipedia); Brest – Minsk about 346 km (estimate).")
    notes = ("Estimated: the positions of the intermediate stations, of Brest and Minsk, every limit outside the "
             "160 km/h Rembertów – Biała Podlaska stretch, every gradient, every dwell and the border procedures at "
             "Terespol and Brest (the stations' operations; the wheel change is computed on top). The bogie exchange at "
             "Brest: 1 to 1.5 hours in travellers' accounts, about 2 hours per Russian Railways.")
    brest_minsk = {"from_station": "Brest", "to_station": "Minsk", "low": 1.0, "high": round(347 / 346, 5),
                   "source": ("Brest – Minsk: about 346 km here (an estimate) against 347 km for the Minsk – Brest "
                              "line (Japanese Wikipedia, 'ミンスク・ブレスト鉄道', via wiki.edu.vn).")}
    return build_route("warsaw-minsk", "Warsaw – Terespol – Brest – Minsk", stops, legs, breaks, source, notes,
                       ("pkp", "bch"), 211, TERESPOL_BREST, (brest_minsk,))


# ----------------------------------------------------------------------------------------------
# Beijing – Erlian – Zamyn-Üüd – Ulaanbaatar (the Trans-Mongolian's southern half, trains K3/K4, K23/K24)

def _trans_mongolian_line() -> tuple[list[Stop], list[Leg], list[dict], str, str]:
    src_cn = ("Beijing – Zhangjiakou – Datong – Jining – Erenhot, km 0, 193, 371, 498 and 842 from Beijing (Wikipedia, "
              "'Trans-Mongolian Railway', route map after B. Thomas, Trans-Siberian Handbook, 2011). Double track in "
              "China, electrified Beijing – Jining. Speed limit an estimate.")
    src_mn = ("Trans-Mongolian Railway in Mongolia, km from the Russian border: Zamyn-Üüd 1113, Sainshand 876, Choir 649, "
              "Ulaanbaatar 404 (Wikipedia, 'Trans-Mongolian Railway', route map after B. Thomas, 2011); mostly single track, "
              "not electrified, operating speed 100 km/h (the same article's infobox); this section's limit an estimate.")
    src_border = ("Erlian – Zamyn-Üüd across the border, 'around 10km' and 'only 10 km' in travellers' accounts "
                  "(journey26.com, 2010; bugoybikersmongolia.blogspot.com, 2008): distance and limit estimates.")
    stops = [
        Stop("Beijing", 0, 45),
        Stop("Zhangjiakou", 193, 720, stop=False),
        Stop("Datong", 371, 1050, stop=False),
        Stop("Jining", 498, 1400, dwell_min=10),
        Stop("Erlian", 842, 960),
        Stop("Zamyn-Uud", 852, 960),
        Stop("Sainshand", 852 + (1113 - 876), 940, dwell_min=10),
        Stop("Choir", 852 + (1113 - 649), 1280, dwell_min=10),
        Stop("Ulaanbaatar", 852 + (1113 - 404), 1310),
    ]
    legs = [
        Leg(120, [1435], src_cn), Leg(120, [1435], src_cn), Leg(120, [1435], src_cn), Leg(100, [1435], src_cn),
        Leg(25, [1520], src_border, name="Erlian – Zamyn-Uud (border)"),
        Leg(100, [1520], src_mn), Leg(100, [1520], src_mn), Leg(100, [1520], src_mn),
    ]
    breaks = [{
        "station": "Erlian", "to_gauge_mm": 1520,
        "facility": {
            "method": "bogie_exchange",
            "source": ("Bogies are changed at Erlian (Erenhot) since 1965 (Wikipedia, 'Beijing–Ulaanbaatar through train'). "
                       "Capacities and step times: the RefitFacility defaults (estimates)."),
            "notes": "The through trains stand here for hours: the exchange and China's exit (or entry) control.",
        },
    }]
    source = ("Beijing – Ulaanbaatar 1,561 km here (842 km to Erenhot, about 10 km across the border, 709 km from "
              "Zamyn-Üüd to Ulaanbaatar), against 1,553 km for trains K23/K24 (travelchinaguide.com).")
    notes = ("Estimated: the Erlian – Zamyn-Üüd distance, every elevation (rough figures for the gradients), every speed "
             "limit and every dwell (ten minutes at Jining, Sainshand and Choir; the border procedures at Erlian and "
             "Zamyn-Üüd are the stations' operations; not the timetables' stands, which the published timings hold). The route via Datong is the Jingbao line's; "
             "trains K23/K24 call at Shalingzi South and Jining South, which this file does not list.")
    return stops, legs, breaks, source, notes


def _trans_mongolian_length(first: str, last: str) -> dict:
    return {"from_station": first, "to_station": last, "low": round(1553 / 1561, 5), "high": 1.0,
            "source": ("Beijing – Ulaanbaatar: 1,561 km here (842 km to Erenhot, about 10 km across the border, 709 km "
                       "from Zamyn-Üüd) against 1,553 km for trains K23/K24 (travelchinaguide.com).")}


def beijing_ulaanbaatar() -> dict:
    stops, legs, breaks, source, notes = _trans_mongolian_line()
    return build_route("beijing-ulaanbaatar", "Beijing – Erlian – Ulaanbaatar", stops, legs, breaks, source, notes,
                       ("cr", "ubtz"), 842, ERLIAN_ZAMYN_UUD, (_trans_mongolian_length("Beijing", "Ulaanbaatar"),))


def ulaanbaatar_beijing() -> dict:
    stops, legs, breaks, source, notes = _trans_mongolian_line()
    stops, legs = reverse(stops, legs)
    breaks = [{**breaks[0], "to_gauge_mm": 1435}]
    return build_route("ulaanbaatar-beijing", "Ulaanbaatar – Erlian – Beijing", stops, legs, breaks, source,
                       notes + " This file is the Beijing – Ulaanbaatar route reversed (tools/build_routes.py, reverse).",
                       ("ubtz", "cr"), 1561 - 842, ZAMYN_UUD_ERLIAN,
                       (_trans_mongolian_length("Ulaanbaatar", "Beijing"),))


ROUTES = {
    "pyongyang-vladivostok": vladivostok,
    "pyongyang-moscow": moscow,
    "pyongyang-beijing": beijing,
    "warsaw-minsk": warsaw_minsk,
    "beijing-pyongyang": beijing_pyongyang,
    "vladivostok-moscow": vladivostok_moscow,
    "moscow-vladivostok": moscow_vladivostok,
    "beijing-ulaanbaatar": beijing_ulaanbaatar,
    "ulaanbaatar-beijing": ulaanbaatar_beijing,
}


def route_json(data: dict) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def build(out_dir: Path) -> list[Path]:
    """Write every route into out_dir; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for rid, make in ROUTES.items():
        p = out_dir / f"{rid}.route.json"
        p.write_text(route_json(make()), encoding="utf-8")
        written.append(p)
    return written


if __name__ == "__main__":
    for p in build(ROOT / "resources" / "routes"):
        print(p.relative_to(ROOT))
