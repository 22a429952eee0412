"""Covering indexes for the dashboard's figures.

Every figure of a period is counted over one of three sets of cases: those
reported in the period, those closed in it, and those open at its end. Each
set now has an index that holds every column its figures read (the due times,
first contact, status, kind, handler, parcel and rating), so SQLite and
PostgreSQL count them off the index without visiting the table row of each
case (benchmarks/bench_dashboard.py):

* ``problem_case (reported_at, ...)``: the period's cohort (opened, on-time
  and complaint response rates, medians, the daily intake);
* ``problem_case (is_open, reported_at, ...)``: cases open now, by age;
* ``problem_case (closed_at, status, ...)``: cases closed in the period and
  cases closed after its end (still open at the end).

Plain index operations: no table is copied, on SQLite either.

Revision ID: 0011
Revises: 0008
Create Date: 2026-12-07

"""
from typing import Sequence, Union

from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0011'
down_revision: Union[str, Sequence[str], None] = '0008'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_index('ix_problem_case_reported_figures', 'problem_case',
                    ['reported_at', 'status', 'due_at', 'closed_at', 'first_response_due_at',
                     'first_contact_at', 'kind', 'assignee_id', 'parcel_id'], unique=False)
    op.create_index('ix_problem_case_open_figures', 'problem_case',
                    ['is_open', 'reported_at', 'due_at', 'first_response_due_at', 'first_contact_at',
                     'kind', 'assignee_id', 'parcel_id'], unique=False)
    op.create_index('ix_problem_case_closed_figures', 'problem_case',
                    ['closed_at', 'status', 'is_open', 'reported_at', 'due_at', 'first_response_due_at',
                     'first_contact_at', 'satisfaction', 'kind', 'assignee_id', 'parcel_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index('ix_problem_case_closed_figures', table_name='problem_case')
    op.drop_index('ix_problem_case_open_figures', table_name='problem_case')
    op.drop_index('ix_problem_case_reported_figures', table_name='problem_case')
