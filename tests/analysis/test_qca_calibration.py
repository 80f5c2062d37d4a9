"""calibrate() against the QCA package's printed outputs (fixtures/qca/calibrate.json), and the
shapes, missing values and refusals around them."""

import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from analysis.qca import QcaInputError, calibrate

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "qca" / "calibrate.json").read_text())
CASES: list[dict[str, Any]] = FIXTURE["cases"]
TOLERANCE = 1e-6
# Ragin (2008), per capita income of 24 countries, as in the package's calibrate() examples.
INCOME = [40110, 34400, 25200, 24920, 20060, 17090, 15320, 13680, 11720, 11290, 10940, 9800,
          7470, 4670, 4100, 4070, 3740, 3690, 3590, 2980, 1000, 650, 450, 110]  # fmt: skip
HEIGHTS = np.linspace(150.0, 200.0, 101)


def _inputs(case: dict[str, Any]) -> list[float]:
    values: list[float] = FIXTURE["inputs"][case["input"]]["values"]
    return values


def _printed_precision(case: dict[str, Any]) -> float:
    """Half a unit of the last printed decimal; exact where R printed whole numbers."""
    return 1e-12 if case.get("exact") else 0.5 * 10.0 ** -case["digits"] + 1e-12


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_calibrate_agrees_with_the_printed_output_of_the_qca_package(
    case: dict[str, Any],
) -> None:
    actual = calibrate(_inputs(case), **case["arguments"])
    call = case["source"]["call"]

    if "expected_table" in case:
        rounded = Counter(f"{value:g}" for value in np.round(actual, case["digits"]))
        assert dict(rounded) == case["expected_table"], call
        np.testing.assert_allclose(actual, case["expected"], rtol=0, atol=TOLERANCE, err_msg=call)
    else:
        np.testing.assert_allclose(
            actual, case["expected"], rtol=0, atol=_printed_precision(case), err_msg=call
        )


def test_the_fixtures_cover_every_calibration_and_shape() -> None:
    arguments = [case["arguments"] for case in CASES]
    shapes = {len(a["thresholds"]) for a in arguments if isinstance(a.get("thresholds"), dict)}
    assert shapes == {3, 6}
    assert {a["type"] for a in arguments} == {"crisp", "fuzzy"}
    assert any(a.get("method") == "TFR" for a in arguments)
    assert any(a.get("ecdf") for a in arguments)
    assert any(a.get("logistic") is False and "below" in a for a in arguments)
    assert any("idm" in a for a in arguments)
    named = [a["thresholds"] for a in arguments if isinstance(a.get("thresholds"), dict)]
    assert any(t.get("e", 0) > t.get("i", 0) for t in named)  # decreasing
    assert any(t.get("i1") == t.get("i2") is not None for t in named)  # triangular bell
    assert any(t.get("e1") == t.get("e2") is not None for t in named)  # inverse bell
    # Printed to at least 8 decimals: every snapshot is checked more tightly than 1e-6.
    snapshots = [case for case in CASES if "expected_table" not in case]
    assert all(_printed_precision(case) <= TOLERANCE for case in snapshots)


def test_a_value_equal_to_a_crisp_threshold_goes_up() -> None:
    assert calibrate([1, 2, 3], type="crisp", thresholds=2).tolist() == [0, 1, 1]
    values = [1, 2, 2.5, 3, 4]
    assert calibrate(values, type="crisp", thresholds=[2, 3]).tolist() == [0, 1, 1, 2, 2]
    assert calibrate(values, type="crisp", thresholds=[3, 2]).tolist() == [0, 1, 1, 2, 2]


def test_logistic_memberships_at_the_anchors_are_idm_one_half_and_one_minus_idm() -> None:
    anchors = [165.0, 175.0, 185.0]
    rising = calibrate(anchors, thresholds={"e": 165, "c": 175, "i": 185})
    falling = calibrate(anchors, thresholds={"e": 185, "c": 175, "i": 165}, idm=0.99)

    np.testing.assert_allclose(rising, [0.05, 0.5, 0.95], atol=1e-12)
    np.testing.assert_allclose(falling, [0.99, 0.5, 0.01], atol=1e-12)


