"""What is known about a hiring manager's team, kept between searches."""

from django.conf import settings
from django.db import models

from requisitions.models.requisition import Requisition


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
