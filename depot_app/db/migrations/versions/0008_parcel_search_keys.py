"""Pinyin search keys of parcels (names and addresses).

* ``parcel_search_key``: one row per key (full pinyin or initials) of a
  parcel's sender and recipient names and address parts, with an index on
  (key, parcel_id) for prefix searches.

New table only. The keys of existing parcels are filled at the first start
after this migration (``services.search_keys.ensure_search_keys``), where the
pinyin library is at hand.

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-07

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0008'
down_revision: Union[str, Sequence[str], None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('parcel_search_key',
    sa.Column('parcel_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['parcel_id'], ['parcel.id'], name=op.f('fk_parcel_search_key_parcel_id_parcel'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('parcel_id', 'key', name=op.f('pk_parcel_search_key'))
    )
    op.create_index('ix_parcel_search_key_key_parcel_id', 'parcel_search_key', ['key', 'parcel_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index('ix_parcel_search_key_key_parcel_id', table_name='parcel_search_key')
    op.drop_table('parcel_search_key')
