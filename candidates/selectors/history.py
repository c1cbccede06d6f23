"""A requisition's history: the funnel and the time spent in each stage."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import datetime, timedelta

from candidates.models import Application, StageChange
from requisitions.models import Requisition

St = Application.Stage

# Forward stages of the funnel, in order; rejected and withdrawn end an application
# wherever it was, so they are not steps.
FUNNEL_STAGES = [St.SOURCED, St.SCREENING, St.SHORTLISTED, St.MANAGER_REVIEW, St.INTERVIEWING]
FUNNEL_STAGES += [St.OFFER, St.HIRED]


def _days(duration: timedelta) -> float:
    return duration.total_seconds() / 86400


def pipeline_history(requisition: Requisition, *, now: datetime) -> dict:
    """The funnel and the time in stage of one requisition, from its stage changes (one
    query over that requisition's applications only).

    - funnel: per forward stage, the applications that reached it (an application that
      skipped a stage passed it) and the conversion from the stage before;
    - time_in_stage: per open stage, the median days an application spent there, counting
      stints that ended and the one still running (until `now`)."""
    changes = (
        StageChange.objects.filter(application__requisition=requisition)
        .order_by("application_id", "created_at", "pk")
        .values_list("application_id", "to_stage", "created_at")
    )
    order = {stage: i for i, stage in enumerate(FUNNEL_STAGES)}
    furthest: dict[int, int] = {}
    stints: dict[str, list[float]] = {stage: [] for stage in FUNNEL_STAGES}
    previous = None
    # A last row that belongs to no application closes the final application's stints.
    for application_id, stage, at in [*changes, (None, None, None)]:
        if previous and previous[1] in stints:
            if previous[0] == application_id:
                stints[previous[1]].append(_days(at - previous[2]))
            elif previous[1] not in St.closed_values():  # still there: until now
                stints[previous[1]].append(_days(now - previous[2]))
        if stage in order:
            furthest[application_id] = max(furthest.get(application_id, 0), order[stage])
        previous = (application_id, stage, at)
    reached = Counter(furthest.values())
    funnel, before = [], None
    for i, stage in enumerate(FUNNEL_STAGES):
        count = sum(n for step, n in reached.items() if step >= i)
        funnel.append(
            {
                "stage": stage,
                "label": stage.label,
                "reached": count,
                "conversion": count / before if before else None,
            }
        )
        before = count
    time_in_stage = [
        {
            "stage": stage,
            "label": stage.label,
            "median_days": statistics.median(stints[stage]) if stints[stage] else None,
            "stints": len(stints[stage]),
        }
        for stage in FUNNEL_STAGES
        if stage not in St.closed_values()
    ]
    return {"funnel": funnel, "time_in_stage": time_in_stage}
