"""The wire shapes of POST /v1/analysis/meta/subgroups, /small-study and /leave-one-out."""

from typing import Literal

from pydantic import Field

from analysis.meta import MetaModel, rma
from analysis.meta.leave_one_out import LeaveOneOut
from analysis.meta.regression_test import RegressionTest
from analysis.meta.subgroup_analysis import SubgroupAnalysis
from analysis.meta.trim_and_fill import TrimAndFill
from api.analyses.meta_models import (
    MAX_STUDIES,
    CoefficientOut,
    MetaModelOut,
    Method,
    Test,
    finite,
    model_out,
)
from api.wire import ApiModel


class StudiesRequest(ApiModel):
    yi: list[float] = Field(min_length=1, max_length=MAX_STUDIES)
    vi: list[float] = Field(min_length=1, max_length=MAX_STUDIES)
    method: Method = "REML"
    test: Test = "z"
    level: float = Field(95, gt=0, lt=100)


class SubgroupRequest(StudiesRequest):
    groups: list[str] = Field(min_length=1, max_length=MAX_STUDIES,
                              description="One group label per study")


class SmallStudyRequest(StudiesRequest):
    estimator: Literal["L0", "R0"] = "L0"
    side: Literal["left", "right"] | None = Field(
        None, description="Where studies are missing; chosen as metafor does when left out")


class CommonTau2(ApiModel):
    model: MetaModelOut | None
    qm: float | None
    qm_df: int | None
    qm_p: float | None


class SeparateTau2(ApiModel):
    model: MetaModelOut | None = Field(
        default=None, description="The equal-effects model of the groups' estimates")
    qb: float | None
    df: int | None
    p: float | None


class FixedEffect(ApiModel):
    q_between: float | None
    q_between_df: int
    q_between_p: float | None
    q_within: float | None
    q_within_df: int
    q_within_p: float | None


class SubgroupResult(ApiModel):
    per_group: dict[str, MetaModelOut]
    common_tau2: CommonTau2
    separate_tau2: SeparateTau2
    fixed_effect: FixedEffect
    notes: list[str]


class RegressionTestOut(ApiModel):
    model: str = Field(description="rma: mixed-effects meta-regression; lm: classic Egger")
    predictor: str
    zval: float | None = Field(description="z, or t (lm, knha)")
    pval: float | None
    df: int | None
    limit_estimate: CoefficientOut | None = Field(description="The estimate as se → 0")


class TrimAndFillOut(ApiModel):
    estimator: str
    side: str
    k0: int
    se_k0: float | None
    p_k0: float | None
    filled: list[dict[str, float | None]] = Field(description="The imputed studies: yi, vi")
    model: MetaModelOut


class SmallStudyResult(ApiModel):
    regtest: RegressionTestOut
    egger: RegressionTestOut
    trim_and_fill: TrimAndFillOut


class OmittedOut(ApiModel):
    omitted: int = Field(description="Position of the left-out study, from 0")
    estimate: float | None
    se: float | None
    zval: float | None
    pval: float | None
    ci_lb: float | None
    ci_ub: float | None
    qe: float | None
    qe_p: float | None
    tau2: float | None
    i2: float | None
    h2: float | None
    note: str | None


class LeaveOneOutResult(ApiModel):
    rows: list[OmittedOut]


def _model_or_none(model: MetaModel | None) -> MetaModelOut | None:
    return None if model is None else model_out(model)


def _groups_pooled(found: SubgroupAnalysis) -> MetaModelOut | None:
    """rma(estimates, sei = ses, method = "EE"): the model whose QE is Q between."""
    if found.separate_tau2 is None:
        return None
    return model_out(rma([group.model.estimate for group in found.groups],
                         [group.model.se ** 2 for group in found.groups], method="EE"))


def subgroups_out(found: SubgroupAnalysis) -> SubgroupResult:
    common, separate, fixed = found.common_tau2, found.separate_tau2, found.fixed_effect
    return SubgroupResult(
        per_group={group.name: model_out(group.model) for group in found.groups},
        common_tau2=CommonTau2(model=_model_or_none(found.common_tau2_model),
                               qm=finite(common.statistic) if common else None,
                               qm_df=common.df_num if common else None,
                               qm_p=finite(common.pval) if common else None),
        separate_tau2=SeparateTau2(model=_groups_pooled(found),
                                   qb=finite(separate.statistic) if separate else None,
                                   df=separate.df if separate else None,
                                   p=finite(separate.pval) if separate else None),
        fixed_effect=FixedEffect(
            q_between=finite(fixed.between.statistic), q_between_df=fixed.between.df,
            q_between_p=finite(fixed.between.pval), q_within=finite(fixed.within.statistic),
            q_within_df=fixed.within.df, q_within_p=finite(fixed.within.pval)),
        notes=list(found.notes))


def regression_out(found: RegressionTest) -> RegressionTestOut:
    limit = found.limit_estimate
    return RegressionTestOut(
        model=found.model, predictor=found.predictor, zval=finite(found.statistic),
        pval=finite(found.pval), df=found.df,
        limit_estimate=None if limit is None else CoefficientOut(
            name=limit.name, estimate=finite(limit.estimate), se=finite(limit.se),
            zval=finite(limit.statistic), pval=finite(limit.pval), ci_lb=finite(limit.ci_lb),
            ci_ub=finite(limit.ci_ub)))


def trim_and_fill_out(found: TrimAndFill) -> TrimAndFillOut:
    return TrimAndFillOut(
        estimator=found.estimator, side=found.side, k0=found.k0, se_k0=finite(found.se_k0),
        p_k0=finite(found.p_k0),
        filled=[{"yi": finite(yi), "vi": finite(vi)}
                for yi, vi in zip(found.filled_yi, found.filled_vi, strict=True)],
        model=model_out(found.model))


def leave_one_out_out(found: LeaveOneOut) -> LeaveOneOutResult:
    return LeaveOneOutResult(rows=[OmittedOut(
        omitted=row.omitted, estimate=finite(row.estimate), se=finite(row.se),
        zval=finite(row.statistic), pval=finite(row.pval), ci_lb=finite(row.ci_lb),
        ci_ub=finite(row.ci_ub), qe=finite(row.q), qe_p=finite(row.q_pval),
        tau2=finite(row.tau2), i2=finite(row.i2), h2=finite(row.h2), note=row.failed)
        for row in found.studies])
