"""The geometry of the forest and funnel plots: scales, ticks, markers and the funnel's lines."""

import re

import pytest

from web.effect_plots import (
    FOREST_PLOT_LEFT,
    FOREST_PLOT_RIGHT,
    FOREST_ROW,
    Z_95,
    ForestInput,
    Scale,
    coordinate,
    diamond,
    domain,
    forest_plot,
    funnel_plot,
    nice_step,
    shortened,
    square,
    ticks,
)


def test_a_scale_maps_the_domain_onto_the_range_rounded_to_one_decimal() -> None:
    scale = Scale(-1.0, 1.0, 100.0, 300.0)
    assert (scale(-1.0), scale(0.0), scale(1.0), scale(0.123)) == (100.0, 200.0, 300.0, 212.3)
    upside_down = Scale(0.0, 0.4, 20.0, 340.0)  # a standard error grows downwards
    assert (upside_down(0.0), upside_down(0.4), upside_down(0.1)) == (20.0, 340.0, 100.0)


@pytest.mark.parametrize(("span", "step"), [(1.0, 0.2), (2.4, 0.5), (0.37, 0.1), (7.0, 2.0),
                                            (30.0, 10.0), (0.012, 0.005)])
def test_the_step_is_one_two_or_five_times_a_power_of_ten(span: float, step: float) -> None:
    assert nice_step(span) == pytest.approx(step)


def test_ticks_cover_the_domain_with_round_values() -> None:
    assert ticks(-0.13, 0.74) == (-0.2, 0.0, 0.2, 0.4, 0.6, 0.8)
    assert ticks(0.0, 0.3) == (0.0, 0.1, 0.2, 0.3)  # not 0.30000000000000004
    assert ticks(0.0, 1.0) == (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


def test_the_domain_holds_zero_and_survives_a_single_value() -> None:
    assert domain([0.3, 0.5]) == (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
    assert domain([0.3, 0.5], include_zero=False)[0] == 0.3
    low, *_, high = domain([0.0])
    assert low <= -0.5 and high >= 0.5
    assert domain([]) == domain([0.0])
    assert domain([], include_zero=False) == ticks(-1.0, 1.0)


def test_coordinates_are_short() -> None:
    assert (coordinate(12.0), coordinate(12.34), coordinate(-0.06)) == ("12", "12.3", "-0.1")


def test_markers_are_a_square_and_a_diamond_as_wide_as_the_interval() -> None:
    assert square(100.0, 50.0) == "M95 45h10v10h-10z"
    assert diamond(80.0, 100.0, 130.0, 50.0) == "M80 50L100 45L130 50L100 55z"


def test_a_long_label_is_shortened_with_an_ellipsis() -> None:
    assert shortened("Zelfbeheer") == "Zelfbeheer"
    assert shortened("Bewonerscommissie / huurdersvereniging", 20) == "Bewonerscommissie /…"


def _forest() -> list[ForestInput]:
    return [ForestInput("A", 3, 0.2, 0.0, 0.4, -0.2, 0.6),
            ForestInput("B", 1, None, None, None),
            ForestInput("Alle initiatieven", 4, 0.3, 0.1, 0.5, -0.1, 0.7, overall=True)]


def test_the_forest_plot_has_a_row_per_group_and_the_overall_row_last() -> None:
    plot = forest_plot(_forest())
    first, missing, overall = plot.rows
    assert [tick.value for tick in plot.ticks] == [-0.2, 0.0, 0.2, 0.4, 0.6, 0.8]
    assert plot.ticks[0].position == FOREST_PLOT_LEFT and plot.ticks[-1].position == \
        FOREST_PLOT_RIGHT
    assert plot.zero_x == plot.ticks[1].position
    assert missing.y - first.y == FOREST_ROW and overall.y - missing.y > FOREST_ROW
    assert first.ci == (plot.zero_x, Scale(-0.2, 0.8, 250.0, 560.0)(0.4))
    assert first.pi is not None and first.pi[0] < first.ci[0]
    assert first.marker.startswith("M") and first.marker.endswith("z")
    assert missing.x is None and missing.ci is None and missing.marker == ""
    assert overall.ci is not None
    assert overall.marker == diamond(overall.ci[0], overall.x or 0.0, overall.ci[1], overall.y)
    assert plot.axis_y > overall.y and plot.height > plot.axis_y


def test_the_funnel_plot_draws_each_point_once_and_the_pseudo_limits() -> None:
    points = [(0.2, 0.1), (0.5, 0.2), (0.2, 0.1), (-0.1, 0.05)]
    plot = funnel_plot(points, 0.25)
    assert plot.count == 4
    dots = re.findall(r"M([\d.]+) ([\d.]+)h0", plot.points)
    assert len(dots) == 3  # the same point twice is drawn once
    assert plot.y_ticks[0].value == 0.0 and plot.y_ticks[0].position == plot.top
    assert plot.y_ticks[-1].position == plot.bottom and plot.se_max == 0.2
    # The funnel's apex is at the estimate, standard error 0; its feet ±1.96·se_max away.
    feet = [float(x) for x in re.findall(r"[ML]([-\d.]+) ", plot.funnel)]
    x = Scale(plot.x_ticks[0].value, plot.x_ticks[-1].value, plot.left, plot.right)
    assert feet == [x(0.25 - Z_95 * 0.2), x(0.25), x(0.25 + Z_95 * 0.2)]
    assert plot.estimate_x == x(0.25)
    assert plot.x_ticks[0].value <= 0.25 - Z_95 * 0.2


def test_a_funnel_without_an_estimate_has_points_only() -> None:
    plot = funnel_plot([(0.2, 0.1)], None)
    assert plot.funnel == "" and plot.estimate_x is None and plot.points.count("h0") == 1
