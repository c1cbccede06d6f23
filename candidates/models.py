"""Candidates: people, their applications, assessments, shortlists and offers."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.text import Truncator

from hiring_hub.indexes import UpperTrigramIndex
from hiring_hub.validators import validate_single_line


def resume_upload_to(instance, filename: str) -> str:
    return f"resumes/{instance.pk or 'new'}/{filename}"


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True, validators=[validate_single_line])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Candidate(models.Model):
    class Source(models.TextChoices):
        SOURCED = "sourced", "Sourced"
        REFERRAL = "referral", "Referral"
        INBOUND = "inbound", "Applied"
        AGENCY = "agency", "Agency"
        EVENT = "event", "Event"
        OTHER = "other", "Other"

    full_name = models.CharField(max_length=150, validators=[validate_single_line])
    email = models.EmailField(validators=[validate_single_line])
    phone = models.CharField(max_length=40, blank=True, validators=[validate_single_line])
    location = models.CharField(max_length=120, blank=True, validators=[validate_single_line])
    links = models.TextField(blank=True, help_text="One link per line (LinkedIn, portfolio, ...).")
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.SOURCED)
    tags = models.ManyToManyField(Tag, blank=True, related_name="candidates")
    notes = models.TextField(blank=True)
    resume = models.FileField(upload_to=resume_upload_to, blank=True)
    resume_content_type = models.CharField(max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when the person's data was erased (on request or by the retention job): what is
    # left is the aggregate history of their applications, under a placeholder name.
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="candidate_email_ci_unique"),
        ]
        indexes = [
            models.Index(fields=["full_name", "id"], name="candidate_name_idx"),
            # Candidate search (icontains on each): trigram indexes on PostgreSQL.
            UpperTrigramIndex(field="full_name", name="candidate_name_trgm"),
            UpperTrigramIndex(field="email", name="candidate_email_trgm"),
            UpperTrigramIndex(field="location", name="candidate_location_trgm"),
            # The retention job: candidates not yet erased, least recently changed first.
            models.Index(
                fields=["updated_at"],
                condition=Q(erased_at__isnull=True),
                name="candidate_retention_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @classmethod
    def holding_email(cls, email: str, *, exclude_pk: int | None = None) -> "Candidate | None":
        """The candidate who already has this email address, whatever its case (one person
        per address)."""
        candidates = cls.objects.filter(email__iexact=email.strip())
        if exclude_pk:
            candidates = candidates.exclude(pk=exclude_pk)
        return candidates.first()

    @property
    def resume_previewable(self) -> bool:
        """Only a PDF résumé opens in the browser; every other type downloads."""
        from candidates.resumes import PDF

        return bool(self.resume) and self.resume_content_type == PDF


class ApplicationStage(models.TextChoices):
    """An application's pipeline stage (Application.Stage); defined at module level so the
    constraints below can name its members."""

    SOURCED = "sourced", "Sourced"
    SCREENING = "screening", "Screening"
    SHORTLISTED = "shortlisted", "Shortlisted"
    MANAGER_REVIEW = "manager_review", "Hiring-manager review"
    INTERVIEWING = "interviewing", "Interviewing"
    OFFER = "offer", "Offer"
    HIRED = "hired", "Hired"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"

    @classmethod
    def closed_values(cls) -> list[str]:
        """Stages where the application is over: nothing more is due for it."""
        return [cls.HIRED, cls.REJECTED, cls.WITHDRAWN]

    @classmethod
    def reason_required_values(cls) -> list[str]:
        """Stages an application only moves to with a reason (kept on the application)."""
        return [cls.REJECTED, cls.WITHDRAWN]

    @classmethod
    def reopen_values(cls) -> list[str]:
        """Stages a rejected or withdrawn application may be re-opened to."""
        return [cls.SOURCED, cls.SCREENING]

    @classmethod
    def shortlistable_values(cls) -> list[str]:
        """Stages from which a recruiter may send the application in a shortlist."""
        return [cls.SOURCED, cls.SCREENING, cls.SHORTLISTED]

    @classmethod
    def offer_ready_values(cls) -> list[str]:
        """Stages from which an application may move to an offer (an offer is drafted)."""
        return [cls.INTERVIEWING, cls.MANAGER_REVIEW]

    @classmethod
    def manager_visible_values(cls) -> list[str]:
        """Stages from the shortlist on, when a hiring manager may see the candidate."""
        return [
            cls.SHORTLISTED,
            cls.MANAGER_REVIEW,
            cls.INTERVIEWING,
            cls.OFFER,
            cls.HIRED,
        ]


class Application(models.Model):
    Stage = ApplicationStage

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="applications")
    requisition = models.ForeignKey(
        "requisitions.Requisition", on_delete=models.CASCADE, related_name="applications"
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.SOURCED)
    # Set once the application has reached the shortlist; a hiring manager keeps
    # seeing a candidate they reviewed even after a later rejection.
    shortlisted_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.TextField(blank=True, help_text="Why rejected or withdrawn.")
    stage_changed_at = models.DateTimeField(auto_now_add=True)
    # Follow-ups: when the candidate last heard from us and when we promised the next update.
    last_candidate_update_at = models.DateTimeField(null=True, blank=True)
    next_update_promised_by = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "requisition"], name="application_unique_per_requisition"
            ),
            models.CheckConstraint(
                condition=~Q(stage__in=ApplicationStage.reason_required_values())
                | ~Q(closed_reason=""),
                name="application_closed_has_reason",
            ),
        ]
        indexes = [
            # Pipeline and stage counts of a requisition; debriefs waiting (interviewing).
            models.Index(fields=["requisition", "stage"], name="application_req_stage_idx"),
            # What a hiring manager sees: their requisitions' applications from the shortlist on.
            models.Index(
                fields=["requisition"],
                condition=Q(shortlisted_at__isnull=False),
                name="application_shortlisted_idx",
            ),
            # Follow-ups due on a recruiter's requisitions (her home), by promised date.
            models.Index(
                fields=["requisition", "next_update_promised_by"],
                condition=Q(next_update_promised_by__isnull=False),
                name="application_follow_up_idx",
            ),
            # Debriefs waiting (a home's panel): a requisition's applications in interviews,
            # without reading the heap rows of its other stages.
            models.Index(
                fields=["requisition"],
                condition=Q(stage=ApplicationStage.INTERVIEWING),
                name="application_interviewing_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} for {self.requisition.title}"

    @property
    def is_closed(self) -> bool:
        """Over (hired, rejected or withdrawn): nothing more is due for it."""
        return self.stage in self.Stage.closed_values()


class StageChange(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=20, choices=Application.Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Application.Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # An application's timeline, latest first.
            models.Index(
                fields=["application", "-created_at", "-id"], name="stage_change_timeline_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_from_stage_display() or 'New'} → {self.get_to_stage_display()}"


class Assessment(models.Model):
    """The recruiter's rating of an application against one criterion of a signed version."""

    class Rating(models.TextChoices):
        MEETS = "meets", "Meets"
        PARTLY = "partly", "Partly meets"
        DOES_NOT_MEET = "does_not_meet", "Does not meet"
        UNKNOWN = "unknown", "Unknown"

        @classmethod
        def deal_breaker_choices(cls) -> list[tuple[str, str]]:
            """A deal-breaker names a trait to avoid: "meets" means it was not observed,
            "does not meet" that it is present."""
            labels = {
                cls.MEETS: "Not observed",
                cls.PARTLY: "Some signs",
                cls.DOES_NOT_MEET: "Present",
                cls.UNKNOWN: "Unknown",
            }
            return [(value, labels[value]) for value in cls.values]

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assessments"
    )
    criterion = models.ForeignKey(
        "requisitions.Criterion", on_delete=models.PROTECT, related_name="assessments"
    )
    criteria_version = models.ForeignKey(
        "requisitions.CriteriaVersion", on_delete=models.PROTECT, related_name="+"
    )
    rating = models.CharField(max_length=20, choices=Rating.choices, default=Rating.UNKNOWN)
    evidence = models.TextField(blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="assessment_one_per_criterion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.get_rating_display()}"

    @property
    def rating_label(self) -> str:
        """The rating as read for this criterion (deal-breakers: present / not observed)."""
        from requisitions.models import Criterion

        if self.criterion.kind == Criterion.Kind.DEAL_BREAKER:
            return dict(self.Rating.deal_breaker_choices())[self.rating]
        return self.get_rating_display()


class Shortlist(models.Model):
    requisition = models.ForeignKey(
        "requisitions.Requisition", on_delete=models.CASCADE, related_name="shortlists"
    )
    criteria_version = models.ForeignKey(
        "requisitions.CriteriaVersion", on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveIntegerField(help_text="1 for the first shortlist of the requisition.")
    note = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField()
    completed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the last candidate on it was decided."
    )

    class Meta:
        ordering = ["requisition", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["requisition", "number"], name="shortlist_number_unique"
            ),
        ]
        indexes = [
            # The shortlist inbox: open ones first, newest first.
            models.Index(fields=["completed_at", "-submitted_at"], name="shortlist_inbox_idx"),
        ]

    def __str__(self) -> str:
        return f"Shortlist {self.number} for {self.requisition.title}"


