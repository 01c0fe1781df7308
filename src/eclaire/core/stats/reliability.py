"""Internal consistency of a multi-item scale: Cronbach's alpha and McDonald's omega.

Missing-data convention (one for the whole module): variances and covariances are
*pairwise-complete* — each (co)variance uses the respondents who answered both items, as
pingouin's default and R ``psych::alpha(use="pairwise")``. The sample size of the Feldt interval
is the *pairwise n*: the mean, over the pairs of items, of the respondents who answered both
(the count of respondents with any answer overstates the information when answers are missing:
its interval covered 90 % with 10 % of answers missing, the pairwise n 95 %). ``n`` reported
beside alpha still counts the respondents who answered at least one item.

Reverse-keyed items must be reversed by the caller (:func:`reverse_items`) before any call.
Alpha and omega are unitless reliability coefficients (at most 1; alpha may be negative).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from eclaire.core.stats._common import GroupArg, check_columns, check_level, group_keys
from eclaire.core.stats.distributions import f_isf

__all__ = [
    "AlphaResult",
    "cronbach_alpha",
    "feldt_ci",
    "grouped_cronbach_alpha",
    "mcdonald_omega",
    "one_factor_loadings",
    "pairwise_n",
    "reverse_items",
]


@dataclass(frozen=True)
class AlphaResult:
    """Cronbach's alpha with its Feldt 95% interval, ``n`` respondents (any answer), ``k``
    items and ``n_pairwise`` (the mean count of respondents per pair of items, the n of the
    interval)."""

    alpha: float
    ci95: tuple[float, float]
    n: int
    k: int
    n_pairwise: float = float("nan")


def reverse_items(frame: pd.DataFrame, columns: Sequence[str], min: int, max: int) -> pd.DataFrame:
    """Return a copy of ``frame`` where each of ``columns`` is scored ``(min + max) − x``.

    ``min`` and ``max`` are the lowest and highest answer codes of the scale (e.g. 1 and 6,
    so that a reversed answer is ``7 − x``). Missing values stay missing.
    """
    columns = check_columns(frame, columns)
    if not min < max:
        raise ValueError(f"min must be lower than max, got min={min!r}, max={max!r}")
    out = frame.copy()
    observed = out[columns]
    if ((observed < min) | (observed > max)).any().any():
        raise ValueError(f"columns {columns} hold values outside [{min}, {max}]")
    out[columns] = (min + max) - observed
    return out


def _items_frame(items: pd.DataFrame, min_items: int) -> pd.DataFrame:
    check_columns(items, list(items.columns), "items")
    if items.shape[1] < min_items:
        raise ValueError(f"at least {min_items} items (columns) are needed, got {items.shape[1]}")
    answered = items.notna().any(axis=1)
    if answered.sum() < 2:
        raise ValueError("at least two respondents must answer an item")
    return items.loc[answered].astype("float64")


def _alpha_from_cov(cov: np.ndarray) -> np.ndarray:
    """``k/(k − 1) · (1 − Σ diag(C) / Σ C)`` over the last two axes; NaN if Σ C is 0."""
    k = cov.shape[-1]
    total = cov.sum(axis=(-2, -1))
    trace = np.trace(cov, axis1=-2, axis2=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, k / (k - 1) * (1 - trace / total), np.nan)


def feldt_ci(
    alpha: float | np.ndarray, n: float | np.ndarray, k: int, level: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Feldt (1965; Feldt, Woodruff & Salih, 1987) interval for alpha.

    ``lo = 1 − (1 − α)·F.isf((1 − level)/2; n − 1, (n − 1)(k − 1))`` and ``hi`` the same with
    ``F.isf((1 + level)/2; …)`` — as pingouin and psych (``alpha()``, "Feldt"). Vectorized
    over ``alpha`` and ``n``; NaN where ``n < 2``.
    """
    level = check_level(level)
    n = np.asarray(n, dtype="float64")
    df1 = np.where(n >= 2, n - 1, np.nan)
    df2 = df1 * (k - 1)
    lo = 1 - (1 - alpha) * f_isf((1 - level) / 2, df1, df2)
    hi = 1 - (1 - alpha) * f_isf((1 + level) / 2, df1, df2)
    return lo, hi


def cronbach_alpha(items: pd.DataFrame) -> AlphaResult:
    """Cronbach's (1951) alpha of the item columns of ``items`` (one row per respondent).

    ``α = k/(k − 1) · (1 − Σ s²_i / Σ_ij s_ij)`` from the pairwise-complete covariance matrix
    (see the module docstring); ``n`` counts respondents with at least one answer, and the
    Feldt 95% interval (:func:`feldt_ci`) uses the pairwise n (:func:`pairwise_n`). Alpha is
    NaN when the total variance is 0.
    """
    data = _items_frame(items, min_items=2)
    n, k = data.shape
    alpha = float(_alpha_from_cov(data.cov().to_numpy()))
    n_pairs = float(pairwise_n(data))
    lo, hi = feldt_ci(alpha, n_pairs, k)
    return AlphaResult(
        alpha=alpha, ci95=(float(lo), float(hi)), n=int(n), k=int(k), n_pairwise=n_pairs
    )


