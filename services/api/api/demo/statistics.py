"""Observed outcome statistics drawn around a true standardised effect, with sampling error."""

import math
import random
from typing import Any

from api.demo.world import IndicatorInfo
from api.vocabularies.models import Direction, IndicatorLevel, MeasureKind, ScaleType

# Per scale: the range of baseline means, of SDs between respondents, and decimals reported.
SCALES: dict[ScaleType, tuple[float, float, float, float, int]] = {
    ScaleType.RAPPORTCIJFER: (5.8, 7.2, 1.1, 1.6, 2),
    ScaleType.SCORE_0_10: (5.0, 6.5, 1.4, 2.0, 2),
    ScaleType.LIKERT_1_5: (2.9, 3.6, 0.7, 0.95, 2),
    ScaleType.LADDER_1_6: (2.0, 3.2, 1.0, 1.4, 2),
    ScaleType.ZRM_1_5: (2.6, 3.4, 0.8, 1.1, 2),
    ScaleType.INDEX: (-0.15, 0.02, 0.05, 0.10, 3),
}
CONTINUOUS = frozenset(SCALES)
BASELINE_SHARE = (0.15, 0.55)  # proportions (percentage scales) in the comparison group
LOG_ODDS_PER_SD = math.pi / math.sqrt(3)  # the logistic conversion between d and log OR
SAMPLE_SIZE: dict[IndicatorLevel, tuple[float, float, int, int]] = {
    # (median, SD of the log, fewest, most) respondents per group or measurement
    IndicatorLevel.BEWONER: (50.0, 0.6, 12, 400),
    IndicatorLevel.BUURT: (200.0, 0.5, 60, 1500),
    IndicatorLevel.INITIATIEF: (30.0, 0.5, 10, 100),
}
EMPTY: dict[str, Any] = dict.fromkeys((
    "mean_pre", "sd_pre", "mean_post", "sd_post", "n", "pre_post_correlation", "mean_treatment",
    "sd_treatment", "n_treatment", "mean_control", "sd_control", "n_control",
    "events_treatment", "events_control", "events", "effect_measure", "effect_size",
    "sampling_variance", "direction"))


def sample_size(rng: random.Random, level: IndicatorLevel) -> int:
    median, spread, fewest, most = SAMPLE_SIZE[level]
    return max(fewest, min(most, round(rng.lognormvariate(math.log(median), spread))))


def _sd(rng: random.Random, sigma: float, n: int, decimals: int) -> float:
    """A sample SD: sigma times the square root of a chi-square over its degrees of freedom."""
    drawn = sigma * math.sqrt(rng.gammavariate((n - 1) / 2, 2.0) / (n - 1))
    return max(10.0**-decimals, round(drawn, decimals))


def _mean(value: float, info: IndicatorInfo, decimals: int) -> float:
    if info.low is not None:
        value = max(info.low, value)
    if info.high is not None:
        value = min(info.high, value)
    return round(value, decimals)


def _scale(rng: random.Random, info: IndicatorInfo) -> tuple[float, float, int, float]:
    """Baseline mean, SD, decimals and the raw shift of a +1 SD improvement."""
    mean_low, mean_high, sd_low, sd_high, decimals = SCALES[info.scale_type]
    sigma = rng.uniform(sd_low, sd_high)
    return rng.uniform(mean_low, mean_high), sigma, decimals, sigma * _sign(info)


def _sign(info: IndicatorInfo) -> float:
    return 1.0 if info.higher_is_better else -1.0


def pre_post(rng: random.Random, info: IndicatorInfo, effect: float) -> dict[str, Any]:
    """One group measured before and after: the change is `effect` pre-test SDs."""
    mu, sigma, decimals, unit = _scale(rng, info)
    n = sample_size(rng, info.level)
    rho = rng.uniform(0.3, 0.8)
    sigma_post = sigma * rng.uniform(0.9, 1.1)
    z_pre, z_other = rng.gauss(0, 1), rng.gauss(0, 1)
    mean_pre = mu + sigma / math.sqrt(n) * z_pre
    noise_post = sigma_post / math.sqrt(n) * (rho * z_pre + math.sqrt(1 - rho**2) * z_other)
    correlation = math.tanh(math.atanh(rho) + rng.gauss(0, 1) / math.sqrt(n - 3))
    return {**EMPTY, "kind": MeasureKind.PRE_POST.value,
            "mean_pre": _mean(mean_pre, info, decimals), "sd_pre": _sd(rng, sigma, n, decimals),
            "mean_post": _mean(mu + effect * unit + noise_post, info, decimals),
            "sd_post": _sd(rng, sigma_post, n, decimals), "n": n,
            "pre_post_correlation": round(correlation, 2)}


def two_group(rng: random.Random, info: IndicatorInfo, effect: float) -> dict[str, Any]:
    """Treatment and comparison group after the initiative: `effect` SDs apart."""
    mu, sigma, decimals, unit = _scale(rng, info)
    n_treatment, n_control = sample_size(rng, info.level), sample_size(rng, info.level)
    mean_treatment = mu + effect * unit + sigma / math.sqrt(n_treatment) * rng.gauss(0, 1)
    mean_control = mu + sigma / math.sqrt(n_control) * rng.gauss(0, 1)
    return {**EMPTY, "kind": MeasureKind.TWO_GROUP.value,
            "mean_treatment": _mean(mean_treatment, info, decimals),
            "sd_treatment": _sd(rng, sigma, n_treatment, decimals), "n_treatment": n_treatment,
            "mean_control": _mean(mean_control, info, decimals),
            "sd_control": _sd(rng, sigma, n_control, decimals), "n_control": n_control}


def _events(rng: random.Random, n: int, share: float) -> int:
    """Binomial(n, share), by its normal approximation (n is at least a few dozen)."""
    drawn = n * share + math.sqrt(n * share * (1 - share)) * rng.gauss(0, 1)
    return max(0, min(n, round(drawn)))


def counts(rng: random.Random, info: IndicatorInfo, effect: float) -> dict[str, Any]:
    """Bewoners with the outcome per group; the log odds ratio is `effect` × π/√3."""
    control_share = rng.uniform(*BASELINE_SHARE)
    log_odds = math.log(control_share / (1 - control_share))
    shifted = log_odds + _sign(info) * effect * LOG_ODDS_PER_SD
    treatment_share = 1 / (1 + math.exp(-shifted))
    n_treatment = max(40, sample_size(rng, info.level))
    n_control = max(40, sample_size(rng, info.level))
    return {**EMPTY, "kind": MeasureKind.COUNTS.value,
            "events_treatment": _events(rng, n_treatment, treatment_share),
            "n_treatment": n_treatment,
            "events_control": _events(rng, n_control, control_share), "n_control": n_control}


def direction(rng: random.Random, effect: float) -> dict[str, Any]:
    """What a descriptive evaluation concludes: the effect seen through a noisy lens."""
    seen = effect + rng.gauss(0, 0.15)
    verdict = (Direction.POSITIVE if seen > 0.15
               else Direction.NEGATIVE if seen < -0.05 else Direction.NONE)
    return {**EMPTY, "kind": MeasureKind.DIRECTION.value, "direction": verdict.value}
