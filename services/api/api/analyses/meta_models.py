"""The wire shapes of POST /v1/analysis/meta: a model object named as the issue and metafor
name its parts (null where metafor gives none)."""

import math
from typing import Literal

from pydantic import Field

from analysis.meta import MetaModel, Prediction
from api.wire import ApiModel

Method = Literal["REML", "ML", "DL", "PM", "HE", "SJ", "EE", "FE"]
Test = Literal["z", "knha"]
MAX_STUDIES = 100_000
ModeratorValues = list[float] | list[str]


def finite(value: float | None) -> float | None:
    """JSON has no NaN or infinity: what metafor gives as NA (or −Inf) is sent as null."""
    return value if value is not None and math.isfinite(value) else None


class MetaRequest(ApiModel):
    yi: list[float] = Field(min_length=1, max_length=MAX_STUDIES, description="Effect sizes")
    vi: list[float] = Field(min_length=1, max_length=MAX_STUDIES,
                            description="Their sampling variances")
    method: Method = "REML"
    test: Test = "z"
    level: float = Field(95, gt=0, lt=100, description="Confidence level in percent")
    moderators: dict[str, ModeratorValues] | None = Field(
        None, description="Name → one value per study: numbers, or strings for a factor "
                          "(its alphabetically first level is the reference)")
    predict: list[dict[str, float | str]] | None = Field(
        None, description="Moderator values to predict the effect at")


class CoefficientOut(ApiModel):
    name: str
    estimate: float | None
    se: float | None
    zval: float | None = Field(description="z, or t under test knha")
    pval: float | None
    ci_lb: float | None
    ci_ub: float | None


class PredictionOut(ApiModel):
    pred: float | None
    se: float | None
    ci_lb: float | None
    ci_ub: float | None
    pi_lb: float | None
    pi_ub: float | None


class FitOut(ApiModel):
    log_lik: float | None
    deviance: float | None
    aic: float | None
    bic: float | None
    aicc: float | None


class MetaModelOut(ApiModel):
    k: int
    p: int
    method: str
    test: str
    df: int | None = Field(description="Residual df (k − p) of the t and F tests under knha")
    estimate: float | None = Field(description="The pooled effect, or the intercept")
    se: float | None
    zval: float | None
    pval: float | None
    ci_lb: float | None
    ci_ub: float | None
    pi_lb: float | None = Field(description="Prediction interval; null for EE and with moderators")
    pi_ub: float | None
    tau2: float | None
    se_tau2: float | None
    tau: float | None
    i2: float | None
    h2: float | None
    qe: float | None
    qe_df: int
    qe_p: float | None
    qm: float | None
    qm_df: int
    qm_p: float | None
    r2: float | None
    weights: list[float | None] = Field(description="Each study's weight in percent")
    coefficients: list[CoefficientOut]
    predictions: list[PredictionOut]
    fit: FitOut
    notes: list[str]


def _prediction(found: Prediction) -> PredictionOut:
    return PredictionOut(pred=finite(found.pred), se=finite(found.se),
                         ci_lb=finite(found.ci_lb), ci_ub=finite(found.ci_ub),
                         pi_lb=finite(found.pi_lb), pi_ub=finite(found.pi_ub))


def model_out(model: MetaModel) -> MetaModelOut:
    first, heterogeneity, qm = model.intercept, model.heterogeneity, model.moderator_test
    fit = model.fit_statistics
    return MetaModelOut(
        k=model.k, p=model.p, method=model.method, test=model.test, df=model.df,
        estimate=finite(first.estimate), se=finite(first.se), zval=finite(first.statistic),
        pval=finite(first.pval), ci_lb=finite(first.ci_lb), ci_ub=finite(first.ci_ub),
        pi_lb=finite(model.pooled.pi_lb) if model.pooled else None,
        pi_ub=finite(model.pooled.pi_ub) if model.pooled else None,
        tau2=finite(heterogeneity.tau2), se_tau2=finite(heterogeneity.se_tau2),
        tau=finite(heterogeneity.tau), i2=finite(heterogeneity.i2), h2=finite(heterogeneity.h2),
        qe=finite(heterogeneity.qe), qe_df=heterogeneity.qe_df,
        qe_p=finite(heterogeneity.qe_pval), qm=finite(qm.statistic), qm_df=qm.df_num,
        qm_p=finite(qm.pval), r2=finite(model.r2),
        weights=[finite(weight) for weight in model.weights],
        coefficients=[CoefficientOut(
            name=found.name, estimate=finite(found.estimate), se=finite(found.se),
            zval=finite(found.statistic), pval=finite(found.pval), ci_lb=finite(found.ci_lb),
            ci_ub=finite(found.ci_ub)) for found in model.coefficients],
        predictions=[_prediction(found) for found in model.predictions],
        fit=FitOut(log_lik=finite(fit.log_likelihood), deviance=finite(fit.deviance),
                   aic=finite(fit.aic), bic=finite(fit.bic), aicc=finite(fit.aicc)),
        notes=list(model.notes),
    )
