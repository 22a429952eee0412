"""Carrier scans of parcels: the scan_event table and the parcel's newest scan type.

``scan_event`` holds every scan once (unique ``fingerprint``: parcel, minute,
type), keyed by tracking number; ``parcel.last_scan_type`` goes with the
existing ``last_scan_at`` so the queue and its hints read both off the parcel.

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-07

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        'scan_event',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('tracking_no', sa.String(length=40), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('utc_offset_minutes', sa.Integer(), nullable=False),
        sa.Column('scan_type', sa.String(length=24), nullable=False),
        sa.Column('place', sa.String(length=128), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('sources', sa.String(length=255), nullable=False),
        sa.Column('fingerprint', sa.String(length=40), nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_scan_event')),
        sa.UniqueConstraint('fingerprint', name=op.f('uq_scan_event_fingerprint')),
    )
    op.create_index('ix_scan_event_tracking_no_at', 'scan_event', ['tracking_no', 'at'], unique=False)
    op.add_column('parcel', sa.Column('last_scan_type', sa.String(length=24), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    # SQLite drops a plain column in place (3.35+); a batch copy of parcel would
    # trip over the cases' foreign keys pointing at it.
    op.execute('ALTER TABLE parcel DROP COLUMN last_scan_type')
    op.drop_index('ix_scan_event_tracking_no_at', table_name='scan_event')
    op.drop_table('scan_event')
