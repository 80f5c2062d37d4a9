"""Side-by-side comparisons: rows of raw values, which rows differ, and the change statistic.

Rows hold raw values (codes, numbers, tuples); the templates label and format them, so
Python decides what differs and the catalogues hold every word a person reads.
"""

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from statistics import fmean

from web.api_client.compare import Indicator, OutcomeMeasure

MIN_CHOSEN = 2
MAX_CHOSEN = 4


@dataclass(frozen=True)
class Row:
    """One characteristic across the compared items; `kind` tells the template how to show it."""

    key: str
    kind: str
    values: tuple[Hashable, ...]
    vocabulary: str | None = None

    @property
    def differs(self) -> bool:
        return len(set(self.values)) > 1


@dataclass(frozen=True)
class Section:
    key: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Outcome:
    """One outcome measure as compared: the indicator and, for pre-post data, the change."""

    indicator: str
    kind: str
    pre: float | None = None
    post: float | None = None
    change: float | None = None
    direction: str | None = None


def unique_in_order(values: Iterable[str]) -> list[str]:
    """The chosen ids without repeats, in the order chosen."""
    return list(dict.fromkeys(value.strip() for value in values if value.strip()))


def standardised_change(measure: OutcomeMeasure, higher_is_better: bool = True) -> float | None:
    """(mean after − mean before) / SD before, signed so that a positive value is an
    improvement: the simple standardised mean change, without small-sample correction."""
    if measure.kind != "pre-post" or None in (measure.mean_pre, measure.mean_post) \
            or not measure.sd_pre:
        return None
    assert measure.mean_pre is not None and measure.mean_post is not None
    change = (measure.mean_post - measure.mean_pre) / measure.sd_pre
    return change if higher_is_better else -change


def outcome_of(measure: OutcomeMeasure, indicator: Indicator) -> Outcome:
    return Outcome(indicator=indicator.name, kind=measure.kind, pre=measure.mean_pre,
                   post=measure.mean_post,
                   change=standardised_change(measure, indicator.higher_is_better),
                   direction=measure.direction)


def mean_change(outcomes: Sequence[Outcome]) -> float | None:
    changes = [outcome.change for outcome in outcomes if outcome.change is not None]
    return round(fmean(changes), 2) if changes else None


def counted(codes: Iterable[str], order: Sequence[str]) -> tuple[tuple[str, int], ...]:
    """How often each code occurs, most frequent first, ties in the vocabulary's order."""
    counts = Counter(codes)
    rank = {code: position for position, code in enumerate(order)}
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], rank.get(item[0], 0))))


def in_order(codes: Iterable[str], order: Sequence[str]) -> tuple[str, ...]:
    """Distinct codes in the vocabulary's order: a set that compares equal when equal."""
    rank = {code: position for position, code in enumerate(order)}
    return tuple(sorted(set(codes), key=lambda code: rank.get(code, len(rank))))
