"""The requisitions app's messages: the weekly status check-in (a sweep) and the emails its
services send (hiring manager added, re-alignment needed, criteria signed off)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from hiring_hub import outbox
from hiring_hub.business_time import local_datetime, week_monday, weekly_check_in_time
from hiring_hub.models import User

WEEKLY_CHECK_IN = "weekly_check_in"
HIRING_MANAGER_ADDED = "requisition_hiring_manager_added"
REALIGNMENT_NEEDED = "requisition_realignment_needed"
CRITERIA_SIGNED_OFF = "requisition_criteria_signed_off"
CRITERIA_CHANGES_REQUESTED = "requisition_criteria_changes_requested"
RETROSPECTIVE_INVITE = "requisition_retrospective_invite"


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


def _weekly_context(person: User, requisition_ids: list[int], monday: dt.date, now) -> dict:
    from requisitions import selectors, services
    from requisitions.models import Requisition

    reports = []
    for requisition in Requisition.objects.filter(pk__in=requisition_ids).order_by("title", "pk"):
        check_in = services.check_in_compile(requisition=requisition, week_start=monday, now=now)
        reports.append(
            {
                "requisition": requisition,
                "check_in": check_in,
                "report": selectors.check_in_report(check_in),
                "url": outbox.absolute_url("requisitions:check_in_detail", check_in.pk),
            }
        )
    return {"person": person, "week_start": monday, "reports": reports}


def register() -> None:
    outbox.register_kind(
        WEEKLY_CHECK_IN, "Weekly status check-in", can_opt_out=True, find_due=due_weekly_check_ins
    )
    outbox.register_kind(HIRING_MANAGER_ADDED, "You are the hiring manager")
    outbox.register_kind(REALIGNMENT_NEEDED, "Criteria changed: re-alignment needed")
    outbox.register_kind(CRITERIA_SIGNED_OFF, "Criteria signed off")
    outbox.register_kind(CRITERIA_CHANGES_REQUESTED, "Changes requested before sign-off")
    outbox.register_kind(RETROSPECTIVE_INVITE, "Requisition filled: retrospective")
