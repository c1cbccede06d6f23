"""The scorecard form: save a draft, submit, amend; what it says when something is missing."""

import pytest

from debriefs.models import Rating, Scorecard
from tests.debriefs.conftest import submit, url

pytestmark = pytest.mark.django_db


# --- Scorecard form ---------
def _scorecard_form(plan, **extra):
    c1, c2, _ = plan.criteria
    data = {
        f"rating_{c1.pk}": "4",
        f"evidence_{c1.pk}": "Ran Stripe payouts for 3 years.",
        f"rating_{c2.pk}": "",
        f"evidence_{c2.pk}": "",
        "hard_skills": "Python, Postgres",
        "soft_skills": "Clear",
        "skills_evidence_strength": "strong",
        "enthusiasm": "3",
        "enthusiasm_signals": "Read our blog",
        "team_fit": "3",
        "team_fit_behaviour": "Asked the junior for their view",
        "explore_further": "On-call",
        "explore_criteria": [str(plan.criteria[2].pk)],
        "explore_people": "Payments lead",
        "recommendation": "4",
    }
    data.update(extra)
    return data


def test_interviewer_saves_a_draft_from_the_form(client, plan, interview):
    client.force_login(plan.alice)

    response = client.post(
        url("scorecard_save_draft", interview.pk), _scorecard_form(plan, recommendation="")
    )

    assert response.status_code == 302
    scorecard = Scorecard.objects.get(interview=interview, interviewer=plan.alice)
    assert scorecard.status == "draft" and scorecard.hard_skills == "Python, Postgres"
    assert list(scorecard.explore_criteria.all()) == [plan.criteria[2]]


def test_submitting_an_incomplete_scorecard_explains_and_keeps_the_input(client, plan, interview):
    client.force_login(plan.alice)

    response = client.post(
        url("scorecard_submit", interview.pk),
        _scorecard_form(plan, recommendation="", hard_skills="TYPED-TEXT"),
    )

    assert response.status_code == 200
    assert "overall recommendation" in response.content.decode()
    assert b"TYPED-TEXT" in response.content
    assert Scorecard.objects.get(interview=interview, interviewer=plan.alice).status == "draft"


def test_submitting_then_amending_shows_the_amendment_on_the_debrief(client, plan, interview):
    client.force_login(plan.alice)
    client.post(url("scorecard_submit", interview.pk), _scorecard_form(plan))
    assert Scorecard.objects.get(interview=interview, interviewer=plan.alice).status == "submitted"

    client.post(
        url("scorecard_amend", interview.pk),
        _scorecard_form(plan, recommendation="2", amendment_reason="Second thoughts"),
    )

    client.force_login(plan.requisition.hiring_manager)
    page = client.get(url("debrief", plan.application.pk)).content.decode()
    assert "Second thoughts" in page and "Strong yes" in page and "amended" in page


def test_scorecard_validation_shows_every_missing_item_beside_its_field_at_once(
    client, plan, interview
):
    client.force_login(plan.alice)
    first = plan.criteria[0]
    response = client.post(
        url("scorecard_submit", interview.pk),
        {"hard_skills": "SQL", f"rating_{first.pk}": "4"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {
        "skills_evidence_strength",
        "enthusiasm",
        "team_fit",
        "team_fit_behaviour",
        "recommendation",
        f"evidence_{first.pk}",
    }
    assert "6 things to add" in " ".join(errors["__all__"])
    # the input is kept
    assert response.context["form"]["hard_skills"].value() == "SQL"
    body = response.content.decode()
    assert "Describe the behaviour you observed behind the team-fit rating." in body


def test_deal_breaker_ratings_read_as_present_or_not_observed(client, plan, interview):
    from requisitions.models import Criterion

    deal_breaker = plan.criteria[0]
    Criterion.objects.filter(pk=deal_breaker.pk).update(kind=Criterion.Kind.DEAL_BREAKER)
    client.force_login(plan.alice)
    form = client.get(url("scorecard_edit", interview.pk)).context["form"]
    labels = dict(form.fields[f"rating_{deal_breaker.pk}"].choices)
    assert labels["1"] == "Present" and labels["3"] == "Not observed"
    submit(interview, plan.alice, ratings={deal_breaker: Rating.YES})
    page = client.get(url("debrief", plan.application.pk)).content.decode()
    assert "Not observed" in page
