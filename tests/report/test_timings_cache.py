"""The published-timings check is kept on disk and only read by a report: a report never spends the
minute it takes, says so when it is not yet computed, and no file planted where it is kept (a FIFO,
a symlink, a device, garbage) breaks, hangs or misleads it."""
import os
import re
import shutil

import pytest
from pypdf import PdfReader

import builders
from traintool.io import published_timings, resolve_route
from traintool.physics import compute_trip
from traintool.physics.answer import Answer
from traintool.physics.ranges import Percentiles
from traintool.physics.timing_check import CHECK_SAMPLES, TimingCheck, agreement_line, summarize
from traintool.report import timings_cache
from traintool.report.pdf import write_report


def _made_up_checks() -> tuple[TimingCheck, ...]:
    """A check of every published timing, its figures made up (not computed: that takes a minute):
    each 3 % over the published figure, its band 10 % either side."""
    out = []
    for t in published_timings().timings:
        v = (t.published_s.value or 3600.0) * 1.03
        out.append(TimingCheck(t, v, Percentiles(v * 0.9, v, v * 1.1), "inside"))
    return tuple(out)


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    """The user's cache folder, empty: nothing kept yet."""
    folder = tmp_path / "cache"
    monkeypatch.setattr("traintool.app_paths.cache_dir", lambda: folder)
    monkeypatch.setattr("traintool.app_paths.data_dir", lambda: tmp_path / "data")  # where it was kept before
    return folder


def _first_page_and_all(path) -> tuple[str, str]:
    pages = [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(str(path)).pages]
    return pages[0], " ".join(pages)


def test_a_report_never_computes_the_check_and_says_it_is_not_yet_computed(cache_folder, tmp_path, monkeypatch, qapp):
    # The first report after a change of the data computed the whole check (over a minute) in its process.
    def never(*_args, **_kw):
        raise AssertionError("the report computed the published-timings check")
    monkeypatch.setattr("traintool.physics.timing_check.check_timing", never)
    doc = builders.small_document()
    route = resolve_route(doc)
    out = tmp_path / "r.pdf"
    write_report(Answer(doc, route, compute_trip(doc, route), timings_check=timings_cache.kept_checks()), out)
    first, text = _first_page_and_all(out)
    assert "Published timings not yet computed" in first
    assert "not yet computed for this version of the data and the model" in text and "traintool check-timings" in text


def test_kept_figures_are_read_back_and_quoted_on_page_one(cache_folder, tmp_path, qapp):
    checks = _made_up_checks()
    assert timings_cache.kept_checks() is None
    assert timings_cache.keep(checks)
    kept = timings_cache.kept_checks()
    assert kept == checks
    doc = builders.small_document()
    route = resolve_route(doc)
    out = tmp_path / "r.pdf"
    write_report(Answer(doc, route, compute_trip(doc, route), timings_check=kept), out)
    first, text = _first_page_and_all(out)
    assert agreement_line(summarize(checks, "validation"))[:60] in first
    assert f"{len(checks)} of {len(checks)} fall inside" in text


def test_the_key_follows_the_samples_the_data_and_the_code(cache_folder, tmp_path, monkeypatch):
    from traintool.app_paths import resources_dir

    key = timings_cache.cache_file()
    assert key is not None and key.parent == cache_folder
    assert timings_cache.cache_file(20) != key
    copy = tmp_path / "resources"
    shutil.copytree(resources_dir(), copy)
    monkeypatch.setattr("traintool.app_paths.resources_dir", lambda: copy)
    assert timings_cache.cache_file() == key
    timings = copy / "timings.json"
    timings.write_text(timings.read_text().replace('"', '"', 1) + "\n")  # one byte more: another key
    assert timings_cache.cache_file() != key


def _plant(kind: str, path, tmp_path) -> object:
    """Plant `kind` where the check is kept; returns what must stay untouched (or None)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "symlink to our file":
        victim = tmp_path / "victim.txt"
        victim.write_text("ours, not the cache's")
        path.symlink_to(victim)
        return victim
    elif kind == "symlink to a device":
        path.symlink_to("/dev/zero")
    elif kind == "symlink to the figures elsewhere":
        other = tmp_path / "elsewhere.json"
        timings_cache.keep(_made_up_checks(), folder=tmp_path / "elsewhere")
        shutil.copy(timings_cache.cache_file(folder=tmp_path / "elsewhere"), other)
        path.symlink_to(other)
        return other
    elif kind == "garbage":
        path.write_bytes(b"\x00\xff{[not json")
    elif kind == "another shape":
        path.write_text('[{"id": 1}]')
    elif kind == "a timing missing":
        timings_cache.keep(_made_up_checks()[1:])
    elif kind == "infinite":
        timings_cache.keep(_made_up_checks())
        path.write_text(path.read_text().replace('"value_s": ', '"value_s": 1e999, "x": ', 1))
    elif kind == "huge":
        with open(path, "wb") as f:
            f.truncate(timings_cache.MAX_KEPT_BYTES + 1)
    elif kind == "nan":
        timings_cache.keep(_made_up_checks())
        path.write_text(path.read_text().replace('"value_s": ', '"value_s": NaN, "x": ', 1))
    return None


@pytest.mark.parametrize("kind", ["fifo", "symlink to our file", "symlink to a device", "symlink to the figures elsewhere",
                                  "garbage", "another shape", "a timing missing", "huge", "nan", "infinite"])
def test_a_hostile_kept_file_is_not_trusted_and_is_replaced(kind, cache_folder, tmp_path):
    path = timings_cache.cache_file()
    untouched = _plant(kind, path, tmp_path)
    before = untouched.read_bytes() if untouched is not None else None
    assert timings_cache.kept_checks() is None  # read without waiting on a FIFO or a device
    checks = _made_up_checks()
    assert timings_cache.keep(checks)
    assert path.is_file() and not path.is_symlink() and timings_cache.kept_checks() == checks
    if untouched is not None:
        assert untouched.read_bytes() == before  # the symlink was replaced, never followed


def test_no_place_to_keep_the_figures_is_no_failure(tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setattr("traintool.app_paths.cache_dir", lambda: blocked / "traintool")
    assert timings_cache.keep(_made_up_checks()) is False and timings_cache.kept_checks() is None


def test_check_timings_keeps_its_figures_for_the_reports(cache_folder, monkeypatch, capsys):
    # The figures computed by `traintool check-timings` are the ones a report quotes; computed here
    # with made-up figures (check_timing replaced), as the real check takes a minute.
    from traintool import cli

    made_up = {c.timing.id: c for c in _made_up_checks()}
    monkeypatch.setattr("traintool.physics.timing_check.check_timing", lambda t, *_a, **_kw: made_up[t.id])
    cli.main(["check-timings"])
    assert timings_cache.kept_checks(CHECK_SAMPLES) == tuple(made_up.values())
