"""File > Export CSV and Import Cars from CSV in the window."""
import csv
import io

import pytest
from PySide6.QtWidgets import QFileDialog

from traintool.io.csv_export import CsvKind


@pytest.mark.parametrize("kind", list(CsvKind))
def test_export_each_csv_from_the_window(window, tmp_path, monkeypatch, kind):
    out = tmp_path / f"{kind.value}"  # the dialog's answer without the suffix: it is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "CSV (*.csv)"))
    [action] = [a for a in window.csv_menu.actions() if a.text().replace("&", "").lower().startswith(
        {"legs": "legs", "refits": "refit", "cars": "cars", "profile": "speed"}[kind.value])]
    action.trigger()
    rows = list(csv.reader(io.StringIO((tmp_path / f"{kind.value}.csv").read_text("utf-8"), newline="")))
    r = window.trip_computer.result
    expected = {CsvKind.LEGS: len(r.legs), CsvKind.CARS: len(window.holder.document.consist.cars),
                CsvKind.REFITS: sum(len(x.steps) for x in r.refits)}
    if kind in expected:
        assert len(rows) - 1 == expected[kind]
    else:
        assert float(rows[-1][2]) == pytest.approx(r.running_s, rel=1e-9)


def test_an_export_that_cannot_be_written_says_why(window, tmp_path, monkeypatch):
    import os
    fifo = tmp_path / "legs.csv"
    os.mkfifo(fifo)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(fifo), "CSV (*.csv)"))
    window.csv_menu.actions()[0].trigger()
    assert len(window.errors) == 1 and "legs.csv" in window.errors[0]
