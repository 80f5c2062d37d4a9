"""truth_table() against the QCA package's printed truth tables (qca_truth_tables.json), and
its rules for cut-offs, fuzzy values of 0.5 and refused input."""

from typing import Any

import pytest

from analysis.qca import QcaInputError, truth_table
from tests.analysis.qca_fixtures import case_ids, cases, dataset

CASES = cases("truth_tables")


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_a_truth_table_agrees_with_the_qca_package(case: dict[str, Any]) -> None:
    data, outcome, ids = dataset(case["dataset"], case["outcome"])

    table = truth_table(data, outcome, case["conditions"], case_ids=ids, **case["arguments"])

    expected = {row["number"]: row for row in case["rows"]}
    assert [row.number for row in table.rows] == sorted(expected)
    tolerance = case["tolerance"] + 1e-12
    for row in table.rows:
        wanted = expected[row.number]
        assert list(row.configuration) == wanted["configuration"]
        assert row.n == wanted["n"], row.number
        assert row.incl == pytest.approx(wanted["incl"], abs=tolerance), row.number
        assert row.pri == pytest.approx(wanted["pri"], abs=tolerance), row.number
        if wanted["out"] is not None:
            assert row.out == wanted["out"], row.number
        if "cases" in wanted:
            assert list(row.cases) == wanted["cases"], row.number


def _fuzzy_data() -> dict[str, list[float]]:
    return {
        "A": [0.9, 0.8, 0.2, 0.5, 0.7],
        "B": [0.6, 0.3, 0.1, 0.9, 0.8],
        "Y": [0.8, 0.4, 0.1, 0.9, 0.7],
    }


def test_a_case_with_a_fuzzy_value_of_one_half_belongs_to_no_row_as_in_the_package() -> None:
    table = truth_table(_fuzzy_data(), "Y", ["A", "B"])

    all_cases = [case for row in table.rows for case in row.cases]
    assert "4" not in all_cases
    assert len(all_cases) == 4
    assert table.notes and "0.5" in table.notes[0]
    # Its corner (A > 0.5 is false, B true) is still a row, with n counting memberships > 0.5.
    assert 2 in [row.number for row in table.rows]
    assert next(row for row in table.rows if row.number == 2).n == 0


def test_rows_with_fewer_cases_than_n_cut_are_remainders() -> None:
    data, outcome, ids = dataset("LC", "SURV")

    table = truth_table(data, outcome, ["DEV", "URB", "LIT", "IND", "STB"], n_cut=3, case_ids=ids)

    assert {row.number: row.out for row in table.rows if row.n < 3} == {
        2: "?",
        5: "?",
        6: "?",
        22: "?",
        23: "?",
        24: "?",
        31: "?",
    }
    assert {row.number: row.out for row in table.rows if row.n >= 3} == {1: "0", 32: "1"}


def test_pri_cut_makes_a_consistent_row_negative_and_never_a_contradiction() -> None:
    data, outcome, ids = dataset("LF", "SURV")
    conditions = ["DEV", "URB", "LIT", "IND", "STB"]

    table = truth_table(data, outcome, conditions, incl_cut=[0.8, 0.6], pri_cut=0.75, case_ids=ids)

    outputs = {row.number: row.out for row in table.rows}
    assert outputs[22] == "0"  # incl 0.804 ≥ 0.8 but PRI 0.719 < 0.75
    assert outputs[32] == "1"
    assert outputs[24] == "C"  # 0.6 ≤ incl 0.709 < 0.8


def test_a_leading_tilde_and_negate_outcome_both_negate_and_cancel_out() -> None:
    data, _, ids = dataset("LC", "SURV")
    conditions = ["DEV", "URB", "LIT", "IND", "STB"]

    tilde = truth_table(data, "~SURV", conditions, case_ids=ids)
    flag = truth_table(data, "SURV", conditions, negate_outcome=True, case_ids=ids)
    both = truth_table(data, "~SURV", conditions, negate_outcome=True, case_ids=ids)

    assert [r.out for r in tilde.rows] == [r.out for r in flag.rows]
    assert tilde.outcome_label == flag.outcome_label == "~SURV"
    assert both.outcome_label == "SURV"
    assert [r.out for r in both.rows] == [r.out for r in truth_table(data, "SURV", conditions).rows]


def test_multi_value_data_are_labelled_with_brackets() -> None:
    data, outcome, ids = dataset("LM", "SURV")

    table = truth_table(data, outcome, ["DEV", "URB", "LIT", "IND", "STB"], case_ids=ids)

    assert table.levels == (3, 2, 2, 2, 2)
    assert table.multivalue
    assert table.outcome_label == "SURV[1]"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"conditions": ["A", "Z"]}, "Not in the data: Z"),
        ({"conditions": ["A", "A"]}, "named twice"),
        ({"conditions": ["A", "Y"]}, "cannot also be a condition"),
        ({"conditions": []}, "at least one condition"),
        ({"incl_cut": [0.7, 0.9]}, "incl0 ≤ incl1"),
        ({"incl_cut": [0.9, 0.8, 0.7]}, "one cut-off, or two"),
        ({"n_cut": 0}, "n_cut"),
        ({"pri_cut": 1.5}, "pri_cut"),
        ({"case_ids": ["a", "a", "b", "c", "d"]}, "unique"),
        ({"case_ids": ["a"]}, "1 names for 5 cases"),
    ],
)
def test_input_the_package_refuses_is_refused_with_a_clear_message(
    change: dict[str, Any], message: str
) -> None:
    arguments: dict[str, Any] = {"conditions": ["A", "B"], **change}
    conditions = arguments.pop("conditions")

    with pytest.raises(QcaInputError, match=message):
        truth_table(_fuzzy_data(), "Y", conditions, **arguments)


@pytest.mark.parametrize(
    ("column", "values", "message"),
    [
        ("A", [1.2, 0.3, 0.1, 0.2, 0.9], "outside \\[0, 1\\]"),
        ("A", [1, 0, -1, 0, 1], "negative values"),
        ("A", [1, 0, float("nan"), 0, 1], "missing or infinite"),
        ("A", [1, 0, 1], "differ in length"),
        ("Y", [2, 0, 1, 0, 1], "between 0 and 1"),
    ],
)
def test_values_that_are_not_calibrated_set_memberships_are_refused(
    column: str, values: list[float], message: str
) -> None:
    data: dict[str, list[float]] = {**_fuzzy_data(), column: values}

    with pytest.raises(QcaInputError, match=message):
        truth_table(data, "Y", ["A", "B"])
