import pytest
from django.core.management import call_command
from django.urls import reverse

from candidates.models import Application, Offer, Shortlist, ShortlistEntry, StageChange, Tag
from hiring_hub.models import User
from tests.hiring_hub.test_admin import (
    admin_change_form_data,
    assert_changelists_query_count_does_not_grow,
    assert_every_change_page_opens,
    assert_every_changelist_opens,
)

pytestmark = pytest.mark.django_db

PAGES = (
    "application",
    "assessment",
    "candidate",
    "negotiationnote",
    "offer",
    "shortlist",
    "shortlistentry",
    "shortlistmessage",
    "stagechange",
    "tag",
)


@pytest.fixture
def demo(db):
    call_command("seed_demo", verbosity=0)


@pytest.fixture
def admin_user(demo):
    return User.objects.get(email="admin@example.com")


def test_every_candidates_admin_list_searches_filters_and_opens(client, admin_user):
    client.force_login(admin_user)
    assert_every_changelist_opens(client, "candidates", unfiltered=(Tag,))
    assert_every_change_page_opens(client, "candidates")


def test_non_staff_cannot_open_any_candidates_admin_list(client, demo):
    client.force_login(User.objects.get(email="rita@example.com"))
    for name in PAGES:
        response = client.get(reverse(f"admin:candidates_{name}_changelist"))
        assert response.status_code == 302, name
        assert "/admin/login/" in response.url


def test_shortlist_page_names_its_entries_by_candidate(client, admin_user):
    entry = ShortlistEntry.objects.select_related("application__candidate").first()
    client.force_login(admin_user)
    response = client.get(reverse("admin:candidates_shortlist_change", args=[entry.shortlist_id]))
    assert f"{entry.application.candidate} ({entry.get_decision_display()})" in response.text
    assert "ShortlistEntry object" not in response.text


def test_application_stage_cannot_be_changed_in_the_admin(client, admin_user):
    # given an application still being screened
    application = Application.objects.exclude(stage=Application.Stage.HIRED).first()
    before = (application.stage, application.stage_changed_at, application.shortlisted_at)
    moves = StageChange.objects.count()
    url = reverse("admin:candidates_application_change", args=[application.pk])
    client.force_login(admin_user)
    data = admin_change_form_data(client, url)
    # when the admin posts the form with a new stage
    data["stage"] = Application.Stage.HIRED
    data["stage_changed_at_0"] = "2020-01-01"
    data["next_update_promised_by"] = "2030-01-02"
    response = client.post(url, data)
    # then the form saves what may change, and the stage and its history stay as they were
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.stage, application.stage_changed_at, application.shortlisted_at) == before
    assert str(application.next_update_promised_by) == "2030-01-02"
    assert StageChange.objects.count() == moves


def test_shortlist_decision_and_who_decided_cannot_be_changed_in_the_admin(client, admin_user):
    entry = ShortlistEntry.objects.exclude(decided_by=None).first()
    before = (entry.decision, entry.decided_by_id, entry.decided_at, entry.reason)
    url = reverse("admin:candidates_shortlistentry_change", args=[entry.pk])
    client.force_login(admin_user)
    data = admin_change_form_data(client, url)
    data.update(decision="decline", decided_by=str(admin_user.pk), reason="Changed by admin")
    response = client.post(url, data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.decision, entry.decided_by_id, entry.decided_at, entry.reason) == before


def test_shortlist_submission_cannot_be_changed_in_the_admin(client, admin_user):
    shortlist = Shortlist.objects.first()
    before = (shortlist.submitted_by_id, shortlist.submitted_at, shortlist.number)
    url = reverse("admin:candidates_shortlist_change", args=[shortlist.pk])
    client.force_login(admin_user)
    data = admin_change_form_data(client, url)
    data.update(submitted_by=str(admin_user.pk), number="9", note="Edited note")
    response = client.post(url, data)
    assert response.status_code == 302
    shortlist.refresh_from_db()
    assert (shortlist.submitted_by_id, shortlist.submitted_at, shortlist.number) == before
    assert shortlist.note == "Edited note"


def test_offer_steps_cannot_be_changed_in_the_admin(client, admin_user):
    offer = Offer.objects.first()
    before = (offer.approved_by_id, offer.approved_at, offer.outcome, offer.verbal_offer_at)
    url = reverse("admin:candidates_offer_change", args=[offer.pk])
    client.force_login(admin_user)
    data = admin_change_form_data(client, url)
    data.update(outcome="accepted", approved_by=str(admin_user.pk))
    response = client.post(url, data)
    assert response.status_code == 302
    offer.refresh_from_db()
    assert (offer.approved_by_id, offer.approved_at, offer.outcome, offer.verbal_offer_at) == before


def test_rows_written_by_services_are_not_added_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    for name in ("application", "stagechange", "shortlist", "shortlistentry", "offer"):
        assert client.get(reverse(f"admin:candidates_{name}_add")).status_code == 403, name
    assert client.get(reverse("admin:candidates_candidate_add")).status_code == 200


def test_every_admin_list_costs_the_same_queries_for_one_row_or_many(
    client, admin_user, monkeypatch
):
    # The demo has rows in nearly every model (31 assessments, 47 timeline entries, ...).
    client.force_login(admin_user)
    for app_label in ("candidates", "debriefs", "requisitions", "hiring_hub"):
        assert_changelists_query_count_does_not_grow(client, app_label, monkeypatch)
