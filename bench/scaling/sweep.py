"""Timing the notification sweep at a number of recipients: first run and no-op."""

from __future__ import annotations

import datetime as dt
import statistics
import time

from bench.scaling.measure import QueryCounter


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

    from bench.scaling import data

    now = sweep_anchor()
    runs: dict[str, list[dict]] = {"first": [], "noop": []}
    for _ in range(repeat):
        call_command("flush", interactive=False, verbosity=0)
        built = data.build_sweep(recipients=recipients, now=now)
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
