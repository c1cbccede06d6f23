import pytest
from django.urls import reverse

from hiring_hub.models import OutboundMessage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return factories.RecruiterFactory(is_staff=True, is_superuser=True)


def message(state, n=0, **kwargs):
    return OutboundMessage.objects.create(
        kind="thank_you_reminder",
        recipient_email=f"r{n}@example.com",
        subject_key=f"interview:{n}",
        period="p",
        state=state,
        subject=f"Reminder {n}",
        message_id=f"<test-{n}@hiring-hub>",
        **kwargs,
    )


def test_admin_lists_every_message_with_its_state_and_filters_by_state(client, admin_user):
    message("sent", 1)
    message("failed", 2, attempts=2, last_error="SMTPServerDisconnected")
    client.force_login(admin_user)
    url = reverse("admin:hiring_hub_outboundmessage_changelist")
    page = client.get(url)
    assert page.status_code == 200
    assert "Reminder 1" in page.text and "Reminder 2" in page.text
    failed_only = client.get(url, {"state__exact": "failed"})
    assert "Reminder 2" in failed_only.text and "Reminder 1" not in failed_only.text


def test_retry_now_action_makes_failed_and_given_up_messages_due_again(client, admin_user):
    failed, gave_up, sent = message("failed", 1), message("gave_up", 2), message("sent", 3)
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:hiring_hub_outboundmessage_changelist"),
        {"action": "retry_now", "_selected_action": [failed.pk, gave_up.pk, sent.pk]},
    )
    assert response.status_code == 302
    states = dict(OutboundMessage.objects.values_list("pk", "state"))
    assert states == {failed.pk: "failed", gave_up.pk: "failed", sent.pk: "sent"}
    gave_up.refresh_from_db()
    assert gave_up.next_attempt_at is not None


def test_non_staff_cannot_open_the_message_admin(client, recruiter):
    client.force_login(recruiter)
    response = client.get(reverse("admin:hiring_hub_outboundmessage_changelist"))
    assert response.status_code == 302
