"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""

    op.create_table('day_counter',
    sa.Column('key', sa.String(length=24), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_day_counter'))
    )
    op.create_table('operator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_operator')),
    sa.UniqueConstraint('name', name=op.f('uq_operator_name'))
    )
    op.create_table('parcel',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tracking_no', sa.String(length=40), nullable=False),
    sa.Column('carrier', sa.String(length=16), nullable=False),
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('sender_name', sa.String(length=64), nullable=False),
    sa.Column('sender_phone', sa.String(length=32), nullable=False),
    sa.Column('sender_phone_last4', sa.String(length=4), nullable=False),
    sa.Column('sender_address', sa.String(length=255), nullable=False),
    sa.Column('recipient_name', sa.String(length=64), nullable=False),
    sa.Column('recipient_phone', sa.String(length=32), nullable=False),
    sa.Column('recipient_phone_last4', sa.String(length=4), nullable=False),
    sa.Column('recipient_address', sa.String(length=255), nullable=False),
    sa.Column('item_description', sa.String(length=255), nullable=False),
    sa.Column('declared_value', sa.BigInteger(), nullable=True),
    sa.Column('insured_value', sa.BigInteger(), nullable=True),
    sa.Column('freight', sa.BigInteger(), nullable=True),
    sa.Column('cod_amount', sa.BigInteger(), nullable=True),
    sa.Column('weight_g', sa.Integer(), nullable=True),
    sa.Column('last_scan_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parcel')),
    sa.UniqueConstraint('tracking_no', name=op.f('uq_parcel_tracking_no'))
    )
    with op.batch_alter_table('parcel', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parcel_recipient_name'), ['recipient_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_parcel_recipient_phone'), ['recipient_phone'], unique=False)
        batch_op.create_index(batch_op.f('ix_parcel_recipient_phone_last4'), ['recipient_phone_last4'], unique=False)
        batch_op.create_index(batch_op.f('ix_parcel_sender_name'), ['sender_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_parcel_sender_phone'), ['sender_phone'], unique=False)
        batch_op.create_index(batch_op.f('ix_parcel_sender_phone_last4'), ['sender_phone_last4'], unique=False)

    op.create_table('depot_setting',
    sa.Column('key', sa.String(length=48), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['operator.id'], name=op.f('fk_depot_setting_updated_by_id_operator')),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_depot_setting'))
    )
    op.create_table('problem_case',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_no', sa.String(length=32), nullable=False),
    sa.Column('parcel_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('priority', sa.String(length=16), nullable=False),
    sa.Column('report_channel', sa.String(length=16), nullable=False),
    sa.Column('reporter_name', sa.String(length=64), nullable=False),
    sa.Column('reporter_contact', sa.String(length=64), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('reported_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('first_response_due_at', sa.DateTime(), nullable=True),
    sa.Column('first_contact_at', sa.DateTime(), nullable=True),
    sa.Column('last_contact_at', sa.DateTime(), nullable=True),
    sa.Column('last_contact_outcome', sa.String(length=16), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('final_outcome', sa.String(length=24), nullable=True),
    sa.Column('satisfaction', sa.Integer(), nullable=True),
    sa.Column('close_note', sa.Text(), nullable=False),
    sa.Column('is_open', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assignee_id'], ['operator.id'], name=op.f('fk_problem_case_assignee_id_operator')),
    sa.ForeignKeyConstraint(['created_by_id'], ['operator.id'], name=op.f('fk_problem_case_created_by_id_operator')),
    sa.ForeignKeyConstraint(['parcel_id'], ['parcel.id'], name=op.f('fk_problem_case_parcel_id_parcel')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_problem_case')),
    sa.UniqueConstraint('case_no', name=op.f('uq_problem_case_case_no'))
    )
    with op.batch_alter_table('problem_case', schema=None) as batch_op:
        batch_op.create_index('ix_problem_case_assignee_due', ['assignee_id', 'due_at'], unique=False)
        batch_op.create_index('ix_problem_case_assignee_open_due', ['assignee_id', 'is_open', 'due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_problem_case_closed_at'), ['closed_at'], unique=False)
        batch_op.create_index('ix_problem_case_due', ['due_at'], unique=False)
        batch_op.create_index('ix_problem_case_kind_due', ['kind', 'due_at'], unique=False)
        batch_op.create_index('ix_problem_case_kind_open_due', ['kind', 'is_open', 'due_at'], unique=False)
        batch_op.create_index('ix_problem_case_open_due', ['is_open', 'due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_problem_case_parcel_id'), ['parcel_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_problem_case_reported_at'), ['reported_at'], unique=False)
        batch_op.create_index('ix_problem_case_status_due', ['status', 'due_at'], unique=False)

    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('field', sa.String(length=48), nullable=True),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['problem_case.id'], name=op.f('fk_audit_entry_case_id_problem_case')),
    sa.ForeignKeyConstraint(['operator_id'], ['operator.id'], name=op.f('fk_audit_entry_operator_id_operator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_at'), ['at'], unique=False)

    op.create_table('case_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('field', sa.String(length=48), nullable=True),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['problem_case.id'], name=op.f('fk_case_event_case_id_problem_case')),
    sa.ForeignKeyConstraint(['operator_id'], ['operator.id'], name=op.f('fk_case_event_operator_id_operator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_event'))
    )
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_event_case_id'), ['case_id'], unique=False)

    op.create_table('contact_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('party', sa.String(length=16), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['problem_case.id'], name=op.f('fk_contact_attempt_case_id_problem_case')),
    sa.ForeignKeyConstraint(['operator_id'], ['operator.id'], name=op.f('fk_contact_attempt_operator_id_operator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_attempt'))
    )
    with op.batch_alter_table('contact_attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_attempt_case_id'), ['case_id'], unique=False)

    op.create_table('photo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('slot', sa.String(length=24), nullable=False),
    sa.Column('caption', sa.Text(), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('media_type', sa.String(length=32), nullable=False),
    sa.Column('size_bytes', sa.BigInteger(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('rotation', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('delete_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['added_by_id'], ['operator.id'], name=op.f('fk_photo_added_by_id_operator')),
    sa.ForeignKeyConstraint(['case_id'], ['problem_case.id'], name=op.f('fk_photo_case_id_problem_case')),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['operator.id'], name=op.f('fk_photo_deleted_by_id_operator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_photo'))
    )
    with op.batch_alter_table('photo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_photo_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_photo_sha256'), ['sha256'], unique=False)

    op.create_table('resolution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('state', sa.String(length=24), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('chosen_at', sa.DateTime(), nullable=False),
    sa.Column('chosen_by_id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('completed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['problem_case.id'], name=op.f('fk_resolution_case_id_problem_case')),
    sa.ForeignKeyConstraint(['chosen_by_id'], ['operator.id'], name=op.f('fk_resolution_chosen_by_id_operator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resolution'))
    )
    with op.batch_alter_table('resolution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resolution_case_id'), ['case_id'], unique=False)

    op.create_table('compensation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resolution_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('suggested_amount', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('basis', sa.String(length=32), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('adjust_reason', sa.Text(), nullable=False),
    sa.Column('approval_state', sa.String(length=16), nullable=False),
    sa.Column('approver_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', sa.DateTime(), nullable=True),
    sa.Column('approval_comment', sa.Text(), nullable=False),
    sa.Column('payment_method', sa.String(length=16), nullable=True),
    sa.Column('payment_reference', sa.String(length=64), nullable=False),
    sa.Column('payee_account', sa.String(length=128), nullable=False),
    sa.Column('paid_at', sa.DateTime(), nullable=True),
    sa.Column('paid_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['approver_id'], ['operator.id'], name=op.f('fk_compensation_approver_id_operator')),
    sa.ForeignKeyConstraint(['case_id'], ['problem_case.id'], name=op.f('fk_compensation_case_id_problem_case')),
    sa.ForeignKeyConstraint(['paid_by_id'], ['operator.id'], name=op.f('fk_compensation_paid_by_id_operator')),
    sa.ForeignKeyConstraint(['resolution_id'], ['resolution.id'], name=op.f('fk_compensation_resolution_id_resolution')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_compensation')),
    sa.UniqueConstraint('resolution_id', name=op.f('uq_compensation_resolution_id'))
    )
    with op.batch_alter_table('compensation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_compensation_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_compensation_paid_at'), ['paid_at'], unique=False)




def downgrade() -> None:
    """Downgrade schema."""

    with op.batch_alter_table('compensation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_compensation_paid_at'))
        batch_op.drop_index(batch_op.f('ix_compensation_case_id'))

    op.drop_table('compensation')
    with op.batch_alter_table('resolution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resolution_case_id'))

    op.drop_table('resolution')
    with op.batch_alter_table('photo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_photo_sha256'))
        batch_op.drop_index(batch_op.f('ix_photo_case_id'))

    op.drop_table('photo')
    with op.batch_alter_table('contact_attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_attempt_case_id'))

    op.drop_table('contact_attempt')
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_event_case_id'))

    op.drop_table('case_event')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_at'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_action'))

    op.drop_table('audit_entry')
    with op.batch_alter_table('problem_case', schema=None) as batch_op:
        batch_op.drop_index('ix_problem_case_status_due')
        batch_op.drop_index(batch_op.f('ix_problem_case_reported_at'))
        batch_op.drop_index(batch_op.f('ix_problem_case_parcel_id'))
        batch_op.drop_index('ix_problem_case_open_due')
        batch_op.drop_index('ix_problem_case_kind_open_due')
        batch_op.drop_index('ix_problem_case_kind_due')
        batch_op.drop_index('ix_problem_case_due')
        batch_op.drop_index(batch_op.f('ix_problem_case_closed_at'))
        batch_op.drop_index('ix_problem_case_assignee_open_due')
        batch_op.drop_index('ix_problem_case_assignee_due')

    op.drop_table('problem_case')
    op.drop_table('depot_setting')
    with op.batch_alter_table('parcel', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parcel_sender_phone_last4'))
        batch_op.drop_index(batch_op.f('ix_parcel_sender_phone'))
        batch_op.drop_index(batch_op.f('ix_parcel_sender_name'))
        batch_op.drop_index(batch_op.f('ix_parcel_recipient_phone_last4'))
        batch_op.drop_index(batch_op.f('ix_parcel_recipient_phone'))
        batch_op.drop_index(batch_op.f('ix_parcel_recipient_name'))

    op.drop_table('parcel')
    op.drop_table('operator')
    op.drop_table('day_counter')

