import datetime as dt
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hiring_hub import services
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


# --- Helpers the other apps' admin tests share ------------------------------------------
class _FormFields(HTMLParser):
    """The values a browser would post from the admin's change form, as rendered."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._add(name, attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data.removeprefix("\n")


def admin_change_form_data(client, url: str) -> dict:
    """GET an admin change page and return what saving it unchanged would POST."""
    response = client.get(url)
    assert response.status_code == 200
    parser = _FormFields()
    parser.feed(response.content.decode())
    data = {k: v for k, v in parser.data.items() if not k.startswith("_")}
    data["csrfmiddlewaretoken"] = parser.data.get("csrfmiddlewaretoken", [""])
    data["_save"] = "Save"
    return data


def assert_every_changelist_opens(client, app_label: str, unfiltered: tuple = ()) -> None:
    """Every list of `app_label` in the admin opens, searches and filters (its first choice
    of each filter), and shows no "<Model> object (n)" names. Models in `unfiltered` have
    nothing worth filtering by (a tag is only its name)."""
    for model in apps.get_app_config(app_label).get_models():
        if not admin.site.is_registered(model):
            continue
        url = reverse(f"admin:{app_label}_{model._meta.model_name}_changelist")
        model_admin = admin.site.get_model_admin(model)
        assert model_admin.search_fields, f"{model.__name__} has no search"
        assert model_admin.list_filter or model in unfiltered, f"{model.__name__} has no filters"
        response = client.get(url, {"q": "x"})
        assert response.status_code == 200, model.__name__
        response = client.get(url)
        assert response.status_code == 200, model.__name__
        assert " object (" not in response.text, model.__name__
        for spec in response.context["cl"].filter_specs:
            for choice in list(spec.choices(response.context["cl"]))[1:2]:
                filtered = client.get(url + choice["query_string"])
                assert filtered.status_code == 200, (model.__name__, choice)


def assert_every_change_page_opens(client, app_label: str) -> None:
    """The change page of one row of each model opens, with readable inline names."""
    for model in apps.get_app_config(app_label).get_models():
        if not admin.site.is_registered(model):
            continue
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        url = reverse(f"admin:{app_label}_{model._meta.model_name}_change", args=[obj.pk])
        response = client.get(url)
        assert response.status_code == 200, model.__name__
        assert " object (" not in response.text, model.__name__


# --- The site -------------------------------------------------------------------------
def test_admin_is_named_for_hiring_hub(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("admin:index"))
    assert "Hiring Hub administration" in response.text
    assert "Django administration" not in response.text


def test_every_hiring_hub_admin_list_searches_and_filters(client, admin_user):
    message("failed", 1)
    client.force_login(admin_user)
    assert_every_changelist_opens(client, "hiring_hub")
    assert_every_change_page_opens(client, "hiring_hub")


def test_non_staff_is_sent_to_the_admin_login(client, recruiter):
    client.force_login(recruiter)
    response = client.get(reverse("admin:hiring_hub_user_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_admin_shows_times_in_the_admins_own_time_zone(client, admin_user):
    # given an admin in New York and a message written at 17:30 UTC
    admin_user.time_zone = "America/New_York"
    admin_user.save()
    sent = message("sent", 1)
    written = dt.datetime(2026, 6, 1, 17, 30, tzinfo=dt.UTC)
    OutboundMessage.objects.filter(pk=sent.pk).update(created_at=written, sent_at=written)
    client.force_login(admin_user)
    # when they open the list
    response = client.get(reverse("admin:hiring_hub_outboundmessage_changelist"))
    # then the time is New York's (13:30 EDT), not UTC
    assert "13:30" in response.text  # the app's one format: 24-hour time
    assert "17:30" not in response.text


# --- Recruiter and hiring-manager pickers ------------------------------------------------
def test_recruiter_and_manager_filters_list_only_people_of_that_role(
    client, admin_user, requisition, recruiter, hiring_manager, interviewer
):
    client.force_login(admin_user)
    response = client.get(reverse("admin:requisitions_requisition_changelist"))
    choices = {
        str(spec.title): {label for _, label in spec.lookup_choices}
        for spec in response.context["cl"].filter_specs
        if isinstance(spec, admin.SimpleListFilter)
    }
    assert choices["recruiter"] == {recruiter.full_name, admin_user.full_name}
    assert choices["hiring manager"] == {hiring_manager.full_name}


def test_recruiter_autocomplete_offers_only_recruiters(client, admin_user, recruiter, interviewer):
    client.force_login(admin_user)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "requisitions",
            "model_name": "requisition",
            "field_name": "recruiter",
            "term": "",
        },
    )
    names = {result["text"] for result in response.json()["results"]}
    assert recruiter.full_name in names
    assert interviewer.full_name not in names


# --- Resend invitation -----------------------------------------------------------------
def invitations(user) -> int:
    return OutboundMessage.objects.filter(kind=services.INVITATION, recipient=user).count()


def test_resend_invitation_writes_a_new_invitation_for_who_has_no_password(client, admin_user):
    # given one invitee who never chose a password and one who did
    invitee = services.user_invite(
        invited_by=admin_user, email="new@example.com", full_name="New Person", role="interviewer"
    )
    member = factories.InterviewerFactory()
    assert invitations(invitee) == 1
    client.force_login(admin_user)
    # when the admin resends to both
    response = client.post(
        reverse("admin:hiring_hub_user_changelist"),
        {"action": "resend_invitation", "_selected_action": [invitee.pk, member.pk]},
        follow=True,
    )
    # then only the invitee gets a new invitation in the outbox, and the admin is told why
    assert invitations(invitee) == 2
    assert invitations(member) == 0
    assert "1 invitation(s) sent again." in response.text
    assert member.email in response.text


def test_only_who_may_invite_can_resend_an_invitation(admin_user):
    invitee = services.user_invite(
        invited_by=admin_user, email="new@example.com", full_name="New Person", role="interviewer"
    )
    with pytest.raises(PermissionDenied):
        services.user_invitation_resend(actor=factories.InterviewerFactory(), user=invitee)
    assert invitations(invitee) == 1


def test_users_can_be_filtered_to_those_still_invited(client, admin_user):
    services.user_invite(
        invited_by=admin_user, email="new@example.com", full_name="New Person", role="interviewer"
    )
    client.force_login(admin_user)
    response = client.get(reverse("admin:hiring_hub_user_changelist"), {"invitation": "pending"})
    assert "new@example.com" in response.text
    assert admin_user.email not in response.text


def assert_changelists_query_count_does_not_grow(client, app_label: str, monkeypatch) -> None:
    """Each list costs the same number of queries showing one row or all of them."""
    for model in apps.get_app_config(app_label).get_models():
        if not admin.site.is_registered(model):
            continue
        url = reverse(f"admin:{app_label}_{model._meta.model_name}_changelist")
        counts = []
        for per_page in (1, 100):
            monkeypatch.setattr(admin.site.get_model_admin(model), "list_per_page", per_page)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1], (model.__name__, counts)
