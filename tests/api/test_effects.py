"""GET /v1/analysis/effects on stored measures: each measure's effect is metafor's (the escalc
fixtures of tests/analysis), one per initiative by the documented rule, evidence levels by
their rules, pooled overall and per group, and bad requests refused."""

import json
import math
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import make_evaluation, make_indicator, make_initiative

ESCALC = json.loads((Path(__file__).parents[1] / "analysis" / "fixtures" / "escalc.json")
                    .read_text())["cases"]
LOG_ODDS_TO_SMD = math.sqrt(3) / math.pi


def _fixture(start: str) -> dict[str, Any]:
    return next(case for case in ESCALC if case["call"].startswith(start))


SMCR = _fixture('escalc(measure="SMCR", m1i=m_post, m2i=m_pre, sd1i=sd_pre, ni=ni, ri=ri, '
                'data=dat.morris2008.t)')
SMD = _fixture('escalc(measure="SMD", m1i=m1i, sd1i=sd1i, n1i=n1i, m2i=m2i, sd2i=sd2i, '
               'n2i=n2i, data=dat.normand1999)')
OR = _fixture('escalc(measure="OR", ai=tpos, n1i=tpos+tneg, ci=cpos, n2i=cpos+cneg, '
              'data=dat.bcg)')


def _pre_post(row: int, indicator: Any) -> dict[str, Any]:
    given = SMCR["inputs"]
    return {"indicatorId": str(indicator), "kind": "pre-post", "meanPost": given["m1i"][row],
            "meanPre": given["m2i"][row], "sdPre": given["sd1i"][row], "sdPost": 1.0,
            "n": given["ni"][row], "prePostCorrelation": given["ri"][row]}


def _two_group(row: int, indicator: Any) -> dict[str, Any]:
    given = SMD["inputs"]
    return {"indicatorId": str(indicator), "kind": "two-group",
            "meanTreatment": given["m1i"][row], "sdTreatment": given["sd1i"][row],
            "nTreatment": given["n1i"][row], "meanControl": given["m2i"][row],
            "sdControl": given["sd2i"][row], "nControl": given["n2i"][row]}


def _counts(row: int, indicator: Any) -> dict[str, Any]:
    given = OR["inputs"]
    return {"indicatorId": str(indicator), "kind": "counts", "eventsTreatment": given["ai"][row],
            "nTreatment": given["n1i"][row], "eventsControl": given["ci"][row],
            "nControl": given["n2i"][row]}


