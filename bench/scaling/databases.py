"""The benchmark's databases on the PostgreSQL server: create, drop, comment, switch, migrate."""

from __future__ import annotations


def admin(sql: str, pg: str) -> list:
    import psycopg2

    conn = psycopg2.connect(f"{pg}/postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall() if cursor.description else []
    finally:
        conn.close()


def ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"not a plain database name: {name}")
    return f'"{name}"'


def create_database(name: str, pg: str, template: str | None = None) -> None:
    close_django()
    admin(f"DROP DATABASE IF EXISTS {ident(name)} WITH (FORCE)", pg)
    extra = f" TEMPLATE {ident(template)}" if template else ""
    admin(f"CREATE DATABASE {ident(name)}{extra}", pg)


def drop_database(name: str, pg: str) -> None:
    close_django()
    admin(f"DROP DATABASE IF EXISTS {ident(name)} WITH (FORCE)", pg)


def database_comment(name: str, pg: str) -> str | None:
    rows = admin(
        f"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{name}'",
        pg,
    )
    return rows[0][0] or "" if rows else None


def close_django() -> None:
    from django.db import connections

    connections.close_all()


def use_database(name: str) -> None:
    """Point Django's default connection at another database of the same server."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = name
    ContentType.objects.clear_cache()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
