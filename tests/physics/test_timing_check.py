"""Published timings against the model's range: the stretch of route, the verdicts, the shipped check."""
import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from traintool.cli import main
from traintool.io import load_document, published_timings, sample_paths, shipped_routes
from traintool.model.timings import PublishedRange, Timing, TimingSource, split_set
from traintool.physics import compute_trip
from traintool.physics.ranges import Percentiles
from traintool.physics.timing_check import (TimingCheck, _pct, _verdict, agreement_line, binomial_interval, check_timing,
                                            summarize)


def _timing(low, high, measure="total", station=None, kind="observed", confidence="medium", tid="t") -> Timing:
    return Timing(id=tid, label="t", sample="armored-train", route_id="pyongyang-vladivostok", from_station="Pyongyang",
                  to_station="Vladivostok", measure=measure, station=station, kind=kind, confidence=confidence,
                  set=split_set(tid), event_date="2019-04-24", published_s=PublishedRange(low=low, high=high),
                  wording="w", sources=(TimingSource(title="t", publisher="p"),))


@pytest.mark.parametrize("low, high, verdict", [
    # two-sided: the midpoint is the published figure, and it must lie within P5-P95
    (50, 100, "model slower"), (50, 150, "inside"), (150, 250, "inside"), (100, 300, "inside"),
    (170, 250, "model faster"), (10, 99, "model slower"), (199, 201, "inside"), (201, 201, "model faster"),
    # the old overlap rule called these inside: the ranges meet, the figure is outside the band
    (20, 120, "model slower"), (190, 400, "model faster"),
    # one-sided: only consistent or not
    (None, 50, "inconsistent"), (None, 100, "consistent"), (150, None, "consistent"), (200, None, "consistent"),
    (201, None, "inconsistent")])
def test_the_published_figure_is_inside_when_it_lies_within_the_band(low, high, verdict):
    assert _verdict(_timing(low, high), Percentiles(100.0, 150.0, 200.0)) == verdict
    assert _verdict(_timing(low, high), None) == "cannot be made"


@given(p5=st.floats(1_000, 100_000), width=st.floats(0, 50_000), low=st.floats(0, 200_000),
       spread=st.floats(0, 20_000))
def test_a_two_sided_figure_is_inside_exactly_when_its_midpoint_lies_in_the_band(p5, width, low, spread):
    band = Percentiles(p5, p5 + width / 2, p5 + width)
    mid = low + spread / 2
    verdict = _verdict(_timing(low, low + spread), band)
    assert (verdict == "inside") == (band.p5 <= mid <= band.p95)
    assert verdict in ("inside", "model faster" if mid > band.p95 else "model slower")


@given(hours=st.integers(2, 200), offset=st.floats(0.05, 0.45))
def test_a_figure_given_to_the_nearest_hour_counts_at_that_hour(hours, offset):
    # 'about 7 h' is stored as 6.5 to 7.5 h; the figure compared is 7 h, not either end of the hour.
    about = _timing((hours - 0.5) * 3600, (hours + 0.5) * 3600)
    assert about.published_s.value == hours * 3600
    # A band that holds the hour's end but not the hour itself: outside, though the two ranges overlap.
    assert _verdict(about, Percentiles((hours + offset) * 3600, (hours + 1) * 3600, (hours + 2) * 3600)) \
        == "model slower"
    assert _verdict(about, Percentiles((hours - 2) * 3600, (hours - 1) * 3600, (hours - offset) * 3600)) \
        == "model faster"
    assert _verdict(about, Percentiles((hours - offset) * 3600, hours * 3600, (hours + offset) * 3600)) == "inside"


@given(bound=st.floats(1_000, 100_000), p5=st.floats(1_000, 100_000), width=st.floats(0, 50_000))
def test_a_one_sided_bound_is_only_consistent_or_not_and_never_counted(bound, p5, width):
    band = Percentiles(p5, p5 + width / 2, p5 + width)
    at_least, at_most = _timing(bound, None), _timing(None, bound)
    assert _verdict(at_least, band) == ("inconsistent" if band.p95 < bound else "consistent")
    assert _verdict(at_most, band) == ("inconsistent" if band.p5 > bound else "consistent")
    for t in (at_least, at_most):
        c = TimingCheck(t, band.p50, band, _verdict(t, band))
        assert not c.counted and c.error is None
        assert summarize([c], t.set).counted == ()


