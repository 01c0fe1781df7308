import numpy as np
import pandas as pd
import pingouin as pg
import pytest

from eclaire.core.stats.agreement import (
    grouped_icc,
    icc1_icc2,
    rwg,
    rwg_j,
    uniform_null_variance,
)


@pytest.fixture(scope="module")
def lq2002(shared_data):
    return pd.read_csv(shared_data / "multilevel" / "lq2002.csv")


@pytest.fixture(scope="module")
def bhr2000(shared_data):
    return pd.read_csv(shared_data / "multilevel" / "bhr2000.csv")


@pytest.fixture(scope="module")
def bh1996(shared_data):
    return pd.read_csv(shared_data / "multilevel" / "bh1996.csv")


def test_uniform_null_variance_of_five_options_is_two():
    # James, Demaree & Wolf (1984); multilevel's default ranvar = 2 for 5 options
    assert uniform_null_variance(5) == 2.0
    with pytest.raises(ValueError, match="n_options"):
        uniform_null_variance(1)


def test_rwg_matches_multilevel_on_lq2002_leadership(lq2002):
    table = rwg(lq2002["LEAD"], lq2002["COMPID"], n_options=5)
    # multilevel/PROVENANCE.md, rwg(lq2002$LEAD, lq2002$COMPID), example of man/rwg.Rd
    first = {
        2: (0.621459, 24),
        3: (0.745744, 37),
        4: (0.713282, 45),
        5: (0.731742, 58),
        6: (0.683446, 12),
    }
    for company, (value, n) in first.items():
        assert table.loc[company, "rwg"] == pytest.approx(value, abs=1e-4)
        assert table.loc[company, "n"] == n
    assert len(table) == 49
    summary = table["rwg"].agg(["mean", "median", "min", "max"])
    # same source: mean 0.7032, median 0.7104, min 0.4976, max 0.8417
    np.testing.assert_allclose(summary, [0.7032, 0.7104, 0.4976, 0.8417], atol=1e-4)


def test_rwg_j_matches_multilevel_on_lq2002_leadership_items(lq2002):
    items = lq2002[[f"LEAD{i:02d}" for i in range(1, 12)]]  # R's lq2002[, 3:13]
    table = rwg_j(items, lq2002["COMPID"], n_options=5)
    # multilevel/PROVENANCE.md, rwg.j(lq2002[,3:13], lq2002$COMPID), example of man/rwg.j.Rd
    first = {2: 0.807527, 3: 0.895938, 4: 0.860012, 5: 0.863558, 6: 0.887663}
    for company, value in first.items():
        assert table.loc[company, "rwg_j"] == pytest.approx(value, abs=1e-4)
    summary = table["rwg_j"].agg(["mean", "median", "min", "max"])
    # same source: mean 0.8678, median 0.8701, min 0.7749, max 0.9423
    np.testing.assert_allclose(summary, [0.8678, 0.8701, 0.7749, 0.9423], atol=1e-4)


def test_rwg_j_matches_multilevel_on_bhr2000(bhr2000):
    table = rwg_j(bhr2000.iloc[:, 1:12], bhr2000["GRP"], n_options=5)
    # multilevel/PROVENANCE.md, rwg.j(bhr2000[,2:12], bhr2000$GRP, ranvar=2):
    # 99 groups, mean 0.8876, median 0.8925, min 0.7859, max 0.9440
    assert len(table) == 99
    summary = table["rwg_j"].agg(["mean", "median", "min", "max"])
    np.testing.assert_allclose(summary, [0.8876, 0.8925, 0.7859, 0.9440], atol=1e-4)


def test_rwg_is_low_for_a_trait_that_is_not_a_group_property(bhr2000):
    table = rwg(bhr2000["RELIG"], bhr2000["GRP"], n_options=5)
    # multilevel/PROVENANCE.md, rwg(bhr2000$RELIG, bhr2000$GRP): mean 0.1864, min 0.0, max 0.4328
    summary = table["rwg"].agg(["mean", "min", "max"])
    np.testing.assert_allclose(summary, [0.1864, 0.0, 0.4328], atol=1e-4)


def test_rwg_truncates_a_variance_above_the_null_and_skips_groups_of_one():
    values = pd.Series([1, 5, 1, 5, 3, 3, 4, 2], dtype="float64")
    groups = pd.Series(["split", "split", "split", "split", "calm", "calm", "calm", "alone"])
    table = rwg(values, groups, n_options=5)
    assert table.loc["split", "rwg"] == 0.0  # variance 5.33 > 2 is truncated to 2
    assert table.loc["calm", "rwg"] == pytest.approx(1 - (1 / 3) / 2)
    assert np.isnan(table.loc["alone", "rwg"])


