"""Write the shipped sample documents, resources/samples/*.consist.json, from the car catalogue.

Each sample carries its own copy of the car types it uses, taken from resources/catalogue.json,
so the two stay in sync: edit the catalogue or the compositions below, then run
`python tools/build_samples.py`. tests/model/test_shipped_data.py checks that the shipped files
match what this script writes.

Only what a sample sets is written: the scenario's assumptions and the refit facilities' step
times are left out, so that the defaults in the code apply.
"""
from __future__ import annotations

import json
from datetime import datetime
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from traintool.model import Car, CarType, Catalogue, Consist, Document, Scenario, ServiceKind  # noqa: E402
from traintool.model.clock import Departure  # noqa: E402

CATALOGUE = ROOT / "resources" / "catalogue.json"
KMH = 3.6


def load_catalogue(path: Path = CATALOGUE) -> dict[str, CarType]:
    cat = Catalogue.model_validate_json(path.read_text(encoding="utf-8"))
    return {t.id: t for t in cat.car_types}


class Train:
    """Builds a consist front to back, numbering the cars of each type: 'Armored coach 12'."""

    def __init__(self) -> None:
        self.cars: list[Car] = []
        self._count: dict[str, int] = {}

    def add(self, type_id: str, n: int = 1, name: str | None = None, **overrides: object) -> "Train":
        for _ in range(n):
            if name is not None and n == 1:
                label = name
            else:
                k = self._count.get(name or type_id, 0) + 1
                self._count[name or type_id] = k
                label = f"{name or NAMES[type_id]} {k}"
            self.cars.append(Car(type_id=type_id, name=label, **overrides))
        return self


NAMES = {
    "kp-armored-coach": "Armored coach",
    "kp-armored-sleeper": "Armored sleeper",
    "kp-armored-security": "Security car",
    "kp-armored-communications": "Communications car",
    "kp-armored-generator": "Generator car",
    "kp-armored-baggage": "Baggage car",
    "kp-vehicle-carrier": "Vehicle carrier",
    "ric-sleeper": "Sleeping car",
    "suw2000-sleeper": "Sleeping car",
    "box-habbiins": "Box car",
    "flat-sgns": "Container flat",
    "tank-zacns": "Tank car",
    "cn-25-hard-sleeper": "Hard sleeper",
}

ARMORED_SOURCES = (
    "Seed article (2023): 'a distinctive green train, spanning 90 cars'; each car heavily armored, with "
    "bulletproof windows; weapons and a helicopter on board; a restaurant (fresh lobster, Bordeaux and Burgundy) "
    "and a kitchen; top speed 31 mph (50 km/h); Pyongyang to Vladivostok 'at least 20 hours' (BBC); a stop of "
    "several hours near the Russian border to refit the wheels (1435 to 1520 mm). Chosun Ilbo (2009, retold in "
    "2023): about 90 cars in all, in three trains (an advance security train, the leader's train, a support "
    "train). Reports of the 2019 Hanoi trip and of 2023: the leader's train is about 21 bulletproof carriages, "
    "top speed about 60 km/h because of the armour. Reuters (2001): a 21-car, Japanese-built armoured train.")


def doc(name: str, notes: str, train: Train, route_id: str, cat: dict[str, CarType],
        scenario: Scenario | None = None, departure: tuple[str, str] | None = None) -> Document:
    """`departure`: (local ISO time at the first station, the sentence that gives its source), added to
    the scenario and to the notes; without one the sample departs at the default."""
    used = []
    for c in train.cars:
        if c.type_id not in used:
            used.append(c.type_id)
    scenario = scenario if scenario is not None else Scenario(top_speed_cap_m_s=None)
    if departure is not None:
        scenario = scenario.model_copy(update={"departure": Departure(local=datetime.fromisoformat(departure[0]))})
        notes += "\nDeparture: " + departure[1]
    return Document(format="traintool.consist", version=1, name=name, notes=notes,
                    car_types=[cat[t] for t in used], consist=Consist(cars=train.cars), route_id=route_id,
                    scenario=scenario)


# A leader's train runs as a special: each railway runs it by its rules for specials (the routes' railways).
SPECIAL = Scenario(top_speed_cap_m_s=None, service=ServiceKind.SPECIAL)