def pairwise_n(items: pd.DataFrame) -> float:
    """The mean, over the ``k(k − 1)/2`` pairs of item columns, of the rows answering both:
    the sample size behind pairwise-complete covariances."""
    present = items.notna().to_numpy(dtype="float64")
    both = present.T @ present
    upper = np.triu_indices(both.shape[0], 1)
    return float(both[upper].mean()) if upper[0].size else float(present.sum())


def _grouped_pairwise_cov(x: np.ndarray, codes: np.ndarray, n_groups: int) -> np.ndarray:
    """Pairwise-complete covariance matrix of each group, shape (groups, k, k); NaN if n < 2.

    One pass of weighted sums per item pair (``np.bincount``), so the cost is linear in the
    respondents; values are centred on the item means first to limit rounding error.
    """
    present = ~np.isnan(x)
    centred = np.where(present, x - np.nanmean(x, axis=0), 0.0)
    k = x.shape[1]
    cov = np.full((n_groups, k, k), np.nan)
    for i in range(k):
        for j in range(i, k):
            both = (present[:, i] & present[:, j]).astype("float64")
            xi, xj = centred[:, i] * both, centred[:, j] * both
            n = np.bincount(codes, weights=both, minlength=n_groups)
            si = np.bincount(codes, weights=xi, minlength=n_groups)
            sj = np.bincount(codes, weights=xj, minlength=n_groups)
            sij = np.bincount(codes, weights=xi * xj, minlength=n_groups)
            with np.errstate(invalid="ignore", divide="ignore"):
                value = np.where(n >= 2, (sij - si * sj / n) / (n - 1), np.nan)
            cov[:, i, j] = cov[:, j, i] = value
    return cov


def grouped_cronbach_alpha(
    frame: pd.DataFrame, item_cols: Sequence[str], group_col: GroupArg
) -> pd.DataFrame:
    """:func:`cronbach_alpha` within every group (e.g. work unit), vectorized over respondents.

    Same pairwise-complete convention. Returns a DataFrame indexed by group with ``n``
    (respondents with at least one answer), ``k``, ``alpha``, ``lo``, ``hi`` (Feldt 95%, on
    the pairwise n);
    alpha is NaN for a group with fewer than 2 respondents or a zero total variance.
    """
    item_cols = check_columns(frame, item_cols)
    if len(item_cols) < 2:
        raise ValueError(f"at least 2 items are needed, got {len(item_cols)}")
    keys = group_keys(frame, group_col)
    codes, uniques = pd.factorize(keys, sort=True)
    keep = codes >= 0
    x = frame[item_cols].to_numpy(dtype="float64")[keep]
    codes = codes[keep]
    n_groups, k = len(uniques), len(item_cols)
    present = ~np.isnan(x)
    n = np.bincount(codes, weights=present.any(axis=1), minlength=n_groups)
    i, j = np.triu_indices(k, 1)
    both = (present[:, i] & present[:, j]).mean(axis=1)
    n_pairs = np.bincount(codes, weights=both, minlength=n_groups)
    alpha = _alpha_from_cov(_grouped_pairwise_cov(x, codes, n_groups))
    alpha = np.where(n >= 2, alpha, np.nan)
    lo, hi = feldt_ci(alpha, n_pairs, k)
    index = pd.Index(uniques, name=keys.name)
    return pd.DataFrame(
        {"n": n.astype("int64"), "k": k, "alpha": alpha, "lo": lo, "hi": hi}, index=index
    )


_NEWTON_MAX_ITER = 100
_NEWTON_GTOL = 1e-12
_BOUND_MARGIN = 1e-6


def _minres_newton(r: np.ndarray, start: np.ndarray) -> np.ndarray | None:
    """Unbounded minres fit by damped Newton steps; ``None`` unless it converged to a minimum.

    Minimises ``½ Σ_{i<j} e_ij²`` with ``e_ij = λ_i λ_j − r_ij``: gradient ``E λ`` (``E`` the
    matrix of residuals, zero diagonal) and exact Hessian ``λλᵀ + |λ|² I − 2 diag(λ²) + E``.
    A step solves ``(H + μ I) δ = −g`` (Levenberg–Marquardt damping ``μ``, raised until the
    damped Hessian is positive definite and the step lowers the objective, lowered after each
    success; a rise of the objective within rounding, 1e-14 relative, still counts as no rise),
    so the last steps are plain Newton steps and converge quadratically. Converged
    when the largest gradient component is under ``1e-12 · max(1, max |r_ij|)`` and the
    undamped Hessian is positive definite (a minimum, not a saddle).
    """
    k = r.shape[0]
    off = ~np.eye(k, dtype=bool)
    target = np.where(off, r, 0.0)
    eye = np.eye(k)
    gtol = _NEWTON_GTOL * max(1.0, float(np.abs(target).max()))

    def residuals(lam: np.ndarray) -> np.ndarray:
        e = np.outer(lam, lam) - target
        np.fill_diagonal(e, 0.0)
        return e

    lam = start.copy()
    e = residuals(lam)
    cost = 0.25 * float((e * e).sum())  # ½ Σ_{i<j} e²: the full matrix counts each pair twice
    mu = 0.0
    for _ in range(_NEWTON_MAX_ITER):
        grad = e @ lam
        sq = lam * lam
        hess = np.outer(lam, lam) + (sq.sum() * eye - 2.0 * np.diag(sq)) + e
        if np.abs(grad).max() <= gtol:
            try:
                np.linalg.cholesky(hess)
            except np.linalg.LinAlgError:
                return None  # a saddle point or a flat minimum: leave it to least_squares
            return lam
        if not np.isfinite(hess).all():
            return None
        while True:
            if mu > 1e12:
                return None
            try:
                chol = np.linalg.cholesky(hess + mu * eye)
            except np.linalg.LinAlgError:
                mu = max(10.0 * mu, 1e-6)
                continue
            step = -np.linalg.solve(chol.T, np.linalg.solve(chol, grad))
            trial = lam + step
            e_trial = residuals(trial)
            cost_trial = 0.25 * float((e_trial * e_trial).sum())
            if cost_trial <= cost * (1.0 + 1e-14):  # no rise beyond rounding
                break
            mu = max(10.0 * mu, 1e-6)
        if np.array_equal(trial, lam):
            return None  # no step can move it although the gradient is not yet small
        lam, e, cost = trial, e_trial, cost_trial
        mu = 0.0 if mu < 1e-5 else 0.1 * mu
    return None


