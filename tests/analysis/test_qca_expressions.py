"""Expressions as the QCA package writes them: parsing, writing, the order of terms, and
directional expectations."""

import pytest

from analysis.qca import QcaInputError, parse_expression, write_expression, write_term
from analysis.qca.expressions import sort_terms
from analysis.qca.intermediate import directional_expectations
from tests.analysis.qca_fixtures import cases

LIPSET = ["DEV", "URB", "LIT", "IND", "STB"]
BINARY = [2, 2, 2, 2, 2]


def test_presence_absence_and_values_are_read_into_the_packages_encoding() -> None:
    assert parse_expression("DEV*~URB + STB", LIPSET, BINARY) == [(2, 1, 0, 0, 0), (0, 0, 0, 0, 2)]
    assert parse_expression("DEV[1] * URB[0]", LIPSET, BINARY) == [(2, 1, 0, 0, 0)]
    assert parse_expression("~DEV[1]", LIPSET, BINARY) == [(1, 0, 0, 0, 0)]
    assert parse_expression("DEV{2}*IND[0]", LIPSET, [3, 2, 2, 2, 2]) == [(3, 0, 0, 1, 0)]
    assert parse_expression(" STB + STB ", LIPSET, BINARY) == [(0, 0, 0, 0, 2)]


def test_terms_are_written_with_literals_in_the_order_of_the_conditions() -> None:
    assert write_term((2, 1, 0, 0, 2), LIPSET, multivalue=False) == "DEV*~URB*STB"
    assert write_term((3, 1, 2, 0, 0), LIPSET, multivalue=True) == "DEV[2]*URB[0]*LIT[1]"
    assert write_expression([(0, 0, 0, 0, 2), (2, 0, 0, 1, 0)], LIPSET, False) == "STB + DEV*~IND"


@pytest.mark.parametrize(
    "case", [c for c in cases("minimize") if c.get("ordered")], ids=lambda c: c["id"]
)
def test_every_printed_term_reads_back_and_is_written_as_printed(case: dict[str, object]) -> None:
    conditions = case["conditions"]
    assert isinstance(conditions, list)
    levels = [3 if case["dataset"] == "d.mmv" else 2] * len(conditions)
    if case["dataset"] == "d.mmv":
        levels[-1] = 4
    multivalue = case["dataset"] == "d.mmv"
    models = case["models"]
    assert isinstance(models, list)
    for model in models:
        for term in model["terms"]:
            (implicant,) = parse_expression(term, conditions, levels)
            assert write_term(implicant, conditions, multivalue) == term


def test_terms_are_ordered_as_the_package_orders_a_prime_implicant_chart() -> None:
    conditions = ["ES", "QU", "WS", "WM", "LP"]
    printed = ["WS", "~ES*LP", "ES*WM", "QU*LP", "WM*LP", "ES*~QU*~LP", "~QU*~WM*~LP"]
    implicants = [parse_expression(t, conditions, BINARY)[0] for t in reversed(printed)]

    ordered = sort_terms(implicants)

    assert [write_term(i, conditions, False) for i in ordered] == printed


@pytest.mark.parametrize(
    ("text", "levels", "message"),
    [
        ("", BINARY, "empty"),
        ("DEV + ", BINARY, "empty term"),
        ("DEV*XYZ", BINARY, "not one of the conditions"),
        ("DEV*~DEV", BINARY, "two values of DEV"),
        ("DEV", [3, 2, 2, 2, 2], "multi-value"),
        ("DEV[3]", [3, 2, 2, 2, 2], "values 0 to 2"),
        ("~DEV[2]", [3, 2, 2, 2, 2], "each value as its own term"),
        ("DEV -> STB", BINARY, "arrow"),
        ("DEV & STB", BINARY, "Cannot read"),
    ],
)
def test_expressions_the_package_cannot_read_are_refused(
    text: str, levels: list[int], message: str
) -> None:
    with pytest.raises(QcaInputError, match=message):
        parse_expression(text, LIPSET, levels)


def test_directional_expectations_in_every_form_the_package_accepts() -> None:
    expected = [(2, 0, 0, 0, 0), (0, 0, 0, 0, 2), (0, 0, 1, 2, 0)]

    assert directional_expectations("DEV, STB, ~LIT*IND", LIPSET, BINARY) == expected
    assert directional_expectations(["DEV", "STB", "~LIT*IND"], LIPSET, BINARY) == expected
    assert directional_expectations("1,-,-,-,1", LIPSET, BINARY) == expected[:2]
    assert (
        directional_expectations({"DEV": 1, "URB": "-", "STB": 1}, LIPSET, BINARY) == expected[:2]
    )
    assert directional_expectations({"IND": 0}, LIPSET, BINARY) == [(0, 0, 0, 1, 0)]
    assert directional_expectations("DEV:LIT", LIPSET, BINARY) == [
        (2, 0, 0, 0, 0),
        (0, 2, 0, 0, 0),
        (0, 0, 2, 0, 0),
    ]


def test_multi_value_expectations_allow_several_values_of_a_condition() -> None:
    conditions, levels = ["C", "F", "T", "V"], [3, 3, 3, 2]

    from_text = directional_expectations("1, 1;2, 2, 1", conditions, levels)
    from_mapping = directional_expectations(
        {"C": 1, "F": [1, 2], "T": 2, "V": 1}, conditions, levels
    )

    assert (
        from_text
        == from_mapping
        == [(2, 0, 0, 0), (0, 2, 0, 0), (0, 3, 0, 0), (0, 0, 3, 0), (0, 0, 0, 2)]
    )


def test_a_conjunctural_expectation_that_contains_an_individual_one_is_absorbed() -> None:
    assert directional_expectations("DEV, DEV*URB", LIPSET, BINARY) == [(2, 0, 0, 0, 0)]
