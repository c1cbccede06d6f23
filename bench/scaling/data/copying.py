"""Writing the data set: a progress bar, COPY into a model's table with the fields' defaults
(plain INSERTs on SQLite, for the test run), the next free id, and link tables."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
import time


class Progress:
    """A one-line progress bar on stderr (rows written out of the rows planned)."""

    def __init__(self, total: int, stream=sys.stderr, width: int = 30):
        self.total, self.done, self.stream, self.width = max(1, total), 0, stream, width
        self.started = time.perf_counter()
        self.label = ""

    def update(self, rows: int, label: str | None = None) -> None:
        self.done += rows
        self.label = label or self.label
        share = min(1.0, self.done / self.total)
        bar = "#" * int(share * self.width)
        elapsed = time.perf_counter() - self.started
        self.stream.write(
            f"\r[{bar:<{self.width}}] {share:4.0%} {self.done:>10,} rows "
            f"{elapsed:6.1f}s  {self.label:<28}"
        )
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def _text(value) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        value = json.dumps(value)
    elif not isinstance(value, str):
        return str(value)
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


class Copier:
    """COPY rows (dicts by attname) into a model's table, filling each missing column with the
    field's default (auto_now fields: the build time; nullable: NULL; blank text: '')."""

    CHUNK = 50_000

    def __init__(self, connection, progress: Progress, now: dt.datetime):
        self.connection, self.progress, self.now = connection, progress, now
        self.written: dict[str, int] = {}

    def columns(self, model) -> list[tuple[str, object]]:
        cols = []
        for f in model._meta.local_concrete_fields:
            if f.primary_key:
                cols.append((f.attname, KeyError))
            elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                cols.append((f.attname, self.now))
            elif f.has_default():
                cols.append((f.attname, f.get_default()))
            elif f.null:
                cols.append((f.attname, None))
            elif f.blank and f.get_internal_type() in ("CharField", "TextField", "FileField"):
                cols.append((f.attname, ""))
            else:
                cols.append((f.attname, KeyError))
        return cols

    def copy(self, model, rows, label: str) -> int:
        if self.connection.vendor != "postgresql":
            return self._insert(model, rows, label)
        cols = self.columns(model)
        table = model._meta.db_table
        names = ", ".join(f'"{name}"' for name, _ in cols)
        sql = f'COPY "{table}" ({names}) FROM STDIN'
        n = 0
        buf = io.StringIO()
        pending = 0
        with self.connection.cursor() as cursor:
            for row in rows:
                buf.write("\t".join(_text(v) for v in self._values(table, cols, row)))
                buf.write("\n")
                n += 1
                pending += 1
                if pending == self.CHUNK:
                    buf.seek(0)
                    cursor.cursor.copy_expert(sql, buf)
                    buf = io.StringIO()
                    self.progress.update(pending, label)
                    pending = 0
            if pending:
                buf.seek(0)
                cursor.cursor.copy_expert(sql, buf)
                self.progress.update(pending, label)
        self.written[table] = self.written.get(table, 0) + n
        return n

    @staticmethod
    def _values(table: str, cols, row: dict) -> list:
        values = []
        for name, default in cols:
            value = row.get(name, default)
            if value is KeyError:
                raise KeyError(f"{table}.{name} has no value and no default")
            values.append(value)
        return values

    def _insert(self, model, rows, label: str) -> int:
        """Other databases (the SQLite test run): plain INSERTs, values prepared by the fields."""
        cols = self.columns(model)
        by_attname = {f.attname: f for f in model._meta.local_concrete_fields}
        fields = [by_attname[name] for name, _ in cols]
        table = model._meta.db_table
        names = ", ".join(f'"{name}"' for name, _ in cols)
        sql = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join(["%s"] * len(cols))})'
        params = [
            [
                f.get_db_prep_save(v, self.connection)
                for f, v in zip(fields, self._values(table, cols, row), strict=True)
            ]
            for row in rows
        ]
        with self.connection.cursor() as cursor:
            cursor.executemany(sql, params)
        self.progress.update(len(params), label)
        self.written[table] = self.written.get(table, 0) + len(params)
        return len(params)

    def reset_sequences(self) -> None:
        if self.connection.vendor != "postgresql":
            return  # SQLite's AUTOINCREMENT follows the highest id inserted
        with self.connection.cursor() as cursor:
            for table in self.written:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{table}"), 1))'
                )


def next_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def copy_links(copier: Copier, through, rows, label: str) -> int:
    start = next_id(through)

    def numbered():
        for n, row in enumerate(rows):
            yield {"id": start + n, **row}

    return copier.copy(through, numbered(), label)
