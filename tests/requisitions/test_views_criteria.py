"""The pages that shape a search before sourcing: the intake, the criteria and persona,
the sign-off, alignment meetings and the interview plan."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from requisitions import selectors, services
from requisitions.models import Criterion, Requisition
from tests.requisitions.conftest import add_criteria, at
from tests.requisitions.test_views import ONE_LINE, detail_url

S = Requisition.Status


# --- Intake -----------------------------------------------------------------------------
def test_hiring_manager_fills_in_intake_and_history_shows_author(
    client, hiring_manager, new_requisition
):
    client.force_login(hiring_manager)
    url = reverse("requisitions:intake_edit", args=[new_requisition.pk])
    response = client.post(
        url,
        {"meeting_duration_minutes": 45, "deal_breakers": "No on-call experience"},
        follow=True,
    )
    html = response.content.decode()
    assert "Intake saved." in html
    assert "Maya Manager" in html and "Deal breakers" in html
    new_requisition.intake.refresh_from_db()
    assert new_requisition.intake.deal_breakers == "No on-call experience"


def test_intake_ics_download(client, hiring_manager, new_requisition):
    services.intake_update(requisition=new_requisition, actor=hiring_manager, meeting_at=at())
    client.force_login(hiring_manager)
    response = client.get(reverse("requisitions:intake_ics", args=[new_requisition.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    assert Calendar.from_ical(response.content).walk("VEVENT")


def test_intake_ics_without_meeting_is_404(client, recruiter, new_requisition):
    client.force_login(recruiter)
    response = client.get(reverse("requisitions:intake_ics", args=[new_requisition.pk]))
    assert response.status_code == 404


# --- Criteria ------------------------------------------------------------------------------
def test_must_have_without_definition_rerenders_with_message(client, recruiter, new_requisition):
    client.force_login(recruiter)
    response = client.post(
        reverse("requisitions:criterion_add", args=[new_requisition.pk]),
        {"name": "Strategic thinker", "kind": "must_have", "category": "skill"},
    )
    assert response.status_code == 200
    assert b"A must-have needs a definition" in response.content
    assert b'value="Strategic thinker"' in response.content


def test_editing_signed_criterion_warns_then_starts_draft(
    client, recruiter, signed_requisition, mailoutbox, django_capture_on_commit_callbacks
):
    criterion = selectors.current_signed_version(signed_requisition).criteria.first()
    url = reverse("requisitions:criterion_edit", args=[signed_requisition.pk, criterion.key])
    client.force_login(recruiter)
    assert b"Saving starts a new draft version" in client.get(url).content
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "name": "Strategic thinker",
                "kind": "must_have",
                "category": "skill",
                "definition": "Different now",
                "order": 0,
            },
        )
    signed_requisition.refresh_from_db()
    assert signed_requisition.realignment_needed
    assert len(mailoutbox) == 1


def test_hiring_manager_signs_off_on_sign_off_page(client, hiring_manager, new_requisition):
    add_criteria(new_requisition, new_requisition.recruiter)
    client.force_login(hiring_manager)
    url = reverse("requisitions:criteria_sign_off", args=[new_requisition.pk])
    assert b"Sign off v1" in client.get(url).content
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    assert selectors.current_signed_version(new_requisition).number == 1


def test_sign_off_without_confirmation_is_refused(client, hiring_manager, new_requisition):
    add_criteria(new_requisition, new_requisition.recruiter)
    client.force_login(hiring_manager)
    response = client.post(reverse("requisitions:criteria_sign_off", args=[new_requisition.pk]))
    assert response.status_code == 200
    assert selectors.current_signed_version(new_requisition) is None


# --- Alignment meetings and plan -----------------------------------------------------------
def test_schedule_alignment_meeting_then_download_invite(client, recruiter, signed_requisition):
    client.force_login(recruiter)
    response = client.post(
        reverse("requisitions:alignment_meeting_create", args=[signed_requisition.pk]),
        {"scheduled_at": "2026-12-01T10:00", "duration_minutes": 60},
    )
    meeting = signed_requisition.alignment_meetings.get()
    assert response.url == reverse("requisitions:alignment_meeting_edit", args=[meeting.pk])
    ics = client.get(reverse("requisitions:alignment_meeting_ics", args=[meeting.pk]))
    [event] = Calendar.from_ical(ics.content).walk("VEVENT")
    # the recruiter's zone is UTC in the factory, so 10:00 local is 10:00Z
    assert event["dtstart"].to_ical() == b"20261201T100000Z"


def test_add_stage_with_criteria(client, recruiter, interviewer, signed_requisition):
    signed = selectors.current_signed_version(signed_requisition)
    must = signed.criteria.get(kind=Criterion.Kind.MUST_HAVE)
    client.force_login(recruiter)
    client.post(
        reverse("requisitions:interview_stage_add", args=[signed_requisition.pk]),
        {
            "name": "System design",
            "duration_minutes": 60,
            "interviewers": [interviewer.pk],
            "criterion_keys": [str(must.key)],
        },
    )
    stage = signed_requisition.interview_stages.get()
    assert stage.criterion_keys == [str(must.key)]
    response = client.get(detail_url(signed_requisition))
    assert "No stage assesses" not in response.content.decode()


def test_removing_a_signed_criterion_starts_a_draft_without_it(
    client, recruiter, signed_requisition
):
    signed = selectors.current_signed_version(signed_requisition)
    nice = signed.criteria.get(kind=Criterion.Kind.NICE_TO_HAVE)
    client.force_login(recruiter)
    client.post(reverse("requisitions:criterion_remove", args=[signed_requisition.pk, nice.key]))
    signed_requisition.refresh_from_db()
    draft = selectors.draft_version(signed_requisition)
    assert signed_requisition.realignment_needed
    assert nice.key not in {c.key for c in draft.criteria.all()}
    assert signed.criteria.filter(key=nice.key).exists()


def test_persona_page_warns_that_saving_reopens_alignment(client, recruiter, signed_requisition):
    client.force_login(recruiter)
    response = client.get(reverse("requisitions:persona_edit", args=[signed_requisition.pk]))
    assert b"asks the hiring manager to re-align" in response.content


# --- Single-line fields ----------------------------------------------------------------------
def test_criterion_form_refuses_a_name_with_a_line_break(client, recruiter, new_requisition):
    client.force_login(recruiter)

    response = client.post(
        reverse("requisitions:criterion_add", args=[new_requisition.pk]),
        {"name": "Calm\r\nunder pressure", "kind": "nice_to_have", "category": "skill"},
    )

    assert response.status_code == 200
    assert ONE_LINE in response.content.decode()
    assert not Criterion.objects.exists()


def test_stage_form_refuses_a_name_with_a_line_break(client, recruiter, signed_requisition):
    client.force_login(recruiter)

    response = client.post(
        reverse("requisitions:interview_stage_add", args=[signed_requisition.pk]),
        {"name": "Screen\u2028call", "duration_minutes": 60},
    )

    assert response.status_code == 200
    assert ONE_LINE in response.content.decode()
    assert not signed_requisition.interview_stages.exists()


# --- Sign-off: request changes -----------------------------------------------------------
def _draft_for_sign_off(requisition, recruiter):
    services.requisition_transition(requisition=requisition, to_status=S.INTAKE, actor=recruiter)
    add_criteria(requisition, recruiter)


def test_manager_requests_changes_instead_of_signing_off(
    client,
    new_requisition,
    recruiter,
    hiring_manager,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    _draft_for_sign_off(new_requisition, recruiter)
    client.force_login(hiring_manager)
    page = client.get(reverse("requisitions:criteria_sign_off", args=[new_requisition.pk]))
    assert "Request changes" in page.content.decode()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("requisitions:criteria_changes_request", args=[new_requisition.pk]),
            {"comment": "Payments domain should be a must-have"},
        )
    assert response.status_code == 302
    event = new_requisition.events.get(kind="sign_off_changes")
    assert "Payments domain should be a must-have" in event.message
    assert [m.to for m in mailoutbox] == [[recruiter.email]]
    assert "Payments domain should be a must-have" in mailoutbox[0].body
    new_requisition.refresh_from_db()
    assert new_requisition.status == S.INTAKE
    assert selectors.draft_version(new_requisition) is not None


def test_a_changes_request_needs_its_comment_shown_beside_the_field(
    client, new_requisition, recruiter, hiring_manager
):
    _draft_for_sign_off(new_requisition, recruiter)
    client.force_login(hiring_manager)
    response = client.post(
        reverse("requisitions:criteria_changes_request", args=[new_requisition.pk]),
        {"comment": "  "},
    )
    assert response.status_code == 200
    assert response.context["changes_form"].errors["comment"]
    assert not new_requisition.events.filter(kind="sign_off_changes").exists()


@pytest.mark.parametrize("who", ["recruiter", "interviewer"])
def test_only_the_hiring_manager_requests_changes(
    client, new_requisition, recruiter, interviewer, who
):
    _draft_for_sign_off(new_requisition, recruiter)
    client.force_login(recruiter if who == "recruiter" else interviewer)
    response = client.post(
        reverse("requisitions:criteria_changes_request", args=[new_requisition.pk]),
        {"comment": "Change it"},
    )
    assert response.status_code in (403, 404)
    assert not new_requisition.events.filter(kind="sign_off_changes").exists()
