"""What the home's panels share to read their lists in one written-out statement each (as
debriefs.selectors.interviews.my_interview_pages does): each list a LIMITed member of a
UNION ALL, told apart by `hh_part` and ordered within by `hh_pos`. Building and compiling
a queryset per list costs more than running these short lists; the statements are strings
built once per process and vendor, and only the access scopes, which depend on the user,
are compiled per request (`scope_sql`), from the querysets hiring_hub.access decides."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection, connections
from django.db.models import (
    BooleanField,
    DateField,
    DateTimeField,
    Expression,
    IntegerField,
    QuerySet,
    TextField,
)

from hiring_hub import prepared

# Placeholders in a statement built once: SCOPE_MARK where the user's access scope goes
# (scope_sql), and in its parameters, USER for the user's id and SCOPE for the scope's.
USER, SCOPE = object(), object()
SCOPE_MARK = "/*hh_scope*/"
_TYPES = {
    "int": IntegerField,
    "datetime": DateTimeField,
    "date": DateField,
    "bool": BooleanField,
    "text": TextField,
}


def quote_name(vendor: str) -> Callable[[str], str]:
    """The quoting of `vendor`'s connection (the statements are built per vendor)."""
    return next(c for c in connections.all() if c.vendor == vendor).ops.quote_name


def column_type(kind: str, vendor: str) -> str:
    """`vendor`'s column type of `kind` (a key of _TYPES), as its fields declare it."""
    return _TYPES[kind]().db_type(next(c for c in connections.all() if c.vendor == vendor))


def typed_null(kind: str, vendor: str) -> str:
    """A NULL of the column type `kind`: PostgreSQL types a bare NULL of a UNION member's
    subquery as text, which no other member's timestamp matches."""
    return f"CAST(NULL AS {column_type(kind, vendor)})"


def literal(value: str) -> str:
    """A choice's value written into a statement (our own identifiers, never input)."""
    value = str(value)
    if not value.replace("_", "").isalnum():
        raise ValueError(value)
    return f"'{value}'"


class Written(Expression):
    """A choice's value written into a compiled queryset's SQL (literal()) rather than
    passed as a parameter, for an access scope compiled into a prepared statement
    (hiring_hub.prepared): its generic plan then sees the value, and a partial index on
    it applies. `filter(stage=Written(Application.Stage.INTERVIEWING))`."""

    def __init__(self, value: str) -> None:
        super().__init__(output_field=TextField())
        self.value = str(value)

    def as_sql(self, compiler, connection):
        return literal(self.value), []


def member(part: int, columns: str, tail: str, order: str, limit: int) -> str:
    """One list of a panel's UNION ALL: `columns` selected by `tail` (FROM … WHERE …
    [GROUP BY …]), its first `limit` rows by `order`, with their position in that order
    (`hh_pos`: a UNION ALL keeps no order of its own)."""
    return (
        f"SELECT * FROM (SELECT {part} AS hh_part, ROW_NUMBER() OVER (ORDER BY {order}) AS hh_pos,"
        f" {columns} {tail} ORDER BY {order} LIMIT {int(limit)}) hh_m{part}"
    )


def scope_sql(queryset: QuerySet, *columns: str) -> tuple[str, tuple] | None:
    """An access scope (a queryset of hiring_hub.access) as SQL and parameters: its
    primary keys, to filter by `IN (…)`, or `columns`, to read as a derived table. None
    when it can hold no row (`.none()`)."""
    try:
        return queryset.order_by().values(*(columns or ("pk",))).query.sql_with_params()
    except EmptyResultSet:
        return None


def statement(sql: str, template: tuple, user_id: int, scope: tuple[str, tuple] | None):
    """A statement built once (with SCOPE_MARK, USER and SCOPE) made the user's: `scope`
    (scope_sql) written where SCOPE_MARK is, its parameters where SCOPE is."""
    scope_text, scope_params = scope or ("", ())
    params = []
    for param in template:
        if param is USER:
            params.append(user_id)
        elif param is SCOPE:
            params.extend(scope_params)
        else:
            params.append(param)
    return sql.replace(SCOPE_MARK, scope_text), params


def datetimes() -> Callable[[Any], Any]:
    """A converter of datetime columns: a raw cursor on SQLite returns a datetime
    expression as text, read here as the ORM reads it (aware, UTC); PostgreSQL's are aware
    already."""
    return _converter("convert_datetimefield_value")


def dates() -> Callable[[Any], Any]:
    """A converter of date columns (as datetimes: text on SQLite)."""
    return _converter("convert_datefield_value")


def booleans() -> Callable[[Any], Any]:
    """A converter of boolean columns (0 and 1 on SQLite)."""
    return lambda value: value if value is None else bool(value)


def _converter(name: str) -> Callable[[Any], Any]:
    convert = getattr(connection.ops, name, None)
    if convert is None:
        return lambda value: value
    return lambda value: convert(value, None, connection)


def instance(model, alias: str, **values):
    """A `model` row of the fields given, the others deferred (as .only() gives them):
    Model.from_db takes the values in the model's field order, whatever order is given."""
    names = _field_order(model, tuple(values))
    return model.from_db(alias, names, [values[name] for name in names])


@cache
def _field_order(model, given: tuple[str, ...]) -> list[str]:
    names = [f.attname for f in model._meta.concrete_fields if f.attname in given]
    if len(names) != len(given):
        raise ValueError(f"not fields of {model.__name__}: {set(given) - set(names)}")
    return names


def rows(sql: str, params: list) -> list[tuple]:
    """The statement's rows, by (hh_part, hh_pos), as plain tuples (run as a prepared
    statement on PostgreSQL: hiring_hub.prepared)."""
    fetched = prepared.fetchall(sql, params)
    fetched.sort(key=lambda row: (row[0], row[1]))
    return fetched
