"""The requisitions app's emails with mail down: the action answers normally, nothing is
lost, and each email goes out once when mail is back."""

import pytest

from hiring_hub.models import OutboundMessage
from requisitions import services
from requisitions.models import Requisition
from tests.conftest import assert_delivered_once_after_recovery
from tests.requisitions.conftest import add_criteria

pytestmark = pytest.mark.django_db


def test_opening_a_requisition_with_mail_down_keeps_the_email_for_later(
    recruiter, hiring_manager, mail_down, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        requisition = services.requisition_create(
            actor=recruiter,
            title="Data Engineer",
            team="Data",
            location="Berlin",
            hiring_manager=hiring_manager,
        )
    assert requisition.pk
    (email,) = assert_delivered_once_after_recovery(mail_down, mailoutbox)
    assert email.to == [hiring_manager.email]
    assert "Data Engineer" in email.subject


def test_sign_off_and_realignment_emails_with_mail_down_go_out_once_mail_is_back(
    new_requisition, recruiter, hiring_manager, mail_down, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    OutboundMessage.objects.all().delete()  # the hiring manager's email when it was opened
    mailoutbox.clear()
    services.requisition_transition(
        requisition=new_requisition, to_status=Requisition.Status.INTAKE, actor=recruiter
    )
    must, _nice = add_criteria(new_requisition, recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        services.criteria_sign_off(requisition=new_requisition, actor=hiring_manager)
        services.criterion_revise(
            requisition=new_requisition,
            key=must.key,
            actor=recruiter,
            name="Strategic thinker",
            kind=must.kind,
            category=must.category,
            definition="Picks the two bets that matter this year.",
        )
    emails = assert_delivered_once_after_recovery(mail_down, mailoutbox)
    assert sorted(e.to[0] for e in emails) == sorted([recruiter.email, hiring_manager.email])
