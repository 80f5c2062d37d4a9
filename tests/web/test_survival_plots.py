"""The Kaplan–Meier plot's geometry, against coordinates worked out by hand.

The plot runs from x = 64 (month 0) to x = 560 and from y = 300 (survival 0) to y = 20
(survival 1). With 24 months the axis ends at 24, so x(t) = 64 + t · 496 / 24:
x(6) = 188, x(12) = 312, x(24) = 560; and y(s) = 300 − 280 · s: y(0.75) = 90,
y(0.5) = 160, y(0.8) = 76.
"""

from web.survival_plots import (
    CurveInput,
    month_ticks,
    spread,
    survival_at,
    survival_plot,
    symbol_path,
)

# Four initiatives: one stopped at 6 months, one at 12, two still running at 12 and 24.
A = CurveInput("Faciliterend", points=[(6.0, 0.75), (12.0, 0.5)], censored=[12.0, 24.0],
               last_time=24.0)
# Five: one stopped at once (month 0), four still running when last seen at 6 months.
B = CurveInput("Overnemend", points=[(0.0, 0.8)], censored=[6.0, 6.0, 6.0, 6.0],
               last_time=6.0)


def test_the_step_line_goes_across_to_each_stop_then_down() -> None:
    plot = survival_plot([A, B])
    assert plot.curves[0].path == "M64 20H188V90H312V160H560"


def test_a_stop_at_month_zero_drops_at_once_and_the_line_ends_at_the_last_look() -> None:
    plot = survival_plot([A, B])
    assert plot.curves[1].path == "M64 20V76H188"
    assert plot.curves[1].end == (188.0, 76.0)


def test_censored_initiatives_are_marked_on_the_line_once_per_time() -> None:
    plot = survival_plot([A, B])
    # A's marks are circles at (312, 160) and (560, 160); B's one square at (188, 76).
    assert plot.curves[0].marks == (symbol_path("circle", 312, 160)
                                    + symbol_path("circle", 560, 160))
    assert plot.curves[0].marks.startswith("M308 160a4 4 0 1 0 8 0a4 4 0 1 0 -8 0z")
    assert plot.curves[1].marks == "M184 72h8v8h-8z"


def test_groups_differ_in_dash_and_symbol_not_only_in_colour() -> None:
    first, second = survival_plot([A, B]).curves
    assert (first.dash, first.symbol) == ("", "circle")
    assert (second.dash, second.symbol) == ("8 4", "square")


def test_the_axes_run_in_months_and_shares() -> None:
    plot = survival_plot([A, B])
    assert [(tick.value, tick.position) for tick in plot.x_ticks] == [
        (0.0, 64.0), (6.0, 188.0), (12.0, 312.0), (18.0, 436.0), (24.0, 560.0)]
    assert [tick.position for tick in plot.y_ticks] == [300.0, 230.0, 160.0, 90.0, 20.0]
    assert month_ticks(60.0) == (0.0, 12.0, 24.0, 36.0, 48.0, 60.0)
    assert month_ticks(0.0) == (0.0, 3.0)


def test_direct_labels_stand_at_the_line_ends_and_never_overlap() -> None:
    plot = survival_plot([A, B])
    # A ends at y 160, B at y 76: baselines 4.5 lower, far enough apart to stay.
    assert [curve.label_y for curve in plot.curves] == [164.5, 80.5]
    assert spread([100.0, 101.0, 102.0]) == [100.0, 116.0, 132.0]
    assert spread([299.0, 300.0]) == [284.0, 300.0]


def test_survival_at_a_time_is_the_level_after_the_last_change_by_then() -> None:
    assert survival_at(A.points, 5.9) == 1.0
    assert survival_at(A.points, 6.0) == 0.75
    assert survival_at(A.points, 23.0) == 0.5


def test_up_to_36_groups_each_have_a_dash_and_symbol_of_their_own() -> None:
    """Role and organisation form have 12 groups: the 7th must not repeat the 1st. Dash
    i mod 6 with symbol (i + i div 6) mod 6 gives each of 6 × 6 pairs once."""
    curves = [CurveInput(f"Groep {number}", points=[(6.0, 0.5)], censored=[12.0],
                         last_time=12.0) for number in range(36)]
    shapes = survival_plot(curves).curves
    pairs = [(shape.dash, shape.symbol) for shape in shapes]
    assert len(set(pairs)) == 36
    # The first and the seventh: the same solid line, but a circle against a square.
    assert pairs[0] == ("", "circle") and pairs[6] == ("", "square")
    assert pairs[7] == ("8 4", "triangle")
    # Its censored initiative (12 months, survival 0.5; the axis ends at 12) is a triangle.
    assert shapes[7].marks == symbol_path("triangle", 560, 160)
    assert shapes[7].key == symbol_path("triangle", 574, shapes[7].label_y - 4.5)
    # Colours may repeat (the sixth colour comes round again); dash and symbol do not.
    assert [shape.colour for shape in shapes[:8]] == [0, 1, 2, 3, 4, 5, 0, 1]
