"""Two-factor sign-in (allauth.mfa: an authenticator app and recovery codes), and the admin's
MFA_REQUIRED_ROLES that makes it compulsory for staff and chosen roles."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def current_code(secret: str) -> str:
    """The code an authenticator app shows now (allauth's own TOTP arithmetic)."""
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def log_in(client, user):
    return client.post(LOGIN, {"login": user.email, "password": factories.PASSWORD})


def confirm_password(client, next_url: str):
    """allauth asks for the password again before an authenticator is added (its default
    MFA_REAUTHENTICATION_REQUIRED), even right after logging in."""
    return client.post(
        f"{reverse('account_reauthenticate')}?next={next_url}",
        {"password": factories.PASSWORD},
    )


def with_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


@pytest.fixture
def required(settings):
    settings.MFA_REQUIRED_ROLES = ["staff", "hiring_manager"]


# --- Required for staff and hiring managers -------------------------------------------------
def test_hiring_manager_without_an_authenticator_is_sent_to_set_one_up(client, required):
    manager = factories.HiringManagerFactory()
    log_in(client, manager)

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    asked = client.get(reverse("mfa_activate_totp"))
    assert asked["Location"].startswith(reverse("account_reauthenticate"))
    page = client.get(asked["Location"])
    assert page.status_code == 200
    assert "requires two-factor sign-in" in page.content.decode()
    assert confirm_password(client, reverse("mfa_activate_totp"))["Location"] == reverse(
        "mfa_activate_totp"
    )
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    # Every other page is closed to them too, the admin and the candidate pages included.
    assert client.get(reverse("requisitions:requisition_list"))["Location"] == reverse(
        "mfa_activate_totp"
    )


def test_staff_without_an_authenticator_is_sent_to_set_one_up(client, required):
    admin = factories.RecruiterFactory(is_staff=True, is_superuser=True)
    log_in(client, admin)
    assert client.get(reverse("admin:index"))["Location"] == reverse("mfa_activate_totp")


def test_recruiter_is_not_required_when_the_role_is_not_listed(client, required):
    log_in(client, factories.RecruiterFactory())
    assert client.get(reverse("home")).status_code == 200


def test_nobody_is_required_by_default(client):
    log_in(client, factories.HiringManagerFactory())
    assert client.get(reverse("home")).status_code == 200


def test_required_user_may_still_log_out(client, required):
    log_in(client, factories.HiringManagerFactory())
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert client.get(reverse("home"))["Location"].startswith(LOGIN)


def test_setting_up_the_app_opens_the_site_and_shows_recovery_codes(client, required):
    manager = factories.HiringManagerFactory()
    log_in(client, manager)
    confirm_password(client, reverse("mfa_activate_totp"))
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()

    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})

    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes = client.get(reverse("mfa_view_recovery_codes"))
    assert len(codes.context["unused_codes"]) == 10
    assert codes.context["unused_codes"][0] in codes.content.decode()
    assert Authenticator.objects.filter(user=manager, type=Authenticator.Type.TOTP).exists()
    assert client.get(reverse("home")).status_code == 200


def test_wrong_code_does_not_activate(client, required):
    manager = factories.HiringManagerFactory()
    log_in(client, manager)
    confirm_password(client, reverse("mfa_activate_totp"))
    client.get(reverse("mfa_activate_totp"))
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=manager).exists()
    assert client.get(reverse("home")).status_code == 302


# --- Logging in with a second factor ---------------------------------------------------------
def test_login_asks_for_the_code_and_lets_in_with_the_right_one(client):
    manager = factories.HiringManagerFactory()
    secret = with_totp(manager)

    response = log_in(client, manager)

    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("home")).status_code == 302  # not logged in yet
    wrong = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert wrong.status_code == 200 and "Incorrect code" in wrong.content.decode()
    right = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert right["Location"] == reverse("home")
    assert client.get(reverse("home")).context["user"] == manager


def test_a_recovery_code_logs_in_once(client):
    manager = factories.HiringManagerFactory()
    with_totp(manager)
    rc = RecoveryCodes(
        Authenticator.objects.get(user=manager, type=Authenticator.Type.RECOVERY_CODES)
    )
    code = rc.get_unused_codes()[0]

    log_in(client, manager)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response["Location"] == reverse("home")

    client.post(reverse("account_logout"))
    log_in(client, manager)
    again = client.post(reverse("mfa_authenticate"), {"code": code})
    assert again.status_code == 200
    assert client.get(reverse("home")).status_code == 302


def test_required_user_with_an_authenticator_is_let_through(client, required):
    manager = factories.HiringManagerFactory()
    secret = with_totp(manager)
    log_in(client, manager)
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert client.get(reverse("home")).status_code == 200


def test_two_factor_pages_need_a_login(client):
    for name in ("mfa_index", "mfa_activate_totp", "mfa_view_recovery_codes"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(LOGIN), name


def test_two_factor_page_lists_the_authenticators(client):
    manager = factories.HiringManagerFactory()
    with_totp(manager)
    client.force_login(manager)
    html = client.get(reverse("mfa_index")).content.decode()
    assert "Active: each login asks for a code" in html
    assert "10 of 10 unused" in html
