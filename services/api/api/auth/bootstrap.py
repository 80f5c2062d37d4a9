"""First run: an administrator with a generated password, printed once; in demo mode an
account for every role with a documented password (README)."""

import uuid

from sqlmodel import Session, select

from api.auth.models import Account, Role
from api.auth.secrets import generated_password, hash_password

FIRST_ADMIN = "beheerder"
# Demo mode only, documented in README: never use these on real data.
DEMO_PASSWORD = "buurtkracht-demo"  # noqa: S105 (documented demo password)
DEMO_ACCOUNTS: tuple[tuple[str, str, Role, list[str]], ...] = (
    ("demo-beheerder", "Demo-beheerder", Role.ADMIN, []),
    ("redacteur-nieuw-west", "Redacteur Nieuw-West", Role.EDITOR, ["F"]),
    ("redacteur-centrum", "Redacteur Centrum", Role.EDITOR, ["A"]),
    ("onderzoeker", "Onderzoeker", Role.RESEARCHER, []),
    ("onderzoeker-2", "Onderzoeker 2", Role.RESEARCHER, []),  # second coder of the demo records
    ("kijker", "Kijker", Role.VIEWER, []),
)


# Demo accounts get fixed ids, so the demo records can be coded by them before they exist.
DEMO_ACCOUNT_NAMESPACE = uuid.UUID("5b0e7c1a-3f2d-4e8b-9a6c-1d4f7e2b8c30")


def demo_account_id(username: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_ACCOUNT_NAMESPACE, username)


def create_account(session: Session, username: str, display_name: str, role: Role,
                   stadsdelen: list[str], password: str,
                   account_id: uuid.UUID | None = None) -> Account:
    account = Account.model_validate({"username": username, "display_name": display_name,
                                      "role": role, "stadsdelen": stadsdelen})
    if account_id is not None:
        account.id = account_id
    account.password_hash = hash_password(password)
    session.add(account)
    session.commit()
    return account


def ensure_first_admin(session: Session) -> str | None:
    """The generated password of a new first administrator, or None if an admin exists."""
    if session.exec(select(Account.id).where(Account.role == Role.ADMIN).limit(1)).first():
        return None
    password = generated_password()
    create_account(session, FIRST_ADMIN, "Beheerder", Role.ADMIN, [], password)
    return password


def ensure_demo_accounts(session: Session) -> list[str]:
    made = []
    for username, name, role, stadsdelen in DEMO_ACCOUNTS:
        if session.exec(select(Account.id).where(Account.username == username)).first():
            continue
        create_account(session, username, name, role, stadsdelen, DEMO_PASSWORD,
                       demo_account_id(username))
        made.append(username)
    return made
