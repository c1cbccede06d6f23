"""Who may see and do what: the one place access rules live.

Views, selectors and jobs ask this module; they never re-decide a rule themselves.
Rules (PRODUCT.md): recruiters see everything and change what they own (a requisition's
pipeline: its recruiter and the recruiters on its hiring team); a hiring
manager sees their own requisitions and, from the shortlist on, those candidates;
an interviewer sees the requisitions they interview for and only the candidates and
interviews they are part of. Admins (superusers) see everything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
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
def must_use_mfa(user: User) -> bool:
    """Whether an admin requires two-factor sign-in of this user (settings.MFA_REQUIRED_ROLES:
    "staff" covers admins, the other entries are roles)."""
    from django.conf import settings

    required = settings.MFA_REQUIRED_ROLES
    if not required or not user.is_authenticated:
        return False
    return user.role in required or ("staff" in required and (user.is_staff or user.is_superuser))


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


def can_change_requisition_status(user: User, requisition) -> bool:
    """Moving a search along (or on hold, or cancelling it) is the owning recruiter's call."""
    return can_edit_requisition(user, requisition)


def can_see_intake(user: User, requisition) -> bool:
    """The intake holds candid talk (the last person in the role, a hire that failed):
    recruiters and the requisition's hiring manager only, not the interviewers."""
    return user.is_authenticated and (
        _sees_everything(user) or requisition.hiring_manager_id == user.pk
    )


def can_see_alignment_meeting(user: User, meeting) -> bool:
    """An alignment meeting's agenda is built from the candid intake (the last person in
    the role, a hire that failed), and its notes hold the same talk: recruiters, the
    hiring manager, and the people invited to that meeting; not the rest of the team."""
    return can_see_intake(user, meeting.requisition) or (
        user.is_authenticated and any(a.pk == user.pk for a in meeting.attendees.all())
    )


def can_see_compensation(user: User, requisition) -> bool:
    """Salary band: recruiters and the hiring manager, never interviewers."""
    return can_see_intake(user, requisition)


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
    """The recruiter's tools: the candidate pool, adding candidates, the thank-you list.
    What may be changed on one requisition's pipeline is can_change_pipeline's call."""
    return (
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.is_recruiter)
    )


def _on_hiring_team(user: User, requisition) -> bool:
    """Uses the prefetched hiring team when the caller loaded it (no query per row)."""
    prefetched = getattr(requisition, "_prefetched_objects_cache", {}).get("hiring_team")
    if prefetched is not None:
        return any(member.pk == user.pk for member in prefetched)
    return requisition.hiring_team.filter(pk=user.pk).exists()


def can_change_pipeline(user: User, requisition) -> bool:
    """The one write rule for a requisition's candidates: applications and their stages,
    assessments, shortlists, interviews, debrief decisions, thank-you notes, follow-ups
    and offers are changed by its recruiter and the recruiters on its hiring team (and
    admins). Other recruiters read. The hiring manager's and interviewers' own rights
    (review a shortlist, decide a debrief, approve an offer, write a scorecard) are
    separate rules below."""
    if not can_manage_candidates(user):
        return False
    return (
        user.is_superuser
        or requisition.recruiter_id == user.pk
        or _on_hiring_team(user, requisition)
    )


def can_edit_candidate(user: User, candidate) -> bool:
    """A person's details (contact, résumé, tags, notes) belong to every search they are
    on: a recruiter edits them when they may change the pipeline of one of the candidate's
    requisitions, or when the candidate is on none yet (the shared pool)."""
    if not can_manage_candidates(user):
        return False
    if user.is_superuser:
        return True
    from requisitions.models import Requisition

    team = Requisition.hiring_team.through.objects.filter(user_id=user.pk).values("requisition_id")
    counts = Requisition.objects.filter(applications__candidate_id=candidate.pk).aggregate(
        on=Count("pk"), mine=Count("pk", filter=Q(recruiter_id=user.pk) | Q(pk__in=team))
    )
    return counts["on"] == 0 or counts["mine"] > 0


