"""Page benchmark: wall time, SQL queries, response size and peak Python memory per page.

Speed and memory targets are checked here, not by timed tests. Run from the repo root:

    DEBUG=true .venv/bin/python bench/pages.py [--rows 200] [--repeat 20]
        [--database-url postgres://postgres@127.0.0.1:5432/hh_bench]
        [--json out.json] [--check] [--scaling]

It creates a throw-away database (a temporary SQLite file by default, or the PostgreSQL
database named in --database-url, created and dropped through Django's test database
machinery), migrates it, builds one busy requisition plus --rows requisitions, times the
main pages with Django's test Client and drops the database again. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
import tomllib
import tracemalloc
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python bench/pages.py`
    sys.path.insert(0, str(ROOT))

from bench.scaling.measure import response_body  # noqa: E402

BUDGETS = Path(__file__).resolve().parent / "budgets.toml"


@dataclass
class Result:
    page: str
    role: str
    rows: int
    median_ms: float
    p95_ms: float
    queries: int
    sql_ms: float
    size_kib: float
    peak_kib: float
    status: int


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=200, help="applications / requisitions")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per page")
    parser.add_argument(
        "--database-url",
        default="",
        help="PostgreSQL URL of a throw-away database (created and dropped); default SQLite",
    )
    parser.add_argument("--json", dest="json_path", help="write the figures to this file")
    parser.add_argument("--check", action="store_true", help="exit 1 when over budget")
    parser.add_argument(
        "--scaling",
        action="store_true",
        help="also run at 20 rows and require the same query counts at both sizes",
    )
    parser.add_argument(
        "--profile", metavar="PAGE", help="print a cProfile of one request to PAGE (e.g. debrief)"
    )
    return parser.parse_args(argv)


def setup_django(database_url: str) -> str:
    """Point settings at a throw-away database, set Django up; return the database name."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hiring_hub.settings")
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("SITE_URL", "http://testserver")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        path = Path(tempfile.mkdtemp(prefix="hh-bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django
    from django.conf import settings

    django.setup()
    db = settings.DATABASES["default"]
    # The test database machinery creates/drops TEST.NAME: make it the given name itself.
    db.setdefault("TEST", {})["NAME"] = db["NAME"]
    return str(db["NAME"])


def create_db():
    from django.db import connection

    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)


def destroy_db():
    from django.db import connection

    connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


# --- Data -------------------------------------------------------------------------------------
def build(rows: int) -> dict:
    """One busy requisition (rows applications across stages, assessments, a shortlist,
    interviews with submitted scorecards and thank-you notes) plus rows more requisitions.
    Interviews, scorecards, shortlists and decisions go through the services; candidates,
    applications and assessments come from tests/factories.py for speed."""
    from django.db import transaction
    from django.utils import timezone

    from candidates import services as candidate_services
    from candidates.models import Application, Assessment, ShortlistEntry
    from debriefs import services as debrief_services
    from debriefs.models import Rating, Scorecard
    from requisitions.models import Requisition
    from tests import factories

    St = Application.Stage
    now = timezone.now()
    with transaction.atomic():
        recruiter = factories.RecruiterFactory(full_name="Rita Recruiter")
        manager = factories.HiringManagerFactory(full_name="Hans Manager")
        alice = factories.InterviewerFactory(full_name="Alice Interviewer")
        bob = factories.InterviewerFactory(full_name="Bob Interviewer")
        requisition = factories.RequisitionFactory(
            recruiter=recruiter,
            hiring_manager=manager,
            status=Requisition.Status.INTERVIEWING,
            title="Senior Payments Engineer",
            hiring_team=[alice, bob],
        )
        criteria, stage1, stage2 = factories.interview_plan(
            requisition, technical=[alice, bob], team=[alice]
        )
        ratings = list(Assessment.Rating)
        apps = []
        for i in range(rows):
            app = factories.ApplicationFactory(
                requisition=requisition,
                stage=St.SCREENING if i % 2 else St.SOURCED,
                created_by=recruiter,
            )
            for j, criterion in enumerate(criteria):
                factories.AssessmentFactory(
                    application=app,
                    criterion=criterion,
                    rating=ratings[(i + j) % len(ratings)],
                    evidence=f"Evidence {i}/{j}",
                )
            apps.append(app)

        # Half of them go to the hiring manager in one shortlist.
        shortlisted = apps[: max(2, rows // 2)]
        shortlist = candidate_services.shortlist_submit(
            requisition=requisition,
            applications=shortlisted,
            note="Strong batch",
            actor=recruiter,
            unassessed_reason="Phone screen only",
        )
        first = shortlist.entries.order_by("pk").first()
        candidate_services.shortlist_entry_decide(
            entry=first,
            actor=manager,
            decision=ShortlistEntry.Decision.NEED_INFO,
            reason="Notice period?",
        )

        # Interviews: a tenth of the rows in the past (scorecards submitted), a tenth upcoming.
        fields = factories.scorecard_fields()

        def schedule(app, stage, starts_at):
            return debrief_services.interview_schedule(
                application=app,
                stage=stage,
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(hours=1),
                actor=recruiter,
                location="Room 4",
            )

        def submit_all(interview, stage):
            keys = {str(k) for k in stage.criterion_keys}
            stage_criteria = [c for c in criteria if str(c.key) in keys]
            for card in Scorecard.objects.filter(interview=interview):
                debrief_services.scorecard_submit(
                    scorecard=card,
                    actor=card.interviewer,
                    fields=dict(fields, recommendation=Rating.YES if card.pk % 2 else Rating.NO),
                    ratings={
                        c.pk: {"rating": Rating.YES, "evidence": f"Seen: {c.name}"}
                        for c in stage_criteria
                    },
                )

        debrief_app = shortlisted[0]
        for n, stage in enumerate((stage1, stage2)):
            interview = schedule(debrief_app, stage, now - dt.timedelta(days=3 - n))
            submit_all(interview, stage)
        k = max(1, rows // 10)
        for i, app in enumerate(shortlisted[1 : k + 1]):
            interview = schedule(app, stage1, now - dt.timedelta(hours=3 + i))
            submit_all(interview, stage1)
            if i % 3 == 0:
                debrief_services.thank_you_note_mark_sent(
                    note=interview.thank_you_note, actor=recruiter
                )
        for i, app in enumerate(shortlisted[k + 1 : 2 * k + 1]):
            schedule(app, stage1, now + dt.timedelta(days=1, hours=i))

        # The list pages: rows more requisitions of the same recruiter and manager.
        statuses = list(Requisition.Status)
        for i in range(rows):
            factories.RequisitionFactory(
                recruiter=recruiter, hiring_manager=manager, status=statuses[i % len(statuses)]
            )
    return {
        "users": {"recruiter": recruiter, "manager": manager, "interviewer": alice},
        "requisition": requisition,
        "shortlist": shortlist,
        "debrief_app": debrief_app,
    }


def pages(data: dict) -> list[tuple[str, str, str]]:
    """(page, role, url) for every page benchmarked."""
    from django.urls import reverse

    req = data["requisition"].pk
    app = data["debrief_app"].pk
    return [
        ("home", "recruiter", reverse("home")),
        ("home", "manager", reverse("home")),
        ("home", "interviewer", reverse("home")),
        ("requisition_list", "recruiter", reverse("requisitions:requisition_list")),
        ("candidate_list", "recruiter", reverse("candidates:candidate_list")),
        ("candidate_search", "recruiter", reverse("candidates:candidate_list") + "?q=an"),
        ("shortlist_inbox", "manager", reverse("candidates:shortlist_inbox")),
        ("requisition_detail", "recruiter", reverse("requisitions:requisition_detail", args=[req])),
        ("pipeline_table", "recruiter", reverse("candidates:pipeline", args=[req])),
        ("pipeline_board", "recruiter", reverse("candidates:pipeline", args=[req]) + "?view=board"),
        ("pipeline_csv", "recruiter", reverse("candidates:pipeline_csv", args=[req])),
        (
            "shortlist_review",
            "manager",
            reverse("candidates:shortlist_review", args=[data["shortlist"].pk]),
        ),
        ("application_detail", "recruiter", reverse("candidates:application_detail", args=[app])),
        ("debrief", "recruiter", reverse("debriefs:debrief", args=[app])),
        ("interview_list", "interviewer", reverse("debriefs:interview_list")),
        ("thank_you_list", "recruiter", reverse("debriefs:thank_you_list")),
    ]


# --- Measuring --------------------------------------------------------------------------------
def measure(rows: int, repeat: int, profile: str | None = None) -> list[Result]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    data = build(rows)
    clients = {}
    for role, user in data["users"].items():
        clients[role] = Client()
        clients[role].force_login(user)

    results = []
    for page, role, url in pages(data):
        client = clients[role]
        body = response_body(client.get(url))  # warm-up: template and URL caches
        connection.queries_log.clear()  # a full log (9000 entries, DEBUG) would hide the count
        sql_seconds = []

        def timed(execute, sql, params, many, context, sql_seconds=sql_seconds):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                sql_seconds.append(time.perf_counter() - start)

        with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(timed):
            response = client.get(url)
            body = response_body(response)
        tracemalloc.start()
        tracemalloc.reset_peak()
        response_body(client.get(url))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        if page == profile:
            print_profile(client, url, f"{page} as {role}, {rows} rows")
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            response_body(client.get(url))
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]
        results.append(
            Result(
                page=page,
                role=role,
                rows=rows,
                median_ms=round(statistics.median(times), 1),
                p95_ms=round(p95, 1),
                queries=len(queries),
                sql_ms=round(sum(sql_seconds) * 1000, 1),
                size_kib=round(len(body) / 1024, 1),
                peak_kib=round(peak / 1024, 1),
                status=response.status_code,
            )
        )
    return results


def print_profile(client, url: str, title: str) -> None:
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    response_body(client.get(url))
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
    print(f"\n--- profile: {title}\n{out.getvalue()}")


def run(rows: int, repeat: int, profile: str | None = None) -> list[Result]:
    create_db()
    try:
        return measure(rows, repeat, profile)
    finally:
        destroy_db()


# --- Reporting and budgets --------------------------------------------------------------------
def table(results: list[Result], title: str) -> str:
    head = (
        f"{'page':<20} {'role':<12} {'rows':>5} {'median ms':>10} {'p95 ms':>8} "
        f"{'queries':>8} {'sql ms':>7} {'KiB':>8} {'peak KiB':>9} {'status':>6}"
    )
    lines = [title, head, "-" * len(head)]
    for r in results:
        lines.append(
            f"{r.page:<20} {r.role:<12} {r.rows:>5} {r.median_ms:>10.1f} {r.p95_ms:>8.1f} "
            f"{r.queries:>8} {r.sql_ms:>7.1f} {r.size_kib:>8.1f} {r.peak_kib:>9.1f} {r.status:>6}"
        )
    return "\n".join(lines)


def load_budgets() -> dict:
    with BUDGETS.open("rb") as fh:
        return tomllib.load(fh)


def over_budget(results: list[Result], budgets: dict) -> list[str]:
    """Every broken budget as a readable line; budgets.toml [pages."<page>.<role>"]."""
    defaults = budgets.get("defaults", {})
    problems = []
    for r in results:
        key = f"{r.page}.{r.role}"
        budget = dict(defaults, **budgets.get("pages", {}).get(key, {}))
        if r.status != 200:
            problems.append(f"{key}: status {r.status}")
        checks = [
            ("median_ms", r.median_ms, "median"),
            ("p95_ms", r.p95_ms, "p95"),
            ("queries", r.queries, "queries"),
            ("peak_kib", r.peak_kib, "peak memory"),
        ]
        for name, value, label in checks:
            limit = budget.get(name)
            if limit is not None and value > limit:
                problems.append(f"{key} @ {r.rows} rows: {label} {value} > {limit}")
    return problems


def scaling_problems(small: list[Result], large: list[Result]) -> list[str]:
    problems = []
    for a, b in zip(small, large, strict=True):
        if a.queries != b.queries:
            problems.append(
                f"{a.page}.{a.role}: {a.queries} queries at {a.rows} rows, "
                f"{b.queries} at {b.rows} rows"
            )
    return problems


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.database_url and not args.database_url.startswith(("postgres://", "postgresql://")):
        print("--database-url must be a PostgreSQL URL", file=sys.stderr)
        return 2
    name = setup_django(args.database_url)

    from django.conf import settings
    from django.db import connection

    # Not setup_test_environment(): its instrumented template rendering copies every
    # context for the test client, which would inflate render time and memory.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    vendor = connection.vendor
    sizes = sorted({20, args.rows}) if args.scaling else [args.rows]
    try:
        runs = {size: run(size, args.repeat, args.profile) for size in sizes}
    finally:
        if not args.database_url:  # the temporary directory of the SQLite file
            Path(name).parent.rmdir()

    for size, results in runs.items():
        print(table(results, f"\n{vendor} ({name}), {size} rows, {args.repeat} repeats"))
    problems = []
    if args.check:
        budgets = load_budgets()
        for results in runs.values():
            problems += over_budget(results, budgets)
    if args.scaling and len(sizes) == 2:
        problems += scaling_problems(runs[sizes[0]], runs[sizes[1]])
    if args.json_path:
        payload = {
            "database": vendor,
            "repeat": args.repeat,
            "runs": {str(size): [asdict(r) for r in results] for size, results in runs.items()},
            "problems": problems,
        }
        Path(args.json_path).write_text(json.dumps(payload, indent=2))
    if problems:
        print("\nOver budget / not scaling:", *problems, sep="\n  ", file=sys.stderr)
    elif args.check or args.scaling:
        print("\nAll pages within budget" + (" and query counts flat" if args.scaling else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
