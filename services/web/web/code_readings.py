"""What the analyses of coded records show besides their numbers: a small forest mark per
code (its pooled effect with the interval, on one scale for the whole table), and the
agreement between coders read in words by Krippendorff's rule of thumb."""

from collections.abc import Sequence
from dataclasses import dataclass

from web.api_client.code_analysis import PooledEffect
from web.effect_plots import Scale, coordinate, domain, square
from web.i18n import N_

MARK_WIDTH, MARK_HEIGHT = 120, 18
MARK_PAD = 6.0
MARK_HALF = 4.0
# Krippendorff (2004, Content Analysis, §11.4.4): rely on variables with α ≥ .800, draw
# tentative conclusions from .667 ≤ α < .800, and discard the rest.
RELIABLE, TENTATIVE = 0.800, 0.667
READINGS = {
    "reliable": N_("betrouwbaar (α ≥ 0,800)"),
    "tentative": N_("voorzichtige conclusies (0,667 ≤ α < 0,800)"),
    "unreliable": N_("onvoldoende (α < 0,667)"),
    "none": N_("niet te bepalen"),
}


@dataclass(frozen=True)
class ForestMark:
    """One row's mark: the interval as a line, the estimate as a square, the zero line."""

    width: int
    height: int
    zero_x: float
    ci: tuple[float, float]
    marker: str


@dataclass(frozen=True)
class MarkScale:
    """The shared scale of a table's marks, with its ends for the caption."""

    scale: Scale
    low: float
    high: float

    def mark(self, effect: PooledEffect | None) -> ForestMark | None:
        if effect is None or effect.estimate is None:
            return None
        low = effect.ci_low if effect.ci_low is not None else effect.estimate
        high = effect.ci_high if effect.ci_high is not None else effect.estimate
        middle = MARK_HEIGHT / 2
        return ForestMark(MARK_WIDTH, MARK_HEIGHT, self.scale(0.0),
                          (self.scale(low), self.scale(high)),
                          square(self.scale(effect.estimate), middle, MARK_HALF))


def mark_scale(effects: Sequence[PooledEffect | None]) -> MarkScale:
    """One axis for every mark of the table, zero included: marks compare across rows."""
    values = [value for effect in effects if effect is not None
              for value in (effect.estimate, effect.ci_low, effect.ci_high) if value is not None]
    axis = domain(values)
    scale = Scale(axis[0], axis[-1], MARK_PAD, MARK_WIDTH - MARK_PAD)
    return MarkScale(scale, axis[0], axis[-1])


def interval_line(mark: ForestMark) -> str:
    middle = coordinate(mark.height / 2)
    return f"M{coordinate(mark.ci[0])} {middle}H{coordinate(mark.ci[1])}"


def alpha_reading(alpha: float | None) -> str:
    """Which of Krippendorff's bands α falls in (an N_ text, translated when shown)."""
    if alpha is None:
        return READINGS["none"]
    if alpha >= RELIABLE:
        return READINGS["reliable"]
    if alpha >= TENTATIVE:
        return READINGS["tentative"]
    return READINGS["unreliable"]


def indent(depth: int) -> str:
    """A class that indents a code's name by its depth in the tree (at most 6 steps)."""
    return f"bk-codes__depth-{min(max(depth, 0), 6)}"
