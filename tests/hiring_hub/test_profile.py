import pytest
from django.urls import reverse

from hiring_hub import outbox
from hiring_hub.models import NotificationOptOut
from requisitions.notifications import WEEKLY_CHECK_IN

pytestmark = pytest.mark.django_db


def post_profile(client, user, kinds, time_zone="Europe/Berlin"):
    client.force_login(user)
    return client.post(
        reverse("profile"),
        {"full_name": user.full_name, "time_zone": time_zone, "notifications": kinds},
    )


def switchable() -> list[str]:
    return [kind.key for kind in outbox.opt_out_kinds()]


def test_profile_shows_every_notification_kind_switched_on_by_default(client, recruiter):
    client.force_login(recruiter)
    response = client.get(reverse("profile"))
    assert response.status_code == 200
    assert len(switchable()) == 7
    for kind in switchable():
        assert f'value="{kind}"' in response.text
    assert response.context["form"]["notifications"].initial == switchable()


def test_switching_a_kind_off_records_an_opt_out_and_back_on_removes_it(client, recruiter):
    keep = [k for k in switchable() if k != WEEKLY_CHECK_IN]
    response = post_profile(client, recruiter, keep)
    assert response.status_code == 302
    assert list(recruiter.notification_opt_outs.values_list("kind", flat=True)) == [WEEKLY_CHECK_IN]
    recruiter.refresh_from_db()
    assert recruiter.time_zone == "Europe/Berlin"

    post_profile(client, recruiter, switchable())
    assert not NotificationOptOut.objects.filter(user=recruiter).exists()


def test_unknown_time_zone_is_refused_and_keeps_what_was_typed(client, recruiter):
    response = post_profile(client, recruiter, [], time_zone="Mars/Olympus")
    assert response.status_code == 200
    assert "time_zone" in response.context["form"].errors
    assert not NotificationOptOut.objects.filter(user=recruiter).exists()


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
