"""Indexes for the case timeline and two hot queries that read whole tables.

* ``case_event (case_id, id)``: a case's timeline is read in entry order and
  its newest entry is the open tab's stamp. SQLite's case_id index already
  ended in the rowid, but PostgreSQL's indexes carry no primary key, so it
  fetched every entry of the case from the table and sorted it. The new index
  serves both (the newest id is an index-only probe) and the foreign key; the
  single-column ``ix_case_event_case_id`` it starts with is dropped.
* ``problem_case (status, closed_at)``: the "closed this month" view, the
  monthly workbook and the report's closed cases ask status = closed and a
  closed_at range. SQLite answered it by status alone, i.e. by visiting
  nearly every case in the table to read its closed_at.
* ``audit_entry (operator_id, id)``: the audit trail filtered by operator,
  newest first, was a full scan (and so was its count).

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
    op.create_index('ix_problem_case_status_closed', 'problem_case', ['status', 'closed_at'], unique=False)
    op.create_index('ix_audit_entry_operator_id_id', 'audit_entry', ['operator_id', 'id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index('ix_audit_entry_operator_id_id', table_name='audit_entry')
    op.drop_index('ix_problem_case_status_closed', table_name='problem_case')
    op.create_index('ix_case_event_case_id', 'case_event', ['case_id'], unique=False)
    op.drop_index('ix_case_event_case_id_id', table_name='case_event')