def test_a_decreasing_set_mirrors_the_increasing_one() -> None:
    for options in ({}, {"logistic": False}, {"logistic": False, "below": 2, "above": 0.5}):
        rising = calibrate(HEIGHTS, thresholds=[160, 175, 190], **options)
        falling = calibrate(HEIGHTS, thresholds=[190, 175, 160], **options)
        mirrored = calibrate(350 - HEIGHTS, thresholds=[160, 175, 190], **options)
        np.testing.assert_allclose(falling, mirrored, atol=1e-12)
        assert np.all(np.diff(rising) >= 0) and np.all(np.diff(falling) <= 0)


def test_linear_memberships_are_straight_lines_bent_by_below_and_above() -> None:
    values = [160, 165, 170, 175, 180, 185, 190]
    linear = calibrate(values, thresholds=[165, 175, 185], logistic=False)
    bent = calibrate(values, thresholds=[165, 175, 185], logistic=False, below=2, above=2)

    np.testing.assert_allclose(linear, [0, 0, 0.25, 0.5, 0.75, 1, 1])
    np.testing.assert_allclose(bent, [0, 0, 0.125, 0.5, 0.875, 1, 1])


def test_triangular_trapezoid_and_inverse_bells() -> None:
    values = [150, 155, 160, 165, 170, 175, 180, 185, 190, 195, 200]
    triangle = calibrate(values, thresholds=[155, 165, 175, 175, 185, 195])
    trapezoid = calibrate(values, thresholds=[155, 160, 165, 185, 190, 195])
    inverse = calibrate(values, thresholds={"i1": 155, "c1": 165, "e1": 170, "e2": 180,
                                            "c2": 185, "i2": 195})  # fmt: skip

    np.testing.assert_allclose(triangle, [0, 0, 0.25, 0.5, 0.75, 1, 0.75, 0.5, 0.25, 0, 0])
    np.testing.assert_allclose(trapezoid, [0, 0, 0.5, 1, 1, 1, 1, 1, 0.5, 0, 0])
    np.testing.assert_allclose(inverse, [1, 1, 0.75, 0.5, 0, 0, 0, 0.5, 0.75, 1, 1])


def test_ecdf_reads_memberships_off_the_values_between_the_anchors() -> None:
    values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100]
    rising = calibrate(values, thresholds=[1, 5, 9], logistic=False, ecdf=True)
    falling = calibrate(values, thresholds=[9, 5, 1], logistic=False, ecdf=True)

    # F counts the nine values 1..9 only: F(3) / F(5) / 2 = 0.3, 1 - (1 - F(7)) / (1 - F(5)) / 2.
    np.testing.assert_allclose(rising[[0, 1, 3, 5, 7, 9, 10]], [0, 0, 0.3, 0.5, 0.75, 1, 1])
    np.testing.assert_allclose(falling, 1 - rising, atol=1e-12)


def test_a_value_within_r_all_equal_tolerance_of_an_anchor_sits_on_it() -> None:
    near_exclusion = 165 * (1 + 1e-10)
    memberships = calibrate([near_exclusion], thresholds=[165, 175, 185], logistic=False,
                            below=0.001)  # fmt: skip
    assert memberships.tolist() == [0.0]


@pytest.mark.parametrize(
    "options",
    [
        {"type": "crisp", "thresholds": [170, 180]},
        {"thresholds": {"e": 165, "c": 175, "i": 185}},
        {"thresholds": [165, 175, 185], "logistic": False},
        {"thresholds": [155, 175, 195], "logistic": False, "ecdf": True},
        {"thresholds": [155, 165, 175, 175, 185, 195]},
        {"method": "TFR"},
        {"method": "indirect", "thresholds": [160, 170, 180, 190]},
    ],
    ids=["crisp", "logistic", "linear", "ecdf", "bell", "tfr", "indirect"],
)
def test_missing_values_stay_missing_and_change_nothing_else(options: dict[str, Any]) -> None:
    observed = list(HEIGHTS if options.get("method") != "TFR" else np.arange(1, 102) % 7 + 1)
    with_missing: list[float | None] = [None, *observed[:50], float("nan"), *observed[50:]]

    result = calibrate(with_missing, **options)

    assert np.isnan(result[0]) and np.isnan(result[51])
    np.testing.assert_allclose(np.delete(result, [0, 51]), calibrate(observed, **options))


