"""The soak's memory verdict (bench/soak_servers.MemoryLog): growth is the median RSS of the
last minute against that of the minute after the warm-up, so that one sample taken while a
large request is in flight does not decide it, and memory a process keeps does."""

import math

import pytest

from bench.soak_servers import MemoryLog


def _log(rss_at: list[tuple[float, float]]) -> MemoryLog:
    return MemoryLog(samples={"api": rss_at})


def _every_5_s(minutes: int, rss_of: dict[int, float]) -> list[tuple[float, float]]:
    return [(float(at), rss_of.get(at, 300.0)) for at in range(0, minutes * 60 + 1, 5)]


def test_a_spike_in_the_last_sample_is_not_growth() -> None:
    samples = _every_5_s(10, {600: 360.0})  # a large analysis in flight at the very end
    first, last, percent = _log(samples).growth_after("api", 60)
    assert (first, last, percent) == (300.0, 300.0, 0.0)


def test_memory_kept_for_the_last_minute_is_growth() -> None:
    kept = dict.fromkeys(range(360, 601, 5), 350.0)  # a step at minute 6, never given back
    first, last, percent = _log(_every_5_s(10, kept)).growth_after("api", 60)
    assert (first, last) == (300.0, 350.0)
    assert percent == pytest.approx(50 / 3)


def test_the_warm_up_is_left_out() -> None:
    cold = dict.fromkeys(range(0, 60, 5), 200.0)  # imports and caches filling
    assert _log(_every_5_s(10, cold)).growth_after("api", 60)[2] == 0.0


def test_each_minute_reports_its_median() -> None:
    samples = _every_5_s(2, dict.fromkeys(range(60, 90, 5), 310.0))
    assert _log(samples).per_minute("api") == [300.0, 305.0]


def test_a_short_run_compares_thirds_of_what_follows_the_warm_up() -> None:
    """One minute with a 15 s warm-up: 15–30 s against 45–60 s, never one window twice."""
    samples = [(float(at), 350.0 if at >= 45 else 300.0) for at in range(0, 61, 5)]
    first, last, _ = _log(samples).growth_after("api", 15)
    assert (first, last) == (300.0, 350.0)


def test_a_window_without_samples_gives_no_figure_and_so_no_pass() -> None:
    samples = [(0.0, 300.0), (10.0, 300.0), (600.0, 300.0)]  # the sampler stalled
    percent = _log(samples).growth_after("api", 60)[2]
    assert math.isnan(percent)
    assert not percent < 10  # the soak's verdict: growth below 10 %
