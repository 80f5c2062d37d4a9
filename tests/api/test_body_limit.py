"""Bodies over their limit: a 413 problem that states the limit, whether the size was
announced or only found while streaming; a database that cannot answer: 503, not 500."""

from collections.abc import Iterator

import pytest
from sqlalchemy.exc import OperationalError
from starlette.testclient import TestClient

from tests.api.builders import initiative_payload


def test_an_announced_oversized_json_body_is_a_413_naming_the_limit(client: TestClient) -> None:
    response = client.post("/v1/initiatives", json={"title": "x" * 2_000_000})
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert "de grens is 1 MB" in response.json()["detail"]


def test_every_operation_with_a_body_documents_its_413(client: TestClient) -> None:
    """Found by the fuzzer: a PATCH of a record over its limit answered an undocumented 413."""
    document = client.get("/v1/openapi.json").json()
    with_body = [(method, path, operation) for path, operations in document["paths"].items()
                 for method, operation in operations.items() if "requestBody" in operation]
    assert len(with_body) > 30
    for method, path, operation in with_body:
        too_large = operation["responses"].get("413")
        assert too_large is not None, f"{method.upper()} {path}"
        assert too_large["content"]["application/problem+json"]["schema"] == {
            "$ref": "#/components/schemas/Problem"}


def test_an_oversized_body_without_a_length_is_a_413_too(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"title": "'
        for _ in range(40):
            yield b"x" * 65_536
        yield b'"}'

    response = client.post("/v1/initiatives", content=chunks(),
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert "1 MB" in response.json()["detail"]
    assert client.get("/v1/initiatives").json()["total"] == 0
    announced = client.post("/v1/initiatives", json={"title": "x" * 2_000_000}).json()
    found = response.json()
    assert (found["type"], found["title"]) == (announced["type"], announced["title"])
    assert found["type"].endswith("/too-large")


def test_a_database_that_cannot_answer_is_a_503_to_try_again(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def locked(*args: object, **kwargs: object) -> None:
        raise OperationalError("INSERT …", {}, Exception("database is locked"))

    monkeypatch.setattr("api.initiatives.routes.service.create_initiative", locked)
    response = client.post("/v1/initiatives", json=initiative_payload())
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert "bezet" in response.json()["detail"]
