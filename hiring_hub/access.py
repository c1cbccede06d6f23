"""Who may see and do what: the one place access rules live.

Views, selectors and jobs ask this module; they never re-decide a rule themselves.
Rules (PRODUCT.md): recruiters see everything and change what they own (a requisition's
pipeline: its recruiter and the recruiters on its hiring team); a hiring
manager sees their own requisitions and, from the shortlist on, those candidates;
an interviewer sees the requisitions they interview for and only the candidates and
interviews they are part of. Admins (superusers) see everything.

The rules are decided on the apps' objects, yet this module is the ground every app
imports: it names the apps' models only for type checking and inside the functions that
query them (imported when called, once every app is loaded), never when it loads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, QuerySet

# The menu: each app registers its entries, shown by rules of this module.
from hiring_hub.access_sql import OnOrManagedInterview
from hiring_hub.navigation import navigation_for as navigation_for

if TYPE_CHECKING:
    from candidates.models import Application, Candidate, Offer, Shortlist
    from debriefs.models import Interview, Scorecard, ThankYouNote
    from hiring_hub.models import User
    from requisitions.models import AlignmentMeeting, Requisition, Retrospective


def _is_active(user: User | None) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _sees_everything(user: User) -> bool:
    return user.is_active and (user.is_superuser or user.is_recruiter)


def _manages(user: User | None, requisition: Requisition) -> bool:
    """The requisition's hiring manager."""
    return user is not None and user.is_authenticated and requisition.hiring_manager_id == user.pk


def _visible(
    user: User, qs: QuerySet | None, model, narrow: Callable[[QuerySet], QuerySet]
) -> QuerySet:
    """Nothing for anonymous or inactive users, everything for those who see everything
    (recruiters, admins), `narrow(qs)` for the others."""
    qs = model.objects.all() if qs is None else qs
    if not _is_active(user):
        return qs.none()
    return qs if _sees_everything(user) else narrow(qs)


def _team_requisition_ids(user: User) -> QuerySet:
    """The requisitions on whose hiring team the user is, as a subquery of ids."""
    from requisitions.models import Requisition

    return Requisition.hiring_team.through.objects.filter(user_id=user.pk).values("requisition_id")


def _in_pipeline_team(user: User) -> Q:
    """Requisitions the user owns as recruiter or is on the hiring team of."""
    return Q(recruiter_id=user.pk) | Q(pk__in=_team_requisition_ids(user))


def is_recruiter(user: User) -> bool:
    return _is_active(user) and user.is_recruiter


def require(allowed: bool) -> None:
    """Refuse the request with a 403 unless the rule allows it."""
    if not allowed:
        raise PermissionDenied


# --- Users -------------------------------------------------------------------------
def must_use_mfa(user: User) -> bool:
    """Whether an admin requires two-factor sign-in of this user (settings.MFA_REQUIRED_ROLES:
    "staff" covers admins, the other entries are roles)."""
    required = settings.MFA_REQUIRED_ROLES
    if not required or not user.is_authenticated:
        return False
    return user.role in required or ("staff" in required and (user.is_staff or user.is_superuser))


def can_invite_users(user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or user.is_recruiter)


can_create_requisition = can_invite_users


# --- Requisitions --------------------------------------------------------------------
def requisitions_visible_to(user: User, qs: QuerySet | None = None) -> QuerySet:
    from requisitions.models import Requisition

    def own(qs: QuerySet) -> QuerySet:
        return qs.filter(Q(hiring_manager_id=user.pk) | Q(pk__in=_team_requisition_ids(user)))

    return _visible(user, qs, Requisition, own)


def can_edit_requisition(user: User, requisition: Requisition) -> bool:
    """Requisition details, criteria drafts, plan, meetings: the owning recruiter."""
    return user.is_authenticated and (
        user.is_superuser or (user.is_recruiter and requisition.recruiter_id == user.pk)
    )


def can_edit_intake(user: User, requisition: Requisition) -> bool:
    return can_edit_requisition(user, requisition) or _manages(user, requisition)


can_sign_off = _manages
# Moving a search along (or on hold, or cancelling it) is the owning recruiter's call.
can_change_requisition_status = can_edit_requisition


