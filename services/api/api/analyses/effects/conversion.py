"""Outcome measures → effects on one scale: a standardised mean difference, positive when
the outcome got better (docs/effects.md, "From measures to effects").

Pre/post → SMCR (change over the pre-test SD, metafor's `escalc("SMCR")`); two groups → SMD
(Hedges' g); counts → log odds ratio × √3/π (Hasselblad & Hedges' logistic conversion); a
reported SMD, SMCR or SMCC as it is, a reported log odds ratio converted. Single-group
proportions have no comparison, other reported measures no common scale, and directions no
numbers: they are counted, not pooled.
"""

import math
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from analysis.effect_sizes import escalc
from api.analyses.effects.inputs import MeasureRow
from api.vocabularies.models import EffectMeasure, MeasureKind

LOG_ODDS_TO_SMD = math.sqrt(3) / math.pi
STANDARDISED = {EffectMeasure.SMD, EffectMeasure.SMCR, EffectMeasure.SMCC}


@dataclass(frozen=True)
class Effect:
    row: MeasureRow
    yi: float
    vi: float
    computed_as: str  # SMCR, SMD, OR, or reported-… : how the number was made

    @property
    def initiative_id(self) -> uuid.UUID:
        return self.row.initiative_id


@dataclass(frozen=True)
class Unused:
    row: MeasureRow
    reason: str  # direction, no-comparison, no-common-scale, undefined


Computed = tuple[list[float], list[float]]


def _columns(rows: Sequence[MeasureRow], **names: str) -> dict[str, Any]:
    return {argument: [row.statistics[name] for row in rows] for argument, name in names.items()}


def _pre_post(rows: Sequence[MeasureRow]) -> Computed:
    found = escalc("SMCR", **_columns(rows, m1i="mean_post", m2i="mean_pre", sd1i="sd_pre",
                                      ni="n", ri="pre_post_correlation"))
    return found.yi.tolist(), found.vi.tolist()


def _two_group(rows: Sequence[MeasureRow]) -> Computed:
    found = escalc("SMD", **_columns(
        rows, m1i="mean_treatment", sd1i="sd_treatment", n1i="n_treatment",
        m2i="mean_control", sd2i="sd_control", n2i="n_control"))
    return found.yi.tolist(), found.vi.tolist()


def _counts(rows: Sequence[MeasureRow]) -> Computed:
    found = escalc("OR", **_columns(rows, ai="events_treatment", n1i="n_treatment",
                                    ci="events_control", n2i="n_control"))
    return ([yi * LOG_ODDS_TO_SMD for yi in found.yi.tolist()],
            [vi * LOG_ODDS_TO_SMD**2 for vi in found.vi.tolist()])


def _reported(rows: Sequence[MeasureRow]) -> Computed:
    scale = [1.0 if row.statistics["effect_measure"] in STANDARDISED else LOG_ODDS_TO_SMD
             for row in rows]
    return ([row.statistics["effect_size"] * c for row, c in zip(rows, scale, strict=True)],
            [row.statistics["sampling_variance"] * c * c
             for row, c in zip(rows, scale, strict=True)])


COMPUTE: dict[MeasureKind, tuple[str, Callable[[Sequence[MeasureRow]], Computed]]] = {
    MeasureKind.PRE_POST: ("SMCR", _pre_post),
    MeasureKind.TWO_GROUP: ("SMD", _two_group),
    MeasureKind.COUNTS: ("OR", _counts),
    MeasureKind.EFFECT_SIZE: ("reported", _reported),
}


def _why_unused(row: MeasureRow) -> str | None:
    if row.kind is MeasureKind.DIRECTION:
        return "direction"
    if row.kind is MeasureKind.PROPORTION:
        return "no-comparison"
    if row.kind is MeasureKind.EFFECT_SIZE and row.statistics["effect_measure"] not in (
            *STANDARDISED, EffectMeasure.OR):
        return "no-common-scale"
    return None


def effects_of(rows: Sequence[MeasureRow]) -> tuple[list[Effect], list[Unused]]:
    """Every measure's effect, or why it has none; in the order of `rows`."""
    unused = [Unused(row, reason) for row in rows if (reason := _why_unused(row))]
    by_kind: dict[MeasureKind, list[MeasureRow]] = defaultdict(list)
    skipped = {id(item.row) for item in unused}
    for row in rows:
        if id(row) not in skipped:
            by_kind[row.kind].append(row)
    effects: list[Effect] = []
    for kind, chosen in by_kind.items():
        name, compute = COMPUTE[kind]
        for row, yi, vi in zip(chosen, *compute(chosen), strict=True):
            if not (math.isfinite(yi) and math.isfinite(vi) and vi > 0):
                unused.append(Unused(row, "undefined"))
                continue
            sign = 1.0 if row.higher_is_better else -1.0
            computed_as = (f"reported-{row.statistics['effect_measure']}"
                           if name == "reported" else name)
            effects.append(Effect(row, sign * yi, vi, computed_as))
    return effects, unused
