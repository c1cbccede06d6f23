import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from requisitions import selectors, services
from requisitions.models import CheckIn
from tests import factories

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def compiled(requisition, week_start=MONDAY, note=""):
    if note:
        services.check_in_note_save(
            requisition=requisition, week_start=week_start, note=note, actor=requisition.recruiter
        )
    return services.check_in_compile(requisition=requisition, week_start=week_start, now=NOW)


# --- Services ---------------------------------------------------------------------------------
def test_recruiter_writes_the_weeks_note_before_it_goes_out(requisition, recruiter):
    check_in = services.check_in_note_save(
        requisition=requisition, week_start=MONDAY + dt.timedelta(days=2), note=" Busy week ",
        actor=recruiter,
    )  # fmt: skip
    assert check_in.week_start == MONDAY
    assert check_in.recruiter_note == "Busy week"
    assert check_in.compiled_at is None


def test_note_cannot_change_once_the_check_in_went_out(requisition, recruiter):
    compiled(requisition, note="First")
    with pytest.raises(ValidationError, match="already gone out"):
        services.check_in_note_save(
            requisition=requisition, week_start=MONDAY, note="Second", actor=recruiter
        )


def test_hiring_manager_cannot_write_the_recruiters_note(requisition, hiring_manager):
    with pytest.raises(PermissionDenied):
        services.check_in_note_save(
            requisition=requisition, week_start=MONDAY, note="x", actor=hiring_manager
        )


def test_compile_freezes_the_figures_once(requisition):
    factories.ApplicationFactory(requisition=requisition)
    first = compiled(requisition)
    factories.ApplicationFactory(requisition=requisition)
    again = services.check_in_compile(
        requisition=requisition, week_start=MONDAY, now=NOW + dt.timedelta(hours=5)
    )
    assert again.pk == first.pk
    assert again.compiled_at == NOW
    sourced = next(row for row in again.snapshot["stages"] if row["stage"] == "sourced")
    assert sourced["count"] == 1 and sourced["change"] is None


def test_hiring_manager_acknowledges_and_adds_agenda_points(requisition, hiring_manager):
    check_in = compiled(requisition)
    check_in = services.check_in_acknowledge(
        check_in=check_in, actor=hiring_manager, agenda="Discuss the salary band"
    )
    assert check_in.acknowledged_by == hiring_manager
    assert check_in.manager_agenda == "Discuss the salary band"


def test_recruiter_cannot_acknowledge_for_the_manager(requisition, recruiter):
    with pytest.raises(PermissionDenied):
        services.check_in_acknowledge(check_in=compiled(requisition), actor=recruiter)


def test_a_check_in_not_sent_yet_cannot_be_acknowledged(requisition, hiring_manager):
    check_in = CheckIn.objects.create(requisition=requisition, week_start=MONDAY)
    with pytest.raises(ValidationError):
        services.check_in_acknowledge(check_in=check_in, actor=hiring_manager)


def test_upcoming_week_moves_on_once_this_weeks_check_in_went_out(requisition):
    with time_machine.travel(dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC), tick=False):
        assert selectors.check_in_upcoming_week(requisition) == MONDAY
        compiled(requisition)
        assert selectors.check_in_upcoming_week(requisition) == MONDAY + dt.timedelta(days=7)


# --- Views ------------------------------------------------------------------------------------
def test_recruiter_saves_a_note_from_the_check_in_page(client, requisition, recruiter):
    client.force_login(recruiter)
    url = reverse("requisitions:check_in_list", args=[requisition.pk])
    response = client.post(url, {"note": "Two referrals in the pipeline."})
    assert response.status_code == 302
    assert CheckIn.objects.get().recruiter_note == "Two referrals in the pipeline."
    assert "Two referrals" in client.get(url).text


def test_hiring_manager_acknowledges_from_the_report_page(client, requisition, hiring_manager):
    check_in = compiled(requisition, note="Good week")
    client.force_login(hiring_manager)
    url = reverse("requisitions:check_in_detail", args=[check_in.pk])
    page = client.get(url)
    assert "Good week" in page.text and "Acknowledge" in page.text
    response = client.post(url, {"agenda": "Talk about the market"})
    assert response.status_code == 302
    check_in.refresh_from_db()
    assert check_in.acknowledged_at and check_in.manager_agenda == "Talk about the market"


def test_interviewer_cannot_see_check_ins(client, requisition, interviewer):
    check_in = compiled(requisition)
    client.force_login(interviewer)
    list_url = reverse("requisitions:check_in_list", args=[requisition.pk])
    assert client.get(list_url).status_code == 404
    detail_url = reverse("requisitions:check_in_detail", args=[check_in.pk])
    assert client.get(detail_url).status_code == 404


def test_other_hiring_manager_cannot_see_the_check_in(client, requisition):
    check_in = compiled(requisition)
    client.force_login(factories.HiringManagerFactory())
    url = reverse("requisitions:check_in_detail", args=[check_in.pk])
    assert client.get(url).status_code == 404


def test_recruiter_who_does_not_own_the_requisition_cannot_write_its_note(client, requisition):
    client.force_login(factories.RecruiterFactory())
    url = reverse("requisitions:check_in_list", args=[requisition.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"note": "x"}).status_code == 403


def test_recruiter_cannot_acknowledge_from_the_report_page(client, requisition, recruiter):
    check_in = compiled(requisition)
    client.force_login(recruiter)
    url = reverse("requisitions:check_in_detail", args=[check_in.pk])
    assert client.post(url, {"agenda": "x"}).status_code == 403


@pytest.mark.parametrize("weeks", [1, 8])
def test_check_in_list_query_count_does_not_grow_with_history(
    client, requisition, recruiter, django_assert_num_queries, weeks
):
    for n in range(weeks):
        compiled(requisition, week_start=MONDAY - dt.timedelta(days=7 * n))
    client.force_login(recruiter)
    url = reverse("requisitions:check_in_list", args=[requisition.pk])
    with django_assert_num_queries(7):  # + the total of the paginated history
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("rows", [1, 10])
def test_check_in_detail_query_count_does_not_grow_with_the_report(
    client, requisition, hiring_manager, django_assert_num_queries, rows
):
    factories.ApplicationFactory.create_batch(rows, requisition=requisition)
    for _ in range(rows):
        factories.ShortlistEntryFactory(
            shortlist=factories.ShortlistFactory(requisition=requisition)
        )
    check_in = compiled(requisition)
    client.force_login(hiring_manager)
    url = reverse("requisitions:check_in_detail", args=[check_in.pk])
    # +1: the hiring manager's pulse answer for the week
    with django_assert_num_queries(4):
        response = client.get(url)
    assert response.status_code == 200
