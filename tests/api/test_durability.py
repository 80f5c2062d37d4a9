"""GET /v1/analysis/durability: survival after support ends, from stored follow-ups.

The numbers are tied to published values through 42 initiatives whose follow-ups are the
Gehan/Freireich remission times (tests/analysis/test_survival.py names the sources), 6-MP
as 'faciliterend' support and placebo as 'overnemend':
- Kaplan–Meier of 6-MP at 6, 7, 10, 13, 16, 22, 23: 0.857 … 0.448, at risk 21 … 6; medians
  23 (6-MP) and 8 (placebo) weeks (Kleinbaum & Klein, Survival Analysis, 3rd ed., ch. 2).
- Greenwood's SE of placebo at 1 and 2 weeks: 0.0641 and 0.0857 at 0.9048 and 0.8095
  (G. Rodríguez, Princeton WWS 509, "The Gehan Survival Data", Stata's sts list).
- Log-rank 16.79 on 1 df; Cox 1.572 (SE 0.412, HR 4.817) with Efron's ties, 1.509 (0.410,
  4.523) with Breslow's.
"""

import math
from typing import Any

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import make_professional
from tests.api.survival_builders import add_follow_ups, freireich, supported

SIX_MP_TIMES = [6, 7, 10, 13, 16, 22, 23]
SIX_MP_SURVIVAL = [0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448]
SIX_MP_AT_RISK = [21, 17, 15, 12, 11, 7, 6]


