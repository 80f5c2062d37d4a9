"""Signing in to the running services as the demo accounts that `api.manage setup` made
(api/auth/bootstrap.py): through the web's real login form, or at the API for test data."""

import json
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from typing import Any

from tests.e2e.servers import Servers
from web.sessions import COOKIE

DEMO_PASSWORD = "buurtkracht-demo"  # documented in the README, demo data only
ADMIN = "demo-beheerder"
NIEUW_WEST_EDITOR = "redacteur-nieuw-west"  # editor of stadsdeel F
TIMEOUT_SECONDS = 10


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    """The login's 303 is the answer itself: its Set-Cookie is what the browser would keep."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _request(url: str, **options: Any) -> urllib.request.Request:
    """Only our own servers' http:// addresses are ever opened here."""
    assert url.startswith("http://127.0.0.1:"), url
    return urllib.request.Request(url, **options)  # noqa: S310 (checked above)


def web_session(servers: Servers, username: str, password: str = DEMO_PASSWORD) -> str:
    """The session cookie a real POST /login gives."""
    body = urllib.parse.urlencode({"username": username, "password": password}).encode()
    opener = urllib.request.build_opener(_KeepRedirects())
    try:
        opener.open(_request(f"{servers.web}/login", data=body), timeout=TIMEOUT_SECONDS)
    except urllib.error.HTTPError as answer:
        if answer.code != 303:
            raise
        cookies = SimpleCookie()
        for header in answer.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
        return cookies[COOKIE].value
    raise AssertionError(f"POST /login as {username} did not redirect")


def api_token(servers: Servers, username: str = ADMIN, password: str = DEMO_PASSWORD) -> str:
    """A session token of the API itself, for reading test data."""
    request = _request(
        f"{servers.api}/v1/sessions", method="POST",
        data=json.dumps({"username": username, "password": password}).encode(),
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        return str(json.load(response)["token"])


def api_get(servers: Servers, token: str, path: str) -> Any:
    request = _request(servers.api + path, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        return json.load(response)


def api_send(servers: Servers, token: str, method: str, path: str, body: Any) -> Any:
    """A JSON write at the API, for test data the browser flow starts from."""
    request = _request(servers.api + path, method=method, data=json.dumps(body).encode(),
                       headers={"Authorization": f"Bearer {token}",
                                "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        return json.load(response)
