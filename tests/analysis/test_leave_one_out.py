"""leave_one_out() against metafor 3.8-1's leave1out() (fixtures/bias.json): dat.bcg with every
estimator under z and knha, dat.hackshaw1998, dat.normand1999 and k = 2 (fits of one study)."""

from functools import cache
from typing import Any

import pytest

from analysis.meta import MetaInputError
from analysis.meta.leave_one_out import LeaveOneOut, leave_one_out
from tests.analysis.bias_fixtures import ABS, PERCENT, REL, case_ids, cases, dataset, report
from tests.analysis.rma_fixtures import mismatches

CASES = cases("leave1out")
BY_ID = {item["id"]: item for item in CASES}
ABSOLUTE = ("estimate", "se", "statistic", "ci_lb", "ci_ub", "tau2")
RELATIVE = (("pval", "pval"), ("q", "Q"), ("q_pval", "Qp"), ("h2", "H2"))


@cache
def refitted(case_id: str) -> LeaveOneOut:
    item = BY_ID[case_id]
    data = dataset(item["dataset"])
    return leave_one_out(
        data["yi"], data["vi"], method=item["method"], test=item["test"], level=item["level"]
    )


@pytest.mark.parametrize("item", CASES, ids=case_ids(CASES))
def test_every_omitted_study_gives_metafors_row(item: dict[str, Any]) -> None:
    rows, expected = refitted(item["id"]).studies, item["result"]
    assert [row.omitted for row in rows] == list(range(len(expected["estimate"])))
    problems = []
    for name in ABSOLUTE:
        problems += mismatches(name, [getattr(r, name) for r in rows], expected[name], abs_tol=ABS)
    for ours, theirs in RELATIVE:
        problems += mismatches(theirs, [getattr(r, ours) for r in rows], expected[theirs],
                               rel_tol=REL)
    problems += mismatches("I2", [r.i2 for r in rows], expected["I2"], abs_tol=PERCENT)
    assert all(row.failed is None for row in rows)
    report(problems, item["call"])


def test_equal_effects_rows_have_no_tau2_as_metafor_leaves_the_column_out() -> None:
    rows = refitted("bcg_ee_z").studies
    assert all(row.tau2 is None for row in rows)


def test_one_study_is_refused() -> None:
    with pytest.raises(MetaInputError, match="at least 2 studies"):
        leave_one_out([0.2], [0.01])


def test_bad_input_is_refused_as_rma_refuses_it() -> None:
    with pytest.raises(MetaInputError, match="yi has 3 values but vi has 2"):
        leave_one_out([0.1, 0.2, 0.3], [0.01, 0.02])
    with pytest.raises(MetaInputError, match="level is a percentage"):
        leave_one_out([0.1, 0.2, 0.3], [0.01, 0.02, 0.03], level=100)
