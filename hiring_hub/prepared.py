"""Statements run on every view of a page whose text is built once per process (the home's
panels, hiring_hub.panel_sql), run as prepared statements on PostgreSQL: each is
`PREPARE`d once per database connection and then `EXECUTE`d with the request's parameters.

Planning those statements (UNIONs of a dozen LIMITed lists) took more time than running
them: 6 of a recruiter's 14.5 ms of SQL at 100,000 candidates. They run with their generic
plan, made once (`plan_cache_mode=force_generic_plan`, set on the connection by
settings.py: only these statements are prepared). PostgreSQL's own choice (auto) keeps
re-planning most of them, because a generic plan's estimates are poorer; measured over
the homes of all 625 users of the scale benchmark's data, the generic plans were never
slower and their panels took 315 ms instead of 512 for the recruiters, 705 instead of
1,418 for the hiring managers and 550 instead of 1,565 for the interviewers. For that,
the statements write their statuses in (a parameter would hide which partial index
applies) and keep a user's upcoming interviews apart from their sort (the `OFFSET 0` in
debriefs.selectors.dashboard).

`DATABASE_PREPARED_STATEMENTS=false` (settings.DATABASE_PREPARED_STATEMENTS) runs them as
plain statements: for a connection pooler that does not keep prepared statements, such as
PgBouncer in transaction mode before version 1.21. Other databases always run them plainly.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created
from django.dispatch import receiver

# A psycopg placeholder (%s) or an escaped percent sign (%%), to number the former ($1…).
_PLACEHOLDER = re.compile(r"%%|%s")


def fetchall(sql: str, params: list | tuple) -> list[tuple]:
    """The rows of `sql` (psycopg placeholders) with `params`: prepared on PostgreSQL."""
    db = connections[DEFAULT_DB_ALIAS]  # this thread's connection (not the shared proxy)
    with db.cursor() as cursor:
        if db.vendor != "postgresql" or not settings.DATABASE_PREPARED_STATEMENTS:
            cursor.execute(sql, params)
            return cursor.fetchall()
        name = _prepared_name(db, cursor, sql)
        if params:
            placeholders = ", ".join(["%s"] * len(params))
            cursor.execute(f"EXECUTE {name}({placeholders})", params)
        else:
            cursor.execute(f"EXECUTE {name}")
        return cursor.fetchall()


def _prepared_name(db, cursor, sql: str) -> str:
    """The name `sql` is prepared under on this connection, preparing it the first time.
    PostgreSQL infers each parameter's type from where it stands in the statement."""
    name = "hh_" + hashlib.blake2b(sql.encode(), digest_size=10).hexdigest()
    prepared = db.__dict__.setdefault("hh_prepared", set())
    if name not in prepared:
        count = [0]

        def number(match: re.Match) -> str:
            if match.group(0) == "%%":
                return "%"
            count[0] += 1
            return f"${count[0]}"

        # On the driver's own cursor, as Django sets a connection up (not a query of the
        # page's: once per connection), and without parameters, so the text stays as it is.
        cursor.cursor.execute(f"PREPARE {name} AS {_PLACEHOLDER.sub(number, sql)}")
        prepared.add(name)
    return name


@receiver(connection_created)
def _forget_prepared(sender, connection, **kwargs) -> None:
    """A new server session holds no prepared statement (PREPARE outlives a rollback, but
    not its connection)."""
    connection.__dict__["hh_prepared"] = set()
