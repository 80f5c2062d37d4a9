"""Signing in and out, passwords, API tokens and the bootstrap token: the bad inputs first."""

from datetime import timedelta

import pytest
from pydantic import ValidationError
from sqlmodel import Session, select
from starlette.testclient import TestClient

from api.auth.models import Credential
from api.config import Settings, get_settings
from api.db import utc_now
from tests.auth_builders import bearer, make_account, make_session_token

PASSWORD = "een-lang-genoeg-wachtwoord"


def _sign_in(client: TestClient, username: str, password: str) -> TestClient:
    return client.post("/v1/sessions", json={"username": username, "password": password})


def test_a_password_gives_a_session_token_that_works(anonymous: TestClient,
                                                     session: Session) -> None:
    make_account(session, "researcher", username="onderzoeker", password=PASSWORD)
    response = _sign_in(anonymous, "onderzoeker", PASSWORD)
    assert response.status_code == 201
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["account"]["role"] == "researcher"
    assert "passwordHash" not in body["account"]
    me = anonymous.get("/v1/accounts/me", headers=bearer(body["token"]))
    assert me.json()["role"] == "researcher"
    stored = session.exec(select(Credential.token_hash)).all()
    assert body["token"] not in stored  # only its hash is kept


def test_a_wrong_password_and_an_unknown_name_get_the_same_401(anonymous: TestClient,
                                                               session: Session) -> None:
    make_account(session, "viewer", username="kijker", password=PASSWORD)
    wrong = _sign_in(anonymous, "kijker", "niet-het-wachtwoord")
    unknown = _sign_in(anonymous, "niemand", "niet-het-wachtwoord")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"]
    assert wrong.headers["www-authenticate"].startswith("Bearer")


def test_repeated_failures_are_throttled_per_account(anonymous: TestClient,
                                                     session: Session) -> None:
    make_account(session, "viewer", username="kijker", password=PASSWORD)
    for _ in range(get_settings().login_attempts):
        assert _sign_in(anonymous, "kijker", "fout-fout-fout").status_code == 401
    refused = _sign_in(anonymous, "kijker", PASSWORD)  # even the right one, for now
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    assert refused.headers["content-type"] == "application/problem+json"


def test_repeated_failures_are_throttled_per_address(anonymous: TestClient) -> None:
    for number in range(get_settings().login_attempts_per_address):
        _sign_in(anonymous, f"gok-{number}", "fout-fout-fout")
    assert _sign_in(anonymous, "nog-een-gok", "fout-fout-fout").status_code == 429


def test_signing_out_revokes_the_token_at_once(anonymous: TestClient, session: Session) -> None:
    token = make_session_token(session, make_account(session, "viewer"))
    assert anonymous.delete("/v1/sessions/current", headers=bearer(token)).status_code == 204
    assert anonymous.get("/v1/initiatives", headers=bearer(token)).status_code == 401


@pytest.mark.parametrize("header", ["Basic dXNlcjpwdw==", "Bearer", "Bearer bk_onbekend"])
def test_malformed_or_unknown_credentials_are_401(anonymous: TestClient, header: str) -> None:
    response = anonymous.get("/v1/initiatives", headers={"Authorization": header})
    assert response.status_code == 401


def test_a_deactivated_account_and_a_changed_role_count_at_once(
    client: TestClient, anonymous: TestClient, session: Session
) -> None:
    account = make_account(session, "editor", stadsdelen=("F",))
    token = make_session_token(session, account)
    changed = client.patch(f"/v1/accounts/{account.id}", json={"role": "viewer",
                                                               "stadsdelen": []})
    assert changed.status_code == 200
    assert anonymous.get("/v1/accounts/me", headers=bearer(token)).json()["role"] == "viewer"
    assert client.patch(f"/v1/accounts/{account.id}",
                        json={"active": False}).status_code == 200
    assert anonymous.get("/v1/accounts/me", headers=bearer(token)).status_code == 401


def test_an_editor_needs_stadsdelen_and_others_have_none(client: TestClient) -> None:
    for body in ({"role": "editor", "stadsdelen": []}, {"role": "viewer", "stadsdelen": ["F"]},
                 {"role": "editor", "stadsdelen": ["X"]}):
        response = client.post("/v1/accounts", json={"username": "nieuw", "displayName": "N",
                                                     **body})
        assert response.status_code == 400, body


