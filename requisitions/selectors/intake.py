"""Reads on a requisition's intake, laid out by `Intake.SECTIONS`: the requisition page,
the intake form and the alignment agenda all follow that one list."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.text import capfirst

from requisitions.models import Intake, IntakeRevision, Requisition


def intake_of(requisition: Requisition) -> Intake | None:
    try:
        return requisition.intake
    except Intake.DoesNotExist:
        return None


def intake_answer_label(name: str) -> str:
    """ "Success after 6 months": the label of an intake field, as its history names it."""
    return capfirst(Intake.field_label(name))


@dataclass(frozen=True)
class IntakeAnswer:
    label: str
    value: str


@dataclass(frozen=True)
class IntakeSection:
    title: str
    answers: tuple[IntakeAnswer, ...]


def intake_sections(intake: Intake | None) -> tuple[IntakeSection, ...]:
    """The intake's answers by section, for reading (the requisition page)."""
    if intake is None:
        return ()
    return tuple(
        IntakeSection(
            title=title,
            answers=tuple(
                IntakeAnswer(label=intake_answer_label(name), value=getattr(intake, name))
                for name in names
            ),
        )
        for title, names in Intake.SECTIONS
    )


@dataclass(frozen=True)
class IntakeFormSection:
    title: str
    fields: tuple[forms.BoundField, ...]


def intake_form_sections(form: forms.BaseForm) -> tuple[IntakeFormSection, ...]:
    """The intake form's answer fields by section, for the intake page's fieldsets."""
    return tuple(
        IntakeFormSection(title=title, fields=tuple(form[name] for name in names))
        for title, names in Intake.SECTIONS
    )


@dataclass(frozen=True)
class IntakeRevisionRow:
    revision: IntakeRevision
    changes: tuple[dict, ...]


def intake_history(intake: Intake) -> list[IntakeRevisionRow]:
    """Every saved change to the intake, latest first, each field with its label."""
    if intake.pk is None:
        return []
    revisions = intake.revisions.select_related("author").order_by("-created_at", "-id")
    return [
        IntakeRevisionRow(
            revision=revision,
            changes=tuple(
                {"label": intake_answer_label(name), **change}
                for name, change in revision.changes.items()
            ),
        )
        for revision in revisions
    ]
