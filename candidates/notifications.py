"""The candidates app's messages: nudges about shortlists waiting for review, candidate
follow-ups due and re-alignment prompts (sweeps), and the emails its services send."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from hiring_hub import outbox
from hiring_hub.business_time import add_business_days

SHORTLIST_WAITING = "shortlist_waiting"
FOLLOW_UP_DUE = "follow_up_due"
REALIGNMENT_PROMPT = "realignment_prompt"
SHORTLIST_SUBMITTED = "shortlist_submitted"
SHORTLIST_ANSWERED = "shortlist_answered"
SHORTLIST_MESSAGE = "shortlist_message"
OFFER_ACCEPTED = "offer_accepted"

# The manager is nudged once a shortlist waited the business days agreed on the requisition
# (requisitions.partnership; 2 by default); the recruiter is told this many days later.
SHORTLIST_TELL_RECRUITER_AFTER_NUDGE_BUSINESS_DAYS = 2
REALIGNMENT_DECLINE_SHARE = 0.5  # "most": strictly more than half of a shortlist declined


def due_shortlist_waiting(now: dt.datetime) -> list[outbox.Due]:
    """A shortlist with candidates awaiting review: nudge the hiring manager once it has
    waited the business days agreed on the requisition (2 by default), tell the recruiter
    2 business days later (business days in each one's zone)."""
    from django.db.models import Exists, OuterRef

    from candidates.models import Shortlist, ShortlistEntry
    from requisitions.models import Requisition
    from requisitions.partnership import agreed

    opted_out = outbox.opted_out(SHORTLIST_WAITING)
    pending = ShortlistEntry.objects.filter(
        shortlist=OuterRef("pk"), decision=ShortlistEntry.Decision.PENDING
    )
    shortlists = (
        Shortlist.objects.filter(
            completed_at__isnull=True,
            requisition__status__in=Requisition.Status.open_values(),
            # Agreed delays are at least one business day, so at least a calendar day.
            submitted_at__lte=now - dt.timedelta(days=1),
        )
        .filter(Exists(pending))
        .annotate(review_days=agreed("shortlist_review_business_days", prefix="requisition__"))
        .select_related("requisition__recruiter", "requisition__hiring_manager")
    )
    due = []
    for shortlist in shortlists:
        requisition = shortlist.requisition
        tell_recruiter = shortlist.review_days + SHORTLIST_TELL_RECRUITER_AFTER_NUDGE_BUSINESS_DAYS
        for person, business_days, to_manager in (
            (requisition.hiring_manager, shortlist.review_days, True),
            (requisition.recruiter, tell_recruiter, False),
        ):
            if not outbox.reachable(person, opted_out):
                continue
            if add_business_days(shortlist.submitted_at, business_days, person.tzinfo) > now:
                continue
            subject = (
                f"Shortlist {shortlist.number} for {requisition.title} is waiting for your review"
                if to_manager
                else f"Shortlist {shortlist.number} for {requisition.title} is still unreviewed"
            )
            due.append(
                outbox.Due(
                    kind=SHORTLIST_WAITING,
                    recipient=person,
                    subject_key=f"shortlist:{shortlist.pk}",
                    period=f"{business_days}bd",
                    subject=subject,
                    template="shortlist_waiting",
                    context=lambda shortlist=shortlist, to_manager=to_manager, days=business_days: {
                        "shortlist": shortlist,
                        "requisition": shortlist.requisition,
                        "to_manager": to_manager,
                        "business_days": days,
                        "agreed_days": shortlist.review_days,
                        "pending": shortlist.entries.filter(
                            decision=ShortlistEntry.Decision.PENDING
                        ).count(),
                        "url": outbox.absolute_url(
                            "candidates:shortlist_review_next"
                            if to_manager
                            else "candidates:shortlist_detail",
                            shortlist.pk,
                        ),
                    },
                )
            )
    return due


def due_follow_ups(now: dt.datetime) -> list[outbox.Due]:
    """The candidate was promised an update by a date; once that day has passed in the
    recruiter's zone with no update given to the candidate on or after it, remind the
    recruiter (once per promised date: a renewed promise gets its own reminder)."""
    from candidates.models import Application
    from requisitions.models import Requisition

    opted_out = outbox.opted_out(FOLLOW_UP_DUE)
    applications = (
        Application.objects.filter(
            next_update_promised_by__isnull=False,
            # Prefilter in UTC with a day's slack for zones ahead of UTC; exact below.
            next_update_promised_by__lt=(now + dt.timedelta(days=1)).date(),
            requisition__status__in=Requisition.Status.open_values(),
        )
        .exclude(stage__in=Application.Stage.closed_values())
        .select_related("candidate", "requisition__recruiter")
    )
    due = []
    for application in applications:
        recruiter = application.requisition.recruiter
        if not outbox.reachable(recruiter, opted_out):
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
            outbox.Due(
                kind=FOLLOW_UP_DUE,
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
                    "url": outbox.absolute_url("debriefs:follow_up", application.pk),
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


def due_realignment_prompts(now: dt.datetime) -> list[outbox.Due]:
    """When the hiring manager declined most (more than half) of two shortlists in a row,
    suggest an alignment meeting to both the manager and the recruiter, once per pair."""
    from candidates.models import Shortlist
    from requisitions.models import Requisition

    opted_out = outbox.opted_out(REALIGNMENT_PROMPT)
    shortlists = (
        Shortlist.objects.filter(requisition__status__in=Requisition.Status.open_values())
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
                if not outbox.reachable(person, opted_out):
                    continue
                due.append(
                    outbox.Due(
                        kind=REALIGNMENT_PROMPT,
                        recipient=person,
                        subject_key=f"shortlists:{earlier.pk}-{later.pk}",
                        period="once",
                        subject=f"Time to re-align on {requisition.title}?",
                        template="realignment_prompt",
                        context=lambda earlier=earlier, later=later: {
                            "requisition": later.requisition,
                            "earlier": earlier,
                            "later": later,
                            "url": outbox.absolute_url(
                                "requisitions:requisition_detail", later.requisition_id
                            ),
                        },
                    )
                )
    return due


def register() -> None:
    outbox.register_kind(
        SHORTLIST_WAITING,
        "Shortlist waiting for review",
        can_opt_out=True,
        find_due=due_shortlist_waiting,
    )
    outbox.register_kind(
        FOLLOW_UP_DUE, "Candidate follow-up due", can_opt_out=True, find_due=due_follow_ups
    )
    outbox.register_kind(
        REALIGNMENT_PROMPT,
        "Re-alignment suggestions",
        can_opt_out=True,
        find_due=due_realignment_prompts,
    )
    outbox.register_kind(SHORTLIST_SUBMITTED, "Shortlist ready for review")
    outbox.register_kind(SHORTLIST_ANSWERED, "Shortlist answered")
    outbox.register_kind(SHORTLIST_MESSAGE, "Shortlist question")
    outbox.register_kind(OFFER_ACCEPTED, "Offer accepted")
