"""escalc against metafor's escalc() (fixtures/escalc.json), and the input it refuses."""

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from analysis.effect_sizes import EffectSizeInputError, escalc

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "escalc.json").read_text())
CASES: list[dict[str, Any]] = FIXTURE["cases"]
TOLERANCE = 1e-6

NORMAND = {
    "m1i": [55.0, 27.0, 64.0],
    "sd1i": [47.0, 7.0, 17.0],
    "n1i": [155.0, 31.0, 75.0],
    "m2i": [75.0, 29.0, 119.0],
    "sd2i": [64.0, 4.0, 29.0],
    "n2i": [156.0, 32.0, 71.0],
}
TABLES = {"ai": [4.0, 6.0, 3.0], "bi": [119.0, 300.0, 228.0], "ci": [11.0, 29.0, 11.0]}
TABLES_WITH_DI = {**TABLES, "di": [128.0, 274.0, 209.0]}
CHANGE = {
    "m1i": [38.5, 26.8, 0.7],
    "m2i": [30.6, 23.5, 0.5],
    "sd1i": [11.6, 4.1, 0.1],
    "sd2i": [15.0, 3.1, 0.1],
    "ni": [20.0, 50.0, 9.0],
    "ri": [0.47, 0.64, 0.77],
}


def _expected(values: list[float | None]) -> np.ndarray[Any, np.dtype[np.float64]]:
    return np.array([np.nan if value is None else value for value in values], dtype=float)


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{number:03d}-{case['measure']}" for number, case in enumerate(CASES)]
)
def test_escalc_agrees_with_metafor(case: dict[str, Any]) -> None:
    result = escalc(case["measure"], **case["options"], **case["inputs"])

    for name in ("yi", "vi"):
        expected, actual = _expected(case[name]), getattr(result, name)
        assert np.array_equal(np.isnan(actual), np.isnan(expected)), f"{name} of {case['call']}"
        np.testing.assert_allclose(
            actual, expected, rtol=0, atol=TOLERANCE, equal_nan=True, err_msg=case["call"]
        )


def test_the_fixtures_cover_every_measure_and_zero_cell_option() -> None:
    measures = {case["measure"] for case in CASES}
    assert measures >= {"SMD", "MD", "ROM", "SMCR", "SMCC", "MC", "SMCRH", "OR", "RR", "RD"}
    assert measures >= {"AS", "PETO", "PR", "PLO", "PLN", "PAS", "PFT", "IRR", "IRD", "IRSD"}
    options = [case["options"] for case in CASES]
    assert {option.get("to") for option in options} >= {"all", "if0all", "none"}
    assert any(option.get("drop00") for option in options)


def test_numpy_arrays_are_accepted_and_the_result_is_read_only() -> None:
    arrays: dict[str, Any] = {name: np.array(values) for name, values in NORMAND.items()}
    result = escalc("SMD", **arrays)

    assert result.k == 3
    assert result.vtype == "LS"
    with pytest.raises(ValueError, match="read-only"):
        result.yi[0] = 0.0


def test_no_rows_give_no_effect_sizes() -> None:
    result = escalc("OR", ai=[], bi=[], ci=[], di=[])

    assert result.yi.shape == (0,)
    assert result.vi.shape == (0,)


def _refused(measure: str, **kwargs: Any) -> EffectSizeInputError:
    with pytest.raises(EffectSizeInputError) as caught:
        escalc(measure, **kwargs)
    assert isinstance(caught.value, ValueError)
    return caught.value


def test_an_unknown_measure_is_refused() -> None:
    error = _refused("HEDGES", **NORMAND)
    assert "unknown measure 'HEDGES'" in str(error)


@pytest.mark.parametrize(
    ("measure", "vtype", "columns"),
    [("SMD", "HO", NORMAND), ("MD", "LS2", NORMAND), ("OR", "UB", TABLES_WITH_DI),
     ("SMCR", "UB", CHANGE), ("PLO", "UB", {"xi": [1.0], "ni": [4.0]})],
)  # fmt: skip
def test_a_vtype_the_measure_does_not_have_is_refused(
    measure: str, vtype: str, columns: dict[str, list[float]]
) -> None:
    error = _refused(measure, vtype=vtype, **columns)
    assert f"vtype {vtype!r} is not available for {measure}" in str(error)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"to": "some"}, "to must be one of"),
        ({"add": -0.5}, "add must be a non-negative"),
        ({"add": float("nan")}, "add must be a non-negative"),
        ({"add": "1/2"}, "add must be a number"),
    ],
)
def test_bad_zero_cell_options_are_refused(options: dict[str, Any], message: str) -> None:
    assert message in str(_refused("OR", **options, **TABLES_WITH_DI))


def test_unknown_and_unused_columns_are_named() -> None:
    error = _refused("SMD", m1=[1.0], ai=[1.0, 2.0, 3.0], **NORMAND)

    assert [problem.column for problem in error.problems] == ["m1", "ai"]
    assert "unknown column 'm1'" in str(error)
    assert "column 'ai' is not used by SMD" in str(error)


def test_a_missing_column_is_named() -> None:
    columns = {name: values for name, values in NORMAND.items() if name != "sd2i"}
    assert "SMD needs column sd2i" in str(_refused("SMD", **columns))
    assert "OR needs column di or n2i" in str(_refused("OR", **TABLES))


