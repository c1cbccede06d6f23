"""Requisitions: intake, criteria versions and sign-off, alignment, interview plan, check-ins."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from hiring_hub.validators import validate_single_line


class RequisitionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Requisition.Status.open_values())


class Requisition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        INTAKE = "intake", "Intake"
        ALIGNED = "aligned", "Aligned"
        SOURCING = "sourcing", "Sourcing"
        INTERVIEWING = "interviewing", "Interviewing"
        OFFER = "offer", "Offer"
        FILLED = "filled", "Filled"
        ON_HOLD = "on_hold", "On hold"
        CANCELLED = "cancelled", "Cancelled"

        @classmethod
        def open_values(cls) -> list[str]:
            return [s for s in cls.values if s not in (cls.FILLED, cls.CANCELLED)]

        @classmethod
        def read_only_values(cls) -> list[str]:
            """Statuses where the search is stopped: only notes, closing the loop with
            candidates and reopening (resuming a hold) still make sense."""
            return [cls.FILLED, cls.CANCELLED, cls.ON_HOLD]

        @classmethod
        def before_alignment_values(cls) -> list[str]:
            """Statuses before the hiring manager signed off the criteria: candidates may
            be sourced (with a warning), but shortlists, interviews and offers wait."""
            return [cls.DRAFT, cls.INTAKE]

        @classmethod
        def forward_path(cls) -> list[str]:
            """The order the search moves in once aligned; the work moves it along."""
            return [cls.ALIGNED, cls.SOURCING, cls.INTERVIEWING, cls.OFFER, cls.FILLED]

    class EmploymentType(models.TextChoices):
        FULL_TIME = "full_time", "Full-time"
        PART_TIME = "part_time", "Part-time"
        CONTRACT = "contract", "Contract"
        INTERNSHIP = "internship", "Internship"

    title = models.CharField(max_length=200, validators=[validate_single_line])
    team = models.CharField(max_length=120, validators=[validate_single_line])
    location = models.CharField(max_length=120, validators=[validate_single_line])
    employment_type = models.CharField(
        max_length=20, choices=EmploymentType.choices, default=EmploymentType.FULL_TIME
    )
    headcount = models.PositiveSmallIntegerField(default=1)
    salary_min = models.PositiveIntegerField(null=True, blank=True)
    salary_max = models.PositiveIntegerField(null=True, blank=True)
    salary_currency = models.CharField(
        max_length=3, default="USD", validators=[validate_single_line]
    )
    target_start_date = models.DateField(null=True, blank=True)
    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="recruited_requisitions"
    )
    hiring_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="managed_requisitions"
    )
    hiring_team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="interviewing_requisitions"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    # The status before an on-hold, so that resuming returns to it.
    status_before_hold = models.CharField(max_length=20, choices=Status.choices, blank=True)
    realignment_needed = models.BooleanField(default=False)
    opened_at = models.DateTimeField(null=True, blank=True)
    filled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RequisitionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # The list, newest first, and by status.
            models.Index(fields=["-created_at", "-id"], name="requisition_created_idx"),
            models.Index(fields=["status", "-created_at"], name="requisition_status_idx"),
            models.Index(fields=["target_start_date", "title"], name="requisition_target_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(headcount__gte=1), name="requisition_headcount_positive"
            ),
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=F("salary_max")),
                name="requisition_salary_band_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.team})"

    @property
    def is_read_only(self) -> bool:
        return self.status in self.Status.read_only_values()

    @property
    def is_before_alignment(self) -> bool:
        return self.status in self.Status.before_alignment_values()

    def read_only_message(self) -> str:
        if self.status == self.Status.ON_HOLD:
            return f"{self.title} is on hold: resume it before changing the search."
        return f"{self.title} is {self.get_status_display().lower()}: it is read-only now."

    def before_alignment_message(self, work: str) -> str:
        return (
            f"{work} wait for alignment: {self.title} is still "
            f"{self.get_status_display().lower()}, and the hiring manager signs off the "
            "criteria before the search goes further."
        )


class RequisitionEvent(models.Model):
    """One line of a requisition's timeline: who changed what, when."""

    requisition = models.ForeignKey(Requisition, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=40)
    message = models.TextField()
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["requisition", "-created_at", "-id"], name="requisition_event_timeline_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.message


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

    def __str__(self) -> str:
        return f"Intake for {self.requisition}"


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


