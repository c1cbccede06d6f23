"""Scorecards: an interviewer's own draft, its submission (complete, after the interview has
started) and amendments to a submitted one, kept visible."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils import timezone

from debriefs.models import CriterionRating, Scorecard, ScorecardAmendment
from debriefs.services._checks import require_not_cancelled, require_started
from hiring_hub import access
from hiring_hub.models import User

FIELDS = Scorecard.REPORT_FIELDS


def scorecard_is_blank(scorecard: Scorecard) -> bool:
    """Nothing written on it yet (no field, no criterion rating or evidence)."""
    if any(getattr(scorecard, field) for field in FIELDS):
        return False
    return not scorecard.ratings.exclude(rating__isnull=True, evidence="").exists()


def _label(model: type[models.Model], field: str, value: Any) -> Any:
    """What a value reads as: a choice's label, or the value itself."""
    if value in (None, ""):
        return ""
    return dict(model._meta.get_field(field).flatchoices).get(value, value)


def _snapshot(scorecard: Scorecard) -> dict[str, dict]:
    """Everything an amendment may change, as {key: {"label", "value"}}."""
    snap = {}
    for field in FIELDS:
        snap[field] = {
            "label": str(Scorecard._meta.get_field(field).verbose_name).capitalize(),
            "value": _label(Scorecard, field, getattr(scorecard, field)),
        }
    for rating in scorecard.ratings.select_related("criterion"):
        snap[f"criterion:{rating.criterion.key}:rating"] = {
            "label": f"{rating.criterion.name}: rating",
            "value": _label(CriterionRating, "rating", rating.rating) or "No evidence",
        }
        snap[f"criterion:{rating.criterion.key}:evidence"] = {
            "label": f"{rating.criterion.name}: evidence",
            "value": rating.evidence,
        }
    snap["explore_criteria"] = {
        "label": "Criteria to explore",
        "value": ", ".join(sorted(c.name for c in scorecard.explore_criteria.all())),
    }
    return snap


def _apply(
    scorecard: Scorecard,
    fields: dict[str, Any],
    ratings: dict[int, dict[str, Any]] | None,
    explore_criteria: Iterable | None,
) -> None:
    for field, value in fields.items():
        if field not in FIELDS:
            raise ValidationError(f"Unknown scorecard field {field!r}.")
        nullable = Scorecard._meta.get_field(field).null
        setattr(scorecard, field, value if value is not None or nullable else "")
    scorecard.full_clean()
    scorecard.save()
    if ratings:
        by_criterion = {r.criterion_id: r for r in scorecard.ratings.all()}
        for criterion_id, values in ratings.items():
            row = by_criterion.get(int(criterion_id))
            if row is None:
                raise ValidationError("That criterion is not on this scorecard.")
            row.rating = values.get("rating") or None
            row.evidence = (values.get("evidence") or "").strip()
            row.full_clean()
            row.save()
    if explore_criteria is not None:
        scorecard.explore_criteria.set(explore_criteria)


def scorecard_problems(scorecard: Scorecard) -> dict[str, str]:
    """Everything a scorecard still lacks before it can be submitted, at once, keyed by
    the form field it belongs beside (criterion evidence: `evidence_<criterion id>`).
    Team-fit behaviour is asked for with the rating, so fixing one never reveals another."""
    problems = {}
    if not (scorecard.hard_skills.strip() or scorecard.soft_skills.strip()):
        problems["hard_skills"] = "Add the hard or soft skills you saw."
    if not scorecard.skills_evidence_strength:
        problems["skills_evidence_strength"] = "Say how strong the skills evidence is."
    if not scorecard.enthusiasm:
        problems["enthusiasm"] = "Add an enthusiasm rating."
    if not scorecard.team_fit:
        problems["team_fit"] = "Add a team-fit rating."
    if not scorecard.team_fit_behaviour.strip():
        problems["team_fit_behaviour"] = (
            "Describe the behaviour you observed behind the team-fit rating."
        )
    for rating in scorecard.ratings.select_related("criterion"):
        if rating.rating and not rating.evidence.strip():
            problems[f"evidence_{rating.criterion_id}"] = (
                f"Add the evidence behind your rating of “{rating.criterion.name}”."
            )
    if not scorecard.recommendation:
        problems["recommendation"] = "Add an overall recommendation."
    return problems


