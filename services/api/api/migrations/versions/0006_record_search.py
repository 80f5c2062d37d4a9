"""full-text search over qualitative records (Dutch)

PostgreSQL: a GIN index on the expression the search uses. SQLite: the FTS5 table
record_search(record_id, stems) that the records service keeps in step (see
api.qualitative.search); it is rebuilt here from the records already stored.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 19:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CREATE_SEARCH_TABLE = ("CREATE VIRTUAL TABLE IF NOT EXISTS record_search "
                       "USING fts5(record_id UNINDEXED, stems)")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute("CREATE INDEX ix_qualitative_record_search ON qualitative_record USING gin "
                   "(to_tsvector('dutch', title || ' ' || text))")
        return
    from api.qualitative.stemming import stems  # only SQLite needs the Python stemmer

    op.execute(CREATE_SEARCH_TABLE)
    bind = op.get_bind()
    for record_id, title, text in bind.execute(
            sa.text("SELECT id, title, text FROM qualitative_record")):
        bind.execute(sa.text("INSERT INTO record_search (record_id, stems) VALUES (:id, :s)"),
                     {"id": str(record_id).replace("-", ""),
                      "s": " ".join(stems(f"{title} {text}"))})


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP INDEX ix_qualitative_record_search")
        return
    op.execute("DROP TABLE record_search")
