"""Assessments: the recruiter's rating of an application against the signed criteria."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from candidates.models import Application, Assessment
from hiring_hub import access
from requisitions.selectors import current_signed_version

if TYPE_CHECKING:
    from hiring_hub.models import User


@transaction.atomic
def assessment_save(
    *, application: Application, actor: User, ratings: dict[int | str, tuple[str, str]]
) -> list[Assessment]:
    """Rate an application against each criterion of the requisition's current signed
    criteria version: {criterion_id: (rating, evidence)}. Criteria of other versions are
    refused; there is nothing to assess against before sign-off. The requisition's
    recruiters assess (access.can_change_pipeline)."""
    access.require(access.can_change_pipeline(actor, application.requisition))
    version = current_signed_version(application.requisition)
    if version is None:
        raise ValidationError(
            "The criteria are not signed off yet: there is nothing to assess against."
        )
    criteria = {c.pk: c for c in version.criteria.all()}
    saved = []
    for criterion_id, (rating, evidence) in ratings.items():
        criterion = criteria.get(int(criterion_id))
        if criterion is None:
            raise ValidationError("That criterion is not part of the signed-off criteria.")
        if rating not in Assessment.Rating.values:
            raise ValidationError(f"Unknown rating {rating!r}.")
        assessment = Assessment.objects.filter(
            application=application, criterion=criterion
        ).first() or Assessment(application=application, criterion=criterion)
        assessment.criteria_version = version
        assessment.rating = rating
        assessment.evidence = (evidence or "").strip()
        assessment.assessed_by = actor
        assessment.full_clean()
        assessment.save()
        saved.append(assessment)
    return saved
