"""The short retrospective of a filled requisition."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from requisitions.models.requisition import Requisition


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
