"""Seconds to first contact and to close, computed on the case row, in the cohort's figure index.

The dashboard's medians (time to first contact, time to close) sorted every
case reported in the period by a duration worked out from two timestamps per
case — at a busy month, 50,000 cases parsed and sorted four times. The two
durations are now generated columns (the database computes them from the
timestamps, so they cannot drift: virtual on SQLite, stored on PostgreSQL)
held in the reported-in-period index of 0011, so a median sorts values read
off that index, not worked out per case (benchmarks/bench_dashboard.py).

That index leads with reported_at, then the case id (the queue sorted by
reported time breaks ties by id), so the single-column index on reported_at
goes: SQLite's planner preferred the narrower one, and read each case's row
to work out its durations.

SQLite adds a virtual generated column in place; PostgreSQL computes the
stored one for every existing case as it adds it.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0013'
down_revision: Union[str, Sequence[str], None] = '0012'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_INDEX = 'ix_problem_case_reported_figures'
_COLUMNS = ['reported_at', 'status', 'due_at', 'closed_at', 'first_response_due_at', 'first_contact_at', 'kind',
            'assignee_id', 'carrier']
_DURATIONS = {'seconds_to_first_contact': 'first_contact_at', 'seconds_to_close': 'closed_at'}


def _seconds(later: str) -> str:
    """``later - reported_at`` in seconds, as the models' ``SecondsBetween`` writes it."""
    if op.get_bind().dialect.name == 'postgresql':
        return f'CAST(EXTRACT(EPOCH FROM ({later} - reported_at)) AS DOUBLE PRECISION)'
    return f'(julianday({later}) - julianday(reported_at)) * 86400.0'


def upgrade() -> None:
    """Upgrade schema."""
    # Virtual on SQLite (ALTER TABLE adds no stored one), stored on PostgreSQL (which indexes no virtual one).
    stored = op.get_bind().dialect.name == 'postgresql'
    for name, later in _DURATIONS.items():
        op.add_column('problem_case', sa.Column(name, sa.Float(),
                                                sa.Computed(sa.text(_seconds(later)), persisted=stored),
                                                nullable=True))
    op.drop_index(_INDEX, table_name='problem_case')
    op.create_index(_INDEX, 'problem_case', [_COLUMNS[0], 'id', *_COLUMNS[1:], *_DURATIONS], unique=False)
    op.drop_index('ix_problem_case_reported_at', table_name='problem_case')


def downgrade() -> None:
    """Downgrade schema."""
    op.create_index('ix_problem_case_reported_at', 'problem_case', ['reported_at'], unique=False)
    op.drop_index(_INDEX, table_name='problem_case')
    op.create_index(_INDEX, 'problem_case', _COLUMNS, unique=False)
    for name in reversed(list(_DURATIONS)):
        if op.get_bind().dialect.name == 'sqlite':
            # In place (3.35+), as 0012 does: a batch copy would trip the foreign keys to the cases.
            op.execute(f'ALTER TABLE problem_case DROP COLUMN {name}')
        else:
            op.drop_column('problem_case', name)
