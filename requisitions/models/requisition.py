"""The requisition itself, its status machine and its timeline."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from hiring_hub.validators import validate_single_line


class RequisitionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Requisition.Status.open_values())

    def open_aligned(self):
        """Open searches whose criteria the hiring manager signed off."""
        return self.open().exclude(status__in=Requisition.Status.before_alignment_values())


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
        def steps(cls) -> list[str]:
            """The order the search moves forward in, one step at a time."""
            return [
                cls.DRAFT,
                cls.INTAKE,
                cls.ALIGNED,
                cls.SOURCING,
                cls.INTERVIEWING,
                cls.OFFER,
                cls.FILLED,
            ]

        @classmethod
        def step_backs(cls) -> dict[str, str]:
            """Where the search may step back to: more sourcing needed, an offer declined."""
            return {cls.INTERVIEWING: cls.SOURCING, cls.OFFER: cls.INTERVIEWING}

        @classmethod
        def forward_path(cls) -> list[str]:
            """The steps the work moves the search along by itself, once aligned."""
            steps = cls.steps()
            return steps[steps.index(cls.ALIGNED) :]

        @classmethod
        def transitions(cls) -> dict[str, set[str]]:
            """The status machine: where each status may move to, one step forward or
            a step back. On hold and cancelled come on top, see allowed_transitions()."""
            moves: dict[str, set[str]] = {status: set() for status in cls.values}
            steps = cls.steps()
            for here, after in zip(steps, steps[1:], strict=False):
                moves[here].add(after)
            for here, back in cls.step_backs().items():
                moves[here].add(back)
            return moves

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

    # What the recruiter fills in and edits: the form, the services and the timeline use
    # this one list.
    EDITABLE_FIELDS = (
        "title",
        "team",
        "location",
        "employment_type",
        "headcount",
        "salary_min",
        "salary_max",
        "salary_currency",
        "target_start_date",
        "recruiter",
        "hiring_manager",
    )

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

    def clean(self) -> None:
        if (
            self.salary_min is not None
            and self.salary_max is not None
            and self.salary_min > self.salary_max
        ):
            raise ValidationError(
                {"salary_max": "The top of the band must not be below the bottom."}
            )

    def allowed_transitions(self) -> list[str]:
        """The statuses this requisition may move to now: the next step or a step back,
        on hold and cancelled from any open status; resuming from hold returns to where
        the search was."""
        S = self.Status
        if self.status == S.ON_HOLD:
            targets = {self.status_before_hold or S.DRAFT, S.CANCELLED}
        else:
            targets = S.transitions()[self.status]
            if self.status in S.open_values():
                targets |= {S.ON_HOLD, S.CANCELLED}
        return [status for status in S.values if status in targets]

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

    class Kind(models.TextChoices):
        CREATED = "created", "Opened"
        DETAILS = "details", "Details"
        STATUS = "status", "Status"
        INTAKE = "intake", "Intake"
        INTAKE_PREFILLED = "intake_prefilled", "Intake prefilled"
        CRITERIA = "criteria", "Criteria"
        REALIGNMENT = "realignment", "Re-alignment"
        SIGN_OFF = "sign_off", "Sign-off"
        SIGN_OFF_CHANGES = "sign_off_changes", "Changes requested"
        ALIGNMENT = "alignment", "Alignment meeting"
        PLAN = "plan", "Interview plan"
        PARTNERSHIP = "partnership", "Partnership"
        RETROSPECTIVE = "retrospective", "Retrospective"
        SHORTLIST = "shortlist", "Shortlist"
        INTERVIEW = "interview", "Interview"
        DEBRIEF = "debrief", "Debrief"

    requisition = models.ForeignKey(Requisition, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)
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
