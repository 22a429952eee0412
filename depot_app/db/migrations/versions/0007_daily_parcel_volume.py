"""The depot's daily parcel volume, for problem-case and complaint rates per 10,000 parcels.

``parcel_volume``: one row per depot-local day, entered by hand on the
dashboard or imported from a csv/xlsx list.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-07

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0007'
down_revision: Union[str, Sequence[str], None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        'parcel_volume',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('parcels', sa.Integer(), nullable=False),
        sa.Column('source', sa.String(length=16), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['updated_by_id'], ['operator.id'],
                                name=op.f('fk_parcel_volume_updated_by_id_operator')),
        sa.PrimaryKeyConstraint('day', name=op.f('pk_parcel_volume')),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('parcel_volume')
