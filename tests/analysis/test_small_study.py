"""regtest() and trimfill() against metafor 3.8-1 (fixtures/bias.json).

regtest: dat.bcg, dat.hackshaw1998, dat.normand1999, dat.curtis1998 and a synthetic set with
small-study effects, REML/DL/EE × z/knha and Egger's lm; every predictor on dat.bcg.
trimfill: the same sets and one with the gap on the right, L0 and R0, the side chosen by
metafor's rule or given.
"""

from functools import cache
from typing import Any

import pytest

from analysis.meta import MetaInputError
from analysis.meta.regression_test import RegressionTest, regtest
from analysis.meta.trim_and_fill import TrimAndFill, trimfill
from tests.analysis.bias_fixtures import ABS, PERCENT, REL, case_ids, cases, dataset, report
from tests.analysis.rma_fixtures import mismatches

REGTESTS = cases("regtest")
TRIMFILLS = cases("trimfill")
BY_ID = {("regtest", item["id"]): item for item in REGTESTS} | {
    ("trimfill", item["id"]): item for item in TRIMFILLS
}


@cache
def regression(case_id: str) -> RegressionTest:
    item = BY_ID["regtest", case_id]
    data = dataset(item["dataset"])
    return regtest(
        data["yi"],
        data["vi"],
        model=item["model"],
        predictor=item["predictor"],
        method=item["method"],
        test=item["test"],
        level=item["level"],
        ni=data["ni"],
    )


@cache
def trimmed_and_filled(case_id: str) -> TrimAndFill:
    item = BY_ID["trimfill", case_id]
    data = dataset(item["dataset"])
    return trimfill(
        data["yi"],
        data["vi"],
        method=item["method"],
        test=item["test"],
        level=item["level"],
        estimator=item["estimator"],
        side=item["side"],
    )


@pytest.mark.parametrize("item", REGTESTS, ids=case_ids(REGTESTS))
def test_regtest_matches_metafor(item: dict[str, Any]) -> None:
    ours, expected = regression(item["id"]), item["result"]
    assert ours.df == expected["ddf"]
    limit = ours.limit_estimate
    problems = (
        mismatches("zval", [ours.statistic], [expected["zval"]], abs_tol=ABS)
        + mismatches("pval", [ours.pval], [expected["pval"]], rel_tol=REL)
        + mismatches("beta", [c.estimate for c in ours.fit.coefficients], expected["beta"],
                     abs_tol=ABS)
        + mismatches("se", [c.se for c in ours.fit.coefficients], expected["se"], abs_tol=ABS)
    )
    if expected["est"] is None:
        problems += [] if limit is None else ["metafor gives no limit estimate"]
    else:
        assert limit is not None
        problems += mismatches(
            "est, ci.lb, ci.ub",
            [limit.estimate, limit.ci_lb, limit.ci_ub],
            [expected["est"], expected["ci_lb"], expected["ci_ub"]],
            abs_tol=ABS,
        )
    if item["model"] == "rma":
        problems += mismatches("tau2", [ours.fit.tau2], [expected["tau2"]], abs_tol=ABS)
    report(problems, item["call"])


@pytest.mark.parametrize("item", TRIMFILLS, ids=case_ids(TRIMFILLS))
def test_trimfill_finds_the_same_missing_studies_as_metafor(item: dict[str, Any]) -> None:
    ours, expected = trimmed_and_filled(item["id"]), item["result"]
    assert (ours.side, ours.k0) == (expected["side"], expected["k0"]), item["call"]
    problems = (
        mismatches("se.k0", [ours.se_k0], [expected["se_k0"]], abs_tol=ABS)
        + mismatches("p.k0", [ours.p_k0], [expected["p_k0"]], rel_tol=REL)
        + mismatches("filled yi", list(ours.filled_yi), expected["fill_yi"], abs_tol=ABS)
        + mismatches("filled vi", list(ours.filled_vi), expected["fill_vi"], abs_tol=ABS)
    )
    report(problems, item["call"])


@pytest.mark.parametrize("item", TRIMFILLS, ids=case_ids(TRIMFILLS))
def test_the_model_on_the_filled_data_matches_metafor(item: dict[str, Any]) -> None:
    model, expected = trimmed_and_filled(item["id"]).model, item["result"]
    assert (model.k, model.test) == (expected["k"], expected["test"])
    row, het = model.intercept, model.heterogeneity
    problems = (
        mismatches(
            "beta, se, zval, ci.lb, ci.ub, tau2",
            [row.estimate, row.se, row.statistic, row.ci_lb, row.ci_ub, het.tau2],
            [*(expected[key][0] for key in ("beta", "se", "zval", "ci_lb", "ci_ub")),
             expected["tau2"]],
            abs_tol=ABS,
        )
        + mismatches("pval, QE, QEp", [row.pval, het.qe, het.qe_pval],
                     [expected["pval"][0], expected["QE"], expected["QEp"]], rel_tol=REL)
        + mismatches("I2", [het.i2], [expected["I2"]], abs_tol=PERCENT)
    )
    report(problems, item["call"])


YI = [0.1, 0.3, -0.2, 0.5, 0.05, 0.25]
VI = [0.04, 0.02, 0.05, 0.03, 0.06, 0.02]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"model": "glm"}, "Unknown model"),
        ({"predictor": "n"}, "Unknown predictor"),
        ({"predictor": "ninv"}, "needs the sample sizes ni"),
        ({"predictor": "ni", "ni": [10, 20, 30]}, "one sample size per study"),
        ({"predictor": "ni", "ni": [10, 20, 0, 40, 50, 60]}, "finite and positive"),
        ({"predictor": "ni", "ni": [10] * 6}, "same value in every study"),
        ({"method": "GENQ"}, "Unknown method"),
    ],
)
def test_regtest_refuses_what_it_cannot_fit(options: dict[str, Any], message: str) -> None:
    with pytest.raises(MetaInputError, match=message):
        regtest(YI, VI, **options)


def test_regtest_needs_a_predictor_that_varies() -> None:
    with pytest.raises(MetaInputError, match="same value in every study"):
        regtest(YI, [0.04] * 6)


def test_regtest_needs_enough_studies_for_the_slope_and_tau2() -> None:
    with pytest.raises(MetaInputError, match="larger than the number of studies"):
        regtest(YI[:2], VI[:2])
    with pytest.raises(MetaInputError, match="at least 3 studies"):
        regtest(YI[:2], VI[:2], model="lm")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"estimator": "Q1"}, "Unknown estimator"),
        ({"side": "up"}, "Unknown side"),
        ({"test": "t"}, "Unknown test"),
    ],
)
def test_trimfill_refuses_unknown_options(options: dict[str, Any], message: str) -> None:
    with pytest.raises(MetaInputError, match=message):
        trimfill(YI, VI, **options)


def test_trimfill_needs_two_studies() -> None:
    with pytest.raises(MetaInputError, match="at least 2 studies"):
        trimfill([0.1], [0.01])


def test_trimfill_asks_for_the_side_when_the_regression_on_se_cannot_be_fitted() -> None:
    with pytest.raises(MetaInputError, match="give side="):
        trimfill(YI, [0.04] * 6)
    assert trimfill(YI, [0.04] * 6, side="left").side == "left"
