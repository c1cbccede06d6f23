"""Index types the models share."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models.functions import Upper


class UpperTrigramIndex(GinIndex):
    """A pg_trgm GIN index on UPPER(field): the expression Django's `icontains` compares
    on PostgreSQL, so a substring search is an index scan instead of a sequential one.
    Other databases (SQLite in development) get a plain index on the same expression:
    their `icontains` scans, which is fine at development sizes."""

    def __init__(self, *, field: str, name: str):
        self.trigram_field = field
        super().__init__(OpClass(Upper(field), name="gin_trgm_ops"), name=name)

    def deconstruct(self):
        path, _, _ = super().deconstruct()
        return path, (), {"field": self.trigram_field, "name": self.name}

    def _fallback(self) -> models.Index:
        return models.Index(Upper(self.trigram_field), name=self.name)

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return self._fallback().create_sql(model, schema_editor, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return self._fallback().remove_sql(model, schema_editor, **kwargs)
        return super().remove_sql(model, schema_editor, **kwargs)
