"""The weekly check-in report of a requisition."""

from django.conf import settings
from django.db import models

from requisitions.models.requisition import Requisition


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
