import pytest
from django.urls import reverse

from requisitions import admin  # noqa: F401 - registers the model admins
from requisitions.models import (
    AlignmentMeeting,
    CriteriaVersion,
    InterviewStage,
    Requisition,
    RequisitionEvent,
)
from tests import factories
from tests.hiring_hub.test_admin import (
    admin_change_form_data,
    assert_every_change_page_opens,
    assert_every_changelist_opens,
)
from tests.requisitions.conftest import at

PAGES = (
    "requisition",
    "intake",
    "intakerevision",
    "criteriaversion",
    "criterion",
    "alignmentmeeting",
    "interviewstage",
    "requisitionevent",
    "checkin",
)


@pytest.fixture
def admin_user(db):
    return factories.RecruiterFactory(is_staff=True, is_superuser=True)


def test_every_requisitions_admin_page_loads(client, admin_user, signed_requisition, recruiter):
    from requisitions import services

    services.alignment_meeting_schedule(
        requisition=signed_requisition, actor=recruiter, scheduled_at=at()
    )
    services.interview_stage_add(requisition=signed_requisition, actor=recruiter, name="Screen")
    services.intake_update(requisition=signed_requisition, actor=recruiter, timeline="Soon")
    client.force_login(admin_user)
    for name in PAGES:
        url = reverse(f"admin:requisitions_{name}_changelist")
        assert client.get(url, {"q": "a"}).status_code == 200, name
    objects = {
        "requisition": signed_requisition,
        "intake": signed_requisition.intake,
        "criteriaversion": CriteriaVersion.objects.first(),
        "alignmentmeeting": AlignmentMeeting.objects.first(),
        "interviewstage": InterviewStage.objects.first(),
    }
    for name, obj in objects.items():
        url = reverse(f"admin:requisitions_{name}_change", args=[obj.pk])
        assert client.get(url).status_code == 200, name


def test_every_requisitions_admin_list_searches_and_filters(
    client, admin_user, signed_requisition, recruiter
):
    from requisitions import services

    services.intake_update(requisition=signed_requisition, actor=recruiter, timeline="Soon")
    client.force_login(admin_user)
    assert_every_changelist_opens(client, "requisitions")
    assert_every_change_page_opens(client, "requisitions")


def test_non_staff_cannot_open_any_requisitions_admin_list(client, hiring_manager):
    client.force_login(hiring_manager)
    for name in PAGES:
        response = client.get(reverse(f"admin:requisitions_{name}_changelist"))
        assert response.status_code == 302, name


def test_requisition_status_cannot_be_changed_in_the_admin(client, admin_user, signed_requisition):
    # given an aligned requisition, whose status moves only through the app's steps
    before = (signed_requisition.status, signed_requisition.opened_at)
    events = RequisitionEvent.objects.count()
    url = reverse("admin:requisitions_requisition_change", args=[signed_requisition.pk])
    client.force_login(admin_user)
    data = admin_change_form_data(client, url)
    # when the admin posts it as filled, with a new title
    data.update(status=Requisition.Status.FILLED, title="Staff Engineer, Payments")
    response = client.post(url, data)
    # then the title changed and the status did not
    assert response.status_code == 302
    signed_requisition.refresh_from_db()
    assert (signed_requisition.status, signed_requisition.opened_at) == before
    assert signed_requisition.title == "Staff Engineer, Payments"
    assert RequisitionEvent.objects.count() == events


def test_requisition_recruiter_must_be_a_recruiter(
    client, admin_user, signed_requisition, interviewer
):
    url = reverse("admin:requisitions_requisition_change", args=[signed_requisition.pk])
    client.force_login(admin_user)
    data = admin_change_form_data(client, url)
    data["recruiter"] = str(interviewer.pk)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "recruiter" in response.context["adminform"].form.errors
    signed_requisition.refresh_from_db()
    assert signed_requisition.recruiter != interviewer


def test_intake_revision_page_names_what_changed(client, admin_user, signed_requisition, recruiter):
    from requisitions import services

    services.intake_update(requisition=signed_requisition, actor=recruiter, timeline="Soon")
    client.force_login(admin_user)
    response = client.get(
        reverse("admin:requisitions_intake_change", args=[signed_requisition.intake.pk])
    )
    assert "IntakeRevision object" not in response.text
    assert "Intake change: timeline" in response.text


def test_requisitions_are_opened_in_the_app_not_added_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("admin:requisitions_requisition_add")).status_code == 403
    assert client.get(reverse("admin:requisitions_requisitionevent_add")).status_code == 403


def test_retrospectives_and_team_profiles_show_in_the_admin_read_only(
    client, admin_user, recruiter, hiring_manager
):
    from requisitions import retrospectives, services
    from requisitions.models import Retrospective

    requisition = factories.RequisitionFactory(
        recruiter=recruiter, hiring_manager=hiring_manager, status=Requisition.Status.OFFER
    )
    services.requisition_transition(
        requisition=requisition, to_status=Requisition.Status.FILLED, actor=recruiter
    )
    retrospectives.retrospective_submit(
        retrospective=Retrospective.objects.get(person=hiring_manager),
        actor=hiring_manager,
        what_worked="Fast reviews",
        what_to_change="",
    )
    client.force_login(admin_user)
    assert_every_changelist_opens(client, "requisitions")
    assert_every_change_page_opens(client, "requisitions")
    for name in ("teamprofile", "teamprofilelesson", "retrospective"):
        assert client.get(reverse(f"admin:requisitions_{name}_add")).status_code == 403, name
