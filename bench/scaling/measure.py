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
        connection.queries_log = self._saved


def request(client, url: str, count_queries: bool = False) -> Sample:
    queries = -1
    if count_queries:
        with QueryCounter() as counter:
            start = time.perf_counter()
            response = client.get(url)
            body = response_body(response)
            ms = (time.perf_counter() - start) * 1000
        queries = counter.count
    else:
        start = time.perf_counter()
        response = client.get(url)
        body = response_body(response)
        ms = (time.perf_counter() - start) * 1000
    return Sample(ms, queries, round(len(body) / KIB, 1), response.status_code)


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
    times, ftimes, ltimes = [], [], []
    deadline = time.perf_counter() + budget
    while len(times) < repeat and time.perf_counter() < deadline:
        times.append(request(client, url).ms)
        ftimes.append(request(client, furl).ms)
        ltimes.append(request(client, lurl).ms)
    if not times:
        times, ftimes, ltimes = [first.ms], [ffirst.ms], [lfirst.ms]
    median, fmedian, lmedian = (statistics.median(t) for t in (times, ftimes, ltimes))
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
    )


def query_counts(s: Subjects, clients: dict) -> dict[str, int]:
    """Each page's query count (second request: the first warms caches)."""
    counts = {}
    for page in PAGES:
        client = clients[page.role]
        request(client, page.url(s))
        counts[page.name] = request(client, page.url(s), count_queries=True).queries
    return counts
