"""Team profiles: what is known about a hiring manager's team, kept for their next search.

A profile is edited by the hiring manager and the recruiters they work with (every change
audited with its before and after), grows a dated lesson from each retrospective, and
prefills the intake of the manager's next requisition.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from hiring_hub import access
from hiring_hub.audit import audit_fields, audit_record
from hiring_hub.models import User
from requisitions.models import Intake, Requisition, TeamProfile, TeamProfileLesson

# Intake field ← team profile field: what a new requisition's intake starts from.
INTAKE_PREFILL = {
    "team_dynamics": "team_dynamics",
    "thrives_on_team": "thrives_on_team",
    "past_hire_not_worked": "past_hires",
}


def team_profile_of(hiring_manager: User) -> TeamProfile | None:
    return TeamProfile.objects.filter(hiring_manager=hiring_manager).first()


def team_profile_lessons(profile: TeamProfile | None) -> QuerySet[TeamProfileLesson]:
    """A profile's lessons, newest first, with their authors and requisitions."""
    if profile is None:
        return TeamProfileLesson.objects.none()
    return profile.lessons.select_related("author", "requisition").order_by("-created_at", "-id")


def _profile_for_update(hiring_manager: User) -> TeamProfile:
    try:
        with transaction.atomic():
            TeamProfile.objects.get_or_create(hiring_manager=hiring_manager)
    except IntegrityError:
        pass  # created concurrently
    return TeamProfile.objects.select_for_update().get(hiring_manager=hiring_manager)


@transaction.atomic
def team_profile_update(*, hiring_manager: User, actor: User, **content: str) -> TeamProfile:
    """The hiring manager or a recruiter they work with edits the team profile. A save that
    changes something is audited with the changed fields before and after."""
    if not access.can_edit_team_profile(actor, hiring_manager):
        raise PermissionDenied("Only the hiring manager and their recruiters edit this profile.")
    unknown = set(content) - set(TeamProfile.CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown team profile fields: {', '.join(sorted(unknown))}")
    profile = _profile_for_update(hiring_manager)
    changed = [name for name, value in content.items() if getattr(profile, name) != value.strip()]
    if not changed:
        return profile
    before = audit_fields(profile, changed)
    for name in changed:
        setattr(profile, name, content[name].strip())
    profile.updated_by = actor
    profile.full_clean()
    profile.save()
    audit_record(
        actor=actor,
        action="team_profile.update",
        target=profile,
        before=before,
        after=audit_fields(profile, changed),
    )
    return profile


def team_profile_lesson_add(
    *,
    hiring_manager: User,
    requisition: Requisition | None,
    author: User,
    what_worked: str,
    what_to_change: str,
) -> TeamProfileLesson:
    """Append a dated lesson (from a retrospective) to the manager's team profile. Called
    inside the retrospective's transaction."""
    profile = _profile_for_update(hiring_manager)
    lesson = TeamProfileLesson(
        profile=profile,
        requisition=requisition,
        author=author,
        what_worked=what_worked,
        what_to_change=what_to_change,
    )
    lesson.full_clean()
    lesson.save()
    audit_record(
        actor=author,
        action="team_profile.lesson_add",
        target=profile,
        after={"requisition": requisition.pk, "lesson": lesson.pk},
    )
    return lesson


def intake_prefill(intake: Intake, hiring_manager: User) -> list[str]:
    """Fill an empty new intake from the manager's team profile; the names of the intake
    fields it filled. The caller saves the intake."""
    profile = team_profile_of(hiring_manager)
    if profile is None:
        return []
    filled = []
    for intake_field, profile_field in INTAKE_PREFILL.items():
        value = getattr(profile, profile_field)
        if value and not getattr(intake, intake_field):
            setattr(intake, intake_field, value)
            filled.append(intake_field)
    lessons = list(team_profile_lessons(profile)[:3])
    if profile.past_searches or lessons:
        parts = [profile.past_searches] if profile.past_searches else []
        parts += [
            f"{lesson.created_at:%d %b %Y}"
            + (f" ({lesson.requisition.title})" if lesson.requisition else "")
            + f": to change: {lesson.what_to_change}"
            for lesson in lessons
            if lesson.what_to_change
        ]
        if parts and not intake.talent_market:
            intake.talent_market = "Lessons from past searches:\n" + "\n".join(parts)
            filled.append("talent_market")
    return filled
