"""The geometry of the forest and funnel plots: scales, ticks and shapes in SVG units.

Pure functions, no HTTP and no words: the templates draw the shapes and format the numbers
(in the reader's language). Coordinates are rounded to one decimal, so that a funnel of a
few thousand initiatives stays a small page.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

# The forest plot: labels on the left, the plot in the middle, the numbers on the right.
FOREST_WIDTH = 760
FOREST_PLOT_LEFT = 250.0
FOREST_PLOT_RIGHT = 560.0
FOREST_NUMBERS_X = 575
FOREST_TOP = 34
FOREST_ROW = 28
FOREST_GAP = 10  # between the groups and the overall row
MARKER = 5.0  # half the side of a square, half the height of a diamond
LABEL_CHARACTERS = 32
# The funnel plot.
FUNNEL_WIDTH = 640
FUNNEL_HEIGHT = 400
FUNNEL_MARGINS = (16.0, 20.0, 56.0, 64.0)  # top, right, bottom, left
Z_95 = 1.959963984540054
TICKS = 5


@dataclass(frozen=True)
class Scale:
    """A linear map from the domain [low, high] onto [start, end] (end may lie below start)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return round(self.start + share * (self.end - self.start), 1)


def nice_step(span: float, count: int = TICKS) -> float:
    """1, 2 or 5 times a power of ten: the step that gives about `count` ticks over `span`."""
    raw = span / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if raw <= multiple * power:
            return float(multiple * power)
    raise AssertionError("unreachable")  # pragma: no cover


def ticks(low: float, high: float, count: int = TICKS) -> tuple[float, ...]:
    """Round values from the first multiple of the step at or below `low` to the first at or
    above `high`: the ticks cover the whole domain."""
    step = nice_step(high - low, count)
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    # Rounded to the step's decimals: 0.1 * 3 is 0.30000000000000004.
    decimals = max(0, -math.floor(math.log10(step)))
    return tuple(round(number * step, decimals) + 0.0 for number in range(first, last + 1))


def domain(values: Sequence[float], include_zero: bool = True) -> tuple[float, ...]:
    """The ticks of an axis that shows every value (and zero, the line of no effect)."""
    finite = [value for value in values if math.isfinite(value)]
    if include_zero:
        finite.append(0.0)
    if not finite:
        return ticks(-1.0, 1.0)
    low, high = min(finite), max(finite)
    if high - low < 1e-9:
        low, high = low - 0.5, high + 0.5
    return ticks(low, high)


def coordinate(value: float) -> str:
    """One decimal, without a trailing '.0': fewer bytes for thousands of points."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


@dataclass(frozen=True)
class Tick:
    value: float
    position: float


@dataclass(frozen=True)
class ForestInput:
    """One row: a group's pooled estimate with its intervals (None where there is none)."""

    label: str
    k: int
    estimate: float | None
    ci_lb: float | None
    ci_ub: float | None
    pi_lb: float | None = None
    pi_ub: float | None = None
    overall: bool = False


@dataclass(frozen=True)
class ForestRow:
    label: str  # shortened to fit the label column
    source: ForestInput
    y: float  # the middle of the row
    x: float | None  # the estimate
    ci: tuple[float, float] | None
    pi: tuple[float, float] | None
    marker: str  # an SVG path: a square for a group, a diamond for the overall row

    @property
    def text_y(self) -> float:
        return round(self.y + 4.5, 1)  # the baseline that centres 13-unit text on the row


@dataclass(frozen=True)
class ForestPlot:
    width: int
    height: int
    plot_left: float
    plot_right: float
    numbers_x: int
    header_y: float
    rows: tuple[ForestRow, ...]
    ticks: tuple[Tick, ...]
    zero_x: float
    axis_y: float


def shortened(label: str, characters: int = LABEL_CHARACTERS) -> str:
    return label if len(label) <= characters else label[:characters - 1].rstrip() + "…"


def square(x: float, y: float, half: float = MARKER) -> str:
    return (f"M{coordinate(x - half)} {coordinate(y - half)}h{coordinate(2 * half)}"
            f"v{coordinate(2 * half)}h{coordinate(-2 * half)}z")


