"""A counter that every write raises: caches of derived numbers are keyed on it."""

import secrets

from sqlalchemy import BigInteger, Connection, insert, select, update
from sqlmodel import Field, SQLModel

WRITES = "writes"


class DataVersion(SQLModel, table=True):
    __tablename__ = "data_version"

    name: str = Field(primary_key=True, max_length=40)
    version: int = Field(default=0, sa_type=BigInteger)


TABLE = SQLModel.metadata.tables["data_version"]


def raise_data_version(connection: Connection) -> None:
    """Part of every writing transaction; commits or rolls back with it."""
    changed = connection.execute(
        update(TABLE).where(TABLE.c.name == WRITES).values(version=TABLE.c.version + 1)
    )
    if changed.rowcount == 0:
        # A random start: two databases (tests, replicas of other cities) never share a
        # version, so a cache keyed on it cannot mix them up.
        connection.execute(insert(TABLE).values(name=WRITES, version=secrets.randbits(48)))


def read_data_version(connection: Connection) -> int:
    found = connection.execute(select(TABLE.c.version).where(TABLE.c.name == WRITES)).scalar()
    return int(found or 0)