def _incomplete(problems: dict[str, str], lead: str) -> ValidationError:
    count = len(problems)
    summary = f"{lead}: {count} thing{'s' if count != 1 else ''} to add, marked below."
    return ValidationError({NON_FIELD_ERRORS: [summary], **problems})


def _require_author(scorecard: Scorecard, actor: User) -> None:
    """A scorecard is written by its own interviewer only (access.can_write_scorecard)."""
    access.require(access.is_scorecard_author(actor, scorecard))
    require_not_cancelled(scorecard.interview, "The interview was cancelled.")


@transaction.atomic
def scorecard_save_draft(
    *,
    scorecard: Scorecard,
    actor: User,
    fields: dict[str, Any],
    ratings: dict[int, dict[str, Any]] | None = None,
    explore_criteria: Iterable | None = None,
) -> Scorecard:
    """Save an interviewer's own scorecard as a draft; nobody else sees a draft."""
    scorecard = Scorecard.objects.select_for_update().get(pk=scorecard.pk)
    _require_author(scorecard, actor)
    if scorecard.status != Scorecard.Status.DRAFT:
        raise ValidationError("This scorecard is submitted; changes are kept as amendments.")
    _apply(scorecard, fields, ratings, explore_criteria)
    return scorecard


@transaction.atomic
def scorecard_submit(
    *,
    scorecard: Scorecard,
    actor: User,
    fields: dict[str, Any] | None = None,
    ratings: dict[int, dict[str, Any]] | None = None,
    explore_criteria: Iterable | None = None,
) -> Scorecard:
    """Submit an interviewer's own scorecard. It must be complete: a recommendation, the
    skills seen and how strong that evidence is, enthusiasm and team fit (with observed
    behaviour), and evidence for every rated criterion (unrated = no evidence). Once
    submitted, the interviewer sees the other submitted scorecards of the application."""
    scorecard = Scorecard.objects.select_for_update().get(pk=scorecard.pk)
    _require_author(scorecard, actor)
    if scorecard.status != Scorecard.Status.DRAFT:
        raise ValidationError("This scorecard is already submitted.")
    # A draft can be prepared ahead (questions to ask); a submission reports what was seen.
    require_started(scorecard.interview, "submit the scorecard")
    _apply(scorecard, fields or {}, ratings, explore_criteria)
    problems = scorecard_problems(scorecard)
    if problems:
        raise _incomplete(problems, "Not submitted yet")
    scorecard.status = Scorecard.Status.SUBMITTED
    scorecard.submitted_at = timezone.now()
    scorecard.full_clean()
    scorecard.save()
    return scorecard


@transaction.atomic
def scorecard_amend(
    *,
    scorecard: Scorecard,
    actor: User,
    reason: str,
    fields: dict[str, Any] | None = None,
    ratings: dict[int, dict[str, Any]] | None = None,
    explore_criteria: Iterable | None = None,
) -> ScorecardAmendment | None:
    """Change a submitted scorecard. The change is kept as a visible amendment (each field
    before and after, who, when, why); it must stay complete. Nothing changed: no amendment."""
    scorecard = Scorecard.objects.select_for_update().get(pk=scorecard.pk)
    _require_author(scorecard, actor)
    if scorecard.status != Scorecard.Status.SUBMITTED:
        raise ValidationError("Only a submitted scorecard is amended; save the draft instead.")
    before = _snapshot(scorecard)
    _apply(scorecard, fields or {}, ratings, explore_criteria)
    after = _snapshot(scorecard)
    changes = {
        key: {"label": after[key]["label"], "before": before[key]["value"], "after": value["value"]}
        for key, value in after.items()
        if before.get(key, {}).get("value") != value["value"]
    }
    if not changes:
        return None
    if not reason.strip():
        raise ValidationError("Say why you are changing a submitted scorecard.")
    problems = scorecard_problems(scorecard)
    if problems:
        raise _incomplete(problems, "A submitted scorecard must stay complete")
    amendment = ScorecardAmendment(
        scorecard=scorecard, author=actor, reason=reason.strip(), changes=changes
    )
    amendment.full_clean()
    amendment.save()
    return amendment


# --- Debrief decision ---------------------------------------------------------------------
