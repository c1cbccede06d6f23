"""Reads on a requisition's interview plan: which criteria each stage assesses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from requisitions.models import Criterion, InterviewStage, Requisition
from requisitions.selectors.criteria import criteria_being_edited


@dataclass(frozen=True)
class Coverage:
    """Which criteria each stage assesses, and the must-haves no stage assesses."""

    stages: list[dict] = field(default_factory=list)
    uncovered_must_haves: list[Criterion] = field(default_factory=list)


def plan_coverage(stages: Iterable[InterviewStage], criteria: list[Criterion]) -> Coverage:
    """Stages with their criteria resolved from keys, and the must-have criteria of the
    given version that no stage assesses (the plan's blind spot)."""
    by_key = {str(c.key): c for c in criteria}
    covered: set[str] = set()
    rows = []
    for stage in stages:
        keys = [str(k) for k in stage.criterion_keys]
        covered.update(keys)
        rows.append({"stage": stage, "criteria": [by_key[k] for k in keys if k in by_key]})
    uncovered = [
        c for c in criteria if c.kind == Criterion.Kind.MUST_HAVE and str(c.key) not in covered
    ]
    return Coverage(stages=rows, uncovered_must_haves=uncovered)


def plan_criteria(requisition: Requisition) -> list[Criterion]:
    """The criteria a stage may assess: those being edited (the draft's, else the signed
    version's)."""
    version = criteria_being_edited(requisition)
    return list(version.criteria.all()) if version else []
