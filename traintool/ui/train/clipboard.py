"""Cars on the clipboard: JSON under traintool's MIME type, plus readable text."""
from __future__ import annotations

import json

from PySide6.QtCore import QMimeData
from pydantic import ValidationError

from ...errors import EditError
from ...model import MAX_CARS, Car, CarType, Document
from .mime import CARS_MIME


def cars_to_mime(doc: Document, indices: list[int]) -> QMimeData:
    cars = [doc.consist.cars[i] for i in indices]
    types = doc.type_by_id()
    used = {c.type_id for c in cars}
    payload = {"cars": [c.model_dump(mode="json", exclude_none=True) for c in cars],
               "car_types": [types[t].model_dump(mode="json") for t in sorted(used)]}
    md = QMimeData()
    md.setData(CARS_MIME, json.dumps(payload).encode("utf-8"))
    resolved = doc.resolved_cars()
    md.setText("\n".join(f"{i + 1}\t{resolved[i].name}\t{resolved[i].type.label}" for i in indices))
    return md


def cars_from_mime(md: QMimeData | None) -> tuple[list[Car], list[CarType]] | None:
    """The cars and their types, or None for anything that is not traintool's own (ignored safely).

    More cars than a consist can hold is refused with an EditError (not cut short: nothing is pasted)."""
    if md is None or not md.hasFormat(CARS_MIME):
        return None
    try:
        payload = json.loads(bytes(md.data(CARS_MIME).data()).decode("utf-8"))
        if len(payload["cars"]) > MAX_CARS:
            raise EditError(f"The clipboard holds {len(payload['cars']):,} cars; a consist holds at most "
                            f"{MAX_CARS:,}. Nothing was pasted.")
        cars = [Car.model_validate(c) for c in payload["cars"]]
        types = [CarType.model_validate(t) for t in payload["car_types"]]
    except (ValueError, KeyError, TypeError, ValidationError, UnicodeDecodeError, RecursionError):
        return None
    ids = {t.id for t in types}
    if not cars or any(c.type_id not in ids for c in cars):
        return None
    return cars, types
