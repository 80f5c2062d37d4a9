"""The geometry of the success-factor plots: the XY plot of a model (each initiative's
membership of the solution against its membership of the outcome) and the calibration curve
of a number. Pure functions, no HTTP and no words, as web/effect_plots.py (whose scales and
ticks they use); the templates draw the shapes and write the numbers."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from web.api_client.success_factors import Thresholds
from web.effect_plots import Scale, Tick, coordinate, square, ticks
from web.qca_sentences import literals

# The XY plot: a square, memberships from 0 to 1 on both axes.
XY_SIZE = 380
XY_MARGINS = (14.0, 16.0, 52.0, 60.0)  # top, right, bottom, left
MEMBERSHIP_TICKS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
CROSSOVER = 0.5
# The calibration chart: small, one beside each number's thresholds.
CALIBRATION_WIDTH = 320
CALIBRATION_HEIGHT = 170
CALIBRATION_MARGINS = (12.0, 26.0, 40.0, 44.0)  # room for the last tick's label
CALIBRATION_TICKS = (0.0, 0.5, 1.0)
SAMPLES = 48
MARK = 4.0  # half the side of a threshold's square
TOLERANCE = 1e-9


def term_membership(term: str, memberships: Mapping[str, float]) -> float:
    """A path's membership: the smallest of its literals' (~X counts as 1 − X)."""
    found = literals(term)
    return min(((memberships[name] if present else 1.0 - memberships[name])
                for name, present in found), default=1.0)


def solution_membership(terms: Sequence[str], memberships: Mapping[str, float]) -> float:
    """A model's membership: the largest of its paths' (fuzzy OR of fuzzy ANDs)."""
    return max((term_membership(term, memberships) for term in terms), default=0.0)


@dataclass(frozen=True)
class XyPlot:
    size: int
    left: float
    right: float
    top: float
    bottom: float
    points: str  # one path: a zero-length line per point, drawn as a dot by its round cap
    diagonal: str
    crossover_x: float
    crossover_y: float
    ticks_x: tuple[Tick, ...]
    ticks_y: tuple[Tick, ...]
    count: int
    consistent: int  # on or above the diagonal: the outcome at least as much as the model
    typical: int  # more in than out of both the model and the outcome
    deviant: int  # more in the model, more out of the outcome: against sufficiency


def xy_plot(points: Sequence[tuple[float, float]]) -> XyPlot:
    """`points` are (membership of the model, membership of the outcome), each 0 to 1."""
    top, right, bottom, left = XY_MARGINS
    x = Scale(0.0, 1.0, left, XY_SIZE - right)
    y = Scale(0.0, 1.0, XY_SIZE - bottom, top)
    dots = dict.fromkeys(f"M{coordinate(x(sx))} {coordinate(y(sy))}h0" for sx, sy in points)
    diagonal = (f"M{coordinate(x(0.0))} {coordinate(y(0.0))}"
                f"L{coordinate(x(1.0))} {coordinate(y(1.0))}")
    return XyPlot(
        size=XY_SIZE, left=left, right=XY_SIZE - right, top=top, bottom=XY_SIZE - bottom,
        points="".join(dots), diagonal=diagonal, crossover_x=x(CROSSOVER),
        crossover_y=y(CROSSOVER),
        ticks_x=tuple(Tick(value, x(value)) for value in MEMBERSHIP_TICKS),
        ticks_y=tuple(Tick(value, y(value)) for value in MEMBERSHIP_TICKS),
        count=len(points),
        consistent=sum(sy >= sx - TOLERANCE for sx, sy in points),
        typical=sum(sx > CROSSOVER and sy > CROSSOVER for sx, sy in points),
        deviant=sum(sx > CROSSOVER and sy < CROSSOVER for sx, sy in points))


def calibration_axis(thresholds: Thresholds) -> tuple[float, ...]:
    """Round ticks over the thresholds with a little room on each side; not below zero
    when the thresholds are not (hours, euros and months never are)."""
    low, high = min(thresholds), max(thresholds)
    room = (high - low) * 0.1 or 1.0
    start = low - room if low < 0 else max(0.0, low - room)
    return ticks(start, high + room, 4)


def calibration_samples(axis: Sequence[float], count: int = SAMPLES) -> list[float]:
    """Raw values evenly spread over the axis, for the API to calibrate into the curve."""
    low, high = axis[0], axis[-1]
    return [low + (high - low) * step / count for step in range(count + 1)]


@dataclass(frozen=True)
class Mark:
    """A threshold on the curve: e, c or i, its raw value and the membership it gets."""

    letter: str
    value: float
    membership: float
    x: float
    y: float

    @property
    def marker(self) -> str:
        return square(self.x, self.y, MARK)

    @property
    def label_x(self) -> float:
        return round(self.x + MARK + 2, 1)

    @property
    def label_y(self) -> float:
        return round(self.y - MARK - 2, 1)


@dataclass(frozen=True)
class CalibrationChart:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    curve: str
    ticks_x: tuple[Tick, ...]
    ticks_y: tuple[Tick, ...]
    marks: tuple[Mark, ...]


def calibration_chart(axis: Sequence[float], samples: Sequence[float],
                      memberships: Sequence[float | None], thresholds: Thresholds,
                      at_thresholds: Sequence[float | None]) -> CalibrationChart:
    """The curve through (sample, membership); a value the API could not calibrate is
    left out of it."""
    top, right, bottom, left = CALIBRATION_MARGINS
    x = Scale(axis[0], axis[-1], left, CALIBRATION_WIDTH - right)
    y = Scale(0.0, 1.0, CALIBRATION_HEIGHT - bottom, top)
    drawn = [(value, found) for value, found in zip(samples, memberships, strict=True)
             if found is not None]
    curve = "".join(f"{'L' if place else 'M'}{coordinate(x(value))} {coordinate(y(found))}"
                    for place, (value, found) in enumerate(drawn))
    marks = tuple(Mark(letter, value, found, x(value), y(found))
                  for letter, value, found in zip("eci", thresholds, at_thresholds, strict=True)
                  if found is not None)
    return CalibrationChart(
        width=CALIBRATION_WIDTH, height=CALIBRATION_HEIGHT, left=left,
        right=CALIBRATION_WIDTH - right, top=top, bottom=CALIBRATION_HEIGHT - bottom,
        curve=curve, ticks_x=tuple(Tick(value, x(value)) for value in axis),
        ticks_y=tuple(Tick(value, y(value)) for value in CALIBRATION_TICKS), marks=marks)
