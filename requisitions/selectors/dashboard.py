"""What needs a person's attention on requisitions, for their home page."""

from __future__ import annotations

from django.db.models import DateTimeField, F, Func, Q, QuerySet

from hiring_hub import access
from hiring_hub.models import Role, User
from hiring_hub.selectors import home_visible_requisitions
from requisitions import partnership
from requisitions.models import CheckIn, CriteriaVersion, Requisition
from requisitions.retrospectives import retrospectives_waiting_on

# What templates/requisitions/_dashboard_panel.html reads of each row (its status badge
# reads status and realignment_needed): whole rows cost planning and ORM time on every home.
_REQUISITION_FIELDS = ("title", "status", "realignment_needed", "created_at")


class _DraftSince(Func):
    """When the requisition's latest draft criteria version (highest number, as the
    model's ordering reads it) was created, as a scalar subquery written out: a Subquery
    of a queryset is resolved and compiled again in every request."""

    arity = 1
    output_field = DateTimeField()

    def as_sql(self, compiler, connection, **extra_context):
        requisition, params = compiler.compile(self.source_expressions[0])
        q = connection.ops.quote_name
        sql = (
            f"(SELECT hh_cv.{q('created_at')} FROM {q(CriteriaVersion._meta.db_table)} hh_cv"
            f" WHERE hh_cv.{q('requisition_id')} = {requisition} AND hh_cv.{q('status')} = %s"
            f" ORDER BY hh_cv.{q('number')} DESC LIMIT 1)"
        )
        return sql, [*params, str(CriteriaVersion.Status.DRAFT)]


def _to_sign(visible: QuerySet, user: User) -> list[Requisition]:
    """The manager's requisitions whose draft criteria wait for their sign-off."""
    awaiting = Q(
        criteria_versions__status=CriteriaVersion.Status.DRAFT,
        criteria_versions__criteria__isnull=False,
    )
    return list(
        visible.filter(awaiting, hiring_manager_id=user.pk)
        .only("title")
        .distinct()
        .annotate(waiting_since=_DraftSince(F("pk")))
        .order_by("title")[:10]
    )


def _check_ins(visible: QuerySet, user: User) -> list[CheckIn]:
    """Compiled reports the manager has not acknowledged yet, oldest first."""
    return list(
        CheckIn.objects.filter(
            requisition__in=visible.filter(hiring_manager_id=user.pk),
            compiled_at__isnull=False,
            acknowledged_at__isnull=True,
        )
        .select_related("requisition")
        .only("week_start", "compiled_at", "requisition__title")
        .order_by("compiled_at", "pk")[:10]
    )


def dashboard_panel(user: User) -> dict:
    """What needs this person's attention on requisitions: for a hiring manager, criteria
    waiting for their sign-off and weekly check-ins to acknowledge; for a recruiter, their
    searches waiting for re-alignment or still before alignment."""
    panel = {
        "retrospectives": list(
            retrospectives_waiting_on(user).only("invited_at", "requisition__title")[:10]
        ),
        "to_sign": [],
        "check_ins": [],
        "realignment": [],
        "before_alignment": [],
        # Partnerships that turned bad: a prompt to talk, to both people.
        "talks": list(partnership.talks_waiting_on(user).only("reasons", "requisition__title")[:10])
        if user.is_authenticated and user.role in (Role.RECRUITER, Role.HIRING_MANAGER)
        else [],
    }
    # A hiring manager signs off and acknowledges; a recruiter re-aligns and aligns: no
    # query (nor queryset built) for what the user's role cannot have waiting.
    manages, recruits = access.reviews_shortlists(user), access.can_manage_candidates(user)
    if not (manages or recruits):
        return panel
    visible = home_visible_requisitions(user).open()
    if manages:
        panel["to_sign"] = _to_sign(visible, user)
        panel["check_ins"] = _check_ins(visible, user)
    if recruits:
        mine = visible.filter(recruiter_id=user.pk).only(*_REQUISITION_FIELDS).order_by("title")
        panel["realignment"] = list(
            mine.filter(realignment_needed=True)
            .select_related("hiring_manager")
            .only(*_REQUISITION_FIELDS, "hiring_manager__full_name")[:10]
        )
        before = Requisition.Status.before_alignment_values()
        panel["before_alignment"] = list(mine.filter(status__in=before)[:10])
    return panel