def diamond(left: float, x: float, right: float, y: float, half: float = MARKER) -> str:
    """metafor's summary polygon: its points at the interval's ends, widest at the estimate."""
    return (f"M{coordinate(left)} {coordinate(y)}L{coordinate(x)} {coordinate(y - half)}"
            f"L{coordinate(right)} {coordinate(y)}L{coordinate(x)} {coordinate(y + half)}z")


def _interval(scale: Scale, low: float | None, high: float | None) -> tuple[float, float] | None:
    return None if low is None or high is None else (scale(low), scale(high))


def _forest_row(item: ForestInput, y: float, scale: Scale) -> ForestRow:
    x = None if item.estimate is None else scale(item.estimate)
    ci = _interval(scale, item.ci_lb, item.ci_ub)
    marker = ""
    if x is not None:
        marker = diamond(ci[0], x, ci[1], y) if item.overall and ci else square(x, y)
    return ForestRow(shortened(item.label), item, round(y, 1), x, ci,
                     _interval(scale, item.pi_lb, item.pi_ub), marker)


def forest_plot(items: Sequence[ForestInput]) -> ForestPlot:
    """Rows from top to bottom in the order given; a gap before each overall row."""
    values = [value for item in items for value in (item.estimate, item.ci_lb, item.ci_ub,
                                                    item.pi_lb, item.pi_ub) if value is not None]
    axis = domain(values)
    scale = Scale(axis[0], axis[-1], FOREST_PLOT_LEFT, FOREST_PLOT_RIGHT)
    rows: list[ForestRow] = []
    y = FOREST_TOP + FOREST_ROW / 2
    for item in items:
        if item.overall and rows:
            y += FOREST_GAP
        rows.append(_forest_row(item, y, scale))
        y += FOREST_ROW
    axis_y = round(y - FOREST_ROW / 2 + MARKER + 10, 1)
    return ForestPlot(
        width=FOREST_WIDTH, height=math.ceil(axis_y + 44), plot_left=FOREST_PLOT_LEFT,
        plot_right=FOREST_PLOT_RIGHT, numbers_x=FOREST_NUMBERS_X, header_y=FOREST_TOP - 12,
        rows=tuple(rows), ticks=tuple(Tick(value, scale(value)) for value in axis),
        zero_x=scale(0.0), axis_y=axis_y)


@dataclass(frozen=True)
class FunnelPlot:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    count: int
    points: str  # one path: a zero-length line per point, drawn as a dot by its round cap
    estimate_x: float | None
    funnel: str  # the pseudo 95% limits: estimate ± 1.96·se, from se = 0 down
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    se_max: float


def funnel_plot(points: Sequence[tuple[float, float]], estimate: float | None) -> FunnelPlot:
    """`points` are (effect, standard error); the standard error grows downwards."""
    top, right, bottom, left = FUNNEL_MARGINS
    y_axis = domain([se for _, se in points] or [0.1])
    se_max = y_axis[-1]
    effects = [effect for effect, _ in points]
    if estimate is not None:
        effects += [estimate - Z_95 * se_max, estimate + Z_95 * se_max]
    x_axis = domain(effects, include_zero=True)
    x = Scale(x_axis[0], x_axis[-1], left, FUNNEL_WIDTH - right)
    y = Scale(0.0, se_max, top, FUNNEL_HEIGHT - bottom)
    dots = dict.fromkeys(f"M{coordinate(x(effect))} {coordinate(y(se))}h0"
                         for effect, se in points)
    funnel = ""
    if estimate is not None:
        apex = f"{coordinate(x(estimate))} {coordinate(y(0.0))}"
        funnel = (f"M{coordinate(x(estimate - Z_95 * se_max))} {coordinate(y(se_max))}L{apex}"
                  f"L{coordinate(x(estimate + Z_95 * se_max))} {coordinate(y(se_max))}")
    return FunnelPlot(
        width=FUNNEL_WIDTH, height=FUNNEL_HEIGHT, left=left, right=FUNNEL_WIDTH - right,
        top=top, bottom=FUNNEL_HEIGHT - bottom, count=len(points), points="".join(dots),
        estimate_x=None if estimate is None else x(estimate), funnel=funnel,
        x_ticks=tuple(Tick(value, x(value)) for value in x_axis),
        y_ticks=tuple(Tick(value, y(value)) for value in y_axis if value >= 0), se_max=se_max)
