"""What the notification tests share: the swept kinds, a UTC moment, a sweep at a frozen
moment, the mail sent to one person, and the ended interview and waiting shortlist most
rules start from."""

import datetime as dt
import zoneinfo

import time_machine

from candidates import notifications as candidate_notifications
from debriefs import notifications as debrief_notifications
from hiring_hub import outbox
from requisitions import notifications as requisition_notifications
from tests import factories

UTC = dt.UTC
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


class Kind:
    """The swept kinds, as each app registers them."""

    WEEKLY_CHECK_IN = requisition_notifications.WEEKLY_CHECK_IN
    THANK_YOU_REMINDER = debrief_notifications.THANK_YOU_REMINDER
    SCORECARD_REMINDER = debrief_notifications.SCORECARD_REMINDER
    SHORTLIST_WAITING = candidate_notifications.SHORTLIST_WAITING
    FOLLOW_UP_DUE = candidate_notifications.FOLLOW_UP_DUE
    REALIGNMENT_PROMPT = candidate_notifications.REALIGNMENT_PROMPT


def at(*args, tz=UTC) -> dt.datetime:
    return dt.datetime(*args, tzinfo=tz)


def sweep(moment: dt.datetime, *kinds: str) -> dict:
    with time_machine.travel(moment, tick=False):
        return outbox.send_due_notifications(kinds=kinds or None)


def sent_to(mailoutbox, email: str) -> list:
    return [m for m in mailoutbox if email in m.to]


def ended_interview(requisition, *, ends_at, interviewers=(), **kwargs):
    return factories.InterviewFactory(
        application__requisition=requisition,
        starts_at=ends_at - dt.timedelta(hours=1),
        ends_at=ends_at,
        interviewers=list(interviewers),
        **kwargs,
    )


def waiting_shortlist(requisition, submitted_at):
    shortlist = factories.ShortlistFactory(
        requisition=requisition, number=1, submitted_at=submitted_at
    )
    factories.ShortlistEntryFactory(shortlist=shortlist)
    return shortlist
