"""The nudges that keep everyone out of the dark: weekly check-ins and reminders.

Each kind is a *sweep*: a pure function over database state that lists what is due at a
given `now` (`due_<kind>(now)`), and `send_due_notifications(now=...)` delivers that list.
Before sending, a sweep claims an `OutboundMessage` row unique to
(kind, recipient_email, subject_key, period) in its own transaction; whoever inserts the
row sends the message, everybody else (a repeated sweep, a second beat, a concurrent
worker) gets an IntegrityError and moves on. Nothing is queued anywhere else, so a lost
task or a broker outage loses nothing: the next sweep finds the same state and sends what
is still due.

A failed send is recorded on its row (attempts, last_error, next_attempt_at with an
exponential back-off) and retried by a later sweep while the message is still due; after
NOTIFICATION_MAX_ATTEMPTS it is given up and stays visible in the admin. A row left
"claimed" by a worker killed mid-send is never re-sent automatically (it may have gone
out); the admin's "retry now" action is the deliberate way to send it again.

Periods are keyed on what the reminder is about, so that a change moves the reminder:
scorecard and thank-you reminders include the interview's current end time and iCalendar
sequence, so a rescheduled interview gets fresh reminders and old claims do not block them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import NoReverseMatch
from django.utils import timezone

from hiring_hub.emails import absolute_url, build_email
from hiring_hub.models import NotificationKind, NotificationOptOut, OutboundMessage, User

logger = logging.getLogger(__name__)

Kind = NotificationKind
State = OutboundMessage.State

# Rules from the issue; deployments tune the check-in time and the retries in settings.
THANK_YOU_REMINDERS = (("2h", dt.timedelta(hours=2)), ("20h", dt.timedelta(hours=20)))
THANK_YOU_DUE_AFTER = dt.timedelta(hours=24)
# Interviews older than this get no thank-you reminder (e.g. history imported at go-live).
THANK_YOU_REMINDER_HORIZON = dt.timedelta(days=7)
SCORECARD_FIRST_REMINDER = dt.timedelta(hours=1)
SCORECARD_DAILY_REMINDERS = 10  # business days after the first reminder
SHORTLIST_NUDGE_MANAGER_BUSINESS_DAYS = 2
SHORTLIST_TELL_RECRUITER_BUSINESS_DAYS = 4
SCORECARD_OVERDUE_AFTER = dt.timedelta(hours=24)  # shown as overdue in the check-in
REALIGNMENT_DECLINE_SHARE = 0.5  # "most": strictly more than half of a shortlist declined


# --- Time: business days and local clocks ---------------------------------------------
def local_datetime(day: dt.date, clock: dt.time, tz: dt.tzinfo) -> dt.datetime:
    """`day` at `clock` on the wall of `tz` (DST-aware: 09:00 stays 09:00 local)."""
    return dt.datetime.combine(day, clock, tzinfo=tz)


def add_business_days(start: dt.datetime, days: int, tz: dt.tzinfo) -> dt.datetime:
    """The moment `days` business days (Mon–Fri in `tz`) after `start`, same wall-clock time.
    Time on a weekend does not count: a start on Saturday counts from Monday 00:00."""
    local = start.astimezone(tz)
    if local.weekday() >= 5:
        monday = local.date() + dt.timedelta(days=7 - local.weekday())
        local = local_datetime(monday, dt.time(0, 0), tz)
    day, counted = local.date(), 0
    while counted < days:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
    return local_datetime(day, local.time().replace(tzinfo=None), tz)


def week_monday(moment: dt.datetime, tz: dt.tzinfo) -> dt.date:
    local_day = moment.astimezone(tz).date()
    return local_day - dt.timedelta(days=local_day.weekday())


def weekly_check_in_time() -> tuple[int, dt.time]:
    """(weekday 0=Monday, local time) of the weekly check-in, from settings."""
    hours, minutes = (int(part) for part in settings.WEEKLY_CHECK_IN_TIME.split(":"))
    return settings.WEEKLY_CHECK_IN_WEEKDAY, dt.time(hours, minutes)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%MZ")


# --- What is due ------------------------------------------------------------------------
@dataclass
class Due:
    """One message a sweep found due. `context` is built only once the claim is won."""

    kind: str
    recipient: User
    subject_key: str
    period: str
    subject: str
    template: str
    context: Callable[[], dict] = field(repr=False)


def app_url(*candidates: tuple) -> str:
    """The first of (url name, *args) that exists; the home page if none does yet (another
    app's page may not be merged in this build)."""
    for name, *args in candidates:
        try:
            return absolute_url(name, *args)
        except NoReverseMatch:
            continue
    return absolute_url("home")


def _requisition_url(requisition_id: int) -> tuple:
    return ("requisitions:requisition_detail", requisition_id)


def _opted_out(kind: str) -> set[int]:
    return set(NotificationOptOut.objects.filter(kind=kind).values_list("user_id", flat=True))


def _reachable(user: User | None, opted_out: set[int]) -> bool:
    return bool(user and user.is_active and user.email and user.pk not in opted_out)


def due_weekly_check_ins(now: dt.datetime) -> list[Due]:
    """One check-in email per person (recruiter or hiring manager) covering all their open
    requisitions, once their local check-in moment of this week has passed."""
    from requisitions.models import Requisition

    weekday, clock = weekly_check_in_time()
    opted_out = _opted_out(Kind.WEEKLY_CHECK_IN)
    requisitions = (
        Requisition.objects.open()
        .exclude(status=Requisition.Status.DRAFT)
        .select_related("recruiter", "hiring_manager")
        .order_by("title", "pk")
    )
    by_person: dict[int, list] = defaultdict(list)
    people: dict[int, User] = {}
    for requisition in requisitions:
        for person in (requisition.recruiter, requisition.hiring_manager):
            if _reachable(person, opted_out):
                people[person.pk] = person
                if requisition not in by_person[person.pk]:
                    by_person[person.pk].append(requisition)
    due = []
    for person_id, person in people.items():
        tz = person.tzinfo
        monday = week_monday(now, tz)
        if now < local_datetime(monday + dt.timedelta(days=weekday), clock, tz):
            continue
        iso_year, iso_week, _ = monday.isocalendar()
        requisition_ids = [r.pk for r in by_person[person_id]]
        due.append(
            Due(
                kind=Kind.WEEKLY_CHECK_IN,
                recipient=person,
                subject_key="weekly",
                period=f"{iso_year}-W{iso_week:02d}",
                subject=f"Weekly check-in, week of {monday:%d %b %Y}",
                template="weekly_check_in",
                context=lambda ids=requisition_ids, monday=monday, person=person: _weekly_context(
                    person, ids, monday, now
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
                "url": app_url(
                    ("requisitions:check_in_detail", check_in.pk), _requisition_url(requisition.pk)
                ),
            }
        )
    return {"person": person, "week_start": monday, "reports": reports}


def due_thank_you_reminders(now: dt.datetime) -> list[Due]:
    """Remind the recruiter 2 h and 20 h after an interview ended while its thank-you note is
    neither sent nor marked sent. Only the latest reminder due is sent (a sweep that was down
    for a day does not send both). Cancelled interviews get none; a rescheduled one starts
    over from its new end time."""
    from debriefs.models import Interview, ThankYouNote

    opted_out = _opted_out(Kind.THANK_YOU_REMINDER)
    note_done = ThankYouNote.objects.filter(interview=OuterRef("pk")).exclude(
        status=ThankYouNote.Status.DRAFT
    )
    interviews = (
        Interview.objects.filter(
            status=Interview.Status.SCHEDULED,
            ends_at__lte=now - THANK_YOU_REMINDERS[0][1],
            ends_at__gt=now - THANK_YOU_REMINDER_HORIZON,
            application__requisition__status__in=_open_statuses(),
        )
        .exclude(Exists(note_done))
        .select_related("stage", "application__candidate", "application__requisition__recruiter")
    )
    due = []
    for interview in interviews:
        recruiter = interview.application.requisition.recruiter
        if not _reachable(recruiter, opted_out):
            continue
        label = [name for name, delay in THANK_YOU_REMINDERS if interview.ends_at + delay <= now][
            -1
        ]
        candidate = interview.application.candidate
        due.append(
            Due(
                kind=Kind.THANK_YOU_REMINDER,
                recipient=recruiter,
                subject_key=f"interview:{interview.pk}",
                period=f"{_stamp(interview.ends_at)}-s{interview.sequence}-{label}",
                subject=f"Thank-you note to {candidate.full_name} is waiting",
                template="thank_you_reminder",
                context=lambda interview=interview, label=label: {
                    "interview": interview,
                    "candidate": interview.application.candidate,
                    "requisition": interview.application.requisition,
                    "reminder": label,
                    "due_at": interview.ends_at + THANK_YOU_DUE_AFTER,
                    "overdue": now >= interview.ends_at + THANK_YOU_DUE_AFTER,
                    "url": app_url(
                        ("debriefs:thank_you_note", interview.pk),
                        ("debriefs:interview_detail", interview.pk),
                        _requisition_url(interview.application.requisition_id),
                    ),
                },
            )
        )
    return due


def scorecard_reminder_schedule(ends_at: dt.datetime, tz: dt.tzinfo) -> list[dt.datetime]:
    """First reminder 1 h after the end, then one a business day (Mon–Fri in the
    interviewer's zone, same local time) for up to 10 business days."""
    first = ends_at + SCORECARD_FIRST_REMINDER
    local = first.astimezone(tz)
    clock = local.time().replace(tzinfo=None)
    schedule, day = [first], local.date()
    while len(schedule) <= SCORECARD_DAILY_REMINDERS:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            schedule.append(local_datetime(day, clock, tz))
    return schedule


def due_scorecard_reminders(now: dt.datetime) -> list[Due]:
    """Each interviewer who has not submitted a scorecard for an interview that has ended
    (not cancelled) gets the latest reminder of their schedule that is due."""
    from debriefs.models import Interview, Scorecard

    opted_out = _opted_out(Kind.SCORECARD_REMINDER)
    # The daily reminders end 10 business days later: at most 16 calendar days (an interview
    # on a Saturday) plus a DST hour.
    horizon = now - SCORECARD_FIRST_REMINDER - dt.timedelta(days=17)
    links = (
        Interview.interviewers.through.objects.filter(
            interview__status=Interview.Status.SCHEDULED,
            interview__ends_at__lte=now - SCORECARD_FIRST_REMINDER,
            interview__ends_at__gt=horizon,
            interview__application__requisition__status__in=_open_statuses(),
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
        if not _reachable(interviewer, opted_out):
            continue
        schedule = scorecard_reminder_schedule(interview.ends_at, interviewer.tzinfo)
        passed = [n for n, moment in enumerate(schedule) if moment <= now]
        if not passed:
            continue
        number = passed[-1]
        candidate = interview.application.candidate
        due.append(
            Due(
                kind=Kind.SCORECARD_REMINDER,
                recipient=interviewer,
                subject_key=f"interview:{interview.pk}",
                period=f"{_stamp(interview.ends_at)}-s{interview.sequence}-r{number}",
                subject=f"Your scorecard for {candidate.full_name}",
                template="scorecard_reminder",
                context=lambda interview=interview, number=number: {
                    "interview": interview,
                    "candidate": interview.application.candidate,
                    "requisition": interview.application.requisition,
                    "reminder_number": number,
                    "reminders_left": SCORECARD_DAILY_REMINDERS - number,
                    "url": app_url(
                        ("debriefs:scorecard_edit", interview.pk),
                        ("debriefs:interview_detail", interview.pk),
                        _requisition_url(interview.application.requisition_id),
                    ),
                },
            )
        )
    return due


def due_shortlist_waiting(now: dt.datetime) -> list[Due]:
    """A shortlist with candidates awaiting review: nudge the hiring manager once it has
    waited 2 business days, tell the recruiter at 4 (business days in each one's zone)."""
    from candidates.models import Shortlist, ShortlistEntry

    opted_out = _opted_out(Kind.SHORTLIST_WAITING)
    pending = ShortlistEntry.objects.filter(
        shortlist=OuterRef("pk"), decision=ShortlistEntry.Decision.PENDING
    )
    shortlists = (
        Shortlist.objects.filter(
            completed_at__isnull=True,
            requisition__status__in=_open_statuses(),
            submitted_at__lte=now - dt.timedelta(days=SHORTLIST_NUDGE_MANAGER_BUSINESS_DAYS),
        )
        .filter(Exists(pending))
        .select_related("requisition__recruiter", "requisition__hiring_manager")
    )
    due = []
    for shortlist in shortlists:
        requisition = shortlist.requisition
        for person, business_days, role in (
            (requisition.hiring_manager, SHORTLIST_NUDGE_MANAGER_BUSINESS_DAYS, "manager"),
            (requisition.recruiter, SHORTLIST_TELL_RECRUITER_BUSINESS_DAYS, "recruiter"),
        ):
            if not _reachable(person, opted_out):
                continue
            if add_business_days(shortlist.submitted_at, business_days, person.tzinfo) > now:
                continue
            subject = (
                f"Shortlist {shortlist.number} for {requisition.title} is waiting for your review"
                if role == "manager"
                else f"Shortlist {shortlist.number} for {requisition.title} is still unreviewed"
            )
            due.append(
                Due(
                    kind=Kind.SHORTLIST_WAITING,
                    recipient=person,
                    subject_key=f"shortlist:{shortlist.pk}",
                    period=f"{business_days}bd",
                    subject=subject,
                    template="shortlist_waiting",
                    context=lambda shortlist=shortlist, role=role, days=business_days: {
                        "shortlist": shortlist,
                        "requisition": shortlist.requisition,
                        "role": role,
                        "business_days": days,
                        "pending": shortlist.entries.filter(
                            decision=ShortlistEntry.Decision.PENDING
                        ).count(),
                        "url": app_url(
                            ("candidates:shortlist_review", shortlist.pk)
                            if role == "manager"
                            else ("candidates:shortlist_detail", shortlist.pk),
                            ("candidates:shortlist_detail", shortlist.pk),
                            _requisition_url(shortlist.requisition_id),
                        ),
                    },
                )
            )
    return due


def due_follow_ups(now: dt.datetime) -> list[Due]:
    """The candidate was promised an update by a date; once that day has passed in the
    recruiter's zone with no update given to the candidate on or after it, remind the
    recruiter (once per promised date: a renewed promise gets its own reminder)."""
    from candidates.models import Application

    opted_out = _opted_out(Kind.FOLLOW_UP_DUE)
    closed = [Application.Stage.HIRED, Application.Stage.REJECTED, Application.Stage.WITHDRAWN]
    applications = (
        Application.objects.filter(
            next_update_promised_by__isnull=False,
            # Prefilter in UTC with a day's slack for zones ahead of UTC; exact below.
            next_update_promised_by__lt=(now + dt.timedelta(days=1)).date(),
            requisition__status__in=_open_statuses(),
        )
        .exclude(stage__in=closed)
        .select_related("candidate", "requisition__recruiter")
    )
    due = []
    for application in applications:
        recruiter = application.requisition.recruiter
        if not _reachable(recruiter, opted_out):
            continue
        tz = recruiter.tzinfo
        promised = application.next_update_promised_by
        if now.astimezone(tz).date() <= promised:
            continue
        last = application.last_candidate_update_at
        # An update given on or after the promised day kept the promise.
        if last is not None and last.astimezone(tz).date() >= promised:
            continue
        due.append(
            Due(
                kind=Kind.FOLLOW_UP_DUE,
                recipient=recruiter,
                subject_key=f"application:{application.pk}",
                period=f"promised-{promised.isoformat()}",
                subject=f"{application.candidate.full_name} was promised an update by "
                f"{promised:%d %b}",
                template="follow_up_due",
                context=lambda application=application: {
                    "application": application,
                    "candidate": application.candidate,
                    "requisition": application.requisition,
                    "promised": application.next_update_promised_by,
                    "url": app_url(
                        ("debriefs:follow_up", application.pk),
                        ("candidates:application_detail", application.pk),
                        _requisition_url(application.requisition_id),
                    ),
                },
            )
        )
    return due


def _mostly_declined(entries: list) -> bool:
    from candidates.models import ShortlistEntry

    if not entries:
        return False
    declined = sum(1 for e in entries if e.decision == ShortlistEntry.Decision.DECLINE)
    return declined > len(entries) * REALIGNMENT_DECLINE_SHARE


def due_realignment_prompts(now: dt.datetime) -> list[Due]:
    """When the hiring manager declined most (more than half) of two shortlists in a row,
    suggest an alignment meeting to both the manager and the recruiter, once per pair."""
    from candidates.models import Shortlist

    opted_out = _opted_out(Kind.REALIGNMENT_PROMPT)
    shortlists = (
        Shortlist.objects.filter(requisition__status__in=_open_statuses())
        .select_related("requisition__recruiter", "requisition__hiring_manager")
        .prefetch_related("entries")
        .order_by("requisition_id", "number")
    )
    by_requisition: dict[int, list] = defaultdict(list)
    for shortlist in shortlists:
        by_requisition[shortlist.requisition_id].append(shortlist)
    due = []
    for series in by_requisition.values():
        for earlier, later in zip(series, series[1:], strict=False):
            if not (
                _mostly_declined(list(earlier.entries.all()))
                and _mostly_declined(list(later.entries.all()))
            ):
                continue
            requisition = later.requisition
            for person in (requisition.hiring_manager, requisition.recruiter):
                if not _reachable(person, opted_out):
                    continue
                due.append(
                    Due(
                        kind=Kind.REALIGNMENT_PROMPT,
                        recipient=person,
                        subject_key=f"shortlists:{earlier.pk}-{later.pk}",
                        period="once",
                        subject=f"Time to re-align on {requisition.title}?",
                        template="realignment_prompt",
                        context=lambda earlier=earlier, later=later: {
                            "requisition": later.requisition,
                            "earlier": earlier,
                            "later": later,
                            "url": app_url(_requisition_url(later.requisition_id)),
                        },
                    )
                )
    return due


def _open_statuses() -> list[str]:
    from requisitions.models import Requisition

    return Requisition.Status.open_values()


SWEEPS: dict[str, Callable[[dt.datetime], list[Due]]] = {
    Kind.WEEKLY_CHECK_IN: due_weekly_check_ins,
    Kind.THANK_YOU_REMINDER: due_thank_you_reminders,
    Kind.SCORECARD_REMINDER: due_scorecard_reminders,
    Kind.SHORTLIST_WAITING: due_shortlist_waiting,
    Kind.FOLLOW_UP_DUE: due_follow_ups,
    Kind.REALIGNMENT_PROMPT: due_realignment_prompts,
}


# --- Claim, send, record ----------------------------------------------------------------
def retry_delay(attempts: int) -> dt.timedelta:
    """Exponential back-off: base, 2×base, 4×base, … capped at 6 hours."""
    seconds = settings.NOTIFICATION_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, 6 * 3600))


def _claim(due: Due, now: dt.datetime) -> OutboundMessage | None:
    """Insert the claim row in its own transaction; the unique key lets only one sweep win.
    A failed row whose back-off has passed is re-claimed by a conditional update."""
    try:
        with transaction.atomic():
            return OutboundMessage.objects.create(
                kind=due.kind,
                recipient=due.recipient,
                recipient_email=due.recipient.email,
                subject_key=due.subject_key,
                period=due.period,
                subject=due.subject[:250],
                state=State.CLAIMED,
            )
    except IntegrityError:
        pass
    retry = Q(state=State.FAILED) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    existing = OutboundMessage.objects.filter(
        retry,
        kind=due.kind,
        recipient_email=due.recipient.email,
        subject_key=due.subject_key,
        period=due.period,
    ).first()
    if existing is None:
        return None
    won = OutboundMessage.objects.filter(
        pk=existing.pk, state=State.FAILED, attempts=existing.attempts
    ).update(state=State.CLAIMED)
    if not won:
        return None
    existing.state = State.CLAIMED
    return existing


def _send(message: OutboundMessage, due: Due, now: dt.datetime) -> bool:
    try:
        with timezone.override(due.recipient.tzinfo):
            email = build_email(
                template=f"notifications/{due.template}",
                to=[due.recipient.email],
                subject=due.subject,
                context={"recipient": due.recipient, "now": now, **due.context()},
            )
        email.send()
    except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried
        message.attempts += 1
        message.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
        if message.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
            message.state, message.next_attempt_at = State.GAVE_UP, None
        else:
            message.state = State.FAILED
            message.next_attempt_at = now + retry_delay(message.attempts)
        message.save(update_fields=["attempts", "last_error", "state", "next_attempt_at"])
        logger.warning("Sending %s failed (attempt %s): %s", message, message.attempts, exc)
        return False
    message.attempts += 1
    message.state, message.sent_at, message.next_attempt_at = State.SENT, now, None
    message.save(update_fields=["attempts", "state", "sent_at", "next_attempt_at"])
    return True


def deliver(due: Iterable[Due], now: dt.datetime) -> dict[str, int]:
    counts = {"due": 0, "sent": 0, "failed": 0, "skipped": 0}
    for item in due:
        counts["due"] += 1
        message = _claim(item, now)
        if message is None:
            counts["skipped"] += 1
        elif _send(message, item, now):
            counts["sent"] += 1
        else:
            counts["failed"] += 1
    return counts


def send_due_notifications(
    *, now: dt.datetime | None = None, kinds: Iterable[str] | None = None
) -> dict[str, dict[str, int]]:
    """Run every sweep (or the given kinds) once: claim and send what is due at `now`.
    Safe to run twice, or in two processes at once: each message goes out once."""
    now = now or timezone.now()
    results = {}
    for kind in kinds or SWEEPS:
        try:
            results[kind] = deliver(SWEEPS[kind](now), now)
        except Exception:
            # One broken sweep must not stop the others; the next run tries again.
            logger.exception("The %s sweep failed", kind)
            results[kind] = {"error": 1}
    return results


@transaction.atomic
def message_retry_now(*, message: OutboundMessage) -> OutboundMessage:
    """Admin: make a failed, given-up or stuck message eligible for the next sweep, which
    sends it if it is still due. (A stuck "claimed" row may have gone out: the admin decides.)"""
    if message.state == State.SENT:
        return message
    message.state = State.FAILED
    message.next_attempt_at = timezone.now()
    message.save(update_fields=["state", "next_attempt_at"])
    return message
