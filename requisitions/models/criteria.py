"""Criteria versions (with the candidate persona) and their criteria."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from hiring_hub.validators import validate_single_line
from requisitions.models.requisition import Requisition


# Module-level so that the constraints in Meta can name their members; the models expose
# them as CriteriaVersion.Status and Criterion.Kind.
class CriteriaVersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SIGNED = "signed", "Signed off"


class CriterionKind(models.TextChoices):
    MUST_HAVE = "must_have", "Must-have"
    NICE_TO_HAVE = "nice_to_have", "Nice-to-have"
    DEAL_BREAKER = "deal_breaker", "Deal-breaker"


class CriteriaVersion(models.Model):
    """A numbered set of criteria. A signed version is frozen; edits start a new draft."""

    Status = CriteriaVersionStatus

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
                condition=Q(status=CriteriaVersionStatus.DRAFT),
                name="criteria_version_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(status=CriteriaVersionStatus.DRAFT) | Q(signed_at__isnull=False),
                name="criteria_version_signed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requisition.title} criteria v{self.number} ({self.get_status_display()})"

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED


class Criterion(models.Model):
    Kind = CriterionKind

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
                condition=~Q(kind=CriterionKind.MUST_HAVE) | ~Q(definition=""),
                name="criterion_must_have_defined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    @property
    def needs_definition(self) -> bool:
        """A must-have is judged by its definition of what good looks like here."""
        return self.kind == self.Kind.MUST_HAVE and not self.definition.strip()

    def clean(self) -> None:
        if self.needs_definition:
            raise ValidationError(
                {
                    "definition": (
                        "A must-have needs a definition of what good looks like here, so you "
                        "and the hiring manager judge candidates the same way."
                    )
                }
            )
