"""Candidates: the list, a person's page, the duplicate found when adding someone."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from candidates.models import Application, Candidate
from candidates.selectors.assessments import candidates_flag, candidates_page_flag, with_flags
from hiring_hub import access
from requisitions.models import CriteriaVersion, Criterion, Requisition

if TYPE_CHECKING:
    from hiring_hub.models import User


def matching(q: str, tag: str, *, prefix: str = "") -> Q:
    """Candidates (through `prefix`, e.g. "candidate__") whose name, email or location
    contains `q` (trigram indexes on PostgreSQL) and who carry the tag `tag` exactly."""
    found = Q()
    if q:
        found &= (
            Q(**{f"{prefix}full_name__icontains": q})
            | Q(**{f"{prefix}email__icontains": q})
            | Q(**{f"{prefix}location__icontains": q})
        )
    if tag:
        tagged = Candidate.tags.through.objects.filter(tag__name__iexact=tag)
        found &= Q(**{f"{prefix}pk__in": tagged.values("candidate_id")})
    return found


# What the candidate list shows of each person.
LISTED_FIELDS = ("id", "full_name", "email", "location", "source")


def candidate_list(*, user: User, q: str = "", tag: str = "") -> QuerySet:
    """Candidates by name, filtered by `matching`, with their `deal_breaker_flag`,
    `listed_tags` and `visible_applications`. Paginate the result (it can hold every
    candidate)."""
    qs = access.candidates_visible_to(user).filter(matching(q, tag))
    # The columns the list shows: a person's notes and a requisition's whole row cost
    # planning, transfer and model building for nothing.
    visible_apps = (
        access.applications_visible_to(user)
        .select_related("requisition")
        .only("id", "candidate_id", "stage", "requisition__id", "requisition__title")
    )
    return (
        candidates_page_flag(qs.only(*LISTED_FIELDS))
        .prefetch_related(
            Prefetch("tags", to_attr="listed_tags"),
            Prefetch("applications", queryset=visible_apps, to_attr="visible_applications"),
        )
        .order_by("full_name", "id")
    )


def candidate_detail(*, user: User, pk: int) -> Candidate:
    """Raises Candidate.DoesNotExist (a 404) outside what the user may see."""
    visible_apps = with_flags(
        access.applications_visible_to(user).select_related(
            "requisition", "requisition__hiring_manager"
        )
    )
    return (
        candidates_flag(access.candidates_visible_to(user))
        .select_related("created_by")
        .prefetch_related(
            "tags",
            Prefetch("applications", queryset=visible_apps, to_attr="visible_applications"),
        )
        .get(pk=pk)
    )


def open_requisitions(user: User) -> QuerySet:
    """The open requisitions the user may add candidates to (can_change_pipeline)."""
    return access.pipelines_changeable_by(
        user, access.requisitions_visible_to(user).open()
    ).order_by("title")


def interview_focus_for(*, user: User, candidate: Candidate) -> list[dict]:
    """The interviews of this candidate the user may see, with the criteria each stage
    assesses: what an interviewer needs to prepare."""
    interviews = list(
        access.interviews_visible_to(user)
        .filter(application__candidate=candidate)
        .select_related("stage", "application__requisition")
        .prefetch_related("interviewers")
        .order_by("starts_at")
    )
    keys = {k for i in interviews for k in (i.stage.criterion_keys or [])}
    by_key = {}
    if keys:
        for criterion in (
            Criterion.objects.filter(key__in=keys, version__status=CriteriaVersion.Status.SIGNED)
            .select_related("version")
            .order_by("version__number")
        ):
            by_key[str(criterion.key)] = criterion  # latest signed version wins
    return [
        {
            "interview": i,
            "criteria": [by_key[k] for k in (i.stage.criterion_keys or []) if k in by_key],
        }
        for i in interviews
    ]


@dataclass(frozen=True)
class Duplicate:
    """The person already in Hiring Hub with the email typed on the add form, and where
    they are: the page offers their profile, or adding them to the chosen requisition."""

    candidate: Candidate | None = None
    applications: list[Application] = field(default_factory=list)
    requisition: Requisition | None = None
    already_on: Application | None = None


def duplicate_of(candidate: Candidate | None, requisition: Requisition | None) -> Duplicate:
    if candidate is None:
        return Duplicate()
    applications = list(
        candidate.applications.select_related("requisition").order_by("requisition__title")
    )
    already_on = next((a for a in applications if a.requisition == requisition), None)
    return Duplicate(candidate, applications, requisition, already_on)
