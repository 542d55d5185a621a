"""The window's longest freeze while File > Export PDF, Print Preview and Print make the report of
the default document (90 cars, 23 pages; its range of 500 samples shown) or of a consist of
--cars N cars: the report is laid out, painted and printed in a process of its own, and the
window's event loop must keep turning.

Run:  QT_QPA_PLATFORM=offscreen python benchmarks/export_freeze_benchmark.py [--quick] [--cars 10000]
      [--only export preview print]
(--quick: each once; without it three of each, the worst reported.)
Target: no gap of the event loop over 100 ms (issue 26: the export on the window's thread froze it
2.5-4 s; the preview, laid out and painted on the window's thread, froze it as long; Print, its
pages replayed onto the printer on a thread of the window's process, 209-312 ms).
Print goes to a printer writing PDF to a temporary file (PdfFormat: Qt's PDF engine, as a
printer's pages go through Qt's engine), not the way Print to a PDF file goes (that is Export PDF's).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from traintool.io import default_document  # noqa: E402
from traintool.ui.app.main_window import MainWindow  # noqa: E402
from traintool.ui.common.preferences import Preferences  # noqa: E402
from traintool.ui.files import export_report, print_report, printing  # noqa: E402
from traintool.ui.files.printer_settings import PrinterSettings  # noqa: E402

TICK_MS = 5


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # 1200 dpi
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="each once: does the script still run")
    parser.add_argument("--cars", type=int, default=0, help="a consist of this many cars (default: the default document)")
    parser.add_argument("--only", nargs="+", choices=["export", "preview", "print"], default=["export", "preview", "print"])
    args = parser.parse_args()
    runs = 1 if args.quick else 3
    app = QApplication.instance() or QApplication([])
    if args.cars:
        sys.path.insert(0, str(Path(__file__).parent))
        from layout_benchmark import thousand_cars

        document = thousand_cars(args.cars)
    else:
        document = default_document()
    with tempfile.TemporaryDirectory() as d:
        w = MainWindow(document, None, Preferences(QSettings(f"{d}/bench.ini", QSettings.Format.IniFormat)))
        w.show()
        ranges = w.trip_panel.range_computer
        deadline = time.perf_counter() + 300
        while ranges.range is None and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.01)
        print(f"range shown: {ranges.range is not None} ({ranges.samples} samples)")

        def probe(start: Callable[[], None], finished: Callable[[], bool]) -> tuple[float, float, int]:
            """Run `start`, then the event loop until `finished`: (seconds it took, the loop's longest
            gap, ticks seen). A QTimer ticks every 5 ms; a gap is the time between two ticks (or from
            the start to the first)."""
            ticks: list[float] = []
            timer = QTimer()
            timer.setInterval(TICK_MS)
            timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
            timer.start()
            t = time.perf_counter()
            start()
            while not finished() and time.perf_counter() - t < 300:
                app.processEvents()
                time.sleep(0.001)
            took = time.perf_counter() - t
            timer.stop()
            gaps = [b - a for a, b in zip([t, *ticks], ticks)]
            return took, max(gaps, default=took), len(ticks)

        t0 = time.perf_counter()
        _, idle_gap, n = probe(lambda: None, lambda: time.perf_counter() - t0 > 2.0)
        print(f"idle window: longest gap of the event loop {idle_gap * 1e3:5.1f} ms over {n} ticks (the machine's noise)")
        for k in range(runs if "export" in args.only else 0):
            written: list[Path] = []
            out = Path(d) / f"r{k}.pdf"
            took, gap, n = probe(lambda: export_report.write_in_background(
                w, ranges.answer(), out, w.preferences.units, "a4", None, False, on_written=written.append),
                lambda: bool(written))
            print(f"export {k + 1}: {took:5.2f} s, {out.stat().st_size / 1e6:.2f} MB; longest freeze of the window "
                  f"{gap * 1e3:5.1f} ms over {n} ticks (target 100 ms)")
        for k in range(runs if "preview" in args.only else 0):
            seen: list[int] = []

            def look() -> None:
                """Close the preview once its pages are shown (the dialog runs a loop of its own)."""
                dialog = QApplication.activeModalWidget()
                if isinstance(dialog, QPrintPreviewDialog):
                    [preview] = dialog.findChildren(QPrintPreviewWidget)
                    if preview.pageCount():
                        seen.append(preview.pageCount())
                        dialog.reject()
                        return
                QTimer.singleShot(5, look)
            QTimer.singleShot(5, look)
            took, gap, n = probe(lambda: print_report.print_preview(w, printer=pdf_printer(Path(d) / "preview.pdf")),
                                 lambda: bool(seen))
            print(f"print preview {k + 1}: {seen[0] if seen else 0} pages shown in {took:5.2f} s; longest freeze of "
                  f"the window {gap * 1e3:5.1f} ms over {n} ticks (target 100 ms)")
        for k in range(runs if "print" in args.only else 0):
            ended: list[str] = []
            out = Path(d) / f"p{k}.pdf"
            settings = PrinterSettings.of(pdf_printer(out))

            def start() -> None:
                job = printing.print_settings_in_background(w, ranges.answer(), settings, w.preferences.units, "a4",
                                                            None, False, on_printed=lambda: ended.append(""))
                job.failed.connect(ended.append)
            took, gap, n = probe(start, lambda: bool(ended))
            print(f"print {k + 1}: {took:5.2f} s, {out.stat().st_size / 1e6 if out.exists() else 0:.2f} MB; longest "
                  f"freeze of the window {gap * 1e3:5.1f} ms over {n} ticks (target 100 ms) {''.join(ended)}")
        w.close()


if __name__ == "__main__":
    main()
