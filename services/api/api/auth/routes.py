"""HTTP routes: /v1/sessions (sign in and out), /v1/accounts, /v1/api-tokens."""

import uuid
from typing import Annotated

from anyio import from_thread
from fastapi import APIRouter, Depends, Header, Path, Request, Response, status

from api.auth import service
from api.auth.identity import Caller, CallerDep
from api.auth.models import (
    Account,
    AccountCreate,
    AccountPublic,
    AccountUpdate,
    ApiTokenCreate,
    ApiTokenCreated,
    ApiTokenPublic,
    Credential,
    Login,
    Me,
    PasswordChange,
    SessionCreated,
)
from api.auth.oidc import OidcVerifier, SsoRefused, get_oidc_verifier
from api.auth.rules import ADMINISTER, READ, require
from api.db import SessionDep
from api.errors import InvalidInput, Unauthorized
from api.openapi import problems
from api.wire import set_etag

router = APIRouter(prefix="/v1", tags=["accounts"])
Administrator = Annotated[Caller, Depends(require(ADMINISTER))]
SignedIn = Annotated[Caller, Depends(require(READ))]
IfMatch = Annotated[str | None, Header(description="ETag of the version you edited")]


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/sessions", status_code=status.HTTP_201_CREATED,
             responses=problems(401, 429))
def sign_in(login: Login, request: Request, response: Response, session: SessionDep,
            verifier: Annotated[OidcVerifier, Depends(get_oidc_verifier)]) -> SessionCreated:
    """Sign in with a username and password, or with an ID token of the identity provider.
    A worker thread: hashing a password takes tens of milliseconds of CPU."""
    response.headers["Cache-Control"] = "no-store"
    if login.id_token is not None:
        try:  # the provider's keys are fetched on the event loop, this thread waits
            identity = from_thread.run(verifier.verify, login.id_token,
                                       login.nonce)
        except SsoRefused:
            raise Unauthorized() from None
        return service.log_in_sso(session, identity)
    if not login.username or not login.password:
        raise InvalidInput([], "Geef gebruikersnaam en wachtwoord, of een ID-token. / "
                               "Give a username and password, or an ID token.")
    return service.log_in(session, login.username, login.password, _address(request))


@router.delete("/sessions/current", status_code=status.HTTP_204_NO_CONTENT)
def sign_out(caller: SignedIn, session: SessionDep) -> None:
    service.log_out(session, caller)


@router.get("/accounts/me")
def who_am_i(caller: SignedIn, session: SessionDep) -> Me:
    account = session.get(Account, caller.account_id) if caller.account_id else None
    assert caller.role is not None  # SignedIn
    return Me(id=caller.account_id or caller.credential_id, kind=caller.kind,
              name=account.display_name if account else caller.label,
              role=caller.role, stadsdelen=sorted(caller.stadsdelen))


@router.post("/accounts/me/password", status_code=status.HTTP_204_NO_CONTENT)
def change_password(change: PasswordChange, caller: SignedIn, session: SessionDep) -> None:
    service.change_password(session, caller, change.current_password, change.new_password)


AccountId = Annotated[uuid.UUID, Path(alias="accountId")]


def load_account(account_id: AccountId, session: SessionDep, _admin: Administrator) -> Account:
    return service.get_account(session, account_id)


AccountDep = Annotated[Account, Depends(load_account)]


@router.get("/accounts")
def list_accounts(session: SessionDep, _admin: Administrator) -> list[AccountPublic]:
    return [service.account_public(account) for account in service.list_accounts(session)]


@router.post("/accounts", status_code=status.HTTP_201_CREATED)
def create_account(data: AccountCreate, session: SessionDep, response: Response,
                   _admin: Administrator) -> AccountPublic:
    account = service.create_account(session, data)
    set_etag(response, account.version)
    response.headers["Location"] = f"/v1/accounts/{account.id}"
    return service.account_public(account)


@router.get("/accounts/{accountId}")
def get_account(account: AccountDep, response: Response) -> AccountPublic:
    set_etag(response, account.version)
    return service.account_public(account)


@router.patch("/accounts/{accountId}")
def update_account(account: AccountDep, changes: AccountUpdate, session: SessionDep,
                   response: Response, if_match: IfMatch = None) -> AccountPublic:
    account = service.update_account(session, account, changes, if_match)
    set_etag(response, account.version)
    return service.account_public(account)


TokenId = Annotated[uuid.UUID, Path(alias="tokenId")]


def load_token(token_id: TokenId, session: SessionDep, _admin: Administrator) -> Credential:
    return service.get_token(session, token_id)


TokenDep = Annotated[Credential, Depends(load_token)]


@router.get("/api-tokens")
def list_tokens(session: SessionDep, _admin: Administrator) -> list[ApiTokenPublic]:
    return [service.token_public(token) for token in service.list_tokens(session)]


@router.post("/api-tokens", status_code=status.HTTP_201_CREATED)
def create_token(data: ApiTokenCreate, session: SessionDep, response: Response,
                 admin: Administrator) -> ApiTokenCreated:
    created = service.create_token(session, data, admin)
    response.headers["Location"] = f"/v1/api-tokens/{created.id}"
    response.headers["Cache-Control"] = "no-store"  # the token itself is in the body
    return created


@router.get("/api-tokens/{tokenId}")
def get_token(token: TokenDep) -> ApiTokenPublic:
    return service.token_public(token)


@router.delete("/api-tokens/{tokenId}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_token(token: TokenDep, session: SessionDep) -> None:
    """Revokes the token at once; its record stays, with `revokedAt`."""
    service.revoke_token(session, token)


__all__ = ["CallerDep", "router"]
