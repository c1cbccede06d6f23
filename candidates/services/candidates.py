"""Candidates: the people, their contact details, tags and résumé."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from candidates.models import Candidate, Tag
from candidates.resumes import detect_resume_type, resume_storage_name
from candidates.services.applications import application_create
from hiring_hub import access

if TYPE_CHECKING:
    from hiring_hub.models import User
    from requisitions.models import Requisition

CANDIDATE_FIELDS = ("full_name", "email", "phone", "location", "links", "source", "notes")


class DuplicateCandidateError(ValidationError):
    """The email already belongs to a candidate: offer that person instead of a duplicate."""

    def __init__(self, existing: Candidate):
        self.existing = existing
        super().__init__(
            f"{existing.full_name} already has this email address.", code="duplicate_email"
        )


def _refuse_duplicate_email(email: str, *, exclude_pk: int | None = None) -> None:
    existing = Candidate.holding_email(email, exclude_pk=exclude_pk)
    if existing:
        raise DuplicateCandidateError(existing)


def _tags_from_names(names: Iterable[str]) -> list[Tag]:
    tags = []
    for raw in names:
        name = " ".join(raw.split())[:50]
        if not name:
            continue
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
        if tag not in tags:
            tags.append(tag)
    return tags


def _attach_resume(candidate: Candidate, resume: File) -> None:
    mime = detect_resume_type(resume)
    old_name = candidate.resume.name if candidate.resume else ""
    candidate.resume_content_type = mime
    candidate.resume.save(resume_storage_name(mime), resume, save=False)
    if old_name:
        storage = candidate.resume.storage
        transaction.on_commit(lambda: storage.delete(old_name))


@transaction.atomic
def candidate_create(
    *,
    actor: User,
    full_name: str,
    email: str,
    phone: str = "",
    location: str = "",
    links: str = "",
    source: str = Candidate.Source.SOURCED,
    notes: str = "",
    tags: list[str] | None = None,
    resume: File | None = None,
    requisition: Requisition | None = None,
) -> Candidate:
    """Add a person. One candidate per email address, whatever its case: an existing email
    raises DuplicateCandidateError carrying the existing candidate. A résumé must be a
    PDF, DOCX, ODT or plain-text file of at most 10 MB, judged by its content. Given a
    requisition, the person goes straight onto its pipeline (application_create's rules),
    in the same transaction: a refused application adds nobody."""
    access.require(access.can_manage_candidates(actor))
    email = email.strip()
    _refuse_duplicate_email(email)
    candidate = Candidate(
        full_name=full_name.strip(),
        email=email,
        phone=phone.strip(),
        location=location.strip(),
        links=links.strip(),
        source=source,
        notes=notes.strip(),
        created_by=actor,
    )
    candidate.full_clean(exclude=["resume"])
    candidate.save()
    if requisition is not None:
        # Before the résumé is stored: a refused application leaves no file behind.
        application_create(candidate=candidate, requisition=requisition, actor=actor)
    if resume:
        _attach_resume(candidate, resume)
        candidate.save(update_fields=["resume", "resume_content_type"])
    candidate.tags.set(_tags_from_names(tags or []))
    return candidate


@transaction.atomic
def candidate_update(
    *,
    candidate: Candidate,
    actor: User,
    resume: File | None = None,
    tags: list[str] | None = None,
    **fields: str,
) -> Candidate:
    """Edit a person's details. The email stays unique (case-insensitive) and the same
    résumé rules as on creation apply; a new résumé replaces the old file. Only a recruiter
    who may change one of the candidate's pipelines edits them (access.can_edit_candidate).
    An erased candidate is not edited."""
    access.require(access.can_edit_candidate(actor, candidate))
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.erased_at is not None:
        # An erased person stays erased: the retention job never looks at them again.
        raise ValidationError("This candidate's personal data was erased; it cannot be edited.")
    for name, value in fields.items():
        if name not in CANDIDATE_FIELDS:
            raise TypeError(f"candidate_update() got an unexpected field {name!r}")
        setattr(candidate, name, value.strip() if isinstance(value, str) else value)
    _refuse_duplicate_email(candidate.email, exclude_pk=candidate.pk)
    candidate.full_clean(exclude=["resume"])
    if resume:
        _attach_resume(candidate, resume)
    candidate.save()
    if tags is not None:
        candidate.tags.set(_tags_from_names(tags))
    return candidate
