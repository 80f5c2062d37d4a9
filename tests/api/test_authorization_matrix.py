"""Every endpoint × every kind of caller → the expected status.

The endpoints come from the published OpenAPI document, so a new route without a row here
fails `test_the_matrix_covers_every_endpoint`. Each cell runs on a fresh database holding one
world: an initiative in Nieuw-West (stadsdeel F) with support, an evaluation and a measure.
"""

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from sqlmodel import Session
from starlette.testclient import TestClient

from api.db import utc_now
from api.openapi import build_openapi
from tests.api.authorization_parts import (
    PART_ACCEPTED,
    PART_ALLOWED,
    PART_CHANGES_IN_PLACE,
    PART_ENDPOINTS,
    PART_NARROWED,
    PART_NARROWED_PATHS,
    PART_TOO_FEW,
)
from tests.api.authorization_world import World, world_of
from tests.api.builders import (
    BUURT_FD03,
    evaluation_payload,
    indicator_payload,
    initiative_payload,
    pre_post_measure,
    professional_payload,
    support_episode_payload,
)
from tests.api.import_helpers import INITIATIVE_HEADER, csv_file, initiative_row
from tests.auth_builders import bearer, make_account, make_api_token, make_session_token

Body = dict[str, Any] | None
FILES = "files"  # in a Body: the request is a multipart upload of these files
Build = Callable[[World], tuple[str, Body]]


def _at(path: str, body: Body = None) -> Build:
    """A request to `path`, its {placeholders} filled from the world's ids."""
    return lambda world: (path.format(**vars(world)), body)


def _tomorrow() -> str:
    return (utc_now() + timedelta(days=1)).isoformat()


STUDIES = {"yi": [0.2, 0.4, 0.1, 0.5], "vi": [0.02, 0.03, 0.01, 0.04]}
CASES = {"data": [{"A": 1, "B": 0, "Y": 1}, {"A": 0, "B": 1, "Y": 0}, {"A": 1, "B": 1, "Y": 1}],
         "outcome": "Y", "conditions": ["A", "B"]}
