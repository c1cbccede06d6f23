"""What needs a person's attention on requisitions, for their home page."""

from __future__ import annotations

from django.db.models import OuterRef, Q, Subquery

from hiring_hub import access
from hiring_hub.models import Role, User
from requisitions import partnership
from requisitions.models import CheckIn, CriteriaVersion, Requisition
from requisitions.retrospectives import retrospectives_waiting_on


# What templates/requisitions/_dashboard_panel.html reads of each row (its status badge
# reads status and realignment_needed): whole rows cost planning and ORM time on every home.
_REQUISITION_FIELDS = ("title", "status", "realignment_needed", "created_at")


def dashboard_panel(user: User) -> dict:
    """What needs this person's attention on requisitions: for a hiring manager, criteria
    waiting for their sign-off and weekly check-ins to acknowledge; for a recruiter, their
    searches waiting for re-alignment or still before alignment."""
    visible = access.requisitions_visible_to(user).open()
    awaiting = Q(
        criteria_versions__status=CriteriaVersion.Status.DRAFT,
        criteria_versions__criteria__isnull=False,
    )
    to_sign = (
        visible.filter(awaiting, hiring_manager_id=user.pk)
        .only("title")
        .distinct()
        .annotate(
            waiting_since=Subquery(
                CriteriaVersion.objects.filter(
                    requisition_id=OuterRef("pk"), status=CriteriaVersion.Status.DRAFT
                ).values("created_at")[:1]
            )
        )
        .order_by("title")
        if user.is_authenticated
        else visible.none()
    )
    mine = visible.filter(recruiter_id=user.pk).only(*_REQUISITION_FIELDS)
    # Compiled reports the manager has not acknowledged yet, oldest first.
    check_ins = (
        CheckIn.objects.filter(
            requisition__in=visible.filter(hiring_manager_id=user.pk),
            compiled_at__isnull=False,
            acknowledged_at__isnull=True,
        )
        .select_related("requisition")
        .only("week_start", "compiled_at", "requisition__title")
        .order_by("compiled_at", "pk")
        if user.is_authenticated
        else CheckIn.objects.none()
    )
    # A hiring manager signs off and acknowledges; a recruiter re-aligns and aligns: no
    # query for what the user's role cannot have waiting.
    manages, recruits = access.reviews_shortlists(user), access.can_manage_candidates(user)
    return {
        "retrospectives": list(
            retrospectives_waiting_on(user).only("invited_at", "requisition__title")[:10]
        ),
        "to_sign": list(to_sign[:10]) if manages else [],
        "check_ins": list(check_ins[:10]) if manages else [],
        "realignment": list(
            mine.filter(realignment_needed=True)
            .select_related("hiring_manager")
            .only(*_REQUISITION_FIELDS, "hiring_manager__full_name")
            .order_by("title")[:10]
        )
        if recruits
        else [],
        "before_alignment": list(
            mine.filter(status__in=Requisition.Status.before_alignment_values()).order_by("title")[
                :10
            ]
        )
        if recruits
        else [],
        # Partnerships that turned bad: a prompt to talk, to both people.
        "talks": list(partnership.talks_waiting_on(user).only("reasons", "requisition__title")[:10])
        if user.is_authenticated and user.role in (Role.RECRUITER, Role.HIRING_MANAGER)
        else [],
    }
