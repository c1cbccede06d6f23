"""Debriefs: interviews, independent scorecards, debrief decisions, thank-you notes, follow-ups."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.text import Truncator

from hiring_hub.validators import validate_single_line


def _person() -> models.ForeignKey:
    """Who did something (scheduled, decided, sent, wrote); the record stays if they leave."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


def _outbound_message() -> models.ForeignKey:
    """The email itself, for something emailed from Hiring Hub: whether it has actually left."""
    return models.ForeignKey(
        "hiring_hub.OutboundMessage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class InterviewStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class Interview(models.Model):
    # Module level too, so that Meta's conditions below can name the members.
    Status = InterviewStatus

    application = models.ForeignKey(
        "candidates.Application", on_delete=models.CASCADE, related_name="interviews"
    )
    stage = models.ForeignKey(
        "requisitions.InterviewStage", on_delete=models.PROTECT, related_name="interviews"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    interviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="interviews")
    location = models.CharField(max_length=200, blank=True, validators=[validate_single_line])
    video_link = models.URLField(blank=True)
    # What the candidate was told: "you will hear from us by <date>".
    next_steps_promised_by = models.DateField(null=True, blank=True)
    next_steps_message = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    # iCalendar SEQUENCE: bumped on each reschedule so calendars update the invite.
    sequence = models.PositiveIntegerField(default=0)
    created_by = _person()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="interview_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["starts_at", "id"], name="interview_starts_at_idx"),
            models.Index(fields=["application", "starts_at"], name="interview_application_idx"),
            # Upcoming interviews (not ended, not cancelled): a range of a few, not a walk
            # through every past interview by start.
            models.Index(
                fields=["ends_at"],
                condition=Q(status=InterviewStatus.SCHEDULED),
                name="interview_scheduled_end_idx",
            ),
            # The home's debriefs waiting: an application's scheduled interviews and their
            # stages, read from the index alone (with the id its scorecards are looked up
            # by) for each of a recruiter's several hundred applications in interviews.
            models.Index(
                fields=["application", "stage", "id"],
                condition=Q(status=InterviewStatus.SCHEDULED),
                name="interview_scheduled_app_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stage.name} with {self.application.candidate}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class Rating(models.IntegerChoices):
    """Four-point scale used for criterion ratings and recommendations."""

    STRONG_NO = 1, "Strong no"
    NO = 2, "No"
    YES = 3, "Yes"
    STRONG_YES = 4, "Strong yes"

    @classmethod
    def deal_breaker_label(cls, value: int) -> str:
        """A deal-breaker names a trait to avoid: a high rating means it was not seen."""
        return {
            cls.STRONG_NO: "Present",
            cls.NO: "Some signs",
            cls.YES: "Not observed",
            cls.STRONG_YES: "Clearly absent",
        }[value]


class ScorecardStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"


class Scorecard(models.Model):
    # Module level too, so that Meta's conditions below can name the members.
    Status = ScorecardStatus
    # What an interviewer reports, field by field (criterion ratings and the criteria to
    # explore are rows of their own): the form, the amendment record and the admin list these.
    REPORT_FIELDS = (
        "hard_skills",
        "soft_skills",
        "skills_evidence_strength",
        "enthusiasm",
        "enthusiasm_signals",
        "team_fit",
        "team_fit_behaviour",
        "explore_further",
        "explore_people",
        "recommendation",
    )

    class EvidenceStrength(models.TextChoices):
        WEAK = "weak", "Weak"
        MODERATE = "moderate", "Moderate"
        STRONG = "strong", "Strong"

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="scorecards")
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="scorecards"
    )
    criteria_version = models.ForeignKey(
        "requisitions.CriteriaVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    hard_skills = models.TextField(blank=True)
    soft_skills = models.TextField(blank=True)
    skills_evidence_strength = models.CharField(
        max_length=10, choices=EvidenceStrength.choices, blank=True
    )
    enthusiasm = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)
    enthusiasm_signals = models.TextField(blank=True)
    team_fit = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)
    team_fit_behaviour = models.TextField("observed behaviour", blank=True)
    explore_further = models.TextField("what to explore at the next stage", blank=True)
    explore_criteria = models.ManyToManyField(
        "requisitions.Criterion", blank=True, related_name="+"
    )
    explore_people = models.TextField("people the candidate should meet", blank=True)
    recommendation = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["interview", "interviewer"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "interviewer"], name="scorecard_one_per_interviewer"
            ),
            models.CheckConstraint(
                condition=Q(status=ScorecardStatus.DRAFT)
                | (Q(submitted_at__isnull=False) & Q(recommendation__isnull=False)),
                name="scorecard_submitted_complete",
            ),
        ]
        indexes = [
            # Scorecards to write (drafts of one interviewer).
            models.Index(
                fields=["interviewer"],
                condition=Q(status=ScorecardStatus.DRAFT),
                name="scorecard_draft_idx",
            ),
            # Debriefs waiting: submitted scorecards of an interview.
            models.Index(
                fields=["interview"],
                condition=Q(status=ScorecardStatus.SUBMITTED),
                name="scorecard_submitted_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Scorecard by {self.interviewer} for {self.interview}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class CriterionRating(models.Model):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="ratings")
    criterion = models.ForeignKey(
        "requisitions.Criterion", on_delete=models.PROTECT, related_name="+"
    )
    # Null means "no evidence".
    rating = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "criterion"], name="criterion_rating_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.get_rating_display() or 'No evidence'}"


class ScorecardAmendment(models.Model):
    """A change made to a scorecard after it was submitted, kept visible."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="amendments")
    author = _person()
    reason = models.TextField(blank=True)
    # {field: {"before": ..., "after": ...}}
    changes = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        changed = ", ".join(self.changes) or "nothing"
        return f"Amendment by {self.author or 'someone'}: {changed}"


class DebriefDecision(models.Model):
    class Decision(models.TextChoices):
        ADVANCE = "advance", "Advance to the next stage"
        REJECT = "reject", "Reject"
        HOLD = "hold", "Hold"
        OFFER = "offer", "Move to offer"

    application = models.ForeignKey(
        "candidates.Application", on_delete=models.CASCADE, related_name="debrief_decisions"
    )
    # The stage whose interviews were debriefed.
    stage = models.ForeignKey(
        "requisitions.InterviewStage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    rationale = models.TextField()
    # The "explore further" items carried to the next stage's interviewers.
    next_stage_focus = models.TextField(blank=True)
    decided_by = _person()
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [
            models.Index(fields=["application", "stage"], name="debrief_decision_stage_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.application.candidate}"


class ThankYouNoteStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Emailed from Hiring Hub"
    MARKED_SENT = "marked_sent", "Sent another way"


class ThankYouNote(models.Model):
    Status = ThankYouNoteStatus
    # A thank-you note is due this long after the interview ends (then shown as overdue).
    DUE_WITHIN_HOURS = 24
    DUE_WITHIN = dt.timedelta(hours=DUE_WITHIN_HOURS)

    interview = models.OneToOneField(
        Interview, on_delete=models.CASCADE, related_name="thank_you_note"
    )
    # The interview's requisition (fixed: an interview never changes application, nor an
    # application requisition), so a recruiter's drafts are found by requisition without
    # reading every interview.
    requisition = models.ForeignKey(
        "requisitions.Requisition",
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    subject = models.CharField(max_length=200, validators=[validate_single_line])
    body = models.TextField()
    due_at = models.DateTimeField(help_text=f"{DUE_WITHIN_HOURS} hours after the interview ends.")
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = _person()
    message = _outbound_message()

    class Meta:
        ordering = ["due_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ThankYouNoteStatus.DRAFT) | Q(sent_at__isnull=False),
                name="thank_you_note_sent_has_time",
            ),
        ]
        indexes = [
            # Drafts by due time; sent notes, latest first.
            models.Index(
                fields=["due_at", "id"],
                condition=Q(status=ThankYouNoteStatus.DRAFT),
                name="thank_you_draft_idx",
            ),
            models.Index(
                fields=["-sent_at", "-id"],
                condition=~Q(status=ThankYouNoteStatus.DRAFT),
                name="thank_you_sent_idx",
            ),
            # A recruiter's drafts: by requisition, then due time.
            models.Index(
                fields=["requisition", "due_at"],
                condition=Q(status=ThankYouNoteStatus.DRAFT),
                name="thank_you_draft_req_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Thank-you note: {self.subject}"

    @classmethod
    def due_at_for(cls, interview: Interview) -> dt.datetime:
        """The 24-hour rule: thank the candidate within a day of the interview's end."""
        return interview.ends_at + cls.DUE_WITHIN

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class CandidateUpdate(models.Model):
    """An update given to the candidate, which keeps (and may renew) the follow-up promise."""

    class Channel(models.TextChoices):
        EMAIL = "email", "Email from Hiring Hub"
        CALL = "call", "Phone call"
        OTHER = "other", "Other"

    application = models.ForeignKey(
        "candidates.Application", on_delete=models.CASCADE, related_name="candidate_updates"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    subject = models.CharField(max_length=200, blank=True, validators=[validate_single_line])
    body = models.TextField()
    next_update_promised_by = models.DateField(null=True, blank=True)
    author = _person()
    created_at = models.DateTimeField(auto_now_add=True)
    message = _outbound_message()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.subject or Truncator(self.body).chars(60)}"
