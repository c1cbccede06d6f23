"""The interviewers' names of the interviews a list shows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from debriefs.models import Interview


def interviewer_names(interview_ids: Iterable[int]) -> dict[int, list[str]]:
    """The interviewers' names of each interview, by name, in one query (none for no ids)."""
    interview_ids = list(interview_ids)
    names: dict[int, list[str]] = defaultdict(list)
    if not interview_ids:
        return names
    rows = (
        Interview.interviewers.through.objects.filter(interview_id__in=interview_ids)
        .order_by("user__full_name", "user_id")
        .values_list("interview_id", "user__full_name")
    )
    for interview_id, name in rows:
        names[interview_id].append(name)
    return names
