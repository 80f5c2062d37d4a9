"""What rma() returns: frozen dataclasses named as a paper reports a meta-analysis."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Coefficient:
    """One row of metafor's model results; `statistic` is zval (test="z") or tval (knha)."""

    name: str
    estimate: float
    se: float
    statistic: float
    pval: float
    ci_lb: float
    ci_ub: float


@dataclass(frozen=True)
class Prediction:
    """As metafor's predict.rma: pred with its CI and prediction interval (None for EE/FE)."""

    pred: float
    se: float
    ci_lb: float
    ci_ub: float
    pi_lb: float | None
    pi_ub: float | None


@dataclass(frozen=True)
class Heterogeneity:
    """tau², its se (None where metafor gives NA), I² and H² in metafor's definitions, and QE.

    For random- and mixed-effects models I² = 100·tau²/(vt + tau²) and H² = tau²/vt + 1, with
    vt = (k − p)/tr(P) the 'typical' sampling variance (P from weights 1/vᵢ); for EE/FE models
    I² = 100·(QE − (k − p))/QE (at least 0) and H² = QE/(k − p). With k ≤ p: QE = 0, p = 1,
    I² = 0, H² = 1.
    """

    tau2: float
    se_tau2: float | None
    tau: float
    i2: float
    h2: float
    qe: float
    qe_df: int
    qe_pval: float


@dataclass(frozen=True)
class ModeratorTest:
    """QM, the omnibus test of `coefficients` (all but the intercept; the intercept alone in an
    intercept-only model): χ²(df_num) under test="z", F(df_num, df_den) under knha."""

    statistic: float | None
    df_num: int
    df_den: int | None
    pval: float | None
    coefficients: tuple[str, ...]


@dataclass(frozen=True)
class FitStatistics:
    """metafor's fitstats(): logLik, deviance, AIC, BIC and AICc under one likelihood."""

    log_likelihood: float
    deviance: float
    aic: float
    bic: float
    aicc: float


@dataclass(frozen=True)
class MetaModel:
    """A fitted rma() model: metafor's rma.uni object, minus the data."""

    method: str
    test: str
    level: float
    k: int
    p: int
    df: int | None  # residual df k − p of the t and F tests (None under test="z")
    coefficients: tuple[Coefficient, ...]
    vcov: tuple[tuple[float, ...], ...]
    heterogeneity: Heterogeneity
    moderator_test: ModeratorTest
    r2: float | None  # pseudo R² in percent; None for intercept-only models
    weights: tuple[float, ...]  # percent, as weights(res)
    fit_ml: FitStatistics
    fit_reml: FitStatistics
    knha_scale: float  # metafor's s2w: the Knapp-Hartung factor on vcov (1 under test="z")
    pooled: Prediction | None  # predict(res) of an intercept-only model; None with moderators
    predictions: tuple[Prediction, ...]  # one per requested set of moderator values
    iterations: int | None  # Fisher-scoring iterations (REML, ML); None otherwise
    notes: tuple[str, ...]  # what metafor would have warned about

    @property
    def fit_statistics(self) -> FitStatistics:
        """The set metafor's fitstats(), logLik() and AIC() report: REML for REML, else ML."""
        return self.fit_reml if self.method == "REML" else self.fit_ml

    @property
    def intercept(self) -> Coefficient:
        """The first coefficient: the pooled effect in an intercept-only model."""
        return self.coefficients[0]

    @property
    def estimate(self) -> float:
        return self.intercept.estimate

    @property
    def se(self) -> float:
        return self.intercept.se

    @property
    def ci_lb(self) -> float:
        return self.intercept.ci_lb

    @property
    def ci_ub(self) -> float:
        return self.intercept.ci_ub

    @property
    def pval(self) -> float:
        return self.intercept.pval

    @property
    def tau2(self) -> float:
        return self.heterogeneity.tau2
