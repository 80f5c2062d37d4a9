"""Weighted least squares from p×p Gram matrices: O(k·p²) per fit, never a k×k matrix.

metafor writes its estimators with P = W − W X S X'W, S = (X'WX)⁻¹. Every trace and quadratic
form it needs reduces to sums over the k rows and weighted Gram matrices X'·diag(d)·X:
    y'Py = Σ wᵢeᵢ²,  y'PPy = Σ (wᵢeᵢ)²,  tr(P·diag(a)) = Σ wᵢaᵢ − tr(S·X'diag(w²a)X),
    tr(P·diag(a)·P·diag(b)) = Σ wᵢ²aᵢbᵢ − 2·tr(S·X'diag(w³ab)X) + tr(S·G_a·S·G_b),
with G_a = X'diag(w²a)X and e = y − Xβ̂. Callers pass a standardised design (see
`standardise`) so that X'WX is well conditioned.
"""

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt
from scipy import linalg

from analysis.meta.errors import MetaFitError

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class WeightedFit:
    """β̂ = (X'WX)⁻¹X'Wy for diagonal weights w, with what metafor's P matrix yields."""

    xt: FloatArray  # the design transposed, p×k and C-contiguous
    weights: FloatArray
    cholesky: FloatArray  # lower triangle L with X'WX = L·L'
    beta: FloatArray
    residuals: FloatArray  # y − Xβ̂

    @property
    def rss(self) -> float:
        """y'Py = Σ wᵢ eᵢ²: the weighted residual sum of squares (metafor's RSS, QE)."""
        return inner(self.weights, self.residuals**2)

    @property
    def rss_squared_p(self) -> float:
        """y'PPy = Σ (wᵢ eᵢ)², since Py = W e."""
        weighted = self.weights * self.residuals
        return inner(weighted, weighted)

    @cached_property
    def inverse_xtwx(self) -> FloatArray:
        """S = (X'WX)⁻¹: the fixed-effects covariance before any Knapp-Hartung scaling."""
        identity = np.eye(self.cholesky.shape[0])
        inverse: FloatArray = linalg.cho_solve((self.cholesky, True), identity)
        return inverse

    def log_det_xtwx(self) -> float:
        """log |X'WX| = 2 Σ log Lⱼⱼ."""
        return float(2.0 * np.sum(np.log(np.diag(self.cholesky))))

    def gram(self, d: FloatArray) -> FloatArray:
        """X'·diag(d)·X."""
        return _gram(self.xt * d, self.xt)

    def trace_p_diag(self, a: FloatArray | None = None) -> float:
        """tr(P·diag(a)); a = None means a = 1, giving tr(P)."""
        wa = self.weights if a is None else self.weights * a
        return float(np.sum(wa)) - _trace_product(self.inverse_xtwx, self.gram(self.weights * wa))

    def trace_p_diag_p_diag(
        self, a: FloatArray | None = None, b: FloatArray | None = None
    ) -> float:
        """tr(P·diag(a)·P·diag(b)); a = b = None gives tr(PP), which metafor writes sum(P * P)."""
        w = self.weights
        wa = w if a is None else w * a
        wb = w if b is None else w * b
        s = self.inverse_xtwx
        g_a = self.gram(w * wa)
        g_b = g_a if b is a else self.gram(w * wb)
        cross = _trace_product(s, self.gram(w * wa * wb))
        return inner(wa, wb) - 2.0 * cross + _trace_product(s @ g_a, s @ g_b)


def inner(a: FloatArray, b: FloatArray) -> float:
    """Σ aᵢbᵢ. Not np.dot: OpenBLAS threads a long ddot, which is many times slower on a
    machine whose cores are busy."""
    return float(np.einsum("i,i->", a, b))


def _trace_product(a: FloatArray, b: FloatArray) -> float:
    """tr(A·B) for p×p matrices."""
    return float(np.sum(a * b.T))


def dimensions(x: FloatArray) -> tuple[int, int]:
    """(k, p) of a design matrix, as ints."""
    return int(x.shape[0]), int(x.shape[1])


def _gram(left: FloatArray, right: FloatArray) -> FloatArray:
    """left·rightᵀ for p×k operands (einsum's own loops, not a threaded BLAS call)."""
    product: FloatArray = np.einsum("ik,jk->ij", left, right)
    return product


def weighted_fit(x: FloatArray, y: FloatArray, weights: FloatArray) -> WeightedFit:
    """Fit y on the columns of x (k×p, full column rank) with weights."""
    xt = np.ascontiguousarray(x.T)  # free for the Fortran-ordered output of `standardise`
    x_weighted = xt * weights
    try:
        lower = np.asarray(np.linalg.cholesky(_gram(x_weighted, xt)), dtype=np.float64)
    except np.linalg.LinAlgError as error:
        raise MetaFitError(
            "X'WX is numerically singular: the sampling variances differ too much to fit."
        ) from error
    beta = linalg.cho_solve((lower, True), np.einsum("ik,k->i", x_weighted, y))
    residuals = y - np.einsum("i,ik->k", beta, xt)
    return WeightedFit(xt, weights, lower, beta, residuals)


def standardise(x: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Z = X·A⁻¹ with centred, unit-scale moderator columns, and the upper triangle A.

    The intercept (first column) stays. Every estimator, trace and likelihood here is the same
    for Z as for X (the REML term log|X'X| − log|X'WX| too); only β̂ and its covariance need
    `to_original_scale`. Without it a moderator like year (≈ 1950) makes X'WX nearly singular.
    """
    p = x.shape[1]
    centres = x[:, 1:].mean(axis=0)
    scales = x[:, 1:].std(axis=0)
    scales[scales == 0.0] = 1.0
    z = np.empty_like(x, order="F")
    z[:, 0] = x[:, 0]
    z[:, 1:] = (x[:, 1:] - centres) / scales
    transform = np.eye(p)
    transform[0, 1:] = centres
    transform[np.arange(1, p), np.arange(1, p)] = scales
    return z, transform


def to_original_scale(
    beta: FloatArray, vcov: FloatArray, transform: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """β = A⁻¹β_Z and Cov(β) = A⁻¹ Cov(β_Z) A⁻ᵀ, since X = Z·A."""
    inverse = linalg.solve_triangular(transform, np.eye(transform.shape[0]))
    original: FloatArray = inverse @ vcov @ inverse.T
    return inverse @ beta, original
