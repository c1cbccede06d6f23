"""Scale benchmark: every page at 100,000 candidates against its floor, the notification
sweep at 100 and 1,000 recipients, and throughput under gunicorn. PostgreSQL only.

    DEBUG=false .venv/bin/python bench/scale.py --database hh_bench [--scale 1]
        [--keep | --reuse] [--repeat 15] [--duration 30] [--json out.json] [--check]

Builds the data set of bench/scale_data.py in the named database (dropped and created; with
--reuse an earlier build at the same --scale is kept and used), measures each page of PAGES
through Django's full request path as its role, interleaved with its floor (bench/floors.py),
reads the query counts of the same pages on the demo data (manage.py seed_demo) in
<database>_demo, times the sweep in <database>_sweep, runs gunicorn (3 workers, as in
production) on 127.0.0.1 with bench/loadgen.py as the load, prints a table, writes JSON and
checks the targets of TARGETS (--check: exit 1 when one fails). See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432"
KIB = 1024

TARGETS = {
    "median_ratio": 2.0,  # page median <= 2x its floor's median
    "p95_ratio": 3.0,  # page p95 <= 3x its floor's p95
    "max_kib": 300,  # no response over 300 KB
    "throughput_share": 0.5,  # page mix >= 50% of the floor mix's requests/s, zero errors
    "worker_rss_mib": 150,  # each gunicorn worker after the run
    "sweep_growth": 12.0,  # sweep at 1,000 recipients <= 12x the time at 100
}


# --- The pages ---------------------------------------------------------------------------
@dataclass
class Subjects:
    """Who and what the pages are requested for, chosen the same way on every data set."""

    recruiter: int
    manager: int
    interviewer: int
    requisition: int
    shortlist: int


@dataclass(frozen=True)
class Page:
    name: str
    role: str  # recruiter, manager or interviewer: the Subjects field logged in
    url: Callable[[Subjects], str]
    floor: str  # a name in bench/floors.py FLOORS
    floor_query: Callable[[Subjects], str] = lambda s: ""


def _url(name: str, *args) -> Callable[[Subjects], str]:
    def build(s: Subjects) -> str:
        from django.urls import reverse

        return reverse(name, args=[getattr(s, a) for a in args])

    return build


# The single table of what is measured: adjust here.
PAGES = [
    Page("candidate list", "recruiter", _url("candidates:candidate_list"), "candidates"),
    Page(
        'candidate search "Berlin"',
        "recruiter",
        lambda s: _url("candidates:candidate_list")(s) + "?q=Berlin",
        "candidate-search",
        lambda s: "?q=Berlin",
    ),
    Page("recruiter dashboard", "recruiter", _url("home"), "dashboard"),
    Page("hiring-manager dashboard", "manager", _url("home"), "dashboard"),
    Page(
        "pipeline (largest requisition)",
        "recruiter",
        _url("candidates:pipeline", "requisition"),
        "pipeline",
        lambda s: f"?requisition={s.requisition}",
    ),
    Page("thank-you notes", "recruiter", _url("debriefs:thank_you_list"), "thank-you-notes"),
    Page(
        "shortlist review (largest)",
        "manager",
        _url("candidates:shortlist_review", "shortlist"),
        "shortlist",
        lambda s: f"?shortlist={s.shortlist}",
    ),
    Page(
        "interview list (interviewer)", "interviewer", _url("debriefs:interview_list"), "interviews"
    ),
]


def floor_url(page: Page, s: Subjects) -> str:
    from django.urls import reverse

    return reverse("bench_floor", args=[page.floor]) + page.floor_query(s)


def layout_floor_url(page: Page, s: Subjects) -> str:
    """The floor's rows inside the app's layout (floors.floor_layout): a second yardstick."""
    from django.urls import reverse

    return reverse("bench_floor_layout", args=[page.floor]) + page.floor_query(s)


def pick_subjects() -> Subjects:
    """The largest requisition (by applications) and its recruiter; the largest shortlist and
    its hiring manager; the interviewer with the most interviews."""
    from django.db.models import Count

    from candidates.models import Application, Shortlist
    from hiring_hub.models import Role, User
    from requisitions.models import Requisition

    req_id = (
        Application.objects.values("requisition")
        .annotate(n=Count("id"))
        .order_by("-n", "requisition")
        .values_list("requisition", flat=True)
        .first()
    )
    requisition = Requisition.objects.get(pk=req_id)
    shortlist = (
        Shortlist.objects.annotate(n=Count("entries"))
        .select_related("requisition")
        .order_by("-n", "pk")
        .first()
    )
    interviewer = (
        User.objects.filter(role=Role.INTERVIEWER, is_active=True)
        .annotate(n=Count("interviews"))
        .order_by("-n", "pk")
        .first()
    )
    return Subjects(
        recruiter=requisition.recruiter_id,
        manager=shortlist.requisition.hiring_manager_id,
        interviewer=interviewer.pk,
        requisition=requisition.pk,
        shortlist=shortlist.pk,
    )


def clients_for(s: Subjects) -> dict:
    from django.test import Client
    from django.urls import reverse

    from hiring_hub.models import User

    clients = {}
    for role in ("recruiter", "manager", "interviewer"):
        clients[role] = Client()
        clients[role].force_login(User.objects.get(pk=getattr(s, role)))
        # Warm the process (sessions, auth, URL and template caches) before anything counts.
        clients[role].get(reverse("bench_floor", args=["dashboard"]))
    return clients


# --- Measuring a page against its floor -------------------------------------------------------
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


def _body(response) -> bytes:
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
            body = _body(response)
            ms = (time.perf_counter() - start) * 1000
        queries = counter.count
    else:
        start = time.perf_counter()
        response = client.get(url)
        body = _body(response)
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


# --- The notification sweep -----------------------------------------------------------------
def sweep_once(now: dt.datetime) -> dict:
    """The sweep being timed: write what is due into the outbox, then deliver it."""
    from hiring_hub import outbox

    return outbox.send_due_notifications(now=now)


def sweep_anchor() -> dt.datetime:
    """Wednesday 12:00 UTC of this week: after any zone's Monday check-in time, a weekday."""
    from django.utils import timezone

    today = timezone.now().date()
    monday = today - dt.timedelta(days=today.weekday())
    return dt.datetime.combine(monday + dt.timedelta(days=2), dt.time(12), tzinfo=dt.UTC)


