"""The home's list of open requisitions (hiring_hub.selectors.dashboard_for) in one
written-out statement, as the panels read theirs (hiring_hub.panel_sql): its text is built
once per process and database vendor, and what depends on the user, which requisitions
the list holds and on which of them the stage counts show, is compiled per request from
the querysets hiring_hub.access decides. The statement runs prepared on PostgreSQL
(hiring_hub.prepared).

As a queryset (selectors.home_requisitions with the counts column, which tests hold this
list to), building and compiling it took some 3 ms of a recruiter's home for 1 ms of SQL,
and planning it as much again."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from django.db import connection, connections
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from hiring_hub import home, prepared
from hiring_hub.models import User
from hiring_hub.panel_sql import (
    booleans,
    dates,
    datetimes,
    instance,
    literal,
    quote_name,
    scope_sql,
)

if TYPE_CHECKING:
    from django.db.models import Model

# Where the two scopes go in the statement's text, and their (and the limit's) parameters.
_LISTED, _SEEN = "/*hh_listed*/", "/*hh_seen*/"
LISTED, SEEN, LIMIT = object(), object(), object()
# What the list, its stage counts' access check and the days-open chart read of a
# requisition (selectors.HOME_REQUISITION_FIELDS) and of its two people (a user prints as
# their name, or email without one).
REQUISITION_FIELDS = (
    "title",
    "team",
    "location",
    "status",
    "realignment_needed",
    "target_start_date",
    "opened_at",
    "filled_at",
    "created_at",
)
PERSON_FIELDS = ("full_name", "email")
# The statement's columns: the requisition's with the keys of its two people, then each
# person's.
_COLUMNS = ("id", *REQUISITION_FIELDS, "recruiter_id", "hiring_manager_id")
_PERSON = ("id", *PERSON_FIELDS)


@cache
def _statement(model, vendor: str, counts: str) -> tuple[str, tuple]:
    """The list's SQL for `model` (Requisition) and `vendor`, and its parameters in order,
    with SEEN and LISTED where those scopes' go. `counts`: "all" (every listed row shows
    its stage counts), "some" (the rows in the SEEN scope) or "none"."""
    q = quote_name(vendor)
    field = model._meta.get_field
    columns = [f"hh_r.{q(field(name).column)}" for name in _COLUMNS]
    params: list = []
    column = home.stage_counts_column(RawSQL("hh_r.id", ()))
    if column is None or counts == "none":
        columns.append("NULL")
    else:
        db = next(c for c in connections.all() if c.vendor == vendor)
        compiler = model.objects.none().query.get_compiler(connection=db)
        sql, column_params = compiler.compile(column)
        if counts == "some":
            sql = f"CASE WHEN hh_r.id IN ({_SEEN}) THEN {sql} END"
            params.append(SEEN)
        columns.append(sql)
        params.extend(column_params)
    for alias in ("hh_rr", "hh_rm"):
        columns.extend(f"{alias}.{q(name)}" for name in _PERSON)
    people = q(User._meta.db_table)
    is_open = ", ".join(literal(value) for value in model.Status.open_values())
    sql = (
        f"SELECT {', '.join(columns)} FROM {q(model._meta.db_table)} hh_r"
        f" INNER JOIN {people} hh_rr ON hh_rr.id = hh_r.{q(field('recruiter').column)}"
        f" INNER JOIN {people} hh_rm ON hh_rm.id = hh_r.{q(field('hiring_manager').column)}"
        f" WHERE hh_r.{q('status')} IN ({is_open}) AND hh_r.id IN ({_LISTED})"
        f" ORDER BY hh_r.{q('target_start_date')}, hh_r.{q('title')}, hh_r.id LIMIT %s"
    )
    return sql, (*params, LISTED, LIMIT)


def open_requisitions(user: User, listed: QuerySet, seen: QuerySet | None, limit: int) -> list:
    """The first `limit` open requisitions of `listed` (an access scope), by target start
    and title, as Requisition rows of the home's fields with their `recruiter` and
    `hiring_manager` and, on the rows of `seen` (every row: None), `hh_stage_counts`."""
    model = listed.model
    scopes = {LISTED: scope_sql(listed)}
    if scopes[LISTED] is None:
        return []
    scopes[SEEN] = None if seen is None else scope_sql(seen)
    counts = "all" if seen is None else ("none" if scopes[SEEN] is None else "some")
    sql, template = _statement(model, connection.vendor, counts)
    sql = sql.replace(_LISTED, scopes[LISTED][0])
    if counts == "some":
        sql = sql.replace(_SEEN, scopes[SEEN][0])
    params = []
    for param in template:
        if param is LIMIT:
            params.append(limit)
        elif param is LISTED or param is SEEN:
            params.extend(scopes[param][1])
        else:
            params.append(param)
    return [_row(model, values) for values in prepared.fetchall(sql, params)]


def _row(model, values: tuple) -> Model:
    alias, to_datetime = connection.alias, datetimes()
    own = dict(zip(_COLUMNS, values[: len(_COLUMNS)], strict=True))
    for name in ("opened_at", "filled_at", "created_at"):
        own[name] = to_datetime(own[name])
    own["target_start_date"] = dates()(own["target_start_date"])
    own["realignment_needed"] = booleans()(own["realignment_needed"])
    requisition = instance(model, alias, **own)
    requisition.hh_stage_counts = values[len(_COLUMNS)]
    rest = values[len(_COLUMNS) + 1 :]
    for name, person in (("recruiter", rest[:3]), ("hiring_manager", rest[3:])):
        user = instance(User, alias, **dict(zip(_PERSON, person, strict=True)))
        setattr(requisition, name, user)
    return requisition
