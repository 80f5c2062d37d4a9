"""rma() against metafor 3.8-1 (fixtures/rma.json): every method × test on metafor's datasets.

Tolerances as the issue states: 1e-6 absolute for estimates, se, CI/PI bounds, tau² and test
statistics; 1e-6 relative for Q statistics and p-values; 1e-4 for I² (and R², also a percent).
"""

from functools import cache
from typing import Any

import pytest

from analysis.meta import MetaModel
from tests.analysis.rma_fixtures import case, cases, close, fit_case, mismatches

ABS = 1e-6
REL = 1e-6
PERCENT = 1e-4
CASES = cases()
IDS = [item["id"] for item in CASES]


@cache
def fitted(case_id: str) -> MetaModel:
    return fit_case(case(case_id))


def _check(problems: list[str], item: dict[str, Any]) -> None:
    assert not problems, f"{item['call']}\n" + "\n".join(problems)


@pytest.mark.parametrize("item", CASES, ids=IDS)
def test_coefficients_and_their_covariance_match_metafor(item: dict[str, Any]) -> None:
    model, expected = fitted(item["id"]), item["result"]
    rows = model.coefficients
    assert [row.name for row in rows] == expected["coef_names"]
    problems = (
        mismatches("beta", [r.estimate for r in rows], expected["beta"], abs_tol=ABS)
        + mismatches("se", [r.se for r in rows], expected["se"], abs_tol=ABS)
        + mismatches("zval", [r.statistic for r in rows], expected["zval"], abs_tol=ABS)
        + mismatches("pval", [r.pval for r in rows], expected["pval"], rel_tol=REL)
        + mismatches("ci_lb", [r.ci_lb for r in rows], expected["ci_lb"], abs_tol=ABS)
        + mismatches("ci_ub", [r.ci_ub for r in rows], expected["ci_ub"], abs_tol=ABS)
    )
    for i, (ours, theirs) in enumerate(zip(model.vcov, expected["vb"], strict=True)):
        problems += mismatches(f"vb[{i}]", ours, theirs, abs_tol=ABS)
    _check(problems, item)


@pytest.mark.parametrize("item", CASES, ids=IDS)
def test_tau2_and_heterogeneity_match_metafor(item: dict[str, Any]) -> None:
    het, expected = fitted(item["id"]).heterogeneity, item["result"]
    assert het.qe_df == expected["k"] - expected["p"]
    problems = (
        mismatches("tau2", [het.tau2], [expected["tau2"]], abs_tol=ABS)
        + mismatches("se_tau2", [het.se_tau2], [expected["se_tau2"]], abs_tol=ABS)
        + mismatches("I2", [het.i2], [expected["I2"]], abs_tol=PERCENT)
        + mismatches("H2", [het.h2], [expected["H2"]], rel_tol=REL)
        + mismatches("QE", [het.qe], [expected["QE"]], rel_tol=REL, abs_tol=1e-12)
        + mismatches("QEp", [het.qe_pval], [expected["QEp"]], rel_tol=REL)
    )
    _check(problems, item)


@pytest.mark.parametrize("item", CASES, ids=IDS)
def test_the_omnibus_test_of_moderators_matches_metafor(item: dict[str, Any]) -> None:
    qm, expected = fitted(item["id"]).moderator_test, item["result"]
    assert [qm.df_num, qm.df_den] == expected["QMdf"]
    problems = mismatches("QM", [qm.statistic], [expected["QM"]], rel_tol=REL) + mismatches(
        "QMp", [qm.pval], [expected["QMp"]], rel_tol=REL
    )
    _check(problems, item)


@pytest.mark.parametrize("item", CASES, ids=IDS)
def test_log_likelihood_and_information_criteria_match_metafor(item: dict[str, Any]) -> None:
    model, expected = fitted(item["id"]), item["result"]
    problems = []
    for label, ours in (("fit_ml", model.fit_ml), ("fit_reml", model.fit_reml)):
        theirs = expected[label]
        values = [ours.log_likelihood, ours.deviance, ours.aic, ours.bic, ours.aicc]
        reference = [theirs[key] for key in ("ll", "dev", "AIC", "BIC", "AICc")]
        problems += mismatches(label, values, reference, abs_tol=ABS)
    _check(problems, item)


@pytest.mark.parametrize("item", CASES, ids=IDS)
def test_weights_r2_and_test_settings_match_metafor(item: dict[str, Any]) -> None:
    model, expected = fitted(item["id"]), item["result"]
    assert (model.test, model.k, model.p, model.df) == (
        expected["test"],
        expected["k"],
        expected["p"],
        expected["ddf"],
    )
    problems = (
        mismatches("weights", model.weights, expected["weights"], abs_tol=ABS)
        + mismatches("R2", [model.r2], [expected["R2"]], abs_tol=PERCENT)
        + mismatches("s2w", [model.knha_scale], [expected["s2w"]], abs_tol=ABS)
    )
    _check(problems, item)


@pytest.mark.parametrize("item", CASES, ids=IDS)
def test_predictions_and_prediction_intervals_match_metafor(item: dict[str, Any]) -> None:
    model, expected = fitted(item["id"]), item["result"]["predictions"]
    ours = list(model.predictions) if item["moderators"] else [model.pooled]
    assert len(ours) == len(expected)
    problems = []
    for i, (prediction, theirs) in enumerate(zip(ours, expected, strict=True)):
        assert prediction is not None
        for field in ("pred", "se", "ci_lb", "ci_ub", "pi_lb", "pi_ub"):
            value = getattr(prediction, field)
            if not close(value, theirs[field], abs_tol=ABS):
                problems.append(f"prediction {i} {field}: {value!r} vs metafor {theirs[field]!r}")
    _check(problems, item)
