"""The debrief page: the matrix, the decision, and what a closed debrief shows."""

import pytest

from candidates.models import Application
from debriefs.models import Rating, Scorecard
from tests import factories
from tests.debriefs.conftest import schedule, submit, url

pytestmark = pytest.mark.django_db


# --- Debrief page and decision ---------
def test_hiring_manager_rejects_from_the_debrief(client, plan, interview):
    submit(interview, plan.alice)
    client.force_login(plan.requisition.hiring_manager)

    response = client.post(
        url("debrief", plan.application.pk),
        {"decision": "reject", "rationale": "No payments depth", "next_stage_focus": ""},
    )

    assert response.status_code == 302
    plan.application.refresh_from_db()
    assert plan.application.stage == Application.Stage.REJECTED
    assert plan.application.closed_reason == "No payments depth"


def test_advance_from_the_debrief_shows_the_focus_to_the_next_stage_interviewer(
    client, plan, interview
):
    submit(interview, plan.alice, explore_further="Ask about mentoring")
    client.force_login(plan.requisition.recruiter)
    page = client.get(url("debrief", plan.application.pk)).content.decode()
    assert "Ask about mentoring" in page  # suggested focus, pre-filled

    client.post(
        url("debrief", plan.application.pk),
        {"decision": "advance", "rationale": "Solid", "next_stage_focus": "CARRIED-FOCUS"},
    )
    team = schedule(plan, stage=plan.stage2)

    client.force_login(plan.carol)
    assert b"CARRIED-FOCUS" in client.get(url("interview_detail", team.pk)).content


def submit_split_opinions(plan, interview):
    """Alice rates the first criterion strong yes, Bob no."""
    first = plan.criteria[0]
    submit(interview, plan.alice, ratings={first: Rating.STRONG_YES})
    submit(interview, plan.bob, ratings={first: Rating.NO})


def test_debrief_highlights_a_disagreement(client, plan, interview):
    submit_split_opinions(plan, interview)
    client.force_login(plan.requisition.recruiter)

    page = client.get(url("debrief", plan.application.pk)).content.decode()

    assert 'data-test="disagreement"' in page and "1 disagreement" in page


def _debrief_with(plan, n: int):
    people = [factories.InterviewerFactory() for _ in range(n)]
    plan.stage1.interviewers.set(people)
    interview = schedule(plan)
    for person in people:
        submit(
            interview,
            person,
            ratings={plan.criteria[0]: Rating.YES, plan.criteria[1]: Rating.NO},
            explore_further="More",
        )
    Scorecard.objects.first().explore_criteria.add(plan.criteria[2])


DEBRIEF_QUERIES = 12


@pytest.mark.parametrize("n", [2, 10])
def test_debrief_page_query_count_does_not_grow_with_scorecards(
    client, plan, django_assert_num_queries, n
):
    _debrief_with(plan, n)
    client.force_login(plan.requisition.recruiter)

    with django_assert_num_queries(DEBRIEF_QUERIES):
        response = client.get(url("debrief", plan.application.pk))

    assert response.status_code == 200
    assert response.content.decode().count('class="rating rating-') >= n * 3


# --- Closed work ---------------------------------------------------------------------------
def test_after_moving_to_offer_the_debrief_shows_the_decision_not_the_form(client, plan, interview):
    submit(interview, plan.alice)
    submit(interview, plan.bob)
    client.force_login(plan.requisition.hiring_manager)
    client.post(
        url("debrief", plan.application.pk),
        {"decision": "offer", "rationale": "Clear yes from both", "next_stage_focus": ""},
    )
    page = client.get(url("debrief", plan.application.pk)).content.decode()
    assert 'data-test="settled"' in page
    assert "Clear yes from both" in page and "This debrief is closed" in page
    assert "Record decision" not in page


def test_a_hold_keeps_the_debrief_open(client, plan, interview):
    submit(interview, plan.alice)
    client.force_login(plan.requisition.hiring_manager)
    client.post(
        url("debrief", plan.application.pk),
        {"decision": "hold", "rationale": "Waiting for a reference", "next_stage_focus": ""},
    )
    page = client.get(url("debrief", plan.application.pk)).content.decode()
    assert "Record decision" in page and 'data-test="settled"' not in page


def test_debrief_on_a_phone_lists_every_interviewers_ratings_in_turn(client, plan, interview):
    submit_split_opinions(plan, interview)
    client.force_login(plan.requisition.hiring_manager)

    page = client.get(url("debrief", plan.application.pk)).content.decode()

    stacked = page.split('data-test="debrief-by-interviewer"', 1)[1].split("</dl>\n    </section>")
    blocks = [b for b in stacked if "<dl" in b]
    assert len(blocks) == 2
    alice = next(b for b in blocks if plan.alice.full_name in b)
    bob = next(b for b in blocks if plan.bob.full_name in b)
    assert ">Strong yes</span>" in alice
    # The "No" the disagreement is about is on the screen, not in a column off its edge.
    assert ">No</span>" in bob
    assert alice.count("Disagreement") == bob.count("Disagreement") == 1