def measure_sweep(recipients: int, repeat: int = 1) -> dict:
    """`repeat` times: empty the sweep database, build `recipients` people with messages due,
    run the sweep twice (first everything is due, then everything was already sent: a no-op).
    Reports the median time of each run, its statements and emails."""
    from django.core import mail
    from django.core.management import call_command

    from bench import scale_data

    now = sweep_anchor()
    runs: dict[str, list[dict]] = {"first": [], "noop": []}
    for _ in range(repeat):
        call_command("flush", interactive=False, verbosity=0)
        built = scale_data.build_sweep(recipients=recipients, now=now)
        for run in ("first", "noop"):
            mail.outbox = []
            with QueryCounter() as counter:
                start = time.perf_counter()
                counts = sweep_once(now)
                seconds = time.perf_counter() - start
            runs[run].append(
                {
                    "ms": round(seconds * 1000, 1),
                    "statements": counter.count,
                    "emails": len(mail.outbox),
                    "errors": sum(c.get("error", 0) for c in counts["swept"].values())
                    + counts["delivered"]["failed"]
                    + counts["delivered"]["gave_up"],
                }
            )
    result = {"recipients": built["recipients"]}
    for run, samples in runs.items():
        result[run] = {
            **samples[-1],
            "ms": round(statistics.median(s["ms"] for s in samples), 1),
            "all_ms": [s["ms"] for s in samples],
        }
    return result


# --- Throughput under gunicorn -----------------------------------------------------------------
def worker_rss_mib(master_pid: int) -> list[float]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(round(int(line.split()[1]) / 1024, 1))
    return sizes


