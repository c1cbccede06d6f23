"""Offer services: draft, approval, verbal and written offer, acceptance or decline."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from candidates import services
from candidates.models import Application, Offer, ShortlistEntry
from hiring_hub.models import AuditEntry
from requisitions.models import Requisition
from tests.conftest import assert_delivered_once_after_recovery, the_audit_entry

St = Application.Stage
D = ShortlistEntry.Decision
pytestmark = pytest.mark.django_db


# --- Offers ---------------------------------------------------------------------------------
@pytest.fixture
def interviewing(recruiter, add_application):
    application = add_application(name="Olga Offer")
    for stage in (St.SHORTLISTED, St.MANAGER_REVIEW, St.INTERVIEWING):
        application = services.application_move(
            application=application, to_stage=stage, actor=recruiter
        )
    return application


@pytest.fixture
def offer(interviewing, recruiter):
    return services.offer_create(
        application=interviewing,
        actor=recruiter,
        base_salary=95000,
        bonus=5000,
        equity="0.1%",
        currency="eur",
        start_date=dt.date(2027, 1, 4),
    )


def test_drafting_an_offer_moves_the_application_to_offer(offer):
    offer.application.refresh_from_db()
    assert offer.application.stage == St.OFFER
    assert offer.currency == "EUR"


def test_verbal_offer_needs_the_managers_approval(offer, recruiter):
    with pytest.raises(ValidationError, match="not approved"):
        services.offer_verbal_record(
            offer=offer,
            actor=recruiter,
            made_at=timezone.now(),
            outcome=Offer.VerbalOutcome.POSITIVE,
        )


def test_written_offer_before_the_verbal_one_is_refused(offer, recruiter, hiring_manager):
    services.offer_approve(offer=offer, actor=hiring_manager)
    with pytest.raises(ValidationError, match="verbally"):
        services.offer_written_send(offer=offer, actor=recruiter, sent_at=timezone.now())


def test_database_refuses_a_written_offer_without_a_verbal_one(offer):
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.filter(pk=offer.pk).update(written_sent_at=timezone.now())


def test_written_offer_dated_before_the_verbal_offer_is_refused(offer, recruiter, hiring_manager):
    now = timezone.now()
    services.offer_approve(offer=offer, actor=hiring_manager)
    services.offer_verbal_record(
        offer=offer, actor=recruiter, made_at=now, outcome=Offer.VerbalOutcome.POSITIVE
    )
    with pytest.raises(ValidationError, match="before the verbal"):
        services.offer_written_send(
            offer=offer, actor=recruiter, sent_at=now - dt.timedelta(hours=1)
        )


def test_changing_terms_after_approval_needs_approval_again(offer, recruiter, hiring_manager):
    services.offer_approve(offer=offer, actor=hiring_manager)
    offer = services.offer_update(offer=offer, actor=recruiter, base_salary=99000)
    assert offer.approved_at is None


def _through_written(offer, recruiter, hiring_manager):
    now = timezone.now()
    services.offer_approve(offer=offer, actor=hiring_manager)
    services.offer_verbal_record(
        offer=offer,
        actor=recruiter,
        made_at=now - dt.timedelta(days=1),
        outcome=Offer.VerbalOutcome.POSITIVE,
    )
    services.offer_negotiation_note_add(offer=offer, actor=recruiter, body="Asked for +5k")
    return services.offer_written_send(
        offer=offer, actor=recruiter, sent_at=now, expires_on=timezone.localdate() + dt.timedelta(7)
    )


def test_offer_sequence_then_acceptance_hires_and_fills_the_requisition(
    offer, recruiter, hiring_manager, interviewer, mailoutbox, django_capture_on_commit_callbacks
):
    _through_written(offer, recruiter, hiring_manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_accept(offer=offer, actor=recruiter)
    application = Application.objects.get(pk=offer.application_id)
    assert application.stage == St.HIRED
    requisition = Requisition.objects.get(pk=application.requisition_id)
    assert requisition.status == Requisition.Status.FILLED
    assert list(
        requisition.events.filter(kind="status").order_by("id").values_list("data__to", flat=True)
    ) == ["interviewing", "offer", "filled"]
    # One email to each person on the hiring team (each in their own time zone), and the
    # recruiter and the manager are invited to the retrospective of the filled search.
    accepted = [email for email in mailoutbox if "accepted" in email.subject]
    assert sorted(email.to[0] for email in accepted) == sorted(
        [recruiter.email, hiring_manager.email, interviewer.email]
    )
    invited = [email for email in mailoutbox if "retrospective" in email.subject]
    assert sorted(email.to[0] for email in invited) == sorted(
        [recruiter.email, hiring_manager.email]
    )
    assert len(mailoutbox) == 5
    assert offer.negotiation_notes.count() == 1


def test_requisition_stays_open_until_the_headcount_is_hired(
    offer, recruiter, hiring_manager, django_capture_on_commit_callbacks
):
    Requisition.objects.filter(pk=offer.application.requisition_id).update(headcount=2)
    _through_written(offer, recruiter, hiring_manager)
    services.offer_accept(offer=offer, actor=recruiter)
    requisition = Requisition.objects.get(pk=offer.application.requisition_id)
    # The verbal offer moved the search to Offer; one hire of two does not fill it.
    assert requisition.status == Requisition.Status.OFFER


def test_accepting_before_the_written_offer_is_refused(offer, recruiter, hiring_manager):
    services.offer_approve(offer=offer, actor=hiring_manager)
    with pytest.raises(ValidationError, match="written offer"):
        services.offer_accept(offer=offer, actor=recruiter)


def test_declined_offer_keeps_its_reason_and_closes_the_application(
    offer, recruiter, hiring_manager
):
    _through_written(offer, recruiter, hiring_manager)
    with pytest.raises(ValidationError):
        services.offer_decline(offer=offer, actor=recruiter, reason=" ")
    services.offer_decline(offer=offer, actor=recruiter, reason="Counter-offer from employer")
    offer.refresh_from_db()
    assert offer.outcome == Offer.Outcome.DECLINED
    assert offer.application.stage == St.WITHDRAWN
    assert "Counter-offer" in offer.application.closed_reason


def test_offer_accepted_emails_with_mail_down_go_out_once_mail_is_back(
    offer, recruiter, hiring_manager, interviewer, mail_down, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    _through_written(offer, recruiter, hiring_manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_accept(offer=offer, actor=recruiter)
    assert Application.objects.get(pk=offer.application_id).stage == St.HIRED
    emails = assert_delivered_once_after_recovery(mail_down, mailoutbox)
    assert len(emails) == 5  # three "accepted", two retrospective invitations


# --- Single-line fields ----------------------------------------------------------------------
ONE_LINE = "Enter this on one line"


def test_offer_create_refuses_equity_with_a_line_break(interviewing, recruiter):
    with pytest.raises(ValidationError, match=ONE_LINE):
        services.offer_create(
            application=interviewing, actor=recruiter, base_salary=1, equity="0.1%\r\nmore"
        )

    assert not Offer.objects.exists()


def test_every_offer_step_is_audited_once_with_the_fields_it_changed(
    offer, recruiter, hiring_manager
):
    created = the_audit_entry("offer.create")
    assert created.actor == recruiter and created.before is None
    assert created.after == {
        "base_salary": "95000.00",
        "bonus": "5000.00",
        "equity": "0.1%",
        "currency": "EUR",
        "start_date": "2027-01-04",
    }
    services.offer_approve(offer=offer, actor=hiring_manager)
    approved = the_audit_entry("offer.approve")
    assert approved.actor == hiring_manager
    assert approved.before == {"approved_at": None, "approved_by": None}
    assert approved.after["approved_by"] == hiring_manager.pk
    assert approved.after["base_salary"] == "95000.00"  # the terms approved
    services.offer_update(offer=offer, actor=recruiter, base_salary=99000, bonus=5000)
    changed = the_audit_entry("offer.update_terms")
    assert changed.before["base_salary"] == "95000.00"
    assert changed.after["base_salary"] == "99000.00"
    assert changed.after["approved_at"] is None  # changed terms need approval again
    services.offer_approve(offer=offer, actor=hiring_manager)
    _through_written_after_approval(offer, recruiter)
    verbal = the_audit_entry("offer.verbal")
    assert verbal.before == {"verbal_offer_at": None, "verbal_outcome": "pending"}
    assert verbal.after["verbal_outcome"] == "positive"
    written = the_audit_entry("offer.written")
    assert written.before == {"written_sent_at": None, "expires_on": None}
    assert written.after["written_sent_at"] is not None
    services.offer_accept(offer=offer, actor=recruiter)
    accepted = the_audit_entry("offer.accept")
    assert accepted.before["outcome"] == "open" and accepted.after["outcome"] == "accepted"
    assert AuditEntry.objects.filter(target_type="candidates.offer").count() == 7


def _through_written_after_approval(offer, recruiter):
    now = timezone.now()
    services.offer_verbal_record(
        offer=offer,
        actor=recruiter,
        made_at=now - dt.timedelta(days=1),
        outcome=Offer.VerbalOutcome.POSITIVE,
    )
    services.offer_written_send(offer=offer, actor=recruiter, sent_at=now)


def test_a_declined_offer_is_audited_with_its_reason(offer, recruiter, hiring_manager):
    services.offer_approve(offer=offer, actor=hiring_manager)
    _through_written_after_approval(offer, recruiter)
    services.offer_decline(offer=offer, actor=recruiter, reason="Counter-offer")
    declined = the_audit_entry("offer.decline")
    assert declined.before == {"outcome": "open", "outcome_at": None, "declined_reason": ""}
    assert declined.after["outcome"] == "declined"
    assert declined.after["declined_reason"] == "Counter-offer"


def test_unchanged_terms_write_no_audit_entry(offer, recruiter):
    services.offer_update(offer=offer, actor=recruiter, base_salary=95000)
    assert not AuditEntry.objects.filter(action="offer.update_terms").exists()


def test_refused_offer_steps_write_no_audit_entry(offer, recruiter, hiring_manager):
    with pytest.raises(ValidationError):
        services.offer_verbal_record(
            offer=offer,
            actor=recruiter,
            made_at=timezone.now(),
            outcome=Offer.VerbalOutcome.POSITIVE,
        )
    with pytest.raises(ValidationError):
        services.offer_accept(offer=offer, actor=recruiter)
    with pytest.raises(PermissionDenied):
        services.offer_approve(offer=offer, actor=recruiter)
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["offer.create"]