def _effects(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/v1/analysis/effects", params=params)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def test_each_kind_of_measure_gives_metafors_effect(client: TestClient, session: Session) -> None:
    better = make_indicator(session, code="hoger-beter")
    worse = make_indicator(session, code="lager-beter", higherIsBetter=False)
    expected = {}
    for number, (build, case, scale, indicator, sign) in enumerate((
        (_pre_post, SMCR, 1.0, better.id, 1), (_two_group, SMD, 1.0, better.id, 1),
        (_counts, OR, LOG_ODDS_TO_SMD, worse.id, -1),
    )):
        initiative = make_initiative(session, title=f"Initiatief {number}")
        make_evaluation(session, initiative.id, design="voor-nameting-controlegroep",
                        outcomeMeasures=[build(0, indicator)])
        expected[str(initiative.id)] = (sign * case["yi"][0] * scale, case["vi"][0] * scale**2)
    found = {item["id"]: item for item in _effects(client)["overall"]["initiatives"]}
    assert set(found) == set(expected)
    for initiative_id, (yi, vi) in expected.items():
        assert math.isclose(found[initiative_id]["yi"], yi, abs_tol=1e-6)
        assert math.isclose(found[initiative_id]["vi"], vi, abs_tol=1e-6)


def test_the_pooled_model_is_the_meta_analysis_of_the_listed_effects(
    client: TestClient, session: Session,
) -> None:
    indicator = make_indicator(session)
    for row in range(5):
        initiative = make_initiative(session, title=f"Initiatief {row}")
        make_evaluation(session, initiative.id, outcomeMeasures=[_pre_post(row, indicator.id)])
    report = _effects(client, indicator=indicator.code, method="DL", test="knha")
    listed = report["overall"]["initiatives"]
    direct = client.post("/v1/analysis/meta", json={
        "yi": [item["yi"] for item in listed], "vi": [item["vi"] for item in listed],
        "method": "DL", "test": "knha"}).json()
    assert report["overall"]["model"]["estimate"] == pytest.approx(direct["estimate"], abs=1e-12)
    assert report["overall"]["model"]["tau2"] == pytest.approx(direct["tau2"], abs=1e-12)
    assert report["overall"]["k"] == 5 and report["indicator"]["code"] == indicator.code


def test_one_effect_per_initiative_and_indicator_from_the_strongest_design(
    client: TestClient, session: Session,
) -> None:
    indicator = make_indicator(session)
    initiative = make_initiative(session)
    make_evaluation(session, initiative.id, design="voor-nameting", evaluatedOn="2015-01-01",
                    outcomeMeasures=[_pre_post(1, indicator.id)])
    make_evaluation(session, initiative.id, design="gerandomiseerd", evaluatedOn="2012-01-01",
                    outcomeMeasures=[_two_group(0, indicator.id)])
    [item] = _effects(client)["overall"]["initiatives"]
    assert [m["computedAs"] for m in item["measures"]] == ["SMD"]
    assert item["yi"] == pytest.approx(SMD["yi"][0], abs=1e-6)


@pytest.mark.parametrize(("design", "theory", "build", "row", "level"), [
    ("gerandomiseerd", False, _pre_post, 1, "sterke-aanwijzingen"),  # g = 1.05, n = 50
    ("voor-nameting-controlegroep", True, _pre_post, 1, "goede-aanwijzingen"),
    ("voor-nameting", False, _pre_post, 0, "eerste-aanwijzingen"),  # g = 0.51, CI above 0
    ("gerandomiseerd", True, _two_group, 0, "goed-onderbouwd"),  # g = −0.36: worse
    ("gerandomiseerd", False, _two_group, 0, "goed-beschreven"),
    ("beschrijvend", True, _pre_post, 1, "goed-onderbouwd"),
])
def test_the_evidence_level_follows_design_size_and_result(
    client: TestClient, session: Session, design: str, theory: bool, build: Any, row: int,
    level: str,
) -> None:
    indicator = make_indicator(session)
    initiative = make_initiative(session)
    make_evaluation(session, initiative.id, design=design, theoryOfChange=theory,
                    outcomeMeasures=[build(row, indicator.id)])
    [item] = _effects(client)["overall"]["initiatives"]
    assert item["evidenceLevel"] == level
    assert item["measures"][0]["evaluationEvidenceLevel"] == level


def test_a_small_sample_does_not_reach_first_indications(
    client: TestClient, session: Session,
) -> None:
    indicator = make_indicator(session)
    initiative = make_initiative(session)
    make_evaluation(session, initiative.id, design="voor-nameting", outcomeMeasures=[{
        "indicatorId": str(indicator.id), "kind": "pre-post", "meanPre": 5.0, "sdPre": 1.0,
        "meanPost": 6.5, "sdPost": 1.0, "n": 12, "prePostCorrelation": 0.6}])
    [item] = _effects(client)["overall"]["initiatives"]
    assert item["ciLb"] > 0 and item["evidenceLevel"] == "goed-beschreven"


def test_measures_without_an_effect_are_counted_not_pooled(
    client: TestClient, session: Session,
) -> None:
    indicator = make_indicator(session)
    initiative = make_initiative(session)
    make_evaluation(session, initiative.id, design="beschrijvend", outcomeMeasures=[
        {"indicatorId": str(indicator.id), "kind": "direction", "direction": "positive"},
        {"indicatorId": str(indicator.id), "kind": "proportion", "events": 12, "n": 40},
        {"indicatorId": str(indicator.id), "kind": "effect-size", "effectMeasure": "MD",
         "effectSize": 1.2, "samplingVariance": 0.3}])
    report = _effects(client)
    assert report["overall"]["k"] == 0 and report["overall"]["model"] is None
    assert report["notPooled"] == {"directions": {"positive": 1, "none": 0, "negative": 0},
                                   "noComparison": 1, "noCommonScale": 1, "undefined": 0}
