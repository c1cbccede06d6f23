import datetime as dt

import pytest
from django.utils import timezone

from debriefs import selectors, services
from debriefs.models import Rating, Scorecard
from hiring_hub import access
from tests import factories
from tests.debriefs.conftest import schedule, submit

pytestmark = pytest.mark.django_db


# --- Independence rule (hiring_hub.access.scorecards_visible_to) ---------
def test_interviewer_does_not_see_another_interviewers_draft(plan):
    interview = schedule(plan)

    visible = access.scorecards_visible_to(plan.alice)

    assert list(visible.filter(interview=interview)) == [
        Scorecard.objects.get(interview=interview, interviewer=plan.alice)
    ]


def test_interviewer_does_not_see_a_submitted_scorecard_before_submitting_their_own(plan):
    interview = schedule(plan)
    submit(interview, plan.bob)

    assert not selectors.submitted_scorecards(plan.alice, plan.application).exists()


def test_interviewer_sees_submitted_scorecards_after_submitting_their_own(plan):
    interview = schedule(plan)
    bob_card = submit(interview, plan.bob)
    alice_card = submit(interview, plan.alice)

    assert set(selectors.submitted_scorecards(plan.alice, plan.application)) == {
        alice_card,
        bob_card,
    }


def test_submitting_lets_an_interviewer_see_other_stages_of_the_same_application(plan):
    first = schedule(plan)
    second = schedule(plan, stage=plan.stage2)
    carol_card = submit(second, plan.carol)
    submit(first, plan.alice)

    assert carol_card in selectors.submitted_scorecards(plan.alice, plan.application)


def test_interviewer_still_never_sees_another_draft_after_submitting(plan):
    interview = schedule(plan)
    submit(interview, plan.alice)

    bob_draft = Scorecard.objects.get(interview=interview, interviewer=plan.bob)
    assert bob_draft not in access.scorecards_visible_to(plan.alice)


def test_recruiter_and_hiring_manager_see_submitted_but_not_drafts(plan, recruiter, hiring_manager):
    interview = schedule(plan)
    submitted = submit(interview, plan.alice)

    for user in (recruiter, hiring_manager):
        assert list(selectors.submitted_scorecards(user, plan.application)) == [submitted]
        bob_draft = Scorecard.objects.get(interview=interview, interviewer=plan.bob)
        assert bob_draft not in access.scorecards_visible_to(user)


def test_another_hiring_manager_sees_no_scorecards(plan):
    interview = schedule(plan)
    submit(interview, plan.alice)

    assert not selectors.submitted_scorecards(
        factories.HiringManagerFactory(), plan.application
    ).exists()


# --- Debrief aggregation ---------
def test_debrief_matrix_has_a_row_per_criterion_and_a_column_per_scorecard(plan, recruiter):
    interview = schedule(plan)
    c1, c2, _ = plan.criteria
    submit(interview, plan.alice, ratings={c1: Rating.STRONG_YES, c2: Rating.YES})
    submit(interview, plan.bob, ratings={c1: Rating.NO})

    debrief = selectors.debrief_for(recruiter, plan.application)

    assert [row.criterion for row in debrief.rows] == [c1, c2]
    # columns by stage, then interviewer name (Bob Builder before Ian Interviewer)
    assert [s.interviewer for s in debrief.scorecards] == [plan.bob, plan.alice]
    assert [cell.rating for cell in debrief.rows[0].cells] == [Rating.NO, Rating.STRONG_YES]
    assert [cell.label for cell in debrief.rows[1].cells] == ["No evidence", "Yes"]


def test_ratings_two_steps_apart_are_a_disagreement(plan, recruiter):
    interview = schedule(plan)
    c1, c2, _ = plan.criteria
    submit(interview, plan.alice, ratings={c1: Rating.STRONG_YES, c2: Rating.YES})
    submit(interview, plan.bob, ratings={c1: Rating.NO, c2: Rating.STRONG_YES})

    debrief = selectors.debrief_for(recruiter, plan.application)

    assert [row.disagreement for row in debrief.rows] == [True, False]
    assert [row.criterion for row in debrief.disagreements] == [c1]


def test_no_evidence_is_not_counted_as_a_disagreement(plan, recruiter):
    interview = schedule(plan)
    c1 = plan.criteria[0]
    submit(interview, plan.alice, ratings={c1: Rating.STRONG_YES})
    submit(interview, plan.bob, ratings={c1: None})

    assert not selectors.debrief_for(recruiter, plan.application).disagreements


def test_a_criterion_rated_across_versions_stays_one_row(plan, recruiter):
    # given stage 1 scored on version 1, then the criteria re-signed as version 2
    first = schedule(plan)
    c1 = plan.criteria[0]
    submit(first, plan.alice, ratings={c1: Rating.STRONG_NO})
    v2 = factories.CriteriaVersionFactory(requisition=plan.requisition, number=2)
    for c in plan.criteria:
        factories.CriterionFactory(version=v2, key=c.key, name=c.name, order=c.order)
    plan.stage2.criterion_keys = [str(c1.key)]
    plan.stage2.save()
    second = schedule(plan, stage=plan.stage2)
    submit(second, plan.carol, ratings={v2.criteria.get(key=c1.key): Rating.STRONG_YES})

    debrief = selectors.debrief_for(recruiter, plan.application)

    assert len(debrief.rows) == 2  # payments (both versions) and system design
    assert debrief.rows[0].disagreement


