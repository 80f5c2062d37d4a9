"""escalc(): effect sizes and sampling variances as metafor's escalc() computes them."""

import math
from collections.abc import Mapping

from analysis.effect_sizes import continuous, counts, pre_post, proportions, rates
from analysis.effect_sizes.columns import KNOWN_COLUMNS, ColumnValues, parse_columns
from analysis.effect_sizes.errors import InputProblem, fail, raise_if_any
from analysis.effect_sizes.results import EffectSizes, finalise
from analysis.effect_sizes.spec import MeasureSpec
from analysis.effect_sizes.zero_cells import TO_OPTIONS, ZeroCellRule

MEASURES: Mapping[str, MeasureSpec] = {
    **continuous.MEASURES,
    **pre_post.MEASURES,
    **counts.MEASURES,
    **proportions.MEASURES,
    **rates.MEASURES,
}
# metafor adds nothing by default for these: their transformations are defined at 0 and n.
ADD_NOTHING_BY_DEFAULT = frozenset({"AS", "PAS", "PFT", "IRSD"})


def escalc(
    measure: str,
    *,
    vtype: str | None = None,
    add: float | None = None,
    to: str = "only0",
    drop00: bool = False,
    **columns: ColumnValues,
) -> EffectSizes:
    """Effect sizes `yi` and sampling variances `vi` of one measure, one per row.

    Columns take metafor's argument names (m1i, sd1i, n1i, ai, bi, xi, ni, ri, …); a missing value
    (None or NaN) makes only its own row missing. `vtype` defaults to metafor's default for the
    measure ("LS"). `add`, `to` and `drop00` handle zero counts as metafor does; `add`
    defaults, as there, to 1/2, and to 0 for AS, PAS, PFT and IRSD. Values that are undefined
    come back as NaN, following metafor's recoding.

    Raises EffectSizeInputError for an unknown measure, vtype or `to`, columns that the measure
    does not use or that are missing, columns of unequal length, and values metafor refuses
    (negative counts, SDs or group sizes, counts above their group size, |ri| > 1).
    """
    spec = MEASURES.get(measure)
    if spec is None:
        raise fail(f"unknown measure {measure!r}; choose one of {', '.join(MEASURES)}")
    chosen_vtype = _chosen_vtype(measure, spec, vtype)
    if add is None:
        add = 0.0 if measure in ADD_NOTHING_BY_DEFAULT else 0.5
    rule = _zero_cell_rule(add, to, drop00)
    _check_column_names(measure, spec, columns)
    outcome = spec.compute(parse_columns(columns), chosen_vtype, rule)
    return finalise(measure, chosen_vtype, outcome)


def _chosen_vtype(measure: str, spec: MeasureSpec, vtype: str | None) -> str:
    if vtype is None:
        return spec.vtypes[0]
    if vtype not in spec.vtypes:
        allowed = ", ".join(spec.vtypes)
        raise fail(f"vtype {vtype!r} is not available for {measure}; choose one of {allowed}")
    return vtype


def _zero_cell_rule(add: float, to: str, drop00: bool) -> ZeroCellRule:
    if to not in TO_OPTIONS:
        raise fail(f"to must be one of {', '.join(TO_OPTIONS)}, not {to!r}")
    if isinstance(add, bool) or not isinstance(add, int | float):
        raise fail(f"add must be a number, not {add!r}")
    if not math.isfinite(add) or add < 0:
        raise fail(f"add must be a non-negative number, not {add!r}")
    return ZeroCellRule(add=float(add), to=to, drop00=bool(drop00))


def _check_column_names(
    measure: str, spec: MeasureSpec, columns: Mapping[str, ColumnValues]
) -> None:
    problems = [
        InputProblem(
            f"unknown column {name!r}"
            if name not in KNOWN_COLUMNS
            else f"column {name!r} is not used by {measure}",
            name,
        )
        for name in columns
        if name not in spec.accepted
    ]
    for alternatives in spec.needs:
        if not any(name in columns for name in alternatives):
            needed = " or ".join(alternatives)
            problems.append(InputProblem(f"{measure} needs column {needed}", alternatives[0]))
    raise_if_any(problems)
