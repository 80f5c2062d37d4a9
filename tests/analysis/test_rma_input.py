"""rma(): unusable input fails with MetaInputError; edge cases behave as metafor's do."""

import math

import pytest

from analysis.meta import MetaInputError, rma
from tests.analysis.rma_fixtures import case, load_fixture

YI = [0.1, 0.3, -0.2, 0.5, 0.05, 0.25]
VI = [0.04, 0.02, 0.05, 0.03, 0.06, 0.02]


def test_an_input_error_is_a_value_error() -> None:
    assert issubclass(MetaInputError, ValueError)


def test_yi_and_vi_of_different_lengths_are_refused() -> None:
    with pytest.raises(MetaInputError, match="yi has 6 values but vi has 5"):
        rma(YI, VI[:5])


@pytest.mark.parametrize("bad", [0.0, -0.01, math.nan, math.inf])
def test_a_sampling_variance_that_is_not_positive_and_finite_is_refused(bad: float) -> None:
    with pytest.raises(
        MetaInputError, match=r"vi must be finite and positive; not so at position\(s\) 3"
    ):
        rma(YI, [*VI[:2], bad, *VI[3:]])


def test_a_missing_outcome_is_refused_rather_than_dropped() -> None:
    with pytest.raises(MetaInputError, match="yi has missing"):
        rma([math.nan, *YI[1:]], VI)


def test_no_studies_at_all_is_refused() -> None:
    with pytest.raises(MetaInputError, match="k = 0"):
        rma([], [])


@pytest.mark.parametrize("method", ["reml", "GENQ", "BAYES", ""])
def test_an_unknown_method_is_refused(method: str) -> None:
    with pytest.raises(MetaInputError, match="Unknown method"):
        rma(YI, VI, method=method)


@pytest.mark.parametrize("test", ["t", "hksj", "KNHA"])
def test_an_unknown_test_is_refused(test: str) -> None:
    with pytest.raises(MetaInputError, match="Unknown test"):
        rma(YI, VI, test=test)


@pytest.mark.parametrize("level", [0, 100, -5, 150, math.nan])
def test_a_level_outside_zero_to_a_hundred_percent_is_refused(level: float) -> None:
    with pytest.raises(MetaInputError, match="level"):
        rma(YI, VI, level=level)


@pytest.mark.parametrize(
    "values", [[2.0] * 6, ["urban"] * 6], ids=["numeric", "factor with one level"]
)
def test_a_moderator_with_the_same_value_everywhere_is_refused(values: list[float | str]) -> None:
    with pytest.raises(MetaInputError, match="'x' has the same value in every study"):
        rma(YI, VI, moderators={"x": values})


def test_collinear_moderators_are_refused() -> None:
    x1 = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    with pytest.raises(MetaInputError, match="collinear"):
        rma(YI, VI, moderators={"x1": x1, "x2": [2 * value - 1 for value in x1]})


def test_a_numeric_moderator_that_repeats_a_factor_dummy_is_refused() -> None:
    group = ["a", "b", "a", "b", "a", "b"]
    dummy = [1.0 if g == "b" else 0.0 for g in group]
    with pytest.raises(MetaInputError, match="collinear"):
        rma(YI, VI, moderators={"group": group, "is_b": dummy})


def test_a_moderator_mixing_numbers_and_strings_is_refused() -> None:
    with pytest.raises(MetaInputError, match="must hold all numbers, or all strings"):
        rma(YI, VI, moderators={"x": [1.0, "a", 2.0, 3.0, 4.0, 5.0]})


def test_a_moderator_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(MetaInputError, match="has 5 values for 6 studies"):
        rma(YI, VI, moderators={"x": [1.0, 2.0, 3.0, 4.0, 5.0]})


def test_more_coefficients_and_tau2_than_studies_is_refused_but_an_equal_effects_fit_is_not() -> (
    None
):
    with pytest.raises(MetaInputError, match="larger than the number of studies"):
        rma(YI[:2], VI[:2], moderators={"x": [1.0, 2.0]})
    assert rma(YI[:2], VI[:2], method="EE", moderators={"x": [1.0, 2.0]}).p == 2


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"group": "d", "x": 1.0}, "must be one of its levels"),
        ({"x": 1.0}, "value for moderator 'group' is missing"),
        ({"group": "a", "x": 1.0, "year": 2000}, "unknown moderator"),
        ({"group": "a", "x": "high"}, "needs a finite number"),
    ],
)
def test_predictions_for_unknown_or_incomplete_moderator_values_are_refused(
    row: dict[str, float | str], message: str
) -> None:
    moderators = {"group": ["a", "b", "c", "a", "b", "c"], "x": [1.0, 3.0, 2.0, 5.0, 4.0, 6.0]}
    with pytest.raises(MetaInputError, match=message):
        rma(YI, VI, moderators=moderators, predict=[row])


def test_an_intercept_only_model_predicts_only_the_pooled_effect() -> None:
    model = rma(YI, VI, predict=[{}])
    assert model.predictions == (model.pooled,)
    with pytest.raises(MetaInputError, match="unknown moderator"):
        rma(YI, VI, predict=[{"x": 1.0}])


def test_a_factor_takes_its_alphabetically_first_level_as_reference_as_r_does() -> None:
    model = rma(YI, VI, method="EE", moderators={"region": ["west", "east", "north"] * 2})
    assert [row.name for row in model.coefficients] == ["intrcpt", "regionnorth", "regionwest"]


def test_with_one_study_tau2_is_zero_and_the_test_is_z_as_in_metafor() -> None:
    item = case("k1_reml_knha")
    assert item["warnings"] == ['Setting argument test="z" since k=1.']
    dataset = load_fixture()["datasets"]["bcg_k1"]
    model = rma(dataset["yi"], dataset["vi"], test="knha")
    assert (model.test, model.tau2, model.heterogeneity.se_tau2, model.df) == ("z", 0.0, None, None)
    assert any("k = 1" in note for note in model.notes)


def test_knapp_hartung_can_be_narrower_than_the_z_interval() -> None:
    """dat.hine1989: QE < k − 1, so s2w < 1 and the untruncated knha CI is the narrower one."""
    dataset = load_fixture()["datasets"]["hine1989"]
    z_model = rma(dataset["yi"], dataset["vi"], test="z")
    knha_model = rma(dataset["yi"], dataset["vi"], test="knha")
    assert knha_model.ci_ub - knha_model.ci_lb < z_model.ci_ub - z_model.ci_lb
    for test, model in (("z", z_model), ("knha", knha_model)):
        expected = case(f"hine1989_reml_{test}")["result"]
        assert model.ci_ub - model.ci_lb == pytest.approx(
            expected["ci_ub"][0] - expected["ci_lb"][0], abs=1e-6
        )
    assert knha_model.knha_scale < 1


def test_tau2_is_truncated_at_zero_where_metafor_truncates_it() -> None:
    expected = case("hine1989_dl_z")["result"]
    dataset = load_fixture()["datasets"]["hine1989"]
    assert expected["tau2"] == 0
    assert rma(dataset["yi"], dataset["vi"], method="DL").tau2 == 0.0


def test_equal_effects_models_have_no_prediction_interval() -> None:
    model = rma(YI, VI, method="FE")
    assert model.pooled is not None
    assert (model.pooled.pi_lb, model.pooled.pi_ub) == (None, None)
    assert model.method == "FE"
