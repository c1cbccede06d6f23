import pytest
from django.urls import reverse

from requisitions import admin  # noqa: F401 - registers the model admins
from requisitions.models import AlignmentMeeting, CriteriaVersion, InterviewStage
from tests import factories
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
