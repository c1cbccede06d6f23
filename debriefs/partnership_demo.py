"""Demo partnerships: a healthy pair and a struggling one, seven weeks into a search each,
dated relative to now. Self-contained (its own requisitions, candidates and interviews) and
idempotent by title. Registered from the debriefs app, the layer that may use every model.

- "Site Reliability Engineer" (Sam Okafor with Omar Haddad, their only search together): both
  keep their promises, the pulse says on track.
- "iOS Engineer" (Rita Alvarez with Omar Haddad): the same manager with another recruiter;
  shortlists wait a week for review,
  scorecards come days late, no calibration since alignment, and the pulse is off track
  two weeks running: the health says "Needs a talk".

The history is written with its own dates (the services stamp "now"); the agreement and
the sign-off go through the services.
"""

import datetime as dt

from django.utils import timezone

from candidates.models import Application, Candidate, Shortlist, ShortlistEntry
from debriefs.models import CandidateUpdate, Interview, Rating, Scorecard
from hiring_hub.demo import days_ago
from requisitions import partnership, services
from requisitions.models import (
    AlignmentMeeting,
    CheckIn,
    CriteriaVersion,
    Criterion,
    InterviewStage,
    PartnershipAgreement,
    PartnershipAgreementChange,
    PulseAnswer,
    Requisition,
)

WEEKS = 7
FIRST_NAMES = ("Alex", "Morgan", "Jamie", "Robin", "Sasha")
LAST_NAMES = ("Lindqvist", "Moreau", "Tanaka", "Okoye")
PAIRS = (
    # title, team, recruiter, manager, interviewer, keeps, moods (oldest first)
    ("Site Reliability Engineer", "Infrastructure", "recruiter2", "manager2", "interviewer3",
     True, ("on_track", "on_track", "some_concerns", "on_track", "on_track")),
    ("iOS Engineer", "Mobile", "recruiter", "manager2", "interviewer",
     False, ("on_track", "some_concerns", "some_concerns", "off_track", "off_track")),
)  # fmt: skip
TITLES = {title for title, *_ in PAIRS}


def seed(users) -> None:
    for title, team, recruiter, manager, interviewer, keeps, moods in PAIRS:
        if Requisition.objects.filter(title=title).exists():
            continue
        _pair(
            title,
            team,
            users[recruiter],
            users[manager],
            users[interviewer],
            keeps=keeps,
            moods=moods,
        )
    partnership.health_refresh()


