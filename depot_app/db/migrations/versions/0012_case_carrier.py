"""The parcel's carrier on the case row, in the dashboard's figure indexes.

A case's carrier is its parcel's, which never changes (it is read from the
tracking number when the parcel is first registered). The dashboard's
breakdowns by carrier had to look up every case's parcel — one random read
per case, the dearest part of a busy month's figures. The carrier is now
copied onto the case when it is registered, and the three figure indexes of
0011 hold it in place of the parcel id, so the breakdowns are counted off the
indexes alone (benchmarks/bench_dashboard.py).

SQLite adds a NOT NULL column with a default without copying the table; the
existing cases are then filled from their parcels in one UPDATE.

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-07

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0012'
down_revision: Union[str, Sequence[str], None] = '0010'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_OLD = {
    'ix_problem_case_reported_figures': ['reported_at', 'status', 'due_at', 'closed_at', 'first_response_due_at',
                                         'first_contact_at', 'kind', 'assignee_id', 'parcel_id'],
    'ix_problem_case_open_figures': ['is_open', 'reported_at', 'due_at', 'first_response_due_at',
                                     'first_contact_at', 'kind', 'assignee_id', 'parcel_id'],
    'ix_problem_case_closed_figures': ['closed_at', 'status', 'is_open', 'reported_at', 'due_at',
                                       'first_response_due_at', 'first_contact_at', 'satisfaction', 'kind',
                                       'assignee_id', 'parcel_id'],
}


def upgrade() -> None:
    """Upgrade schema."""
    op.add_column('problem_case', sa.Column('carrier', sa.String(length=16), nullable=False, server_default=''))
    op.execute("UPDATE problem_case SET carrier = "
               "(SELECT parcel.carrier FROM parcel WHERE parcel.id = problem_case.parcel_id)")
    for name, columns in _OLD.items():
        op.drop_index(name, table_name='problem_case')
        op.create_index(name, 'problem_case', [c if c != 'parcel_id' else 'carrier' for c in columns], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    for name, columns in _OLD.items():
        op.drop_index(name, table_name='problem_case')
        op.create_index(name, 'problem_case', columns, unique=False)
    if op.get_bind().dialect.name == 'sqlite':
        # SQLite drops the column in place (3.35+); a batch copy would trip the foreign keys to the cases.
        op.execute('ALTER TABLE problem_case DROP COLUMN carrier')
    else:
        op.drop_column('problem_case', 'carrier')
