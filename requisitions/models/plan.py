"""The interview plan: its stages, their interviewers and the criteria they assess."""

from django.conf import settings
from django.db import models

from hiring_hub.validators import validate_single_line
from requisitions.models.requisition import Requisition


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
