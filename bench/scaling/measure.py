"""Measuring a page against its floor and layout floor, through Django's full request path."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from bench.scaling.pages import PAGES, Page, Subjects, floor_url, layout_floor_url

KIB = 1024


@dataclass
class Sample:
    ms: float
    queries: int
    kib: float
    status: int
    statements: list[str] | None = None  # as sent, when the queries were counted


@dataclass
class PageResult:
    page: str
    role: str
    url: str
    runs: int
    median_ms: float
    p95_ms: float
    floor_median_ms: float
    floor_p95_ms: float
    ratio: float
    p95_ratio: float
    queries: int
    floor_queries: int
    kib: float
    floor_kib: float
    status: int
    demo_queries: int | None = None
    layout_median_ms: float | None = None
    layout_p95_ms: float | None = None
    layout_ratio: float | None = None
    layout_p95_ratio: float | None = None
    # The page's own reads replayed on the driver's cursor (PostgreSQL): the database's part.
    sql_ms: float | None = None
    floor_sql_ms: float | None = None
    # page / (floor + the page's SQL beyond the floor's): what the stack adds to its own SQL.
    sql_ratio: float | None = None


def response_body(response) -> bytes:
    """The whole body, streamed or not (a CSV export streams)."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


class QueryCounter:
    """Counts the statements sent on the default connection, BEGIN and COMMIT included
    (CaptureQueriesContext alone keeps only the last 9,000)."""

    def __enter__(self):
        from collections import deque

        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self._saved, connection.queries_log = connection.queries_log, deque()
        self._capture = CaptureQueriesContext(connection)
        self._capture.__enter__()
        return self

    def __exit__(self, *exc):
        from django.db import connection

        self._capture.__exit__(*exc)
        self.count = len(self._capture)
        self.statements = [query["sql"] for query in self._capture.captured_queries]
        connection.queries_log = self._saved


def request(client, url: str, count_queries: bool = False) -> Sample:
    queries, statements = -1, None
    if count_queries:
        with QueryCounter() as counter:
            start = time.perf_counter()
            response = client.get(url)
            body = response_body(response)
            ms = (time.perf_counter() - start) * 1000
        queries, statements = counter.count, counter.statements
    else:
        start = time.perf_counter()
        response = client.get(url)
        body = response_body(response)
        ms = (time.perf_counter() - start) * 1000
    return Sample(ms, queries, round(len(body) / KIB, 1), response.status_code, statements)


READS = ("SELECT", "WITH", "EXECUTE")


def replayable(statements: list[str] | None) -> list[str] | None:
    """The reads among a request's statements, to replay on PostgreSQL, whose driver logs
    each statement as it sent it (values in; EXECUTE of a statement prepared on this
    connection); None elsewhere. Writes (a session saved, say) are never replayed."""
    from django.db import connection

    if statements is None or connection.vendor != "postgresql":
        return None
    return [sql for sql in statements if sql.lstrip().upper().startswith(READS)]


def replay(reads: list[str] | None) -> float | None:
    """Milliseconds to send `reads` on the driver's cursor and fetch every row: a page's
    time in the database, without the ORM, the view or the template."""
    from django.db import connection

    if reads is None:
        return None
    with connection.cursor() as cursor:
        raw = cursor.cursor
        start = time.perf_counter()
        for sql in reads:
            raw.execute(sql)
            raw.fetchall()
        return (time.perf_counter() - start) * 1000


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def measure_page(page: Page, s: Subjects, clients: dict, repeat: int, budget: float) -> PageResult:
    """One counted request each (also the warm-up), then page, floor and layout floor
    alternately until `repeat` runs or `budget` seconds; a page slower than the budget keeps
    its first run."""
    client = clients[page.role]
    url, furl, lurl = page.url(s), floor_url(page, s), layout_floor_url(page, s)
    first = request(client, url, count_queries=True)
    ffirst = request(client, furl, count_queries=True)
    lfirst = request(client, lurl)
    reads, freads = replayable(first.statements), replayable(ffirst.statements)
    times, ftimes, ltimes, stimes, fstimes = [], [], [], [], []
    deadline = time.perf_counter() + budget
    while len(times) < repeat and time.perf_counter() < deadline:
        times.append(request(client, url).ms)
        ftimes.append(request(client, furl).ms)
        ltimes.append(request(client, lurl).ms)
        stimes.append(replay(reads))
        fstimes.append(replay(freads))
    if not times:
        times, ftimes, ltimes = [first.ms], [ffirst.ms], [lfirst.ms]
        stimes, fstimes = [replay(reads)], [replay(freads)]
    median, fmedian, lmedian = (statistics.median(t) for t in (times, ftimes, ltimes))
    sql = fsql = sql_ratio = None
    if reads is not None and freads is not None:
        sql, fsql = statistics.median(stimes), statistics.median(fstimes)
        beside = fmedian + max(sql - fsql, 0.0)
        sql_ratio = round(median / beside, 1) if beside else 0.0
        sql, fsql = round(sql, 1), round(fsql, 1)
    high, fhigh, lhigh = p95(times), p95(ftimes), p95(ltimes)
    return PageResult(
        page=page.name,
        role=page.role,
        url=url,
        runs=len(times),
        median_ms=round(median, 1),
        p95_ms=round(high, 1),
        floor_median_ms=round(fmedian, 1),
        floor_p95_ms=round(fhigh, 1),
        ratio=round(median / fmedian, 1) if fmedian else 0.0,
        p95_ratio=round(high / fhigh, 1) if fhigh else 0.0,
        queries=first.queries,
        floor_queries=ffirst.queries,
        kib=first.kib,
        floor_kib=ffirst.kib,
        status=first.status,
        layout_median_ms=round(lmedian, 1),
        layout_p95_ms=round(lhigh, 1),
        layout_ratio=round(median / lmedian, 1) if lmedian else 0.0,
        layout_p95_ratio=round(high / lhigh, 1) if lhigh else 0.0,
        sql_ms=sql,
        floor_sql_ms=fsql,
        sql_ratio=sql_ratio,
    )


def query_counts(s: Subjects, clients: dict) -> dict[str, int]:
    """Each page's query count (second request: the first warms caches)."""
    counts = {}
    for page in PAGES:
        client = clients[page.role]
        request(client, page.url(s))
        counts[page.name] = request(client, page.url(s), count_queries=True).queries
    return counts
