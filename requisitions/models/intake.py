"""The intake: what the recruiter learns from the hiring manager, and its revisions."""

from django.conf import settings
from django.db import models

from requisitions.models.requisition import Requisition


class Intake(models.Model):
    """What the recruiter learns from the hiring manager before sourcing starts."""

    requisition = models.OneToOneField(Requisition, on_delete=models.CASCADE, related_name="intake")
    meeting_at = models.DateTimeField(null=True, blank=True)
    meeting_duration_minutes = models.PositiveSmallIntegerField(default=45)
    # iCalendar SEQUENCE: bumped whenever the meeting's time or attendees change, so
    # calendar clients replace the invite they already hold instead of duplicating it.
    meeting_sequence = models.PositiveIntegerField(default=0)
    meeting_attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+"
    )
    success_6_months = models.TextField("success after 6 months", blank=True)
    success_12_months = models.TextField("success after 12 months", blank=True)
    thrives_on_team = models.TextField("who thrives on the team", blank=True)
    team_dynamics = models.TextField(blank=True)
    business_goals = models.TextField(blank=True)
    last_person_in_role = models.TextField(
        "the last person in the role and why they left", blank=True
    )
    past_hire_not_worked = models.TextField(
        "a past hire that did not work out, and why", blank=True
    )
    deal_makers = models.TextField(blank=True)
    deal_breakers = models.TextField(blank=True)
    selling_points = models.TextField("selling points (why join)", blank=True)
    talent_market = models.TextField(
        "what the talent market offers, and the trade-offs agreed", blank=True
    )
    timeline = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # The intake's sections in the order the intake meeting covers them. The form, the
    # requisition page and the alignment agenda all lay the intake out from this one list.
    SECTIONS = (
        ("What success looks like", ("success_6_months", "success_12_months", "business_goals")),
        ("The team", ("thrives_on_team", "team_dynamics")),
        ("Lessons from the past", ("last_person_in_role", "past_hire_not_worked")),
        ("Deal makers and deal breakers", ("deal_makers", "deal_breakers")),
        ("Market and timeline", ("selling_points", "talent_market", "timeline")),
    )
    CONTENT_FIELDS = tuple(name for _, names in SECTIONS for name in names)

    MEETING_LABELS = {
        "meeting_at": "intake meeting time",
        "meeting_duration_minutes": "intake meeting length",
        "meeting_attendees": "intake meeting attendees",
    }

    def __str__(self) -> str:
        return f"Intake for {self.requisition}"

    @classmethod
    def field_label(cls, name: str) -> str:
        """How the intake's history names a field: "success after 6 months"."""
        return cls.MEETING_LABELS.get(name) or str(cls._meta.get_field(name).verbose_name)


class IntakeRevision(models.Model):
    """Every saved change to an intake, with its author and time."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="revisions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # {field: {"before": str, "after": str}} for the fields this revision changed.
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Intake change: {', '.join(self.changes) or 'nothing'}"
