"""L2-regularised logistic regression by Newton's method, for the two tuning scripts.

Written here rather than taken from scikit-learn: the models have a dozen or two features
and a few hundred rows, and the fitted coefficients are pasted into pure-Python modules, so
a heavy dependency for the tuning scripts alone is not worth it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def fit_logistic(
    rows: Sequence[tuple[Sequence[float], int]],
    l2: float,
    *,
    rounds: int = 60,
    tolerance: float = 1e-9,
) -> list[float]:
    """[intercept, *weights]; the intercept is not shrunk."""
    dim = len(rows[0][0]) + 1
    beta = [0.0] * dim
    for _ in range(rounds):
        grad = [-l2 * b for b in beta]
        grad[0] = 0.0
        hess = [[(l2 if i == j and i else 0.0) for j in range(dim)] for i in range(dim)]
        for x, y in rows:
            v = [1.0, *x]
            z = sum(b * xi for b, xi in zip(beta, v, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            w = p * (1.0 - p)
            for i in range(dim):
                grad[i] += (y - p) * v[i]
                for j in range(dim):
                    hess[i][j] += w * v[i] * v[j]
        step = _solve(hess, grad)
        beta = [b + s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < tolerance:
            break
    return beta


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gauss-Jordan elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col and m[r][col]:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]