def test_debrief_gathers_recommendation_spread_explore_items_and_pending(plan, recruiter):
    interview = schedule(plan)
    submit(
        interview,
        plan.alice,
        recommendation=Rating.STRONG_YES,
        explore_further="How they handle on-call.",
        explore_people="The payments lead",
    )
    scorecard = Scorecard.objects.get(interview=interview, interviewer=plan.alice)
    scorecard.explore_criteria.add(plan.criteria[2])

    debrief = selectors.debrief_for(recruiter, plan.application)

    spread = {item["label"]: item["count"] for item in debrief.recommendation_spread}
    assert spread == {"Strong no": 0, "No": 0, "Yes": 0, "Strong yes": 1}
    assert debrief.explore == [
        {
            "text": "How they handle on-call.",
            "criteria": ["Mentoring"],
            "people": "The payments lead",
            "by": f"{plan.alice.full_name}, Technical",
        }
    ]
    assert "How they handle on-call. (criteria: Mentoring; meet: The payments lead)" in (
        debrief.suggested_focus
    )
    assert [p["interviewer"] for p in debrief.pending] == [plan.bob]
    assert debrief.stage == plan.stage1 and debrief.next_stage == plan.stage2
    assert debrief.waiting_for_decision


def test_a_decided_stage_no_longer_waits_for_a_decision(plan, recruiter):
    interview = schedule(plan)
    submit(interview, plan.alice)
    assert list(selectors.debriefs_waiting(recruiter)) == [plan.application]

    services.debrief_decide(
        application=plan.application,
        decision="hold",
        rationale="Waiting for the second finalist.",
        stage=plan.stage1,
        actor=recruiter,
    )

    assert not selectors.debriefs_waiting(recruiter).exists()
    assert not selectors.debrief_for(recruiter, plan.application).waiting_for_decision


# --- Carried-over focus ---------
def test_next_stage_interview_carries_the_focus_of_the_advance_decision(plan, hiring_manager):
    first = schedule(plan)
    submit(first, plan.alice)
    services.debrief_decide(
        application=plan.application,
        decision="advance",
        rationale="Good technical round.",
        next_stage_focus="Probe mentoring juniors.",
        stage=plan.stage1,
        actor=hiring_manager,
    )
    second = schedule(plan, stage=plan.stage2)

    focus = selectors.carried_focus(second)

    assert focus.next_stage_focus == "Probe mentoring juniors."
    assert selectors.carried_focus(first) is None


# --- Lists ---------
def test_scorecards_to_write_are_drafts_of_started_interviews(plan):
    past = schedule(plan)
    schedule(plan, stage=plan.stage1, starts_at=timezone.now() + dt.timedelta(days=1))

    assert [s.interview for s in selectors.scorecards_to_write(plan.alice)] == [past]
    submit(past, plan.alice)
    assert not selectors.scorecards_to_write(plan.alice).exists()


def test_thank_you_notes_are_grouped_by_urgency(plan, recruiter):
    long_ago = schedule(plan, starts_at=timezone.now() - dt.timedelta(days=2))
    recent = schedule(plan, starts_at=timezone.now() - dt.timedelta(hours=3))
    ahead = schedule(plan, starts_at=timezone.now() + dt.timedelta(days=1))
    sent = schedule(plan, starts_at=timezone.now() - dt.timedelta(hours=5))
    services.thank_you_note_mark_sent(note=sent.thank_you_note, actor=recruiter)

    notes = selectors.thank_you_notes(recruiter)

    # Drafts are rows of what the list shows (named tuples), sent notes are notes.
    assert [n.interview_id for n in notes["overdue"]] == [long_ago.pk]
    assert [n.interview_id for n in notes["due"]] == [recent.pk]
    assert [n.interview_id for n in notes["upcoming"]] == [ahead.pk]
    assert [n.interview for n in notes["sent"]] == [sent]
    panel = selectors.dashboard_panel(recruiter)
    assert panel["thank_you_overdue"] == 1 and panel["thank_you_due"] == 1


def test_after_advancing_the_next_stage_waits_only_once_its_scorecards_are_in(plan, recruiter):
    first = schedule(plan)
    submit(first, plan.alice, explore_further="Stage one idea")
    services.debrief_decide(
        application=plan.application,
        decision="advance",
        rationale="Good",
        stage=plan.stage1,
        actor=recruiter,
    )
    second = schedule(plan, stage=plan.stage2)

    debrief = selectors.debrief_for(recruiter, plan.application)
    assert debrief.stage == plan.stage2
    assert not debrief.waiting_for_decision
    assert debrief.explore == []  # stage one's ideas were already carried over

    submit(second, plan.carol, explore_further="Stage two idea")
    debrief = selectors.debrief_for(recruiter, plan.application)
    assert debrief.waiting_for_decision
    assert [item["text"] for item in debrief.explore] == ["Stage two idea"]
