"""The audit trail engine: one row per audited change, in the change's transaction, from
where it came, and never changed or deleted afterwards (model, queryset, admin, database)."""

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from hiring_hub import services
from hiring_hub.audit import audit_fields, audit_record
from hiring_hub.models import AppendOnlyError, AuditEntry, Role, User
from tests import factories
from tests.conftest import the_audit_entry
from tests.hiring_hub.test_admin import assert_changelists_query_count_does_not_grow

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
)


@pytest.fixture
def admin_user(db):
    return factories.RecruiterFactory(
        full_name="Ada Admin", email="ada@example.com", is_staff=True, is_superuser=True
    )


@pytest.fixture
def entry(admin_user, interviewer):
    return audit_record(
        actor=admin_user,
        action="user.access_change",
        target=interviewer,
        before={"role": "interviewer"},
        after={"role": "recruiter"},
    )


# --- Writing ------------------------------------------------------------------------------
def test_audit_record_writes_one_row_with_one_query(
    admin_user, interviewer, django_assert_num_queries
):
    with django_assert_num_queries(1):
        audit_record(
            actor=admin_user,
            action="user.access_change",
            target=interviewer,
            before={"role": "interviewer"},
            after={"role": "recruiter"},
        )
    entry = AuditEntry.objects.get()
    assert entry.actor == admin_user
    assert entry.actor_label == "Ada Admin <ada@example.com>"
    assert (entry.target_type, entry.target_id) == ("hiring_hub.user", str(interviewer.pk))
    assert entry.target_label == "Ian Interviewer"
    assert entry.target_content_type.model_class() is User
    assert (entry.before, entry.after) == ({"role": "interviewer"}, {"role": "recruiter"})


def test_a_shell_or_job_change_records_no_address_or_browser(entry):
    assert entry.ip_address is None and entry.user_agent == ""


def test_a_job_without_an_actor_is_recorded_as_the_system(interviewer):
    entry = audit_record(actor=None, action="user.invite", target=interviewer)
    assert entry.actor is None and entry.actor_label == "system"


def test_audit_fields_keep_amounts_exact_and_dates_as_text(recruiter):
    offer = factories.OfferFactory(base_salary="95000.10", start_date="2027-01-04")
    offer.refresh_from_db()
    fields = audit_fields(offer, ("base_salary", "start_date", "created_by"))
    assert fields == {"base_salary": "95000.10", "start_date": "2027-01-04", "created_by": None}


def test_an_entry_is_rolled_back_with_the_change_it_records(admin_user, interviewer):
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=admin_user, action="user.invite", target=interviewer)
        assert AuditEntry.objects.count() == 1
        raise RuntimeError("the change failed after it was audited")
    assert not AuditEntry.objects.exists()


# --- Append-only --------------------------------------------------------------------------
def test_an_entry_cannot_be_saved_again(entry):
    entry.action = "something.else"
    with pytest.raises(AppendOnlyError):
        entry.save()
    assert AuditEntry.objects.get().action == "user.access_change"


def test_an_entry_cannot_be_deleted(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert AuditEntry.objects.count() == 1


def test_the_queryset_refuses_update_and_delete(entry):
    with pytest.raises(AppendOnlyError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="something.else")
    with pytest.raises(AppendOnlyError), transaction.atomic():
        AuditEntry.objects.all().delete()
    entry.action = "something.else"
    with pytest.raises(AppendOnlyError), transaction.atomic():
        AuditEntry.objects.bulk_update([entry], ["action"])
    assert AuditEntry.objects.get().action == "user.access_change"


@postgresql_only
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE hiring_hub_auditentry SET action = 'forged'",
        "UPDATE hiring_hub_auditentry SET actor_id = NULL, actor_label = 'nobody'",
        "DELETE FROM hiring_hub_auditentry",
    ],
)
def test_the_database_refuses_raw_update_and_delete(entry, sql):
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditEntry.objects.get().action == "user.access_change"


def test_deleting_the_actors_account_keeps_the_entry_and_the_actors_name(entry, admin_user):
    # The one change the database lets through: ON DELETE SET NULL of the actor.
    admin_user.delete()
    entry = AuditEntry.objects.get()
    assert entry.actor is None
    assert entry.actor_label == "Ada Admin <ada@example.com>"


