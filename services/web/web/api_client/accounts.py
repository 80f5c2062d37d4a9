"""Signing in and out, who is signed in, and changing one's own password."""

from datetime import datetime

from web.api_client import ApiClient, acting_as
from web.api_client.results import Wire

# Who a session belongs to is asked once a minute at most: a page view costs no extra
# call, and a role changed by an administrator shows within that minute. A revoked session
# is refused sooner, by the first call of the page that the API answers with a 401.
ME_SECONDS = 60.0
ADMIN, EDITOR, RESEARCHER, VIEWER = "admin", "editor", "researcher", "viewer"


class Me(Wire):
    """The signed-in person. The `may_…` rules mirror the API's (api/auth/rules.py), so
    that pages hide what the API would refuse; the API still decides."""

    id: str | None = None
    kind: str
    name: str
    role: str
    stadsdelen: tuple[str, ...] = ()

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    @property
    def sees_personal_data(self) -> bool:
        """Viewers get names and free texts as null (api/privacy.py)."""
        return self.role != VIEWER

    @property
    def may_create_initiatives(self) -> bool:
        return self.role in (ADMIN, EDITOR)

    def may_write_initiative(self, stadsdeel: str) -> bool:
        """Edit or delete it, or record support: admins, and editors in its stadsdeel."""
        return self.is_admin or (self.role == EDITOR and stadsdeel in self.stadsdelen)

    def may_evaluate(self, stadsdeel: str) -> bool:
        """Record evaluations and outcome measures: researchers too."""
        return self.role == RESEARCHER or self.may_write_initiative(stadsdeel)

    @property
    def may_read_records(self) -> bool:
        """Qualitative records and their coding: researchers and administrators only."""
        return self.role in (ADMIN, RESEARCHER)

    @property
    def may_write_codes(self) -> bool:
        """Keep the codebook: researchers and administrators; everyone signed in reads it."""
        return self.role in (ADMIN, RESEARCHER)

    @property
    def may_write_method_books(self) -> bool:
        """Ask for a method book or write it again: researchers and administrators;
        everyone signed in reads the books."""
        return self.role in (ADMIN, RESEARCHER)

    @property
    def may_import(self) -> bool:
        """Import at least one table (web/imports.py says which): all but viewers."""
        return self.role in (ADMIN, EDITOR, RESEARCHER)

    @property
    def may_read_history(self) -> bool:
        """An initiative's history (the audit trail), of any stadsdeel: all but viewers,
        since it names who made each change."""
        return self.role in (ADMIN, EDITOR, RESEARCHER)


class SessionCreated(Wire):
    token: str
    expires_at: datetime


async def sign_in(api: ApiClient, username: str, password: str,
                  address: str) -> SessionCreated:
    """A new session. `address` is the person's: the API counts failures per address."""
    with acting_as(None):  # a new session never carries a token sent before it
        response = await api._send("POST", "/v1/sessions",
                                   body={"username": username, "password": password},
                                   headers={"X-Forwarded-For": address})
    return SessionCreated.model_validate_json(response.content)


async def sign_in_sso(api: ApiClient, id_token: str, nonce: str) -> SessionCreated:
    """A new session for the person the identity provider's ID token names; the API checks
    the token and the nonce the sign-on began with, and maps the role (401 if none)."""
    with acting_as(None):
        response = await api._send("POST", "/v1/sessions",
                                   body={"idToken": id_token, "nonce": nonce})
    return SessionCreated.model_validate_json(response.content)


async def sign_out(api: ApiClient) -> None:
    """Revokes the current session at the API at once."""
    api.forget_session()
    await api._send("DELETE", "/v1/sessions/current")


async def me(api: ApiClient) -> Me:
    async def load() -> Me:
        return Me.model_validate_json((await api._send("GET", "/v1/accounts/me")).content)
    return await api._kept_for_session("me", ME_SECONDS, load)


async def change_password(api: ApiClient, current: str, new: str) -> None:
    """The API ends the account's other sessions; this one stays."""
    await api._send("POST", "/v1/accounts/me/password",
                    body={"currentPassword": current, "newPassword": new})
