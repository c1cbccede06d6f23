"""Reads for the requisition list: the rows a user may see, filtered, and the people the
filters offer."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from hiring_hub import access
from hiring_hub.models import Role, User
from requisitions.models import Requisition

# The status filter's choice for every open status (`Requisition.Status.open_values`).
OPEN_STATUSES = "open"
STATUS_FILTER_CHOICES = (
    (OPEN_STATUSES, "Open (not filled or cancelled)"),
    *Requisition.Status.choices,
)


def status_filter(value: str) -> str:
    """The status filter asked for, or "" (any) when it names no choice."""
    return value if value in dict(STATUS_FILTER_CHOICES) else ""


def requisition_list(
    *,
    user: User,
    status: str = "",
    recruiter_id: int | None = None,
    hiring_manager_id: int | None = None,
    search: str = "",
) -> QuerySet[Requisition]:
    """The requisitions the user may see, filtered, with people loaded for the table."""
    qs = access.requisitions_visible_to(user).select_related("recruiter", "hiring_manager")
    if status == OPEN_STATUSES:
        qs = qs.open()
    elif status:
        qs = qs.filter(status=status)
    if recruiter_id:
        qs = qs.filter(recruiter_id=recruiter_id)
    if hiring_manager_id:
        qs = qs.filter(hiring_manager_id=hiring_manager_id)
    if search:
        qs = qs.filter(
            Q(title__icontains=search)
            | Q(team__icontains=search)
            | Q(location__icontains=search)
            | Q(hiring_manager__full_name__icontains=search)
            | Q(recruiter__full_name__icontains=search)
        )
    return qs.order_by("-created_at", "-id")


def list_filter_people() -> dict[str, list[User]]:
    """The active recruiters and hiring managers the list filters by, by name (one query)."""
    people = list(
        User.objects.filter(role__in=[Role.RECRUITER, Role.HIRING_MANAGER], is_active=True)
        .order_by("full_name")
        .only("pk", "full_name", "role")
    )
    return {
        "recruiters": [u for u in people if u.role == Role.RECRUITER],
        "managers": [u for u in people if u.role == Role.HIRING_MANAGER],
    }
