"""What the home's panels share to read their lists in one written-out statement each (as
debriefs.selectors.interviews.my_interview_pages does): each list a LIMITed member of a
UNION ALL, told apart by `hh_part` and ordered within by `hh_pos`. Building and compiling
a queryset per list costs more than running these short lists; the statements are strings
built once per process and vendor, and only the access scopes, which depend on the user,
are compiled per request (`scope_sql`), from the querysets hiring_hub.access decides."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection, connections
from django.db.models import DateTimeField, IntegerField, QuerySet, TextField


def quote_name(vendor: str) -> Callable[[str], str]:
    """The quoting of `vendor`'s connection (the statements are built per vendor)."""
    return next(c for c in connections.all() if c.vendor == vendor).ops.quote_name


def typed_null(kind: str, vendor: str) -> str:
    """A NULL of the column type `kind` ("int", "datetime", "text"): PostgreSQL types a
    bare NULL of a UNION member's subquery as text, which no other member's timestamp
    matches."""
    field = {"int": IntegerField, "datetime": DateTimeField, "text": TextField}[kind]()
    conn = next(c for c in connections.all() if c.vendor == vendor)
    return f"CAST(NULL AS {field.db_type(conn)})"


def member(part: int, columns: str, tail: str, order: str, limit: int) -> str:
    """One list of a panel's UNION ALL: `columns` selected by `tail` (FROM … WHERE …
    [GROUP BY …]), its first `limit` rows by `order`, with their position in that order
    (`hh_pos`: a UNION ALL keeps no order of its own)."""
    return (
        f"SELECT * FROM (SELECT {part} AS hh_part, ROW_NUMBER() OVER (ORDER BY {order}) AS hh_pos,"
        f" {columns} {tail} ORDER BY {order} LIMIT {int(limit)}) hh_m{part}"
    )


def scope_sql(queryset: QuerySet) -> tuple[str, tuple] | None:
    """The primary keys of an access scope (a queryset of hiring_hub.access) as SQL and
    parameters, to filter by `IN (…)`; None when it can hold no row (`.none()`)."""
    try:
        return queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return None


def datetimes() -> Callable[[Any], Any]:
    """A converter of datetime columns: a raw cursor on SQLite returns a datetime
    expression as text, read here as the ORM reads it (aware, UTC); PostgreSQL's are aware
    already."""
    convert = getattr(connection.ops, "convert_datetimefield_value", None)
    if convert is None:
        return lambda value: value
    return lambda value: convert(value, None, connection)


def rows(sql: str, params: list) -> list[tuple]:
    """The statement's rows, by (hh_part, hh_pos), as plain tuples."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    fetched.sort(key=lambda row: (row[0], row[1]))
    return fetched
