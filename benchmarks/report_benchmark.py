"""Time and size of the PDF report: the default document and a 1,000-car consist.

Run:  QT_QPA_PLATFORM=offscreen python benchmarks/report_benchmark.py [--quick]
(--quick: the default document and 100 cars; it checks the script still runs, its figures mean little.)
Targets: the default document under 2 s and 2 MB; 1,000 cars under 10 s.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtGui import QGuiApplication  # noqa: E402

from layout_benchmark import thousand_cars  # noqa: E402
from traintool.io import default_document, resolve_route  # noqa: E402
from traintool.physics import compute_trip  # noqa: E402
from traintool.report import write_report  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 cars instead of 1,000: does the script still run")
    n = 100 if parser.parse_args().quick else 1000
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841
    from pypdf import PdfReader

    for name, doc, target in (("default document (90 cars)", default_document(), 2.0),
                              (f"{n:,} cars", thousand_cars(n), 10.0)):
        route = resolve_route(doc)
        with tempfile.TemporaryDirectory() as d:
            out = Path(d) / "r.pdf"
            t = time.perf_counter()
            write_report(doc, route, compute_trip(doc, route), out)
            dt = time.perf_counter() - t
            pages = len(PdfReader(str(out)).pages)
            print(f"{name:<28} {dt:6.2f} s (target {target:g} s)  {out.stat().st_size / 1e6:5.2f} MB  {pages} pages")


if __name__ == "__main__":
    main()