def pipelines_changeable_by(user: User, qs: QuerySet | None = None) -> QuerySet:
    """The requisitions whose pipeline the user may change (can_change_pipeline as a query)."""
    from requisitions.models import Requisition

    qs = Requisition.objects.all() if qs is None else qs
    if not can_manage_candidates(user):
        return qs.none()
    if user.is_superuser:
        return qs
    team = Requisition.hiring_team.through.objects.filter(user_id=user.pk).values("requisition_id")
    return qs.filter(Q(recruiter_id=user.pk) | Q(pk__in=team))


def can_see_offer(user: User, application) -> bool:
    """Offers and compensation: recruiters and the hiring manager, never interviewers."""
    if _sees_everything(user):
        return True
    return application.requisition.hiring_manager_id == user.pk


def can_see_candidate_details(user: User, candidate, visible_applications) -> bool:
    """Contact details, notes, tags and the assessment: recruiters, and a hiring manager
    who has the candidate on one of their requisitions (from the shortlist on).
    Interviewers see only the name, the résumé and their interview focus."""
    if _sees_everything(user):
        return True
    return any(a.requisition.hiring_manager_id == user.pk for a in visible_applications)


def shortlists_visible_to(user: User, qs: QuerySet | None = None) -> QuerySet:
    from candidates.models import Shortlist

    qs = Shortlist.objects.all() if qs is None else qs
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if _sees_everything(user):
        return qs
    return qs.filter(requisition__hiring_manager_id=user.pk)


def can_see_pipeline(user: User, requisition) -> bool:
    """A requisition's pipeline: recruiters, and its hiring manager (shortlisted stages on)."""
    return can_manage_candidates(user) or (
        user.is_authenticated and requisition.hiring_manager_id == user.pk
    )


def can_see_shortlists(user: User) -> bool:
    """The shortlist inbox: recruiters and hiring managers, not interviewers."""
    return can_manage_candidates(user) or (user.is_authenticated and user.is_hiring_manager)


def can_discuss_shortlist(user: User, shortlist) -> bool:
    """The "need more information" thread: the requisition's recruiters (can_change_pipeline)
    and the reviewing hiring manager."""
    return can_change_pipeline(user, shortlist.requisition) or can_review_shortlist(user, shortlist)


def reviews_shortlists(user: User) -> bool:
    """Whether the dashboard shows the user shortlists waiting for their answer."""
    return user.is_authenticated and user.is_active and user.is_hiring_manager


def can_review_shortlist(user: User, shortlist) -> bool:
    """Only the requisition's hiring manager answers a shortlist."""
    return (
        user is not None
        and user.is_authenticated
        and shortlist.requisition.hiring_manager_id == user.pk
    )


def can_approve_offer(user: User, offer) -> bool:
    """The hiring manager approves the offer terms (the manager chooses)."""
    return (
        user is not None
        and user.is_authenticated
        and (user.is_superuser or offer.application.requisition.hiring_manager_id == user.pk)
    )


# --- Interviews and scorecards ---------------------------------------------------------
def interviews_visible_to(user: User, qs: QuerySet | None = None) -> QuerySet:
    from debriefs.models import Interview

    qs = Interview.objects.all() if qs is None else qs
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if _sees_everything(user):
        return qs
    # One id list from indexed lookups (no OR across joins, no DISTINCT): the interviews
    # they are on, and those of their own requisitions' applications.
    from candidates.models import Application
    from requisitions.models import Requisition

    mine = Interview.interviewers.through.objects.filter(user_id=user.pk).values("interview_id")
    requisitions = Requisition.objects.filter(hiring_manager_id=user.pk).values("pk")
    applications = Application.objects.filter(requisition_id__in=requisitions).values("pk")
    managed = Interview.objects.filter(application_id__in=applications).order_by().values("pk")
    return qs.filter(pk__in=mine.union(managed))


