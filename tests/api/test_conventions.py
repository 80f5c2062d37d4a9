"""The NL API Design Rules conventions: base path, headers, OpenAPI, problems, landing."""

import re

import anyio
import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from api import API_VERSION
from api.limits import ServiceLimits
from api.openapi import ERROR_DESCRIPTIONS

SEMVER = re.compile(r"^\d+\.\d+\.\d+$")


def test_every_response_carries_the_full_api_version(client: TestClient) -> None:
    for path in ("/v1", "/v1/initiatives", "/v1/initiatives/unknown", "/v1/nothing-here"):
        assert client.get(path).headers["api-version"] == API_VERSION
    assert SEMVER.match(API_VERSION)


def test_the_landing_resource_names_the_source_of_the_area_data(client: TestClient) -> None:
    body = client.get("/v1").json()
    assert body["attribution"].startswith("Bron: Gemeente Amsterdam")
    assert body["links"]["initiatives"].endswith("/v1/initiatives")
    assert body["links"]["openapi"].endswith("/v1/openapi.json")


def test_the_openapi_document_is_published_with_cors(client: TestClient) -> None:
    response = client.get("/v1/openapi.json")
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    document = response.json()
    info = document["info"]
    assert SEMVER.match(info["version"])
    assert {"name", "email", "url"} <= info["contact"].keys()
    assert all(server["url"].startswith("http") and server["url"].endswith("/v1")
               for server in document["servers"])


def test_paths_are_kebab_case_without_trailing_slashes(client: TestClient) -> None:
    for path in client.get("/v1/openapi.json").json()["paths"]:
        literal = re.sub(r"\{[^}]+\}", "x", path)
        assert path == "/" or not path.endswith("/"), path
        assert re.fullmatch(r"(/[a-z0-9-]+)*/?", literal), path


def test_every_error_response_is_declared_as_a_problem(client: TestClient) -> None:
    document = client.get("/v1/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            # FastAPI's 422 (request validation) is answered as 400 and never documented; a
            # 422 an analysis declares (errors.CannotAnalyse, openapi.problems) is.
            declared = responses.get("422", {}).get("description", ERROR_DESCRIPTIONS["422"])
            assert declared == ERROR_DESCRIPTIONS["422"], (path, method)
            assert "400" in responses and "500" in responses, (path, method)
            for code, response in responses.items():
                if code[0] in "45":
                    schema = response["content"]["application/problem+json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Problem"}, (path, code)
    problem = document["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "instance"} <= problem["properties"].keys()


def test_properties_query_keys_and_path_parameters_are_lower_camel_case(client: TestClient) -> None:
    document = client.get("/v1/openapi.json").json()
    camel = re.compile(r"^_?[a-z][a-zA-Z0-9]*$")
    for name, schema in document["components"]["schemas"].items():
        for key in schema.get("properties", {}):
            assert camel.match(key), (name, key)
    for operations in document["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] in ("query", "path"):
                    assert camel.match(parameter["name"]), parameter["name"]


def test_an_unknown_route_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_a_body_that_is_not_json_is_a_400_problem(client: TestClient) -> None:
    response = client.post("/v1/initiatives", content=b"{not json",
                           headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["in"] == "body"


def test_a_full_backlog_is_refused_at_once_with_503() -> None:
    """With every slot taken and no room to wait, a request is refused, not queued."""
    release = anyio.Event()
    inner = FastAPI()

    @inner.get("/slow")
    async def slow() -> dict[str, str]:
        await release.wait()
        return {"ok": "ja"}

    limited = ServiceLimits(inner, concurrency=1, backlog=0)

    async def scenario() -> tuple[int, int]:
        import httpx2

        transport = httpx2.ASGITransport(app=limited)
        async with httpx2.AsyncClient(transport=transport, base_url="http://t") as http:
            statuses: list[int] = []

            async def call() -> None:
                statuses.append((await http.get("/slow")).status_code)

            async with anyio.create_task_group() as group:
                group.start_soon(call)
                await anyio.sleep(0.05)
                refused = await http.get("/slow")
                release.set()
            return refused.status_code, statuses[0]

    refused, served = anyio.run(scenario)
    assert (refused, served) == (503, 200)


@pytest.mark.parametrize("path", ["/v1/initiatives", "/v1/areas"])
def test_list_responses_are_json(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["content-type"].startswith("application/json")


def test_validation_messages_are_dutch_first(client: TestClient) -> None:
    errors = client.get("/v1/initiatives?pageSize=1000&status=klaar").json()["errors"]
    details = {error["location"]["name"]: error["detail"] for error in errors}
    assert details["pageSize"].startswith("Moet 100 of minder zijn. / ")
    assert details["status"].startswith("Onbekende code; kies uit: 'idee'")
    assert " of 'gestopt'. / Input should be" in details["status"]
    missing = client.post("/v1/initiatives", json={}).json()["errors"][0]["detail"]
    assert missing == "Dit veld is verplicht. / Field required"