def test_columns_of_unequal_length_are_refused() -> None:
    error = _refused("SMD", **{**NORMAND, "n2i": [156.0, 32.0]})
    assert "same length" in str(error)
    assert "n2i has 2" in str(error)


@pytest.mark.parametrize(
    ("value", "message"),
    [("7", "sd1i[1] is not a number"), (True, "sd1i[1] is not a number"),
     (float("inf"), "sd1i[1] is not a finite number")],
)  # fmt: skip
def test_values_that_are_not_finite_numbers_are_refused(value: Any, message: str) -> None:
    error = _refused("SMD", **{**NORMAND, "sd1i": [47.0, value, 17.0]})
    assert message in str(error)
    assert (error.column, error.row) == ("sd1i", 1)


@pytest.mark.parametrize("column", ["55, 27, 64", 55.0, {"0": 55.0}])
def test_a_column_that_is_not_a_list_is_refused(column: Any) -> None:
    error = _refused("SMD", **{**NORMAND, "m1i": column})
    assert "m1i must be a list of numbers" in str(error)


@pytest.mark.parametrize(
    ("measure", "columns", "column", "row", "message"),
    [
        ("SMD", {**NORMAND, "sd2i": [64.0, 4.0, -29.0]}, "sd2i", 2, "sd2i[2] = -29 is negative"),
        ("MD", {**NORMAND, "n1i": [155.0, 0.0, 75.0]}, "n1i", 1, "n1i[1] = 0 is not positive"),
        ("ROM", {**NORMAND, "n2i": [-1.0, 32.0, 71.0]}, "n2i", 0, "n2i[0] = -1 is not positive"),
        ("MC", {**CHANGE, "sd1i": [11.6, -4.1, 0.1]}, "sd1i", 1, "sd1i[1] = -4.1 is negative"),
        ("SMCR", {**CHANGE, "ri": [0.47, 0.64, 1.2]}, "ri", 2, "ri[2] = 1.2 is outside [-1, 1]"),
        ("SMCC", {**CHANGE, "ri": [-1.5, 0.64, 0.7]}, "ri", 0, "ri[0] = -1.5 is outside [-1, 1]"),
        ("SMCRH", {**CHANGE, "ni": [20.0, 0.0, 9.0]}, "ni", 1, "ni[1] = 0 is not positive"),
        ("OR", {**TABLES_WITH_DI, "ci": [11.0, -2.0, 11.0]}, "ci", 1, "ci[1] = -2 is negative"),
        (
            "RR",
            {**TABLES, "di": [128.0, 274.0, None], "n2i": [139.0, 303.0, -4.0]},
            "n2i",
            2,
            "n2i[2] = -4 is negative",
        ),
        (
            "RD",
            {"ai": [4.0, 12.0], "n1i": [123.0, 10.0], "ci": [1.0, 2.0], "n2i": [9.0, 9.0]},
            "ai",
            1,
            "ai[1] = 12 is larger than n1i[1] = 10",
        ),
        (
            "PETO",
            {**TABLES_WITH_DI, "n1i": [123.0, 306.0, 230.0]},
            "n1i",
            2,
            "n1i[2] = 230 is not ai + bi = 231",
        ),
        ("PR", {"xi": [3.0, 11.0], "ni": [10.0, 10.0]}, "xi", 1, "xi[1] = 11 is larger than ni[1]"),
        ("PLO", {"xi": [3.0, -1.0], "ni": [10.0, 10.0]}, "xi", 1, "xi[1] = -1 is negative"),
        ("PLN", {"xi": [0.0, 1.0], "ni": [0.0, 10.0]}, "ni", 0, "ni[0] = 0 is not positive"),
        ("PFT", {"xi": [0.0, 1.0], "mi": [0.0, 9.0]}, "mi", 0, "mi[0] = 0 leaves no one"),
        (
            "PAS",
            {"xi": [1.0, 2.0], "mi": [9.0, 8.0], "ni": [10.0, 9.0]},
            "ni",
            1,
            "ni[1] = 9 is not xi + mi = 10",
        ),
        (
            "IRR",
            {"x1i": [1.0], "x2i": [2.0], "t1i": [0.0], "t2i": [5.0]},
            "t1i",
            0,
            "t1i[0] = 0 is not positive",
        ),
    ],
)
def test_values_metafor_refuses_are_refused_naming_column_and_row(
    measure: str, columns: dict[str, Any], column: str, row: int, message: str
) -> None:
    error = _refused(measure, **columns)

    assert (error.column, error.row) == (column, row)
    assert message in str(error)


def test_a_missing_value_makes_only_its_own_row_missing() -> None:
    columns: dict[str, Any] = {**NORMAND, "sd1i": [47.0, None, 17.0], "n1i": [155.0, 31.0, None]}
    result = escalc("SMD", **columns)

    assert np.isnan(result.yi[1:]).all()
    assert not np.isnan(result.yi[0])


def test_every_bad_row_is_reported_up_to_ten_per_column() -> None:
    error = _refused("PR", xi=[-1.0] * 25, ni=[10.0] * 25)

    assert len(error.problems) == 10
    assert [problem.row for problem in error.problems] == list(range(10))