def throughput(
    s: Subjects,
    clients: dict,
    *,
    port: int,
    users: int,
    duration: float,
    database_url: str,
    workers: int = 3,
) -> dict:
    from django.conf import settings

    cookies = {
        role: f"{settings.SESSION_COOKIE_NAME}={c.cookies[settings.SESSION_COOKIE_NAME].value}"
        for role, c in clients.items()
    }
    mixes = {
        "floors": [[floor_url(p, s), cookies[p.role]] for p in PAGES],
        "layout floors": [[layout_floor_url(p, s), cookies[p.role]] for p in PAGES],
        "pages": [[p.url(s), cookies[p.role]] for p in PAGES],
    }
    env = {
        **_child_env(database_url),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    # gunicorn's log goes to a file, not a pipe: nobody reads it during the run.
    with tempfile.TemporaryFile(mode="w+") as log:
        server = subprocess.Popen(
            [
                str(gunicorn),
                "hiring_hub.wsgi:application",
                f"--workers={workers}",
                f"--bind=127.0.0.1:{port}",
                "--timeout=60",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            _wait_for(f"http://127.0.0.1:{port}/accounts/login/", server, log)
            return {
                "users": users,
                "workers": workers,
                "duration_s": duration,
                **_load(mixes, port, users, duration, server.pid),
            }
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _load(mixes: dict, port: int, users: int, duration: float, master_pid: int) -> dict:
    """The floor mix, the layout floor mix, then the page mix (last: the RSS read after it
    is the page mix's)."""
    result = {}
    for name in ("floors", "layout floors", "pages"):
        spec = {"port": port, "users": users, "duration": duration, "requests": mixes[name]}
        out = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "loadgen.py")],
            input=json.dumps(spec),
            capture_output=True,
            text=True,
            check=True,
            timeout=duration + 600,
        )
        result[name] = json.loads(out.stdout)
        result[name]["worker_rss_mib"] = worker_rss_mib(master_pid)
    return result


def _wait_for(url: str, server: subprocess.Popen, log, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"gunicorn exited: {log.read()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer in time")


# --- Databases -------------------------------------------------------------------------------
def _child_env(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CELERY_BROKER_URL")}
    env.update(DATABASE_URL=database_url, DEBUG="false", CELERY_BROKER_URL="memory://")
    return env


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


def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"not a plain database name: {name}")
    return f'"{name}"'


def create_database(name: str, pg: str, template: str | None = None) -> None:
    close_django()
    admin(f"DROP DATABASE IF EXISTS {_ident(name)} WITH (FORCE)", pg)
    extra = f" TEMPLATE {_ident(template)}" if template else ""
    admin(f"CREATE DATABASE {_ident(name)}{extra}", pg)


def drop_database(name: str, pg: str) -> None:
    close_django()
    admin(f"DROP DATABASE IF EXISTS {_ident(name)} WITH (FORCE)", pg)


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