# (method, OpenAPI path) → (rule, request). Paths are relative to /v1, as the document has them.
ENDPOINTS: dict[tuple[str, str], tuple[str, Build]] = {
    ("GET", "/"): ("public", _at("")),
    ("POST", "/sessions"): ("login", _at("/sessions", {"username": "niemand",
                                                       "password": "geen-wachtwoord"})),
    ("DELETE", "/sessions/current"): ("logout", _at("/sessions/current")),
    ("GET", "/accounts/me"): ("read", _at("/accounts/me")),
    ("POST", "/accounts/me/password"): ("password", _at("/accounts/me/password", {
        "currentPassword": "wat-het-ook-was", "newPassword": "een-nieuw-wachtwoord"})),
    ("GET", "/accounts"): ("administer", _at("/accounts")),
    ("POST", "/accounts"): ("administer", lambda w: ("/accounts", {
        "username": f"nieuw-{uuid.uuid4().hex[:6]}", "displayName": "Nieuw", "role": "viewer"})),
    ("GET", "/accounts/{accountId}"): ("administer", _at("/accounts/{account}")),
    ("PATCH", "/accounts/{accountId}"): ("administer", _at("/accounts/{account}",
                                                           {"displayName": "Anders"})),
    ("GET", "/api-tokens"): ("administer", _at("/api-tokens")),
    ("POST", "/api-tokens"): ("administer", lambda w: ("/api-tokens", {
        "name": "systeem", "role": "viewer", "expiresAt": _tomorrow()})),
    ("GET", "/api-tokens/{tokenId}"): ("administer", _at("/api-tokens/{token}")),
    ("DELETE", "/api-tokens/{tokenId}"): ("administer", _at("/api-tokens/{token}")),
    ("GET", "/areas"): ("read", _at("/areas")),
    ("GET", "/areas/{areaId}"): ("read", _at(f"/areas/{BUURT_FD03}")),
    ("GET", "/wijkaanpak-buurten"): ("read", _at("/wijkaanpak-buurten")),
    ("GET", "/buurt-geometries"): ("read", _at("/buurt-geometries?area=FD")),
    ("GET", "/initiatives"): ("read", _at("/initiatives")),
    ("POST", "/initiatives"): ("write-initiatives", _at("/initiatives", initiative_payload())),
    ("GET", "/initiatives/{initiativeId}"): ("read", _at("/initiatives/{initiative}")),
    ("PATCH", "/initiatives/{initiativeId}"): ("write-initiatives", _at(
        "/initiatives/{initiative}", {"title": "Een nieuwe titel"})),
    ("DELETE", "/initiatives/{initiativeId}"): ("write-initiatives",
                                                _at("/initiatives/{initiative}")),
    ("GET", "/professionals"): ("read", _at("/professionals")),
    ("POST", "/professionals"): ("administer", _at("/professionals", professional_payload())),
    ("GET", "/professionals/{professionalId}"): ("read", _at("/professionals/{professional}")),
    ("PATCH", "/professionals/{professionalId}"): ("administer", _at(
        "/professionals/{professional}", {"organisation": "Dynamo"})),
    ("DELETE", "/professionals/{professionalId}"): ("administer",
                                                    _at("/professionals/{free_professional}")),
    ("GET", "/professionals/{professionalId}/personal-data"): ("administer", _at(
        "/professionals/{professional}/personal-data")),
    ("POST", "/professionals/{professionalId}/pseudonymisation"): ("administer", _at(
        "/professionals/{professional}/pseudonymisation")),
    ("GET", "/support-episodes"): ("read", _at("/support-episodes")),
    ("POST", "/support-episodes"): ("write-initiatives", lambda w: (
        "/support-episodes", support_episode_payload(w.initiative, w.professional))),
    ("GET", "/support-episodes/{episodeId}"): ("read", _at("/support-episodes/{episode}")),
    ("PATCH", "/support-episodes/{episodeId}"): ("write-initiatives", _at(
        "/support-episodes/{episode}", {"hours": 12})),
    ("DELETE", "/support-episodes/{episodeId}"): ("write-initiatives",
                                                  _at("/support-episodes/{episode}")),
    ("GET", "/indicators"): ("read", _at("/indicators")),
    ("POST", "/indicators"): ("administer", _at("/indicators", indicator_payload(code="nieuw"))),
    ("GET", "/indicators/{indicatorId}"): ("read", _at("/indicators/{indicator}")),
    ("PATCH", "/indicators/{indicatorId}"): ("administer", _at("/indicators/{indicator}",
                                                               {"name": "Anders genoemd"})),
    ("DELETE", "/indicators/{indicatorId}"): ("administer", _at("/indicators/{free_indicator}")),
    ("GET", "/evaluations"): ("read", _at("/evaluations")),
    ("POST", "/evaluations"): ("write-evaluations", lambda w: (
        "/evaluations", evaluation_payload(w.initiative))),
    ("GET", "/evaluations/{evaluationId}"): ("read", _at("/evaluations/{evaluation}")),
    ("PATCH", "/evaluations/{evaluationId}"): ("write-evaluations", _at(
        "/evaluations/{evaluation}", {"evaluator": "Universiteit van Amsterdam"})),
    ("DELETE", "/evaluations/{evaluationId}"): ("write-evaluations",
                                                _at("/evaluations/{evaluation}")),
    ("GET", "/outcome-measures"): ("read", _at("/outcome-measures")),
    ("POST", "/outcome-measures"): ("write-evaluations", lambda w: ("/outcome-measures", {
        **pre_post_measure(w.indicator), "evaluationId": str(w.evaluation)})),
    ("GET", "/outcome-measures/{measureId}"): ("read", _at("/outcome-measures/{measure}")),
    ("PATCH", "/outcome-measures/{measureId}"): ("write-evaluations", _at(
        "/outcome-measures/{measure}", {"n": 90})),
    ("DELETE", "/outcome-measures/{measureId}"): ("write-evaluations",
                                                  _at("/outcome-measures/{measure}")),
    ("GET", "/initiatives/{initiativeId}/follow-ups"): ("read", _at(
        "/initiatives/{initiative}/follow-ups")),
    ("POST", "/initiatives/{initiativeId}/follow-ups"): ("write-evaluations", _at(
        "/initiatives/{initiative}/follow-ups", {"monthsAfterSupport": 24,
                                                 "observedOn": "2014-01-15",
                                                 "stillRunning": False,
                                                 "stoppedAfterMonths": 20})),
    ("GET", "/follow-ups/{followUpId}"): ("read", _at("/follow-ups/{follow_up}")),
    ("PATCH", "/follow-ups/{followUpId}"): ("write-evaluations", _at(
        "/follow-ups/{follow_up}", {"newPeopleJoined": 4})),
    ("DELETE", "/follow-ups/{followUpId}"): ("write-evaluations", _at("/follow-ups/{follow_up}")),
    ("GET", "/exports/{resource}"): ("read", _at("/exports/initiatives?format=csv")),
    ("GET", "/exports/{resource}/fields"): ("read", _at("/exports/evaluations/fields")),
    ("GET", "/exports/{resource}/template"): ("read", _at("/exports/initiatives/template")),
    ("GET", "/exports/all"): ("read", _at("/exports/all")),
    ("GET", "/exports/open-data"): ("read", _at("/exports/open-data")),
    ("GET", "/imports"): ("read", _at("/imports")),
    ("GET", "/imports/{importId}"): ("own-import", _at("/imports/{import_job}")),
    ("POST", "/imports"): ("import-initiatives", _at("/imports", {FILES: {
        "file": ("i.csv", csv_file(INITIATIVE_HEADER, [initiative_row("M-2")]), "text/csv")},
        "resource": "initiatives"})),
    ("POST", "/imports/{importId}/commit"): ("own-import", _at("/imports/{import_job}/commit")),
    ("GET", "/vocabularies"): ("read", _at("/vocabularies")),
    ("GET", "/vocabularies/{name}"): ("read", _at("/vocabularies/theme")),
    ("GET", "/audit-events"): ("read-audit", _at("/audit-events")),
    ("POST", "/analysis/effect-sizes"): ("compute", _at("/analysis/effect-sizes", {
        "measure": "MD", "rows": [{"m1i": 5.2, "sd1i": 1.1, "n1i": 40, "m2i": 4.8,
                                   "sd2i": 1.2, "n2i": 38}]})),
    ("GET", "/analysis/effects"): ("read", _at("/analysis/effects?groupBy=stadsdeel")),
    ("GET", "/analysis/effects/moderators"): ("read", _at(
        "/analysis/effects/moderators?moderators=hours")),
    ("POST", "/analysis/meta"): ("compute", _at("/analysis/meta", STUDIES)),
    ("POST", "/analysis/qca/calibrate"): ("compute", _at("/analysis/qca/calibrate", {
        "values": [1, 5, 9], "thresholds": {"e": 2, "c": 5, "i": 8}})),
    ("POST", "/analysis/qca/truth-table"): ("compute", _at("/analysis/qca/truth-table", CASES)),
    ("POST", "/analysis/qca/minimize"): ("compute", _at("/analysis/qca/minimize", CASES)),
    ("POST", "/analysis/success-factors"): ("compute", _at("/analysis/success-factors", {
        "conditions": [{"attribute": "hours"}], "outcome": {"kind": "effect"}})),
    ("POST", "/analysis/qca/fit"): ("compute", _at("/analysis/qca/fit", {
        "data": CASES["data"], "outcome": "Y"})),
    ("POST", "/analysis/meta/subgroups"): ("compute", _at("/analysis/meta/subgroups", {
        **STUDIES, "groups": ["a", "a", "b", "b"]})),
    ("POST", "/analysis/meta/small-study"): ("compute", _at("/analysis/meta/small-study",
                                                            STUDIES)),
    ("POST", "/analysis/meta/leave-one-out"): ("compute", _at("/analysis/meta/leave-one-out",
                                                              STUDIES)),
    ("GET", "/analysis/durability"): ("read", _at(
        "/analysis/durability?by=supportStyle&covariates=hours")),
    ("GET", "/analysis/support"): ("read", _at("/analysis/support")),
    **PART_ENDPOINTS,
}
# Requests whose rule follows from their query, beside their endpoint's row above.
NARROWED: dict[str, tuple[str, str, Build]] = {
    "GET /audit-events?initiative=…": ("read-initiative-history", "GET",
                                       _at("/audit-events?initiative={initiative}")),
    **PART_NARROWED,
}

