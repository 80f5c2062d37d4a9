"""The geometry of the competence charts: a professional's latest judgements per competency
(self against others), a sparkline of each competency's history, and a team's coverage bar.

Pure functions, no HTTP and no words, as web/effect_plots.py (whose scale it uses): the
templates draw the shapes and write the labels and numbers in the reader's language.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from web.effect_plots import Scale, Tick, coordinate, shortened, square

# The profile chart: competency labels on the left, the scale to the right of them.
PROFILE_WIDTH = 640
PROFILE_PLOT_LEFT = 250.0
PROFILE_PLOT_RIGHT = 610.0
PROFILE_TOP = 46.0  # room for the legend
PROFILE_ROW = 30.0
MARK = 6.0  # the radius of self's circle, half the side of the others' square
LABEL_CHARACTERS = 34
# The sparkline beside each competency's history.
SPARK_WIDTH = 120
SPARK_HEIGHT = 32
SPARK_PAD = 5.0
SPARK_MARK = 2.5
# The team's coverage bar.
BAR_WIDTH = 120
BAR_HEIGHT = 14


@dataclass(frozen=True)
class ProfileInput:
    """One competency: its label and the latest judgements on the framework's scale."""

    label: str
    self_value: float | None
    others_value: float | None


@dataclass(frozen=True)
class ProfileRow:
    label: str
    source: ProfileInput
    y: float
    self_x: float | None
    others_x: float | None

    @property
    def text_y(self) -> float:
        return round(self.y + 4.5, 1)

    @property
    def others_marker(self) -> str:
        return "" if self.others_x is None else square(self.others_x, self.y, MARK)

    @property
    def gap(self) -> tuple[float, float] | None:
        """The line between the two marks: how far self and others differ."""
        if self.self_x is None or self.others_x is None:
            return None
        return (min(self.self_x, self.others_x), max(self.self_x, self.others_x))


@dataclass(frozen=True)
class ProfileChart:
    width: int
    height: int
    plot_left: float
    plot_right: float
    top: float
    axis_y: float
    rows: tuple[ProfileRow, ...]
    ticks: tuple[Tick, ...]
    mark: float


def scale_top(scale: str) -> int:
    """The highest value of a framework's scale: 5 for scores, 3 for the three levels."""
    return 3 if scale == "level" else 5


def profile_chart(items: Sequence[ProfileInput], top_value: int) -> ProfileChart:
    """One row per competency, from top to bottom in the order given; the axis runs from
    1 to `top_value`, whole steps."""
    x = Scale(1.0, float(top_value), PROFILE_PLOT_LEFT, PROFILE_PLOT_RIGHT)
    rows = []
    for index, item in enumerate(items):
        y = round(PROFILE_TOP + PROFILE_ROW * index + PROFILE_ROW / 2, 1)
        rows.append(ProfileRow(
            shortened(item.label, LABEL_CHARACTERS), item, y,
            None if item.self_value is None else x(item.self_value),
            None if item.others_value is None else x(item.others_value)))
    axis_y = PROFILE_TOP + PROFILE_ROW * len(items) + 4
    return ProfileChart(
        width=PROFILE_WIDTH, height=int(axis_y + 42), plot_left=PROFILE_PLOT_LEFT,
        plot_right=PROFILE_PLOT_RIGHT, top=PROFILE_TOP, axis_y=axis_y, rows=tuple(rows),
        ticks=tuple(Tick(float(value), x(float(value))) for value in range(1, top_value + 1)),
        mark=MARK)


@dataclass(frozen=True)
class Sparkline:
    width: int
    height: int
    self_line: str  # a path through the self-assessments, oldest first
    others_line: str  # a path through the other perspectives' judgements
    self_points: tuple[tuple[float, float], ...]  # circles
    others_marks: str  # squares, one path


def _path(points: Sequence[tuple[float, float]]) -> str:
    if len(points) < 2:
        return ""
    return "".join(f"{'L' if index else 'M'}{coordinate(px)} {coordinate(py)}"
                   for index, (px, py) in enumerate(points))


def sparkline(history: Sequence[tuple[date, bool, float]], top_value: int) -> Sparkline:
    """`history` is (date, by the professional themself?, value), oldest first. Time runs
    left to right in proportion to the days between; one date only stands in the middle."""
    first = min((day for day, _, _ in history), default=None)
    last = max((day for day, _, _ in history), default=None)
    span = (last - first).days if first is not None and last is not None else 0
    y = Scale(1.0, float(top_value), SPARK_HEIGHT - SPARK_PAD, SPARK_PAD)

    def x(day: date) -> float:
        if not span or first is None:
            return SPARK_WIDTH / 2
        return Scale(0.0, float(span), SPARK_PAD, SPARK_WIDTH - SPARK_PAD)(
            float((day - first).days))

    own = [(x(day), y(value)) for day, by_self, value in history if by_self]
    others = [(x(day), y(value)) for day, by_self, value in history if not by_self]
    return Sparkline(
        width=SPARK_WIDTH, height=SPARK_HEIGHT, self_line=_path(own),
        others_line=_path(others), self_points=tuple(own),
        others_marks="".join(square(px, py, SPARK_MARK) for px, py in others))


def coverage_width(coverage: float) -> float:
    """The filled part of the coverage bar: the share of the team that masters it."""
    return round(max(0.0, min(1.0, coverage)) * BAR_WIDTH, 1)
