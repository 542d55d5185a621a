"""Time, size and pages of the PDF report: the default document, 1,000 cars and 100,000 cars.

Run:  QT_QPA_PLATFORM=offscreen python benchmarks/report_benchmark.py [--quick]
(--quick: the default document and 100 cars; it checks the script still runs, its figures mean little.)
Targets: the default document under 2 s and 2 MB; 1,000 cars under 10 s; 100,000 cars (the armored
train's cars repeated: a car list grouped into runs, no range) under 10 s, 10 MB and 30 pages; the
full car list of 10,000 cars (issue 26: 429 pages, 47.5 MB, 42 s) in at most 40 pages.
"""
from __future__ import annotations

import argparse
import os
import resource
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
from traintool.physics.answer import Answer  # noqa: E402
from traintool.report import write_report  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 cars instead of 1,000: does the script still run")
    quick = parser.parse_args().quick
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841
    from pypdf import PdfReader

    from traintool.report.timings_cache import kept_checks

    # The published-timings check is read from the cache, as the window and `traintool report` read it
    # (`traintool check-timings` computes it); a report never computes it.
    t = time.perf_counter()
    check = kept_checks()
    print(f"{'published timings check':<28} {time.perf_counter() - t:6.2f} s to read "
          f"({'kept' if check is not None else 'not yet computed: the reports say so'})")

    cases = [("default document (90 cars)", default_document(), 2.0)]
    cases += [("100 cars", thousand_cars(100), 10.0)] if quick else [
        ("1,000 cars", thousand_cars(1000), 10.0), ("100,000 cars", thousand_cars(100_000), 10.0)]
    cases = [(name, doc, target, False) for name, doc, target in cases]
    cases.append(("10,000 cars, full car list", thousand_cars(100 if quick else 10_000), 10.0, True))
    for name, doc, target, full in cases:
        route = resolve_route(doc)
        with tempfile.TemporaryDirectory() as d:
            out = Path(d) / "r.pdf"
            t = time.perf_counter()
            write_report(Answer(doc, route, compute_trip(doc, route), timings_check=check), out, full_car_list=full)
            dt = time.perf_counter() - t  # the trip's computation included: what `traintool report` takes
            reader = PdfReader(str(out))
            pages = len(reader.pages)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{name:<28} {dt:6.2f} s (target {target:g} s)  {out.stat().st_size / 1e6:5.2f} MB  {pages} pages"
                  f"{car_list_pages(reader) if full else ''}  (peak memory of the process so far {rss:,.0f} MB)")


def car_list_pages(reader) -> str:
    """', the car list at most 36 pages (6-41; target 40)': from its bookmark to the next one's page, both counted (the
    target is the list's own pages)."""
    marks = []

    def walk(items) -> None:
        for item in items:
            walk(item) if isinstance(item, list) else marks.append((item.title, reader.get_destination_page_number(item)))
    walk(reader.outline)
    at = next((k for k, (title, _) in enumerate(marks) if title.startswith("Every car")), None)
    if at is None:  # a short train's cars are all drawn: no list of its own
        return ", no car list of its own (every car drawn)"
    start, end = marks[at][1] + 1, marks[at + 1][1] + 1 if at + 1 < len(marks) else len(reader.pages)
    return f", the car list at most {end - start + 1} pages ({start}-{end}; target 40)"


if __name__ == "__main__":
    main()