def armored_train(cat: dict[str, CarType]) -> Document:
    t = Train()
    t.add("kp-df4b", name="DPRK locomotive 1").add("kp-df4b", name="DPRK locomotive 2")
    t.add("ru-2te116", name="Russian locomotive (takes over at Khasan)")
    t.add("kp-armored-security", name="Security car 1 (front guard)")
    t.add("kp-armored-communications", name="Communications car 1")
    t.add("kp-armored-coach", 10)
    t.add("kp-armored-saloon", name="Leader's saloon")
    t.add("kp-armored-saloon", name="Conference saloon")
    t.add("kp-armored-restaurant", name="Restaurant car")
    t.add("kp-armored-kitchen", name="Kitchen car")
    t.add("kp-armored-sleeper", 18)
    t.add("kp-armored-security", name="Security car 2")
    t.add("kp-helicopter-car", name="Helicopter car")
    t.add("kp-vehicle-carrier", 2)
    t.add("kp-armored-generator", name="Generator car 1")
    t.add("kp-armored-coach", 20)
    t.add("kp-armored-sleeper", 18)
    t.add("kp-armored-communications", name="Communications car 2")
    t.add("kp-vehicle-carrier")
    t.add("kp-armored-generator", name="Generator car 2")
    t.add("kp-armored-baggage", 6)
    t.add("kp-armored-security", name="Security car 3 (rear guard)")
    notes = (
        "The armored train of the seed article, as one train of 90 cars (the three locomotives included). "
        "WHICH CONSIST THE PUBLISHED TRIPS SUPPORT: the leader's train of the 2019 and 2023 reports is about 21 "
        "carriages (the sample 'leaders-train-21', against which resources/timings.json checks the 2001 and 2019 "
        "trips); the 90 cars may be the whole fleet of three trains that travel together (Chosun Ilbo). This "
        "document keeps the seed article's 90-car train; the 21-carriage train ships as a sample. "
        "THE COMPOSITION IS AN ESTIMATE: no source lists the cars. The article's figures: 90 cars, 31 mph (50 km/h) "
        "top speed, at least 20 hours Pyongyang - Vladivostok, several hours' refit near the Russian border. Other "
        "reports say the leader's own train is about 21 carriages, the 90 cars being three trains together (see the "
        "sample 'leaders-train-21'). Every car type's mass and length are estimates; the armored types are limited "
        "to 50 km/h, which makes the train's top speed 50 km/h without a scenario cap.\n"
        "Locomotives: two North Korean standard-gauge diesels (DF4B type assumed) pull as far as Khasan; the Russian "
        "broad-gauge diesel (2TE116 assumed) is carried in the consist but only locomotives of the gauge the train "
        "is on pull: it takes over at Khasan, where the cars' bogies are exchanged.\n"
        "Sources: " + ARMORED_SOURCES)
    return doc("Kim Jong Un's armored train", notes, t, "pyongyang-vladivostok", cat, SPECIAL, departure=(
        "2023-09-10T17:00",
        "Sunday 10 September 2023, 17:00 Pyongyang time: Kim Jong Un 'left Pyongyang on a special train in the late "
        "afternoon on September 10' (Voice of Korea, as reported by TASS, 2023-09-12); 'left Pyongyang on Sunday "
        "afternoon' (a South Korean official, Chosun Ilbo, 2023-09-12). The hour is not published: 17:00 is assumed "
        "for 'late afternoon'."))


