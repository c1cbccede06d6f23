"""Scale benchmark: every page at 100,000 candidates against its floor, the notification
sweep at 100 and 1,000 recipients, and throughput under gunicorn. PostgreSQL only.

    DEBUG=false .venv/bin/python bench/scale.py --database hh_bench [--scale 1]
        [--keep | --reuse] [--repeat 15] [--duration 30] [--json out.json] [--check]

Builds the data set of bench/scaling/data/ in the named database (dropped and created; with
--reuse an earlier build at the same --scale is kept and used), measures each page of PAGES
through Django's full request path as its role, interleaved with its floor (bench/floors.py),
reads the query counts of the same pages on the demo data (manage.py seed_demo) in
<database>_demo, times the sweep in <database>_sweep, runs gunicorn (3 workers, as in
production) on 127.0.0.1 with bench/loadgen.py as the load, prints a table, writes JSON and
checks the targets of TARGETS (--check: exit 1 when one fails). See bench/README.md.

The steps live in bench/scaling/: `pages` (the PAGES table and its subjects), `measure`,
`sweep`, `throughput`, `databases`, `report` (TARGETS), and `data` (the data sets).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python bench/scale.py`
    sys.path.insert(0, str(ROOT))

from bench.scaling import databases  # noqa: E402
from bench.scaling.measure import PageResult, measure_page, query_counts  # noqa: E402
from bench.scaling.pages import PAGES, Subjects, clients_for, pick_subjects  # noqa: E402
from bench.scaling.report import failures, print_report  # noqa: E402
from bench.scaling.sweep import measure_sweep  # noqa: E402
from bench.scaling.throughput import child_env, throughput  # noqa: E402

PG = "postgres://postgres@127.0.0.1:5432"


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
    os.environ.update(child_env(database_url))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()


def build_or_reuse(args: argparse.Namespace, pg: str, companions: list[str]) -> dict | None:
    """The data set in --database (built, or an earlier build of this --scale with --reuse),
    and migrated, empty companion databases. Returns the build's figures, None on reuse."""
    from bench.scaling import data

    name = args.database
    marker = f"hiring-hub scale benchmark, scale={args.scale}"
    if args.reuse and databases.database_comment(name, pg) == marker:
        print(f"Reusing {name} ({marker})", file=sys.stderr)
        for other in companions:
            databases.create_database(other, pg)
            databases.use_database(other)
            databases.migrate()
        databases.use_database(name)
        # A build kept from older code takes the migrations added since (and their backfills).
        databases.migrate()
        return None
    started = time.perf_counter()
    databases.create_database(name, pg)
    databases.migrate()
    for other in companions:  # migrated copies, faster than migrating again
        databases.create_database(other, pg, template=name)
    print(f"Building the data set in {name} (scale {args.scale})", file=sys.stderr)
    built = data.build(scale=args.scale)
    databases.analyze()
    databases.admin(f"COMMENT ON DATABASE {databases.ident(name)} IS '{marker}'", pg)
    seconds = round(time.perf_counter() - started, 1)
    print(f"Built in {seconds} s", file=sys.stderr)
    return {"seconds": seconds, "tables": built["tables"]}


def measure_pages(args: argparse.Namespace, subjects: Subjects, clients: dict) -> list[PageResult]:
    """Each page against its floors; then, unless --skip-demo, its query count on the demo
    data (seed_demo in <database>_demo)."""
    results = []
    for page in [] if args.skip_pages else PAGES:
        print(f"Measuring {page.name}", file=sys.stderr)
        results.append(measure_page(page, subjects, clients, args.repeat, args.page_budget))
    if results and not args.skip_demo:
        from django.core.management import call_command

        print("Query counts on the demo data", file=sys.stderr)
        databases.use_database(f"{args.database}_demo")
        call_command("seed_demo", verbosity=0, stdout=io.StringIO())
        demo_subjects = pick_subjects()
        demo = query_counts(demo_subjects, clients_for(demo_subjects))
        for r in results:
            r.demo_queries = demo[r.page]
        databases.use_database(args.database)
    return results


def measure_sweeps(args: argparse.Namespace) -> list[dict]:
    databases.use_database(f"{args.database}_sweep")
    sweeps = []
    for n in (int(x) for x in args.sweep_recipients.split(",")):
        print(f"Sweep at {n} recipients", file=sys.stderr)
        sweeps.append(measure_sweep(n, args.sweep_repeat))
    databases.use_database(args.database)
    return sweeps


def main(argv=None) -> int:
    args = parse_args(argv)
    name, pg = args.database, args.pg.rstrip("/")
    database_url = f"{pg}/{name}"
    setup_django(database_url)
    report: dict = {"database": name, "scale": args.scale, "started": time.time()}
    companions = [] if args.skip_demo or args.skip_pages else [f"{name}_demo"]
    companions += [] if args.skip_sweep else [f"{name}_sweep"]

    try:
        build = build_or_reuse(args, pg, companions)
        if build:
            report["build"] = build
        if args.build_only:
            return 0

        subjects = pick_subjects()
        clients = clients_for(subjects)
        report["subjects"] = asdict(subjects)
        report["pages"] = [asdict(r) for r in measure_pages(args, subjects, clients)]
        if not args.skip_sweep:
            report["sweep"] = measure_sweeps(args)
        if not args.skip_throughput:
            print("Throughput (gunicorn)", file=sys.stderr)
            databases.close_django()
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
        databases.close_django()
        for other in companions:
            if not args.keep:
                databases.drop_database(other, pg)
        if not (args.keep or args.reuse):
            databases.drop_database(name, pg)

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
