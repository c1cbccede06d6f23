"""The table the cache falls back to when Redis cannot be reached (see hiring_hub.cache).

Created here rather than by a separate `createcachetable` step, so every deployment that
migrates has it before Redis first goes away.
"""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "hiring_hub_cache_fallback"


def create_table(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop_table(apps, schema_editor):
    if TABLE in schema_editor.connection.introspection.table_names():
        schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("hiring_hub", "0002_single_line_fields")]

    operations = [migrations.RunPython(create_table, drop_table, elidable=False)]
