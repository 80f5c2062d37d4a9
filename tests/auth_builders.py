"""Accounts and credentials for tests, written straight to the database.

A session token is made without a password: hashing with Argon2 in every test would cost
more than the test. Tests of the password path itself set one (`password=`).
"""

import uuid
from datetime import datetime, timedelta

from sqlmodel import Session

from api.auth.models import Account, Credential, CredentialKind, Role
from api.auth.secrets import hash_password, new_token, token_hash
from api.db import utc_now


def make_account(session: Session, role: Role | str = Role.ADMIN, *,
                 stadsdelen: tuple[str, ...] = (), username: str | None = None,
                 password: str | None = None, active: bool = True) -> Account:
    role = Role(role)
    account = Account(username=username or f"{role.value}-{uuid.uuid4().hex[:8]}",
                      display_name=f"Test {role.value}", role=role, stadsdelen=list(stadsdelen),
                      active=active,
                      password_hash=hash_password(password) if password is not None else None)
    session.add(account)
    session.commit()
    session.refresh(account)
    return account


def make_session_token(session: Session, account: Account, *,
                       expires_at: datetime | None = None, revoked: bool = False) -> str:
    token = new_token()
    session.add(Credential(kind=CredentialKind.SESSION, name="test", token_hash=token_hash(token),
                           account_id=account.id, role=account.role,
                           stadsdelen=account.stadsdelen, created_by=account.username,
                           expires_at=expires_at or utc_now() + timedelta(hours=1),
                           revoked_at=utc_now() if revoked else None))
    session.commit()
    return token


def make_api_token(session: Session, role: Role | str, *, stadsdelen: tuple[str, ...] = (),
                   expires_at: datetime | None = None, revoked: bool = False) -> str:
    token = new_token()
    session.add(Credential(kind=CredentialKind.API_TOKEN, name=f"test-{Role(role).value}",
                           token_hash=token_hash(token), role=Role(role),
                           stadsdelen=list(stadsdelen), created_by="test",
                           expires_at=expires_at or utc_now() + timedelta(days=1),
                           revoked_at=utc_now() if revoked else None))
    session.commit()
    return token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