def test_changing_the_password_ends_the_other_sessions(anonymous: TestClient,
                                                       session: Session) -> None:
    make_account(session, "viewer", username="kijker", password=PASSWORD)
    first = _sign_in(anonymous, "kijker", PASSWORD).json()["token"]
    second = _sign_in(anonymous, "kijker", PASSWORD).json()["token"]
    wrong = anonymous.post("/v1/accounts/me/password", headers=bearer(first), json={
        "currentPassword": "fout-fout-fout", "newPassword": "nieuw-en-lang-genoeg"})
    assert wrong.status_code == 400
    assert wrong.json()["errors"][0]["location"]["pointer"] == "/currentPassword"
    short = anonymous.post("/v1/accounts/me/password", headers=bearer(first), json={
        "currentPassword": PASSWORD, "newPassword": "kort"})
    assert short.status_code == 400
    changed = anonymous.post("/v1/accounts/me/password", headers=bearer(first), json={
        "currentPassword": PASSWORD, "newPassword": "nieuw-en-lang-genoeg"})
    assert changed.status_code == 204
    assert anonymous.get("/v1/accounts/me", headers=bearer(first)).status_code == 200
    assert anonymous.get("/v1/accounts/me", headers=bearer(second)).status_code == 401
    assert _sign_in(anonymous, "kijker", PASSWORD).status_code == 401
    assert _sign_in(anonymous, "kijker", "nieuw-en-lang-genoeg").status_code == 201


def test_an_api_token_is_shown_once_scoped_and_revoked_at_once(
    client: TestClient, anonymous: TestClient, session: Session
) -> None:
    expires = (utc_now() + timedelta(days=30)).isoformat()
    created = client.post("/v1/api-tokens", json={"name": "Basisregistratie", "role": "editor",
                                                  "stadsdelen": ["F"], "expiresAt": expires})
    assert created.status_code == 201
    token, token_id = created.json()["token"], created.json()["id"]
    assert "token" not in client.get(f"/v1/api-tokens/{token_id}").json()
    assert token not in str(client.get("/v1/api-tokens").json())
    me = anonymous.get("/v1/accounts/me", headers=bearer(token)).json()
    assert (me["role"], me["stadsdelen"], me["kind"]) == ("editor", ["F"], "api-token")
    assert client.delete(f"/v1/api-tokens/{token_id}").status_code == 204
    assert anonymous.get("/v1/initiatives", headers=bearer(token)).status_code == 401
    assert client.get(f"/v1/api-tokens/{token_id}").json()["revokedAt"] is not None


def test_a_token_that_has_expired_or_expires_in_the_past_is_refused(client: TestClient) -> None:
    past = (utc_now() - timedelta(days=1)).isoformat()
    response = client.post("/v1/api-tokens", json={"name": "Te laat", "role": "viewer",
                                                   "expiresAt": past})
    assert response.status_code == 400


def test_the_bootstrap_token_is_an_admin_when_long_enough(
    anonymous: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = "x" * 40
    monkeypatch.setenv("API_BOOTSTRAP_ADMIN_TOKEN", token)
    get_settings.cache_clear()
    try:
        response = anonymous.get("/v1/accounts", headers=bearer(token))
        assert response.status_code == 200
        assert anonymous.get("/v1/accounts", headers=bearer("x" * 39)).status_code == 401
    finally:
        monkeypatch.delenv("API_BOOTSTRAP_ADMIN_TOKEN")
        get_settings.cache_clear()


def test_a_short_bootstrap_token_is_refused_at_start() -> None:
    with pytest.raises(ValidationError, match="at least 32 characters") as refused:
        Settings(bootstrap_admin_token="kort-en-geheim")  # type: ignore[arg-type]
    assert "kort-en-geheim" not in str(refused.value)  # the secret is not repeated


def test_an_oversized_body_is_413_and_writes_nothing(client: TestClient) -> None:
    big = {"title": "x" * 2_000_000}
    response = client.post("/v1/initiatives", json=big)
    assert response.status_code == 413
    assert client.get("/v1/initiatives").json()["total"] == 0


def test_a_token_without_a_time_zone_or_an_editor_without_stadsdelen_is_refused_at_the_field(
    client: TestClient,
) -> None:
    for body, pointer, words in (
        ({"name": "systeem", "role": "viewer", "expiresAt": "2030-01-01T00:00:00"},
         "/expiresAt", "timezone"),
        ({"name": "systeem", "role": "editor", "expiresAt": "2030-01-01T00:00:00Z"},
         "/stadsdelen", "Een redacteur hoort bij minstens één stadsdeel. / An editor needs"),
        ({"name": "systeem", "role": "viewer", "stadsdelen": ["F"],
          "expiresAt": "2030-01-01T00:00:00Z"},
         "/stadsdelen", "Alleen een redacteur hoort bij stadsdelen. / "),
    ):
        response = client.post("/v1/api-tokens", json=body)
        assert response.status_code == 400, body
        [error] = response.json()["errors"]
        assert error["location"] == {"pointer": pointer}
        assert words in error["detail"]
    assert client.get("/v1/api-tokens").json() == []