def _pair(title, team, recruiter, manager, interviewer, *, keeps: bool, moods) -> None:
    now = timezone.now()
    aligned = (now - dt.timedelta(weeks=WEEKS)).replace(hour=10, minute=0, second=0, microsecond=0)
    # Opened a week before alignment: created, intake and sign-off dated then.
    with days_ago(WEEKS * 7 + 7):
        requisition = services.requisition_create(
            actor=recruiter,
            title=title,
            team=team,
            location="Remote (EU)",
            hiring_manager=manager,
            hiring_team=[interviewer],
        )
        services.requisition_transition(
            requisition=requisition, to_status=Requisition.Status.INTAKE, actor=recruiter
        )
        services.criterion_add(
            requisition=requisition,
            actor=recruiter,
            name="Production ownership",
            kind=Criterion.Kind.MUST_HAVE,
            category=Criterion.Category.EXPERIENCE,
            definition="Has been on call for a system customers pay for, and improved it.",
        )
        partnership.agreement_save(
            requisition=requisition,
            actor=recruiter,
            first_shortlist_business_days=5,
            shortlist_review_business_days=2,
            scorecard_hours=24,
            calibration_weeks=3,
        )
        services.criteria_sign_off(requisition=requisition, actor=manager)
    CriteriaVersion.objects.filter(requisition=requisition).update(signed_at=aligned)
    PartnershipAgreement.objects.filter(requisition=requisition).update(signed_at=aligned)
    PartnershipAgreementChange.objects.filter(agreement__requisition=requisition).update(
        created_at=aligned
    )
    version = CriteriaVersion.objects.get(requisition=requisition)
    stage = InterviewStage.objects.create(requisition=requisition, name="Technical", order=1)
    stage.interviewers.add(interviewer)
    Requisition.objects.filter(pk=requisition.pk).update(
        status=Requisition.Status.INTERVIEWING, opened_at=aligned - dt.timedelta(days=7)
    )
    AlignmentMeeting.objects.create(
        requisition=requisition, scheduled_at=aligned, created_by=recruiter, signed_version=version
    )
    first = aligned + dt.timedelta(days=3 if keeps else 12)
    slug = title.lower().replace(" ", "-")
    interviewed: list[int] = []
    for week in range(WEEKS - 2):
        submitted = first + dt.timedelta(weeks=week)
        if submitted > now - dt.timedelta(days=1):
            break
        shortlist = Shortlist.objects.create(
            requisition=requisition,
            criteria_version=version,
            number=week + 1,
            submitted_by=recruiter,
            submitted_at=submitted,
            completed_at=submitted + dt.timedelta(days=1 if keeps else 7),
        )
        for n, decision in enumerate(
            (ShortlistEntry.Decision.ADVANCE, ShortlistEntry.Decision.DECLINE)
        ):
            candidate = Candidate.objects.create(
                full_name=f"{FIRST_NAMES[week]} {LAST_NAMES[n + (0 if keeps else 2)]}",
                email=f"{slug}-{week}-{n}@example.org",
                location="Remote",
                created_by=recruiter,
            )
            application = Application.objects.create(
                candidate=candidate,
                requisition=requisition,
                stage=Application.Stage.INTERVIEWING
                if decision == ShortlistEntry.Decision.ADVANCE
                else Application.Stage.REJECTED,
                shortlisted_at=submitted,
                closed_reason=""
                if decision == ShortlistEntry.Decision.ADVANCE
                else "Declined at the shortlist review.",
                created_by=recruiter,
            )
            ShortlistEntry.objects.create(
                shortlist=shortlist,
                application=application,
                decision=decision,
                decided_at=shortlist.completed_at,
                decided_by=manager,
                reason="Strong on-call record."
                if n == 0 and keeps
                else "Not enough production ownership.",
            )
            if n == 0:
                _interview(application, stage, interviewer, version, submitted, keeps=keeps)
                interviewed.append(application.pk)
        CheckIn.objects.create(
            requisition=requisition,
            week_start=(aligned + dt.timedelta(weeks=week + 1)).date(),
            compiled_at=aligned + dt.timedelta(weeks=week + 1),
            recruiter_note="Two strong candidates this week; onsite next Tuesday."
            if keeps or week % 2
            else "",
            # The struggling manager has not acknowledged the latest report yet.
            acknowledged_at=aligned + dt.timedelta(weeks=week + 1, days=1)
            if keeps or week < WEEKS - 3
            else None,
            acknowledged_by=manager if keeps or week < WEEKS - 3 else None,
        )
    # Only the latest interview waits for its debrief: the earlier candidates were decided
    # (the healthy pair's took other offers; the struggling manager turned theirs down).
    Application.objects.filter(pk__in=interviewed[:-1]).update(
        stage=Application.Stage.WITHDRAWN if keeps else Application.Stage.REJECTED,
        closed_reason="Accepted another offer."
        if keeps
        else "Debrief: not enough production ownership.",
    )
    if keeps:
        for weeks in (3, 6):
            AlignmentMeeting.objects.create(
                requisition=requisition,
                scheduled_at=aligned + dt.timedelta(weeks=weeks),
                created_by=recruiter,
                notes="Calibration: the on-call bar holds; relocation is negotiable.",
            )
    monday = now.date() - dt.timedelta(days=now.weekday())
    for back, mood in enumerate(reversed(moods)):
        PulseAnswer.objects.create(
            requisition=requisition,
            respondent=manager,
            week_start=monday - dt.timedelta(weeks=back),
            mood=mood,
            comment=""
            if mood == PulseAnswer.Mood.ON_TRACK
            else "Candidates are not senior enough, and it takes long.",
        )


def _interview(application, stage, interviewer, version, shortlisted, *, keeps: bool) -> None:
    ends = shortlisted + dt.timedelta(days=4, hours=2)
    if ends > timezone.now():
        return
    interview = Interview.objects.create(
        application=application,
        stage=stage,
        starts_at=ends - dt.timedelta(hours=1),
        ends_at=ends,
        location="Video call",
    )
    interview.interviewers.add(interviewer)
    Scorecard.objects.create(
        interview=interview,
        interviewer=interviewer,
        criteria_version=version,
        status=Scorecard.Status.SUBMITTED,
        hard_skills="Walked through a real incident with clear timelines.",
        recommendation=Rating.YES if keeps else Rating.NO,
        submitted_at=ends + dt.timedelta(hours=4 if keeps else 70),
    )
    update = CandidateUpdate.objects.create(
        application=application,
        channel=CandidateUpdate.Channel.CALL,
        body="Thanked them and explained the next step and its timing.",
    )
    CandidateUpdate.objects.filter(pk=update.pk).update(
        created_at=ends + dt.timedelta(days=1 if keeps else 2)
    )
