"""minimize() against the QCA package's printed solutions (fixtures/qca/qca_minimize.json): models
as sets of terms, model ambiguity, contradictions, intermediate solutions, fit, cases."""

from typing import Any

import pytest

from analysis.qca import Minimization, QcaInputError, Solution, minimize, parse_expression
from analysis.qca import truth_table as make_truth_table
from analysis.qca.truth_table import TruthTable
from tests.analysis.qca_fixtures import case_ids, cases, dataset, literals, model_key

CASES = cases("minimize")


def _minimization(case: dict[str, Any]) -> Minimization:
    data, outcome, ids = dataset(case["dataset"], case["outcome"])
    table = make_truth_table(data, outcome, case["conditions"], case_ids=ids, **case["truth_table"])
    return minimize(table, **case["minimize"])


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_the_models_are_those_of_the_qca_package(case: dict[str, Any]) -> None:
    result = _minimization(case)

    found = [model_key([term.term for term in solution.terms]) for solution in result.solutions]
    expected = [model_key(model["terms"]) for model in case["models"]]
    assert not result.truncated
    assert set(found) == set(expected)
    assert len(found) == len(expected)
    if case.get("ordered"):
        assert found == expected
    if "essential" in case:
        assert {literals(term) for term in result.essential} == {
            literals(term) for term in case["essential"]
        }


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_the_parameters_of_fit_and_cases_are_those_of_the_qca_package(
    case: dict[str, Any],
) -> None:
    result = _minimization(case)
    by_model = {model_key([t.term for t in s.terms]): s for s in result.solutions}

    for model in case["models"]:
        solution = by_model[model_key(model["terms"])]
        for wanted in model.get("fits", []):
            _check_term(solution, wanted, case["tolerance"] + 1e-12)
        if "fit" in model:
            tolerance = case.get("model_tolerance", case["tolerance"]) + 1e-12
            actual = [solution.incl_s, solution.pri, solution.cov_s]
            assert actual == pytest.approx(model["fit"], abs=tolerance)
        if "simplifying_assumptions" in model:
            assert solution.simplifying_assumptions == tuple(model["simplifying_assumptions"])
        if "easy_counterfactuals" in model:
            assert solution.easy_counterfactuals == tuple(model["easy_counterfactuals"])
        if "pair" in model:
            pair = [solution.conservative_model, solution.parsimonious_model]
            assert pair == model["pair"]


def _check_term(solution: Solution, wanted: dict[str, Any], tolerance: float) -> None:
    term = next(t for t in solution.terms if literals(t.term) == literals(wanted["term"]))
    assert [term.incl_s, term.pri, term.cov_s] == pytest.approx(
        [wanted["incl_s"], wanted["pri"], wanted["cov_s"]], abs=tolerance
    )
    if wanted["cov_u"] is None:
        assert term.cov_u is None
    else:
        assert term.cov_u == pytest.approx(wanted["cov_u"], abs=tolerance)
    if "cases" in wanted:
        assert list(term.cases) == wanted["cases"]


@pytest.mark.parametrize(
    "case", [c for c in CASES if "prime_implicants" in c], ids=lambda c: c["id"]
)
def test_the_prime_implicant_chart_is_that_of_the_qca_package(case: dict[str, Any]) -> None:
    result = _minimization(case)
    table = result.truth_table
    explained = table.rows_with("1")

    chart = {
        term: [row.number for row in explained if _covers(table, term, row.configuration)]
        for term in result.prime_implicants
    }
    expected = {literals(term): rows for term, rows in case["prime_implicants"].items()}
    assert {literals(term): rows for term, rows in chart.items()} == expected


def _covers(table: TruthTable, term: str, configuration: tuple[int, ...]) -> bool:
    (implicant,) = parse_expression(term, table.conditions, table.levels)
    return all(
        code == 0 or code - 1 == value for code, value in zip(implicant, configuration, strict=True)
    )


