"""The geometry of the Kaplan–Meier plot: one step line per group, told apart by dash
pattern and by the symbol that marks its censored initiatives (never by colour alone), each
labelled at its end. Pure functions in SVG units; the template draws and words them.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from web.effect_plots import Scale, Tick, coordinate

WIDTH = 760
HEIGHT = 350
LEFT, RIGHT = 64.0, 560.0  # the plot; the labels stand right of it
TOP, BOTTOM = 20.0, 300.0
LABEL_GAP = 16.0  # between the baselines of two direct labels
LABEL_X = 586  # where the direct labels start
SYMBOL = 4.0  # half the size of a censoring mark
# Month steps of the time axis: the smallest that gives at most MAX_TICKS intervals.
MONTH_STEPS = (3, 6, 12, 24, 60, 120)
MAX_TICKS = 6
SURVIVAL_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
# Stroke patterns, in the order groups get them (the first solid).
DASHES = ("", "8 4", "2 3", "10 3 2 3", "4 4", "12 4 2 4 2 4")
SYMBOLS = ("circle", "square", "triangle", "diamond", "cross", "plus")
COLOURS = 6  # the stylesheet's bk-km--0 to bk-km--5


def dash_of(style: int) -> str:
    return DASHES[style % len(DASHES)]


def symbol_of(style: int) -> str:
    """Shifted by one more for each round of the dashes: the first 36 groups (6 dashes ×
    6 symbols) each get a pair of their own, so groups 1 and 7 no longer look alike."""
    return SYMBOLS[(style + style // len(DASHES)) % len(SYMBOLS)]


@dataclass(frozen=True)
class CurveInput:
    """A group's Kaplan–Meier estimate: (time, survival just after it) at each time it
    changes, ascending; the times its censored initiatives were last seen; and the longest
    time anyone in it was followed. The label must be short enough to stand beside the
    plot (about 26 characters)."""

    label: str
    points: Sequence[tuple[float, float]]
    censored: Sequence[float]
    last_time: float


@dataclass(frozen=True)
class CurveShape:
    source: CurveInput
    style: int  # the group's position, which gives its dash, symbol and colour
    path: str  # the step line
    marks: str  # one path of symbols, one at each time someone was censored
    end: tuple[float, float]  # where the line ends
    label_y: float  # the direct label's baseline, moved apart from the others'
    key: str  # the group's symbol beside its label

    @property
    def dash(self) -> str:
        return dash_of(self.style)

    @property
    def symbol(self) -> str:
        return symbol_of(self.style)

    @property
    def colour(self) -> int:
        """Which of the COLOURS the stylesheet has (bk-km--0 …): these may repeat."""
        return self.style % COLOURS


@dataclass(frozen=True)
class SurvivalPlot:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    curves: tuple[CurveShape, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    label_x: int


def survival_at(points: Sequence[tuple[float, float]], time: float) -> float:
    """The step function's value at `time`: just after the last change at or before it."""
    found = 1.0
    for at, survival in points:
        if at > time:
            break
        found = survival
    return found


def month_ticks(longest: float) -> tuple[float, ...]:
    step = next((step for step in MONTH_STEPS if longest / step <= MAX_TICKS), MONTH_STEPS[-1])
    last = max(1, math.ceil(longest / step - 1e-9))
    return tuple(float(step * number) for number in range(last + 1))


def step_path(points: Sequence[tuple[float, float]], last_time: float,
              x: Scale, y: Scale) -> str:
    """From survival 1 at time 0: across to each change, down to its level; then across to
    the longest follow-up. A time at which nothing changes draws nothing."""
    here_x, level = x(0.0), 1.0
    path = f"M{coordinate(here_x)} {coordinate(y(1.0))}"
    for time, survival in points:
        if survival == level:
            continue
        if x(time) != here_x:
            here_x = x(time)
            path += f"H{coordinate(here_x)}"
        level = survival
        path += f"V{coordinate(y(level))}"
    if x(last_time) > here_x:
        path += f"H{coordinate(x(last_time))}"
    return path


def _circle(cx: float, cy: float) -> str:
    r = coordinate(SYMBOL)
    return (f"M{coordinate(cx - SYMBOL)} {coordinate(cy)}a{r} {r} 0 1 0 {coordinate(2 * SYMBOL)}"
            f" 0a{r} {r} 0 1 0 {coordinate(-2 * SYMBOL)} 0z")


