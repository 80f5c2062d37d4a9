"""Accounts, the credentials that act for them, and the roles they carry.

A credential is a random token of which only the SHA-256 is stored: an API token an admin
made for another system, or the session token a login gives (the web service holds it in the
person's cookie). Both are sent as `Authorization: Bearer`.
"""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import AwareDatetime, ValidationInfo, field_validator
from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from api.db import CODE, UTCDateTime, utc_now, version_column
from api.wire import CAMEL

STADSDEEL_CODES = frozenset("ABEFKMNTS")


class Role(StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"
    RESEARCHER = "researcher"
    VIEWER = "viewer"


class CredentialKind(StrEnum):
    SESSION = "session"
    API_TOKEN = "api-token"  # noqa: S105 (a kind, not a secret)


def checked_stadsdelen(codes: list[str]) -> list[str]:
    unknown = sorted(set(codes) - STADSDEEL_CODES)
    if unknown:
        raise ValueError(f"Onbekende stadsdeelcode(s) {', '.join(unknown)}. / "
                         "Unknown stadsdeel code(s).")
    return sorted(set(codes))


class ScopedRole(SQLModel):
    """A role, and for an editor the stadsdelen (codes such as F) they may write in."""

    model_config = CAMEL

    role: Role = Field(sa_type=CODE)
    # Checked even when left out, so that an editor without stadsdelen is refused there.
    stadsdelen: list[str] = Field(default_factory=list, sa_type=JSON, max_length=9,
                                  schema_extra={"validate_default": True})

    @field_validator("stadsdelen")
    @classmethod
    def _scope_fits_role(cls, codes: list[str], info: ValidationInfo) -> list[str]:
        codes = checked_stadsdelen(codes)
        if "role" in info.data:  # else the role itself was refused
            check_scope_fits_role(Role(info.data["role"]), codes)
        return codes


def check_scope_fits_role(role: Role, stadsdelen: list[str]) -> None:
    """An editor writes in one or more stadsdelen; the other roles are not scoped."""
    if role == Role.EDITOR and not stadsdelen:
        raise ValueError("Een redacteur hoort bij minstens één stadsdeel. / "
                         "An editor needs at least one stadsdeel.")
    if role != Role.EDITOR and stadsdelen:
        raise ValueError("Alleen een redacteur hoort bij stadsdelen. / "
                         "Only editors are scoped to stadsdelen.")


class AccountFields(ScopedRole):
    username: str = Field(min_length=3, max_length=80, unique=True,
                          schema_extra={"pattern": r"^[A-Za-z0-9._@-]+$"})
    display_name: str = Field(min_length=1, max_length=120, description="Personal data")
    email: str | None = Field(default=None, max_length=200, description="Personal data")
    active: bool = True


_version = version_column()


class Account(AccountFields, table=True):
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _version}

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    version: int = Field(default=1, sa_column=_version)
    password_hash: str | None = Field(default=None, max_length=200)
    # Single sign-on: the identity provider's issuer and subject, unique together.
    sso_issuer: str | None = Field(default=None, max_length=300)
    sso_subject: str | None = Field(default=None, max_length=300, index=True)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class AccountCreate(AccountFields):
    password: str | None = Field(default=None, min_length=12, max_length=200)


class AccountUpdate(SQLModel):
    model_config = CAMEL

    display_name: str | None = Field(default=None, min_length=1, max_length=120)
    email: str | None = Field(default=None, max_length=200)
    role: Role | None = None
    stadsdelen: list[str] | None = Field(default=None, max_length=9)
    active: bool | None = None
    password: str | None = Field(default=None, min_length=12, max_length=200)

    @field_validator("stadsdelen")
    @classmethod
    def _known_codes(cls, codes: list[str] | None) -> list[str] | None:
        return None if codes is None else checked_stadsdelen(codes)


class AccountPublic(AccountFields):
    id: uuid.UUID
    version: int
    sso: bool = False
    created_at: datetime
    updated_at: datetime


class Credential(ScopedRole, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    kind: CredentialKind = Field(sa_type=CODE)
    name: str = Field(max_length=120)
    token_hash: str = Field(max_length=64, unique=True)
    account_id: uuid.UUID | None = Field(default=None, foreign_key="account.id", index=True,
                                         ondelete="CASCADE")
    created_by: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ApiTokenCreate(ScopedRole):
    name: str = Field(min_length=3, max_length=120, description="Which system uses it")
    expires_at: AwareDatetime = Field(description="Required: every token ends; with a time zone")


class ApiTokenPublic(ScopedRole):
    id: uuid.UUID
    name: str
    created_by: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None


class ApiTokenCreated(ApiTokenPublic):
    token: str = Field(description="Shown once: only its hash is kept")


class Login(SQLModel):
    model_config = CAMEL

    username: str | None = Field(default=None, max_length=80)
    password: str | None = Field(default=None, max_length=200)
    id_token: str | None = Field(default=None, max_length=20_000,
                                 description="An OpenID Connect ID token, for single sign-on")
    nonce: str | None = Field(default=None, max_length=200,
                              description="The nonce the sign-on was started with")


class SessionCreated(SQLModel):
    model_config = CAMEL

    token: str
    expires_at: datetime
    account: AccountPublic


class PasswordChange(SQLModel):
    model_config = CAMEL

    current_password: str = Field(max_length=200)
    new_password: str = Field(min_length=12, max_length=200)


class Me(ScopedRole):
    """Who is calling: an account (through a session or SSO) or an API token."""

    id: uuid.UUID | None
    kind: str
    name: str
