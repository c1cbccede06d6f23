"""Who may see and do what: the one place access rules live.

Views, selectors and jobs ask this module; they never re-decide a rule themselves.
Rules (PRODUCT.md): recruiters see everything and change what they own; a hiring
manager sees their own requisitions and, from the shortlist on, those candidates;
an interviewer sees the requisitions they interview for and only the candidates and
interviews they are part of. Admins (superusers) see everything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse

if TYPE_CHECKING:
    from hiring_hub.models import User


def _sees_everything(user: User) -> bool:
    return user.is_active and (user.is_superuser or user.is_recruiter)


def is_recruiter(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.is_recruiter


def require(allowed: bool) -> None:
    """Refuse the request with a 403 unless the rule allows it."""
    if not allowed:
        raise PermissionDenied


# --- Users -------------------------------------------------------------------------
def can_invite_users(user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or user.is_recruiter)


# --- Requisitions --------------------------------------------------------------------
def requisitions_visible_to(user: User, qs: QuerySet | None = None) -> QuerySet:
    from requisitions.models import Requisition

    qs = Requisition.objects.all() if qs is None else qs
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if _sees_everything(user):
        return qs
    team = Requisition.hiring_team.through.objects.filter(user_id=user.pk).values("requisition_id")
    return qs.filter(Q(hiring_manager_id=user.pk) | Q(pk__in=team))


def can_create_requisition(user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or user.is_recruiter)


def can_edit_requisition(user: User, requisition) -> bool:
    """Requisition details, criteria drafts, plan, meetings: the owning recruiter."""
    return user.is_authenticated and (
        user.is_superuser or (user.is_recruiter and requisition.recruiter_id == user.pk)
    )


def can_edit_intake(user: User, requisition) -> bool:
    return can_edit_requisition(user, requisition) or requisition.hiring_manager_id == user.pk


def can_sign_off(user: User, requisition) -> bool:
    return user.is_authenticated and requisition.hiring_manager_id == user.pk


# --- Candidates and applications ---------------------------------------------------
def applications_visible_to(user: User, qs: QuerySet | None = None) -> QuerySet:
    from candidates.models import Application
    from debriefs.models import Interview

    qs = Application.objects.all() if qs is None else qs
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if _sees_everything(user):
        return qs
    interviewed = Interview.interviewers.through.objects.filter(user_id=user.pk).values(
        "interview__application_id"
    )
    return qs.filter(
        Q(requisition__hiring_manager_id=user.pk, shortlisted_at__isnull=False)
        | Q(pk__in=interviewed)
    )


def candidates_visible_to(user: User, qs: QuerySet | None = None) -> QuerySet:
    from candidates.models import Candidate

    qs = Candidate.objects.all() if qs is None else qs
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if _sees_everything(user):
        return qs
    return qs.filter(pk__in=applications_visible_to(user).values("candidate_id"))


def can_manage_candidates(user: User) -> bool:
    """Add candidates, move stages, assess, shortlist, run offers."""
    return user.is_authenticated and (user.is_superuser or user.is_recruiter)


def can_see_offer(user: User, application) -> bool:
    """Offers and compensation: recruiters and the hiring manager, never interviewers."""
    if _sees_everything(user):
        return True
    return application.requisition.hiring_manager_id == user.pk


# --- Interviews and scorecards ---------------------------------------------------------
def interviews_visible_to(user: User, qs: QuerySet | None = None) -> QuerySet:
    from debriefs.models import Interview

    qs = Interview.objects.all() if qs is None else qs
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if _sees_everything(user):
        return qs
    mine = Interview.interviewers.through.objects.filter(user_id=user.pk).values("interview_id")
    return qs.filter(Q(application__requisition__hiring_manager_id=user.pk) | Q(pk__in=mine))


def scorecards_visible_to(user: User, qs: QuerySet | None = None) -> QuerySet:
    """Own scorecards always; others' only once submitted, and for an interviewer only
    after they have submitted their own for that application (independence rule)."""
    from debriefs.models import Scorecard

    qs = Scorecard.objects.all() if qs is None else qs
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    submitted = Q(status=Scorecard.Status.SUBMITTED)
    own = Q(interviewer_id=user.pk)
    if _sees_everything(user):
        return qs.filter(own | submitted)
    own_submitted_applications = Scorecard.objects.filter(
        interviewer_id=user.pk, status=Scorecard.Status.SUBMITTED
    ).values("interview__application_id")
    return qs.filter(
        own
        | (submitted & Q(interview__application__requisition__hiring_manager_id=user.pk))
        | (submitted & Q(interview__application_id__in=own_submitted_applications))
    )


# --- Navigation -------------------------------------------------------------------------
NAVIGATION = [
    # (label, url name, who sees it)
    ("Dashboard", "home", lambda u: True),
    ("Requisitions", "requisitions:requisition_list", lambda u: True),
    ("Candidates", "candidates:candidate_list", lambda u: can_manage_candidates(u)),
    ("Shortlists", "candidates:shortlist_inbox", lambda u: u.is_hiring_manager),
    ("My interviews", "debriefs:interview_list", lambda u: True),
    ("Thank-you notes", "debriefs:thank_you_list", lambda u: can_manage_candidates(u)),
    ("Team", "user_list", can_invite_users),
]


def navigation_for(user: User) -> list[dict]:
    items = []
    for label, url_name, allowed in NAVIGATION:
        if not allowed(user):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            # A section whose app has no page yet is simply not shown.
            continue
        items.append({"label": label, "url": url, "name": url_name})
    if user.is_staff:
        items.append({"label": "Admin", "url": reverse("admin:index"), "name": "admin"})
    return items


# --- Weekly check-ins (requisitions; jobs helper) -------------------------------------------
def check_in_requisitions_visible_to(user: User, qs: QuerySet | None = None) -> QuerySet:
    """Check-ins report on the whole pipeline: recruiters, admins and the requisition's own
    hiring manager see them; interviewers do not."""
    qs = requisitions_visible_to(user, qs)
    if not user.is_authenticated or _sees_everything(user):
        return qs
    return qs.filter(hiring_manager_id=user.pk)


def can_write_check_in_note(user: User, requisition) -> bool:
    return can_edit_requisition(user, requisition)


def can_acknowledge_check_in(user: User, requisition) -> bool:
    return user.is_authenticated and requisition.hiring_manager_id == user.pk
