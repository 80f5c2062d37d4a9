"""Reading a demo database back in tests: its rows per table, counted or fingerprinted."""

import hashlib
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import Session, SQLModel

DEMO_TABLES = ("initiative", "initiative_theme", "professional", "professional_area",
               "support_episode", "evaluation", "outcome_measure", "follow_up", "assessment",
               "qualitative_record", "record_initiative", "record_professional",
               "coded_segment")


def rows_of(session: Session, name: str) -> list[dict[str, Any]]:
    table = SQLModel.metadata.tables[name]
    return [dict(row) for row in session.connection().execute(select(table)).mappings()]


def fingerprint(session: Session) -> dict[str, str]:
    """A hash of every demo table's rows, independent of the order they come back in."""
    found = {}
    for name in DEMO_TABLES:
        lines = sorted(repr(sorted((key, str(value)) for key, value in row.items()))
                       for row in rows_of(session, name))
        found[name] = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    return found


def wipe_demo(session: Session) -> None:
    for name in reversed(DEMO_TABLES):
        session.connection().execute(delete(SQLModel.metadata.tables[name]))
    session.commit()


def count(session: Session, name: str) -> int:
    return len(rows_of(session, name))