def _square(cx: float, cy: float) -> str:
    side = coordinate(2 * SYMBOL)
    return (f"M{coordinate(cx - SYMBOL)} {coordinate(cy - SYMBOL)}h{side}v{side}"
            f"h{coordinate(-2 * SYMBOL)}z")


def _triangle(cx: float, cy: float) -> str:
    return (f"M{coordinate(cx)} {coordinate(cy - SYMBOL - 1)}L{coordinate(cx + SYMBOL + 1)} "
            f"{coordinate(cy + SYMBOL)}L{coordinate(cx - SYMBOL - 1)} {coordinate(cy + SYMBOL)}z")


def _diamond(cx: float, cy: float) -> str:
    size = SYMBOL + 1
    return (f"M{coordinate(cx - size)} {coordinate(cy)}L{coordinate(cx)} {coordinate(cy - size)}"
            f"L{coordinate(cx + size)} {coordinate(cy)}L{coordinate(cx)} {coordinate(cy + size)}z")


def _cross(cx: float, cy: float) -> str:
    low, high = coordinate(cx - SYMBOL), coordinate(cx + SYMBOL)
    top, bottom = coordinate(cy - SYMBOL), coordinate(cy + SYMBOL)
    return f"M{low} {top}L{high} {bottom}M{low} {bottom}L{high} {top}"


def _plus(cx: float, cy: float) -> str:
    return (f"M{coordinate(cx - SYMBOL - 1)} {coordinate(cy)}h{coordinate(2 * SYMBOL + 2)}"
            f"M{coordinate(cx)} {coordinate(cy - SYMBOL - 1)}v{coordinate(2 * SYMBOL + 2)}")


DRAW: dict[str, Callable[[float, float], str]] = {
    "circle": _circle, "square": _square, "triangle": _triangle, "diamond": _diamond,
    "cross": _cross, "plus": _plus}


def symbol_path(symbol: str, cx: float, cy: float) -> str:
    return DRAW[symbol](cx, cy)


def spread(wanted: Sequence[float], gap: float = LABEL_GAP, low: float = TOP + 4,
           high: float = BOTTOM) -> list[float]:
    """Baselines as near as may be to `wanted`, at least `gap` apart, within [low, high]:
    pushed down from the top, then back up from the bottom when they run over."""
    order = sorted(range(len(wanted)), key=lambda index: wanted[index])
    placed = [max(low, wanted[index]) for index in order]
    for position in range(1, len(placed)):
        placed[position] = max(placed[position], placed[position - 1] + gap)
    if placed and placed[-1] > high:
        placed[-1] = high
        for position in range(len(placed) - 2, -1, -1):
            placed[position] = min(placed[position], placed[position + 1] - gap)
    found = [0.0] * len(wanted)
    for position, index in enumerate(order):
        found[index] = round(placed[position], 1)
    return found


def _marks(curve: CurveInput, symbol: str, x: Scale, y: Scale) -> str:
    times = sorted(set(curve.censored))
    return "".join(symbol_path(symbol, x(time), y(survival_at(curve.points, time)))
                   for time in times)


def survival_plot(curves: Sequence[CurveInput]) -> SurvivalPlot:
    """Curves in the order given; their styles follow that order."""
    longest = max((curve.last_time for curve in curves), default=0.0)
    months = month_ticks(longest)
    x = Scale(0.0, months[-1], LEFT, RIGHT)
    y = Scale(0.0, 1.0, BOTTOM, TOP)
    ends = [(x(curve.last_time), y(survival_at(curve.points, curve.last_time)))
            for curve in curves]
    baselines = spread([end_y + 4.5 for _, end_y in ends])
    shapes = tuple(
        CurveShape(curve, style,
                   step_path(curve.points, curve.last_time, x, y),
                   _marks(curve, symbol_of(style), x, y), ends[style], baselines[style],
                   symbol_path(symbol_of(style), RIGHT + 14, baselines[style] - 4.5))
        for style, curve in enumerate(curves))
    return SurvivalPlot(
        width=WIDTH, height=HEIGHT, left=LEFT, right=RIGHT, top=TOP, bottom=BOTTOM,
        curves=shapes, x_ticks=tuple(Tick(month, x(month)) for month in months),
        y_ticks=tuple(Tick(share, y(share)) for share in SURVIVAL_TICKS), label_x=LABEL_X)