def test_the_indirect_method_fits_the_pre_grouped_targets_by_maximum_likelihood() -> None:
    from analysis.qca.calibration_indirect import _design, fit_quasibinomial, group_targets

    values = np.array(INCOME, dtype=float)
    targets = group_targets(values, (1000, 4000, 5000, 10000, 20000))
    design = _design(values)
    fitted = fit_quasibinomial(design, targets)
    memberships = calibrate(INCOME, method="indirect", thresholds=[1000, 4000, 5000, 10000, 20000])

    assert Counter(targets.tolist()) == {0: 4, 0.2: 4, 0.4: 3, 0.6: 2, 0.8: 6, 1: 5}
    np.testing.assert_allclose(design.T @ (targets - fitted), 0, atol=1e-9)  # score equations
    assert memberships[0] == 1 and memberships[-1] == 0 and memberships[5] == 0.885719
    np.testing.assert_allclose(memberships[1:-1], np.round(fitted[1:-1], 6), atol=1e-12)


def test_tfr_gives_zero_to_the_first_category_and_one_to_the_last() -> None:
    memberships = calibrate([1, 1, 2, 3, 3, 3, 4], method="TFR")
    np.testing.assert_allclose(memberships, [0, 0, 0.2, 0.8, 0.8, 0.8, 1])


@pytest.mark.parametrize(
    ("values", "options", "message"),
    [
        ([1, 2, 3], {"thresholds": [1, 3, 2]}, "ordered e < c < i"),
        ([1, 2, 3], {"thresholds": [1, 1, 2]}, "ordered e < c < i"),
        ([1, 2, 3], {"thresholds": [1, 2, 3, 4]}, "either 3 or 6 thresholds"),
        ([1, 2, 3], {"thresholds": [1, 2, 3, 2.5, 4, 5]}, "e1 < c1 < i1"),
        ([1, 2, 3], {"thresholds": {"e": 1, "c": 2, "x": 3}}, "exactly e, c, i"),
        ([1, 2, 3], {"thresholds": [1, 2, 3], "idm": 0.5}, "bigger than 0.5 and less than 1"),
        ([1, 2, 3], {"thresholds": [1, 2, 3], "idm": 1.0}, "bigger than 0.5 and less than 1"),
        ([1, 2, 3], {"thresholds": [1, 2, 3], "logistic": False, "below": 0}, "positive"),
        ([1, 2, 3], {"thresholds": [1, 2, 3], "ecdf": True}, "logistic=False"),
        ([1, 2, 3], {"thresholds": [0, 1, 2, 2, 3, 4], "ecdf": True, "logistic": False}, "three"),
        ([1, "a", 3], {"thresholds": [1, 2, 3]}, "not numeric: value 1"),
        ([1, True, 3], {"thresholds": [1, 2, 3]}, "not numeric: value 1"),
        ([1, float("inf")], {"thresholds": [1, 2, 3]}, "infinite"),
        ("123", {"thresholds": [1, 2, 3]}, "list of numbers"),
        ([1, 2, 3], {"thresholds": None}, "not specified"),
        ([1, 2, 3], {"thresholds": [1, "b", 3]}, "finite number"),
        ([1, 2, 3], {"type": "crisp", "thresholds": 5}, "outside the range"),
        ([1, 2, 3], {"type": "crisp", "thresholds": [2, 2]}, "must all differ"),
        ([1, 2, 3], {"type": "crisp", "thresholds": {"e": 1, "c": 2, "i": 3}}, "Named"),
        ([1, 2, 3], {"type": "crisp", "method": "TFR"}, "method must be direct"),
        ([1, 2, 3], {"type": "semi", "thresholds": 2}, "Incorrect calibration type"),
        ([1, 2, 3], {"method": "other", "thresholds": 2}, "Incorrect calibration method"),
        ([1, 2, 3], {"method": "TFR", "thresholds": [2]}, "no thresholds"),
        ([0, 1, 1], {"method": "TFR"}, "values above 1"),
        ([-1, 2, 3], {"method": "indirect", "thresholds": [2]}, "at least 0"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(
    values: Any, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(QcaInputError, match=message) as raised:
        calibrate(values, **options)
    assert isinstance(raised.value, ValueError)


def test_the_result_is_a_new_float_array() -> None:
    values = np.array([1.0, 2.0, 3.0])
    result = calibrate(values, type="crisp", thresholds=2)
    assert result.dtype == np.float64 and result is not values
    assert values.tolist() == [1.0, 2.0, 3.0]
    assert calibrate([], thresholds=[1, 2, 3]).shape == (0,)
