"""Demo interviews, scorecards, a debrief waiting for a decision and thank-you notes.

Runs after requisitions.demo and candidates.demo. It finds the "Data Analyst" and "Senior
Backend Engineer" requisitions (and their signed criteria, interview plan and candidates)
and creates only what is missing, through the services. Idempotent: an interview that
exists for an application and stage is left as it is.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from candidates.models import Application, Candidate
from candidates.services import application_move
from debriefs import services
from debriefs.models import Interview, Rating, Scorecard
from hiring_hub.demo import days_ago
from requisitions.models import CriteriaVersion, Criterion, InterviewStage, Requisition
from requisitions.selectors import current_signed_version

CRITERIA = {
    "Senior Backend Engineer": [
        (
            "Payment systems in production",
            Criterion.Kind.MUST_HAVE,
            "Has owned a money-moving service in production: idempotency, reconciliation, "
            "incidents, and can say what they would do differently.",
        ),
        (
            "Distributed systems design",
            Criterion.Kind.MUST_HAVE,
            "Designs for failure: retries, queues, consistency trade-offs, explained plainly.",
        ),
        (
            "Mentoring",
            Criterion.Kind.NICE_TO_HAVE,
            "Has helped others grow: reviews, pairing, onboarding.",
        ),
    ],
    "Data Analyst": [
        (
            "SQL fluency",
            Criterion.Kind.MUST_HAVE,
            "Writes correct window functions and joins without help; checks their numbers.",
        ),
        (
            "Explaining findings to non-analysts",
            Criterion.Kind.MUST_HAVE,
            "Turns an analysis into a decision for finance partners, in plain words.",
        ),
        (
            "Finance domain",
            Criterion.Kind.NICE_TO_HAVE,
            "Knows P&L, accruals, forecasting basics.",
        ),
    ],
}

CANDIDATES = {
    # fallback candidates when the candidates demo has none in interviews yet
    "Data Analyst": [("Jordan Lee", "jordan.lee@example.org")],
    "Senior Backend Engineer": [
        ("Kwame Mensah", "kwame.mensah@example.org"),
        ("Tomás Ruiz", "tomas.ruiz@example.org"),
    ],
}


def _requisition(title: str, users) -> Requisition:
    requisition = Requisition.objects.filter(title=title).order_by("pk").first()
    if requisition is None:
        requisition = Requisition.objects.create(
            title=title,
            team="Finance" if title == "Data Analyst" else "Payments",
            location="Remote",
            status=Requisition.Status.INTERVIEWING,
            recruiter=users["recruiter"],
            hiring_manager=users["manager"],
        )
    return requisition


def _signed_criteria(requisition: Requisition) -> list[Criterion]:
    version = current_signed_version(requisition)
    if version is None:
        last = requisition.criteria_versions.order_by("-number").first()
        version = CriteriaVersion.objects.create(
            requisition=requisition,
            number=(last.number + 1) if last else 1,
            status=CriteriaVersion.Status.SIGNED,
            signed_at=timezone.now(),
            signed_by=requisition.hiring_manager,
            created_by=requisition.recruiter,
        )
        for order, (name, kind, definition) in enumerate(CRITERIA[requisition.title], 1):
            Criterion.objects.create(
                version=version, name=name, kind=kind, definition=definition, order=order
            )
    return list(version.criteria.order_by("order", "id"))


def _stages(requisition: Requisition, criteria, users) -> list[InterviewStage]:
    stages = list(requisition.interview_stages.order_by("order", "id"))
    if len(stages) < 2:
        names = [s.name for s in stages]
        for order, name, people in (
            (1, "Technical interview", ["interviewer", "interviewer2"]),
            (2, "Team interview", ["interviewer3", "manager"]),
        ):
            if name in names:
                continue
            stage = InterviewStage.objects.create(
                requisition=requisition, name=name, order=order, duration_minutes=60
            )
            stage.interviewers.set([users[key] for key in people])
        stages = list(requisition.interview_stages.order_by("order", "id"))
    for stage in stages:
        if not stage.criterion_keys and criteria:
            stage.criterion_keys = [str(c.key) for c in criteria]
            stage.save(update_fields=["criterion_keys"])
        if not stage.interviewers.exists():
            stage.interviewers.set([users["interviewer"], users["interviewer2"]])
    return stages


def _applications(requisition: Requisition, users, count: int) -> list[Application]:
    """Applications with demo interviews first, then others in interviews, then ours."""
    with_interviews = list(
        Application.objects.filter(requisition=requisition, interviews__isnull=False)
        .distinct()
        .order_by("pk")
    )
    others = list(
        Application.objects.filter(requisition=requisition, stage=Application.Stage.INTERVIEWING)
        .exclude(pk__in=[a.pk for a in with_interviews])
        .order_by("pk")
    )
    chosen = (with_interviews + others)[:count]
    for name, email in CANDIDATES[requisition.title]:
        if len(chosen) >= count:
            break
        candidate = Candidate.objects.filter(email__iexact=email).first()
        if candidate is None:
            candidate = Candidate.objects.create(
                full_name=name, email=email, created_by=users["recruiter"]
            )
        application, created = Application.objects.get_or_create(
            candidate=candidate,
            requisition=requisition,
            defaults={"created_by": requisition.recruiter},
        )
        if application in chosen:
            continue
        if application.stage in (Application.Stage.SOURCED, Application.Stage.SCREENING):
            application = application_move(
                application=application,
                to_stage=Application.Stage.SHORTLISTED,
                actor=requisition.recruiter,
            )
        chosen.append(application)
    return chosen


def _interview(application, stage, starts_at, people, promise_days: int) -> Interview | None:
    existing = Interview.objects.filter(application=application, stage=stage).first()
    if existing is not None:
        return None
    # Booked about a week ahead, as a recruiter would.
    with days_ago(max((timezone.now() - starts_at).days + 7, 1), 9):
        return _schedule(application, stage, starts_at, people, promise_days)


def _schedule(application, stage, starts_at, people, promise_days: int) -> Interview:
    return services.interview_schedule(
        application=application,
        stage=stage,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=stage.duration_minutes or 60),
        interviewers=people,
        actor=application.requisition.recruiter,
        video_link="https://meet.example.com/hiring-hub-demo",
        next_steps_promised_by=(starts_at + dt.timedelta(days=promise_days)).date(),
        next_steps_message="We will get back to you with the outcome and next steps.",
        send_invites=False,  # demo people have no real inboxes
    )


def _submit(interview, person, criteria, ratings, recommendation, **text) -> None:
    scorecard = Scorecard.objects.get(interview=interview, interviewer=person)
    by_pk = {r.criterion_id: r for r in scorecard.ratings.all()}
    values = {}
    for criterion, rating in zip(criteria, ratings, strict=False):
        if criterion.pk in by_pk:
            values[criterion.pk] = {
                "rating": rating,
                "evidence": text.get("evidence", {}).get(criterion.name, "")
                or (
                    f"Walked through a concrete example on {criterion.name.lower()}."
                    if rating
                    else ""
                ),
            }
    services.scorecard_submit(
        scorecard=scorecard,
        actor=person,
        fields={
            "hard_skills": text.get("hard", "Solid fundamentals; explained their own work well."),
            "soft_skills": text.get("soft", "Listened, asked clarifying questions."),
            "skills_evidence_strength": text.get("strength", Scorecard.EvidenceStrength.MODERATE),
            "enthusiasm": text.get("enthusiasm", Rating.YES),
            "enthusiasm_signals": text.get(
                "signals", "Had read about the team; asked about the roadmap."
            ),
            "team_fit": text.get("fit", Rating.YES),
            "team_fit_behaviour": text.get(
                "behaviour",
                "Credited colleagues when describing the project; took feedback calmly.",
            ),
            "explore_further": text.get("explore", ""),
            "explore_people": text.get("people", ""),
            "recommendation": recommendation,
        },
        ratings=values,
    )


def seed(users) -> None:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)

    # Data Analyst: a technical interview three days ago, both scorecards in (with a
    # disagreement), a debrief waiting for a decision, and an overdue thank-you note.
    analyst = _requisition("Data Analyst", users)
    criteria = _signed_criteria(analyst)
    stages = _stages(analyst, criteria, users)
    (jordan,) = _applications(analyst, users, 1)
    interview = _interview(
        jordan,
        stages[0],
        now - dt.timedelta(days=3),
        [users["interviewer"], users["interviewer3"]],
        promise_days=7,
    )
    if interview is not None:
        with days_ago(2, 9):
            _analyst_scorecards(interview, users, criteria)

    # Senior Backend Engineer: a technical interview this morning with one scorecard
    # submitted and one pending, its thank-you note due; and one interview tomorrow.
    backend = _requisition("Senior Backend Engineer", users)
    criteria = _signed_criteria(backend)
    stages = _stages(backend, criteria, users)
    amara, tomas = _applications(backend, users, 2)
    interview = _interview(
        amara,
        stages[0],
        now - dt.timedelta(hours=5),
        [users["interviewer"], users["interviewer2"]],
        promise_days=5,
    )
    if interview is not None:
        _submit(
            interview,
            users["interviewer"],
            criteria,
            [Rating.STRONG_YES, Rating.YES, Rating.YES],
            Rating.STRONG_YES,
            strength=Scorecard.EvidenceStrength.STRONG,
            hard="Designed an idempotent payout retry with a ledger; knew the failure modes.",
            evidence={
                "Payment systems in production": "Ran payouts at a PSP for 3 years; led the "
                "double-payout incident review and the idempotency-key fix.",
                "Distributed systems design": "Outbox pattern for ledger events; reasoned "
                "about exactly-once honestly (it is at-least-once plus dedup).",
                "Mentoring": "Onboarded two juniors; described how they review code.",
            },
            explore="Probe how they handled the reconciliation incident they mentioned.",
            people="Head of Payments",
        )
        scorecard = Scorecard.objects.get(interview=interview, interviewer=users["interviewer2"])
        services.scorecard_save_draft(
            scorecard=scorecard,
            actor=users["interviewer2"],
            fields={"hard_skills": "Good on queues; to finish after my next meeting."},
        )
    _interview(
        tomas,
        stages[0],
        now + dt.timedelta(days=1, hours=2),
        [users["interviewer"], users["interviewer3"]],
        promise_days=4,
    )


def _analyst_scorecards(interview, users, criteria) -> None:
    _submit(
        interview,
        users["interviewer"],
        criteria,
        [Rating.STRONG_YES, Rating.YES, None],
        Rating.YES,
        strength=Scorecard.EvidenceStrength.STRONG,
        hard="Wrote a cohort query with window functions live, checked totals unprompted.",
        evidence={
            "SQL fluency": "Cohort retention query with LAG() right first time; "
            "reconciled the total against the raw table without being asked.",
            "Explaining findings to non-analysts": "Explained churn to me as if I were "
            "the CFO: one chart, one recommendation.",
        },
        explore="How they prioritise ad-hoc requests from several finance partners.",
        people="The FP&A lead",
    )
    _submit(
        interview,
        users["interviewer3"],
        criteria,
        [Rating.NO, Rating.YES, Rating.NO],
        Rating.NO,
        enthusiasm=Rating.STRONG_YES,
        hard="Needed hints on the join; result was off by duplicates and not noticed.",
        evidence={
            "SQL fluency": "Needed two hints on the join; duplicated rows inflated "
            "revenue by 12% and went unnoticed.",
            "Explaining findings to non-analysts": "Clear summary of the case study "
            "for a non-technical audience.",
            "Finance domain": "Unsure what an accrual is; mixed up bookings and revenue.",
        },
        explore="Give a take-home with messy data to check rigour.",
    )
