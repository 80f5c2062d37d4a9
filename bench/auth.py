"""A real API token for the load: every request pays for its lookup, as in production."""

from datetime import timedelta

from sqlmodel import Session

from api.auth.models import Credential, CredentialKind, Role
from api.auth.secrets import new_token, token_hash
from api.db import make_engine, utc_now


def bench_token(database_url: str, role: Role = Role.RESEARCHER) -> str:
    token = new_token()
    engine = make_engine(database_url)
    with Session(engine) as session:
        session.add(Credential(kind=CredentialKind.API_TOKEN, name="bench", role=role,
                               token_hash=token_hash(token), created_by="bench",
                               expires_at=utc_now() + timedelta(hours=2)))
        session.commit()
    engine.dispose()
    return token


def authorization(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
