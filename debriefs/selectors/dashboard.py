"""What waits on a person among interviews, for the home page.

Each list loads the columns its panel shows (`only`): the home runs a dozen of these
queries, and whole rows of five joined tables cost planning and ORM time on every visit."""

from __future__ import annotations

from django.db.models import CharField, Count, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from candidates.models import Application
from debriefs.models import Interview, Scorecard, ThankYouNote
from debriefs.selectors.debriefs import debriefs_waiting
from debriefs.selectors.interviews import scorecards_to_write, upcoming_interviews_of
from hiring_hub import access
from hiring_hub.models import User

DASHBOARD_ITEMS = 10


_TOTAL = Window(Count("pk"))
# What templates/debriefs/_dashboard_panel.html reads of each row.
_TO_WRITE_FIELDS = (
    "interview__starts_at",
    "interview__application__candidate__full_name",
    "interview__stage__name",
)
_UPCOMING_FIELDS = (
    "starts_at",
    "application__candidate__full_name",
    "application__requisition__title",
    "stage__name",
)
_FOLLOW_UP_FIELDS = (
    "next_update_promised_by",
    "last_candidate_update_at",
    "candidate__full_name",
    "requisition__title",
)
_DEBRIEF_FIELDS = ("candidate__full_name", "requisition__title", "requisition__hiring_manager")


def _shown_as(user_ref: str) -> Subquery:
    """The user `user_ref` points to as they print (User.__str__: their name, or their
    email without one), by a subquery run for the rows shown only: joining the user table
    twice more cost the planner more than the whole query runs."""
    shown = Coalesce(NullIf("full_name", Value("")), "email", output_field=CharField())
    return Subquery(User.objects.filter(pk=OuterRef(user_ref)).values(shown=shown)[:1])


def _thank_you_counts(user: User, now) -> dict:
    """Draft thank-you notes of interviews that have ended, on the requisitions whose
    pipeline the user may change, overdue and still due. The drafts are few
    (thank_you_draft_idx): the query starts from them and checks each one's interview and
    requisition, instead of reading every interview of the user's requisitions."""
    requisitions = access.pipelines_changeable_by(user).order_by().values("pk")
    drafts = ThankYouNote.objects.filter(
        status=ThankYouNote.Status.DRAFT,
        interview__status=Interview.Status.SCHEDULED,
        interview__ends_at__lte=now,
        interview__application__requisition_id__in=requisitions,
    )
    return drafts.aggregate(
        overdue=Count("pk", filter=Q(due_at__lt=now)),
        due=Count("pk", filter=Q(due_at__gte=now)),
    )


def dashboard_panel(user: User) -> dict:
    """What waits on the user among interviews: their upcoming interviews and scorecards
    due (everyone); thank-you notes due and overdue and follow-ups promised on the
    requisitions whose pipeline they may change (recruiters); debriefs waiting for a
    decision (recruiters, hiring managers). Lists show their first DASHBOARD_ITEMS."""
    now = timezone.now()
    # The first rows and, beside each, the count of all of them (a window over the rows
    # before the LIMIT): one query for a list and its total.
    to_write = list(
        scorecards_to_write(user).only(*_TO_WRITE_FIELDS).annotate(total=_TOTAL)[:DASHBOARD_ITEMS]
    )
    panel = {
        "upcoming": list(upcoming_interviews_of(user).only(*_UPCOMING_FIELDS)[:DASHBOARD_ITEMS]),
        "to_write": to_write,
        "scorecards_to_write": to_write[0].total if to_write else 0,
    }
    if access.can_manage_thank_you_notes(user):
        counts = _thank_you_counts(user, now)
        panel["thank_you_overdue"] = counts["overdue"]
        panel["thank_you_due"] = counts["due"]
    if access.can_manage_candidates(user):
        # Updates promised to candidates by a date that has come, on the requisitions whose
        # pipeline the user may change (application_req_stage_idx scopes them first).
        requisitions = access.pipelines_changeable_by(user).order_by().values("pk")
        panel["follow_ups"] = list(
            Application.objects.filter(
                requisition_id__in=requisitions,
                next_update_promised_by__lte=timezone.localdate(),
            )
            .exclude(stage__in=Application.Stage.closed_values())
            .select_related("candidate", "requisition")
            .only(*_FOLLOW_UP_FIELDS)
            .order_by("next_update_promised_by", "pk")[:DASHBOARD_ITEMS]
        )
    if access.waits_for_debriefs(user):
        waiting = debriefs_waiting(user)
        last_submitted = Scorecard.objects.filter(
            interview__application_id=OuterRef("pk"), status=Scorecard.Status.SUBMITTED
        ).order_by("-submitted_at")
        panel["debriefs"] = list(
            waiting.annotate(
                waiting_since=Subquery(last_submitted.values("submitted_at")[:1]),
                hiring_manager_shown=_shown_as("requisition__hiring_manager_id"),
                recruiter_shown=_shown_as("requisition__recruiter_id"),
                total=_TOTAL,
            ).only(*_DEBRIEF_FIELDS)[:DASHBOARD_ITEMS]
        )
        panel["debriefs_waiting"] = panel["debriefs"][0].total if panel["debriefs"] else 0
    return panel
