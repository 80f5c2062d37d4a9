"""Signing in and out, passwords, accounts and API tokens."""

import uuid
from datetime import timedelta

from sqlmodel import Session, col, select, update

from api.audit.recorder import as_snapshot, record_on_commit
from api.auth.identity import ACTOR, Caller
from api.auth.models import (
    Account,
    AccountCreate,
    AccountPublic,
    AccountUpdate,
    ApiTokenCreate,
    ApiTokenCreated,
    ApiTokenPublic,
    Credential,
    CredentialKind,
    Role,
    SessionCreated,
    check_scope_fits_role,
)
from api.auth.oidc import SsoIdentity
from api.auth.secrets import hash_password, new_token, token_hash, verify_password
from api.auth.throttle import login_throttle
from api.config import get_settings
from api.db import commit, utc_now
from api.errors import Conflict, FieldError, InvalidInput, NotFound, Unauthorized
from api.wire import check_if_match


def account_public(account: Account) -> AccountPublic:
    return AccountPublic.model_validate(account, update={"sso": account.sso_subject is not None})


def _record_account(session: Session, account: Account, before: dict[str, object] | None) -> None:
    record_on_commit(session, "account", account.id, before,
                     lambda: as_snapshot(account_public(account)))


def _open_session(session: Session, account: Account, how: str) -> SessionCreated:
    # The person signing in is the actor of their own sign-in.
    session.info[ACTOR] = Caller(kind="session", role=Role(account.role),
                                 account_id=account.id, label=account.username)
    token = new_token()
    expires = utc_now() + timedelta(hours=get_settings().session_hours)
    credential = Credential(kind=CredentialKind.SESSION, name=how, token_hash=token_hash(token),
                            account_id=account.id, role=account.role,
                            stadsdelen=account.stadsdelen, created_by=account.username,
                            expires_at=expires)
    session.add(credential)
    record_on_commit(session, "session", credential.id, None,
                     lambda: {"account": account.username, "how": how,
                              "expiresAt": expires.isoformat()})
    commit(session)
    return SessionCreated(token=token, expires_at=expires, account=account_public(account))


def log_in(session: Session, username: str, password: str, address: str) -> SessionCreated:
    """401 for a wrong name or password alike; 429 once either has failed too often."""
    login_throttle.check(username, address)
    account = session.exec(select(Account).where(Account.username == username)).first()
    known = account is not None and account.active
    if not verify_password(password, account.password_hash if known and account else None):
        login_throttle.failed(username, address)
        raise Unauthorized("Onjuiste gebruikersnaam of wachtwoord. / "
                           "Wrong username or password.")
    assert account is not None
    login_throttle.succeeded(username)
    return _open_session(session, account, "password")


def log_in_sso(session: Session, identity: SsoIdentity) -> SessionCreated:
    """The account of this identity, made at its first sign-on; its role and stadsdelen
    follow the identity provider's claims at every sign-on."""
    account = session.exec(select(Account).where(
        Account.sso_issuer == identity.issuer, Account.sso_subject == identity.subject)).first()
    before = None if account is None else as_snapshot(account_public(account))
    if account is None:
        account = Account(username=f"sso-{uuid.uuid4().hex[:12]}", display_name=identity.name,
                          email=identity.email, role=identity.role,
                          stadsdelen=list(identity.stadsdelen), sso_issuer=identity.issuer,
                          sso_subject=identity.subject)
        session.add(account)
    elif not account.active:
        raise Unauthorized()
    else:
        account.sqlmodel_update({"display_name": identity.name, "email": identity.email,
                                 "role": identity.role, "stadsdelen": list(identity.stadsdelen)})
    _record_account(session, account, before)
    return _open_session(session, account, "sso")


def log_out(session: Session, caller: Caller) -> None:
    credential = session.get(Credential, caller.credential_id) if caller.credential_id else None
    if credential is None or credential.kind != CredentialKind.SESSION:
        raise InvalidInput([], "Alleen een sessie kan worden afgemeld. / Only a session "
                               "can be signed out.")
    _revoke(session, credential, "session")


