"""The requisitions app's messages: the weekly status check-in (a sweep) and the emails its
services send (hiring manager added, re-alignment needed, criteria signed off)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from hiring_hub import outbox
from hiring_hub.business_time import local_datetime, stamp, week_monday, weekly_check_in_time
from hiring_hub.models import User

WEEKLY_CHECK_IN = "weekly_check_in"
HIRING_MANAGER_ADDED = "requisition_hiring_manager_added"
REALIGNMENT_NEEDED = "requisition_realignment_needed"
CRITERIA_SIGNED_OFF = "requisition_criteria_signed_off"
CRITERIA_CHANGES_REQUESTED = "requisition_criteria_changes_requested"
RETROSPECTIVE_INVITE = "requisition_retrospective_invite"
PARTNERSHIP_TALK = "partnership_talk"


def due_weekly_check_ins(now: dt.datetime) -> list[outbox.Due]:
    """One check-in email per person (recruiter or hiring manager) covering all their open
    requisitions, once their local check-in moment of this week has passed."""
    from requisitions.models import Requisition

    weekday, clock = weekly_check_in_time()
    opted_out = outbox.opted_out(WEEKLY_CHECK_IN)
    requisitions = (
        Requisition.objects.open()
        .exclude(status=Requisition.Status.DRAFT)
        .select_related("recruiter", "hiring_manager")
        .order_by("title", "pk")
    )
    by_person: dict[int, list[int]] = defaultdict(list)
    people: dict[int, User] = {}
    for requisition in requisitions:
        for person in (requisition.recruiter, requisition.hiring_manager):
            if outbox.reachable(person, opted_out):
                people[person.pk] = person
                if requisition.pk not in by_person[person.pk]:
                    by_person[person.pk].append(requisition.pk)
    due = []
    for person_id, person in people.items():
        tz = person.tzinfo
        monday = week_monday(now, tz)
        if now < local_datetime(monday + dt.timedelta(days=weekday), clock, tz):
            continue
        iso_year, iso_week, _ = monday.isocalendar()
        due.append(
            outbox.Due(
                kind=WEEKLY_CHECK_IN,
                recipient=person,
                subject_key="weekly",
                period=f"{iso_year}-W{iso_week:02d}",
                subject=f"Weekly check-in, week of {monday:%d %b %Y}",
                template="weekly_check_in",
                context=lambda ids=by_person[person_id], monday=monday, person=person: (
                    _weekly_context(person, ids, monday, now)
                ),
            )
        )
    return due


def _weekly_context(
    person: User, requisition_ids: list[int], monday: dt.date, now: dt.datetime
) -> dict:
    from requisitions import selectors, services
    from requisitions.models import PulseAnswer, Requisition
    from requisitions.partnership import pulse_token

    reports = []
    for requisition in Requisition.objects.filter(pk__in=requisition_ids).order_by("title", "pk"):
        check_in = services.check_in_compile(requisition=requisition, week_start=monday, now=now)
        # The hiring manager's pulse: one signed link per answer (see views.pulse_answer).
        pulse = [
            (
                label,
                outbox.absolute_url(
                    "requisitions:pulse_answer",
                    token=pulse_token(
                        requisition=requisition, person=person, week_start=monday, mood=mood
                    ),
                ),
            )
            for mood, label in PulseAnswer.Mood.choices
            if requisition.hiring_manager_id == person.pk
        ]
        reports.append(
            {
                "requisition": requisition,
                "check_in": check_in,
                "report": selectors.check_in_report(check_in),
                "url": outbox.absolute_url("requisitions:check_in_detail", check_in.pk),
                "pulse": pulse,
            }
        )
    return {"person": person, "week_start": monday, "reports": reports}


def due_partnership_talks(now: dt.datetime) -> list[outbox.Due]:
    """When a requisition's partnership turns bad, prompt both the recruiter and the hiring
    manager to talk, once per turn, with an agenda built from the reasons. The health is
    refreshed first (an idempotent write of derived state), then read in one query."""
    from requisitions.models import PartnershipHealth, Requisition
    from requisitions.partnership import health_refresh

    health_refresh(now=now)
    opted_out = outbox.opted_out(PARTNERSHIP_TALK)
    rows = PartnershipHealth.objects.filter(
        level=PartnershipHealth.Level.BAD,
        bad_since__isnull=False,
        requisition__status__in=Requisition.Status.open_values(),
    ).select_related("requisition__recruiter", "requisition__hiring_manager")
    due = []
    for row in rows:
        requisition = row.requisition
        for person, other in (
            (requisition.recruiter, requisition.hiring_manager),
            (requisition.hiring_manager, requisition.recruiter),
        ):
            if not outbox.reachable(person, opted_out):
                continue
            due.append(
                outbox.Due(
                    kind=PARTNERSHIP_TALK,
                    recipient=person,
                    subject_key=f"requisition:{requisition.pk}",
                    period=f"bad-{stamp(row.bad_since)}",
                    subject=f"Time to talk about how {requisition.title} is going",
                    template="partnership_talk",
                    context=lambda row=row, other=other: {
                        "requisition": row.requisition,
                        "other": other,
                        "reasons": row.reasons,
                        "url": outbox.absolute_url("requisitions:partnership", row.requisition_id),
                    },
                )
            )
    return due


def register() -> None:
    outbox.register_kind(
        WEEKLY_CHECK_IN, "Weekly status check-in", can_opt_out=True, find_due=due_weekly_check_ins
    )
    outbox.register_kind(HIRING_MANAGER_ADDED, "You are the hiring manager")
    outbox.register_kind(REALIGNMENT_NEEDED, "Criteria changed: re-alignment needed")
    outbox.register_kind(CRITERIA_SIGNED_OFF, "Criteria signed off")
    outbox.register_kind(CRITERIA_CHANGES_REQUESTED, "Changes requested before sign-off")
    outbox.register_kind(RETROSPECTIVE_INVITE, "Requisition filled: retrospective")
    outbox.register_kind(
        PARTNERSHIP_TALK,
        "Prompts to talk about the partnership",
        can_opt_out=True,
        find_due=due_partnership_talks,
    )