def leaders_train_21(cat: dict[str, CarType]) -> Document:
    v100 = {"max_speed_m_s": round(100 / KMH, 4)}
    t = Train()
    t.add("kp-df4b", name="DPRK locomotive 1").add("kp-df4b", name="DPRK locomotive 2")
    t.add("ru-2te116", name="Russian locomotive (takes over at Khasan)")
    t.add("kp-armored-security", name="Security car 1 (front guard)", **v100)
    t.add("kp-armored-communications", name="Communications car", **v100)
    t.add("kp-armored-coach", 2, **v100)
    t.add("kp-armored-saloon", name="Leader's saloon", **v100)
    t.add("kp-armored-saloon", name="Conference saloon", **v100)
    t.add("kp-armored-restaurant", name="Restaurant car", **v100)
    t.add("kp-armored-kitchen", name="Kitchen car", **v100)
    t.add("kp-armored-sleeper", 6, **v100)
    t.add("kp-armored-coach", 2, **v100)
    t.add("kp-vehicle-carrier", name="Vehicle carrier", **v100)
    t.add("kp-armored-generator", name="Generator car", **v100)
    t.add("kp-armored-baggage", 2, **v100)
    t.add("kp-armored-security", name="Security car 2 (rear guard)", **v100)
    notes = (
        "The leader's own train of the 2019 and 2023 reports: about 21 bulletproof carriages (here 21 carriages and "
        "three locomotives). The published trips support this consist rather than the 90 cars of the seed article "
        "(which may be the whole fleet of three trains). Reports give it a top speed of about 60 km/h because of "
        "the armour, but that is the speed it was seen to run at in North Korea and Russia: the 2019 trip to Hanoi, "
        "some 4,000 km from P'yŏngyang to Đồng Đăng in about 65 hours (Reuters, AP, 23-26 February 2019), averaged "
        "over 60 km/h with its stops, behind Chinese locomotives. So the carriages' own limit is set to 100 km/h on "
        "each car (an override of the car types' 50 km/h, drawn over 90-120 km/h: the types' range moved), and the "
        "railways' rules for a special give the speeds run (the Russian Railways' 60 km/h, China Railway's 100 "
        "km/h, the North Korean line limits). THE COMPOSITION IS "
        "AN ESTIMATE: no source lists the cars; no helicopter car (not reported for this train). Locomotives as in "
        "the 90-car sample: two North Korean diesels to Khasan, a Russian diesel from there.\n"
        "Sources: " + ARMORED_SOURCES)
    return doc("Kim Jong Un's train: the 21-carriage leader's train", notes, t, "pyongyang-vladivostok", cat, SPECIAL,
               departure=(
        "2019-04-24T06:00",
        "Wednesday 24 April 2019, 06:00 Pyongyang time: Kim Jong Un 'departed for Russia on Wednesday morning by "
        "private train' (KCNA, as reported by Reuters, 2019-04-24). The hour is not published: 06:00 is assumed, "
        "some eleven hours before the train reached Vladivostok at 18:01 local time (11:01 Moscow time, the "
        "Kremlin press pool as reported by fort-russ.com, 2019-04-24), as ZDF's 'over ten hours from Pyongyang' has "
        "it."))


def sleeper_train(cat: dict[str, CarType]) -> Document:
    t = Train()
    t.add("pl-ep09", name="PKP locomotive (Warsaw - Brest)")
    t.add("ru-tep70", name="Belarusian locomotive (takes over at Brest)")
    t.add("ric-sleeper", 12)
    notes = (
        "An illustrative Warsaw - Minsk night train of twelve sleeping cars with exchangeable bogies, the way "
        "through cars between Western Europe and Belarus or Russia change gauge: at Brest each car is lifted and "
        "its standard-gauge bogies are exchanged for broad-gauge ones (about 1 to 1.5 hours in travellers' accounts, "
        "about 2 hours per Russian Railways). A Polish electric locomotive (EP09) pulls to Brest, a Belarusian TEP70 "
        "from there. The composition is an estimate; the car figures are estimates (see the car types).")
    return doc("Warsaw - Minsk night train (bogie exchange at Brest)", notes, t, "warsaw-minsk", cat, departure=(
        "2009-05-14T20:50",
        "20:50 Warsaw time on a Thursday: 'Thursday evening, Warsaw Central: the 8:50pm to Minsk' (Phespirit, "
        "May 2009). The source does not give the date: Thursday 14 May 2009 is chosen."))


def sleeper_train_variable_gauge(cat: dict[str, CarType]) -> Document:
    t = Train()
    t.add("pl-ep09", name="PKP locomotive (Warsaw - Brest)")
    t.add("ru-tep70", name="Belarusian locomotive (takes over at Brest)")
    t.add("suw2000-sleeper", 10)
    scenario = Scenario(top_speed_cap_m_s=None, facility_overrides={"Brest": {
        "method": "gauge_changer",
        "source": ("SUW 2000 gauge changer: 27.1 m long, passed at 5-30 km/h (Wikipedia, 'SUW 2000'). Speed through "
                   "it and the locomotive change and brake test: the RefitFacility defaults (estimates)."),
        "notes": ("Hypothetical: the gauge changer at Brest is a Talgo installation, built for the Moscow - Berlin "
                  "'Strizh' (2016, about 20 minutes); SUW 2000 changers are on Poland's borders with Lithuania and "
                  "Ukraine."),
    }})
    notes = (
        "The same night train with ten sleeping cars on SUW 2000 variable-gauge bogies: instead of a bogie exchange "
        "the cars roll through a gauge changer at walking pace at Brest (a facility override in this document's "
        "scenario). Hypothetical for Brest, whose gauge changer is Talgo's; SUW 2000 trains ran Poland - Lithuania "
        "from 2000 and Poland - Ukraine from 2003 (Kraków - Lviv night train with SUW 2000 sleepers from 2009), "
        "cutting the border stop from 2-3 hours to a quarter of an hour or so. Composition and car figures are "
        "estimates.")
    return doc("Warsaw - Minsk night train (variable-gauge sleepers)", notes, t, "warsaw-minsk", cat, scenario,
               departure=(
        "2009-05-14T20:50",
        "20:50 Warsaw time on a Thursday: 'Thursday evening, Warsaw Central: the 8:50pm to Minsk' (the night train of the sample 'sleeper-train': Phespirit, "
        "May 2009). The source does not give the date: Thursday 14 May 2009 is chosen."))


