"""The debriefs app's messages: thank-you-note and scorecard reminders (sweeps), calendar
invites and the emails to candidates (thank-you notes and updates)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hiring_hub import outbox
from hiring_hub.business_time import local_datetime, stamp

if TYPE_CHECKING:
    from debriefs.models import Interview
    from hiring_hub.models import User

THANK_YOU_REMINDER = "thank_you_reminder"
SCORECARD_REMINDER = "scorecard_reminder"
INTERVIEW_INVITE = "interview_invite"
CANDIDATE_MESSAGE = "candidate_message"

THANK_YOU_REMINDERS = (("2h", dt.timedelta(hours=2)), ("20h", dt.timedelta(hours=20)))
# Interviews older than this get no thank-you reminder (e.g. history imported at go-live).
THANK_YOU_REMINDER_HORIZON = dt.timedelta(days=7)
SCORECARD_FIRST_REMINDER = dt.timedelta(hours=1)
SCORECARD_DAILY_REMINDERS = 10  # business days after the first reminder


def _interview_due(
    *,
    kind: str,
    recipient: User,
    interview: Interview,
    step: str,
    subject: str,
    url_name: str,
    **context: object,
) -> outbox.Due:
    """One step of a reminder schedule about an interview (a reschedule starts it over).
    The email template is named after the kind."""
    return outbox.Due(
        kind=kind,
        recipient=recipient,
        subject_key=f"interview:{interview.pk}",
        period=f"{stamp(interview.ends_at)}-s{interview.sequence}-{step}",
        subject=subject,
        template=kind,
        context=lambda: {
            "interview": interview,
            "candidate": interview.application.candidate,
            "requisition": interview.application.requisition,
            "url": outbox.absolute_url(url_name, interview.pk),
            **context,
        },
    )


def due_thank_you_reminders(now: dt.datetime) -> list[outbox.Due]:
    """Remind the recruiter 2 h and 20 h after an interview ended while its thank-you note is
    neither sent nor marked sent. Only the latest reminder due is sent (a sweep that was down
    for a day does not send both). Cancelled interviews get none; a rescheduled one starts
    over from its new end time."""
    from django.db.models import Exists, OuterRef

    from debriefs.models import Interview, ThankYouNote
    from requisitions.models import Requisition

    opted_out = outbox.opted_out(THANK_YOU_REMINDER)
    note_done = ThankYouNote.objects.filter(interview=OuterRef("pk")).exclude(
        status=ThankYouNote.Status.DRAFT
    )
    interviews = (
        Interview.objects.filter(
            status=Interview.Status.SCHEDULED,
            ends_at__lte=now - THANK_YOU_REMINDERS[0][1],
            ends_at__gt=now - THANK_YOU_REMINDER_HORIZON,
            application__requisition__status__in=Requisition.Status.open_values(),
        )
        .exclude(Exists(note_done))
        .select_related("stage", "application__candidate", "application__requisition__recruiter")
    )
    due = []
    for interview in interviews:
        recruiter = interview.application.requisition.recruiter
        if not outbox.reachable(recruiter, opted_out):
            continue
        label = [name for name, delay in THANK_YOU_REMINDERS if interview.ends_at + delay <= now][
            -1
        ]
        due.append(
            _interview_due(
                kind=THANK_YOU_REMINDER,
                recipient=recruiter,
                interview=interview,
                step=label,
                subject=f"Thank-you note to {interview.application.candidate.full_name} is waiting",
                url_name="debriefs:thank_you_note",
                reminder=label,
                due_at=ThankYouNote.due_at_for(interview),
                overdue=now >= ThankYouNote.due_at_for(interview),
                due_within_hours=ThankYouNote.DUE_WITHIN_HOURS,
            )
        )
    return due


def scorecard_reminder_schedule(
    ends_at: dt.datetime, tz: dt.tzinfo, within_hours: int = 24
) -> list[dt.datetime]:
    """First reminder 1 h after the end, then one a business day (Mon–Fri in the
    interviewer's zone, same local time) for up to 10 business days, starting once the
    scorecard is late: the first of those moments at or after the agreed `within_hours`."""
    first = ends_at + SCORECARD_FIRST_REMINDER
    due = ends_at + dt.timedelta(hours=within_hours)
    local = first.astimezone(tz)
    clock = local.time().replace(tzinfo=None)
    schedule, day = [first], local.date()
    while len(schedule) <= SCORECARD_DAILY_REMINDERS:
        day += dt.timedelta(days=1)
        moment = local_datetime(day, clock, tz)
        if day.weekday() < 5 and moment >= due:
            schedule.append(moment)
    return schedule


def due_scorecard_reminders(now: dt.datetime) -> list[outbox.Due]:
    """Each interviewer who has not submitted a scorecard for an interview that has ended
    (not cancelled) gets the latest reminder of their schedule that is due; the daily
    reminders follow the hours agreed on the requisition (24 by default)."""
    from django.db.models import Exists, OuterRef

    from debriefs.models import Interview, Scorecard
    from requisitions.models import Requisition
    from requisitions.partnership import agreed

    opted_out = outbox.opted_out(SCORECARD_REMINDER)
    # The daily reminders end 10 business days after the agreed time (at most 240 hours):
    # at most 16 calendar days (an interview on a Saturday) plus a DST hour after it.
    horizon = now - SCORECARD_FIRST_REMINDER - dt.timedelta(days=17 + 10)
    links = (
        Interview.interviewers.through.objects.filter(
            interview__status=Interview.Status.SCHEDULED,
            interview__ends_at__lte=now - SCORECARD_FIRST_REMINDER,
            interview__ends_at__gt=horizon,
            interview__application__requisition__status__in=Requisition.Status.open_values(),
        )
        .exclude(
            Exists(
                Scorecard.objects.filter(
                    interview=OuterRef("interview"),
                    interviewer=OuterRef("user"),
                    status=Scorecard.Status.SUBMITTED,
                )
            )
        )
        .annotate(
            within_hours=agreed("scorecard_hours", prefix="interview__application__requisition__")
        )
        .select_related(
            "user",
            "interview__stage",
            "interview__application__candidate",
            "interview__application__requisition",
        )
    )
    due = []
    for link in links:
        interviewer, interview = link.user, link.interview
        if not outbox.reachable(interviewer, opted_out):
            continue
        schedule = scorecard_reminder_schedule(
            interview.ends_at, interviewer.tzinfo, link.within_hours
        )
        passed = [n for n, moment in enumerate(schedule) if moment <= now]
        if not passed:
            continue
        number = passed[-1]
        due.append(
            _interview_due(
                kind=SCORECARD_REMINDER,
                recipient=interviewer,
                interview=interview,
                step=f"r{number}",
                subject=f"Your scorecard for {interview.application.candidate.full_name}",
                url_name="debriefs:scorecard_edit",
                reminder_number=number,
                reminders_left=SCORECARD_DAILY_REMINDERS - number,
            )
        )
    return due


def register() -> None:
    outbox.register_kind(
        THANK_YOU_REMINDER,
        "Thank-you note reminders",
        can_opt_out=True,
        find_due=due_thank_you_reminders,
    )
    outbox.register_kind(
        SCORECARD_REMINDER,
        "Scorecard reminders",
        can_opt_out=True,
        find_due=due_scorecard_reminders,
    )
    outbox.register_kind(INTERVIEW_INVITE, "Interview invitations")
    outbox.register_kind(CANDIDATE_MESSAGE, "Emails to candidates")