def one_factor_loadings(corr: np.ndarray) -> np.ndarray:
    """Loadings of a one-factor model fitted to a correlation matrix by minimum residual.

    Minres (Harman & Jones, 1966; psych ``fa(fm="minres")``): the loadings ``λ`` minimise
    ``Σ_{i<j} (r_ij − λ_i λ_j)²`` (off-diagonal residuals only), bounded to [−1, 1] so that no
    uniqueness ``ψ_i = 1 − λ_i²`` is negative. Started from the first principal component and
    signed so that the loadings sum to a positive number. Equivalent to iterated principal
    axis factoring run to convergence.

    Two paths. First, a damped Newton solver in numpy on the ``k`` loadings without bounds
    (:func:`_minres_newton`, gradient under 1e-12, about 0.15 ms): when it converges to a
    minimum whose loadings all lie strictly inside (−1, 1) (``|λ_i| < 1 − 10⁻⁶``), the bounds are
    inactive and that minimum is returned. It is the optimum ``least_squares`` heads for from
    the same start, but more exact: ``least_squares`` stopped at its ``ftol`` (1e-12 on the cost),
    about 1e-6 from the optimum in the loadings (up to 1e-5 seen), so loadings move in the 6th
    to 9th decimal and omega by up to about 1e-8 compared with the former scipy-only code.
    Otherwise — no convergence in 100 steps, a saddle point, or a loading at or beyond a bound
    (a Heywood case) — ``scipy.optimize.least_squares`` with bounds [−1, 1] (imported only then,
    about 0.1 s) fits the bounded problem from the same start, exactly as before.
    """
    r = np.asarray(corr, dtype="float64")
    if r.ndim != 2 or r.shape[0] != r.shape[1] or r.shape[0] < 3:
        raise ValueError("corr must be a square correlation matrix of at least 3 items")
    if np.isnan(r).any():
        raise ValueError(
            "corr has missing values: an item has no variance or a pair has no common respondent"
        )
    values, vectors = np.linalg.eigh(r)
    start = np.clip(vectors[:, -1] * np.sqrt(max(values[-1], 0.0)), -0.99, 0.99)
    loadings = _minres_newton(r, start)
    if loadings is None or not np.all(np.abs(loadings) < 1.0 - _BOUND_MARGIN):
        loadings = _minres_least_squares(r, start)
    return loadings if loadings.sum() >= 0 else -loadings


def _minres_least_squares(r: np.ndarray, start: np.ndarray) -> np.ndarray:
    """The bounded minres fit by ``scipy.optimize.least_squares`` (trust-region reflective)."""
    from scipy.optimize import least_squares  # ~0.1 s to import: only for the rare hard case

    upper = np.triu_indices(r.shape[0], 1)
    fit = least_squares(
        lambda lam: np.outer(lam, lam)[upper] - r[upper],
        start,
        bounds=(-1.0, 1.0),
        xtol=1e-12,
        ftol=1e-12,
        gtol=1e-12,
    )
    return np.asarray(fit.x, dtype="float64")


def mcdonald_omega(items: pd.DataFrame) -> float:
    """McDonald's (1999) omega total of a one-factor model of the items.

    ``ω_t = (Σλ)² / ((Σλ)² + Σψ)`` with the standardized loadings ``λ`` of
    :func:`one_factor_loadings` (minres) fitted to the pairwise-complete Pearson correlation
    matrix, and uniquenesses ``ψ = 1 − λ²``. Needs at least 3 items (a one-factor model of two
    items is not identified). Unitless.
    """
    data = _items_frame(items, min_items=3)
    loadings = one_factor_loadings(data.corr().to_numpy())
    common = loadings.sum() ** 2
    return float(common / (common + (1 - loadings**2).sum()))
