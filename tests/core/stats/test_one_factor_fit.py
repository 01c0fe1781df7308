"""The numpy minres solver of ``one_factor_loadings`` against scipy's bounded least squares.

Reference: the former implementation, ``scipy.optimize.least_squares`` with bounds [−1, 1] and
``xtol = ftol = gtol = 1e-12`` from the same start. Its ``ftol`` stops it when the cost falls by
less than 1e-12 relative, i.e. about 1e-6 from the optimum in the loadings (√1e-12): measured up
to 1e-5 on random matrices, and 1e-9 to 1e-8 in omega on the data sets below. So the new loadings
are compared with that reference to its own accuracy, and to 1e-9 with the same reference polished
to the exact optimum (the root of the gradient next to it, by ``scipy.optimize.root``; gradient
and Hessian written here from the list of pairs, independently of the module).
"""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import least_squares, root

from eclaire.core.stats import reliability
from eclaire.core.stats.reliability import mcdonald_omega, one_factor_loadings, reverse_items


def _start(r):
    values, vectors = np.linalg.eigh(r)
    return np.clip(vectors[:, -1] * np.sqrt(max(values[-1], 0.0)), -0.99, 0.99)


def _signed(x):
    return x if x.sum() >= 0 else -x


def scipy_reference(r):
    """The former ``one_factor_loadings``, verbatim: bounded least_squares, tolerances 1e-12."""
    upper = np.triu_indices(r.shape[0], 1)
    fit = least_squares(
        lambda lam: np.outer(lam, lam)[upper] - r[upper],
        _start(r),
        bounds=(-1.0, 1.0),
        xtol=1e-12,
        ftol=1e-12,
        gtol=1e-12,
    )
    return _signed(fit.x)


def _pairs(k):
    return [(i, j) for i in range(k) for j in range(i + 1, k)]


def cost(r, lam):
    return 0.5 * sum((lam[i] * lam[j] - r[i, j]) ** 2 for i, j in _pairs(len(lam)))


def gradient(r, lam):
    g = np.zeros(len(lam))
    for i, j in _pairs(len(lam)):
        e = lam[i] * lam[j] - r[i, j]
        g[i] += e * lam[j]
        g[j] += e * lam[i]
    return g


def hessian(r, lam):
    h = np.zeros((len(lam), len(lam)))
    for i, j in _pairs(len(lam)):
        e = lam[i] * lam[j] - r[i, j]
        jac = np.zeros(len(lam))
        jac[i], jac[j] = lam[j], lam[i]
        h += np.outer(jac, jac)
        h[i, j] += e
        h[j, i] += e
    return h


def polished_reference(r):
    """The scipy reference carried to the exact (interior) optimum: the gradient's root next to
    it by MINPACK's hybrid Powell method (``scipy.optimize.root``, Jacobian = Hessian)."""
    fit = root(lambda lam: gradient(r, lam), scipy_reference(r), jac=lambda lam: hessian(r, lam))
    assert fit.success and np.abs(gradient(r, fit.x)).max() < 1e-12
    assert np.linalg.eigvalsh(hessian(r, fit.x))[0] > 0  # a minimum
    return _signed(fit.x)


def _one_factor_matrix(rng, k):
    lam = rng.uniform(0.1, 0.95, k) * rng.choice([-1.0, 1.0], k, p=[0.2, 0.8])
    noise = rng.normal(0.0, 0.05, (k, k))
    r = np.outer(lam, lam) + (noise + noise.T) / 2
    np.fill_diagonal(r, 1.0)
    return r


def _small_sample_matrix(rng, k):
    n = int(rng.integers(k + 2, 40))
    x = rng.normal(size=(n, k)) + rng.normal(size=(n, 1)) * rng.uniform(0.0, 1.5)
    return np.corrcoef(x, rowvar=False)


def _matrices(kind, count, seed):
    rng = np.random.default_rng(seed)
    make = _one_factor_matrix if kind == "one_factor" else _small_sample_matrix
    return [make(rng, int(rng.integers(3, 11))) for _ in range(count)]


@pytest.fixture
def fallback_calls(monkeypatch):
    calls = []
    original = reliability._minres_least_squares

    def spy(r, start):
        calls.append(r)
        return original(r, start)

    monkeypatch.setattr(reliability, "_minres_least_squares", spy)
    return calls


