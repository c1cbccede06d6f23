"""Opening and editing a requisition, and its single-line fields."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from requisitions import services
from requisitions.models import CriteriaVersion, Criterion, Requisition, RequisitionEvent
from tests import factories

S = Requisition.Status


# --- Creating and editing ----------------------------------------------------------------
def test_requisition_create_starts_draft_with_intake_and_empty_draft_criteria(new_requisition):
    assert new_requisition.status == S.DRAFT
    assert new_requisition.intake.pk
    version = new_requisition.criteria_versions.get()
    assert (version.number, version.status) == (1, CriteriaVersion.Status.DRAFT)


def test_requisition_create_emails_the_hiring_manager(
    recruiter, hiring_manager, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.requisition_create(
            actor=recruiter,
            title="Data Engineer",
            team="Data",
            location="Remote",
            hiring_manager=hiring_manager,
        )
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [hiring_manager.email]
    assert "Data Engineer" in mailoutbox[0].subject
    assert "/requisitions/" in mailoutbox[0].body


def test_requisition_create_refused_for_hiring_manager(hiring_manager):
    with pytest.raises(PermissionDenied):
        services.requisition_create(
            actor=hiring_manager, title="X", team="Y", location="Z", hiring_manager=hiring_manager
        )


def test_requisition_create_refuses_inverted_salary_band(recruiter, hiring_manager):
    with pytest.raises(ValidationError) as exc:
        services.requisition_create(
            actor=recruiter,
            title="X",
            team="Y",
            location="Z",
            hiring_manager=hiring_manager,
            salary_min=100,
            salary_max=50,
        )
    assert "salary_max" in exc.value.error_dict


def test_requisition_update_emails_a_new_hiring_manager(
    new_requisition, recruiter, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    other = factories.HiringManagerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.requisition_update(
            requisition=new_requisition, actor=recruiter, hiring_manager=other, title="Renamed"
        )
    assert [m.to for m in mailoutbox] == [[other.email]]
    event = new_requisition.events.filter(kind=RequisitionEvent.Kind.DETAILS).get()
    assert "title" in event.message and "hiring manager" in event.message


def test_requisition_update_refused_for_another_recruiter(new_requisition):
    with pytest.raises(PermissionDenied):
        services.requisition_update(
            requisition=new_requisition, actor=factories.RecruiterFactory(), title="Mine now"
        )


# --- Single-line fields ----------------------------------------------------------------------
ONE_LINE = "Enter this on one line"


@pytest.mark.parametrize("field", ["title", "team", "location"])
@pytest.mark.parametrize("brk", ["\r\n", "\n", "\x0b", "\x0c", "\x85", "\u2028"], ids=repr)
def test_requisition_create_refuses_a_line_break(recruiter, hiring_manager, field, brk):
    fields = {"title": "Staff Engineer", "team": "Platform", "location": "Berlin"}
    fields[field] = f"Staff{brk}Bcc: someone@example.org"

    with pytest.raises(ValidationError, match=ONE_LINE):
        services.requisition_create(actor=recruiter, hiring_manager=hiring_manager, **fields)

    assert not Requisition.objects.exists()


def test_requisition_update_refuses_a_title_with_a_line_break(recruiter, new_requisition):
    with pytest.raises(ValidationError, match=ONE_LINE):
        services.requisition_update(
            requisition=new_requisition, actor=recruiter, title="Staff\r\nEngineer"
        )

    new_requisition.refresh_from_db()
    assert new_requisition.title == "Staff Engineer"


def test_criterion_add_refuses_a_name_with_a_line_break(recruiter, new_requisition):
    with pytest.raises(ValidationError, match=ONE_LINE):
        services.criterion_add(
            requisition=new_requisition,
            actor=recruiter,
            name="Calm\nunder pressure",
            kind="nice_to_have",
        )

    assert not Criterion.objects.exists()


def test_interview_stage_add_refuses_a_name_with_a_line_break(recruiter, signed_requisition):
    with pytest.raises(ValidationError, match=ONE_LINE):
        services.interview_stage_add(
            requisition=signed_requisition, actor=recruiter, name="Screen\r\ncall"
        )

    assert not signed_requisition.interview_stages.exists()
