"""pof() against the QCA package's printed parameters of fit (fixtures/qca/qca_pof.json), and the
definitions behind inclS, PRI, covS, covU, inclN, RoN and covN."""

import math
from typing import Any

import numpy as np
import pytest

from analysis.qca import NecessityFit, QcaInputError, SufficiencyFit, pof
from analysis.qca.fit import necessity_scores, sufficiency_scores, unique_coverages
from tests.analysis.qca_fixtures import case_ids, cases, dataset

CASES = cases("pof")


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_the_parameters_of_fit_are_those_of_the_qca_package(case: dict[str, Any]) -> None:
    arguments = dict(case["arguments"])
    data, outcome, _ = dataset(case["dataset"], arguments.pop("outcome"))

    result = pof(data, outcome, **arguments)

    rows: tuple[SufficiencyFit | NecessityFit, ...] = result.rows
    assert [row.term for row in rows] == [row["term"] for row in case["rows"]]
    for row, wanted in zip(rows, case["rows"], strict=True):
        fields = [key for key in wanted if key != "term"]
        for field in fields:
            actual, expected = getattr(row, field), wanted[field]
            if expected is None:
                assert actual is None or math.isnan(actual), (row.term, field)
            else:
                assert actual == pytest.approx(expected, abs=_slack(case)), (row.term, field)


def _slack(case: dict[str, Any]) -> float:
    """The fixture's tolerance; a value halfway between two printed ones (0.3125 printed
    0.312) lies exactly on it, so allow for the rounding of the difference."""
    return float(case["tolerance"]) + 1e-12


def test_sufficiency_and_necessity_follow_their_definitions() -> None:
    x = np.array([0.9, 0.6, 0.2, 0.7, 0.1])
    y = np.array([0.8, 0.7, 0.4, 0.3, 0.2])
    both = np.minimum(x, y)
    against = np.minimum(both, 1 - y).sum()

    incl, pri, cov = sufficiency_scores(x, y)
    incl_n, ron, cov_n = necessity_scores(x, y)

    assert incl == pytest.approx(both.sum() / x.sum())
    assert pri == pytest.approx((both.sum() - against) / (x.sum() - against))
    assert cov == pytest.approx(both.sum() / y.sum())
    assert incl_n == pytest.approx(both.sum() / y.sum())
    assert ron == pytest.approx((1 - x).sum() / (1 - both).sum())
    assert cov_n == pytest.approx(both.sum() / x.sum())


def test_unique_coverage_is_what_no_other_term_covers() -> None:
    y = np.array([1.0, 1.0, 1.0, 0.0, 0.6])
    terms = [np.array([1.0, 1.0, 0.0, 0.0, 0.5]), np.array([0.0, 1.0, 1.0, 1.0, 0.7])]

    assert unique_coverages(terms, y) == pytest.approx([(2.5 - 1.5) / 3.6, (2.6 - 1.5) / 3.6])


def test_a_term_covered_by_two_others_with_equal_memberships_has_no_unique_coverage() -> None:
    y = np.ones(3)
    same = np.array([1.0, 0.5, 0.0])

    assert unique_coverages([same, same.copy(), np.zeros(3)], y) == pytest.approx([0, 0, 0])


def test_an_expression_of_several_terms_gets_a_row_for_the_whole_without_unique_coverage() -> None:
    data, outcome, _ = dataset("LF", "SURV")

    result = pof(data, outcome, relation="sufficiency", expression="DEV*~IND + URB*STB")

    assert [row.term for row in result.rows] == ["DEV*~IND", "URB*STB", "expression"]
    last = result.rows[-1]
    assert isinstance(last, SufficiencyFit)
    assert last.cov_u is None
    assert [last.incl_s, last.pri, last.cov_s] == pytest.approx([0.850, 0.819, 0.714], abs=5e-4)
    assert all(isinstance(row, SufficiencyFit) and row.cov_u is not None for row in result.rows[:2])


def test_conditions_default_to_every_other_column() -> None:
    data, outcome, _ = dataset("dd", "O")

    result = pof(data, outcome)

    assert result.relation == "necessity"
    assert [row.term for row in result.rows] == ["A", "B", "C", "D"]
    assert all(isinstance(row, NecessityFit) for row in result.rows)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"relation": "implication"}, 'necessity" or "sufficiency'),
        ({"expression": "A*B", "conditions": ["A"]}, "not both"),
        ({"expression": "A*Z"}, "Not in the data: Z"),
        ({"expression": "A -> O"}, "arrow"),
        ({"conditions": ["M"]}, "multi-value"),
    ],
)
def test_pof_refuses_what_it_cannot_compute(arguments: dict[str, Any], message: str) -> None:
    data, outcome, _ = dataset("dd", "O")
    data["M"] = [0, 1, 2, 1, 0]

    with pytest.raises(QcaInputError, match=message):
        pof(data, outcome, **arguments)
