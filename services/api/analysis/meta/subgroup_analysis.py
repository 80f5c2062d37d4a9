"""Subgroup analysis: one model per group and the tests for differences between the groups.

metafor has no single function for this; its documentation and tips do it in three ways,
all reproduced here:
- common tau²: rma(yi, vi, mods = ~ group) and its omnibus test QM (F under knha);
- separate tau²: a model per group, rma(yi, vi, subset = group == g), then an equal-effects
  model of the groups' estimates, rma(estimates, sei = ses, method = "EE"), whose QE is the
  test of equal true effects (df = groups − 1);
- fixed effect: Q_total = Q_between + Q_within, with Q_within the sum of the groups' QE and
  Q_between the QM of rma(yi, vi, mods = ~ group, method = "EE").
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis.meta.design import Design, build_design
from analysis.meta.errors import MetaInputError
from analysis.meta.fit import fit_model
from analysis.meta.results import MetaModel, ModeratorTest
from analysis.meta.tau2 import EQUAL_EFFECTS_METHODS
from analysis.meta.validation import checked_options, checked_outcomes
from analysis.meta.wls import FloatArray

INTERCEPT_ONLY = ("intrcpt",)


@dataclass(frozen=True)
class QTest:
    """A χ² test of homogeneity: Q, its degrees of freedom and p-value."""

    statistic: float
    df: int
    pval: float


@dataclass(frozen=True)
class Subgroup:
    """One group's own model: rma(yi, vi, subset = group == name, method, test, level).

    A group of one study gets what metafor gives it: tau² = 0 and a z test (with a note).
    """

    name: str
    k: int
    model: MetaModel


@dataclass(frozen=True)
class FixedEffectPartition:
    """Q of the equal-effects model of all studies split into between- and within-groups."""

    between: QTest  # QM of the EE model with the group factor (df = groups − 1)
    within: QTest  # Σ of the groups' QE = QE of that model (df = k − groups)
    total: QTest  # QE of the intercept-only EE model (df = k − 1)


@dataclass(frozen=True)
class SubgroupAnalysis:
    """The groups' models (in R's factor order) and the three tests for subgroup differences."""

    groups: tuple[Subgroup, ...]
    common_tau2: ModeratorTest | None  # QM of the factor model; None when it cannot be fitted
    common_tau2_model: MetaModel | None  # rma(yi, vi, mods = ~ group): one tau² for all groups
    separate_tau2: QTest | None  # QE of rma(estimates, sei = ses, method = "EE")
    fixed_effect: FixedEffectPartition
    notes: tuple[str, ...]


def subgroups(
    yi: Sequence[float],
    vi: Sequence[float],
    groups: Sequence[str],
    *,
    method: str = "REML",
    test: str = "z",
    level: float = 95,
) -> SubgroupAnalysis:
    """A model per group and the tests that the groups share one true (average) effect.

    groups: one name per study; at least two distinct names. method, test and level are
    those of rma() and apply to the groups' models and to the common-tau² model; the
    separate-tau² and fixed-effect tests are χ² tests whatever the test (as metafor's
    rma(..., method = "EE") that computes them). Raises MetaInputError for unusable input,
    MetaFitError when a REML/ML fit does not converge (metafor's call on that subset stops).
    """
    level = checked_options(method, test, level)
    outcomes, variances = checked_outcomes(yi, vi)
    names = _checked_groups(groups, len(outcomes))
    levels, codes = np.unique(np.asarray(names), return_inverse=True)
    factor = build_design({"group": names}, len(outcomes))
    fitted = tuple(
        _group_model(str(name), outcomes[codes == g], variances[codes == g], method, test, level)
        for g, name in enumerate(levels)
    )
    common, notes = _common_tau2_model(outcomes, variances, factor, method, test, level)
    separate, separate_notes = _separate_tau2_test(fitted)
    return SubgroupAnalysis(
        groups=fitted,
        common_tau2=None if common is None else common.moderator_test,
        common_tau2_model=common,
        separate_tau2=separate,
        fixed_effect=_fixed_effect_partition(outcomes, variances, factor),
        notes=(*notes, *separate_notes, *_group_notes(fitted)),
    )


def _checked_groups(groups: Sequence[str], k: int) -> list[str]:
    names = list(groups)
    if len(names) != k:
        raise MetaInputError(f"groups has {len(names)} values for {k} studies.")
    if not all(isinstance(name, str) for name in names):
        raise MetaInputError("groups must be names (strings), one per study, none missing.")
    if len(set(names)) < 2:
        raise MetaInputError("A subgroup analysis needs at least two groups.")
    return names


def _group_model(
    name: str, yi: FloatArray, vi: FloatArray, method: str, test: str, level: float
) -> Subgroup:
    intercept = np.ones((len(yi), 1))
    model = fit_model(yi, vi, intercept, INTERCEPT_ONLY, method=method, test=test, level=level)
    return Subgroup(name, len(yi), model)


def _common_tau2_model(
    yi: FloatArray, vi: FloatArray, factor: Design, method: str, test: str, level: float
) -> tuple[MetaModel | None, tuple[str, ...]]:
    """rma(yi, vi, mods = ~ group): metafor refuses it when k < groups + 1 (with tau²)."""
    k, p = factor.matrix.shape
    if method not in EQUAL_EFFECTS_METHODS and k < p + 1:
        note = (
            f"No common-tau² test: {k} studies cannot estimate {p} group means and tau² "
            "(metafor stops with the same error)."
        )
        return None, (note,)
    model = fit_model(
        yi, vi, factor.matrix, factor.column_names, method=method, test=test, level=level
    )
    return model, ()


def _separate_tau2_test(fitted: Sequence[Subgroup]) -> tuple[QTest | None, tuple[str, ...]]:
    """QE of the equal-effects model of the groups' estimates with variances se²."""
    estimates = np.array([group.model.estimate for group in fitted])
    variances = np.array([group.model.se for group in fitted]) ** 2
    if not np.all(np.isfinite(variances) & (variances > 0.0)):
        note = "No separate-tau² test: a group's estimate has a standard error of 0 or NaN."
        return None, (note,)
    intercept = np.ones((len(estimates), 1))
    model = fit_model(estimates, variances, intercept, INTERCEPT_ONLY, method="EE")
    het = model.heterogeneity
    return QTest(het.qe, het.qe_df, het.qe_pval), ()


def _fixed_effect_partition(
    yi: FloatArray, vi: FloatArray, factor: Design
) -> FixedEffectPartition:
    """QM of the EE factor model is Q_between; its QE, the sum of the groups' QE, Q_within.

    QM is computed directly rather than as Q_total − Q_within, which would lose digits when
    the groups barely differ.
    """
    by_group = fit_model(yi, vi, factor.matrix, factor.column_names, method="EE")
    overall = fit_model(yi, vi, factor.matrix[:, :1], INTERCEPT_ONLY, method="EE")
    qm = by_group.moderator_test
    # QM is None only for a covariance that is not positive definite, never under EE and z.
    between = math.nan if qm.statistic is None else qm.statistic
    between_pval = math.nan if qm.pval is None else qm.pval
    return FixedEffectPartition(
        between=QTest(between, qm.df_num, between_pval),
        within=_residual_q(by_group),
        total=_residual_q(overall),
    )


def _residual_q(model: MetaModel) -> QTest:
    het = model.heterogeneity
    return QTest(het.qe, het.qe_df, het.qe_pval)


def _group_notes(fitted: Sequence[Subgroup]) -> tuple[str, ...]:
    return tuple(f"{group.name}: {note}" for group in fitted for note in group.model.notes)