def can_see_intake(user: User, requisition: Requisition) -> bool:
    """The intake holds candid talk (the last person in the role, a hire that failed):
    recruiters and the requisition's hiring manager only, not the interviewers."""
    return user.is_authenticated and (_sees_everything(user) or _manages(user, requisition))


def can_see_alignment_meeting(user: User, meeting: AlignmentMeeting) -> bool:
    """An alignment meeting's agenda is built from the candid intake (the last person in
    the role, a hire that failed), and its notes hold the same talk: recruiters, the
    hiring manager, and the people invited to that meeting; not the rest of the team."""
    return can_see_intake(user, meeting.requisition) or (
        user.is_authenticated and any(a.pk == user.pk for a in meeting.attendees.all())
    )


# Salary band: recruiters and the hiring manager, never interviewers.
can_see_compensation = can_see_intake


# --- Candidates and applications ---------------------------------------------------
def applications_visible_to(user: User, qs: QuerySet | None = None) -> QuerySet:
    from candidates.models import Application
    from debriefs.models import Interview

    def shortlisted_or_interviewed(qs: QuerySet) -> QuerySet:
        interviewed = Interview.interviewers.through.objects.filter(user_id=user.pk).values(
            "interview__application_id"
        )
        return qs.filter(
            Q(requisition__hiring_manager_id=user.pk, shortlisted_at__isnull=False)
            | Q(pk__in=interviewed)
        )

    return _visible(user, qs, Application, shortlisted_or_interviewed)


def candidates_visible_to(user: User, qs: QuerySet | None = None) -> QuerySet:
    from candidates.models import Candidate

    def applied(qs: QuerySet) -> QuerySet:
        return qs.filter(pk__in=applications_visible_to(user).values("candidate_id"))

    return _visible(user, qs, Candidate, applied)


def can_manage_candidates(user: User | None) -> bool:
    """The recruiter's tools: the candidate pool, adding candidates, the thank-you list.
    What may be changed on one requisition's pipeline is can_change_pipeline's call."""
    return _is_active(user) and (user.is_superuser or user.is_recruiter)


def _on_hiring_team(user: User, requisition: Requisition) -> bool:
    """Uses the prefetched hiring team when the caller loaded it (no query per row)."""
    prefetched = getattr(requisition, "_prefetched_objects_cache", {}).get("hiring_team")
    if prefetched is not None:
        return any(member.pk == user.pk for member in prefetched)
    return requisition.hiring_team.filter(pk=user.pk).exists()


def can_change_pipeline(user: User | None, requisition: Requisition) -> bool:
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


def can_edit_candidate(user: User, candidate: Candidate) -> bool:
    """A person's details (contact, résumé, tags, notes) belong to every search they are
    on: a recruiter edits them when they may change the pipeline of one of the candidate's
    requisitions, or when the candidate is on none yet (the shared pool)."""
    if not can_manage_candidates(user):
        return False
    if user.is_superuser:
        return True
    from requisitions.models import Requisition

    counts = Requisition.objects.filter(applications__candidate_id=candidate.pk).aggregate(
        on=Count("pk"), mine=Count("pk", filter=_in_pipeline_team(user))
    )
    return counts["on"] == 0 or counts["mine"] > 0


def pipelines_changeable_by(user: User, qs: QuerySet | None = None) -> QuerySet:
    """The requisitions whose pipeline the user may change (can_change_pipeline as a query)."""
    from requisitions.models import Requisition

    qs = Requisition.objects.all() if qs is None else qs
    if not can_manage_candidates(user):
        return qs.none()
    return qs if user.is_superuser else qs.filter(_in_pipeline_team(user))


def can_see_offer(user: User, application: Application) -> bool:
    """Offers and compensation: recruiters and the hiring manager, never interviewers."""
    return _sees_everything(user) or _manages(user, application.requisition)


def can_see_candidate_details(user: User, candidate: Candidate, visible_applications) -> bool:
    """Contact details, notes, tags and the assessment: recruiters, and a hiring manager
    who has the candidate on one of their requisitions (from the shortlist on).
    Interviewers see only the name, the résumé and their interview focus."""
    if _sees_everything(user):
        return True
    return any(_manages(user, a.requisition) for a in visible_applications)