def _check(low, high, nominal, band=(90.0, 100.0, 110.0), **kw) -> TimingCheck:
    t = _timing(low, high, **kw)
    p = Percentiles(*band)
    return TimingCheck(t, nominal, p, _verdict(t, p))


def test_only_observed_or_timetabled_two_sided_and_trusted_entries_count():
    assert _check(90, 110, 100).counted and _check(90, 110, 100, kind="timetabled", confidence="high").counted
    assert not _check(90, None, 100).counted  # one-sided
    assert not _check(90, 110, 100, kind="forecast").counted and not _check(90, 110, 100, kind="typical").counted
    assert not _check(90, 110, 100, confidence="low").counted


def test_a_set_sums_up_coverage_error_bias_and_width():
    ids = [f"v{i}" for i in range(60) if split_set(f"v{i}") == "validation"]
    checks = [
        _check(90, 110, 100, tid=ids[0]),  # inside, error 0
        _check(180, 220, 100, tid=ids[1]),  # model faster: error -50 %
        _check(75, 85, 100, tid=ids[2]),  # model slower: error +25 %
        _check(95, 105, 115, band=(105.0, 120.0, 140.0), tid=ids[3]),  # published 100 below P5: +15 %
        _check(1000, None, 100, tid=ids[4]),  # one-sided: inconsistent, not counted
        _check(1, 2, 100, kind="forecast", tid=ids[5]),  # shown only
    ]
    s = summarize(checks, "validation")
    assert len(s.checks) == 6 and len(s.counted) == 4 and s.inside == 1 and s.coverage == 0.25
    assert s.median_abs_error == pytest.approx((0.15 + 0.25) / 2)  # of 0, 15, 25 and 50 %
    assert s.bias == pytest.approx((0.0 + 0.15) / 2)  # of -50, 0, +15 and +25 %
    assert s.median_width == pytest.approx(0.2)
    lo, hi = s.coverage_interval
    assert lo < 0.25 < hi
    missed = s.missed_targets()
    assert any(m.startswith("coverage") for m in missed) and any(m.startswith("median |error|") for m in missed)
    assert any(m.startswith("|bias|") for m in missed) and not any(m.startswith("median band") for m in missed)
    assert summarize(checks, "calibration").checks == ()
    line = agreement_line(s)
    assert line.startswith("Validation set: 1 of 4 published timings inside") and "misses the targets" in line


def test_a_set_that_meets_every_target_says_so():
    ids = [f"w{i}" for i in range(80) if split_set(f"w{i}") == "validation"][:10]
    checks = [_check(95, 105, 100 + (i % 3), band=(90.0, 100.0, 120.0), tid=i_d) for i, i_d in enumerate(ids)]
    s = summarize(checks, "validation")
    assert s.coverage == 1.0 and s.missed_targets() == []
    assert agreement_line(s).endswith("meets the targets.")
    # one more entry far off the band pulls coverage to 10 of 11 = 91 %: still met; the bias stays small
    assert summarize(checks + [_check(180, 220, 100, tid=ids[0])], "validation").missed_targets() == []


@pytest.mark.parametrize("n", [1, 5, 21, 40])
def test_the_interval_at_the_ends_has_its_closed_form(n):
    # k = 0: the upper end solves (1 - p)^n = 5 %; k = n: the lower end solves p^n = 5 %.
    assert binomial_interval(0, n) == pytest.approx((0.0, 1 - 0.05 ** (1 / n)), abs=1e-9)
    assert binomial_interval(n, n) == pytest.approx((0.05 ** (1 / n), 1.0), abs=1e-9)


