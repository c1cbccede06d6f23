"""Alignment meetings, where the hiring manager signs off the criteria."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from requisitions.models.criteria import CriteriaVersion
from requisitions.models.requisition import Requisition


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
