"""The geometry of the success-factor plots: memberships of a model, the XY plot's points,
diagonal and counts, and the calibration chart."""

import pytest

from web.api_client.success_factors import Thresholds
from web.qca_plots import (
    XY_MARGINS,
    XY_SIZE,
    calibration_axis,
    calibration_chart,
    calibration_samples,
    solution_membership,
    term_membership,
    xy_plot,
)

MEMBERSHIPS = {"A": 0.8, "B": 0.3, "C": 0.6}


def test_a_path_takes_its_weakest_literal_and_a_model_its_strongest_path() -> None:
    assert term_membership("A*C", MEMBERSHIPS) == 0.6
    assert term_membership("A*~B", MEMBERSHIPS) == pytest.approx(0.7)  # ~B is 1 − 0.3
    assert term_membership("1", MEMBERSHIPS) == 1.0
    assert solution_membership(["A*B", "~C"], MEMBERSHIPS) == pytest.approx(0.4)
    assert solution_membership([], MEMBERSHIPS) == 0.0


def test_the_xy_plot_puts_zero_bottom_left_and_one_top_right() -> None:
    top, right, bottom, left = XY_MARGINS
    assert (top, XY_SIZE - right, XY_SIZE - bottom, left) == (14, 364, 328, 60)
    plot = xy_plot([(0.0, 0.0), (1.0, 1.0), (0.5, 0.25)])
    assert plot.points == "M60 328h0M364 14h0M212 249.5h0"
    assert plot.diagonal == "M60 328L364 14"
    assert (plot.crossover_x, plot.crossover_y) == (212.0, 171.0)
    assert [tick.value for tick in plot.ticks_x] == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert [tick.position for tick in plot.ticks_y][::5] == [328.0, 14.0]


def test_the_xy_plot_counts_consistent_typical_and_deviant_cases() -> None:
    plot = xy_plot([(0.9, 0.95), (0.8, 0.3), (0.2, 0.6), (0.7, 0.7), (0.1, 0.05)])
    assert plot.count == 5
    assert plot.consistent == 3  # on or above the diagonal
    assert plot.typical == 2  # in the model and in the outcome
    assert plot.deviant == 1  # in the model, out of the outcome


def test_points_at_the_same_place_are_drawn_once() -> None:
    assert xy_plot([(1.0, 1.0)] * 40).points.count("M") == 1


def test_the_calibration_axis_covers_the_thresholds_from_zero() -> None:
    assert calibration_axis(Thresholds(0, 40, 150)) == (0.0, 50.0, 100.0, 150.0, 200.0)
    assert calibration_axis(Thresholds(36, 12, 3)) == (0.0, 10.0, 20.0, 30.0, 40.0)
    axis = calibration_axis(Thresholds(-2, 0, 2))
    assert axis[0] < -2 and axis[-1] > 2
    samples = calibration_samples((0.0, 200.0), count=4)
    assert samples == [0.0, 50.0, 100.0, 150.0, 200.0]


def test_the_calibration_chart_draws_the_curve_and_marks_the_thresholds() -> None:
    axis = (0.0, 100.0, 200.0)
    samples = [0.0, 100.0, 200.0]
    chart = calibration_chart(axis, samples, [0.05, None, 0.99], Thresholds(0, 40, 150),
                              [0.05, 0.5, 0.95])
    top, right, bottom, left = 12.0, chart.width - chart.right, chart.bottom, chart.left
    assert chart.curve.startswith(f"M{left:g} ") and chart.curve.count("L") == 1
    assert [mark.letter for mark in chart.marks] == ["e", "c", "i"]
    middle = chart.marks[1]
    assert middle.x == round(left + (chart.right - left) * 0.2, 1)
    assert middle.y == round(bottom + (top - bottom) * 0.5, 1)
    assert middle.marker.startswith(f"M{middle.x - 4:g} ")
    assert [tick.value for tick in chart.ticks_x] == [0.0, 100.0, 200.0]
    assert right > 0
