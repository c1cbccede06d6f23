"""Password reset timing: does POST /accounts/password/reset/ answer in the same time whether
or not the address has an account? (A difference tells a stranger who has an account.)

    DEBUG=true .venv/bin/python bench/password_reset.py [--repeat 300]
        [--database-url postgres://postgres@127.0.0.1:5432/hh_bench_reset] [--json out.json]

Creates a throw-away database (a temporary SQLite file by default, or the PostgreSQL database
named in --database-url, created and dropped), with a few hundred users so the lookup is not
on an empty table. Then it posts the form for a known address and for an unknown one,
alternating (so drift on the shared machine hits both alike), and reports the median, p10 and
p90 of each, their difference and the SQL queries of one request of each. The limits on
resets (ACCOUNT_RATE_LIMITS) are cleared between requests, outside the timed part.
Exits 1 with --check when the medians differ by more than --tolerance (ms or %, whichever
is larger). See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=300, help="timed requests per address")
    parser.add_argument("--users", type=int, default=500, help="accounts in the database")
    parser.add_argument(
        "--database-url",
        default="",
        help="PostgreSQL URL of a throw-away database (created and dropped); default SQLite",
    )
    parser.add_argument("--json", dest="json_path", help="write the figures to this file")
    parser.add_argument("--verbose", action="store_true", help="print the SQL of each")
    parser.add_argument("--check", action="store_true", help="exit 1 when the medians differ")
    parser.add_argument(
        "--tolerance", type=float, default=0.5, help="allowed difference of medians, ms"
    )
    return parser.parse_args(argv)


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def measure(repeat: int, users: int) -> dict:
    from allauth.account.models import EmailAddress
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from hiring_hub.models import OutboundMessage
    from tests import factories

    known = factories.RecruiterFactory(email="known.person@example.org")
    people = [known] + [factories.InterviewerFactory() for _ in range(users - 1)]
    # As an invitation records it (hiring_hub.services.user_invitation_send): a verified
    # primary address for allauth, which then finds the account without a second lookup.
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, primary=True, verified=True) for u in people
    )
    addresses = {"known": known.email, "unknown": "nobody.here@example.org"}
    url = reverse("account_reset_password")
    client = Client()

    def post(email: str) -> float:
        cache.clear()  # the reset limits: not what is measured
        started = time.perf_counter()
        response = client.post(url, {"email": email})
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 302, response.status_code
        return elapsed

    for _ in range(20):  # warm-up: templates, URL resolver, connections
        for email in addresses.values():
            post(email)
    queries, rows, sql = {}, {}, {}
    for label, email in addresses.items():
        before = OutboundMessage.objects.count()
        with CaptureQueriesContext(connection) as captured:
            post(email)
        queries[label] = len(captured)
        sql[label] = [q["sql"][:160] for q in captured.captured_queries]
        rows[label] = OutboundMessage.objects.count() - before
    times: dict[str, list[float]] = {label: [] for label in addresses}
    for i in range(repeat):
        # Alternate the order too, so neither address always follows the other.
        order = list(addresses.items()) if i % 2 else list(addresses.items())[::-1]
        for label, email in order:
            times[label].append(post(email))
    result = {
        label: {
            "median_ms": round(statistics.median(values), 2),
            "p10_ms": round(_quantile(values, 0.10), 2),
            "p90_ms": round(_quantile(values, 0.90), 2),
            "queries": queries[label],
            "outbox_rows": rows[label],
        }
        for label, values in times.items()
    }
    result["difference_ms"] = round(
        result["known"]["median_ms"] - result["unknown"]["median_ms"], 2
    )
    result["repeat"] = repeat
    result["sql"] = sql
    result["database"] = connection.vendor
    return result


def main(argv=None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(ROOT))
    # The broker is not what is measured, and a benchmark must not queue real deliveries.
    os.environ.setdefault("CELERY_BROKER_URL", "memory://")
    from bench.pages import create_db, destroy_db, setup_django

    setup_django(args.database_url)
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Only to create the accounts quickly: a reset never hashes a password (its token is an
    # HMAC over the stored hash), so the hasher does not change what is measured.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    create_db()
    try:
        result = measure(args.repeat, args.users)
    finally:
        destroy_db()
    print(f"POST /accounts/password/reset/ on {result['database']}, {args.repeat} each:")
    for label in ("known", "unknown"):
        r = result[label]
        print(
            f"  {label:8} median {r['median_ms']:7.2f} ms  p10 {r['p10_ms']:7.2f}  "
            f"p90 {r['p90_ms']:7.2f}  queries {r['queries']}  outbox rows {r['outbox_rows']}"
        )
    print(f"  known - unknown: {result['difference_ms']:+.2f} ms")
    if args.verbose:
        for label, statements in result["sql"].items():
            print(f"  SQL of one {label} request:", *statements, sep="\n    ")
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(result, indent=2))
    if args.check and abs(result["difference_ms"]) > args.tolerance:
        print(f"FAIL: the medians differ by more than {args.tolerance} ms")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
