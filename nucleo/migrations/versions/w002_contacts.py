"""WhatsApp: the WhatsApp id of each registered person, for the bot's notices.

Revision ID: w002_contacts
Revises: w001_whatsapp
Create Date: 2026-12-06 04:10:00.000000
"""

import sqlalchemy as sa
from alembic import op

import nucleo.db

revision = 'w002_contacts'
down_revision = 'w001_whatsapp'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'whatsapp_contacts',
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('wa_id', sa.String(length=20), nullable=False),
        sa.Column('linked_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'],
                                name=op.f('fk_whatsapp_contacts_person_id_people'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('person_id', name=op.f('pk_whatsapp_contacts')),
        sa.UniqueConstraint('wa_id', name=op.f('uq_whatsapp_contacts_wa_id')),
    )


def downgrade() -> None:
    op.drop_table('whatsapp_contacts')
