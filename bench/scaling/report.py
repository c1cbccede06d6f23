"""The scale benchmark's report: the table, the targets (`TARGETS`) and the ones missed."""

from __future__ import annotations

from bench.scaling.measure import PageResult

TARGETS = {
    "median_ratio": 2.0,  # page median <= 2x its floor's median
    "p95_ratio": 3.0,  # page p95 <= 3x its floor's p95
    "max_kib": 300,  # no response over 300 KB
    "throughput_share": 0.5,  # page mix >= 50% of the floor mix's requests/s, zero errors
    "worker_rss_mib": 150,  # each gunicorn worker after the run
    "sweep_growth": 12.0,  # sweep at 1,000 recipients <= 12x the time at 100
}


def table(results: list[PageResult]) -> str:
    head = (
        f"{'page':<32} {'role':<11} {'runs':>4} {'median':>9} {'p95':>9} {'floor':>8} "
        f"{'fl p95':>8} {'ratio':>7} {'p95 r':>6} {'layout':>8} {'lay r':>6} {'lay p95r':>8} "
        f"{'SQL':>6} {'sql r':>6} {'queries':>7} {'demo q':>6} {'KiB':>9} {'status':>6}"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        demo = "-" if r.demo_queries is None else str(r.demo_queries)
        layout = "-" if r.layout_median_ms is None else f"{r.layout_median_ms:.1f}"
        lay_r = "-" if r.layout_ratio is None else f"{r.layout_ratio:.1f}x"
        lay_p95r = "-" if r.layout_p95_ratio is None else f"{r.layout_p95_ratio:.1f}x"
        sql = "-" if r.sql_ms is None else f"{r.sql_ms:.1f}"
        sql_r = "-" if r.sql_ratio is None else f"{r.sql_ratio:.1f}x"
        lines.append(
            f"{r.page:<32} {r.role:<11} {r.runs:>4} {r.median_ms:>9.1f} {r.p95_ms:>9.1f} "
            f"{r.floor_median_ms:>8.1f} {r.floor_p95_ms:>8.1f} "
            f"{r.ratio:>6.1f}x {r.p95_ratio:>5.1f}x {layout:>8} {lay_r:>6} {lay_p95r:>8} "
            f"{sql:>6} {sql_r:>6} {r.queries:>7} {demo:>6} {r.kib:>9.1f} {r.status:>6}"
        )
    lines.append("(ms; floor = one query and a bare template for the same rows, the target;")
    lines.append(" layout = the same rows inside the app's base layout, page / layout as lay r;")
    lines.append(" SQL = the page's own reads replayed on the driver's cursor, its time in the")
    lines.append(" database; sql r = page / (floor + the page's SQL beyond the floor's), what the")
    lines.append(" stack adds to the page's own SQL, not a target;")
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
