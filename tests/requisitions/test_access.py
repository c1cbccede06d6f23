"""Who may see and change requisitions: every denial, page by page."""

import pytest
from django.urls import reverse

from hiring_hub import access
from requisitions import selectors, services
from tests import factories
from tests.requisitions.conftest import at


@pytest.fixture
def meeting(signed_requisition, recruiter):
    return services.alignment_meeting_schedule(
        requisition=signed_requisition, actor=recruiter, scheduled_at=at()
    )


@pytest.fixture
def stage(signed_requisition, recruiter):
    return services.interview_stage_add(
        requisition=signed_requisition, actor=recruiter, name="Screen"
    )


def urls(requisition, meeting, stage):
    key = selectors.current_signed_version(requisition).criteria.first().key
    pk = requisition.pk
    return {
        "detail": reverse("requisitions:requisition_detail", args=[pk]),
        "edit": reverse("requisitions:requisition_edit", args=[pk]),
        "transition": reverse("requisitions:requisition_transition", args=[pk]),
        "intake": reverse("requisitions:intake_edit", args=[pk]),
        "criterion_add": reverse("requisitions:criterion_add", args=[pk]),
        "criterion_edit": reverse("requisitions:criterion_edit", args=[pk, key]),
        "criterion_remove": reverse("requisitions:criterion_remove", args=[pk, key]),
        "persona": reverse("requisitions:persona_edit", args=[pk]),
        "sign_off": reverse("requisitions:criteria_sign_off", args=[pk]),
        "meeting_create": reverse("requisitions:alignment_meeting_create", args=[pk]),
        "meeting": reverse("requisitions:alignment_meeting_edit", args=[meeting.pk]),
        "meeting_ics": reverse("requisitions:alignment_meeting_ics", args=[meeting.pk]),
        "stage_add": reverse("requisitions:interview_stage_add", args=[pk]),
        "stage_edit": reverse("requisitions:interview_stage_edit", args=[stage.pk]),
        "stage_remove": reverse("requisitions:interview_stage_remove", args=[stage.pk]),
    }


RECRUITER_ONLY = (
    "edit",
    "transition",
    "criterion_add",
    "criterion_edit",
    "criterion_remove",
    "persona",
    "meeting_create",
    "stage_add",
    "stage_edit",
    "stage_remove",
)
POST_ONLY = ("transition", "criterion_remove", "stage_remove")


def assert_each_answers(client, all_urls, names, status_code):
    """Each named page answers status_code (its form's POST for POST-only actions)."""
    for name in names:
        method = client.post if name in POST_ONLY else client.get
        assert method(all_urls[name]).status_code == status_code, name


def test_anonymous_is_sent_to_login(client, signed_requisition, meeting, stage):
    for name, url in urls(signed_requisition, meeting, stage).items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert "/accounts/login/" in response.url


@pytest.mark.parametrize("who", ["other_manager", "outside_interviewer"])
def test_outsiders_get_404_everywhere(client, signed_requisition, meeting, stage, who):
    user = (
        factories.HiringManagerFactory()
        if who == "other_manager"
        else factories.InterviewerFactory()
    )
    client.force_login(user)
    all_urls = urls(signed_requisition, meeting, stage)
    assert_each_answers(client, all_urls, all_urls, 404)


def test_outsiders_do_not_see_it_in_the_list(client, signed_requisition):
    client.force_login(factories.HiringManagerFactory())
    response = client.get(reverse("requisitions:requisition_list"))
    assert list(response.context["requisitions"]) == []


def test_other_recruiter_sees_but_cannot_change(client, signed_requisition, meeting, stage):
    client.force_login(factories.RecruiterFactory())
    all_urls = urls(signed_requisition, meeting, stage)
    assert client.get(all_urls["detail"]).status_code == 200
    assert client.get(all_urls["intake"]).status_code == 200
    assert_each_answers(client, all_urls, RECRUITER_ONLY, 403)
    assert client.post(all_urls["intake"], {"timeline": "x"}).status_code == 403
    assert client.post(all_urls["meeting"], {}).status_code == 403


def test_hiring_manager_edits_intake_but_not_the_rest(
    client, hiring_manager, signed_requisition, meeting, stage
):
    client.force_login(hiring_manager)
    all_urls = urls(signed_requisition, meeting, stage)
    assert client.get(all_urls["detail"]).status_code == 200
    response = client.post(
        all_urls["intake"], {"meeting_duration_minutes": 45, "timeline": "By March"}
    )
    assert response.status_code == 302
    assert_each_answers(client, all_urls, RECRUITER_ONLY, 403)


def test_recruiter_cannot_sign_off(client, recruiter, signed_requisition, meeting, stage):
    services.persona_update(requisition=signed_requisition, actor=recruiter, persona="new")
    client.force_login(recruiter)
    url = urls(signed_requisition, meeting, stage)["sign_off"]
    assert client.get(url).status_code == 200
    assert client.post(url, {"confirm": "on"}).status_code == 403


def test_hiring_team_member_reads_only(client, interviewer, signed_requisition, meeting, stage):
    client.force_login(interviewer)
    all_urls = urls(signed_requisition, meeting, stage)
    response = client.get(all_urls["detail"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Change status" not in html and "Edit details" not in html
    assert "Salary band" not in html
    assert 'id="intake"' not in html
    # the intake's candid notes are for the recruiter and the manager only, and the
    # alignment meeting's agenda quotes them: only its invitees besides those two read it
    assert client.get(all_urls["meeting"]).status_code == 403
    assert client.get(all_urls["meeting_ics"]).status_code == 403
    assert client.get(all_urls["intake"]).status_code == 403
    assert client.get(all_urls["sign_off"]).status_code == 200
    assert client.post(all_urls["sign_off"], {"confirm": "on"}).status_code == 403
    assert client.post(all_urls["meeting"], {}).status_code == 403
    assert_each_answers(client, all_urls, RECRUITER_ONLY, 403)


def test_hiring_manager_and_interviewer_cannot_create(client, hiring_manager, interviewer):
    for user in (hiring_manager, interviewer):
        client.force_login(user)
        assert client.get(reverse("requisitions:requisition_create")).status_code == 403


def test_inactive_user_sees_nothing(signed_requisition, recruiter):
    recruiter.is_active = False
    assert not access.requisitions_visible_to(recruiter).exists()


def test_access_rules_for_intake_and_compensation(signed_requisition, hiring_manager, interviewer):
    assert access.can_see_intake(hiring_manager, signed_requisition)
    assert access.can_see_compensation(hiring_manager, signed_requisition)
    assert not access.can_see_intake(interviewer, signed_requisition)
    assert not access.can_see_compensation(interviewer, signed_requisition)
    assert not access.can_change_requisition_status(hiring_manager, signed_requisition)
