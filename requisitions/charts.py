"""Days open against the target, and time to fill: from the requisitions' own dates, so
these charts cost no query beyond loading the requisitions shown."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from hiring_hub.charts import Chart, bar_chart, days


def days_open(requisition, *, now: dt.datetime) -> dict:
    """Days since the search opened (sourcing started; created if not yet), the days the
    target start date allowed from then, and the time to fill once filled."""
    opened = requisition.opened_at or requisition.created_at
    end = requisition.filled_at or now
    target = requisition.target_start_date
    return {
        "requisition": requisition,
        "days_open": max((end - opened).days, 0),
        "target_days": (target - timezone.localdate(opened)).days if target else None,
        "time_to_fill": (requisition.filled_at - opened).days if requisition.filled_at else None,
    }


def _tone(row: dict) -> str:
    if row["time_to_fill"] is not None:
        return "success"
    if row["target_days"] is not None and row["days_open"] > row["target_days"]:
        return "danger"
    return "primary"


def _text(row: dict) -> str:
    if row["time_to_fill"] is not None:
        return f"{days(row['time_to_fill'])} to fill"
    if row["target_days"] is None:
        return days(row["days_open"])
    return f"{row['days_open']} of {days(row['target_days'])}"


def days_open_chart(rows: list[dict], *, slug: str = "chart-days-open") -> Chart:
    """One bar per requisition: days open (time to fill once filled), with the target as
    a tick across the bar."""
    return bar_chart(
        slug=slug,
        title="Days open against target",
        description="; ".join(
            f"{row['requisition'].title}: open {days(row['days_open'])}"
            + (f", target {days(row['target_days'])}" if row["target_days"] is not None else "")
            + (
                f", filled in {days(row['time_to_fill'])}"
                if row["time_to_fill"] is not None
                else ""
            )
            for row in rows
        )
        + ".",
        rows=[
            (
                row["requisition"].title,
                [(row["days_open"], _tone(row))],
                _text(row),
                row["target_days"],
            )
            for row in rows
        ],
        head=["Requisition", "Days open", "Target (days from opening)", "Time to fill"],
        table=[
            [
                row["requisition"].title,
                row["days_open"],
                row["target_days"] if row["target_days"] is not None else "not set",
                days(row["time_to_fill"]) if row["time_to_fill"] is not None else "—",
            ]
            for row in rows
        ],
        legend=[("primary", "Open"), ("danger", "Past target"), ("success", "Filled")],
        marker_label="Target start",
        show_zero=True,
    )


def home_days_open_chart(requisitions: list) -> Chart:
    """The home's bars of days open against target, for the user's open requisitions."""
    now = timezone.now()
    return days_open_chart([days_open(r, now=now) for r in requisitions], slug="chart-home-days")