# --- Admin --------------------------------------------------------------------------------
def test_admin_lists_entries_with_filters_and_search(client, admin_user, entry, recruiter):
    audit_record(actor=recruiter, action="offer.approve", target=admin_user)
    client.force_login(admin_user)
    url = reverse("admin:hiring_hub_auditentry_changelist")

    def actions(**params) -> list[str]:
        response = client.get(url, params)
        assert response.status_code == 200
        return sorted(e.action for e in response.context["cl"].result_list)

    page = client.get(url)
    for filter_title in ("By action", "By actor", "By created at", "By target type"):
        assert filter_title in page.text
    assert actions() == ["offer.approve", "user.access_change"]
    assert actions(action="user.access_change") == ["user.access_change"]
    assert actions(actor=str(recruiter.pk)) == ["offer.approve"]
    assert actions(created_at__gte=entry.created_at.isoformat()) == [
        "offer.approve",
        "user.access_change",
    ]
    assert actions(q="Interviewer") == ["user.access_change"]  # target label
    assert actions(q="Rita") == ["offer.approve"]  # actor label


def test_admin_entry_page_shows_before_and_after(client, admin_user, entry):
    client.force_login(admin_user)
    page = client.get(reverse("admin:hiring_hub_auditentry_change", args=[entry.pk]))
    assert page.status_code == 200
    assert '<th scope="row">role</th><td>interviewer</td><td>recruiter</td>' in page.text
    assert 'name="_save"' not in page.text


def test_admin_list_costs_the_same_queries_for_one_row_or_many(
    client, admin_user, interviewer, monkeypatch
):
    for n in range(5):
        audit_record(actor=admin_user, action=f"offer.step{n}", target=interviewer)
    client.force_login(admin_user)
    assert_changelists_query_count_does_not_grow(client, "hiring_hub", monkeypatch)


@pytest.mark.parametrize("view", ["change", "delete"])
def test_admin_refuses_to_change_or_delete_an_entry(client, admin_user, entry, view):
    client.force_login(admin_user)
    url = reverse(f"admin:hiring_hub_auditentry_{view}", args=[entry.pk])
    data = {"action": "forged", "post": "yes"}
    assert client.post(url, data).status_code == 403
    assert AuditEntry.objects.get().action == "user.access_change"


def test_admin_refuses_to_add_an_entry(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("admin:hiring_hub_auditentry_add"), {"action": "forged"})
    assert response.status_code == 403
    assert not AuditEntry.objects.exists()


def test_admin_offers_no_bulk_delete_of_entries(client, admin_user, entry):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:hiring_hub_auditentry_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert AuditEntry.objects.count() == 1


def test_staff_without_the_view_permission_cannot_read_the_trail(client, entry):
    client.force_login(factories.RecruiterFactory(is_staff=True))
    response = client.get(reverse("admin:hiring_hub_auditentry_changelist"))
    assert response.status_code == 403


def test_a_user_who_is_not_staff_is_sent_to_the_admin_login(client, entry, recruiter):
    client.force_login(recruiter)
    response = client.get(reverse("admin:hiring_hub_auditentry_changelist"))
    assert response.status_code == 302 and "login" in response.url


# --- Role and permission changes (user admin, invitations), from where -------------------
def change_user(client, user, *, forwarded_for="", user_agent="", **changes):
    headers = {
        "REMOTE_ADDR": "203.0.113.7",
        "HTTP_USER_AGENT": user_agent or "Mozilla/5.0 (audit test)",
    }
    if forwarded_for:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "role": user.role,
        "time_zone": user.time_zone,
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "is_superuser": "on" if user.is_superuser else "",
        "groups": [g.pk for g in user.groups.all()],
        "notification_opt_outs-TOTAL_FORMS": "0",
        "notification_opt_outs-INITIAL_FORMS": "0",
        "notification_opt_outs-MIN_NUM_FORMS": "0",
        "notification_opt_outs-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    data = {key: value for key, value in data.items() if value != ""}
    return client.post(reverse("admin:hiring_hub_user_change", args=[user.pk]), data, **headers)


