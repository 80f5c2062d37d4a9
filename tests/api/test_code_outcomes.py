"""GET /v1/analysis/codes/outcomes: per code the effect and durability of the initiatives whose
records carry it (subcodes rolled up), checked against /v1/analysis/effects and
/v1/analysis/durability over exactly the same initiatives (picked out there by a grouping)."""

import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from api.qualitative.models import Code, CodedSegment
from api.qualitative.record_models import RecordCreate
from api.qualitative.records import create_record
from tests.api.builders import BUURT_AA01, make_evaluation, make_indicator, make_initiative
from tests.api.survival_builders import add_follow_ups
from tests.audit_check import ClientFactory

PATH = "/v1/analysis/codes/outcomes"
# (organisation form, in Centrum, change on the indicator, follow-ups)
INITIATIVES: list[tuple[str, bool, float, list[tuple[int, bool, int | None]]]] = [
    ("zelfbeheer", False, 1.2, [(6, False, 6)]),
    ("zelfbeheer", True, 0.9, [(12, True, None), (30, True, None)]),
    ("zelfbeheer", True, 1.0, [(24, False, 18)]),
    ("wijkpanel", False, 0.2, [(10, False, None)]),
    ("wijkpanel", False, 0.1, [(36, True, None)]),
    ("wijkpanel", False, 0.4, []),
]


@dataclass(frozen=True)
class Coded:
    initiatives: list[uuid.UUID]
    trust: uuid.UUID  # Vertrouwen: on the first record, and through its subcodes
    neighbours: uuid.UUID  # Vertrouwen / Buurtbewoners
    young: uuid.UUID  # Vertrouwen / Buurtbewoners / Jongeren
    money: uuid.UUID  # Geld: the fourth initiative only
    unused: uuid.UUID  # no segment anywhere


def _record(session: Session, title: str, initiatives: list[uuid.UUID],
            codes: list[uuid.UUID]) -> None:
    record = create_record(session, RecordCreate.model_validate({
        "kind": "interview", "title": title, "recordedOn": "2024-02-01",
        "text": "Vertrouwen groeit langzaam in de buurt.",
        "initiativeIds": [str(key) for key in initiatives]}))
    for place, code in enumerate(codes):
        session.add(CodedSegment(record_id=record.id, code_id=code, coder_id=uuid.uuid4(),
                                 coder_label="onderzoeker", start_offset=place,
                                 end_offset=place + 10))
    session.commit()


def _code(session: Session, name: str, **fields: Any) -> uuid.UUID:
    """Written straight to the table: the codebook API has tests of its own."""
    code = Code(name=name, **fields)
    session.add(code)
    session.commit()
    return code.id


def _world(session: Session) -> Coded:
    indicator = make_indicator(session)
    made = []
    for number, (form, centrum, change, looks) in enumerate(INITIATIVES):
        place = {"buurtId": str(BUURT_AA01)} if centrum else {}
        initiative = make_initiative(session, title=f"Initiatief {number}",
                                     organisationForm=form, **place)
        make_evaluation(session, initiative.id, outcomeMeasures=[{
            "indicatorId": str(indicator.id), "kind": "pre-post", "meanPre": 5.0,
            "sdPre": 1.0, "meanPost": 5.0 + change, "sdPost": 1.0, "n": 40 + number,
            "prePostCorrelation": 0.5}])
        add_follow_ups(session, initiative.id, looks)
        made.append(initiative.id)
    trust = _code(session, "Vertrouwen")
    neighbours = _code(session, "Buurtbewoners", parent_id=trust)
    young = _code(session, "Jongeren", parent_id=neighbours)
    money = _code(session, "Geld", position=1)
    unused = _code(session, "Ongebruikt", position=2)
    _record(session, "Twee initiatieven", made[:2], [trust])
    _record(session, "Buurtbewoners", [made[2]], [neighbours, neighbours])
    _record(session, "Jongeren", [made[1]], [young])
    _record(session, "Geld", [made[3]], [money])
    _record(session, "Over niemand", [], [trust, money])  # about no initiative: not counted
    _record(session, "Ongecodeerd", [made[4]], [])
    return Coded(made, trust, neighbours, young, money, unused)


@pytest.fixture
def coded(session: Session) -> Coded:
    return _world(session)


