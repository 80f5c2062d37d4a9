"""Single sign-on's settings and the client's authentication at the token endpoint; the
whole flow is in test_sso.py."""

import pytest
from pydantic import ValidationError

from tests.oidc_provider import CLIENT_ID, ISSUER
from web.config import Settings
from web.identity_provider import client_authentication


def test_a_client_secret_goes_by_post_when_the_provider_takes_only_that() -> None:
    assert client_authentication("web", "geheim", ["client_secret_post"]) == (
        {"client_id": "web", "client_secret": "geheim"}, {})
    form, headers = client_authentication("web id", "a:b", [])
    assert (form, headers) == ({}, {"Authorization": "Basic d2ViK2lkOmElM0Fi"})
    assert client_authentication("public", None, []) == ({"client_id": "public"}, {})


def test_empty_variables_as_compose_passes_them_leave_single_sign_on_off() -> None:
    settings = Settings.model_validate({"oidc_issuer": "", "oidc_client_id": "",
                                        "oidc_client_secret": "", "oidc_label": ""})
    assert not settings.sso_enabled
    assert (settings.oidc_client_secret, settings.oidc_label) == (None, None)


@pytest.mark.parametrize("given", [{"oidc_client_id": None},
                                   {"oidc_client_id": CLIENT_ID, "oidc_scopes": "profile"}])
def test_an_issuer_without_a_client_id_or_the_openid_scope_stops_the_start(
        given: dict[str, str | None]) -> None:
    with pytest.raises(ValidationError):
        Settings.model_validate({"oidc_issuer": ISSUER, **given})
