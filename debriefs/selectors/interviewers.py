"""What the rows of the interview and thank-you note lists name: the candidate, the
requisition, the stage and the interviewers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import OuterRef, Subquery

from candidates.models import Candidate
from debriefs.models import Interview
from requisitions.models import InterviewStage, Requisition


def row_names(interview: str = "", *, recruiter: bool = False) -> dict[str, Subquery]:
    """Annotations naming a row's candidate (`candidate_name`), requisition
    (`requisition_title`, and `recruiter_name` with `recruiter`) and stage (`stage_name`);
    `interview` is the path to the row's interview ("" for an interview, "interview__" for
    a note). Scalar
    subqueries rather than joins: PostgreSQL plans a join of seven tables in several
    milliseconds, of three in one, and the subqueries run for the rows of the page only."""
    application = f"{interview}application__"
    requisition = Requisition.objects.filter(pk=OuterRef(f"{application}requisition_id")).order_by()
    names = {
        "candidate_name": Subquery(
            Candidate.objects.filter(pk=OuterRef(f"{application}candidate_id"))
            .order_by()
            .values("full_name")[:1]
        ),
        "requisition_title": Subquery(requisition.values("title")[:1]),
        "stage_name": Subquery(
            InterviewStage.objects.filter(pk=OuterRef(f"{interview}stage_id"))
            .order_by()
            .values("name")[:1]
        ),
    }
    if recruiter:
        names["recruiter_name"] = Subquery(requisition.values("recruiter__full_name")[:1])
    return names


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
