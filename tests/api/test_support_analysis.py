"""GET /v1/analysis/support (Wat vraagt ondersteuning): the effects half pools and regresses
as the effects analysis does, the durability half summarises the survival analysis (its
numbers tied to the published Gehan/Freireich values), the competence moderator follows its
rule, and every condition it offers is one the success-factor analysis takes."""

from datetime import date
from typing import Any

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.analyses.effects.inputs import facts_of
from api.analyses.success_factors.attributes import reader
from tests.api.builders import (
    make_evaluation,
    make_indicator,
    make_professional,
    make_support_episode,
    pre_post_measure,
)
from tests.api.survival_builders import add_follow_ups, assess, freireich, supported

STYLES = ("faciliterend", "overnemend", "stimulerend")


def _support(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/v1/analysis/support", params=params)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def _by(items: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(item for item in items if item["by"] == name)


@pytest.fixture
def evaluated(session: Session) -> None:
    """Twelve evaluated initiatives: three styles, hours from 10 to 230, half with a
    makelaar, half resident-initiated."""
    indicator = make_indicator(session)
    makelaar = make_professional(session)
    opbouwwerker = make_professional(session, name="Johan de Vries", role="opbouwwerker",
                                     organisation="Dynamo",
                                     organisationKind="welzijnsorganisatie")
    for number in range(12):
        person = makelaar if number % 2 else opbouwwerker
        initiator = "bewonersgroep" if number % 4 < 2 else "welzijnsorganisatie"
        initiative = supported(session, f"Initiatief {number:02d}", person,
                               style=STYLES[number % 3], hours=10 + 20 * number,
                               initiatorType=initiator)
        change = 0.2 + 0.05 * number + (0.3 if number % 2 else 0.0)
        make_evaluation(session, initiative.id, outcomeMeasures=[pre_post_measure(
            indicator.id, meanPre=5.0, meanPost=5.0 + change * 1.2, n=40 + 5 * number)])


@pytest.mark.usefixtures("evaluated")
def test_effects_per_kind_of_support_are_those_of_the_effects_analysis(
    client: TestClient,
) -> None:
    report = _support(client)["effects"]
    assert report["k"] == 12 and report["method"] == "REML"
    for name in ("supportStyle", "professionalRole", "supportHours", "makelaarInvolved"):
        grouping = _by(report["groupings"], name)
        reference = client.get("/v1/analysis/effects", params={"groupBy": name}).json()
        pooled = {group["label"]: group for group in reference["groups"]}
        assert sorted(group["label"] for group in grouping["groups"]) == sorted(pooled)
        for group in grouping["groups"]:
            model = pooled[group["label"]]["model"]
            assert group["k"] == pooled[group["label"]]["k"] == len(group["initiatives"])
            assert group["estimate"] == pytest.approx(model["estimate"], abs=1e-12)
            assert group["ciLb"] == pytest.approx(model["ciLb"], abs=1e-12)
        assert grouping["test"]["p"] == pytest.approx(
            reference["subgroupTest"]["commonTau2"]["qmP"], abs=1e-12)
    hours = _by(report["groupings"], "supportHours")
    assert [group["label"] for group in hours["groups"]] == ["1-39", "40-149", "150+"]


@pytest.mark.usefixtures("evaluated")
def test_the_regression_is_the_effects_meta_regression(client: TestClient) -> None:
    moderators = ["hours", "makelaarInvolved"]
    report = _support(client, moderators=moderators)["effects"]["regression"]
    reference = client.get("/v1/analysis/effects/moderators",
                           params={"moderators": moderators}).json()
    assert report["k"] == reference["k"] == 12 and report["leftOut"] == 0
    for mine, theirs in zip(report["model"]["coefficients"], reference["model"]["coefficients"],
                            strict=True):
        assert mine["name"] == theirs["name"]
        assert mine["estimate"] == pytest.approx(theirs["estimate"], abs=1e-12)
    default = _support(client)["effects"]["regression"]
    assert default["moderators"] == ["hours", "hoursSquared", "makelaarInvolved",
                                     "residentInitiatedWithMakelaar", "supportStyle"]


def test_durability_per_kind_of_support_gives_the_published_values(
    client: TestClient, session: Session,
) -> None:
    """6-MP ('faciliterend'): S(12) = 0.753, S(24) = 0.448, median 23; placebo: S(12) =
    0.190, S(24) = 0, median 8 (Kleinbaum & Klein ch. 2); log-rank 16.79; Cox 1.572."""
    freireich(session)
    report = _support(client, covariates="takenOver")["durability"]
    assert report["n"] == 42 and report["events"] == 30 and report["leftOut"] == 0
    style = _by(report["groupings"], "supportStyle")
    found = {group["label"]: (round(group["survival12"], 3), round(group["survival24"], 3),
                              group["median"], group["n"]) for group in style["groups"]}
    assert found == {"faciliterend": (0.753, 0.448, 23, 21), "overnemend": (0.190, 0, 8, 21)}
    assert round(style["logRank"]["chi2"], 2) == 16.79
    [term] = report["cox"]["covariates"]
    assert term["name"] == "takenOver" and round(term["coef"], 3) == 1.572
    assert {group["label"] for group in _by(report["groupings"], "takenOver")["groups"]} == {
        "ja", "nee"}


def test_the_default_cox_model_says_why_it_is_missing(client: TestClient,
                                                      session: Session) -> None:
    freireich(session)  # every initiative had 40 hours: nothing to estimate for hours
    report = _support(client)["durability"]
    assert report["cox"] is None and "do not vary: hours" in report["coxNote"]


def test_competence_is_the_hours_weighted_mean_of_the_professionals_judgements(
    client: TestClient, session: Session,
) -> None:
    """A: C1 others' latest are peer 3 (0.5) and manager 2 (0.25) → 0.375 (self ignored);
    C2 has only self, latest 3 → 0.5; A = 0.4375. B: resident 5 → 1. C: not assessed.
    X had A 30 h, B 10 h, C 60 h: (30 · 0.4375 + 10 · 1) / 40 = 0.578125."""
    a, b = make_professional(session, name="Ans Bakker"), make_professional(session, name="Bo")
    c = make_professional(session, name="Cor Smit")
    assess(session, a.id, [("C1", "self", date(2011, 1, 1), 4),
                           ("C1", "peer", date(2011, 1, 1), 3),
                           ("C1", "manager", date(2010, 1, 1), 5),
                           ("C1", "manager", date(2012, 1, 1), 2),
                           ("C2", "self", date(2010, 1, 1), 5),
                           ("C2", "self", date(2012, 1, 1), 3)])
    assess(session, b.id, [("C1", "resident", date(2011, 1, 1), 5)])
    x = supported(session, "Met beoordeelden", a, hours=30)
    make_support_episode(session, x.id, b.id, hours=10)
    make_support_episode(session, x.id, c.id, hours=60)
    y = supported(session, "Zonder beoordeling", c, hours=20)
    facts = facts_of(session, {x.id, y.id}, date(2016, 12, 31))
    assert facts[x.id].competence == pytest.approx(0.578125, abs=1e-12)
    assert facts[y.id].competence is None
    for initiative, looks in ((x, [(6, True, None)]), (y, [(6, False, 2)])):
        add_follow_ups(session, initiative.id, looks)
    groups = _by(_support(client)["durability"]["groupings"], "competence")["groups"]
    assert [(group["label"], [i["title"] for i in group["initiatives"]]) for group in groups
            ] == [("0.5-0.75", ["Met beoordeelden"]), ("onbekend", ["Zonder beoordeling"])]


def test_levels_count_on_the_same_scale_and_frameworks_together(session: Session) -> None:
    """D: in a levels framework C1 peer vakbekwaam (½, self ignored), C2 self vakvolwassen
    (1); in a scores framework C1 manager 5 (1): (½ + 1 + 1) / 3 = 5/6."""
    d = make_professional(session, name="Dewi Kramer")
    assess(session, d.id, [("C1", "self", date(2013, 1, 1), "vakvolwassen"),
                           ("C1", "peer", date(2013, 1, 1), "vakbekwaam"),
                           ("C2", "self", date(2013, 1, 1), "vakvolwassen")])
    assess(session, d.id, [("C1", "manager", date(2014, 1, 1), 5)])
    initiative = supported(session, "Met niveaus", d, hours=0)
    facts = facts_of(session, {initiative.id}, date(2016, 12, 31))
    assert facts[initiative.id].competence == pytest.approx(5 / 6, abs=1e-12)


def test_every_condition_offered_is_one_the_success_factor_analysis_takes(
    client: TestClient, session: Session,
) -> None:
    conditions = _support(client)["conditions"]
    assert {"hours", "competence", "makelaarInvolved", "takenOver", "supportStyle=overnemend",
            "supportKind=activeren", "professionalRole=participatiemakelaar",
            "supportHours=150+"} <= set(conditions)
    for place, attribute in enumerate(conditions):
        reader(attribute, f"/conditions/{place}/attribute")  # an unknown one would raise
    person = make_professional(session)
    for number in range(4):
        supported(session, f"Initiatief {number}", person, hours=100 * number,
                  style=STYLES[number % 2], continuedAfterSupport=number % 2 == 0)
    response = client.post("/v1/analysis/success-factors", json={
        "conditions": [{"attribute": "takenOver"}, {"attribute": "supportHours=150+"},
                       {"attribute": "competence"}],
        "outcome": {"kind": "durability"}, "nCut": 1})
    assert response.status_code == 422  # no one is assessed: no case has every condition
    response = client.post("/v1/analysis/success-factors", json={
        "conditions": [{"attribute": "takenOver"}, {"attribute": "supportHours=150+"}],
        "outcome": {"kind": "durability"}, "nCut": 1})
    assert response.status_code == 200, response.text
    assert response.json()["conditions"] == {"TAKEN_OVER": "takenOver",
                                             "SUPPORT_HOURS_150": "supportHours=150+"}


def test_an_empty_database_answers_with_notes(client: TestClient) -> None:
    report = _support(client)
    assert report["effects"]["k"] == 0 and report["effects"]["regression"] is None
    assert "No initiatives" in report["effects"]["regressionNote"]
    assert report["durability"]["n"] == 0 and report["durability"]["cox"] is None
    assert all(grouping["groups"] == [] for grouping in report["durability"]["groupings"])


@pytest.mark.parametrize(("params", "status"), [
    ({"moderators": "schoenmaat"}, 400), ({"covariates": "schoenmaat"}, 400),
    ({"method": "XYZ"}, 400), ({"ties": "exact"}, 400), ({"level": 100}, 400),
    ({"indicator": "bestaat-niet"}, 404),
])
def test_bad_choices_are_refused(client: TestClient, params: dict[str, str],
                                 status: int) -> None:
    response = client.get("/v1/analysis/support", params=params)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
