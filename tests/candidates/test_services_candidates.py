"""Services on candidates, applications, stage moves and assessments."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from candidates import selectors, services
from candidates.models import Application, Assessment, Candidate, ShortlistEntry, StageChange
from requisitions.models import Criterion, Requisition
from tests import factories
from tests.candidates.conftest import PNG, pdf_bytes, upload

St = Application.Stage
D = ShortlistEntry.Decision
pytestmark = pytest.mark.django_db


# --- Candidates ----------------------------------------------------------------------------
def test_candidate_email_is_unique_whatever_its_case(recruiter):
    existing = services.candidate_create(
        actor=recruiter, full_name="Ada L", email="ada@example.org"
    )
    with pytest.raises(services.DuplicateCandidateError) as exc:
        services.candidate_create(actor=recruiter, full_name="Ada Again", email=" ADA@Example.org ")
    assert exc.value.existing == existing
    assert Candidate.objects.count() == 1


def test_database_refuses_a_duplicate_email_in_another_case(recruiter):
    factories.CandidateFactory(email="bo@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Candidate.objects.create(full_name="Bo", email="BO@example.org")


def test_candidate_update_refuses_another_candidates_email(recruiter):
    factories.CandidateFactory(email="taken@example.org")
    candidate = factories.CandidateFactory(email="free@example.org")
    with pytest.raises(services.DuplicateCandidateError):
        services.candidate_update(candidate=candidate, actor=recruiter, email="Taken@example.org")


def test_candidate_tags_are_reused_case_insensitively(recruiter):
    a = services.candidate_create(
        actor=recruiter, full_name="A", email="a@example.org", tags=["Python", "payments"]
    )
    b = services.candidate_create(
        actor=recruiter, full_name="B", email="b@example.org", tags=["python"]
    )
    assert list(b.tags.all()) == [a.tags.get(name="Python")]


def test_resume_is_stored_under_a_random_name_with_its_detected_type(recruiter, settings):
    candidate = services.candidate_create(
        actor=recruiter,
        full_name="C",
        email="c@example.org",
        resume=upload("../../etc/evil name.txt", pdf_bytes()),
    )
    assert candidate.resume_content_type == "application/pdf"
    assert candidate.resume.name.endswith(".pdf")
    assert "evil" not in candidate.resume.name
    assert str(settings.MEDIA_ROOT) in candidate.resume.path
    assert str(settings.STATIC_ROOT) not in candidate.resume.path


def test_candidate_with_a_wrong_resume_is_not_created(recruiter):
    with pytest.raises(ValidationError):
        services.candidate_create(
            actor=recruiter, full_name="D", email="d@example.org", resume=upload("cv.pdf", PNG)
        )
    assert not Candidate.objects.exists()


def test_candidate_created_with_a_requisition_is_on_its_pipeline(recruiter, requisition):
    candidate = services.candidate_create(
        actor=recruiter, full_name="Ola Nordmann", email="ola@example.org", requisition=requisition
    )

    application = Application.objects.get(candidate=candidate)
    assert application.requisition == requisition
    assert application.stage == St.SOURCED
    assert application.stage_changes.get().reason == "Added"


def test_a_refused_application_leaves_no_candidate_behind(recruiter, settings):
    # given a requisition that takes no new candidates
    requisition = factories.RequisitionFactory(
        status=Requisition.Status.FILLED, recruiter=recruiter
    )

    # when a candidate is created straight onto it, with a résumé
    with pytest.raises(ValidationError, match="no new candidates"):
        services.candidate_create(
            actor=recruiter,
            full_name="Ola Nordmann",
            email="ola@example.org",
            resume=upload("cv.pdf", pdf_bytes()),
            requisition=requisition,
        )

    # then neither the person, nor an application, nor the file is kept
    assert not Candidate.objects.exists()
    assert not Application.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


def test_a_recruiter_off_the_requisition_cannot_create_a_candidate_onto_it(recruiter):
    requisition = factories.RequisitionFactory()  # another recruiter's search

    with pytest.raises(PermissionDenied):
        services.candidate_create(
            actor=recruiter,
            full_name="Ola Nordmann",
            email="ola@example.org",
            requisition=requisition,
        )

    assert not Candidate.objects.exists()


# --- Applications and moves -----------------------------------------------------------------
def test_candidate_is_on_a_requisition_once(recruiter, requisition, add_application):
    application = add_application()
    with pytest.raises(ValidationError, match="already on"):
        services.application_create(
            candidate=application.candidate, requisition=requisition, actor=recruiter
        )


def test_closed_requisition_takes_no_candidates(recruiter):
    requisition = factories.RequisitionFactory(
        status=Requisition.Status.FILLED, recruiter=recruiter
    )
    candidate = factories.CandidateFactory()
    with pytest.raises(ValidationError, match="no new candidates"):
        services.application_create(candidate=candidate, requisition=requisition, actor=recruiter)


def test_every_move_is_kept_with_who_when_from_to_and_reason(recruiter, add_application):
    application = add_application()
    services.application_move(application=application, to_stage=St.SCREENING, actor=recruiter)
    services.application_move(
        application=application, to_stage=St.REJECTED, actor=recruiter, reason="Salary too far"
    )
    history = list(
        StageChange.objects.filter(application=application)
        .order_by("id")
        .values_list("from_stage", "to_stage", "actor", "reason")
    )
    assert history == [
        ("", St.SOURCED, recruiter.pk, "Added"),
        (St.SOURCED, St.SCREENING, recruiter.pk, ""),
        (St.SCREENING, St.REJECTED, recruiter.pk, "Salary too far"),
    ]


def test_rejecting_without_a_reason_is_refused(recruiter, add_application):
    application = add_application()
    with pytest.raises(ValidationError, match="Say why"):
        services.application_move(application=application, to_stage=St.REJECTED, actor=recruiter)


def test_bulk_move_moves_what_it_can_and_reports_the_rest(recruiter, add_application):
    ok = add_application(name="Ok")
    hired_only_after_offer = add_application(name="Later")
    moved, refused = services.application_bulk_move(
        applications=[ok, hired_only_after_offer], to_stage=St.SCREENING, actor=recruiter
    )
    assert [a.pk for a in moved] == [ok.pk, hired_only_after_offer.pk]
    moved, refused = services.application_bulk_move(
        applications=[ok], to_stage=St.HIRED, actor=recruiter
    )
    assert moved == [] and "offer" in refused[ok]


# --- Assessment ---------------------------------------------------------------------------
def test_assessment_rates_each_criterion_of_the_signed_version(
    recruiter, add_application, criteria
):
    application = add_application()
    services.assessment_save(
        application=application,
        actor=recruiter,
        ratings={
            criteria[Criterion.Kind.MUST_HAVE].pk: (Assessment.Rating.MEETS, "Ran on-call"),
            criteria[Criterion.Kind.DEAL_BREAKER].pk: (Assessment.Rating.UNKNOWN, ""),
        },
    )
    assert application.assessments.count() == 2
    flagged = selectors.with_flags(Application.objects.filter(pk=application.pk)).get()
    assert flagged.deal_breaker_flag is False


def test_deal_breaker_not_met_flags_the_application(recruiter, add_application, criteria):
    application = add_application()
    services.assessment_save(
        application=application,
        actor=recruiter,
        ratings={criteria[Criterion.Kind.DEAL_BREAKER].pk: (Assessment.Rating.DOES_NOT_MEET, "")},
    )
    assert (
        selectors.with_flags(Application.objects.filter(pk=application.pk)).get().deal_breaker_flag
    )
    assert selectors.candidates_flag(Candidate.objects.all()).get().deal_breaker_flag


def test_assessment_refuses_criteria_of_another_version(recruiter, add_application, version):
    application = add_application()
    other = factories.CriterionFactory()
    with pytest.raises(ValidationError, match="not part"):
        services.assessment_save(
            application=application, actor=recruiter, ratings={other.pk: ("meets", "")}
        )


def test_assessment_before_sign_off_is_refused(recruiter, add_application):
    application = add_application()
    with pytest.raises(ValidationError, match="not signed off"):
        services.assessment_save(application=application, actor=recruiter, ratings={})


# --- Single-line fields ----------------------------------------------------------------------
ONE_LINE = "Enter this on one line"


@pytest.mark.parametrize("field", ["full_name", "email", "phone", "location"])
def test_candidate_create_refuses_a_line_break(recruiter, field):
    fields = {"full_name": "Nia Njoroge", "email": "nia@example.org"}
    fields[field] = f"{fields.get(field, 'x')}\u2028Bcc: someone@example.org"

    with pytest.raises(ValidationError, match=ONE_LINE):
        services.candidate_create(actor=recruiter, **fields)

    assert not Candidate.objects.exists()


def test_candidate_update_refuses_a_name_with_a_line_break(recruiter):
    candidate = services.candidate_create(
        actor=recruiter, full_name="Nia Njoroge", email="nia@example.org"
    )

    with pytest.raises(ValidationError, match=ONE_LINE):
        services.candidate_update(candidate=candidate, actor=recruiter, full_name="Nia\r\nEvil")

    candidate.refresh_from_db()
    assert candidate.full_name == "Nia Njoroge"
