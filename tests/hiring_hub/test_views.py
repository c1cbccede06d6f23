import pytest
from django.core.management import call_command
from django.urls import reverse

from candidates.models import Application, Candidate
from debriefs.models import Interview, Scorecard
from hiring_hub.models import User
from requisitions.models import CriteriaVersion, Criterion, Requisition

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_broker(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok", "cache": "ok", "status": "ok"}


def _counts() -> dict:
    models = [
        User,
        Requisition,
        CriteriaVersion,
        Criterion,
        Candidate,
        Application,
        Interview,
        Scorecard,
    ]
    return {m.__name__: m.objects.count() for m in models}


def test_seed_demo_twice_gives_the_same_data(capsys):
    call_command("seed_demo")
    first = _counts()
    output = capsys.readouterr().out
    call_command("seed_demo")
    assert _counts() == first
    assert first["User"] >= 7
    assert first["Requisition"] >= 4
    assert "rita@example.com" in output
    assert "hiring-hub-demo" in output


def test_dashboard_lists_only_visible_requisitions(client, requisition):
    from tests.factories import InterviewerFactory, RequisitionFactory

    other = RequisitionFactory(title="Hidden role")
    outsider = InterviewerFactory()
    client.force_login(outsider)
    page = client.get(reverse("home")).content.decode()
    assert requisition.title not in page and other.title not in page
    client.force_login(requisition.hiring_manager)
    page = client.get(reverse("home")).content.decode()
    assert requisition.title in page and other.title not in page


@pytest.mark.parametrize("rows", [2, 12])
def test_dashboard_query_count_does_not_grow_with_rows(
    client, recruiter, rows, django_assert_num_queries
):
    from tests import factories

    for _ in range(rows):
        requisition = factories.RequisitionFactory(recruiter=recruiter)
        interview = factories.InterviewFactory(application__requisition=requisition)
        factories.ThankYouNoteFactory(interview=interview)
        factories.ShortlistEntryFactory(shortlist__requisition=requisition)
    client.force_login(recruiter)
    # session, user; one statement per panel: interviews (upcoming, scorecards due and
    # their count, thank-you counts, follow-ups, debriefs and their count), candidates
    # (questions, shortlists to send, offers), requisitions (retrospectives, partnership
    # talks, re-alignment, before alignment); my requisitions with their stage counts (days
    # open against target costs none)
    with django_assert_num_queries(6):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.content.decode().count('<g class="chart-row">') == min(rows, 10)


def test_unknown_page_uses_the_styled_404(client, recruiter):
    client.force_login(recruiter)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "navbar" in response.content.decode()


@pytest.mark.parametrize("rows", [1, 12])
def test_dashboard_query_count_does_not_grow_with_questions_from_managers(
    client, recruiter, rows, django_assert_num_queries
):
    from django.utils import timezone

    from candidates.models import ShortlistEntry
    from tests import factories

    for _ in range(rows):
        requisition = factories.RequisitionFactory(recruiter=recruiter)
        factories.ShortlistEntryFactory(
            shortlist__requisition=requisition,
            decision=ShortlistEntry.Decision.NEED_INFO,
            decided_at=timezone.now(),
        )
    client.force_login(recruiter)
    with django_assert_num_queries(6):  # as test_dashboard_query_count_does_not_grow_with_rows
        response = client.get("/")
    assert response.status_code == 200
