"""The pipeline's charts on the requisition page: funnel, time in stage, shortlist
acceptance. Figures come from `candidates.selectors`; geometry from `hiring_hub.charts`."""

from __future__ import annotations

from hiring_hub.charts import Chart, bar_chart, days, percent


def funnel_chart(funnel: list[dict]) -> Chart:
    first = funnel[0]["reached"] if funnel else 0
    return bar_chart(
        slug="chart-funnel",
        title="Pipeline funnel",
        description=(
            f"{first} candidates added; "
            + ", ".join(f"{row['reached']} reached {row['label'].lower()}" for row in funnel[1:])
            + "."
        ),
        rows=[
            (
                row["label"],
                [(row["reached"], "primary")],
                f"{row['reached']}"
                + (f" · {percent(row['conversion'], 1)}" if row["conversion"] is not None else ""),
                None,
            )
            for row in funnel
        ],
        head=["Stage", "Reached", "From the stage before"],
        table=[
            [
                row["label"],
                row["reached"],
                percent(row["conversion"], 1) if row["conversion"] is not None else "—",
            ]
            for row in funnel
        ],
        empty="No candidates yet.",
    )


def time_in_stage_chart(time_in_stage: list[dict]) -> Chart:
    return bar_chart(
        slug="chart-time-in-stage",
        title="Time in stage",
        description="Median days a candidate spends in each stage: "
        + ", ".join(f"{row['label'].lower()} {days(row['median_days'])}" for row in time_in_stage)
        + ".",
        rows=[
            (row["label"], [(row["median_days"] or 0, "info")], days(row["median_days"]), None)
            for row in time_in_stage
        ],
        head=["Stage", "Median time", "Candidates counted"],
        table=[[row["label"], days(row["median_days"]), row["stints"]] for row in time_in_stage],
        empty="No stage changes yet.",
    )


def acceptance_chart(alignment: dict) -> Chart:
    """Per shortlist, in the order they were sent: advanced, declined, still open."""
    shortlists = alignment["shortlists"]
    return bar_chart(
        slug="chart-acceptance",
        title="Shortlist acceptance",
        description="Candidates the hiring manager advanced, declined or has not decided, "
        "per shortlist: "
        + "; ".join(
            f"shortlist {r['number']}: {r['advanced']} advanced, {r['declined']} declined, "
            f"{r['open']} open"
            for r in shortlists
        )
        + ".",
        rows=[
            (
                f"Shortlist {r['number']}",
                [(r["advanced"], "success"), (r["declined"], "danger"), (r["open"], "secondary")],
                percent(r["advanced"], r["advanced"] + r["declined"]),
                None,
            )
            for r in shortlists
        ],
        head=["Shortlist", "Advanced", "Declined", "Open", "Acceptance"],
        table=[
            [
                f"Shortlist {r['number']}",
                r["advanced"],
                r["declined"],
                r["open"],
                percent(r["advanced"], r["advanced"] + r["declined"]),
            ]
            for r in shortlists
        ],
        legend=[("success", "Advanced"), ("danger", "Declined"), ("secondary", "Open")],
        empty="No shortlist sent yet.",
    )
