"""The partnership of a recruiter and a hiring manager: agreement, pulse, health."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from hiring_hub.validators import validate_single_line
from requisitions.models.criteria import CriteriaVersion
from requisitions.models.requisition import Requisition


class PartnershipAgreement(models.Model):
    """What the recruiter and the hiring manager promise each other on one requisition. The
    recruiter proposes it; the hiring manager signs it together with the criteria. Defaults
    live in `requisitions.partnership.DEFAULT_TERMS`; a requisition without an agreement
    runs on those."""

    requisition = models.OneToOneField(
        Requisition, on_delete=models.CASCADE, related_name="partnership_agreement"
    )
    # The recruiter's commitments.
    first_shortlist_business_days = models.PositiveSmallIntegerField(
        "first shortlist within (business days of alignment)",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    check_in_weekly = models.BooleanField("a written note for each weekly check-in", default=True)
    candidate_update_days = models.PositiveSmallIntegerField(
        "candidates told about next steps within (days of an interview)",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    # The hiring manager's commitments.
    shortlist_review_business_days = models.PositiveSmallIntegerField(
        "shortlists reviewed within (business days)",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    scorecard_hours = models.PositiveSmallIntegerField(
        "scorecards within (hours of an interview)",
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )
    calibration_weeks = models.PositiveSmallIntegerField(
        "a calibration conversation every (weeks)",
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    # The criteria version it was signed with.
    signed_version = models.ForeignKey(
        CriteriaVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    TERM_FIELDS = (
        "first_shortlist_business_days",
        "check_in_weekly",
        "candidate_update_days",
        "shortlist_review_business_days",
        "scorecard_hours",
        "calibration_weeks",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(first_shortlist_business_days__gte=1)
                & Q(first_shortlist_business_days__lte=60)
                & Q(candidate_update_days__gte=1)
                & Q(candidate_update_days__lte=30)
                & Q(shortlist_review_business_days__gte=1)
                & Q(shortlist_review_business_days__lte=20)
                & Q(scorecard_hours__gte=1)
                & Q(scorecard_hours__lte=240)
                & Q(calibration_weeks__gte=1)
                & Q(calibration_weeks__lte=26),
                name="partnership_agreement_terms_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Partnership agreement for {self.requisition.title}"


class PartnershipAgreementChange(models.Model):
    """Every change to an agreement: who, when, and each term before and after."""

    agreement = models.ForeignKey(
        PartnershipAgreement, on_delete=models.CASCADE, related_name="changes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # {term: {"before": value, "after": value}}; "proposed"/"signed" changes have no terms.
    changes = models.JSONField(default=dict, blank=True)
    note = models.CharField(max_length=200, blank=True, validators=[validate_single_line])

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["agreement", "-created_at", "-id"], name="agreement_change_idx"),
        ]

    def __str__(self) -> str:
        return self.note or f"Agreement change: {', '.join(self.changes)}"


class PulseAnswer(models.Model):
    """The hiring manager's answer to "How is this search going for you?" for one week."""

    class Mood(models.TextChoices):
        ON_TRACK = "on_track", "On track"
        SOME_CONCERNS = "some_concerns", "Some concerns"
        OFF_TRACK = "off_track", "Off track"

    requisition = models.ForeignKey(
        Requisition, on_delete=models.CASCADE, related_name="pulse_answers"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    week_start = models.DateField(help_text="Monday of the check-in week the answer is for.")
    mood = models.CharField(max_length=20, choices=Mood.choices)
    comment = models.TextField(blank=True)
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["requisition", "-week_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["requisition", "respondent", "week_start"],
                name="pulse_one_answer_per_week",
            ),
        ]
        indexes = [
            models.Index(fields=["requisition", "-week_start"], name="pulse_requisition_week_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_mood_display()} on {self.requisition.title}, week of {self.week_start}"


class PartnershipHealth(models.Model):
    """The last computed health of a requisition's partnership, kept so that a turn for the
    worse prompts both people once and admins can scan every pair in one page."""

    class Level(models.TextChoices):
        GOOD = "good", "Healthy"
        WATCH = "watch", "Worth a look"
        BAD = "bad", "Needs a talk"

    requisition = models.OneToOneField(
        Requisition, on_delete=models.CASCADE, related_name="partnership_health"
    )
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.GOOD)
    reasons = models.JSONField(default=list, blank=True)
    computed_at = models.DateTimeField()
    # When it last turned bad: one prompt to talk per turn.
    bad_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["level", "-computed_at"], name="partnership_health_level_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.requisition.title}: {self.get_level_display()}"
