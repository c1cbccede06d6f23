"""The partnership: the agreement signed with the criteria, reminders following the agreed
numbers, promises kept and the health computed from recorded events, the weekly pulse."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from debriefs.models import Interview
from hiring_hub.models import AuditEntry, OutboundMessage
from requisitions import notifications, partnership, selectors, services
from requisitions.models import (
    PartnershipAgreement,
    PartnershipHealth,
    PulseAnswer,
    Requisition,
    RequisitionEvent,
)
from tests import factories
from tests.requisitions.conftest import sweep, utc

pytestmark = pytest.mark.django_db


# --- The agreement ------------------------------------------------------------------------------
def test_signing_off_the_criteria_signs_the_default_agreement(signed_requisition, hiring_manager):
    agreement = PartnershipAgreement.objects.get(requisition=signed_requisition)
    assert agreement.signed_by == hiring_manager
    assert agreement.signed_version.number == 1
    assert (
        agreement.shortlist_review_business_days
        == partnership.DEFAULT_TERMS["shortlist_review_business_days"]
    )
    assert [c.note for c in agreement.changes.all()] == ["Signed with criteria v1"]
    assert AuditEntry.objects.filter(action="partnership.sign").count() == 1


def test_the_proposed_agreement_is_shown_at_sign_off_and_signed_with_the_criteria(
    client, new_requisition, recruiter, hiring_manager
):
    from tests.requisitions.conftest import add_criteria

    services.requisition_transition(
        requisition=new_requisition, to_status=Requisition.Status.INTAKE, actor=recruiter
    )
    add_criteria(new_requisition, recruiter)
    partnership.agreement_save(
        requisition=new_requisition, actor=recruiter, shortlist_review_business_days=3
    )
    client.force_login(hiring_manager)
    page = client.get(reverse("requisitions:criteria_sign_off", args=[new_requisition.pk]))
    assert "Shortlists reviewed within 3 business days" in page.content.decode()
    client.post(
        reverse("requisitions:criteria_sign_off", args=[new_requisition.pk]), {"confirm": "on"}
    )
    agreement = PartnershipAgreement.objects.get(requisition=new_requisition)
    assert agreement.signed_by == hiring_manager
    assert agreement.shortlist_review_business_days == 3
    assert [c.note for c in agreement.changes.order_by("pk")] == [
        "Proposed",
        "Signed with criteria v1",
    ]


def test_a_change_after_sign_off_is_kept_with_before_and_after(signed_requisition, recruiter):
    partnership.agreement_save(
        requisition=signed_requisition, actor=recruiter, scorecard_hours=48, calibration_weeks=4
    )
    change = PartnershipAgreement.objects.get(requisition=signed_requisition).changes.first()
    assert change.author == recruiter
    assert change.changes == {"scorecard_hours": {"before": 24, "after": 48}}
    entry = AuditEntry.objects.get(action="partnership.change")
    assert entry.before["scorecard_hours"] == 24 and entry.after["scorecard_hours"] == 48
    assert signed_requisition.events.filter(kind=RequisitionEvent.Kind.PARTNERSHIP).exists()


def test_the_manager_cannot_change_the_agreement_and_bad_numbers_change_nothing(
    signed_requisition, recruiter, hiring_manager
):
    with pytest.raises(PermissionDenied):
        partnership.agreement_save(
            requisition=signed_requisition, actor=hiring_manager, scorecard_hours=48
        )
    with pytest.raises(ValidationError):
        partnership.agreement_save(
            requisition=signed_requisition, actor=recruiter, shortlist_review_business_days=0
        )
    agreement = PartnershipAgreement.objects.get(requisition=signed_requisition)
    assert agreement.scorecard_hours == 24 and agreement.shortlist_review_business_days == 2


def test_the_agreement_form_keeps_what_was_typed_on_a_bad_number(
    client, signed_requisition, recruiter
):
    client.force_login(recruiter)
    url = reverse("requisitions:partnership_agreement_edit", args=[signed_requisition.pk])
    data = dict(partnership.DEFAULT_TERMS)
    data.update(scorecard_hours="0", calibration_weeks="6", check_in_weekly="on")
    page = client.post(url, data)
    assert page.status_code == 200
    body = page.content.decode()
    assert "is-invalid" in body and 'value="6"' in body
    data.update(scorecard_hours="36")
    assert client.post(url, data).status_code == 302
    agreement = PartnershipAgreement.objects.get(requisition=signed_requisition)
    assert (agreement.scorecard_hours, agreement.calibration_weeks) == (36, 6)


# --- Reminders follow the agreed numbers ------------------------------------------------------
def test_the_shortlist_nudge_moves_with_the_agreed_review_days(requisition, mailoutbox):
    PartnershipAgreement.objects.create(requisition=requisition, shortlist_review_business_days=4)
    shortlist = factories.ShortlistFactory(
        requisition=requisition,
        number=1,
        submitted_at=utc(2026, 11, 19, 15, 0),  # Thursday
    )
    factories.ShortlistEntryFactory(shortlist=shortlist)
    sweep(utc(2026, 11, 23, 15, 0), "shortlist_waiting")  # 2 business days: the default
    assert mailoutbox == []
    sweep(utc(2026, 11, 25, 15, 0), "shortlist_waiting")  # 4 business days: agreed
    assert [m.to for m in mailoutbox] == [[requisition.hiring_manager.email]]
    assert "4 business days" in mailoutbox[0].body
    sweep(utc(2026, 11, 27, 15, 0), "shortlist_waiting")  # 6: the recruiter is told
    assert [m.to for m in mailoutbox][1] == [requisition.recruiter.email]
    assert "after the agreed 4 business days" in mailoutbox[1].body


def test_the_scorecard_reminders_start_after_the_agreed_hours(requisition, interviewer, mailoutbox):
    PartnershipAgreement.objects.create(requisition=requisition, scorecard_hours=48)
    factories.InterviewFactory(
        application__requisition=requisition,
        starts_at=utc(2026, 11, 23, 9, 0),  # Monday
        ends_at=utc(2026, 11, 23, 10, 0),
        interviewers=[interviewer],
    )
    sweep(utc(2026, 11, 23, 11, 0), "scorecard_reminder")
    assert len(mailoutbox) == 1  # the first one, an hour after
    sweep(utc(2026, 11, 24, 11, 0), "scorecard_reminder")  # 25 h: not late yet at 48
    assert len(mailoutbox) == 1
    sweep(utc(2026, 11, 25, 11, 0), "scorecard_reminder")  # 49 h: late
    assert len(mailoutbox) == 2


def test_overdue_flags_of_the_check_in_follow_the_agreement(requisition, interviewer):
    PartnershipAgreement.objects.create(
        requisition=requisition, scorecard_hours=72, shortlist_review_business_days=5
    )
    factories.InterviewFactory(
        application__requisition=requisition,
        starts_at=utc(2026, 11, 23, 9, 0),
        ends_at=utc(2026, 11, 23, 10, 0),
        interviewers=[interviewer],
    )
    shortlist = factories.ShortlistFactory(
        requisition=requisition, number=1, submitted_at=utc(2026, 11, 20, 9, 0)
    )
    factories.ShortlistEntryFactory(shortlist=shortlist)
    figures = selectors.check_in_figures(requisition, now=utc(2026, 11, 25, 12, 0))
    assert figures["scorecards_overdue"] == []  # 50 h < 72 h agreed
    assert figures["shortlists_waiting"][0]["overdue"] is False  # 3 of 5 business days
    figures = selectors.check_in_figures(requisition, now=utc(2026, 11, 27, 12, 0))
    assert len(figures["scorecards_overdue"]) == 1
    assert figures["shortlists_waiting"][0]["overdue"] is True


# --- The weekly pulse ---------------------------------------------------------------------------
def pulse_url(requisition, person, mood=PulseAnswer.Mood.SOME_CONCERNS, week=dt.date(2026, 11, 30)):
    token = partnership.pulse_token(
        requisition=requisition, person=person, week_start=week, mood=mood
    )
    return reverse("requisitions:pulse_answer", args=[token])


def test_the_weekly_check_in_asks_the_manager_with_signed_links(requisition, mailoutbox):
    sweep(utc(2026, 11, 30, 9, 0), notifications.WEEKLY_CHECK_IN)
    manager_mail = next(m for m in mailoutbox if m.to == [requisition.hiring_manager.email])
    recruiter_mail = next(m for m in mailoutbox if m.to == [requisition.recruiter.email])
    assert "How is this search going for you?" in manager_mail.body
    assert "/requisitions/pulse/" in manager_mail.body
    assert "/requisitions/pulse/" not in recruiter_mail.body


def test_the_pulse_link_opens_a_confirm_page_and_records_once(client, requisition):
    manager = requisition.hiring_manager
    client.force_login(manager)
    url = pulse_url(requisition, manager)
    page = client.get(url)
    assert page.status_code == 200
    assert re.search(r'<input[^>]*value="some_concerns"[^>]*checked', page.content.decode())
    assert not PulseAnswer.objects.exists()  # opening the link records nothing
    client.post(url, {"mood": "some_concerns", "comment": "Slow pipeline."})
    answer = PulseAnswer.objects.get()
    assert (answer.mood, answer.comment, answer.respondent) == (
        PulseAnswer.Mood.SOME_CONCERNS,
        "Slow pipeline.",
        manager,
    )
    # Valid once: the other answers of the same email now say it was answered.
    again = client.post(
        pulse_url(requisition, manager, PulseAnswer.Mood.OFF_TRACK), {"mood": "off_track"}
    )
    assert "You already answered" in again.content.decode()
    assert PulseAnswer.objects.get().mood == PulseAnswer.Mood.SOME_CONCERNS


def test_the_pulse_link_is_only_for_its_person(client, requisition):
    url = pulse_url(requisition, requisition.hiring_manager)
    for person in (requisition.recruiter, factories.HiringManagerFactory()):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, {"mood": "on_track"}).status_code == 403
    client.force_login(requisition.hiring_manager)
    assert client.get(url[:-3] + "xx/").status_code == 403  # tampered
    assert not PulseAnswer.objects.exists()


def test_the_pulse_link_expires_after_two_weeks(client, requisition):
    with time_machine.travel(utc(2026, 11, 30, 9, 0), tick=False):
        url = pulse_url(requisition, requisition.hiring_manager)
    client.force_login(requisition.hiring_manager)
    with time_machine.travel(utc(2026, 12, 13, 9, 0), tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(utc(2026, 12, 14, 9, 1), tick=False):
        response = client.post(url, {"mood": "on_track"})
    assert response.status_code == 410 and "expired" in response.content.decode()
    assert not PulseAnswer.objects.exists()


def test_the_answers_form_a_trend_on_the_requisition(client, requisition):
    for week, mood in ((dt.date(2026, 11, 16), "on_track"), (dt.date(2026, 11, 23), "off_track")):
        partnership.pulse_answer(
            requisition=requisition, actor=requisition.hiring_manager, week_start=week, mood=mood
        )
    assert [a.mood for a in partnership.pulse_trend(requisition)] == ["on_track", "off_track"]
    client.force_login(requisition.recruiter)
    body = client.get(reverse("requisitions:partnership", args=[requisition.pk])).content.decode()
    assert body.index("week of 16 Nov") < body.index("week of 23 Nov")
    with pytest.raises(PermissionDenied):
        partnership.pulse_answer(
            requisition=requisition,
            actor=requisition.recruiter,
            week_start=dt.date(2026, 11, 30),
            mood="on_track",
        )


def test_interviewers_see_no_partnership(client, requisition, interviewer):
    client.force_login(interviewer)
    assert client.get(reverse("requisitions:partnership", args=[requisition.pk])).status_code == 404
    assert OutboundMessage.objects.count() == 0
    assert Interview.objects.count() == 0


def test_the_demo_shows_a_healthy_pair_and_a_struggling_one():
    from debriefs import partnership_demo
    from hiring_hub import demo

    users = demo.seed_users()
    partnership_demo.seed(users)
    partnership_demo.seed(users)  # idempotent
    levels = dict(
        PartnershipHealth.objects.values_list("requisition__title", "level").order_by("pk")
    )
    assert levels == {"Site Reliability Engineer": "good", "iOS Engineer": "bad"}
    struggling = PartnershipHealth.objects.get(requisition__title="iOS Engineer")
    assert "Two weeks off track in the hiring manager's pulse" in struggling.reasons