def freight_60(cat: dict[str, CarType]) -> Document:
    t = Train()
    t.add("pl-et22", name="PKP Cargo locomotive (Warsaw - Brest)")
    t.add("ru-2te116", name="Belarusian locomotive (takes over at Brest)")
    t.add("box-habbiins", 20).add("flat-sgns", 20).add("tank-zacns", 20)
    scenario = Scenario(top_speed_cap_m_s=None, service=ServiceKind.FREIGHT, facility_overrides={"Brest": {
        "method": "transshipment",
        "source": ("Freight between the EU and Belarus is mostly transshipped at the border (Brest, Małaszewicze) "
                   "into broad-gauge wagons. Platforms and time per wagon: the RefitFacility defaults (estimates)."),
    }})
    notes = (
        "A mixed freight train of 60 loaded wagons (20 sliding-wall box cars, 20 container flats, 20 tank cars, about "
        "4,000 t) from Warsaw to Minsk. At Brest the goods are transshipped to a waiting broad-gauge train (a facility "
        "override in this document's scenario) and a Belarusian 2TE116 takes over. The composition, loads and car "
        "figures are estimates; the ET22 hauls freight trains of 3,000-3,150 t at 70 km/h on the level (German "
        "Wikipedia), so this train is slower than that on the climbs.")
    # No published trip: the freight train departs at the default.
    return doc("Freight train, 60 wagons (Warsaw - Minsk)", notes, t, "warsaw-minsk", cat, scenario)


def dandong_pyongyang_train(cat: dict[str, CarType]) -> Document:
    t = Train()
    t.add("kp-red-flag-1", name="KSR electric locomotive")
    t.add("cn-25-hard-sleeper", 4)
    notes = (
        "The daily international train Pyongyang - Sinuiju - Dandong (51/52 in North Korea, 85/95 in China; the "
        "cross-border part of the Beijing - Pyongyang service K27/K28, whose through cars it carries). "
        "'Normally, there are 3-5 hard sleeper coaches running on this route, when traveler amount increases, "
        "coaches would be added to 6-8' (travelchinaguide.com, 'Dandong - Sinuiju - Pyongyang Train'): here four, "
        "the middle of the usual three to five. The locomotive class is not published: a Red Flag 1 electric, the "
        "Korean State Railway's most numerous type, is assumed (see the car type). The train's published timings are "
        "in resources/timings.json. Composition and car masses are estimates.")
    return doc("Pyongyang - Dandong international train (51/85)", notes, t, "pyongyang-beijing", cat, departure=(
        "2018-04-28T10:00",
        "10:00 Pyongyang time: the train 'leaves Pyongyang at around 10am in the morning' (Trains to Beyond, "
        "April 2018). The source does not give the date: Saturday 28 April 2018 is chosen (K28's through cars "
        "leave Pyongyang on Wednesdays and Saturdays, Wikipedia), when Pyongyang kept UTC+8:30."))


SAMPLES = {
    "armored-train": armored_train,
    "leaders-train-21": leaders_train_21,
    "sleeper-train": sleeper_train,
    "sleeper-train-variable-gauge": sleeper_train_variable_gauge,
    "freight-60": freight_60,
    "dandong-pyongyang-train": dandong_pyongyang_train,
}


def document_json(d: Document) -> str:
    return json.dumps(d.model_dump(mode="json", exclude_unset=True), indent=1, ensure_ascii=False) + "\n"


def build(out_dir: Path, catalogue_path: Path = CATALOGUE) -> list[Path]:
    """Write every sample into out_dir; return the paths written."""
    cat = load_catalogue(catalogue_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, make in SAMPLES.items():
        d = make(cat)
        Document.model_validate_json(document_json(d))  # what is written must load
        p = out_dir / f"{stem}.consist.json"
        p.write_text(document_json(d), encoding="utf-8")
        written.append(p)
    return written


if __name__ == "__main__":
    for p in build(ROOT / "resources" / "samples"):
        print(p.relative_to(ROOT))
