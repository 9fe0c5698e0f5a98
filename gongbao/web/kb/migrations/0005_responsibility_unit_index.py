"""Responsibility.unit loses its own index: the (unit, role, task) index
serves a look-up by unit as well, and a store's responsibilities go to many
units, so each index led by the unit has a page rewritten per unit a file
names (most of what a store writes, once the index is large).

The index is dropped by name (the one Django gave it, the same on SQLite
and PostgreSQL) rather than by altering the field, which on SQLite would
copy the whole table.
"""
from django.db import migrations, models

INDEX = "kb_responsibility_unit_id_ab3510c0"


class Migration(migrations.Migration):
    dependencies = [("kb", "0004_search_merge")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(
                f"DROP INDEX IF EXISTS {INDEX}",
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON kb_responsibility (unit_id)")],
            state_operations=[migrations.AlterField(
                model_name="responsibility", name="unit",
                field=models.ForeignKey(db_index=False, on_delete=models.deletion.PROTECT,
                                        related_name="responsibilities", to="kb.unit"))],
        ),
    ]