def test_the_package_writes_terms_in_its_order_in_the_expression() -> None:
    result = _minimization(
        next(c for c in CASES if c["id"] == "CVF-PROTEST-parsimonious-four-models")
    )

    assert [s.expression for s in result.solutions] == [
        "~NATPRIDE + DEMOC*GEOCON*POLDIS + ~DEMOC*ETHFRACT*POLDIS + DEMOC*ETHFRACT*GEOCON",
        "~NATPRIDE + DEMOC*GEOCON*POLDIS + ~DEMOC*ETHFRACT*POLDIS + DEMOC*ETHFRACT*~POLDIS",
        "~NATPRIDE + DEMOC*GEOCON*POLDIS + DEMOC*ETHFRACT*GEOCON + ETHFRACT*GEOCON*POLDIS",
        "~NATPRIDE + DEMOC*GEOCON*POLDIS + DEMOC*ETHFRACT*~POLDIS + ETHFRACT*GEOCON*POLDIS",
    ]
    assert [s.name for s in result.solutions] == ["M1", "M2", "M3", "M4"]


def _partybans(contradictions: str) -> Minimization:
    data, outcome, ids = dataset("d.partybans", "PB")
    table = make_truth_table(data, outcome, ["C", "F", "T", "V"], incl_cut=[1, 0.4], case_ids=ids)
    return minimize(table, solution="parsimonious", contradictions=contradictions)


def test_a_contradiction_is_off_by_default_and_explained_on_request() -> None:
    contradiction = (2, 1, 2, 1)  # row 48: KE, NG, TZ, ZM, inclusion 0.5

    negative, positive = _partybans("negative"), _partybans("positive")

    def covered(result: Minimization) -> bool:
        table = result.truth_table
        terms = {t.term for s in result.solutions for t in s.terms}
        return any(_covers(table, term, contradiction) for term in terms)

    assert not covered(negative)
    assert covered(positive)
    assert all(any("KE" in t.cases for t in s.terms) for s in positive.solutions)
    assert not any("KE" in t.cases for s in negative.solutions for t in s.terms)


def _lipset(outcome: str = "SURV", **arguments: Any) -> TruthTable:
    data, name, ids = dataset("LC", outcome)
    return make_truth_table(
        data, name, ["DEV", "URB", "LIT", "IND", "STB"], case_ids=ids, **arguments
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"solution": "complex"}, "solution is one of"),
        ({"solution": "intermediate"}, "needs directional expectations"),
        ({"dir_exp": "DEV"}, "intermediate solution only"),
        ({"contradictions": "ignore"}, "contradictions is one of"),
        ({"max_models": 0}, "max_models"),
        ({"time_limit": 0}, "time_limit"),
        ({"solution": "intermediate", "dir_exp": "DEV, XYZ"}, "not one of the conditions"),
        ({"solution": "intermediate", "dir_exp": "DEV, ~DEV"}, "cancel each other out"),
        ({"solution": "intermediate", "dir_exp": "1,1,1"}, "3 directional expectations for 5"),
    ],
)
def test_options_the_package_refuses_are_refused(arguments: dict[str, Any], message: str) -> None:
    with pytest.raises(QcaInputError, match=message):
        minimize(_lipset(), **arguments)


def test_nothing_to_explain_is_refused_as_the_package_does() -> None:
    with pytest.raises(QcaInputError, match="Nothing to explain"):
        minimize(_lipset(incl_cut=1, n_cut=5))


def test_a_parsimonious_solution_without_negative_rows_is_refused_as_the_package_does() -> None:
    data = {"A": [0, 1, 1], "B": [1, 0, 1], "Y": [1, 1, 1]}
    table = make_truth_table(data, "Y", ["A", "B"])

    with pytest.raises(QcaInputError, match="all conditions are minimized"):
        minimize(table, solution="parsimonious")
    assert minimize(table).solutions[0].expression == "A + B"


def test_the_intermediate_solution_needs_a_property_space_it_can_hold() -> None:
    names = [f"C{j}" for j in range(17)]
    data: dict[str, list[float]] = {name: [j % 2, (j + 1) % 2] for j, name in enumerate(names)}
    data["Y"] = [1, 0]
    table = make_truth_table(data, "Y", names)

    with pytest.raises(QcaInputError, match="65,536 configurations"):
        minimize(table, solution="intermediate", dir_exp={"C0": 1})
    assert minimize(table, solution="parsimonious").solutions[0].simplifying_assumptions is None
