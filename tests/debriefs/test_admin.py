import pytest
from django.urls import reverse

from debriefs import services
from debriefs.models import (
    CandidateUpdate,
    CriterionRating,
    DebriefDecision,
    Interview,
    Rating,
    Scorecard,
    ScorecardAmendment,
    ThankYouNote,
)
from tests import factories
from tests.debriefs.conftest import complete_fields, decide, schedule, submit
from tests.hiring_hub.test_admin import (
    admin_change_form_data,
    assert_changelists_query_count_does_not_grow,
    assert_every_change_page_opens,
    assert_every_changelist_opens,
)

pytestmark = pytest.mark.django_db

MODELS = (
    Interview,
    Scorecard,
    CriterionRating,
    ScorecardAmendment,
    DebriefDecision,
    ThankYouNote,
    CandidateUpdate,
)


@pytest.fixture
def admin_user(db):
    return factories.RecruiterFactory(is_staff=True, is_superuser=True, full_name="Ada Admin")


def record_call(plan, body):
    """The recruiter logs a call with the candidate."""
    services.follow_up_record(
        application=plan.application,
        channel=CandidateUpdate.Channel.CALL,
        body=body,
        actor=plan.requisition.recruiter,
    )


@pytest.fixture
def debriefed(plan, hiring_manager):
    """One interview with a submitted, amended scorecard, a debrief decision and an update."""
    interview = schedule(plan)
    scorecard = submit(interview, plan.alice, ratings={plan.criteria[0]: Rating.YES})
    services.scorecard_amend(
        scorecard=scorecard,
        actor=plan.alice,
        reason="Re-read my notes",
        fields=complete_fields(Rating.STRONG_YES),
    )
    decide(
        plan, hiring_manager, DebriefDecision.Decision.ADVANCE, "Strong on payments.", plan.stage1
    )
    record_call(plan, "Told Dana the next step is the team interview.")
    scorecard.refresh_from_db()
    return scorecard


def test_every_debriefs_admin_list_searches_filters_and_opens(client, admin_user, debriefed):
    for model in MODELS:
        assert model.objects.exists(), model.__name__
    client.force_login(admin_user)
    assert_every_changelist_opens(client, "debriefs")
    assert_every_change_page_opens(client, "debriefs")


def test_debriefs_admin_lists_cost_the_same_queries_for_one_row_or_many(
    client, admin_user, debriefed, plan, hiring_manager, monkeypatch
):
    # given a second interview, decision and update, so that the lists have several rows
    schedule(plan, stage=plan.stage2)
    decide(
        plan,
        hiring_manager,
        DebriefDecision.Decision.HOLD,
        "Waiting for the team interview.",
        plan.stage2,
    )
    record_call(plan, "Still in the running.")
    client.force_login(admin_user)
    assert_changelists_query_count_does_not_grow(client, "debriefs", monkeypatch)


def test_non_staff_cannot_open_any_debriefs_admin_list(client, interviewer):
    client.force_login(interviewer)
    for model in MODELS:
        response = client.get(reverse(f"admin:debriefs_{model._meta.model_name}_changelist"))
        assert response.status_code == 302, model.__name__


def test_scorecard_page_names_ratings_by_criterion(client, admin_user, debriefed, plan):
    client.force_login(admin_user)
    response = client.get(reverse("admin:debriefs_scorecard_change", args=[debriefed.pk]))
    assert f"{plan.criteria[0].name}: Yes" in response.text
    assert "CriterionRating object" not in response.text
    assert "ScorecardAmendment object" not in response.text


def test_submitted_scorecard_cannot_be_changed_in_the_admin(client, admin_user, debriefed):
    # given a submitted scorecard, whose changes are kept as amendments
    before = (debriefed.status, debriefed.submitted_at, debriefed.recommendation)
    amendments = ScorecardAmendment.objects.count()
    url = reverse("admin:debriefs_scorecard_change", args=[debriefed.pk])
    client.force_login(admin_user)
    data = admin_change_form_data(client, url)
    # when the admin posts it back as a draft with another recommendation
    data.update(status="draft", recommendation=str(Rating.STRONG_NO), submitted_at_0="")
    response = client.post(url, data)
    # then nothing changed, and no amendment was bypassed
    assert response.status_code == 302
    debriefed.refresh_from_db()
    assert (debriefed.status, debriefed.submitted_at, debriefed.recommendation) == before
    assert ScorecardAmendment.objects.count() == amendments


def test_debrief_decision_and_who_decided_cannot_be_changed_in_the_admin(
    client, admin_user, debriefed
):
    decision = DebriefDecision.objects.get()
    before = (decision.decision, decision.decided_by_id, decision.decided_at)
    url = reverse("admin:debriefs_debriefdecision_change", args=[decision.pk])
    client.force_login(admin_user)
    data = admin_change_form_data(client, url)
    data.update(decision="offer", decided_by=str(admin_user.pk))
    response = client.post(url, data)
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.decision, decision.decided_by_id, decision.decided_at) == before


def test_decision_filter_lists_only_hiring_managers(client, admin_user, debriefed, plan):
    client.force_login(admin_user)
    response = client.get(reverse("admin:debriefs_debriefdecision_changelist"))
    spec = next(s for s in response.context["cl"].filter_specs if s.title == "decided by")
    names = {label for _, label in spec.lookup_choices}
    assert plan.requisition.hiring_manager.full_name in names
    assert plan.alice.full_name not in names and admin_user.full_name not in names


@pytest.mark.parametrize(
    "model",
    [
        "interview",
        "scorecard",
        "criterionrating",
        "scorecardamendment",
        "debriefdecision",
        "thankyounote",
        "candidateupdate",
    ],
)
def test_admin_lists_every_debriefs_model(admin_client, plan, interview, model):
    submit(interview, plan.alice)
    assert admin_client.get(reverse(f"admin:debriefs_{model}_changelist")).status_code == 200


def test_admin_interview_page_shows_its_scorecards(admin_client, interview):
    response = admin_client.get(reverse("admin:debriefs_interview_change", args=[interview.pk]))
    assert response.status_code == 200 and b"Scorecards" in response.content
