"""subgroups() against metafor 3.8-1 (fixtures/bias.json): per-group fits and the three tests
for subgroup differences, on dat.bcg (alloc), dat.hackshaw1998 (design; country, with groups of
one study) and dat.curtis1998 (fungrp, method), for REML, ML, DL, PM and EE under z and knha."""

from functools import cache
from typing import Any

import pytest

from analysis.meta import MetaInputError, MetaModel
from analysis.meta.subgroup_analysis import QTest, SubgroupAnalysis, subgroups
from tests.analysis.bias_fixtures import ABS, PERCENT, REL, case_ids, cases, dataset, report
from tests.analysis.rma_fixtures import mismatches

CASES = cases("subgroups")
BY_ID = {item["id"]: item for item in CASES}


@cache
def analysed(case_id: str) -> SubgroupAnalysis:
    item = BY_ID[case_id]
    data = dataset(item["dataset"])
    return subgroups(
        data["yi"],
        data["vi"],
        data["groups"][item["group"]],
        method=item["method"],
        test=item["test"],
        level=item["level"],
    )


def _model_problems(label: str, model: MetaModel, expected: dict[str, Any]) -> list[str]:
    het, row = model.heterogeneity, model.intercept
    first = {key: expected[key][0] for key in ("beta", "se", "zval", "pval", "ci_lb", "ci_ub")}
    problems = mismatches(
        f"{label}: beta, se, zval, ci.lb, ci.ub, tau2, se.tau2",
        [row.estimate, row.se, row.statistic, row.ci_lb, row.ci_ub, het.tau2, het.se_tau2],
        [first["beta"], first["se"], first["zval"], first["ci_lb"], first["ci_ub"],
         expected["tau2"], expected["se_tau2"]],
        abs_tol=ABS,
    )
    problems += mismatches(
        f"{label}: pval, QEp, H2",
        [row.pval, het.qe_pval, het.h2],
        [first["pval"], expected["QEp"], expected["H2"]],
        rel_tol=REL,
    )
    # QE is 0 for a group of one study, where a relative tolerance alone would demand 0 exactly.
    problems += mismatches(f"{label}: QE", [het.qe], [expected["QE"]], rel_tol=REL, abs_tol=1e-12)
    problems += mismatches(f"{label}: I2", [het.i2], [expected["I2"]], abs_tol=PERCENT)
    if (model.test, model.k) != (expected["test"], expected["k"]):
        problems.append(f"{label}: test and k {model.test}, {model.k} vs metafor's")
    return problems


def _q_problems(label: str, ours: QTest | None, q: float, df: int, p: float) -> list[str]:
    if ours is None:
        return [f"{label}: missing"]
    problems = mismatches(f"{label} Q", [ours.statistic], [q], rel_tol=REL, abs_tol=1e-12)
    problems += mismatches(f"{label} p", [ours.pval], [p], rel_tol=REL)
    return problems + ([] if ours.df == df else [f"{label} df {ours.df} vs metafor {df}"])


@pytest.mark.parametrize("item", CASES, ids=case_ids(CASES))
def test_each_group_model_matches_metafor_on_that_subset(item: dict[str, Any]) -> None:
    result = analysed(item["id"])
    assert [group.name for group in result.groups] == [g["group"] for g in item["groups"]]
    problems = []
    for ours, theirs in zip(result.groups, item["groups"], strict=True):
        assert ours.k == theirs["k"]
        problems += _model_problems(theirs["call"], ours.model, theirs)
    report(problems, item["id"])


@pytest.mark.parametrize("item", CASES, ids=case_ids(CASES))
def test_the_common_tau2_test_matches_metafors_factor_model(item: dict[str, Any]) -> None:
    result, expected = analysed(item["id"]), item["common"]
    assert result.common_tau2 is not None and result.common_tau2_model is not None
    qm = result.common_tau2
    assert [qm.df_num, qm.df_den] == expected["QMdf"]
    problems = (
        mismatches("QM", [qm.statistic], [expected["QM"]], rel_tol=REL)
        + mismatches("QMp", [qm.pval], [expected["QMp"]], rel_tol=REL)
        + mismatches("tau2", [result.common_tau2_model.tau2], [expected["tau2"]], abs_tol=ABS)
    )
    report(problems, expected["call"])


@pytest.mark.parametrize("item", CASES, ids=case_ids(CASES))
def test_the_separate_tau2_test_matches_an_ee_model_of_the_group_estimates(
    item: dict[str, Any],
) -> None:
    expected = item["separate"]
    ours = analysed(item["id"]).separate_tau2
    problems = _q_problems("Q between", ours, expected["QE"], expected["QEdf"], expected["QEp"])
    report(problems, expected["call"])


@pytest.mark.parametrize("item", CASES, ids=case_ids(CASES))
def test_the_fixed_effect_q_between_and_within_match_metafor(item: dict[str, Any]) -> None:
    fixed, expected = analysed(item["id"]).fixed_effect, item["fixed"]
    problems = (
        _q_problems(
            "between", fixed.between, expected["Q_between"], expected["df_between"],
            expected["p_between"],
        )
        + _q_problems(
            "within", fixed.within, expected["Q_within"], expected["df_within"],
            expected["p_within"],
        )
        + _q_problems(
            "total", fixed.total, expected["Q_total"], expected["df_total"], expected["p_total"]
        )
        + mismatches("Σ groups' QE", [fixed.within.statistic], [expected["Q_within_sum"]],
                     rel_tol=REL)
    )
    report(problems, expected["call"])


def test_a_group_of_one_study_gets_tau2_zero_and_a_z_test_as_in_metafor() -> None:
    result = analysed("hackshaw1998_country_reml_knha")
    single = next(group for group in result.groups if group.name == "Germany")
    assert single.k == 1
    assert single.model.test == "z"
    assert single.model.tau2 == 0.0
    assert any(note.startswith("Germany: ") and "test" in note for note in result.notes)


def test_too_few_studies_for_a_common_tau2_leave_that_test_out_with_a_note() -> None:
    result = subgroups([0.1, 0.5, 0.2], [0.01, 0.02, 0.03], ["a", "b", "c"], method="REML")
    assert result.common_tau2 is None
    assert result.common_tau2_model is None
    assert any("common-tau²" in note for note in result.notes)


YI = [0.1, 0.3, -0.2, 0.5, 0.05, 0.25]
VI = [0.04, 0.02, 0.05, 0.03, 0.06, 0.02]


def test_groups_of_the_wrong_length_are_refused() -> None:
    with pytest.raises(MetaInputError, match="groups has 5 values for 6 studies"):
        subgroups(YI, VI, ["a", "b", "a", "b", "a"])


def test_a_single_group_is_refused() -> None:
    with pytest.raises(MetaInputError, match="at least two groups"):
        subgroups(YI, VI, ["a"] * 6)


@pytest.mark.parametrize("bad", [[1, 2, 1, 2, 1, 2], ["a", "b", None, "a", "b", "a"]])
def test_groups_that_are_not_names_are_refused(bad: list[Any]) -> None:
    with pytest.raises(MetaInputError, match="groups must be names"):
        subgroups(YI, VI, bad)


def test_bad_outcomes_and_options_are_refused_as_rma_refuses_them() -> None:
    groups = ["a", "b"] * 3
    with pytest.raises(MetaInputError, match="Unknown method"):
        subgroups(YI, VI, groups, method="BAYES")
    with pytest.raises(MetaInputError, match="vi must be finite and positive"):
        subgroups(YI, [0.0, *VI[1:]], groups)
