"""Who is calling: the bearer token of a request, resolved to a role and a scope.

Every request that reaches a protected route passes through `current_caller` once; the
answer is kept on the request (for logs and redaction) and on the session (for the audit
trail), so nothing downstream asks again.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session, col, select

from api.auth.models import Account, Credential, CredentialKind, Role
from api.auth.secrets import same_secret, token_hash
from api.config import get_settings
from api.db import SessionDep, utc_now
from api.errors import Unauthorized

ACTOR = "actor"  # the key of the caller in session.info, read by the audit trail


@dataclass(frozen=True)
class Caller:
    kind: str  # anonymous, session, api-token, bootstrap or system
    role: Role | None = None
    stadsdelen: frozenset[str] = field(default_factory=frozenset)
    account_id: uuid.UUID | None = None
    credential_id: uuid.UUID | None = None
    label: str = ""  # who, in the audit trail: an account's username or a token's name

    @property
    def signed_in(self) -> bool:
        return self.role is not None


ANONYMOUS = Caller(kind="anonymous")
BOOTSTRAP = Caller(kind="bootstrap", role=Role.ADMIN, label="bootstrap-token")
SYSTEM = Caller(kind="system", role=Role.ADMIN, label="system")


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized()
    return token.strip()


def _live(credential: Credential, now: datetime) -> bool:
    return credential.revoked_at is None and credential.expires_at > now


def caller_for_token(session: Session, token: str) -> Caller:
    """The caller a token stands for; 401 for any token that is not live, without saying
    whether it was unknown, expired or revoked."""
    bootstrap = get_settings().bootstrap_admin_token
    if bootstrap is not None and same_secret(token, bootstrap.get_secret_value()):
        return BOOTSTRAP
    found = session.exec(
        select(Credential, Account)
        .outerjoin(Account, col(Account.id) == col(Credential.account_id))
        .where(Credential.token_hash == token_hash(token))
    ).first()
    if found is None or not _live(found[0], utc_now()):
        raise Unauthorized()
    credential, account = found
    if credential.kind == CredentialKind.SESSION:
        if account is None or not account.active:
            raise Unauthorized()
        # A session carries the account's role as it is now: a changed role counts at once.
        return Caller(kind="session", role=account.role, stadsdelen=frozenset(account.stadsdelen),
                      account_id=account.id, credential_id=credential.id,
                      label=account.username)
    return Caller(kind="api-token", role=credential.role,
                  stadsdelen=frozenset(credential.stadsdelen), credential_id=credential.id,
                  label=f"token:{credential.name}")


def current_caller(request: Request, session: SessionDep) -> Caller:
    token = bearer_token(request)
    caller = ANONYMOUS if token is None else caller_for_token(session, token)
    request.state.caller = caller
    session.info[ACTOR] = caller
    return caller


CallerDep = Annotated[Caller, Depends(current_caller)]