def change_password(session: Session, caller: Caller, current: str, new: str) -> None:
    """Checks the current password, stores the new one, and ends every other session."""
    account = session.get(Account, caller.account_id) if caller.account_id else None
    if account is None or account.password_hash is None:
        raise InvalidInput([], "Dit account heeft geen wachtwoord (single sign-on). / "
                               "This account signs in without a password.")
    if not verify_password(current, account.password_hash):
        raise InvalidInput([FieldError("/currentPassword", "wrong-password",
                                       "Het huidige wachtwoord klopt niet. / Wrong password.")])
    before = as_snapshot(account_public(account))
    account.password_hash = hash_password(new)
    account.updated_at = utc_now()
    session.exec(update(Credential).where(
        col(Credential.account_id) == account.id, col(Credential.id) != caller.credential_id,
        col(Credential.revoked_at).is_(None)).values(revoked_at=utc_now()))
    record_on_commit(session, "account", account.id, before,
                     lambda: {**as_snapshot(account_public(account)), "password": "changed"})
    commit(session)


def _revoke(session: Session, credential: Credential, resource_type: str) -> None:
    if credential.revoked_at is None:
        credential.revoked_at = utc_now()
        record_on_commit(session, resource_type, credential.id,
                         {"revokedAt": None}, lambda: {"revokedAt": utc_now().isoformat()})
        commit(session)


# --- accounts (admin) -------------------------------------------------------------------

def get_account(session: Session, account_id: uuid.UUID) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound(f"Account {account_id} bestaat niet. / No such account.")
    return account


def list_accounts(session: Session) -> list[Account]:
    return list(session.exec(select(Account).order_by(col(Account.username))))


def create_account(session: Session, data: AccountCreate) -> Account:
    if session.exec(select(Account).where(Account.username == data.username)).first():
        raise InvalidInput([FieldError("/username", "duplicate",
                                       "Deze gebruikersnaam bestaat al. / Username taken.")])
    account = Account.model_validate(data.model_dump(exclude={"password"}))
    if data.password is not None:
        account.password_hash = hash_password(data.password)
    session.add(account)
    _record_account(session, account, None)
    commit(session, Conflict("Deze gebruikersnaam bestaat al. / Username taken."))
    session.refresh(account)
    return account


def update_account(session: Session, account: Account, changes: AccountUpdate,
                   if_match: str | None) -> Account:
    check_if_match(if_match, account.version)
    before = as_snapshot(account_public(account))
    values = changes.model_dump(exclude_unset=True, exclude={"password"})
    account.sqlmodel_update({key: value for key, value in values.items() if value is not None})
    try:
        check_scope_fits_role(Role(account.role), account.stadsdelen)
    except ValueError as error:
        session.rollback()
        raise InvalidInput([FieldError("/stadsdelen", "scope-role", str(error))]) from None
    if changes.password is not None:
        account.password_hash = hash_password(changes.password)
    account.updated_at = utc_now()
    if account.active is False:  # a deactivated account's sessions end now
        session.exec(update(Credential).where(col(Credential.account_id) == account.id,
                                              col(Credential.revoked_at).is_(None))
                     .values(revoked_at=utc_now()))
    _record_account(session, account, before)
    commit(session)
    session.refresh(account)
    return account


# --- API tokens (admin) -----------------------------------------------------------------

def token_public(credential: Credential) -> ApiTokenPublic:
    return ApiTokenPublic.model_validate(credential)


def list_tokens(session: Session) -> list[Credential]:
    return list(session.exec(select(Credential)
                             .where(Credential.kind == CredentialKind.API_TOKEN)
                             .order_by(col(Credential.created_at).desc())))


def get_token(session: Session, token_id: uuid.UUID) -> Credential:
    credential = session.get(Credential, token_id)
    if credential is None or credential.kind != CredentialKind.API_TOKEN:
        raise NotFound(f"API-token {token_id} bestaat niet. / No such API token.")
    return credential


def create_token(session: Session, data: ApiTokenCreate, caller: Caller) -> ApiTokenCreated:
    if data.expires_at <= utc_now():
        raise InvalidInput([FieldError("/expiresAt", "in-the-past",
                                       "De vervaldatum ligt in het verleden. / Already expired.")])
    token = new_token()
    credential = Credential(kind=CredentialKind.API_TOKEN, name=data.name, role=data.role,
                            stadsdelen=data.stadsdelen, token_hash=token_hash(token),
                            created_by=caller.label, expires_at=data.expires_at)
    session.add(credential)
    record_on_commit(session, "api-token", credential.id, None,
                     lambda: as_snapshot(token_public(credential)))
    commit(session)
    session.refresh(credential)
    return ApiTokenCreated.model_validate(credential, update={"token": token})


def revoke_token(session: Session, credential: Credential) -> None:
    _revoke(session, credential, "api-token")