def shortlists_visible_to(user: User, qs: QuerySet | None = None) -> QuerySet:
    from candidates.models import Shortlist

    def reviewed(qs: QuerySet) -> QuerySet:
        return qs.filter(requisition__hiring_manager_id=user.pk)

    return _visible(user, qs, Shortlist, reviewed)


def can_see_pipeline(user: User, requisition: Requisition) -> bool:
    """A requisition's pipeline: recruiters, and its hiring manager (shortlisted stages on)."""
    return can_manage_candidates(user) or _manages(user, requisition)


def pipelines_seen_by(user: User) -> Q | None:
    """can_see_pipeline as a condition on requisition rows (None: every pipeline)."""
    if can_manage_candidates(user):
        return None
    return Q(hiring_manager_id=user.pk) if user.is_authenticated else Q(pk__in=[])


def can_see_shortlists(user: User) -> bool:
    """The shortlist inbox: recruiters and hiring managers, not interviewers."""
    return can_manage_candidates(user) or (user.is_authenticated and user.is_hiring_manager)


def can_discuss_shortlist(user: User, shortlist: Shortlist) -> bool:
    """The "need more information" thread: the requisition's recruiters (can_change_pipeline)
    and the reviewing hiring manager."""
    return can_change_pipeline(user, shortlist.requisition) or can_review_shortlist(user, shortlist)


def reviews_shortlists(user: User) -> bool:
    """Whether the dashboard shows the user shortlists waiting for their answer."""
    return _is_active(user) and user.is_hiring_manager


def can_review_shortlist(user: User | None, shortlist: Shortlist) -> bool:
    """Only the requisition's hiring manager answers a shortlist."""
    return _manages(user, shortlist.requisition)


def can_approve_offer(user: User | None, offer: Offer) -> bool:
    """The hiring manager approves the offer terms (the manager chooses)."""
    return _manages(user, offer.application.requisition) or (
        user is not None and user.is_authenticated and user.is_superuser
    )


# --- Interviews and scorecards ---------------------------------------------------------
def interviews_visible_to(user: User, qs: QuerySet | None = None) -> QuerySet:
    from debriefs.models import Interview

    def on_or_managed(qs: QuerySet) -> QuerySet:
        # Written out (access_sql): four querysets cost more to build than to run.
        return qs.filter(OnOrManagedInterview(F("pk"), user_id=user.pk))

    return _visible(user, qs, Interview, on_or_managed)


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
    if not _is_active(user):
        return qs.none()
    submitted = Q(status=Scorecard.Status.SUBMITTED)
    own = Q(interviewer_id=user.pk)
    if _sees_everything(user):
        return qs.filter(own | submitted)
    own_submitted_applications = Scorecard.objects.filter(own & submitted).values(
        "interview__application_id"
    )
    return qs.filter(
        own
        | (submitted & Q(interview__application__requisition__hiring_manager_id=user.pk))
        | (submitted & Q(interview__application_id__in=own_submitted_applications))
    )


# --- Debriefs: scheduling, debrief decisions, thank-you notes, follow-ups -----------------
# Whether to offer the scheduling entry points at all (recruiters); which application is
# can_schedule_interview's call.
can_schedule_interviews = can_manage_candidates


def can_schedule_interview(user: User, application: Application) -> bool:
    """Schedule, reschedule and cancel an application's interviews: can_change_pipeline."""
    return can_change_pipeline(user, application.requisition)


# The interview list: recruiters list every interview; others those they are part of.
sees_all_interviews = is_recruiter


def is_on_interview(user: User, interview: Interview) -> bool:
    """One of the interview's interviewers (uses the prefetched interviewers)."""
    return user.is_authenticated and any(p.pk == user.pk for p in interview.interviewers.all())


def can_write_scorecard(user: User, interview: Interview) -> bool:
    """Only an interviewer of the interview writes (their own) scorecard for it."""
    return interview.status == interview.Status.SCHEDULED and is_on_interview(user, interview)


def is_scorecard_author(user: User | None, scorecard: Scorecard) -> bool:
    """A scorecard is changed by the interviewer it belongs to, and nobody else."""
    return _is_active(user) and scorecard.interviewer_id == user.pk


