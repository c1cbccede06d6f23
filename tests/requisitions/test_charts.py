"""Charts on the requisition page and the home: what each role sees, their numbers, and a
query count that does not grow with the pipeline."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from candidates import services as candidate_services
from requisitions import charts
from tests import factories

pytestmark = pytest.mark.django_db


def _page(client, user, requisition):
    client.force_login(user)
    return client.get(reverse("requisitions:requisition_detail", args=[requisition.pk]))


def _screened(requisition, recruiter, count):
    for _ in range(count):
        candidate_services.application_move(
            application=factories.ApplicationFactory(requisition=requisition),
            to_stage="screening",
            actor=recruiter,
        )


@pytest.mark.parametrize("rows", [2, 9])
def test_requisition_page_draws_its_charts_in_the_same_queries_however_many_candidates(
    client, recruiter, requisition, rows, django_assert_num_queries
):
    _screened(requisition, recruiter, rows)
    client.force_login(recruiter)
    # the page's own queries plus one over the requisition's stage changes (funnel and
    # time in stage); days open costs none, shortlist acceptance reuses its panel's query
    with django_assert_num_queries(10):
        response = client.get(reverse("requisitions:requisition_detail", args=[requisition.pk]))
    page = response.content.decode()
    for slug in ("chart-funnel", "chart-time-in-stage", "chart-days-open"):
        assert f'data-chart="{slug}"' in page
    assert 'role="img" aria-labelledby="chart-funnel-title chart-funnel-desc"' in page
    assert f"{rows} · 100%" in page  # everyone screened
    assert "Show the numbers" in page and "<table" in page


def test_interviewer_sees_days_open_but_not_the_pipeline_charts(
    client, recruiter, interviewer, requisition
):
    _screened(requisition, recruiter, 2)
    page = _page(client, interviewer, requisition).content.decode()
    assert 'data-chart="chart-days-open"' in page
    assert 'data-chart="chart-funnel"' not in page
    assert 'data-chart="chart-time-in-stage"' not in page


def test_hiring_manager_sees_shortlist_acceptance_per_shortlist(
    client, hiring_manager, requisition
):
    entry = factories.ShortlistEntryFactory(shortlist__requisition=requisition, decision="advance")
    page = _page(client, hiring_manager, requisition).content.decode()
    assert 'data-chart="chart-acceptance"' in page
    assert f"shortlist {entry.shortlist.number}: 1 advanced, 0 declined, 0 open" in page


def test_days_open_counts_from_opening_to_now_or_to_the_fill():
    now = timezone.now()
    opened = now - dt.timedelta(days=30, hours=1)
    requisition = factories.RequisitionFactory.build(
        opened_at=opened, target_start_date=timezone.localdate(opened) + dt.timedelta(days=45)
    )
    row = charts.days_open(requisition, now=now)
    assert (row["days_open"], row["target_days"], row["time_to_fill"]) == (30, 45, None)
    requisition.filled_at = now - dt.timedelta(days=5)
    row = charts.days_open(requisition, now=now)
    assert (row["days_open"], row["time_to_fill"]) == (25, 25)
    (drawn,) = charts.days_open_chart([row]).rows
    assert drawn.segments[0].tone == "success" and drawn.text == "25 days to fill"


def test_a_search_past_its_target_is_drawn_in_red():
    now = timezone.now()
    requisition = factories.RequisitionFactory.build(
        opened_at=now - dt.timedelta(days=50),
        target_start_date=(now - dt.timedelta(days=10)).date(),
    )
    (drawn,) = charts.days_open_chart([charts.days_open(requisition, now=now)]).rows
    assert drawn.segments[0].tone == "danger" and drawn.text == "50 of 40 days"
    assert drawn.marker_x < drawn.segments[0].x + drawn.segments[0].width


def test_home_shows_days_open_against_target_for_the_managers_requisitions(
    client, hiring_manager, interviewer, requisition
):
    other = factories.RequisitionFactory(title="Someone else's search")
    client.force_login(hiring_manager)
    page = client.get(reverse("home")).content.decode()
    assert 'data-chart="chart-home-days"' in page
    assert requisition.title in page and other.title not in page
    client.force_login(interviewer)
    assert 'data-chart="chart-home-days"' not in client.get(reverse("home")).content.decode()