# Who may, per rule; everyone signed in may read.
ALLOWED = {
    "write-initiatives": {"admin", "editor-own", "token-editor-own"},
    "write-evaluations": {"admin", "editor-own", "token-editor-own", "researcher"},
    "administer": {"admin"},
    # Any editor may send a file; each row is then held to their stadsdelen (the report).
    "import-initiatives": {"admin", "editor-own", "editor-other", "token-editor-own"},
    "read-audit": {"admin", "researcher"},
    **PART_ALLOWED,
    # Reading, not writing: an editor reads the history of any stadsdeel's initiative.
    "read-initiative-history": {"admin", "researcher", "editor-own", "editor-other",
                                "token-editor-own"},
}
CALLERS = ["anonymous", "expired", "revoked", "viewer", "researcher", "editor-own",
           "editor-other", "token-editor-own", "admin"]
SUCCESS = {"GET": 200, "POST": 201, "PATCH": 200, "DELETE": 204}
# A POST that creates nothing.
CHANGES_IN_PLACE = {"/professionals/{professionalId}/pseudonymisation", *PART_CHANGES_IN_PLACE}
# A POST that starts a job.
ACCEPTED = {"/imports", "/imports/{importId}/commit", *PART_ACCEPTED}
# Past the rules, the world's one initiative is too few to regress on: a 422, not a 200.
TOO_FEW_TO_ANALYSE = {"/analysis/effects/moderators", "/analysis/success-factors",
                      *PART_TOO_FEW}


