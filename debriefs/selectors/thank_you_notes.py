"""Reads for thank-you notes: the list by urgency and one note."""

from __future__ import annotations

from django.db.models import F, OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from debriefs.models import Interview, ThankYouNote
from debriefs.selectors.interviewers import InterviewerNames, row_names
from hiring_hub import access
from hiring_hub.models import User
from requisitions.models import Requisition


def thank_you_notes(user: User, *, everyone: bool = False) -> dict:
    """Querysets (paginate them) of draft notes by urgency (overdue, due now, interview
    still ahead) and the latest sent: of the user's requisitions, or of every requisition
    they may see with `everyone`. A draft is a named row of what its row shows (`pk`,
    `interview_id`, `due_at`, the interview's `starts_at`, row_names, `interviewer_names`);
    a sent note a note with the same names, `sent_by_name` and its email's delivery."""
    now = timezone.now()
    base = access.thank_you_notes_visible_to(user)
    if not everyone:
        # The user's requisitions' ids (recruiter index), matched on the note's own
        # requisition (drafts' index by requisition) rather than through its interview.
        requisitions = Requisition.objects.filter(recruiter_id=user.pk).order_by().values("pk")
        base = base.filter(requisition_id__in=requisitions)
    # A row shows its interview's time and names (subqueries): no note bodies, candidates'
    # notes or password hashes to fetch, and only the tables the filters need joined. Up to
    # 150 drafts a page, read-only: tuples rather than a note and its interview each.
    names = row_names("interview__", recruiter=True)
    drafts = (
        base.filter(status=ThankYouNote.Status.DRAFT, interview__status=Interview.Status.SCHEDULED)
        .annotate(
            starts_at=F("interview__starts_at"),
            **names,
            interviewer_names=InterviewerNames("interview_id"),
        )
        .values_list(
            "pk", "interview_id", "due_at", "starts_at", *names, "interviewer_names", named=True
        )
    )
    # The sender's name as a subquery, not one more join; of the email, what its delivery
    # shows (hiring_hub/_delivery.html), not its bodies and headers.
    sent = (
        base.exclude(status=ThankYouNote.Status.DRAFT)
        .select_related("message")
        .only(
            "status",
            "sent_at",
            "message__state",
            "message__sent_at",
            "message__next_attempt_at",
            "message__attempts",
            "message__last_error",
        )
        .annotate(
            **row_names("interview__"),
            sent_by_name=Subquery(
                User.objects.filter(pk=OuterRef("sent_by_id")).values("full_name")[:1]
            ),
        )
    )
    return {
        "overdue": drafts.filter(due_at__lt=now).order_by("due_at", "pk"),
        # A draft is due DUE_WITHIN after its interview ends (the services keep it so): the
        # bounds on due_at say the same as those on the end, and read the drafts' index.
        "due": drafts.filter(
            due_at__gte=now,
            due_at__lte=now + ThankYouNote.DUE_WITHIN,
            interview__ends_at__lte=now,
        ).order_by("due_at", "pk"),
        "upcoming": drafts.filter(
            due_at__gt=now + ThankYouNote.DUE_WITHIN, interview__ends_at__gt=now
        ).order_by("due_at", "pk"),
        "sent": sent.order_by("-sent_at", "-pk")[:20],
        "now": now,
        "due_within_hours": ThankYouNote.DUE_WITHIN_HOURS,
    }


def thank_you_note_for(user: User, interview_pk: int) -> ThankYouNote:
    qs = ThankYouNote.objects.filter(
        interview__in=access.interviews_visible_to(user)
    ).select_related(
        "interview__application__candidate",
        "interview__application__requisition",
        "interview__stage",
        "sent_by",
        "message",
    )
    return get_object_or_404(qs, interview_id=interview_pk)


def thank_you_note_of(interview: Interview) -> ThankYouNote | None:
    return ThankYouNote.objects.filter(interview=interview).first()


def notes_due_count(user: User) -> int:
    """Draft notes of interviews that took place, on the requisitions whose pipeline the
    user may change (the menu's count)."""
    requisitions = access.pipelines_changeable_by(user).order_by().values("pk")
    return ThankYouNote.objects.filter(
        status=ThankYouNote.Status.DRAFT,
        interview__status=Interview.Status.SCHEDULED,
        interview__ends_at__lte=timezone.now(),
        requisition_id__in=requisitions,
    ).count()