# --- Report and targets -------------------------------------------------------------------------
def table(results: list[PageResult]) -> str:
    head = (
        f"{'page':<32} {'role':<11} {'runs':>4} {'median':>9} {'p95':>9} {'floor':>8} "
        f"{'fl p95':>8} {'ratio':>7} {'p95 r':>6} {'layout':>8} {'lay r':>6} {'lay p95r':>8} "
        f"{'queries':>7} {'demo q':>6} {'KiB':>9} {'status':>6}"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        demo = "-" if r.demo_queries is None else str(r.demo_queries)
        layout = "-" if r.layout_median_ms is None else f"{r.layout_median_ms:.1f}"
        lay_r = "-" if r.layout_ratio is None else f"{r.layout_ratio:.1f}x"
        lay_p95r = "-" if r.layout_p95_ratio is None else f"{r.layout_p95_ratio:.1f}x"
        lines.append(
            f"{r.page:<32} {r.role:<11} {r.runs:>4} {r.median_ms:>9.1f} {r.p95_ms:>9.1f} "
            f"{r.floor_median_ms:>8.1f} {r.floor_p95_ms:>8.1f} "
            f"{r.ratio:>6.1f}x {r.p95_ratio:>5.1f}x {layout:>8} {lay_r:>6} {lay_p95r:>8} "
            f"{r.queries:>7} {demo:>6} {r.kib:>9.1f} {r.status:>6}"
        )
    lines.append("(ms; floor = one query and a bare template for the same rows, the target;")
    lines.append(" layout = the same rows inside the app's base layout, page / layout as lay r;")
    lines.append(" queries at this scale and on the demo data; KiB = response size)")
    return "\n".join(lines)


def failures(report: dict) -> list[str]:
    problems = []
    for r in report.get("pages", []):
        r = PageResult(**r)
        if r.status != 200:
            problems.append(f"{r.page}: status {r.status}")
        if r.ratio > TARGETS["median_ratio"]:
            problems.append(f"{r.page}: median {r.ratio}x its floor > {TARGETS['median_ratio']}x")
        if r.p95_ratio > TARGETS["p95_ratio"]:
            problems.append(f"{r.page}: p95 {r.p95_ratio}x its floor > {TARGETS['p95_ratio']}x")
        if r.kib > TARGETS["max_kib"]:
            problems.append(f"{r.page}: response {r.kib} KiB > {TARGETS['max_kib']} KiB")
        if r.demo_queries is not None and r.demo_queries != r.queries:
            problems.append(
                f"{r.page}: {r.queries} queries at scale, {r.demo_queries} on the demo data"
            )
    tp = report.get("throughput")
    if tp:
        pages, floors = tp["pages"], tp["floors"]
        if floors["rps"] and pages["rps"] < TARGETS["throughput_share"] * floors["rps"]:
            problems.append(
                f"throughput: pages {pages['rps']} req/s < "
                f"{TARGETS['throughput_share']:.0%} of the floors' {floors['rps']} req/s"
            )
        if pages["errors"]:
            problems.append(f"throughput: {pages['errors']} errors in the page mix")
        big = [mib for mib in pages["worker_rss_mib"] if mib >= TARGETS["worker_rss_mib"]]
        if big:
            problems.append(f"worker RSS {big} MiB >= {TARGETS['worker_rss_mib']} MiB")
    sweeps = report.get("sweep", [])
    if len(sweeps) >= 2:
        small, large = sweeps[0], sweeps[-1]
        for run in ("first", "noop"):
            if large[run]["ms"] > TARGETS["sweep_growth"] * small[run]["ms"]:
                problems.append(
                    f"sweep ({run}): {large[run]['ms']} ms at {large['recipients']} recipients > "
                    f"{TARGETS['sweep_growth']}x {small[run]['ms']} ms at {small['recipients']}"
                )
    return problems


def print_report(report: dict) -> None:
    print(
        f"\nScale benchmark on PostgreSQL, database {report['database']}, scale {report['scale']}"
    )
    if report.get("build"):
        b = report["build"]
        print(
            f"Data set built in {b['seconds']} s: "
            + ", ".join(f"{table_name} {n:,}" for table_name, n in b["tables"].items())
        )
    print()
    print(table([PageResult(**r) for r in report["pages"]]))
    for s in report.get("sweep", []):
        print(
            f"\nsweep, {s['recipients']} recipients (median of {len(s['first']['all_ms'])}): "
            f"first run {s['first']['ms']} ms, "
            f"{s['first']['statements']} statements, {s['first']['emails']} emails; "
            f"no-op {s['noop']['ms']} ms, {s['noop']['statements']} statements"
        )
    tp = report.get("throughput")
    if tp:
        print(
            f"\nthroughput, gunicorn {tp.get('workers', 2)} workers, {tp['users']} users, "
            f"{tp['duration_s']} s:"
        )
        for name in ("floors", "layout floors", "pages"):
            if name not in tp:
                continue
            t = tp[name]
            print(
                f"  {name:<13} {t['rps']:>7} req/s  p50 {t['p50_ms']} ms  p95 {t['p95_ms']} ms  "
                f"requests {t['requests']}  errors {t['errors']}  "
                f"worker RSS {t['worker_rss_mib']} MiB  statuses {t['statuses']}"
            )


# --- Main -----------------------------------------------------------------------------------
def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--database", default="hh_bench", help="database name (dropped/created)")
    p.add_argument("--pg", default=PG, help=f"PostgreSQL server URL without a database ({PG})")
    p.add_argument("--scale", type=float, default=1.0, help="1 = 100,000 candidates; 0.01 quick")
    keep = p.add_mutually_exclusive_group()
    keep.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    keep.add_argument(
        "--reuse", action="store_true", help="use an earlier build of this scale (kept)"
    )
    p.add_argument("--repeat", type=int, default=15, help="timed runs per page (and its floor)")
    p.add_argument("--page-budget", type=float, default=60, help="seconds of timed runs per page")
    p.add_argument("--duration", type=float, default=30, help="seconds of each throughput run")
    p.add_argument("--users", type=int, default=20, help="concurrent users of the throughput run")
    p.add_argument("--port", type=int, default=8110, help="gunicorn port on 127.0.0.1")
    p.add_argument(
        "--workers", type=int, default=3, help="gunicorn workers (3, as docker-compose.yml)"
    )
    p.add_argument("--sweep-recipients", default="100,1000", help="comma-separated")
    p.add_argument("--sweep-repeat", type=int, default=3, help="sweep builds per size (median)")
    p.add_argument("--build-only", action="store_true", help="build the data set and stop")
    p.add_argument("--skip-pages", action="store_true", help="no page timings (nor demo counts)")
    p.add_argument("--skip-demo", action="store_true", help="no query counts on the demo data")
    p.add_argument("--skip-sweep", action="store_true")
    p.add_argument("--skip-throughput", action="store_true")
    p.add_argument("--json", dest="json_path", help="write the report to this file")
    p.add_argument("--check", action="store_true", help="exit 1 when a target fails")
    return p.parse_args(argv)


def setup_django(database_url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.update(_child_env(database_url))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()


def main(argv=None) -> int:
    args = parse_args(argv)
    name, pg = args.database, args.pg.rstrip("/")
    database_url = f"{pg}/{name}"
    setup_django(database_url)
    report: dict = {"database": name, "scale": args.scale, "started": time.time()}
    marker = f"hiring-hub scale benchmark, scale={args.scale}"
    companions = [] if args.skip_demo or args.skip_pages else [f"{name}_demo"]
    companions += [] if args.skip_sweep else [f"{name}_sweep"]

    from bench import scale_data

    try:
        if args.reuse and database_comment(name, pg) == marker:
            print(f"Reusing {name} ({marker})", file=sys.stderr)
            for other in companions:
                create_database(other, pg)
                use_database(other)
                migrate()
            use_database(name)
        else:
            started = time.perf_counter()
            create_database(name, pg)
            migrate()
            for other in companions:  # migrated copies, faster than migrating again
                create_database(other, pg, template=name)
            print(f"Building the data set in {name} (scale {args.scale})", file=sys.stderr)
            built = scale_data.build(scale=args.scale)
            analyze()
            admin(f"COMMENT ON DATABASE {_ident(name)} IS '{marker}'", pg)
            report["build"] = {
                "seconds": round(time.perf_counter() - started, 1),
                "tables": built["tables"],
            }
            print(f"Built in {report['build']['seconds']} s", file=sys.stderr)
        if args.build_only:
            return 0

        subjects = pick_subjects()
        clients = clients_for(subjects)
        report["subjects"] = asdict(subjects)
        results = []
        for page in [] if args.skip_pages else PAGES:
            print(f"Measuring {page.name}", file=sys.stderr)
            results.append(measure_page(page, subjects, clients, args.repeat, args.page_budget))

        if results and not args.skip_demo:
            from django.core.management import call_command

            print("Query counts on the demo data", file=sys.stderr)
            use_database(f"{name}_demo")
            call_command("seed_demo", verbosity=0, stdout=io.StringIO())
            demo_subjects = pick_subjects()
            demo = query_counts(demo_subjects, clients_for(demo_subjects))
            for r in results:
                r.demo_queries = demo[r.page]
            use_database(name)
        report["pages"] = [asdict(r) for r in results]

        if not args.skip_sweep:
            use_database(f"{name}_sweep")
            report["sweep"] = []
            for n in (int(x) for x in args.sweep_recipients.split(",")):
                print(f"Sweep at {n} recipients", file=sys.stderr)
                report["sweep"].append(measure_sweep(n, args.sweep_repeat))
            use_database(name)

        if not args.skip_throughput:
            print("Throughput (gunicorn)", file=sys.stderr)
            close_django()
            report["throughput"] = throughput(
                subjects,
                clients,
                port=args.port,
                users=args.users,
                duration=args.duration,
                database_url=database_url,
                workers=args.workers,
            )
    finally:
        close_django()
        for other in companions:
            if not args.keep:
                drop_database(other, pg)
        if not (args.keep or args.reuse):
            drop_database(name, pg)

    report["failures"] = failures(report)
    print_report(report)
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(report, indent=2, default=str))
    if report["failures"]:
        print("\nTargets not met:", *report["failures"], sep="\n  ")
    else:
        print("\nAll targets met.")
    return 1 if args.check and report["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
