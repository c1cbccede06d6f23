"""The home's interviews panel (selectors.dashboard_panel) reads its lists in one statement
written out as SQL: each list must hold the rows, the order, the limit and the total of the
selector the other pages read (scorecards_to_write, upcoming_interviews_of,
debriefs_waiting), for each role and for nobody else."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from candidates.models import Application
from debriefs import selectors, services
from debriefs.models import Interview, Scorecard
from tests import factories
from tests.debriefs.conftest import complete_fields, schedule, submit

pytestmark = pytest.mark.django_db
ITEMS = selectors.DASHBOARD_ITEMS
HOUR = dt.timedelta(hours=1)


def waiting_debrief(requisition, candidate_name: str) -> Interview:
    """An interview three hours ago with one submitted scorecard: a debrief to decide."""
    submitted_at = timezone.now() - dt.timedelta(minutes=len(candidate_name))
    interview = factories.InterviewFactory(
        application__requisition=requisition,
        application__candidate__full_name=candidate_name,
        starts_at=timezone.now() - 3 * HOUR,
    )
    factories.ScorecardFactory(
        interview=interview,
        status=Scorecard.Status.SUBMITTED,
        submitted_at=submitted_at,
        **complete_fields(),
    )
    return interview


def test_scorecards_to_write_are_the_selectors_first_rows_with_its_count(interviewer):
    started = [timezone.now() - (n + 1) * HOUR for n in range(ITEMS + 2)]
    for starts_at in started:
        interview = factories.InterviewFactory(starts_at=starts_at, interviewers=[interviewer])
        factories.ScorecardFactory(interview=interview, interviewer=interviewer)
    # Not theirs to write: someone else's, a cancelled interview's, one not started yet.
    factories.ScorecardFactory(interview__starts_at=started[0])
    cancelled = factories.InterviewFactory(
        starts_at=started[0], status=Interview.Status.CANCELLED, interviewers=[interviewer]
    )
    factories.ScorecardFactory(interview=cancelled, interviewer=interviewer)
    ahead = factories.InterviewFactory(interviewers=[interviewer])
    factories.ScorecardFactory(interview=ahead, interviewer=interviewer)

    panel = selectors.dashboard_panel(interviewer)

    expected = list(selectors.scorecards_to_write(interviewer)[:ITEMS])
    assert [s.pk for s in panel["to_write"]] == [s.pk for s in expected]
    assert panel["scorecards_to_write"] == ITEMS + 2
    assert [s.interview_starts_at for s in panel["to_write"]] == sorted(started)[:ITEMS]
    first, row = expected[0], panel["to_write"][0]
    assert row.interview_id == first.interview_id
    assert row.candidate_name == first.interview.application.candidate.full_name
    assert row.stage_name == first.interview.stage.name
    assert "thank_you_overdue" not in panel and "debriefs" not in panel


def test_upcoming_interviews_are_the_selectors_first_rows(interviewer):
    soon = timezone.now() + HOUR
    for n in range(ITEMS + 2):
        factories.InterviewFactory(starts_at=soon + n * HOUR, interviewers=[interviewer])
    # Two at the same time: the id decides.
    factories.InterviewFactory(starts_at=soon, interviewers=[interviewer])
    # Not upcoming for them: ended, cancelled, someone else's.
    factories.InterviewFactory(starts_at=soon - 3 * HOUR, interviewers=[interviewer])
    factories.InterviewFactory(
        starts_at=soon, status=Interview.Status.CANCELLED, interviewers=[interviewer]
    )
    factories.InterviewFactory(starts_at=soon)

    upcoming = selectors.dashboard_panel(interviewer)["upcoming"]

    expected = list(selectors.upcoming_interviews_of(interviewer)[:ITEMS])
    assert [i.pk for i in upcoming] == [i.pk for i in expected]
    assert [i.starts_at for i in upcoming] == [i.starts_at for i in expected]
    assert upcoming[0].requisition_title == expected[0].application.requisition.title
    assert upcoming[0].candidate_name == expected[0].application.candidate.full_name
    assert upcoming[0].stage_name == expected[0].stage.name


def test_debriefs_waiting_are_the_selectors_first_rows_with_its_count_for_each_decider(
    recruiter, hiring_manager
):
    titles = ["Backend engineer", "Android engineer", "Backend engineer", "Data analyst"]
    requisitions = [
        factories.RequisitionFactory(title=t, recruiter=recruiter, hiring_manager=hiring_manager)
        for t in titles
    ]
    names = ["Zoe", "Adam", "Mia", "Ben", "Lea", "Omar", "Ivy", "Finn", "Cleo", "Tom", "Ada", "Kim"]
    for n, name in enumerate(names):
        waiting_debrief(requisitions[n % len(requisitions)], name)
    # Not waiting on them: another recruiter's and manager's, and one without submissions.
    waiting_debrief(factories.RequisitionFactory(title="Backend engineer"), "Otto")
    factories.ScorecardFactory(interview__application__requisition=requisitions[0])

    for user in (recruiter, hiring_manager):
        panel = selectors.dashboard_panel(user)

        expected = list(selectors.debriefs_waiting(user)[:ITEMS])
        assert [a.pk for a in panel["debriefs"]] == [a.pk for a in expected]
        assert panel["debriefs_waiting"] == len(names)
        row, first = panel["debriefs"][0], expected[0]
        assert (row.candidate_name, row.requisition_title) == ("Adam", "Android engineer")
        assert row.hiring_manager_id == hiring_manager.pk
        assert (row.hiring_manager_shown, row.recruiter_shown) == ("Maya Manager", "Rita Recruiter")
        last = first.interviews.get().scorecards.get().submitted_at
        assert row.waiting_since == last


@pytest.mark.parametrize("first_title_count", [ITEMS - 1, 2])
def test_debriefs_waiting_names_decide_within_the_last_title_shown(
    first_title_count, recruiter, hiring_manager
):
    """The panel names only the rows whose title is at most the last shown row's title
    (dashboard._statement_sql): a name sorting first on a later title stays out, the
    names of the last title shown decide among its rows, and with fewer rows than the
    limit every row is shown."""
    android, backend, zeta = (
        factories.RequisitionFactory(title=t, recruiter=recruiter, hiring_manager=hiring_manager)
        for t in ("Android engineer", "Backend engineer", "Zeta engineer")
    )
    for n in range(first_title_count):
        waiting_debrief(android, f"Nora {n:02}")
    for name in ("Yann", "Aaron", "Milo"):
        waiting_debrief(backend, name)
    waiting_debrief(zeta, "Aa")
    count = first_title_count + 4

    for user in (recruiter, hiring_manager):
        panel = selectors.dashboard_panel(user)

        expected = list(selectors.debriefs_waiting(user)[:ITEMS])
        assert [a.pk for a in panel["debriefs"]] == [a.pk for a in expected]
        assert len(expected) == min(count, ITEMS)
        assert panel["debriefs_waiting"] == count
        assert panel["debriefs"][first_title_count].candidate_name == "Aaron"
        shown = [row.candidate_name for row in panel["debriefs"]]
        assert ("Aa" in shown) == (count <= ITEMS)


def test_debriefs_waiting_read_scheduled_interviews_from_an_index_of_their_own():
    """The debriefs-waiting member looks up each application's scheduled interviews, their
    stage and id, from the index alone (no visit of the interview rows)."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Interview._meta.db_table)

    index = constraints["interview_scheduled_app_idx"]
    assert index["index"] and index["columns"] == ["application_id", "stage_id", "id"]


