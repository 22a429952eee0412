"""The notification outbox and the opt-out list.

* ``outbox_message``: one message to a customer (SMS, e-mail, webhook or by
  hand), written in the same transaction as the case change that causes it,
  with its idempotency key, state, tries, next attempt and last error.
* ``phone_opt_out``: phones and e-mail addresses that asked not to be
  messaged again (a reply of T or 退订).

New tables only: nothing existing is copied.

Revision ID: 0006
Revises: 0007
Create Date: 2026-12-07

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('phone_opt_out',
    sa.Column('address', sa.String(length=255), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['by_id'], ['operator.id'], name=op.f('fk_phone_opt_out_by_id_operator')),
    sa.PrimaryKeyConstraint('address', name=op.f('pk_phone_opt_out'))
    )
    op.create_table('outbox_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('event', sa.String(length=32), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('recipient', sa.String(length=255), nullable=False),
    sa.Column('party', sa.String(length=16), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('tries', sa.Integer(), nullable=False),
    sa.Column('max_tries', sa.Integer(), nullable=False),
    sa.Column('send_now', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
    sa.Column('claimed_until', sa.DateTime(), nullable=True),
    sa.Column('last_attempt_at', sa.DateTime(), nullable=True),
    sa.Column('last_outcome', sa.String(length=16), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('sent_by_id', sa.Integer(), nullable=True),
    sa.Column('provider_ref', sa.String(length=128), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['problem_case.id'], name=op.f('fk_outbox_message_case_id_problem_case')),
    sa.ForeignKeyConstraint(['created_by_id'], ['operator.id'], name=op.f('fk_outbox_message_created_by_id_operator')),
    sa.ForeignKeyConstraint(['sent_by_id'], ['operator.id'], name=op.f('fk_outbox_message_sent_by_id_operator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_message')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_outbox_message_idempotency_key'))
    )
    op.create_index('ix_outbox_message_case_id_created_at', 'outbox_message', ['case_id', 'created_at'], unique=False)
    op.create_index('ix_outbox_message_state_next_attempt_at', 'outbox_message', ['state', 'next_attempt_at'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index('ix_outbox_message_state_next_attempt_at', table_name='outbox_message')
    op.drop_index('ix_outbox_message_case_id_created_at', table_name='outbox_message')
    op.drop_table('outbox_message')
    op.drop_table('phone_opt_out')