def _durability(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/v1/analysis/durability", params=params)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def _events(curve: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [point for point in curve if point["events"] > 0]


@pytest.fixture
def gehan(session: Session) -> None:
    freireich(session)


@pytest.mark.usefixtures("gehan")
def test_kaplan_meier_per_support_style_gives_the_published_curve(client: TestClient) -> None:
    report = _durability(client, by="supportStyle")
    groups = {group["label"]: group for group in report["groups"]}
    assert list(groups) == ["faciliterend", "overnemend"]
    assert report["n"] == 42 and report["events"] == 30 and report["leftOut"] == 0
    six_mp = _events(groups["faciliterend"]["curve"])
    assert [point["time"] for point in six_mp] == SIX_MP_TIMES
    assert [point["atRisk"] for point in six_mp] == SIX_MP_AT_RISK
    assert [round(point["survival"], 3) for point in six_mp] == SIX_MP_SURVIVAL
    assert groups["faciliterend"]["median"] == 23 and groups["overnemend"]["median"] == 8
    assert groups["faciliterend"]["n"] == 21 and groups["faciliterend"]["events"] == 9


@pytest.mark.usefixtures("gehan")
def test_censored_times_are_points_of_the_curve_without_a_step(client: TestClient) -> None:
    [six_mp, _] = _durability(client, by="supportStyle")["groups"]
    points = {point["time"]: point for point in six_mp["curve"]}
    assert points[6]["events"] == 3 and points[6]["censored"] == 1
    assert points[9] == {**points[9], "events": 0, "censored": 1, "atRisk": 16}
    assert points[9]["survival"] == points[7]["survival"]
    assert points[35]["atRisk"] == 1 and points[35]["censored"] == 1


@pytest.mark.usefixtures("gehan")
def test_greenwood_errors_and_the_log_interval(client: TestClient) -> None:
    """Greenwood's SE as published; the interval is R's default: S·exp(±1.96·SE/S)."""
    [_, placebo] = _durability(client, by="supportStyle")["groups"]
    for point, survival, error in zip(placebo["curve"][:2], (0.9048, 0.8095), (0.0641, 0.0857),
                                      strict=True):
        assert round(point["survival"], 4) == survival and round(point["se"], 4) == error
        spread = math.exp(1.959964 * point["se"] / point["survival"])
        assert point["lower"] == pytest.approx(point["survival"] / spread, abs=1e-5)
        assert point["upper"] == pytest.approx(min(1.0, point["survival"] * spread), abs=1e-5)
    last = placebo["curve"][-1]
    assert last["survival"] == 0 and last["lower"] is None and last["upper"] is None


@pytest.mark.usefixtures("gehan")
@pytest.mark.parametrize(("ties", "coefficient", "std_error", "ratio"), [
    ("efron", 1.572, 0.412, 4.817), ("breslow", 1.509, 0.410, 4.523)])
def test_log_rank_and_cox_model_give_the_published_values(
    client: TestClient, ties: str, coefficient: float, std_error: float, ratio: float,
) -> None:
    report = _durability(client, by="supportStyle", covariates="supportStyle", ties=ties)
    assert round(report["logRank"]["chi2"], 2) == 16.79 and report["logRank"]["df"] == 1
    assert report["logRank"]["p"] < 1e-4
    cox = report["cox"]
    [term] = cox["covariates"]
    assert term["name"] == "supportStyleovernemend"
    assert cox["references"] == {"supportStyle": "faciliterend"}  # equally common: a-z first
    assert round(term["coef"], 3) == coefficient and round(term["se"], 3) == std_error
    assert round(term["hazardRatio"], 3) == ratio
    assert term["lower"] == pytest.approx(math.exp(term["coef"] - 1.959964 * term["se"]), 1e-5)
    assert cox["n"] == 42 and cox["events"] == 30 and cox["ties"] == ties
    assert cox["population"] == "continued" and cox["leftOut"] == 0


@pytest.mark.usefixtures("gehan")
def test_the_same_model_from_a_number_and_from_the_other_grouping(client: TestClient) -> None:
    """The placebo initiatives are also the ones supported by an opbouwwerker, and the 6-MP
    ones the ones with a makelaar: the same model, the sign turned."""
    cox = _durability(client, by="makelaarInvolved", covariates="makelaarInvolved")["cox"]
    assert round(cox["covariates"][0]["coef"], 3) == -1.572
    report = _durability(client, by="professionalRole")
    assert [group["label"] for group in report["groups"]] == ["opbouwwerker",
                                                              "participatiemakelaar"]
    assert round(report["logRank"]["chi2"], 2) == 16.79


def test_a_record_ends_at_the_first_follow_up_that_found_it_stopped(
    client: TestClient, session: Session,
) -> None:
    person = make_professional(session)
    cases = {
        "onbekend gestopt": ([(6, True, None), (12, False, None)], 12, True),
        "gestopt na 9": ([(6, True, None), (12, False, 9), (24, False, 20)], 9, True),
        "te vroeg gemeld": ([(6, True, None), (12, False, 3)], 6, True),
        "loopt nog": ([(6, True, None), (12, True, None)], 12, False),
        "niet doorgegaan": ([(6, False, 0)], 0, True),
        "volgorde": ([(24, True, None), (6, True, None)], 24, False),
    }
    for title, (looks, _, _) in cases.items():
        add_follow_ups(session, supported(session, title, person).id, looks)
    supported(session, "nooit nagevraagd", person)
    report = _durability(client)
    found = {case["title"]: (case["time"], case["event"])
             for case in report["overall"]["initiatives"]}
    assert found == {title: (time, event) for title, (_, time, event) in cases.items()}
    assert report["leftOut"] == 1 and report["n"] == 6 and report["events"] == 4


def test_a_median_on_a_flat_half_is_the_middle_of_the_flat_part(
    client: TestClient, session: Session,
) -> None:
    """Stops at 2, 4, 6, 8: the curve is exactly ½ from 4 to 6, and R's survfit then takes
    the middle of that stretch (its print.survfit documentation): 5."""
    person = make_professional(session)
    for month in (2, 4, 6, 8):
        add_follow_ups(session, supported(session, f"Gestopt na {month}", person).id,
                       [(12, False, month)])
    assert _durability(client)["overall"]["median"] == 5


def test_the_cox_model_leaves_out_who_did_not_continue_unless_asked(
    client: TestClient, session: Session,
) -> None:
    person = make_professional(session)
    for number in range(8):
        initiative = supported(session, f"Initiatief {number}", person, hours=10 * number)
        running = number % 3 == 0
        add_follow_ups(session, initiative.id, [(6, running, None if running else 2 + number % 3)])
    stopped = supported(session, "Niet doorgegaan", person, hours=5)
    add_follow_ups(session, stopped.id, [(6, False, 0)])
    continued = _durability(client, covariates="hours")["cox"]
    everyone = _durability(client, covariates="hours", coxPopulation="all")["cox"]
    assert continued["n"] == 8 and continued["population"] == "continued"
    assert everyone["n"] == 9 and everyone["events"] == continued["events"] + 1


def test_too_few_events_give_a_note_and_no_model(client: TestClient, session: Session) -> None:
    person = make_professional(session)
    for number, looks in enumerate(([(6, True, None)], [(12, False, 7)], [(6, True, None)])):
        add_follow_ups(session, supported(session, f"Initiatief {number}", person).id, looks)
    report = _durability(client, covariates=["hours", "takenOver"])
    assert report["cox"] is None and "Too few events (1)" in report["coxNote"]
    assert _durability(client)["coxNote"].endswith("No covariates chosen.")


def test_a_covariate_that_does_not_vary_gives_a_note(client: TestClient,
                                                     session: Session) -> None:
    person = make_professional(session)
    for number in range(6):
        initiative = supported(session, f"Initiatief {number}", person, hours=10 + number)
        add_follow_ups(session, initiative.id, [(12, False, 2 + number)])
    report = _durability(client, covariates=["hours", "makelaarInvolved"])
    assert report["cox"] is None and "do not vary: makelaarInvolved" in report["coxNote"]
    report = _durability(client, covariates=["supportStyle"])
    assert report["cox"] is None and "one level only: supportStyle" in report["coxNote"]


def test_a_coefficient_that_runs_off_gives_a_note(client: TestClient, session: Session) -> None:
    """Every 'overnemend' initiative stops before any other: the likelihood has no maximum."""
    person = make_professional(session)
    for number in range(10):
        style = "overnemend" if number < 5 else "faciliterend"
        initiative = supported(session, f"Initiatief {number}", person, style=style)
        add_follow_ups(session, initiative.id, [(24, False, 1 + number)])
    report = _durability(client, covariates="takenOver")
    assert report["cox"] is None and "does not converge" in report["coxNote"]


def test_groups_that_overlap_get_no_log_rank_test(client: TestClient, session: Session) -> None:
    person = make_professional(session)
    both = supported(session, "Beide", person, kinds=["activeren", "faciliteren"])
    one = supported(session, "Een", person, kinds=["activeren"])
    add_follow_ups(session, both.id, [(6, False, 3)])
    add_follow_ups(session, one.id, [(6, True, None)])
    report = _durability(client, by="supportKind")
    assert [(group["label"], group["n"]) for group in report["groups"]] == [
        ("activeren", 2), ("faciliteren", 1)]
    assert report["logRank"] is None and "overlap" in report["logRankNote"]


def test_hours_come_in_bands_low_to_high(client: TestClient, session: Session) -> None:
    person = make_professional(session)
    for hours in (0, 12, 39.5, 40, 149, 150, 600):
        add_follow_ups(session, supported(session, f"{hours} uur", person, hours=hours).id,
                       [(6, True, None)])
    report = _durability(client, by="supportHours")
    assert [(group["label"], group["n"]) for group in report["groups"]] == [
        ("0", 1), ("1-39", 2), ("40-149", 2), ("150+", 2)]
    assert report["logRank"] is None and "No one stopped" in report["logRankNote"]


def test_the_initiative_filters_apply(client: TestClient, session: Session) -> None:
    person = make_professional(session)
    for form in ("zelfbeheer", "zelfbeheer", "buurtbudget"):
        initiative = supported(session, form, person, organisationForm=form)
        add_follow_ups(session, initiative.id, [(6, False, 2)])
    report = _durability(client, organisationForm="zelfbeheer", by="organisationForm")
    assert report["n"] == 2 and [group["label"] for group in report["groups"]] == ["zelfbeheer"]
    assert report["logRank"] is None


def test_no_follow_ups_is_an_empty_answer(client: TestClient) -> None:
    report = _durability(client, by="supportStyle", covariates="hours")
    assert report["n"] == 0 and report["overall"]["curve"] == [] and report["groups"] == []
    assert report["overall"]["median"] is None and report["cox"] is None


@pytest.mark.parametrize(("params", "choice"), [
    ({"by": "schoenmaat"}, "supportStyle"), ({"covariates": "schoenmaat"}, "competence"),
    ({"ties": "exact"}, "efron"), ({"coxPopulation": "some"}, "continued"),
])
def test_unknown_choices_are_refused_naming_the_choices(
    client: TestClient, params: dict[str, str], choice: str,
) -> None:
    response = client.get("/v1/analysis/durability", params=params)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    [error] = response.json()["errors"]
    assert error["location"]["name"] in params and choice in error["detail"]
