"""Interview pages: scheduling across time zones, rescheduling, cancelling, the lists."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from debriefs import services
from debriefs.models import Interview, Rating
from tests import factories
from tests.debriefs.conftest import ONE_LINE, schedule, submit, url

pytestmark = pytest.mark.django_db


# --- Scheduling and time zones ---------
def _schedule_form(plan, starts_at="2026-03-09T10:00", **extra):
    return {
        "stage": plan.stage1.pk,
        "starts_at": starts_at,
        "duration_minutes": 60,
        "location": "",
        "video_link": "https://meet.example.com/abc",
        **extra,
    }


@pytest.mark.parametrize(
    ("typed", "utc_hour", "berlin"),
    [
        # New York is on EST (UTC-5) and Berlin on CET (UTC+1): 6 hours apart.
        ("2026-03-06T10:00", 15, "16:00"),
        # New York moved to EDT (UTC-4) on 8 March; Berlin only on 29 March: 5 hours apart.
        ("2026-03-09T10:00", 14, "15:00"),
    ],
)
def test_time_entered_in_new_york_is_shown_in_berlin_across_the_us_dst_change(
    client, plan, typed, utc_hour, berlin
):
    recruiter = plan.requisition.recruiter
    recruiter.time_zone = "America/New_York"
    recruiter.save()
    manager = plan.requisition.hiring_manager
    manager.time_zone = "Europe/Berlin"
    manager.save()
    client.force_login(recruiter)

    response = client.post(
        url("interview_create", plan.application.pk), _schedule_form(plan, typed)
    )

    interview = Interview.objects.get()
    assert response.status_code == 302
    assert interview.starts_at.astimezone(dt.UTC).hour == utc_hour
    assert interview.starts_at.astimezone(zoneinfo.ZoneInfo("America/New_York")).hour == 10
    client.force_login(manager)
    page = client.get(url("interview_detail", interview.pk)).content.decode()
    assert f"{berlin}–" in page and "Europe/Berlin" in page


def test_scheduling_form_defaults_interviewers_to_the_stage(client, plan):
    client.force_login(plan.requisition.recruiter)

    client.post(url("interview_create", plan.application.pk), _schedule_form(plan))

    assert set(Interview.objects.get().interviewers.all()) == {plan.alice, plan.bob}


def test_scheduling_form_keeps_what_was_typed_when_location_is_missing(client, plan):
    client.force_login(plan.requisition.recruiter)

    response = client.post(
        url("interview_create", plan.application.pk),
        _schedule_form(plan, video_link="", next_steps_message="KEEP-ME"),
    )

    assert response.status_code == 200
    assert b"Give a location or a video link." in response.content
    assert b"KEEP-ME" in response.content
    assert not Interview.objects.exists()


def test_reschedule_form_bumps_sequence(client, plan, interview):
    client.force_login(plan.requisition.recruiter)

    response = client.post(
        url("interview_edit", interview.pk), _schedule_form(plan, "2026-04-01T09:30")
    )

    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.sequence == 1


def test_cancel_from_the_interview_page(client, plan, interview):
    client.force_login(plan.requisition.recruiter)

    client.post(url("interview_cancel", interview.pk))

    interview.refresh_from_db()
    assert interview.status == Interview.Status.CANCELLED


def test_interviewer_downloads_the_ics_invite(client, plan, interview):
    client.force_login(plan.alice)

    response = client.get(url("interview_ics", interview.pk))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"METHOD:REQUEST" in response.content and b"SEQUENCE:0" in response.content


# --- Lists and the interview page ---------
# Session, user, and one query for the upcoming and past pages and the scorecards to write.
INTERVIEW_LIST_QUERIES = 3


@pytest.mark.parametrize("n", [1, 6])
def test_interview_list_query_count_does_not_grow(client, plan, django_assert_num_queries, n):
    for i in range(n):
        schedule(plan, starts_at=timezone.now() - dt.timedelta(days=i + 1))
        schedule(plan, starts_at=timezone.now() + dt.timedelta(days=i + 1))
    client.force_login(plan.alice)

    with django_assert_num_queries(INTERVIEW_LIST_QUERIES):
        response = client.get(url("interview_list"))

    assert response.content.decode().count("Dana Diaz") >= 2 * n


def test_interview_list_rows_show_the_interviewers_and_the_viewers_scorecard(client, plan):
    draft = schedule(plan, starts_at=timezone.now() - dt.timedelta(days=1))
    submitted = schedule(plan, starts_at=timezone.now() - dt.timedelta(days=2))
    submit(submitted, plan.alice)
    names = ", ".join(sorted([plan.alice.full_name, plan.bob.full_name]))

    client.force_login(plan.alice)
    past = client.get(url("interview_list")).content.decode().split('data-test="past"')[1]

    latest, earlier = past.split("<tr")[2:]  # after the header row; latest first
    assert url("interview_detail", draft.pk) in latest and 'text-bg-warning">Draft' in latest
    assert url("interview_detail", submitted.pk) in earlier
    assert 'text-bg-success">Submitted' in earlier
    assert names.replace("'", "&#x27;") in latest and names.replace("'", "&#x27;") in earlier


def test_interview_list_lists_the_drafts_of_started_interviews_to_write(client, plan):
    # Read with the upcoming and past pages (one query): started and not cancelled, the
    # viewer's draft; not a future interview, a submitted scorecard or a cancelled one.
    in_progress = schedule(plan, starts_at=timezone.now() - dt.timedelta(minutes=30))
    ended = schedule(plan, starts_at=timezone.now() - dt.timedelta(days=1))
    later = schedule(plan, starts_at=timezone.now() + dt.timedelta(days=1))
    submitted = schedule(plan, starts_at=timezone.now() - dt.timedelta(days=2))
    submit(submitted, plan.alice)
    cancelled = schedule(plan, starts_at=timezone.now() - dt.timedelta(days=3))
    services.interview_cancel(interview=cancelled, actor=plan.requisition.recruiter)

    client.force_login(plan.alice)
    page = client.get(url("interview_list")).content.decode()

    to_write = page.split("Scorecards to write (2)")[1].split('data-test="upcoming"')[0]
    assert to_write.index(url("scorecard_edit", ended.pk)) < to_write.index(
        url("scorecard_edit", in_progress.pk)
    )  # the earliest first
    for interview in (later, submitted, cancelled):
        assert url("scorecard_edit", interview.pk) not in to_write


def test_interview_list_shows_no_scorecard_to_those_without_one(client, plan, interview):
    client.force_login(plan.requisition.recruiter)

    past = client.get(url("interview_list")).content.decode().split('data-test="past"')[1]

    assert '<span class="text-secondary small">—</span>' in past
    assert "Draft" not in past and "Submitted" not in past


def test_interview_list_times_are_in_the_viewers_time_zone(client, plan):
    starts_at = dt.datetime(2026, 1, 15, 15, 0, tzinfo=dt.UTC)
    interview = schedule(plan, starts_at=starts_at)
    plan.alice.time_zone = "America/New_York"
    plan.alice.save(update_fields=["time_zone"])
    client.force_login(plan.alice)

    page = client.get(url("interview_list")).content.decode()

    assert url("interview_detail", interview.pk) in page
    assert "Thu 15 Jan 2026<br>" in page and "10:00–11:00" in page
    assert "Thu 15 Jan, 10:00" in page  # the draft scorecard to write


def test_recruiter_sees_debriefs_waiting_on_the_interview_list(client, plan, interview):
    submit(interview, plan.alice)
    client.force_login(plan.requisition.recruiter)

    page = client.get(url("interview_list")).content.decode()

    assert 'data-test="debriefs-waiting"' in page
    assert url("debrief", plan.application.pk) in page


INTERVIEW_DETAIL_QUERIES = 16


@pytest.mark.parametrize("n", [1, 6])
def test_interview_detail_query_count_does_not_grow_with_scorecards(
    client, plan, django_assert_num_queries, n
):
    people = [factories.InterviewerFactory() for _ in range(n)]
    plan.stage1.interviewers.set([plan.alice, *people])
    interview = schedule(plan)
    for person in [plan.alice, *people]:
        submit(interview, person, ratings={plan.criteria[0]: Rating.YES})
    client.force_login(plan.alice)

    with django_assert_num_queries(INTERVIEW_DETAIL_QUERIES):
        response = client.get(url("interview_detail", interview.pk))

    assert response.content.decode().count('data-test="other-scorecard"') == n


# --- Single-line fields ---------
def test_scheduling_form_refuses_a_location_with_a_line_break(client, plan):
    client.force_login(plan.requisition.recruiter)

    response = client.post(
        url("interview_create", plan.application.pk),
        _schedule_form(plan, location="Room 4\r\nBcc: someone@example.org"),
    )

    assert response.status_code == 200
    assert ONE_LINE in response.content.decode()
    assert not Interview.objects.exists()
