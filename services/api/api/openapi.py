"""The published OpenAPI document: paths relative to /v1, problem+json for every error."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api import API_VERSION
from api.config import get_settings
from api.errors import PROBLEM_JSON, Problem

BASE_PATH = "/v1"
CONTACT = {
    "name": "Buurtkracht",
    "email": "buurtkracht@amsterdam.nl",
    "url": "https://buurtkracht.amsterdam.nl",
}
ERROR_DESCRIPTIONS = {
    "400": "Ongeldige invoer / Invalid input",
    "401": "Niet aangemeld / Not signed in",
    "404": "Niet gevonden / Not found",
    "409": "Conflict met bestaande gegevens / Conflict",
    "412": "Intussen gewijzigd (If-Match) / Changed since read",
    "413": "Te groot / Content too large",
    "415": "Soort bestand niet ondersteund / Unsupported media type",
    "422": "Niet te analyseren / These data cannot be analysed",
    "429": "Te veel pogingen / Too many attempts",
    "500": "Interne fout / Internal error",
    "503": "Tijdelijk te druk / Temporarily overloaded",
}


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` of an operation that answers with problems beyond every operation's own:
    404 for an unknown value in its query, 422 (errors.CannotAnalyse) for data it cannot
    analyse. Declared, they are in the document, so clients (and the fuzzer) expect them."""
    return {code: {"description": ERROR_DESCRIPTIONS[str(code)]} for code in codes}


def _declare_problems(operation: dict[str, Any], path: str, method: str) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    # FastAPI's own 422 (request validation) is answered as 400; a declared one stays.
    if responses.get("422", {}).get("description") != ERROR_DESCRIPTIONS["422"]:
        responses.pop("422", None)
    codes = ["400", "500", "503"]
    if "{" in path:
        codes.append("404")
    if method in ("patch", "delete"):
        codes.append("412")
    if "requestBody" in operation:  # api.body_limit: every body has a limit
        codes.append("413")
    for code in codes:
        responses.setdefault(code, {"description": ERROR_DESCRIPTIONS[code]})
    problem = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for code, response in responses.items():
        if code[0] in "45":
            response["content"] = problem


def build_openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title="Buurtkracht API",
        version=API_VERSION,
        summary="Bewonersinitiatieven, professionals, ondersteuning en evaluaties.",
        description="Wat werkt in bewonersparticipatie, en welke professionele ondersteuning "
        "maakt het mogelijk. Conventions: NL API Design Rules 2.0.",
        routes=app.routes,
        contact=CONTACT,
        license_info={"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
    )
    paths: dict[str, Any] = {}
    for path, operations in schema.get("paths", {}).items():
        relative = path.removeprefix(BASE_PATH) or "/"
        for method, operation in operations.items():
            _declare_problems(operation, relative, method)
        paths[relative] = operations
    schema["paths"] = paths
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    schemas.update(Problem.model_json_schema(ref_template="#/components/schemas/{model}")
                   .pop("$defs", {}))
    schemas["Problem"] = Problem.model_json_schema(
        ref_template="#/components/schemas/{model}", by_alias=True
    )
    schemas["Problem"].pop("$defs", None)
    schema["servers"] = [{"url": get_settings().public_url.rstrip("/") + BASE_PATH}]
    app.openapi_schema = schema
    return schema