def thank_you_notes_visible_to(user: User, qs: QuerySet | None = None) -> QuerySet:
    """The notes of the interviews the user may see (interviews_visible_to); no subquery
    for those who see every interview."""
    from debriefs.models import ThankYouNote

    qs = ThankYouNote.objects.all() if qs is None else qs
    if user.is_authenticated and _sees_everything(user):
        return qs
    return qs.filter(interview__in=interviews_visible_to(user))


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


# --- Debriefs: scheduling, debrief decisions, thank-you notes, follow-ups -----------------
def can_schedule_interviews(user: User) -> bool:
    """Whether to offer the scheduling entry points at all (recruiters); which application
    is can_schedule_interview's call."""
    return can_manage_candidates(user)


def can_schedule_interview(user: User, application) -> bool:
    """Schedule, reschedule and cancel an application's interviews: can_change_pipeline."""
    return can_change_pipeline(user, application.requisition)


def sees_all_interviews(user: User) -> bool:
    """The interview list: recruiters list every interview; others those they are part of."""
    return is_recruiter(user)


def is_on_interview(user: User, interview) -> bool:
    """One of the interview's interviewers (uses the prefetched interviewers)."""
    return user.is_authenticated and any(p.pk == user.pk for p in interview.interviewers.all())


def can_write_scorecard(user: User, interview) -> bool:
    """Only an interviewer of the interview writes (their own) scorecard for it."""
    return interview.status == interview.Status.SCHEDULED and is_on_interview(user, interview)


def is_scorecard_author(user: User, scorecard) -> bool:
    """A scorecard is changed by the interviewer it belongs to, and nobody else."""
    return (
        user is not None
        and user.is_authenticated
        and user.is_active
        and scorecard.interviewer_id == user.pk
    )


def can_see_debrief(user: User, application) -> bool:
    """Recruiters and the requisition's hiring manager; an interviewer of the application
    once they submitted their own scorecard (they then see the others, independence rule)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if _sees_everything(user) or application.requisition.hiring_manager_id == user.pk:
        return True
    from debriefs.models import Scorecard

    return Scorecard.objects.filter(
        interviewer_id=user.pk,
        interview__application_id=application.pk,
        status=Scorecard.Status.SUBMITTED,
    ).exists()


def can_decide_debrief(user: User, application) -> bool:
    """The debrief decision: the requisition's recruiters (can_change_pipeline) or its
    hiring manager."""
    return can_change_pipeline(user, application.requisition) or (
        user is not None
        and user.is_authenticated
        and user.is_active
        and application.requisition.hiring_manager_id == user.pk
    )


def waits_for_debriefs(user: User) -> bool:
    """Whether the user's pages list the debriefs waiting for a decision."""
    return is_recruiter(user) or (
        user.is_authenticated and user.is_active and user.is_hiring_manager
    )


def can_manage_thank_you_notes(user: User) -> bool:
    """The thank-you list and dashboard counts: recruiters."""
    return can_manage_candidates(user)


def can_manage_thank_you_note(user: User, note) -> bool:
    """Edit, send or mark sent one interview's thank-you note: can_change_pipeline."""
    return can_change_pipeline(user, note.interview.application.requisition)


def can_see_follow_up(user: User, application) -> bool:
    """The candidate's follow-up history: recruiters and the hiring manager."""
    return can_see_offer(user, application)


def can_record_candidate_update(user: User, application) -> bool:
    """Record what a candidate was told (the follow-up log): can_change_pipeline."""
    return can_change_pipeline(user, application.requisition)


# --- Navigation -------------------------------------------------------------------------
NAVIGATION = [
    # (label, url name, who sees it)
    ("Dashboard", "home", lambda u: True),
    ("Requisitions", "requisitions:requisition_list", lambda u: True),
    ("Candidates", "candidates:candidate_list", lambda u: can_manage_candidates(u)),
    ("Shortlists", "candidates:shortlist_inbox", lambda u: can_see_shortlists(u)),
    ("Interviews", "debriefs:interview_list", lambda u: True),
    ("Thank-you notes", "debriefs:thank_you_list", lambda u: can_manage_candidates(u)),
    ("Team", "user_list", can_invite_users),
    (
        "Partnerships",
        "requisitions:partnership_overview",
        lambda u: can_see_partnership_overview(u),
    ),
]


