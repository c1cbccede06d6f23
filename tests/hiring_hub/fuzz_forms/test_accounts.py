"""Fuzzing the people's forms: invitations, profiles, and allauth's sign-in and password
forms."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from hiring_hub import outbox
from hiring_hub.models import Role
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.hiring_hub.fuzz_forms import strategies as s
from tests.hiring_hub.fuzz_forms.fuzzing import FUZZ_MORE, fuzz, fuzz_test, fuzz_url

pytestmark = pytest.mark.django_db


test_fuzz_invitation = fuzz_test(
    FUZZ_MORE,
    s.posts(
        {
            "full_name": (s.words, s.text),
            "email": (
                st.from_regex(r"[a-z0-9.+]{1,12}@example\.(org|com)", fullmatch=True),
                st.one_of(s.text, st.emails()),
            ),
            "role": (st.sampled_from(Role.values), s.text),
            "time_zone": (
                st.sampled_from(["UTC", "Europe/Berlin", "America/New_York"]),
                s.choice("Mars/Olympus"),
            ),
        }
    ),
    "recruiter",
    "user_list",
    "invitation",
)


NOTIFICATION_KINDS = [kind.key for kind in outbox.opt_out_kinds()] or ["reminder"]


@FUZZ_MORE
@given(
    data=st.fixed_dictionaries(
        {
            "full_name": s.text,
            "time_zone": s.choice("UTC", "Europe/Berlin", "Asia/Kolkata", "Mars/Olympus"),
            "notifications": st.lists(st.one_of(st.sampled_from(NOTIFICATION_KINDS), s.text)),
        }
    ),
    role=st.sampled_from(["recruiter", "manager", "interviewer"]),
)
def test_fuzz_profile(client, world, data, role):
    fuzz(client, world, role, "profile", data, "profile")


# --- allauth's forms: signing in and resetting a password ------------------------------------
known_or_unknown_email = st.one_of(
    s.real("@email:recruiter", "@email:manager", "@email:interviewer"),
    st.from_regex(r"[a-z]{1,10}@example\.(org|com)", fullmatch=True),
)


@FUZZ_MORE
@given(data=s.posts({"email": (known_or_unknown_email, st.one_of(s.text, st.emails()))}))
def test_fuzz_password_reset(client, world, data):
    """Anonymous: a known or an unknown address both get one well-formed email."""
    fuzz_url(client, world, None, reverse("account_reset_password"), data, "password_reset")


@FUZZ_MORE
@given(
    data=s.posts(
        {
            "login": (known_or_unknown_email, st.one_of(s.text, st.emails())),
            "password": (st.one_of(st.just(FACTORY_PASSWORD), s.words), s.text),
            "remember": (st.sampled_from(["", "on"]), s.text),
        }
    )
)
def test_fuzz_login(client, world, data):
    fuzz_url(client, world, None, reverse("account_login"), data, "login")


@FUZZ_MORE
@given(
    data=s.posts(
        {
            "oldpassword": (st.sampled_from([FACTORY_PASSWORD, "wrong"]), s.text),
            "password1": (s.words, s.text),
            "password2": (s.words, s.text),
        }
    )
)
def test_fuzz_password_change(client, world, data):
    url = reverse("account_change_password")
    fuzz_url(client, world, "interviewer", url, data, "password_change")
