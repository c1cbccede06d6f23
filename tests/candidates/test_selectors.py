import datetime as dt

import pytest
import time_machine

from candidates import charts as candidate_charts
from candidates import selectors, services
from candidates.models import Application, ShortlistEntry
from tests import factories
from tests.candidates.conftest import submit_shortlist

pytestmark = pytest.mark.django_db

St = Application.Stage


def test_dashboard_panel_shows_the_manager_the_shortlists_to_answer(
    recruiter, hiring_manager, requisition, version
):
    shortlist = submit_shortlist(
        recruiter, requisition, [factories.ApplicationFactory(requisition=requisition)]
    )
    assert selectors.dashboard_panel(hiring_manager)["to_review"] == [shortlist]
    entry = shortlist.entries.get()
    services.shortlist_entry_decide(
        entry=entry, actor=hiring_manager, decision=ShortlistEntry.Decision.NEED_INFO, reason="?"
    )
    assert selectors.dashboard_panel(recruiter)["questions"] == [entry]
    services.shortlist_entry_decide(
        entry=entry, actor=hiring_manager, decision=ShortlistEntry.Decision.ADVANCE
    )
    assert selectors.dashboard_panel(hiring_manager)["to_review"] == []


def test_interviewer_dashboard_panel_is_empty(interviewer):
    assert selectors.dashboard_panel(interviewer) == {
        "to_review": [],
        "answers": [],
        "approvals": [],
        "questions": [],
        "to_send": [],
        "offers": [],
        "limit": selectors.DASHBOARD_ITEMS,
    }


# --- Charts: funnel and time in stage from the recorded stage changes ------------------------
START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def _on_day(day: int):
    return time_machine.travel(START + dt.timedelta(days=day), tick=False)


def _move(application, stage, day, recruiter):
    with _on_day(day):
        return services.application_move(
            application=application, to_stage=stage, actor=recruiter, reason="r"
        )


def test_pipeline_history_counts_who_reached_each_stage_and_the_median_days_there(
    recruiter, add_application
):
    # given four candidates added on day 0, moving on different days
    with _on_day(0):
        a, b, c, d = (add_application(name=n) for n in "ABCD")
    a = _move(a, St.SCREENING, 2, recruiter)
    b = _move(b, St.SCREENING, 2, recruiter)
    _move(c, St.REJECTED, 3, recruiter)
    a = _move(a, St.SHORTLISTED, 5, recruiter)
    a = _move(a, St.INTERVIEWING, 9, recruiter)  # skips hiring-manager review
    # when
    history = selectors.pipeline_history(a.requisition, now=START + dt.timedelta(days=10))
    # then
    funnel = {row["stage"]: (row["reached"], row["conversion"]) for row in history["funnel"]}
    assert funnel == {
        St.SOURCED: (4, None),
        St.SCREENING: (2, 0.5),
        St.SHORTLISTED: (1, 0.5),
        St.MANAGER_REVIEW: (1, 1.0),  # passed on the way to interviews
        St.INTERVIEWING: (1, 1.0),
        St.OFFER: (0, 0.0),
        St.HIRED: (0, None),
    }
    medians = {row["stage"]: row["median_days"] for row in history["time_in_stage"]}
    assert medians == {
        St.SOURCED: 2.5,  # 2, 2, 3 (until rejected) and 10 (D, still there)
        St.SCREENING: 5.5,  # 3 and 8 (B, still there)
        St.SHORTLISTED: 4,
        St.MANAGER_REVIEW: None,
        St.INTERVIEWING: 1,
        St.OFFER: None,
    }


@pytest.mark.parametrize("rows", [2, 8])
def test_pipeline_history_is_one_query_however_many_moves(
    recruiter, requisition, add_application, rows, django_assert_num_queries
):
    for i in range(rows):
        _move(add_application(name=f"C{i}"), St.SCREENING, 1, recruiter)
    with django_assert_num_queries(1):
        history = selectors.pipeline_history(requisition, now=START + dt.timedelta(days=3))
    assert history["funnel"][1]["reached"] == rows


def test_acceptance_chart_stacks_advanced_declined_and_open_per_shortlist():
    alignment = {
        "shortlists": [
            {"number": 1, "advanced": 1, "declined": 3, "open": 0},
            {"number": 2, "advanced": 2, "declined": 0, "open": 1},
        ]
    }
    chart = candidate_charts.acceptance_chart(alignment)
    first, second = chart.rows
    assert [s.value for s in first.segments] == [1, 3, 0]
    assert first.text == "25%" and second.text == "100%"
    assert chart.table[1] == ("Shortlist 2", "2", "0", "1", "100%")
    assert chart.legend == (("success", "Advanced"), ("danger", "Declined"), ("secondary", "Open"))