def navigation_for(user: User) -> list[dict]:
    from hiring_hub.url_shapes import reverse_ids

    items = []
    for label, url_name, allowed in NAVIGATION:
        if not allowed(user):
            continue
        try:
            url = reverse_ids(url_name)
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


def can_see_check_ins(user: User, requisition) -> bool:
    return _sees_everything(user) or (
        user.is_authenticated and requisition.hiring_manager_id == user.pk
    )


def can_write_check_in_note(user: User, requisition) -> bool:
    return can_edit_requisition(user, requisition)


def can_acknowledge_check_in(user: User, requisition) -> bool:
    return user.is_authenticated and requisition.hiring_manager_id == user.pk


# --- Candidate data rights ------------------------------------------------------------------
def can_export_candidate(user: User, candidate) -> bool:
    """A request for one's data is answered by the recruiting team: recruiters (who see every
    candidate) and admins. Hiring managers and interviewers see only part of the record; the
    export is all of it."""
    return can_manage_candidates(user)


def can_erase_candidate(user: User, candidate) -> bool:
    """Erasure cannot be undone and takes the person out of every search they are on. Admins
    erase anyone. A recruiter erases a candidate whose details they may edit
    (can_edit_candidate) once none of the candidate's applications is open, so nobody's
    running search loses a candidate under it; an admin decides the rest."""
    if not can_manage_candidates(user):
        return False
    if user.is_superuser:
        return True
    from candidates.models import Application

    open_applications = Application.objects.filter(candidate_id=candidate.pk).exclude(
        stage__in=Application.Stage.closed_values()
    )
    return not open_applications.exists() and can_edit_candidate(user, candidate)


# --- Team profiles and retrospectives (requisitions) -----------------------------------------
def _works_with_manager(user: User, hiring_manager) -> bool:
    """A recruiter who owns, or is on the hiring team of, one of the manager's requisitions."""
    from requisitions.models import Requisition

    if not is_recruiter(user):
        return False
    team = Requisition.hiring_team.through.objects.filter(user_id=user.pk).values("requisition_id")
    return (
        Requisition.objects.filter(hiring_manager_id=hiring_manager.pk)
        .filter(Q(recruiter_id=user.pk) | Q(pk__in=team))
        .exists()
    )


def can_see_team_profile(user: User, hiring_manager) -> bool:
    """A team profile holds candid lessons (hires that failed): recruiters and the manager."""
    return user.is_authenticated and (_sees_everything(user) or user.pk == hiring_manager.pk)


def can_edit_team_profile(user: User, hiring_manager) -> bool:
    """The hiring manager and the recruiters they work with (and admins)."""
    return user.is_authenticated and (
        user.is_superuser
        or user.pk == hiring_manager.pk
        or _works_with_manager(user, hiring_manager)
    )


def can_see_retrospective(user: User, requisition) -> bool:
    """A search's retrospective is candid talk, like its intake."""
    return can_see_intake(user, requisition)


def can_answer_retrospective(user: User, retrospective) -> bool:
    return user.is_authenticated and retrospective.person_id == user.pk


# --- The partnership (requisitions) ---------------------------------------------------------
def can_see_partnership(user: User, requisition) -> bool:
    """The agreement, promises kept, the pulse and the health are the two partners' (and
    the recruiting team's, who see every search); interviewers do not see them."""
    return can_see_check_ins(user, requisition)


def can_edit_partnership_agreement(user: User, requisition) -> bool:
    """The recruiter proposes and changes the agreement; the hiring manager signs it."""
    return can_edit_requisition(user, requisition)


def can_answer_pulse(user: User, requisition) -> bool:
    return user.is_authenticated and requisition.hiring_manager_id == user.pk


def can_see_partnership_overview(user: User) -> bool:
    """Health across every pair: admins."""
    return user.is_authenticated and user.is_active and user.is_superuser