def test_the_interval_matches_the_beta_quantiles():
    # Clopper-Pearson is the beta quantiles Beta(0.05; k, n-k+1) and Beta(0.95; k+1, n-k). For 6 of 21,
    # SciPy gives scipy.stats.beta.ppf(0.05, 6, 16) = 0.1324482 and beta.ppf(0.95, 7, 15) = 0.4873888.
    assert binomial_interval(6, 21) == pytest.approx((0.1324482, 0.4873888), abs=1e-6)


@given(st.integers(1, 60).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))))
def test_the_interval_holds_the_proportion_and_each_tail_holds_five_percent(nk):
    n, k = nk
    lo, hi = binomial_interval(k, n)
    assert 0 <= lo <= k / n <= hi <= 1
    tail = lambda p, ks: sum(math.comb(n, i) * p ** i * (1 - p) ** (n - i) for i in ks)  # noqa: E731
    if k > 0:
        assert tail(lo, range(k, n + 1)) == pytest.approx(0.05, abs=1e-6)
    if k < n:
        assert tail(hi, range(0, k + 1)) == pytest.approx(0.05, abs=1e-6)


def test_a_stretch_of_route_starts_at_its_first_station_and_keeps_the_breaks_inside():
    route = shipped_routes()["pyongyang-moscow"]
    part = route.between("Rajin", "Khabarovsk")
    names = [s.name for s in route.stations]
    assert [s.name for s in part.stations] == names[names.index("Rajin"):names.index("Khabarovsk") + 1]
    assert part.stations[0].position_m == 0
    assert part.length_m == pytest.approx(route.stations[names.index("Khabarovsk")].position_m
                                          - route.stations[names.index("Rajin")].position_m)
    assert [b.station for b in part.breaks_of_gauge] == ["Tumangang"]
    # From the break on, the train starts on the new gauge: no break at the first station.
    after = route.between("Tumangang", "Ussuriysk")
    assert not after.breaks_of_gauge and set(after.gauge_by_section()) == {1520}
    with pytest.raises(ValueError, match="does not come before"):
        route.between("Khabarovsk", "Rajin")


def test_the_whole_route_checked_is_the_trip_itself():
    d = load_document(sample_paths()["armored-train"])
    route = shipped_routes()["pyongyang-vladivostok"]
    c = check_timing(_timing(72000, None), d, route, samples=30)
    assert c.value_s == pytest.approx(compute_trip(d, route).total_s)
    assert c.range_s.p5 <= c.value_s <= c.range_s.p95 and c.verdict == "consistent"
    refit = check_timing(_timing(7200, None, "refit", "Khasan"), d, route, samples=30)
    assert refit.value_s == pytest.approx(compute_trip(d, route).refits[0].duration_s)


@pytest.fixture(scope="module")
def shipped_check():
    """check-timings --json on the shipped data, run once: (exit status, parsed output)."""
    import contextlib
    import io as stdio

    out = stdio.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["check-timings", "--json"])
    return status, json.loads(out.getvalue())


def test_every_shipped_timing_is_judged_by_the_rules(shipped_check):
    _, data = shipped_check
    checks = data["timings"]
    assert [c["id"] for c in checks] == [t.id for t in published_timings().timings]
    for c in checks:
        assert c["sources"] and c["range_s"]["p5"] <= c["range_s"]["p50"] <= c["range_s"]["p95"]
        assert c["counted"] == (c["kind"] in ("observed", "timetabled") and c["confidence"] != "low"
                                and not c["one_sided"])
        p5, p95, low, high = c["range_s"]["p5"], c["range_s"]["p95"], c["published_s"]["low"], c["published_s"]["high"]
        if c["one_sided"]:
            wrong = (low is not None and p95 < low) or (high is not None and p5 > high)
            assert c["verdict"] == ("inconsistent" if wrong else "consistent")
        else:
            mid = c["published_value_s"]
            assert mid == (low + high) / 2
            assert c["verdict"] == ("inside" if p5 <= mid <= p95 else "model faster" if mid > p95 else "model slower")


