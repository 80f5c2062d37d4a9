"""Hostile text in every filter and every text field: SQL-injection payloads are values, never
SQL (no 5xx, no widened result, nothing dropped), and markup is stored exactly as sent (the
web escapes it when it shows it; tests/web/test_escaping.py)."""

from typing import Any

import pytest
from fastapi import FastAPI
from sqlmodel import Session, func, select
from starlette.testclient import TestClient

from api.initiatives.models import Initiative
from api.openapi import build_openapi
from tests.api.builders import (
    evaluation_payload,
    indicator_payload,
    initiative_payload,
    make_initiative,
    make_professional,
    professional_payload,
    support_episode_payload,
)

SQL_PAYLOADS = (
    "' OR '1'='1",
    "x'; DROP TABLE initiative; --",
    "\" OR 1=1 --",
    "%' UNION SELECT username, token_hash FROM credential --",
    "1); DELETE FROM audit_event; --",
    "%",
    "_",
    "\\",
)
MARKUP = '<script>alert("bk")</script><img src=x onerror=alert(1)>&amp;'


def _get_query_parameters(app: FastAPI) -> list[tuple[str, str]]:
    """(path, parameter) for every query parameter of every GET without path parameters."""
    found = []
    for path, operations in build_openapi(app)["paths"].items():
        get = operations.get("get")
        if get is None or "{" in path:
            continue
        found += [(path, parameter["name"]) for parameter in get.get("parameters", ())
                  if parameter["in"] == "query" and parameter["name"] not in ("page", "pageSize")]
    return found


def test_every_filter_meets_sql_payloads_as_plain_values(
    client: TestClient, api_app: FastAPI, session: Session,
) -> None:
    make_initiative(session, title="Buurtkamer")
    make_professional(session)
    parameters = _get_query_parameters(api_app)
    assert len(parameters) > 30, "the OpenAPI document lost its filters"
    for path, name in parameters:
        baseline = client.get(f"/v1{path}", params={name: "geen-treffer-hier"})
        for payload in SQL_PAYLOADS:
            response = client.get(f"/v1{path}", params={name: payload})
            where = f"{path}?{name}={payload!r}"
            assert response.status_code in (200, 400, 404, 422), where
            if response.status_code == 200 and baseline.status_code == 200 and payload not in (
                    "%", "_", "\\"):
                assert _count(response) <= _count(baseline), where
            if response.status_code != 200:
                assert response.headers["content-type"] == "application/problem+json", where
    assert session.exec(select(func.count()).select_from(Initiative)).one() == 1


def _count(response: Any) -> int:
    """The items of a JSON answer (exports answer with files: nothing to count there)."""
    if response.headers["content-type"] != "application/json":
        return 0
    body = response.json()
    if isinstance(body, dict) and "items" in body:
        return len(body["items"])
    return 0


def test_like_wildcards_in_a_search_match_themselves(
    client: TestClient, session: Session,
) -> None:
    make_initiative(session, title="Korting 100% voor bewoners")
    make_initiative(session, title="Tuin_dag")
    make_initiative(session, title="Buurtkamer")
    assert _titles(client, "%") == ["Korting 100% voor bewoners"]
    assert _titles(client, "_") == ["Tuin_dag"]
    assert _titles(client, "' OR '1'='1") == []


def _titles(client: TestClient, q: str) -> list[str]:
    response = client.get("/v1/initiatives", params={"q": q})
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


@pytest.mark.parametrize("payload", [MARKUP, *SQL_PAYLOADS])
def test_text_fields_keep_hostile_text_exactly(
    client: TestClient, payload: str,
) -> None:
    payload = f"Buurt {payload}"  # titles and names have a minimum length
    initiative = _created(client, "/v1/initiatives", initiative_payload(
        title=payload, summary=payload, initiatorName=payload))
    professional = _created(client, "/v1/professionals", professional_payload(
        name=payload, organisation=payload))
    episode = _created(client, "/v1/support-episodes", support_episode_payload(
        initiative["id"], professional["id"], actionDescription=payload))
    indicator = _created(client, "/v1/indicators", indicator_payload(
        code="vijandig", name=payload, source=payload))
    evaluation = _created(client, "/v1/evaluations", evaluation_payload(
        initiative["id"], evaluator=payload, summary=payload))
    for path, resource, fields in (
        ("initiatives", initiative, ("title", "summary", "initiatorName")),
        ("professionals", professional, ("name", "organisation")),
        ("support-episodes", episode, ("actionDescription",)),
        ("indicators", indicator, ("name", "source")),
        ("evaluations", evaluation, ("evaluator", "summary")),
    ):
        stored = client.get(f"/v1/{path}/{resource['id']}").json()
        assert {field: stored[field] for field in fields} == dict.fromkeys(fields, payload)
    assert _titles(client, payload) == [payload]


def _created(client: TestClient, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(path, json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created
