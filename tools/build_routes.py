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
                source: str, notes: str) -> dict:
    assert len(legs) == len(stops) - 1, f"{id}: {len(stops)} stops need {len(stops) - 1} legs, not {len(legs)}"
    stations = []
    for s in stops:
        st: dict = {"name": s.name, "position_m": round(s.km * 1000.0, 1)}
        if s.dwell_min:
            st["dwell_s"] = round(s.dwell_min * 60.0, 1)
        if not s.stop:
            st["stop"] = False
        st["time_zone"] = TIME_ZONES[s.name]  # a new station needs its zone in the table
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
                "estimated": True,
                "source": leg.source + f" Gradient: average from estimated station elevations ({a.elev_m:g} m to {b.elev_m:g} m).",
                **leg.extra,
            })
    data = {"format": "traintool.route", "version": 3, "id": id, "name": name, "stations": stations,
            "sections": sections, "breaks_of_gauge": breaks, "source": source, "notes": notes}
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
    s = SRC_PYONGRA + " " + SRC_DPRK_SPEED
    return [
        Leg(60, [1435], s),                       # Pyongyang – Sunchon
        Leg(50, [1435], s),                       # Sunchon – Sinsongchon
        Leg(40, [1435], s + " Mountain section across the peninsula."),  # Sinsongchon – Yangdok
        Leg(40, [1435], s + " Mountain section across the peninsula."),  # Yangdok – Kowon
        Leg(60, [1435], s),                       # Kowon – Hamhung
        Leg(60, [1435], s),                       # Hamhung – Sinpo
        Leg(50, [1435], s),                       # Sinpo – Tanchon
        Leg(50, [1435], s),                       # Tanchon – Kimchaek
        Leg(50, [1435], s),                       # Kimchaek – Kilju
        Leg(50, [1435], s),                       # Kilju – Chongjin
        Leg(50, [1435], s),                       # Chongjin – Rajin
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
        "facility": {
            "method": "bogie_exchange",
            "source": ("Seed article: the train 'had to stop at a station near the Russian border for several hours to "
                       "refit the appropriate wheels'. Track counts, lengths and step times: the RefitFacility "
                       "defaults (estimates)."),
            "notes": ("Where the wheels are changed is not published. Until 2011 the broad gauge reached only "
                      "Tumangang, where the wheelset exchange station is (Russian Wikipedia, 'Хасан (станция)'); since "
                      "the dual-gauge rebuild a standard-gauge train can run through to Khasan, where the leader was "
                      "received in 2019 and 2023. The exchange is put at Khasan."),
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
    return build_route("pyongyang-vladivostok", "Pyongyang – Khasan – Vladivostok", stops, legs, breaks, source, notes)


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
                       source, notes)


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
        Stop("Sinuiju", 225.1, 10, dwell_min=60),
        Stop("Dandong", 229, 10, dwell_min=30),
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
             "Beijing, every speed limit and gradient, and the border dwells (an hour at Sinŭiju, half an hour at "
             "Dandong; the scheduled trains stand longer for customs). Dandong – P'yŏngyang is 'about 280 km' per "
             "travelchinaguide.com against 229 km here (225.1 km of the P'yŏngŭi Line and the bridge). The leader's "
             "2019 trip to Hanoi took about 60 hours by rail through China.")
    return stops, legs, source, notes


def beijing() -> dict:
    stops, legs, source, notes = _beijing_line()
    return build_route("pyongyang-beijing", "Pyongyang – Dandong – Beijing", stops, legs, [], source, notes)


def beijing_pyongyang() -> dict:
    """The same line the other way, for trains and trips published in that direction (K27, Dandong - Pyongyang)."""
    stops, legs, source, notes = _beijing_line()
    stops, legs = reverse(stops, legs)
    notes += (" This file is the Pyongyang – Beijing route reversed (tools/build_routes.py, reverse): the same "
              "positions, limits and dwells, the gradients' signs turned.")
    return build_route("beijing-pyongyang", "Beijing – Dandong – Pyongyang", stops, legs, [], source, notes)


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
                       _TRANSSIB_SOURCE, _TRANSSIB_NOTES + " Westbound, as train 1 (Rossiya) runs.")


def moscow_vladivostok() -> dict:
    stops, legs = reverse(*_transsib_line())
    return build_route("moscow-vladivostok", "Moscow – Vladivostok (Trans-Siberian)", stops, legs, [],
                       _TRANSSIB_SOURCE, _TRANSSIB_NOTES + " Eastbound, as train 2 (Rossiya) runs: the westbound "
                       "file reversed (tools/build_routes.py, reverse).")


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
        Stop("Terespol", 211, 135, dwell_min=20),
        Stop("Brest", 216, 140, dwell_min=20),
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
             "160 km/h Rembertów – Biała Podlaska stretch, every gradient and every dwell (20 min at each border "
             "station for passport and customs control; the wheel change is computed on top). The bogie exchange at "
             "Brest: 1 to 1.5 hours in travellers' accounts, about 2 hours per Russian Railways.")
    return build_route("warsaw-minsk", "Warsaw – Terespol – Brest – Minsk", stops, legs, breaks, source, notes)


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
        Stop("Erlian", 842, 960, dwell_min=30),
        Stop("Zamyn-Uud", 852, 960, dwell_min=30),
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
             "limit and every dwell (ten minutes at Jining, Sainshand and Choir, half an hour at each border station; "
             "not the timetables' stands, which the published timings hold). The route via Datong is the Jingbao line's; "
             "trains K23/K24 call at Shalingzi South and Jining South, which this file does not list.")
    return stops, legs, breaks, source, notes


def beijing_ulaanbaatar() -> dict:
    stops, legs, breaks, source, notes = _trans_mongolian_line()
    return build_route("beijing-ulaanbaatar", "Beijing – Erlian – Ulaanbaatar", stops, legs, breaks, source, notes)


def ulaanbaatar_beijing() -> dict:
    stops, legs, breaks, source, notes = _trans_mongolian_line()
    stops, legs = reverse(stops, legs)
    breaks = [{**breaks[0], "to_gauge_mm": 1435}]
    return build_route("ulaanbaatar-beijing", "Ulaanbaatar – Erlian – Beijing", stops, legs, breaks, source,
                       notes + " This file is the Beijing – Ulaanbaatar route reversed (tools/build_routes.py, reverse).")


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