def test_a_decided_debrief_leaves_the_panel(plan, recruiter):
    submit(schedule(plan), plan.alice)
    assert [a.pk for a in selectors.dashboard_panel(recruiter)["debriefs"]] == [plan.application.pk]

    services.debrief_decide(
        application=plan.application,
        decision="hold",
        rationale="Waiting for the second finalist.",
        stage=plan.stage1,
        actor=recruiter,
    )

    panel = selectors.dashboard_panel(recruiter)
    assert panel["debriefs"] == [] and panel["debriefs_waiting"] == 0


def test_follow_ups_are_the_first_promised_on_the_recruiters_pipelines(recruiter):
    today = timezone.localdate()
    mine = factories.RequisitionFactory(recruiter=recruiter)
    team = factories.RequisitionFactory(hiring_team=[recruiter])
    due = [
        factories.ApplicationFactory(
            requisition=(mine, team)[n % 2],
            next_update_promised_by=today - dt.timedelta(days=n // 3),
            last_candidate_update_at=timezone.now() - dt.timedelta(days=n) if n % 4 else None,
        )
        for n in range(ITEMS + 2)
    ]
    # Not due from them (promised later; closed; on another recruiter's requisition),
    # though the last two would come first.
    long_ago = today - dt.timedelta(days=30)
    factories.ApplicationFactory(
        requisition=mine, next_update_promised_by=today + dt.timedelta(days=1)
    )
    factories.ApplicationFactory(
        requisition=mine,
        next_update_promised_by=long_ago,
        stage=Application.Stage.REJECTED,
        closed_reason="Chose another offer",
    )
    factories.ApplicationFactory(next_update_promised_by=long_ago)

    follow_ups = selectors.dashboard_panel(recruiter)["follow_ups"]

    expected = sorted(due, key=lambda a: (a.next_update_promised_by, a.pk))[:ITEMS]
    assert [a.pk for a in follow_ups] == [a.pk for a in expected]
    assert [a.next_update_promised_by for a in follow_ups] == [
        a.next_update_promised_by for a in expected
    ]
    assert [a.last_candidate_update_at for a in follow_ups] == [
        a.last_candidate_update_at for a in expected
    ]
    assert follow_ups[0].candidate_name == expected[0].candidate.full_name
    assert follow_ups[0].requisition_title == expected[0].requisition.title


def test_an_inactive_user_has_no_counts_follow_ups_or_debriefs(recruiter, requisition):
    waiting_debrief(requisition, "Dana")
    factories.ApplicationFactory(
        requisition=requisition, next_update_promised_by=timezone.localdate()
    )
    recruiter.is_active = False

    panel = selectors.dashboard_panel(recruiter)

    # Their own interviews and scorecards are listed by who sits on them, as before.
    assert set(panel) == {"upcoming", "to_write", "scorecards_to_write"}


def test_an_admin_counts_and_follows_up_on_every_pipeline(requisition):
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    factories.ApplicationFactory(
        requisition=requisition, next_update_promised_by=timezone.localdate()
    )
    ended = factories.InterviewFactory(
        application__requisition=requisition, starts_at=timezone.now() - 3 * HOUR
    )
    factories.ThankYouNoteFactory(interview=ended)

    panel = selectors.dashboard_panel(admin)

    assert len(panel["follow_ups"]) == 1
    assert panel["thank_you_overdue"] + panel["thank_you_due"] == 1
    assert "debriefs" not in panel  # an admin who neither recruits nor manages decides none


@pytest.mark.parametrize("role", ["recruiter", "hiring_manager", "interviewer"])
def test_the_panel_is_one_query(request, role, requisition, django_assert_num_queries):
    user = request.getfixturevalue(role)
    waiting_debrief(requisition, "Dana")
    factories.InterviewFactory(application__requisition=requisition, interviewers=[user])

    with django_assert_num_queries(1):
        panel = selectors.dashboard_panel(user)
    assert len(panel["upcoming"]) == 1
    assert ("debriefs" in panel) == (role != "interviewer")
