"""Render every car type to one PNG sheet, to look at the drawings.

    QT_QPA_PLATFORM=offscreen python tools/render_drawings.py [OUT.png] [--scale PX_PER_M] [--kinds]

The types come from resources/catalogue.json (or, with --kinds or when there is no catalogue, one
type per kind, armoured and plain). The sheet shows each type large (--scale, 16 px/m by default)
with its name, then the whole set as a train at 4 px/m, as the layout view shows a long consist,
and the catalogue's icons.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from traintool.model import Car, CarKind, CarType, resolve_car  # noqa: E402
from traintool.render.drawings import CAR_HEIGHT_M, car_icon, paint_car  # noqa: E402

BACKGROUND = QColor("#f4f1ea")
RAIL = QColor("#6b6b6b")


def one_per_kind() -> list[CarType]:
    """A plain type of every kind, and an armoured one too: any car may be armoured."""
    types = []
    for kind in CarKind:
        for armored in (False, True):
            fields = dict(length_m=25.0, mass_kg=50_000.0, axles=4, bogies=2, max_speed_m_s=30.0)
            if kind is CarKind.LOCOMOTIVE:
                fields.update(length_m=21.0, axles=6, power_w=2e6, max_tractive_effort_n=3e5, gauge_mm=1435)
            types.append(CarType(id=f"{kind.value.replace('_', '-')}{'-armored' if armored else ''}",
                                 label=f"{'Armored ' if armored else ''}{kind.label.lower()}", kind=kind,
                                 armored=armored, **fields))
    return types


def load_types(kinds: bool) -> list[CarType]:
    if not kinds:
        try:
            from traintool.io import catalogue

            types = list(catalogue())
            if types:
                return types
        except Exception as e:  # noqa: BLE001 - a tool: say why and fall back
            print(f"no catalogue ({e}); drawing one type per kind", file=sys.stderr)
    return one_per_kind()


def render(types: list[CarType], out: str, scale: float) -> None:
    longest = max(t.length_m for t in types)
    cols = max(int(1800 // ((longest + 3) * scale)), 1)
    cell_w, cell_h = int((longest + 3) * scale), int((CAR_HEIGHT_M + 1.5) * scale)
    rows = (len(types) + cols - 1) // cols
    small = 4.0
    per_row_m = (cell_w * cols - 20) / small
    strip_rows, used = 1, 0.0
    for t in types:
        if used and used + t.length_m > per_row_m:
            strip_rows, used = strip_rows + 1, 0.0
        used += t.length_m + 1.0
    strip_h = int(strip_rows * (CAR_HEIGHT_M * small + 14)) + 30
    icons_per_row = max((cell_w * cols - 20) // 100, 1)
    icons_h = 30 + 36 * ((len(types) + icons_per_row - 1) // icons_per_row)
    img = QImage(cell_w * cols, cell_h * rows + strip_h + icons_h, QImage.Format.Format_ARGB32)
    img.fill(BACKGROUND)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setFont(QFont("DejaVu Sans", max(int(scale * 0.5), 8)))
    for i, t in enumerate(types):
        ox, oy = (i % cols) * cell_w, (i // cols) * cell_h
        car = resolve_car(Car(type_id=t.id), t)
        p.save()
        p.translate(ox + scale, oy + scale * 0.3)
        p.setPen(QPen(RAIL, max(scale * 0.08, 1)))
        p.drawLine(QPointF(-scale * 0.5, CAR_HEIGHT_M * scale), QPointF((t.length_m + 0.5) * scale, CAR_HEIGHT_M * scale))
        paint_car(p, car, 0.0, scale=scale, selected=False)
        p.setPen(Qt.GlobalColor.black)
        p.drawText(QPointF(0, (CAR_HEIGHT_M + 0.9) * scale), f"{t.label} [{t.kind.value}{', armored' if t.armored else ''}]"[:90])
        p.restore()
    # the whole set as a train at 4 px/m, the first car selected
    y = cell_h * rows + 20
    x = 0.0
    row = 0
    p.setFont(QFont("DejaVu Sans", 9))
    p.setPen(Qt.GlobalColor.black)
    p.drawText(QPointF(10, y - 6), f"At {small:g} px/m (the first car selected):")
    for i, t in enumerate(types):
        if x and x + t.length_m > per_row_m:
            x, row = 0.0, row + 1
        car = resolve_car(Car(type_id=t.id), t)
        p.save()
        p.translate(10, y + row * (CAR_HEIGHT_M * small + 14))
        p.setPen(QPen(RAIL, 1))
        p.drawLine(QPointF(x * small, CAR_HEIGHT_M * small), QPointF((x + t.length_m + 1) * small, CAR_HEIGHT_M * small))
        paint_car(p, car, x, scale=small, selected=i == 0)
        p.restore()
        x += t.length_m + 1.0
    # the catalogue icons
    y = int(cell_h * rows + strip_h)
    p.drawText(QPointF(10, y + 12), "Icons (96x32):")
    for i, t in enumerate(types):
        pix = car_icon(t, QSize(96, 32)).pixmap(QSize(96, 32))
        p.drawPixmap(10 + (i % icons_per_row) * 100, y + 18 + (i // icons_per_row) * 36, pix)
    p.end()
    img.save(out)
    print(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", nargs="?", default="/tmp/drawings.png")
    ap.add_argument("--scale", type=float, default=16.0, help="pixels per metre of the large drawings")
    ap.add_argument("--kinds", action="store_true", help="one type per kind instead of the catalogue")
    ap.add_argument("--only", default="", help="comma-separated kinds or type ids to draw, e.g. locomotive,saloon")
    args = ap.parse_args()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # fonts need it
    types = load_types(args.kinds)
    if args.only:
        wanted = set(args.only.split(","))
        types = [t for t in types if t.kind.value in wanted or t.id in wanted]
    render(types, args.out, args.scale)
    del app


if __name__ == "__main__":
    main()
