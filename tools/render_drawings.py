"""Render every car type of the catalogue to one PNG sheet, to look at the drawings.

    QT_QPA_PLATFORM=offscreen python tools/render_drawings.py /tmp/drawings.png [px_per_m]
"""
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

from traintool.io import catalogue
from traintool.model import Car, resolve_car
from traintool.ui.drawings import CAR_HEIGHT_M, paint_car


def main() -> None:
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/drawings.png"
    scale = float(sys.argv[2]) if len(sys.argv) > 2 else 12.0
    global _app
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # fonts need it; kept alive until exit
    types = catalogue()
    cols = 2
    cell_w, cell_h = int(28 * scale), int((CAR_HEIGHT_M + 1.6) * scale)
    img = QImage(cell_w * cols, cell_h * ((len(types) + cols - 1) // cols), QImage.Format.Format_ARGB32)
    img.fill(QColor("#f4f1ea"))
    p = QPainter(img)
    p.setFont(QFont("DejaVu Sans", max(int(scale * 0.55), 7)))
    for i, t in enumerate(types):
        ox, oy = (i % cols) * cell_w, (i // cols) * cell_h
        p.save()
        p.translate(ox + scale, oy)
        paint_car(p, resolve_car(0, Car(type_id=t.id), t), 0.0, scale=scale)
        p.setPen(Qt.GlobalColor.black)
        p.drawText(0, int((CAR_HEIGHT_M + 1.1) * scale), f"{t.label} ({t.kind.value})")
        p.restore()
    p.end()
    img.save(out)
    print(out)


if __name__ == "__main__":
    main()