def test_the_shipped_validation_set_meets_its_targets(shipped_check):
    # What CI checks (.ci/run runs check-timings): the held-out third of the published timings lies in the
    # model's bands as often as the targets ask, and the exit status says so.
    status, data = shipped_check
    validation = data["summary"]["validation"]
    assert set(data["summary"]) == {"calibration", "validation"}
    assert set(validation) == {"set", "entries", "counted", "inside", "coverage", "coverage_interval_90",
                               "median_abs_error", "bias", "median_width", "missed_targets"}
    counted = [c for c in data["timings"] if c["set"] == "validation" and c["counted"]]
    assert validation["counted"] == len(counted) >= 15
    assert validation["inside"] == sum(c["verdict"] == "inside" for c in counted)
    assert validation["missed_targets"] == [] and data["validation_meets_targets"] and status == 0
    assert validation["coverage"] >= 0.8 and validation["median_abs_error"] <= 0.15
    assert abs(validation["bias"]) <= 0.05 and validation["median_width"] <= 0.40


def test_check_timings_lists_one_set_and_says_which_targets_are_missed(capsys, shipped_check):
    status, data = shipped_check
    assert main(["check-timings", "--set", "calibration", "--samples", "20"]) in (0, 1)
    out, err = capsys.readouterr()
    calibration_ids = {c["id"] for c in data["timings"] if c["set"] == "calibration"}
    validation_ids = {c["id"] for c in data["timings"] if c["set"] == "validation"}
    assert all(i in out for i in calibration_ids) and not any(f" {i} " in out for i in validation_ids)
    assert "Calibration set:" in out and "Validation set:" in out  # the exit status follows validation: it is shown
    code = main(["check-timings", "--set", "validation", "--json", "--samples", "20"])
    out, err = capsys.readouterr()
    only = json.loads(out)
    assert set(only["summary"]) == {"validation"} and {c["set"] for c in only["timings"]} == {"validation"}
    if code == 1:
        assert only["summary"]["validation"]["missed_targets"]
    assert main(["check-timings", "--set", "validation", "--samples", "20"]) == code
    out, err = capsys.readouterr()
    if code == 1:
        assert "the validation set misses its targets" in err and "coverage" in err


def _fake_checks(monkeypatch, validation_error: float):
    """check-timings over the shipped entries, each 'computed' as a band around its published figure:
    validation entries with their nominal `validation_error` off, calibration ones exact."""
    import traintool.physics.timing_check as tc

    def fake(timing, document, route, samples=tc.CHECK_SAMPLES, seed=0):
        published = timing.published_s.value or timing.published_s.low or timing.published_s.high
        err = validation_error if timing.set == "validation" else 0.0
        band = Percentiles(published * 0.9, published, published * 1.1)
        return TimingCheck(timing, published * (1 + err), band, _verdict(timing, band))

    monkeypatch.setattr(tc, "check_timing", fake)


def test_check_timings_exits_0_when_validation_meets_its_targets(monkeypatch, capsys):
    _fake_checks(monkeypatch, validation_error=0.03)
    assert main(["check-timings", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["validation_meets_targets"] and data["summary"]["validation"]["missed_targets"] == []
    assert data["summary"]["validation"]["coverage"] == 1.0
    assert main(["check-timings"]) == 0
    out, err = capsys.readouterr()
    assert "Validation set:" in out and "meets the targets" in out and err == ""


def test_check_timings_exits_1_and_names_the_target_a_biased_model_misses(monkeypatch, capsys):
    _fake_checks(monkeypatch, validation_error=-0.08)  # inside every band, but 8 % fast: bias and nothing else
    assert main(["check-timings"]) == 1
    out, err = capsys.readouterr()
    assert "|bias| -8 % > 5 %" in err and "coverage" not in err and "median |error|" not in err


@given(st.floats(-0.2, 0.2, allow_nan=False))
def test_a_signed_share_reads_as_a_whole_percent_never_minus_zero(x):
    text = _pct(x, signed=True)
    assert text != "-0 %" and text != "+0 %"
    assert text.endswith(" %") and int(text[:-2]) == round(x * 100)
