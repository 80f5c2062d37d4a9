"""The Cox proportional hazards model as R's `coxph`: Newton–Raphson on the partial
likelihood, tied event times by Efron's method (R's default) or Breslow's."""

from collections.abc import Sequence

import numpy as np

from analysis.survival import CoxModel, FloatArray, checked

MAX_ITERATIONS = 30
TOLERANCE = 1e-9


def cox(times: Sequence[float], events: Sequence[bool], covariates: Sequence[Sequence[float]],
        ties: str = "efron") -> CoxModel:
    """`covariates`: one row per record, one column per covariate."""
    t, d = checked(times, events)
    x = np.asarray(covariates, dtype=float)
    if x.ndim != 2 or x.shape[0] != len(t) or not np.all(np.isfinite(x)):
        raise ValueError("covariates must be one row of finite numbers per record")
    if ties not in ("efron", "breslow"):
        raise ValueError("ties must be 'efron' or 'breslow'")
    beta = np.zeros(x.shape[1])
    loglik, score, information = _partial(t, d, x, beta, ties)
    iterations, converged = 0, False
    while iterations < MAX_ITERATIONS:
        iterations += 1
        step = np.linalg.solve(information, score)
        candidate = beta + step
        new_loglik, new_score, new_information = _partial(t, d, x, candidate, ties)
        while new_loglik < loglik - TOLERANCE:  # step halving, as coxph does
            step /= 2
            candidate = beta + step
            new_loglik, new_score, new_information = _partial(t, d, x, candidate, ties)
        converged = abs(new_loglik - loglik) < TOLERANCE * max(1.0, abs(loglik))
        beta, loglik, score, information = candidate, new_loglik, new_score, new_information
        if converged:
            break
    std_errors = np.sqrt(np.diag(np.linalg.inv(information)))
    return CoxModel(beta, std_errors, np.exp(beta), float(loglik), iterations, converged)


def _partial(t: FloatArray, d: np.ndarray, x: FloatArray, beta: FloatArray,
             ties: str) -> tuple[float, FloatArray, FloatArray]:
    """Log partial likelihood, its gradient and the observed information at `beta`."""
    risk_score = np.exp(x @ beta)
    p = x.shape[1]
    loglik, score, information = 0.0, np.zeros(p), np.zeros((p, p))
    for u in np.unique(t[d]):
        at_risk, dying = t >= u, d & (t == u)
        count = int(dying.sum())
        s0, s1, s2 = _sums(x[at_risk], risk_score[at_risk])
        d0, d1, d2 = _sums(x[dying], risk_score[dying])
        loglik += float((x[dying] @ beta).sum())
        score += x[dying].sum(axis=0)
        for step in range(count):
            share = step / count if ties == "efron" else 0.0
            a0, a1, a2 = s0 - share * d0, s1 - share * d1, s2 - share * d2
            mean = a1 / a0
            loglik -= float(np.log(a0))
            score -= mean
            information += a2 / a0 - np.outer(mean, mean)
    return loglik, score, information


def _sums(x: FloatArray, weights: FloatArray) -> tuple[float, FloatArray, FloatArray]:
    return (float(weights.sum()), weights @ x, (x * weights[:, None]).T @ x)
