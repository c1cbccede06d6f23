"""Demo requisitions at each step of a search, built through the services as a recruiter
and a hiring manager would. Idempotent: a requisition that exists (by title) is left as is.

Later demos look these up by title (CONTRACTS.md):
- "Senior Backend Engineer": sourcing, criteria v1 signed, a 3-stage interview plan
- "Product Designer": intake, intake under way, draft criteria not signed yet
- "Data Analyst": interviewing, v1 signed, a pending re-alignment draft v2
- "Engineering Manager": draft, just opened, its intake started from Omar's team profile
- "Frontend Engineer": sourcing, v1 signed (candidates.demo takes it to filled)

Dated like a real quarter (hiring_hub.demo.days_ago): the searches opened over the last
eight weeks, each step on its own day.
"""

import datetime as dt

from django.utils import timezone

from hiring_hub.demo import days_ago
from hiring_hub.models import User
from requisitions import selectors, services, team_profiles
from requisitions.models import Criterion, Requisition

S = Requisition.Status
MUST, NICE, BREAKER = (
    Criterion.Kind.MUST_HAVE,
    Criterion.Kind.NICE_TO_HAVE,
    Criterion.Kind.DEAL_BREAKER,
)
SKILL, EXPERIENCE, MOTIVATION, TEAM_FIT = (
    Criterion.Category.SKILL,
    Criterion.Category.EXPERIENCE,
    Criterion.Category.MOTIVATION,
    Criterion.Category.TEAM_FIT,
)