def _get(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def _by_code(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["codeId"]: row for row in report["codes"]}


def _survival_at(curve: list[dict[str, Any]], month: float) -> float:
    reached = [point["survival"] for point in curve if point["time"] <= month]
    return float(reached[-1]) if reached else 1.0


def _expected_effect(group: dict[str, Any]) -> dict[str, Any]:
    model = group["model"]
    return {"studies": group["k"], "estimate": model["estimate"], "ciLow": model["ciLb"],
            "ciHigh": model["ciUb"]}


def _expected_durability(group: dict[str, Any]) -> dict[str, Any]:
    return {"initiatives": group["n"], "stopped": group["events"],
            "survival12": _survival_at(group["curve"], 12),
            "survival24": _survival_at(group["curve"], 24), "medianMonths": group["median"]}


def _group(report: dict[str, Any], label: str) -> dict[str, Any]:
    [found] = [group for group in report["groups"] if group["label"] == label]
    return found


def test_codes_come_in_codebook_order_with_rolled_up_counts(
        client: TestClient, coded: Coded) -> None:
    report = _get(client, PATH)
    assert [(row["path"], row["depth"]) for row in report["codes"]] == [
        ("Vertrouwen", 0), ("Vertrouwen / Buurtbewoners", 1),
        ("Vertrouwen / Buurtbewoners / Jongeren", 2), ("Geld", 0), ("Ongebruikt", 0)]
    counts = {row["name"]: (row["records"], row["segments"], row["initiatives"])
              for row in report["codes"]}
    assert counts == {"Vertrouwen": (3, 4, 3), "Buurtbewoners": (2, 3, 2), "Jongeren": (1, 1, 1),
                      "Geld": (1, 1, 1), "Ongebruikt": (0, 0, 0)}
    reference = report["reference"]
    assert (reference["records"], reference["segments"], reference["initiatives"]) == (4, 5, 6)
    assert report["indicator"] is None


def test_a_code_nobody_used_has_no_effect_and_no_durability(
        client: TestClient, coded: Coded) -> None:
    row = _by_code(_get(client, PATH))[str(coded.unused)]
    assert row["effect"] is None and row["durability"] is None and row["initiatives"] == 0


def test_a_code_and_its_subcodes_pool_as_the_effects_analysis_pools_their_initiatives(
        client: TestClient, coded: Coded) -> None:
    """Vertrouwen is carried by the three zelfbeheer initiatives (one only through a subcode,
    one through a sub-subcode too); Buurtbewoners by the two in Centrum (stadsdeel A)."""
    rows = _by_code(_get(client, PATH))
    by_form = _get(client, "/v1/analysis/effects", groupBy="organisationForm")
    assert rows[str(coded.trust)]["effect"] == _expected_effect(_group(by_form, "zelfbeheer"))
    by_area = _get(client, "/v1/analysis/effects", groupBy="stadsdeel")
    assert rows[str(coded.neighbours)]["effect"] == _expected_effect(_group(by_area, "A"))
    assert rows[str(coded.trust)]["effect"]["studies"] == 3
    single = rows[str(coded.young)]["effect"]
    [only] = [found for found in _group(by_area, "A")["initiatives"]
              if found["id"] == str(coded.initiatives[1])]
    assert single["studies"] == 1 and single["estimate"] == pytest.approx(only["yi"])


def test_durability_is_the_kaplan_meier_of_the_durability_analysis(
        client: TestClient, coded: Coded) -> None:
    rows = _by_code(_get(client, PATH))
    by_form = _get(client, "/v1/analysis/durability", by="organisationForm")
    trust = rows[str(coded.trust)]["durability"]
    assert trust == _expected_durability(_group(by_form, "zelfbeheer"))
    # 6 (stopped), 18 (stopped), 30 (running): S = 2/3 after 6, 1/3 after 18.
    assert trust == {"initiatives": 3, "stopped": 2, "survival12": pytest.approx(2 / 3),
                     "survival24": pytest.approx(1 / 3), "medianMonths": 18}
    by_area = _get(client, "/v1/analysis/durability", by="stadsdeel")
    assert rows[str(coded.neighbours)]["durability"] == _expected_durability(
        _group(by_area, "A"))


def test_the_reference_is_every_initiative_in_the_filters(
        client: TestClient, coded: Coded) -> None:
    report = _get(client, PATH)
    effects = _get(client, "/v1/analysis/effects")
    durability = _get(client, "/v1/analysis/durability")
    assert report["reference"]["effect"] == _expected_effect(effects["overall"])
    assert report["reference"]["durability"] == _expected_durability(durability["overall"])
    assert report["reference"]["durability"]["initiatives"] == 5  # one has no follow-up


def test_the_initiative_filters_and_the_indicator_apply(
        client: TestClient, session: Session, coded: Coded) -> None:
    filters = {"organisationForm": "zelfbeheer"}
    report = _get(client, PATH, **filters, indicator="test-sociale-cohesie", level=90)
    assert report["indicator"]["code"] == "test-sociale-cohesie"
    effects = _get(client, "/v1/analysis/effects", **filters, level=90)
    assert report["reference"]["effect"] == _expected_effect(effects["overall"])
    assert report["reference"]["initiatives"] == 3
    assert report["reference"]["records"] == 3 and report["reference"]["segments"] == 4
    money = _by_code(report)[str(coded.money)]  # its one initiative is a wijkpanel
    assert (money["initiatives"], money["records"], money["effect"]) == (0, 0, None)
    assert _by_code(report)[str(coded.trust)]["effect"] == report["reference"]["effect"]


@pytest.mark.parametrize(("params", "status"), [
    ({"indicator": "bestaat-niet"}, 404), ({"method": "XYZ"}, 400), ({"level": 100}, 400),
    ({"organisationForm": "schoenmaat"}, 400)])
def test_bad_requests_are_refused(client: TestClient, params: dict[str, Any],
                                  status: int) -> None:
    response = client.get(PATH, params=params)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"


def test_an_empty_world_answers_with_empty_rows(client: TestClient) -> None:
    report = _get(client, PATH)
    assert report["codes"] == []
    assert report["reference"] == {"records": 0, "segments": 0, "initiatives": 0,
                                   "effect": None, "durability": None}


@pytest.mark.parametrize(("role", "status"), [("viewer", 403), ("editor", 403),
                                              ("researcher", 200)])
def test_only_those_who_read_records_see_codes_meet_outcomes(
        client_as: ClientFactory, coded: Coded, role: str, status: int) -> None:
    assert client_as(role).get(PATH).status_code == status
