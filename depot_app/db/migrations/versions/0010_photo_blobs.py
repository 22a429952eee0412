"""Photos stored in the database: originals by SHA-256, in chunks.

* ``photo_blob``: one row per original (size, chunk size and count, file
  extension), keyed by its SHA-256.
* ``photo_blob_chunk``: the bytes, in rows of at most 1 MiB numbered from 0.

New tables only. A PostgreSQL depot keeps its photos here (so ``pg_dump``
holds them); an SQLite depot keeps them as files and leaves these tables
empty. On PostgreSQL the chunk bytes are stored EXTERNAL: out of line, as
TOAST does for big values anyway, but without trying to compress JPEG, PNG
and WebP data that does not compress.

Revision ID: 0010
Revises: 0011
Create Date: 2026-12-07

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0010'
down_revision: Union[str, Sequence[str], None] = '0011'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('photo_blob',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size_bytes', sa.BigInteger(), nullable=False),
    sa.Column('chunk_size', sa.Integer(), nullable=False),
    sa.Column('chunk_count', sa.Integer(), nullable=False),
    sa.Column('extension', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_photo_blob'))
    )
    op.create_table('photo_blob_chunk',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['sha256'], ['photo_blob.sha256'], name=op.f('fk_photo_blob_chunk_sha256_photo_blob'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('sha256', 'seq', name=op.f('pk_photo_blob_chunk'))
    )
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('ALTER TABLE photo_blob_chunk ALTER COLUMN data SET STORAGE EXTERNAL')


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('photo_blob_chunk')
    op.drop_table('photo_blob')