@pytest.mark.parametrize(("kind", "seed"), [("one_factor", 11), ("small_sample", 12)])
def test_loadings_agree_with_scipy_least_squares(kind, seed, fallback_calls):
    interior = 0
    for r in _matrices(kind, 60, seed):
        before = len(fallback_calls)
        new = one_factor_loadings(r)
        old = scipy_reference(r)
        if len(fallback_calls) > before:  # Heywood or no convergence: the former code, as is
            np.testing.assert_array_equal(new, old)
            continue
        interior += 1
        assert np.abs(new).max() < 1 - 1e-6
        # the former fit to its own accuracy (ftol 1e-12 on the cost), never a better cost
        np.testing.assert_allclose(new, old, rtol=0, atol=2e-5)
        assert cost(r, new) <= cost(r, old) + 1e-15
        # the exact optimum: the scipy fit polished to the root of the gradient
        np.testing.assert_allclose(new, polished_reference(r), rtol=0, atol=1e-9)
        assert np.abs(gradient(r, new)).max() < 1e-11
    assert interior >= (50 if kind == "one_factor" else 35)  # most fits take the numpy path


def test_one_factor_matrices_without_noise_are_recovered_exactly(fallback_calls):
    rng = np.random.default_rng(5)
    for k in range(3, 11):
        lam = rng.uniform(0.1, 0.95, k)
        r = np.outer(lam, lam)
        np.fill_diagonal(r, 1.0)
        np.testing.assert_allclose(one_factor_loadings(r), lam, rtol=0, atol=1e-12)
    assert fallback_calls == []


@pytest.mark.parametrize(
    "r",
    [
        # r12 r13 / r23 = 0.64 / 0.5 > 1: the exact fit needs λ1 = 1.13, the bound holds it at 1
        np.array([[1.0, 0.8, 0.8], [0.8, 1.0, 0.5], [0.8, 0.5, 1.0]]),
        np.array(
            [
                [1.0, 0.9, 0.85, 0.8],
                [0.9, 1.0, 0.5, 0.45],
                [0.85, 0.5, 1.0, 0.4],
                [0.8, 0.45, 0.4, 1.0],
            ]
        ),
    ],
)
def test_heywood_case_returns_the_bounded_optimum_of_least_squares(r, fallback_calls):
    new = one_factor_loadings(r)
    assert len(fallback_calls) == 1
    np.testing.assert_array_equal(new, scipy_reference(r))
    assert new[0] == pytest.approx(1.0, abs=1e-8)
    assert np.all(np.abs(new) <= 1.0)


BFI_REVERSED = ["A1", "C4", "C5", "E1", "E2", "O2", "O5"]


def _reliability_data_sets(shared_data):
    """The item sets of tests/core/stats/test_reliability.py (bfi reversed and not, attitude,
    pingouin's two alpha examples, the bhr2000 items)."""
    raw = pd.read_csv(shared_data / "bfi" / "bfi.csv")
    bfi = reverse_items(raw, BFI_REVERSED, 1, 6)
    sets = {}
    for prefix in "ACENO":
        columns = [f"{prefix}{i}" for i in range(1, 6)]
        sets[f"bfi_{prefix}"] = bfi[columns]
        sets[f"bfi_unreversed_{prefix}"] = raw[columns]
    attitude = pd.read_csv(shared_data / "attitude" / "attitude.csv")
    sets["attitude"] = attitude.drop(columns="department")
    pg_dir = shared_data / "pingouin-reliability"
    long = pd.read_csv(pg_dir / "cronbach_alpha.csv")
    sets["pingouin_long"] = long.pivot(index="Subj", columns="Items", values="Scores")
    sets["pingouin_missing"] = pd.read_csv(
        pg_dir / "cronbach_wide_missing.csv", encoding="utf-8-sig"
    )
    bhr = pd.read_csv(shared_data / "multilevel" / "bhr2000.csv")
    sets["bhr2000"] = bhr[list(bhr.columns[1:12])]
    return sets


def _omega(loadings):
    common = loadings.sum() ** 2
    return float(common / (common + (1 - loadings**2).sum()))


def test_omega_on_the_reliability_data_sets(shared_data, fallback_calls):
    for name, items in _reliability_data_sets(shared_data).items():
        corr = items.astype("float64").corr().to_numpy()
        omega = mcdonald_omega(items)
        # the former implementation differs by up to 7.5e-9 (bfi openness unreversed): its
        # own stopping error; rounded to the 4 decimals of the result, the same figure
        assert omega == pytest.approx(_omega(scipy_reference(corr)), abs=2e-8), name
        assert round(omega, 4) == round(_omega(scipy_reference(corr)), 4), name
        assert omega == pytest.approx(_omega(polished_reference(corr)), abs=1e-10), name
    assert fallback_calls == []


def test_the_common_path_does_not_import_scipy_optimize(shared_data):
    code = (
        "import sys, pandas as pd\n"
        "from eclaire.core.stats.reliability import mcdonald_omega\n"
        f"items = pd.read_csv({str(shared_data / 'attitude' / 'attitude.csv')!r})"
        ".drop(columns='department')\n"
        "mcdonald_omega(items)\n"
        "print('scipy.optimize' in sys.modules)\n"
    )
    src = str(Path(reliability.__file__).resolve().parents[3])
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": src, "PATH": ""},
    )
    assert out.stdout.strip() == "False"
