"""Case timeline read off one index: case_event (case_id, id).

A case's timeline is read in entry order and its newest entry is the open
tab's stamp. SQLite's case_id index already ended in the rowid, but
PostgreSQL's indexes carry no primary key, so it fetched every entry of the
case from the table and sorted it. ``ix_case_event_case_id_id`` serves both
(an index-only probe for the newest id) and the foreign key; the single-column
``ix_case_event_case_id`` it starts with is dropped.

Plain index operations: no table is copied, on SQLite either.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

"""
from typing import Sequence, Union

from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    # The new index first: the foreign key is never without one.
    op.create_index('ix_case_event_case_id_id', 'case_event', ['case_id', 'id'], unique=False)
    op.drop_index('ix_case_event_case_id', table_name='case_event')


def downgrade() -> None:
    """Downgrade schema."""
    op.create_index('ix_case_event_case_id', 'case_event', ['case_id'], unique=False)
    op.drop_index('ix_case_event_case_id_id', table_name='case_event')