def test_rwg_j_averages_item_variances_with_missing_answers_removed():
    items = pd.DataFrame({"x": [1, 2, np.nan, 3], "y": [3, 3, 4, np.nan]})
    groups = pd.Series(["a", "a", "a", "b"])
    table = rwg_j(items, groups, n_options=5)
    # var(x) = 0.5 and var(y) = 1/3 in group a: mean 5/12, ratio 5/24, J = 2
    ratio = (5 / 12) / 2
    assert table.loc["a", "rwg_j"] == pytest.approx(2 * (1 - ratio) / (2 * (1 - ratio) + ratio))
    assert table.loc["a", "n"] == 3
    assert np.isnan(table.loc["b", "rwg_j"])


def test_rwg_rejects_groups_on_another_index(lq2002):
    with pytest.raises(ValueError, match="index"):
        rwg(lq2002["LEAD"], lq2002["COMPID"].iloc[:10], n_options=5)


# multilevel/PROVENANCE.md: ICC1/ICC2 computed with the package's formulas (one-way aov)
@pytest.mark.parametrize(
    ("data", "variable", "group", "icc1", "icc2"),
    [
        ("bh1996", "HRS", "GRP", 0.133107, 0.919673),
        ("bh1996", "LEAD", "GRP", 0.127028, 0.915613),
        ("bh1996", "COHES", "GRP", 0.044265, 0.775460),
        ("bh1996", "WBEING", "GRP", 0.043369, 0.771713),
        ("lq2002", "LEAD", "COMPID", 0.087956, 0.800754),
        ("lq2002", "TSIG", "COMPID", 0.080384, 0.784608),
        ("lq2002", "HOSTILE", "COMPID", 0.054005, 0.704059),
    ],
)
def test_icc_matches_multilevel_on_army_companies(shared_data, data, variable, group, icc1, icc2):
    frame = pd.read_csv(shared_data / "multilevel" / f"{data}.csv")
    result = icc1_icc2(frame[variable], frame[group])
    assert result.icc1 == pytest.approx(icc1, abs=1e-4)
    assert result.icc2 == pytest.approx(icc2, abs=1e-4)


def test_icc1_matches_the_published_well_being_value(bh1996):
    # ICC1(aov(WBEING ~ as.factor(GRP))) = 0.04336905, jasondmarshall.com/multilevel-steps
    assert icc1_icc2(bh1996["WBEING"], bh1996["GRP"]).icc1 == pytest.approx(0.04336905, abs=1e-7)


@pytest.mark.parametrize(
    ("icc1", "icc1k", "file"),
    [
        # pingouin tests/test_reliability.py l.57-69 (Shrout & Fleiss, 1979): ICC1 0.17, ICC1k 0.44
        (0.17, 0.44, "shrout_fleiss_1979.csv"),
        # pingouin tests/test_reliability.py l.73-86 (wine): ICC1 0.728, ICC1k 0.914
        (0.728, 0.914, "icc_wine.csv"),
    ],
)
def test_icc_equals_pingouin_one_way_icc_on_balanced_ratings(shared_data, icc1, icc1k, file):
    frame = pd.read_csv(shared_data / "pingouin-reliability" / file)
    if file == "icc_wine.csv":
        long = frame.rename(columns={"Wine": "target", "Judge": "rater", "Scores": "score"})
    else:
        long = frame.melt(id_vars="S", var_name="rater", value_name="score")
        long = long.rename(columns={"S": "target"})
    result = icc1_icc2(long["score"], long["target"])
    # with equal group sizes Bliese's ICC(1)/ICC(2) are Shrout & Fleiss's ICC(1,1)/ICC(1,k)
    table = pg.intraclass_corr(long, targets="target", raters="rater", ratings="score")
    table = table.set_index("Type")
    assert result.icc1 == pytest.approx(table.loc["ICC(1,1)", "ICC"], abs=1e-10)
    assert result.icc2 == pytest.approx(table.loc["ICC(1,k)", "ICC"], abs=1e-10)
    digits = 2 if icc1 == 0.17 else 3
    assert round(result.icc1, digits) == icc1 and round(result.icc2, digits) == icc1k


def test_grouped_icc_lists_each_variable(bh1996):
    table = grouped_icc(bh1996, ["HRS", "WBEING"], "GRP")
    assert list(table.columns) == ["n", "n_groups", "icc1", "icc2"]
    assert table.loc["WBEING", "n_groups"] == 99 and table.loc["WBEING", "n"] == 7382
    assert table.loc["HRS", "icc1"] == pytest.approx(0.133107, abs=1e-4)  # PROVENANCE.md table


def test_icc_needs_two_groups():
    values = pd.Series([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="two groups"):
        icc1_icc2(values, pd.Series(["a", "a", "a"]))