def can_see_debrief(user: User, application: Application) -> bool:
    """Recruiters and the requisition's hiring manager; an interviewer of the application
    once they submitted their own scorecard (they then see the others, independence rule)."""
    if not _is_active(user):
        return False
    if _sees_everything(user) or _manages(user, application.requisition):
        return True
    from debriefs.models import Scorecard

    return Scorecard.objects.filter(
        interviewer_id=user.pk,
        interview__application_id=application.pk,
        status=Scorecard.Status.SUBMITTED,
    ).exists()


def can_decide_debrief(user: User | None, application: Application) -> bool:
    """The debrief decision: the requisition's recruiters (can_change_pipeline) or its
    hiring manager."""
    return can_change_pipeline(user, application.requisition) or (
        _is_active(user) and _manages(user, application.requisition)
    )


def waits_for_debriefs(user: User) -> bool:
    """Whether the user's pages list the debriefs waiting for a decision."""
    return is_recruiter(user) or reviews_shortlists(user)


# The thank-you list and dashboard counts: recruiters.
can_manage_thank_you_notes = can_manage_candidates


def can_manage_thank_you_note(user: User, note: ThankYouNote) -> bool:
    """Edit, send or mark sent one interview's thank-you note: can_change_pipeline."""
    return can_change_pipeline(user, note.interview.application.requisition)


# The candidate's follow-up history: recruiters and the hiring manager.
can_see_follow_up = can_see_offer


def can_record_candidate_update(user: User, application: Application) -> bool:
    """Record what a candidate was told (the follow-up log): can_change_pipeline."""
    return can_change_pipeline(user, application.requisition)


# --- Weekly check-ins (requisitions; jobs helper) -------------------------------------------
def check_in_requisitions_visible_to(user: User, qs: QuerySet | None = None) -> QuerySet:
    """Check-ins report on the whole pipeline: recruiters, admins and the requisition's own
    hiring manager see them; interviewers do not."""
    qs = requisitions_visible_to(user, qs)
    if not user.is_authenticated or _sees_everything(user):
        return qs
    return qs.filter(hiring_manager_id=user.pk)


def can_see_check_ins(user: User, requisition: Requisition) -> bool:
    return _sees_everything(user) or _manages(user, requisition)


can_write_check_in_note = can_edit_requisition
can_acknowledge_check_in = _manages


# --- Candidate data rights ------------------------------------------------------------------
def can_export_candidate(user: User, candidate: Candidate) -> bool:
    """A request for one's data is answered by the recruiting team: recruiters (who see every
    candidate) and admins. Hiring managers and interviewers see only part of the record; the
    export is all of it."""
    return can_manage_candidates(user)


def can_erase_candidate(user: User, candidate: Candidate) -> bool:
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
def _works_with_manager(user: User, hiring_manager: User) -> bool:
    """A recruiter who owns, or is on the hiring team of, one of the manager's requisitions."""
    from requisitions.models import Requisition

    if not is_recruiter(user):
        return False
    return (
        Requisition.objects.filter(hiring_manager_id=hiring_manager.pk)
        .filter(_in_pipeline_team(user))
        .exists()
    )


def can_see_team_profile(user: User, hiring_manager: User) -> bool:
    """A team profile holds candid lessons (hires that failed): recruiters and the manager."""
    return user.is_authenticated and (_sees_everything(user) or user.pk == hiring_manager.pk)


def can_edit_team_profile(user: User, hiring_manager: User) -> bool:
    """The hiring manager and the recruiters they work with (and admins)."""
    return user.is_authenticated and (
        user.is_superuser
        or user.pk == hiring_manager.pk
        or _works_with_manager(user, hiring_manager)
    )


# A search's retrospective is candid talk, like its intake.
can_see_retrospective = can_see_intake


def can_answer_retrospective(user: User, retrospective: Retrospective) -> bool:
    return user.is_authenticated and retrospective.person_id == user.pk


# --- The partnership (requisitions) ---------------------------------------------------------
# The agreement, promises kept, the pulse and the health are the two partners' (and the
# recruiting team's, who see every search); interviewers do not see them.
can_see_partnership = can_see_check_ins
# The recruiter proposes and changes the agreement; the hiring manager signs it.
can_edit_partnership_agreement = can_edit_requisition
can_answer_pulse = _manages


def can_see_partnership_overview(user: User) -> bool:
    """Health across every pair: admins."""
    return _is_active(user) and user.is_superuser
