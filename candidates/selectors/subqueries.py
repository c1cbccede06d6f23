"""Subqueries written out for the shortlist page's two queries: a value of another table's
row, or the rows another table holds for each row as JSON, read in the row's own query.

The ORM would join those tables (or prefetch them: one more query, and models to build):
PostgreSQL plans a join of several indexed tables in more time than it takes to read
the page's rows, and the ORM compiles each joined column; a subquery on one table's
index is planned on its own, in a fraction of that."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Func, TextField

from hiring_hub.models import User

Quote = Callable[[str], str]


class RowValue(Func):
    """One value (`value`, SQL over the columns of `hh_r`) of the `model` row whose id
    the expression gives; None without one."""

    arity = 1
    model: type

    def value(self, q: Quote) -> str:
        raise NotImplementedError

    def as_sql(self, compiler, connection, **extra_context):
        pk, params = compiler.compile(self.source_expressions[0])
        q = connection.ops.quote_name
        table = q(self.model._meta.db_table)
        return f"(SELECT {self.value(q)} FROM {table} hh_r WHERE hh_r.{q('id')} = {pk})", params


class UserName(RowValue):
    """What a user is called on a page (User.__str__: the full name, else the email)."""

    model = User
    output_field = TextField()

    def value(self, q: Quote) -> str:
        return f"COALESCE(NULLIF(hh_r.{q('full_name')}, ''), hh_r.{q('email')})"


class RowsAsJSON(Func):
    """The rows `rows` selects for the expression's value, in their order, as the text of
    a JSON array of arrays; None without rows. `rows(outer, q)` gives the columns, the
    FROM … WHERE clause (over `outer`, the compiled expression) and the ORDER BY."""

    arity = 1
    output_field = TextField()

    def rows(self, outer: str, q: Quote) -> tuple[list[str], str, str]:
        raise NotImplementedError

    def as_sql(self, compiler, connection, **extra_context):
        outer, params = compiler.compile(self.source_expressions[0])
        values, tables, order = self.rows(outer, connection.ops.quote_name)
        row = f"JSON_BUILD_ARRAY({', '.join(values)})"
        return f"(SELECT JSON_AGG({row} ORDER BY {order})::text FROM {tables})", params

    def as_sqlite(self, compiler, connection, **extra_context):
        # SQLite's json_group_array takes no ORDER BY: it reads an ordered subquery.
        outer, params = compiler.compile(self.source_expressions[0])
        values, tables, order = self.rows(outer, connection.ops.quote_name)
        columns = ", ".join(f"{v} AS v{i}" for i, v in enumerate(values))
        row = f"json_array({', '.join(f'v{i}' for i in range(len(values)))})"
        return (
            f"(SELECT json_group_array(json({row})) FROM "
            f"(SELECT {columns} FROM {tables} ORDER BY {order}))",
            params,
        )
