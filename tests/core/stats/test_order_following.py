import numpy as np
import pandas as pd
import pytest
from scipy import stats

from eclaire.core.stats.order_following import (
    _correlations,
    between_group_variance,
    group_following,
    mean_pairwise_correlation,
    order_following_test,
)
from eclaire.core.stats.rankings import kendall_w

K = 6


def plackett_luce(rng, n, weights, depth_rate=0.25):
    """``n`` rankings (rows of average ranks) from a Plackett-Luce model (Gumbel noise on
    ``weights``); a share ``depth_rate`` rank only their first three, the rest tie last."""
    keys = np.asarray(weights) + rng.gumbel(size=(n, len(weights)))
    ranks = np.argsort(np.argsort(-keys, axis=1), axis=1) + 1.0
    partial = rng.random(n) < depth_rate
    ranks[partial] = np.where(ranks[partial] > 3, 5.0, ranks[partial])
    return ranks


def organization(rng, sizes, weights):
    """Stacked rankings of teams of ``sizes``, each with its weights; the rows of each team."""
    blocks = [plackett_luce(rng, n, w) for n, w in zip(sizes, weights, strict=True)]
    edges = np.cumsum([0, *sizes])
    rows = [np.arange(a, b) for a, b in zip(edges[:-1], edges[1:], strict=True)]
    return np.vstack(blocks), rows


def test_correlations_are_pearson_r_with_the_others_mean_ranks():
    rng = np.random.default_rng(3)
    ranks, (group, a, b) = organization(rng, [6, 8, 7], [np.arange(K)[::-1]] * 3)
    reference = ranks[np.concatenate([a, b])].mean(axis=0)
    got = _correlations(ranks, group, np.concatenate([a, b]))
    expected = [stats.pearsonr(row, reference).statistic for row in ranks[group]]
    assert got == pytest.approx(expected, abs=1e-12)


def test_mean_pairwise_correlation_is_kendall_w_rescaled():
    # without ties, mean Spearman rho over pairs = (mW - 1) / (m - 1) (Kendall, 1948)
    rng = np.random.default_rng(4)
    ranks = np.argsort(np.argsort(-(np.arange(K) + rng.gumbel(size=(9, K))), axis=1), axis=1) + 1.0
    w = kendall_w(pd.DataFrame(ranks)).w
    assert mean_pairwise_correlation(ranks) == pytest.approx((9 * w - 1) / 8, abs=1e-12)
    pairs = [
        stats.spearmanr(ranks[i], ranks[j]).statistic for i in range(9) for j in range(i + 1, 9)
    ]
    assert mean_pairwise_correlation(ranks) == pytest.approx(np.mean(pairs), abs=1e-12)


def test_between_group_variance_pools_the_kinds():
    # Two kinds, each around its own mean (the kind as a factor); a kind with one group adds
    # nothing; the mean squared standard error is taken off.
    a = (np.array([0.5, 0.7, 0.6]), np.array([0.004, 0.004, 0.004]))
    b = (np.array([0.2, 0.1]), np.array([0.002, 0.002]))
    single = (np.array([0.9]), np.array([0.001]))
    squares = 0.01 + 0.01 + 0.0 + 0.0025 + 0.0025
    tau2, df = between_group_variance([a, b, single])
    assert df == 3
    assert tau2 == pytest.approx(squares / 3 - np.mean([0.004] * 3 + [0.002] * 2), rel=1e-12)
    assert between_group_variance([single]) == (0.0, 0)
    assert between_group_variance([(np.array([0.5, 0.5]), np.array([0.01, 0.01]))])[0] == 0.0


def test_a_team_ranking_in_unrelated_orders_is_found():
    rng = np.random.default_rng(5)
    sales = np.array([1.0, 1.6, 0.4, 0.2, 0.3, 1.3]) * 1.8
    ranks, (a, b, c) = organization(rng, [12, 15, 10], [sales] * 3)
    scattered = np.vstack([plackett_luce(rng, 1, rng.normal(0, 1.5, K)) for _ in range(10)])
    ranks = np.vstack([ranks, scattered])
    test = order_following_test(ranks, np.arange(37, 47), [a, b, c])
    assert test.p < 0.02  # three peer teams alone: few degrees of freedom for their spread
    assert test.mean < 0.3 < test.reference_mean
    assert test.agreement < 0.15 < test.reference_agreement
    assert test.groups == 3


FUNCTIONS = [
    np.array([1.0, 1.6, 0.4, 0.2, 0.3, 1.3]),
    np.array([1.4, 0.2, 0.5, 0.6, 1.5, 0.1]),
    np.array([0.6, 0.0, 0.7, 1.8, 1.2, 0.0]),
    np.array([1.2, 1.0, 1.3, 0.8, 0.7, 0.7]),
]


@pytest.mark.parametrize("spread", [0.0, 0.3, 0.6])
def test_false_alarm_rate_is_at_most_nominal_when_teams_are_alike(spread):
    # Four functions of four teams each: every team of a function drawn from one
    # Plackett-Luce model (spread 0) or each with its own concentration (spread: the weights'
    # log-scale varies between teams, 0.55 to 1.8 times). The tested team is one more team of
    # its function, so its p should be uniform or conservative.
    rng = np.random.default_rng(11)
    ps = []
    for _ in range(1500):
        teams = []
        for base in FUNCTIONS:
            sizes = rng.integers(5, 25, size=4)
            weights = [1.8 * base * np.exp(rng.normal(0, spread)) for _ in sizes]
            teams.append(organization(rng, sizes, weights))
        ranks = np.vstack([r for r, _ in teams])
        offsets = np.cumsum([0, *[len(r) for r, _ in teams]])
        rows = [[g + at for g in groups] for (_, groups), at in zip(teams, offsets, strict=False)]
        others = [group_following(ranks, groups) for groups in rows[1:]]
        ps.append(order_following_test(ranks, rows[0][0], rows[0][1:], others=others).p)
    ps = np.array(ps)
    # 1,500 draws: the binomial standard error at 5 % is 0.56 points, at 1 % 0.26 points
    assert np.mean(ps <= 0.05) <= 0.05 + 2 * 0.0056
    assert np.mean(ps <= 0.01) <= 0.01 + 2 * 0.0026


def test_needs_two_peer_groups():
    ranks = np.tile(np.arange(1.0, K + 1), (12, 1))
    with pytest.raises(ValueError, match="2 peer groups"):
        order_following_test(ranks, np.arange(4), [np.arange(4, 12)])