def _days(n: int, hour: int = 15) -> dt.datetime:
    return (timezone.now() + dt.timedelta(days=n)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def seed(users) -> None:
    for title, build in (
        ("Senior Backend Engineer", _senior_backend_engineer),
        ("Product Designer", _product_designer),
        ("Data Analyst", _data_analyst),
        ("Engineering Manager", _engineering_manager),
        ("Frontend Engineer", _frontend_engineer),
    ):
        if not Requisition.objects.filter(title=title).exists():
            build(users)


def _move(requisition: Requisition, actor: User, *statuses: str) -> Requisition:
    for status in statuses:
        requisition = services.requisition_transition(
            requisition=requisition, to_status=status, actor=actor
        )
    return requisition


def _criteria(requisition, actor, rows):
    return {
        name: services.criterion_add(
            requisition=requisition,
            actor=actor,
            name=name,
            kind=kind,
            category=category,
            definition=definition,
        )
        for name, kind, category, definition in rows
    }


def _senior_backend_engineer(users):
    rita, maya = users["recruiter"], users["manager"]
    ian, priya, lena = users["interviewer"], users["interviewer2"], users["interviewer3"]
    with days_ago(55):
        req = _senior_backend_engineer_intake(users)
    with days_ago(53, 14):
        _senior_backend_engineer_criteria(req, rita, maya)
    with days_ago(50, 11):
        meeting = services.alignment_meeting_schedule(
            requisition=req, actor=rita, scheduled_at=_days(0, 10), attendees=[ian]
        )
        services.alignment_meeting_update(
            meeting=meeting,
            actor=rita,
            scheduled_at=meeting.scheduled_at,
            duration_minutes=meeting.duration_minutes,
            attendees=[rita, maya, ian],
            agenda=meeting.agenda,
            notes="Maya stressed collaboration with finance after the last hire.",
            decisions="Payments experience is a nice-to-have, not a must-have (talent market). "
            "Two technical stages, one values stage.",
        )
        services.criteria_sign_off(requisition=req, actor=maya, meeting=meeting)
        _plan(
            req,
            rita,
            [
                ("Recruiter screen", 30, [rita], ["Ownership"]),
                (
                    "System design",
                    75,
                    [ian, priya],
                    ["Distributed systems in production", "Payments or ledger experience"],
                ),
                ("Team and values", 45, [lena], ["Brings others along", "Blame in post-mortems"]),
            ],
        )
    with days_ago(49, 9):
        _move(req, rita, S.SOURCING)


def _senior_backend_engineer_intake(users):
    rita, maya = users["recruiter"], users["manager"]
    ian, priya, lena = users["interviewer"], users["interviewer2"], users["interviewer3"]
    req = services.requisition_create(
        actor=rita,
        title="Senior Backend Engineer",
        team="Payments",
        location="Berlin / remote",
        hiring_manager=maya,
        headcount=2,
        salary_min=85000,
        salary_max=105000,
        salary_currency="EUR",
        target_start_date=(timezone.now() + dt.timedelta(days=75)).date(),
        hiring_team=[ian, priya, lena],
    )
    _move(req, rita, S.INTAKE)
    services.intake_update(
        requisition=req,
        actor=rita,
        meeting_at=_days(1, 9),
        meeting_duration_minutes=45,
        meeting_attendees=[rita, maya],
        success_6_months="Owns the payouts service end to end; on-call without escalations.",
        success_12_months="Has led the ledger migration and mentored one mid-level engineer.",
        thrives_on_team="People who write things down, ask for review early and enjoy "
        "boring, reliable systems.",
        team_dynamics="Six engineers across Berlin and Lisbon; async-first, one weekly sync.",
        business_goals="Halve payout failures and launch instant payouts in two new markets.",
    )
    services.intake_update(
        requisition=req,
        actor=maya,
        last_person_in_role="Moved to a staff role in another team after three good years.",
        past_hire_not_worked="A brilliant engineer who rewrote things alone and never "
        "brought finance along; the team lost trust in the roadmap.",
        deal_makers="Has run money-moving systems in production; explains trade-offs plainly.",
        deal_breakers="Blames others in post-mortems; no interest in on-call.",
        selling_points="Real scale (2M payouts a day), modern stack, a manager who protects "
        "focus time.",
        talent_market="Payments-experienced seniors are rare in Berlin; we agreed to accept "
        "strong distributed-systems people from outside payments.",
        timeline="Offers out within six weeks; start before the Q2 migration.",
    )
    return req


def _senior_backend_engineer_criteria(req, rita, maya):
    _criteria(
        req,
        rita,
        [
            (
                "Distributed systems in production",
                MUST,
                SKILL,
                "Has designed and operated a service with idempotent retries and "
                "exactly-once effects, and can explain one incident they learned from.",
            ),
            (
                "Ownership",
                MUST,
                MOTIVATION,
                "Takes a problem from vague to shipped without being chased; "
                "closes the loop with stakeholders.",
            ),
            (
                "Brings others along",
                MUST,
                TEAM_FIT,
                "Writes a design doc others can review; changes course on good feedback.",
            ),
            ("Payments or ledger experience", NICE, EXPERIENCE, "Reconciliation, PSPs, refunds."),
            (
                "Blame in post-mortems",
                BREAKER,
                TEAM_FIT,
                "Talks about incidents as someone else's fault.",
            ),
        ],
    )
    services.persona_update(
        requisition=req,
        actor=rita,
        persona="A senior engineer, 6+ years in, at a scale-up or fintech today, who has "
        "been on call for something that moves money and wants more ownership than a big "
        "company gives them.",
    )


def _plan(requisition, actor, stages):
    version = selectors.current_signed_version(requisition) or selectors.draft_version(requisition)
    keys = {c.name: c.key for c in version.criteria.all()}
    for name, minutes, interviewers, criteria in stages:
        services.interview_stage_add(
            requisition=requisition,
            actor=actor,
            name=name,
            duration_minutes=minutes,
            interviewers=interviewers,
            criterion_keys=[keys[c] for c in criteria],
        )


def _product_designer(users):
    with days_ago(20):
        _product_designer_intake(users)


def _product_designer_intake(users):
    rita, omar = users["recruiter"], users["manager2"]
    req = services.requisition_create(
        actor=rita,
        title="Product Designer",
        team="Growth",
        location="New York",
        hiring_manager=omar,
        salary_min=120000,
        salary_max=145000,
        salary_currency="USD",
        hiring_team=[users["interviewer"]],
    )
    _move(req, rita, S.INTAKE)
    services.intake_update(
        requisition=req,
        actor=omar,
        meeting_at=_days(22, 14),
        meeting_duration_minutes=60,
        meeting_attendees=[rita, omar],
        success_6_months="Has shipped the new onboarding flow and run three experiments.",
        thrives_on_team="Designers who like numbers and talk to users every week.",
        deal_breakers="Only pixel work, no interest in outcomes.",
    )
    _criteria(
        req,
        rita,
        [
            (
                "Experiment-driven design",
                MUST,
                SKILL,
                "Can show a design decision they reversed because of data.",
            ),
            ("Design systems", NICE, EXPERIENCE, ""),
        ],
    )


def _data_analyst(users):
    with days_ago(52):
        req, crit = _data_analyst_intake(users)
    sam, maya = users["recruiter2"], users["manager"]
    ian, priya = users["interviewer"], users["interviewer2"]
    with days_ago(47, 11):
        meeting = services.alignment_meeting_schedule(
            requisition=req, actor=sam, scheduled_at=_days(0, 10)
        )
        services.criteria_sign_off(requisition=req, actor=maya, meeting=meeting)
        _plan(
            req,
            sam,
            [
                ("SQL exercise", 60, [ian], ["SQL fluency"]),
                ("Finance case", 45, [priya], ["Finance literacy", "Storytelling with data"]),
            ],
        )
    with days_ago(45, 9):
        _move(req, sam, S.SOURCING)
    with days_ago(20, 9):
        _move(req, sam, S.INTERVIEWING)
    with days_ago(6, 15):
        _data_analyst_realignment(req, sam, crit)


def _data_analyst_intake(users):
    sam, maya = users["recruiter2"], users["manager"]
    ian, priya = users["interviewer"], users["interviewer2"]
    req = services.requisition_create(
        actor=sam,
        title="Data Analyst",
        team="Finance",
        location="London",
        hiring_manager=maya,
        salary_min=55000,
        salary_max=68000,
        salary_currency="GBP",
        target_start_date=(timezone.now() + dt.timedelta(days=40)).date(),
        hiring_team=[ian, priya],
    )
    _move(req, sam, S.INTAKE)
    services.intake_update(
        requisition=req,
        actor=sam,
        meeting_at=_days(1, 11),
        meeting_attendees=[sam, maya],
        success_6_months="Monthly close dashboards trusted by the CFO; no more spreadsheet "
        "reconciliations.",
        thrives_on_team="Curious people who ask why a number moved before reporting it.",
        last_person_in_role="Left for a data-science role; the team wants an analyst who "
        "enjoys finance.",
        deal_makers="Strong SQL and a finance background.",
        talent_market="Plenty of SQL analysts; few with finance. We trade finance for curiosity.",
    )
    crit = _criteria(
        req,
        sam,
        [
            (
                "SQL fluency",
                MUST,
                SKILL,
                "Writes window functions and explains query plans without notes.",
            ),
            (
                "Finance literacy",
                MUST,
                EXPERIENCE,
                "Knows accruals vs cash; has reconciled a ledger against a bank statement.",
            ),
            ("Storytelling with data", NICE, SKILL, "One chart, one message."),
        ],
    )
    services.persona_update(
        requisition=req,
        actor=sam,
        persona="An analyst 2-4 years in, from audit or FP&A, who taught themselves SQL.",
    )
    return req, crit


def _data_analyst_realignment(req, sam, crit):
    # After the first interviews, the manager wants stakeholder skills too: a new draft
    # that waits for her sign-off (re-alignment needed).
    services.criterion_add(
        requisition=req,
        actor=sam,
        name="Stakeholder management",
        kind=MUST,
        category=TEAM_FIT,
        definition="Has said no to a senior stakeholder's request and kept the relationship.",
    )
    services.criterion_revise(
        requisition=req,
        key=crit["Finance literacy"].key,
        actor=sam,
        name="Finance literacy",
        kind=NICE,
        category=EXPERIENCE,
        definition="Knows accruals vs cash; we can teach the rest.",
    )


def _engineering_manager(users):
    with days_ago(3):
        _engineering_manager_draft(users)


def _engineering_manager_draft(users):
    # Omar's second search: his team profile, kept from the Product Designer search, is
    # where this intake starts.
    if team_profiles.team_profile_of(users["manager2"]) is None:
        team_profiles.team_profile_update(
            hiring_manager=users["manager2"],
            actor=users["manager2"],
            team_dynamics="Two squads sharing one roadmap; decisions written down, weekly demo.",
            thrives_on_team="People who ask the quiet person first and finish what they start.",
            past_hires="A manager hired for charisma who never ran a one-to-one; ask for "
            "examples of hard feedback given.",
            past_searches="Senior candidates want to see the roadmap before the first call.",
        )
    services.requisition_create(
        actor=users["recruiter"],
        title="Engineering Manager",
        team="Platform",
        location="Remote (EU)",
        hiring_manager=users["manager2"],
        hiring_team=[users["interviewer"], users["interviewer2"]],
    )


def _frontend_engineer(users):
    """A search from last quarter's start, filled two weeks ago (candidates.demo hires)."""
    rita, omar = users["recruiter"], users["manager2"]
    ian, lena = users["interviewer"], users["interviewer3"]
    with days_ago(56):
        req = services.requisition_create(
            actor=rita,
            title="Frontend Engineer",
            team="Growth",
            location="New York / remote",
            hiring_manager=omar,
            salary_min=130000,
            salary_max=155000,
            salary_currency="USD",
            target_start_date=(timezone.now() + dt.timedelta(days=52)).date(),
            hiring_team=[ian, lena],
        )
        _move(req, rita, S.INTAKE)
        services.intake_update(
            requisition=req,
            actor=omar,
            meeting_at=_days(0, 16),
            meeting_attendees=[rita, omar],
            success_6_months="Owns the sign-up funnel's front end; ships an experiment a week.",
            thrives_on_team="People who care how fast a page feels and test with real users.",
            deal_breakers="No interest in accessibility.",
        )
        _criteria(
            req,
            rita,
            [
                (
                    "Modern front-end in production",
                    MUST,
                    SKILL,
                    "Has shipped and measured a user-facing flow with a modern framework.",
                ),
                (
                    "Accessibility",
                    MUST,
                    SKILL,
                    "Builds keyboard- and screen-reader-friendly UI without being asked.",
                ),
                ("Experimentation", NICE, EXPERIENCE, "Has run A/B tests and read them honestly."),
            ],
        )
    with days_ago(54, 15):
        meeting = services.alignment_meeting_schedule(
            requisition=req, actor=rita, scheduled_at=_days(0, 14)
        )
        services.criteria_sign_off(requisition=req, actor=omar, meeting=meeting)
        _plan(
            req,
            rita,
            [
                ("Pairing session", 90, [ian], ["Modern front-end in production"]),
                ("Team and accessibility", 45, [lena], ["Accessibility"]),
            ],
        )
    with days_ago(53, 9):
        _move(req, rita, S.SOURCING)
