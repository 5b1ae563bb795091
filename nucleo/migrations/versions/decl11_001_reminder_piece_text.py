"""Pieces of an automatic declaration reminder know which text they are (#18): a unique index
on (campaign, text) is the second safeguard, after the campaign's row lock, against two
processes making the same reminder text twice. Pieces made before this migration keep NULL
(NULLs never clash) and are adopted by their text the next time the sweep needs them
(``campañas.reminder_rounds.round_run``). A plain ADD COLUMN and CREATE INDEX on both engines.

Revision ID: decl11_001_reminder_piece_text
Revises: decl8_001_reminder_round
Create Date: 2026-12-07 17:10:00.000000
"""

from alembic import op
import sqlalchemy as sa

revision = 'decl11_001_reminder_piece_text'
down_revision = 'decl8_001_reminder_round'
branch_labels = None
depends_on = None

INDEX = 'uq_campaign_pieces_reminder_text'


def upgrade() -> None:
    op.add_column('campaign_pieces', sa.Column('reminder_text', sa.String(20), nullable=True))
    op.create_index(INDEX, 'campaign_pieces', ['campaign_id', 'reminder_text'], unique=True)


def downgrade() -> None:
    op.drop_index(INDEX, table_name='campaign_pieces')
    with op.batch_alter_table('campaign_pieces') as batch_op:
        batch_op.drop_column('reminder_text')