class ShortlistDecision(models.TextChoices):
    """The hiring manager's answer on a shortlisted candidate (ShortlistEntry.Decision)."""

    PENDING = "pending", "Awaiting review"
    ADVANCE = "advance", "Advance"
    DECLINE = "decline", "Decline"
    NEED_INFO = "need_info", "Need more information"

    @classmethod
    def answer_values(cls) -> list[str]:
        """What the hiring manager may answer."""
        return [cls.ADVANCE, cls.DECLINE, cls.NEED_INFO]

    @classmethod
    def final_values(cls) -> list[str]:
        """Answers that close the question on the candidate for good."""
        return [cls.ADVANCE, cls.DECLINE]

    @classmethod
    def open_values(cls) -> list[str]:
        """Entries still waiting for a final answer."""
        return [cls.PENDING, cls.NEED_INFO]


class ShortlistEntry(models.Model):
    Decision = ShortlistDecision

    shortlist = models.ForeignKey(Shortlist, on_delete=models.CASCADE, related_name="entries")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="shortlist_entries"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    reason = models.TextField(blank=True)
    criteria = models.ManyToManyField("requisitions.Criterion", blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Why the recruiter sent the candidate although nobody assessed them (shown to the
    # manager); empty for an assessed candidate.
    unassessed_reason = models.TextField("why sent without an assessment", blank=True)

    class Meta:
        ordering = ["shortlist", "id"]
        verbose_name_plural = "shortlist entries"
        constraints = [
            models.UniqueConstraint(
                fields=["shortlist", "application"], name="shortlist_entry_unique"
            ),
        ]
        indexes = [
            # Questions from hiring managers, oldest first (recruiter dashboard).
            models.Index(
                fields=["decided_at"],
                condition=Q(decision=ShortlistDecision.NEED_INFO),
                name="shortlist_entry_need_info_idx",
            ),
            # A shortlist's candidates not answered yet, counted from the index alone (the
            # shortlists to answer on a hiring manager's home).
            models.Index(
                fields=["shortlist"],
                condition=Q(decision=ShortlistDecision.PENDING),
                name="shortlist_entry_pending_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application.candidate} ({self.get_decision_display()})"


class AuthoredNote(models.Model):
    """A dated line someone wrote in a conversation (a shortlist question, a negotiation)."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.author or 'Someone'}: {Truncator(self.body).chars(60)}"


class ShortlistMessage(AuthoredNote):
    """The back-and-forth on a 'need more information' answer."""

    entry = models.ForeignKey(ShortlistEntry, on_delete=models.CASCADE, related_name="messages")


class OfferOutcome(models.TextChoices):
    """Where an offer ended (Offer.Outcome)."""

    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"

    @classmethod
    def settled_values(cls) -> list[str]:
        """The candidate's final answers on the written offer."""
        return [cls.ACCEPTED, cls.DECLINED]


class Offer(models.Model):
    class VerbalOutcome(models.TextChoices):
        PENDING = "pending", "Awaiting answer"
        POSITIVE = "positive", "Positive"
        NEGATIVE = "negative", "Negative"

    Outcome = OfferOutcome

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="offer")
    base_salary = models.DecimalField(max_digits=12, decimal_places=2)
    bonus = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    equity = models.CharField(max_length=120, blank=True, validators=[validate_single_line])
    currency = models.CharField(max_length=3, default="USD", validators=[validate_single_line])
    start_date = models.DateField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verbal_offer_at = models.DateTimeField(null=True, blank=True)
    verbal_outcome = models.CharField(
        max_length=10, choices=VerbalOutcome.choices, default=VerbalOutcome.PENDING
    )
    written_sent_at = models.DateTimeField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.OPEN)
    declined_reason = models.TextField(blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # The offer is made verbally before the written offer is sent.
            models.CheckConstraint(
                condition=Q(written_sent_at__isnull=True)
                | (Q(verbal_offer_at__isnull=False) & Q(written_sent_at__gte=F("verbal_offer_at"))),
                name="offer_written_after_verbal",
            ),
            models.CheckConstraint(
                condition=Q(verbal_offer_at__isnull=True) | Q(approved_at__isnull=False),
                name="offer_verbal_after_approval",
            ),
            models.CheckConstraint(
                condition=~Q(outcome=OfferOutcome.DECLINED) | ~Q(declined_reason=""),
                name="offer_declined_has_reason",
            ),
        ]
        indexes = [
            # Offers in progress (recruiter dashboard).
            models.Index(
                fields=["created_at"], condition=Q(outcome=OfferOutcome.OPEN), name="offer_open_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"Offer to {self.application.candidate}"


class NegotiationNote(AuthoredNote):
    """The recruiter's log of the negotiation on an offer."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="negotiation_notes")
