"""Accounts: log in by email, log out, password reset and change, invitations, rate limits."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hiring_hub import services
from hiring_hub.models import OutboundMessage, Role, User
from tests import factories

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def _link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_user_logs_in_with_email_and_password(client, recruiter):
    response = client.post(
        LOGIN, {"login": recruiter.email.upper(), "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("home")).context["user"] == recruiter


def test_wrong_password_is_refused_with_a_message(client, recruiter):
    response = client.post(LOGIN, {"login": recruiter.email, "password": "nope"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_logout_ends_the_session(client, recruiter):
    client.force_login(recruiter)
    client.post(reverse("account_logout"))
    assert client.get(reverse("home")).status_code == 302


def test_pages_require_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_sign_up_is_closed(client):
    response = client.get(reverse("account_signup"))
    assert "by invitation" in response.content.decode()
    client.post(reverse("account_signup"), {"email": "x@example.com", "password1": "S3cure-pass!"})
    assert not User.objects.filter(email="x@example.com").exists()


def test_password_reset_emails_a_working_link(
    client, recruiter, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": recruiter.email})
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [recruiter.email]
    link = _link_in(mailoutbox[0])
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url, {"password1": "Fresh-pass-2026", "password2": "Fresh-pass-2026"}
    )
    assert response.status_code == 302
    recruiter.refresh_from_db()
    assert recruiter.check_password("Fresh-pass-2026")


def test_password_reset_does_the_same_work_whether_or_not_the_address_has_an_account(
    client, recruiter
):
    """As many statements and one outbox row either way, so the answer's time does not tell
    who has an account (the times themselves: bench/password_reset.py)."""
    invited = services.user_invite(
        invited_by=recruiter, email="new.person@example.org", full_name="New", role=Role.INTERVIEWER
    )
    statements = {}
    for label, email in (("known", invited.email), ("unknown", "nobody.here@example.org")):
        before = OutboundMessage.objects.count()
        with CaptureQueriesContext(connection) as captured:
            response = client.post(reverse("account_reset_password"), {"email": email})
        assert response.status_code == 302
        assert OutboundMessage.objects.count() == before + 1
        statements[label] = [q["sql"].split(" ", 1)[0] for q in captured.captured_queries]
    assert statements["known"] == statements["unknown"] == ["SELECT"] * 3 + ["INSERT"]


def test_password_change(client, recruiter):
    client.force_login(recruiter)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": factories.PASSWORD,
            "password1": "Another-pass-77",
            "password2": "Another-pass-77",
        },
    )
    assert response.status_code == 302
    recruiter.refresh_from_db()
    assert recruiter.check_password("Another-pass-77")


def test_failed_logins_are_rate_limited_per_account(client, recruiter):
    for _ in range(5):
        client.post(LOGIN, {"login": recruiter.email, "password": "wrong"})
    # even the right password is refused until the window passes
    response = client.post(LOGIN, {"login": recruiter.email, "password": factories.PASSWORD})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_recruiter_invites_a_hiring_manager_who_sets_a_password(
    client, recruiter, mailoutbox, django_capture_on_commit_callbacks
):
    # given a recruiter invites someone from the Team page
    client.force_login(recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("user_list"),
            {
                "full_name": "Hana Manager",
                "email": "Hana@Example.com",
                "role": Role.HIRING_MANAGER,
                "time_zone": "Europe/Berlin",
            },
        )
    assert response.status_code == 302
    invitee = User.objects.get(email="hana@example.com")
    assert not invitee.has_usable_password()
    assert invitee.role == Role.HIRING_MANAGER
    assert invitee.invited_by == recruiter
    # then the invitee receives a link, sets a password, and can log in
    assert len(mailoutbox) == 1
    assert "invited" in mailoutbox[0].subject
    client.logout()
    form_url = client.get(_link_in(mailoutbox[0]), follow=True).redirect_chain[-1][0]
    client.post(form_url, {"password1": "Welcome-aboard-1", "password2": "Welcome-aboard-1"})
    client.logout()
    response = client.post(LOGIN, {"login": "hana@example.com", "password": "Welcome-aboard-1"})
    assert response.status_code == 302


def test_invitation_refuses_an_existing_email_and_keeps_the_form(client, recruiter, interviewer):
    client.force_login(recruiter)
    response = client.post(
        reverse("user_list"),
        {
            "full_name": "Someone",
            "email": interviewer.email.upper(),
            "role": Role.INTERVIEWER,
            "time_zone": "UTC",
        },
    )
    assert response.status_code == 200
    assert "already has an account" in response.content.decode()
    assert response.context["form"]["full_name"].value() == "Someone"


@pytest.mark.parametrize("role", [Role.HIRING_MANAGER, Role.INTERVIEWER])
def test_only_recruiters_may_invite(client, role):
    user = factories.UserFactory(role=role)
    client.force_login(user)
    assert client.get(reverse("user_list")).status_code == 403
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied from the service
        services.user_invite(
            invited_by=user, email="a@b.example", full_name="A", role=Role.INTERVIEWER
        )


def test_forbidden_page_uses_the_styled_403(client, interviewer):
    client.force_login(interviewer)
    response = client.get(reverse("user_list"))
    assert response.status_code == 403
    assert "You don't have access" in response.content.decode()
    assert "navbar" in response.content.decode()


def test_navigation_fits_the_role(client, recruiter, interviewer):
    client.force_login(recruiter)
    assert 'data-nav="user_list"' in client.get(reverse("home")).content.decode()
    client.force_login(interviewer)
    assert 'data-nav="user_list"' not in client.get(reverse("home")).content.decode()


def test_profile_sets_time_zone(client, interviewer):
    client.force_login(interviewer)
    client.post(reverse("profile"), {"full_name": "Ian I", "time_zone": "Asia/Kolkata"})
    interviewer.refresh_from_db()
    assert interviewer.time_zone == "Asia/Kolkata"


def test_admin_adds_a_user_by_invitation(client, mailoutbox, django_capture_on_commit_callbacks):
    admin_user = factories.RecruiterFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:hiring_hub_user_add"),
            {
                "email": "New.Person@example.com",
                "full_name": "New Person",
                "role": Role.INTERVIEWER,
                "time_zone": "UTC",
            },
        )
    assert response.status_code == 302
    invitee = User.objects.get(email="new.person@example.com")
    assert not invitee.has_usable_password()
    assert [m.to for m in mailoutbox] == [["new.person@example.com"]]


def test_non_staff_cannot_open_the_admin(client, recruiter):
    client.force_login(recruiter)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "login" in response.url