def expected_status(rule: str, caller: str, method: str, path: str = "") -> int:
    success = 200 if path in CHANGES_IN_PLACE else SUCCESS[method]
    if method == "POST" and path in ACCEPTED:
        success = 202
    if path in TOO_FEW_TO_ANALYSE:
        success = 422
    if rule == "public":
        return 200
    if rule == "login":
        return 401  # a wrong password, whoever asks
    if caller in ("anonymous", "expired", "revoked"):
        return 401
    if rule == "read":
        return success
    if rule == "compute":  # a POST that computes and stores nothing
        return 422 if path in TOO_FEW_TO_ANALYSE else 200
    if rule == "logout":
        return 400 if caller.startswith("token") else 204  # only a session signs out
    if rule == "password":
        return 400  # test accounts have no password; a token has no account
    if rule == "own-import":  # only its sender (another admin here) and admins see it
        return success if caller == "admin" else 404
    return success if caller in ALLOWED[rule] else 403


def _headers(session: Session, caller: str) -> dict[str, str]:
    if caller == "anonymous":
        return {}
    if caller == "token-editor-own":
        return bearer(make_api_token(session, "editor", stadsdelen=("F",)))
    role, stadsdelen = {"editor-own": ("editor", ("F",)), "editor-other": ("editor", ("A",)),
                        "expired": ("admin", ()), "revoked": ("admin", ())}.get(
        caller, (caller, ()))
    account = make_account(session, role, stadsdelen=stadsdelen)
    expires = utc_now() - timedelta(minutes=1) if caller == "expired" else None
    return bearer(make_session_token(session, account, expires_at=expires,
                                     revoked=caller == "revoked"))


def test_the_matrix_covers_every_endpoint(api_app: FastAPI) -> None:
    document = build_openapi(api_app)
    published = {(method.upper(), path) for path, operations in document["paths"].items()
                 for method in operations}
    assert published == set(ENDPOINTS)


def _check(api_app: FastAPI, session: Session, caller: str, rule: str, method: str,
           build: Build, openapi_path: str = "") -> None:
    path, body = build(world_of(session))
    with TestClient(api_app, raise_server_exceptions=False) as client:
        headers = _headers(session, caller)
        if body is not None and FILES in body:  # a file upload: multipart, not JSON
            fields = {key: value for key, value in body.items() if key != FILES}
            response = client.request(method, "/v1" + path, files=body[FILES], data=fields,
                                      headers=headers)
        else:
            response = client.request(method, "/v1" + path, json=body, headers=headers)
    assert response.status_code == expected_status(rule, caller, method, openapi_path), (
        response.text)
    if response.status_code in (401, 403):
        assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS), ids=lambda e: f"{e[0]} {e[1]}")
def test_each_caller_gets_the_expected_status(
    api_app: FastAPI, session: Session, endpoint: tuple[str, str], caller: str
) -> None:
    rule, build = ENDPOINTS[endpoint]
    _check(api_app, session, caller, rule, endpoint[0], build, endpoint[1])


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("request_name", sorted(NARROWED))
def test_each_caller_gets_the_expected_status_for_a_narrowed_request(
    api_app: FastAPI, session: Session, request_name: str, caller: str
) -> None:
    rule, method, build = NARROWED[request_name]
    _check(api_app, session, caller, rule, method, build,
           PART_NARROWED_PATHS.get(request_name, ""))
