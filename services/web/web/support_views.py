"""What the "Wat vraagt ondersteuning" page shows, made from the API's reports: named groups
in order, forest and Kaplan–Meier plots, survival at the usual months, the readings of the
models, and the address of the initiatives behind each number."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from web.api_client.effects import Coefficient
from web.api_client.support_analysis import (
    CoxCoefficient,
    CoxModel,
    CurvePoint,
    DurabilityGroup,
    DurabilityGrouping,
    EffectGroup,
    EffectGrouping,
    Regression,
    SupportQuery,
    SurvivalGroup,
)
from web.effect_plots import ForestInput, ForestPlot, forest_plot, shortened
from web.support_labels import SupportLabels
from web.support_sentences import Readings, effect_references
from web.survival_plots import CurveInput, SurvivalPlot, survival_plot

LIST_PATH = "/ondersteuning/initiatieven"
OVERALL = "alle"
MONTHS_SHOWN = (6, 12, 24)
SQUARED_HOURS = "hoursSquared"
LABEL_CHARACTERS = 20  # a curve's label, its count added, must fit beside the plot
FOREST_CHARACTERS = 27  # a forest row's label, its count added, must fit left of the plot
FACTORS = ("supportStyle", "professionalRole", "organisationForm", "stadsdeel",
           "participationLevel", "initiatorType")


def initiatives_url(query: SupportQuery, part: str, by: str, label: str,
                    stopped: bool = False) -> str:
    """The list of the initiatives behind a number; effects carry the indicator and method
    they were pooled for."""
    pairs = [("part", part), ("by", by), ("label", label)]
    if part == "effects":
        pairs += [("indicator", query.indicator)] if query.indicator else []
        pairs += [("method", query.method)]
    if stopped:
        pairs.append(("stopped", "ja"))
    return f"{LIST_PATH}?{urlencode(pairs)}"


@dataclass(frozen=True)
class Named:
    """A group with its name in the reader's language."""

    name: str
    label: str


def ordered(labels: SupportLabels, by: str, codes: Sequence[str]) -> list[Named]:
    found = [Named(labels.group(by, code), code) for code in codes]
    return sorted(found, key=lambda item: labels.group_order(by, item.label))


@dataclass(frozen=True)
class EffectsTable:
    by: str
    name: str
    groups: tuple[tuple[Named, EffectGroup], ...]
    grouping: EffectGrouping
    plot: ForestPlot


def effects_table(grouping: EffectGrouping, labels: SupportLabels) -> EffectsTable:
    by_label = {group.label: group for group in grouping.groups}
    names = ordered(labels, grouping.by, list(by_label))
    rows = tuple((named, by_label[named.label]) for named in names)
    plot = forest_plot([ForestInput(shortened(named.name, FOREST_CHARACTERS), group.k,
                                    group.estimate, group.ci_lb, group.ci_ub)
                        for named, group in rows])
    return EffectsTable(grouping.by, labels.grouping(grouping.by), rows, grouping, plot)


@dataclass(frozen=True)
class DurabilityTable:
    by: str
    name: str
    groups: tuple[tuple[Named, DurabilityGroup], ...]
    grouping: DurabilityGrouping


def durability_table(grouping: DurabilityGrouping, labels: SupportLabels) -> DurabilityTable:
    by_label = {group.label: group for group in grouping.groups}
    names = ordered(labels, grouping.by, list(by_label))
    return DurabilityTable(grouping.by, labels.grouping(grouping.by),
                           tuple((named, by_label[named.label]) for named in names), grouping)


@dataclass(frozen=True)
class Estimate:
    """The Kaplan–Meier estimate at a month, with its interval (None where unknown)."""

    survival: float
    lower: float | None
    upper: float | None


def estimate_at(curve: Sequence[CurvePoint], month: float, last_time: float
                ) -> Estimate | None:
    """None past the longest follow-up (nobody was seen that long), unless every one had
    stopped by then."""
    reached = [point for point in curve if point.time <= month]
    if not reached:
        return Estimate(1.0, None, None) if month <= last_time else None
    last = reached[-1]
    if month > last_time and last.survival > 0:
        return None
    return Estimate(last.survival, last.lower, last.upper)


@dataclass(frozen=True)
class CurveRow:
    named: Named
    group: SurvivalGroup
    estimates: tuple[Estimate | None, ...]  # at MONTHS_SHOWN


def last_time(group: SurvivalGroup) -> float:
    times = [case.time for case in group.initiatives] + [point.time for point in group.curve]
    return max(times, default=0.0)


def curve_input(named: Named, group: SurvivalGroup) -> CurveInput:
    return CurveInput(f"{shortened(named.name, LABEL_CHARACTERS)} ({group.n})",
                      [(point.time, point.survival) for point in group.curve],
                      [case.time for case in group.initiatives if not case.event],
                      last_time(group))


@dataclass(frozen=True)
class Curves:
    rows: tuple[CurveRow, ...]
    plot: SurvivalPlot | None


def curves_of(by: str, groups: Sequence[SurvivalGroup], labels: SupportLabels) -> Curves:
    """A line and a table row per group that has initiatives."""
    by_label = {group.label: group for group in groups if group.n}
    rows = tuple(
        CurveRow(named, by_label[named.label],
                 tuple(estimate_at(by_label[named.label].curve, month,
                                   last_time(by_label[named.label])) for month in MONTHS_SHOWN))
        for named in ordered(labels, by, list(by_label)))
    plot = survival_plot([curve_input(row.named, row.group) for row in rows]) if rows else None
    return Curves(rows, plot)


@dataclass(frozen=True)
class Reading:
    name: str
    text: str


def regression_readings(regression: Regression, groupings: Sequence[EffectGrouping],
                        readings: Readings) -> list[Reading]:
    """A sentence for each coefficient but the intercept; the hours, when their square is in
    the model too, as the slope at 0 hours (support_sentences)."""
    names = [found.name for found in regression.model.coefficients]
    levels = {grouping.by: [group.label for group in grouping.groups] for grouping in groupings
              if grouping.by in FACTORS}
    references = effect_references(names, levels, readings.labels)
    squared = next((found for found in regression.model.coefficients
                    if found.name == SQUARED_HOURS), None)

    def read(found: Coefficient) -> str:
        if found.name == "hours" and squared is not None:
            return readings.hours_slope(found.estimate, found.ci_lb, found.ci_ub, found.pval,
                                        squared.estimate)
        return readings.effect(found.name, found.estimate, found.ci_lb, found.ci_ub,
                               found.pval, references)

    return [Reading(readings.labels.coefficient(found.name), read(found))
            for found in regression.model.coefficients if found.name != "intrcpt"]


def cox_readings(cox: CoxModel, readings: Readings) -> list[Reading]:
    """A sentence per covariate; the hours beside their square get no "per 100 hours"
    reading (they are only the slope at 0 hours), just their coefficient (the log hazard
    ratio) and its interval."""
    squared = any(found.name == SQUARED_HOURS for found in cox.covariates)

    def read(found: CoxCoefficient) -> str:
        if found.name == "hours" and squared:
            return readings.other(found.name, found.coef, math.log(found.lower),
                                  math.log(found.upper))
        return readings.hazard(found.name, found.hazard_ratio, found.lower, found.upper,
                               found.p, cox.references)

    return [Reading(readings.labels.coefficient(found.name), read(found))
            for found in cox.covariates]
