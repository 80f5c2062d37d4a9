"""A professional's competence profile: the latest self-assessment against the mean of the
others' latest judgements, and the history, over several rounds in time."""

from typing import Any

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from tests.api.builders import make_professional
from tests.api.competence_helpers import make_framework, problems, record, scores
from tests.audit_check import ClientFactory


def profile(client: TestClient, professional_id: Any, framework: str) -> dict[str, Any]:
    response = client.get(f"/v1/professionals/{professional_id}/competence-profile"
                          f"?framework={framework}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_latest_judgements_win_and_the_others_are_the_mean_of_each_perspectives_latest(
    client: TestClient, session: Session,
) -> None:
    framework, ids = make_framework(session)
    professional = make_professional(session)
    # Rounds over a year, recorded out of date order on purpose.
    record(client, professional.id, framework.id, scores(ids, K1=4), "self", "2024-09-01")
    record(client, professional.id, framework.id, scores(ids, K1=2, K2=3), "self", "2024-01-10")
    record(client, professional.id, framework.id, scores(ids, K1=3), "manager", "2024-03-01")
    record(client, professional.id, framework.id, scores(ids, K1=2), "resident", "2024-05-01")
    record(client, professional.id, framework.id, scores(ids, K1=4, K2=5), "peer", "2024-06-01")
    record(client, professional.id, framework.id, scores(ids, K1=5), "manager", "2024-10-01")

    body = profile(client, professional.id, framework.code)
    assert body["professionalId"] == str(professional.id)
    assert body["framework"] == {"id": str(framework.id), "code": "test-kader",
                                 "name": "Testkader", "scale": "score"}
    k1, k2, k3 = body["competencies"]
    assert (k1["code"], k1["name"], k1["competencyId"]) == ("K1", "Competentie K1",
                                                             str(ids["K1"]))
    assert k1["self"] == {"value": 4, "normalised": 0.75, "assessedOn": "2024-09-01",
                          "count": 1}
    # Manager 5 (the 3 is older), peer 4, resident 2: (5 + 4 + 2) / 3 on the 1–5 scale;
    # normalised (1 + 0.75 + 0.25) / 3.
    assert k1["others"]["value"] == pytest.approx(11 / 3)
    assert k1["others"]["normalised"] == pytest.approx(2 / 3)
    assert (k1["others"]["assessedOn"], k1["others"]["count"]) == ("2024-10-01", 3)
    assert [(entry["assessedOn"], entry["perspective"], entry["score"], entry["value"])
            for entry in k1["history"]] == [
        ("2024-01-10", "self", 2, 2), ("2024-03-01", "manager", 3, 3),
        ("2024-05-01", "resident", 2, 2), ("2024-06-01", "peer", 4, 4),
        ("2024-09-01", "self", 4, 4), ("2024-10-01", "manager", 5, 5)]
    assert k2["self"] == {"value": 3, "normalised": 0.5, "assessedOn": "2024-01-10",
                          "count": 1}
    assert k2["others"] == {"value": 5, "normalised": 1.0, "assessedOn": "2024-06-01",
                            "count": 1}
    assert (k3["self"], k3["others"], k3["history"]) == (None, None, [])


def test_of_two_judgements_on_one_day_the_one_recorded_later_wins(
    client: TestClient, session: Session,
) -> None:
    framework, ids = make_framework(session, codes=("K1",))
    professional = make_professional(session)
    record(client, professional.id, framework.id, scores(ids, K1=2), "self", "2024-04-04")
    record(client, professional.id, framework.id, scores(ids, K1=5), "self", "2024-04-04")
    (k1,) = profile(client, professional.id, str(framework.id))["competencies"]
    assert k1["self"]["value"] == 5
    assert [entry["score"] for entry in k1["history"]] == [2, 5]
    assert k1["others"] is None


def test_levels_count_one_to_three_on_their_own_scale(
    client: TestClient, session: Session,
) -> None:
    framework, ids = make_framework(session, codes=("rood",), code="stijlen", scale="level")
    professional = make_professional(session)
    level = [{"competencyId": str(ids["rood"]), "level": "startbekwaam"}]
    record(client, professional.id, framework.id, level, "self", "2023-01-01")
    level[0]["level"] = "vakbekwaam"
    record(client, professional.id, framework.id, level, "peer", "2023-02-01")
    level[0]["level"] = "vakvolwassen"
    record(client, professional.id, framework.id, level, "manager", "2023-03-01")
    (rood,) = profile(client, professional.id, "stijlen")["competencies"]
    assert rood["self"] == {"value": 1, "normalised": 0.0, "assessedOn": "2023-01-01",
                            "count": 1}
    assert rood["others"] == {"value": 2.5, "normalised": 0.75, "assessedOn": "2023-03-01",
                              "count": 2}
    assert [(entry["level"], entry["score"], entry["value"]) for entry in rood["history"]] == [
        ("startbekwaam", None, 1), ("vakbekwaam", None, 2), ("vakvolwassen", None, 3)]


def test_another_frameworks_judgements_stay_out_of_the_profile(
    client: TestClient, session: Session,
) -> None:
    framework, ids = make_framework(session, codes=("K1",))
    other, other_ids = make_framework(session, codes=("K1",), code="ander-kader")
    professional = make_professional(session)
    record(client, professional.id, other.id, scores(other_ids, K1=5), "peer")
    (k1,) = profile(client, professional.id, framework.code)["competencies"]
    assert (k1["others"], k1["history"]) == (None, [])
    assert ids["K1"] != other_ids["K1"]


def test_the_framework_must_be_given_and_known(client: TestClient, session: Session) -> None:
    professional = make_professional(session)
    base = f"/v1/professionals/{professional.id}/competence-profile"
    assert problems(client.get(base)) == {"framework": "missing"}
    assert problems(client.get(f"{base}?framework=bestaat-niet")) == {
        "framework": "unknown-framework"}
    unknown = "0c4a1d52-7a55-4c1e-9b7e-3f1d2a6b8c00"
    make_framework(session)
    assert problems(client.get(f"/v1/professionals/{unknown}/competence-profile"
                               f"?framework=test-kader"), 404) == {}


@pytest.mark.parametrize(("role", "stadsdelen", "expected"), [
    ("admin", (), 200), ("researcher", (), 200), ("editor", ("F",), 200),
    ("editor", ("A",), 200), ("viewer", (), 403)])
def test_who_may_read_a_competence_profile(
    client_as: ClientFactory, session: Session, role: str, stadsdelen: tuple[str, ...],
    expected: int,
) -> None:
    make_framework(session)
    professional = make_professional(session)
    response = client_as(role, stadsdelen).get(
        f"/v1/professionals/{professional.id}/competence-profile?framework=test-kader")
    assert response.status_code == expected, response.text


def test_nobody_signed_in_reads_no_profile(anonymous: TestClient, session: Session) -> None:
    make_framework(session)
    professional = make_professional(session)
    response = anonymous.get(
        f"/v1/professionals/{professional.id}/competence-profile?framework=test-kader")
    assert problems(response, 401) == {}