class CriteriaVersion(models.Model):
    """A numbered set of criteria. A signed version is frozen; edits start a new draft."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SIGNED = "signed", "Signed off"

    requisition = models.ForeignKey(
        Requisition, on_delete=models.CASCADE, related_name="criteria_versions"
    )
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    persona = models.TextField("candidate persona", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["requisition", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["requisition", "number"], name="criteria_version_number_unique"
            ),
            models.UniqueConstraint(
                fields=["requisition"],
                condition=Q(status="draft"),
                name="criteria_version_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(signed_at__isnull=False),
                name="criteria_version_signed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requisition.title} criteria v{self.number} ({self.get_status_display()})"

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED


class Criterion(models.Model):
    class Kind(models.TextChoices):
        MUST_HAVE = "must_have", "Must-have"
        NICE_TO_HAVE = "nice_to_have", "Nice-to-have"
        DEAL_BREAKER = "deal_breaker", "Deal-breaker"

    class Category(models.TextChoices):
        SKILL = "skill", "Skill"
        EXPERIENCE = "experience", "Experience"
        MOTIVATION = "motivation", "Motivation"
        TEAM_FIT = "team_fit", "Team fit"
        OTHER = "other", "Other"

    version = models.ForeignKey(CriteriaVersion, on_delete=models.CASCADE, related_name="criteria")
    # Stable across versions: a criterion copied into a new draft keeps its key, so
    # diffs, interview stages and assessments can follow it from version to version.
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, validators=[validate_single_line])
    kind = models.CharField(max_length=20, choices=Kind.choices)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.SKILL)
    definition = models.TextField("what good looks like here", blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "order", "id"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(
                fields=["version", "key"], name="criterion_key_unique_in_version"
            ),
            models.CheckConstraint(
                condition=~Q(kind="must_have") | ~Q(definition=""),
                name="criterion_must_have_defined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class AlignmentMeeting(models.Model):
    requisition = models.ForeignKey(
        Requisition, on_delete=models.CASCADE, related_name="alignment_meetings"
    )
    scheduled_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=45)
    # iCalendar SEQUENCE, see Intake.meeting_sequence.
    sequence = models.PositiveIntegerField(default=0)
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    agenda = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    decisions = models.TextField(blank=True)
    # The criteria version the hiring manager signed off at this meeting, if any.
    signed_version = models.ForeignKey(
        CriteriaVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-scheduled_at"]

    def __str__(self) -> str:
        day = timezone.localtime(self.scheduled_at)
        return f"Alignment meeting for {self.requisition.title} on {day:%Y-%m-%d}"


class InterviewStage(models.Model):
    requisition = models.ForeignKey(
        Requisition, on_delete=models.CASCADE, related_name="interview_stages"
    )
    name = models.CharField(max_length=120, validators=[validate_single_line])
    order = models.PositiveSmallIntegerField(default=0)
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    interviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # Criterion keys (stable across versions) this stage assesses.
    criterion_keys = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["requisition", "order", "id"]
        constraints = [
            # Two stages added at once must not both become "last + 1".
            models.UniqueConstraint(
                fields=["requisition", "order"],
                name="interview_stage_order_unique",
                violation_error_message="Another stage of this plan already has that position.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.requisition.title})"


class CheckIn(models.Model):
    """The weekly status report of one requisition: the shared document updated weekly."""

    requisition = models.ForeignKey(Requisition, on_delete=models.CASCADE, related_name="check_ins")
    week_start = models.DateField(help_text="Monday of the week the report covers.")
    recruiter_note = models.TextField(blank=True)
    # The figures as they stood when the report was compiled (stages, shortlists, ...).
    snapshot = models.JSONField(default=dict, blank=True)
    compiled_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    manager_agenda = models.TextField("agenda points for the next conversation", blank=True)

    class Meta:
        ordering = ["requisition", "-week_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["requisition", "week_start"], name="check_in_one_per_week"
            ),
        ]

    def __str__(self) -> str:
        return f"Check-in for {self.requisition.title}, week of {self.week_start}"


class TeamProfile(models.Model):
    """What is known about a hiring manager's team, kept between searches: a new
    requisition for this manager starts its intake from it. Changes are audited."""

    hiring_manager = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_profile"
    )
    team_dynamics = models.TextField(blank=True)
    thrives_on_team = models.TextField("who thrives on the team", blank=True)
    past_hires = models.TextField("lessons from past hires", blank=True)
    past_searches = models.TextField("lessons from past searches", blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    CONTENT_FIELDS = ("team_dynamics", "thrives_on_team", "past_hires", "past_searches")

    def __str__(self) -> str:
        return f"Team profile of {self.hiring_manager}"


class TeamProfileLesson(models.Model):
    """A dated lesson appended to a team profile, e.g. from a search's retrospective."""

    profile = models.ForeignKey(TeamProfile, on_delete=models.CASCADE, related_name="lessons")
    requisition = models.ForeignKey(
        Requisition, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    what_worked = models.TextField(blank=True)
    what_to_change = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["profile", "-created_at", "-id"], name="team_profile_lesson_idx"),
        ]

    def __str__(self) -> str:
        return f"Lesson for {self.profile}"


class Retrospective(models.Model):
    """One person's answers to the short retrospective of a filled requisition: the
    recruiter and the hiring manager each get one when the requisition is filled."""

    requisition = models.ForeignKey(
        Requisition, on_delete=models.CASCADE, related_name="retrospectives"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="retrospectives"
    )
    what_worked = models.TextField(blank=True)
    what_to_change = models.TextField(blank=True)
    invited_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requisition", "invited_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["requisition", "person"], name="retrospective_one_per_person"
            ),
        ]
        indexes = [
            # The home inbox: retrospectives still waiting on a person.
            models.Index(
                fields=["person", "invited_at"],
                condition=Q(submitted_at__isnull=True),
                name="retrospective_waiting_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Retrospective of {self.requisition.title} by {self.person}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


# --- The partnership: agreement, pulse, health ----------------------------------------------
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
