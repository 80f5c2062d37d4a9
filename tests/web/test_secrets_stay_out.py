"""No response and no log line holds a password, a token or a hash of either: a whole day of
signing in (right and wrong), using, changing and revoking credentials through the web and
the API, with every logger at DEBUG."""

import logging
from collections.abc import Iterator

import httpx2
import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from api.auth.models import Account, Credential
from api.db import make_engine
from tests.auth_builders import bearer, make_account
from web.sessions import COOKIE

PASSWORD = "een-lang-geheim-wachtwoord"
NEW_PASSWORD = "een-nog-langer-geheim-wachtwoord"
ORIGIN = {"Origin": "http://testserver"}


@pytest.fixture
def everything_logged(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.DEBUG)
    # The test database's engine is not the service's (which hides statement parameters,
    # checked below); its statements are left out here.
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    yield caplog
    logging.getLogger("sqlalchemy").setLevel(logging.NOTSET)


def test_no_response_or_log_line_holds_a_secret(
    anonymous_web: TestClient, anonymous: TestClient, engine: Engine,
    everything_logged: pytest.LogCaptureFixture,
) -> None:
    with Session(engine) as session:
        make_account(session, "admin", username="anna", password=PASSWORD)
    responses: list[httpx2.Response] = []
    web, api = anonymous_web, anonymous

    for password in ("fout-wachtwoord", PASSWORD):
        responses.append(web.post("/login", headers=ORIGIN, follow_redirects=False, data={
            "username": "anna", "password": password, "next": "/"}))
    session_token = web.cookies[COOKIE]
    responses.append(web.post("/account/password", headers=ORIGIN, follow_redirects=False, data={
        "currentPassword": PASSWORD, "newPassword": NEW_PASSWORD,
        "repeatPassword": NEW_PASSWORD}))
    responses.append(created := api.post("/v1/api-tokens", headers=bearer(session_token), json={
        "name": "koppeling", "role": "viewer", "expiresAt": "2099-01-01T00:00:00Z"}))
    api_token = created.json()["token"]
    responses.append(api.get("/v1/initiatives", headers=bearer(api_token)))
    responses.append(api.delete(f"/v1/api-tokens/{created.json()['id']}",
                                headers=bearer(session_token)))
    responses.append(api.get("/v1/initiatives", headers=bearer(api_token)))
    responses.append(api.get("/v1/accounts", headers=bearer(session_token)))
    responses.append(web.post("/logout", headers=ORIGIN, follow_redirects=False))

    secrets = [PASSWORD, NEW_PASSWORD, session_token, api_token, *_hashes(engine)]
    assert [response.status_code for response in responses] == [
        401, 303, 303, 201, 200, 204, 401, 200, 303]
    for response in responses:
        shown = response.text + "".join(f"{k}: {v}" for k, v in response.headers.items()
                                        if k.lower() != "set-cookie")
        for secret in secrets:
            if secret in (session_token, api_token) and secret in shown:
                continue  # the one answer that hands the new credential over; checked below
            assert secret not in shown, f"{response.request.url} shows a secret"
    assert api_token not in "".join(response.text for response in responses[4:])
    logged = everything_logged.text + "".join(
        str(record.args) for record in everything_logged.records)
    assert everything_logged.records, "nothing was logged: the check would prove nothing"
    for secret in secrets:
        assert secret not in logged


def _hashes(engine: Engine) -> list[str]:
    with Session(engine) as session:
        passwords = session.exec(select(Account.password_hash).where(
            col(Account.password_hash).is_not(None))).all()
        tokens = session.exec(select(Credential.token_hash)).all()
    found = [value for value in [*passwords, *tokens] if value]
    assert len(found) >= 3 and any(value.startswith("$argon2") for value in found)
    return found


def test_the_services_engine_never_logs_statement_parameters(
    tmp_path: object, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    for url in ("sqlite://", f"sqlite:///{tmp_path}/x.db",
                "postgresql+psycopg://nobody@127.0.0.1:1/none"):
        assert make_engine(url).hide_parameters, url
    engine = make_engine("sqlite://")
    with engine.connect() as connection:
        connection.execute(text("SELECT :secret"), {"secret": "geheim-token-waarde"})
    assert "SELECT ?" in caplog.text  # the statement is logged ...
    assert "geheim-token-waarde" not in caplog.text  # ... its parameters are not
