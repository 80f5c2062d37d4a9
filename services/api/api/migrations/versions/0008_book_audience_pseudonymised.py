"""Method books get an audience (research books quote records); records remember when they
were pseudonymised (the method book quotes only those).

Books written before this revision quote nothing: they are for everyone.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 23:01:48.051042
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.db

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('method_book', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'audience', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False,
            server_default='everyone'))
        batch_op.create_index(batch_op.f('ix_method_book_audience'), ['audience'],
                              unique=False)

    with op.batch_alter_table('qualitative_record', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pseudonymised_at', api.db.UTCDateTime(timezone=True),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('qualitative_record', schema=None) as batch_op:
        batch_op.drop_column('pseudonymised_at')

    with op.batch_alter_table('method_book', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_method_book_audience'))
        batch_op.drop_column('audience')