def test_role_and_permission_changes_in_the_admin_are_audited_from_where(
    client, admin_user, interviewer
):
    reviewers = Group.objects.create(name="Reviewers")
    client.force_login(admin_user)
    response = change_user(
        client, interviewer, role=Role.HIRING_MANAGER, is_staff="on", groups=[reviewers.pk]
    )
    assert response.status_code == 302, response.content
    entry = the_audit_entry("user.access_change")
    assert entry.actor == admin_user
    assert entry.target_id == str(interviewer.pk)
    assert entry.before == {"role": "interviewer", "is_staff": False, "groups": []}
    assert entry.after == {"role": "hiring_manager", "is_staff": True, "groups": ["Reviewers"]}
    assert entry.ip_address == "203.0.113.7"
    assert entry.user_agent == "Mozilla/5.0 (audit test)"


def test_the_client_address_behind_a_trusted_proxy_is_the_forwarded_one(
    client, admin_user, interviewer, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    client.force_login(admin_user)
    client.post(
        reverse("admin:hiring_hub_user_change", args=[interviewer.pk]),
        {
            "email": interviewer.email,
            "full_name": interviewer.full_name,
            "role": interviewer.role,
            "time_zone": interviewer.time_zone,
            "notification_opt_outs-TOTAL_FORMS": "0",
            "notification_opt_outs-INITIAL_FORMS": "0",
        },
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    # Deactivation (is_active left out) is a change of access.
    entry = the_audit_entry("user.access_change")
    assert entry.before == {"is_active": True} and entry.after == {"is_active": False}
    assert entry.ip_address == "198.51.100.4"


def test_saving_a_user_without_access_changes_writes_no_entry(client, admin_user, interviewer):
    client.force_login(admin_user)
    response = change_user(client, interviewer, full_name="Ian Renamed")
    assert response.status_code == 302
    assert not AuditEntry.objects.exists()


def test_an_invalid_user_change_writes_no_entry(client, admin_user, interviewer):
    client.force_login(admin_user)
    response = change_user(client, interviewer, role=Role.RECRUITER, email="not an address")
    assert response.status_code == 200
    assert not AuditEntry.objects.exists()
    interviewer.refresh_from_db()
    assert interviewer.role == Role.INTERVIEWER


def test_inviting_through_the_admin_is_audited(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:hiring_hub_user_add"),
        {
            "email": "new@example.com",
            "full_name": "New Person",
            "role": Role.HIRING_MANAGER,
            "time_zone": "UTC",
        },
    )
    assert response.status_code == 302
    entry = the_audit_entry("user.invite")
    assert entry.actor == admin_user and entry.target_label == "New Person"
    assert entry.before is None
    assert entry.after["role"] == "hiring_manager" and entry.after["is_staff"] is False


def test_inviting_from_the_team_page_service_is_audited(recruiter):
    user = services.user_invite(
        invited_by=recruiter, email="new@example.com", full_name="New Person", role="interviewer"
    )
    entry = the_audit_entry("user.invite")
    assert entry.actor == recruiter and entry.target_id == str(user.pk)
    assert entry.after == {
        "role": "interviewer",
        "is_staff": False,
        "is_superuser": False,
        "is_active": True,
        "groups": [],
        "user_permissions": [],
    }


def test_a_refused_invitation_writes_no_entry(recruiter, interviewer):
    with pytest.raises(Exception, match="already has an account"):
        services.user_invite(
            invited_by=recruiter, email=interviewer.email, full_name="Twin", role="interviewer"
        )
    assert not AuditEntry.objects.exists()


def test_a_garbled_forwarded_address_or_a_long_browser_string_never_fails_the_change(
    client, admin_user, interviewer, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    client.force_login(admin_user)
    response = change_user(
        client,
        interviewer,
        role=Role.RECRUITER,
        forwarded_for="not-an-address",
        user_agent="x" * 1000,
    )
    assert response.status_code == 302
    entry = the_audit_entry("user.access_change")
    assert entry.ip_address is None
    assert entry.user_agent == "x" * 300
