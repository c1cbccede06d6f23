"""The pipeline board you work on: a dragged card or its "Move to…" form goes through the
stage-move service (rules, access and the kept move in one place)."""

import datetime as dt
import json
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils.html import escape

from candidates.models import Application, Assessment
from tests import factories

pytestmark = pytest.mark.django_db
St = Application.Stage
JSON = {"HTTP_ACCEPT": "application/json"}


def _move_url(application):
    return reverse("candidates:application_board_move", args=[application.pk])


def _board_url(requisition):
    return reverse("candidates:pipeline", args=[requisition.pk]) + "?view=board"


def test_dropping_a_card_moves_the_application_and_keeps_the_move(client, recruiter, requisition):
    application = factories.ApplicationFactory(
        requisition=requisition, candidate__full_name="Dora Drag"
    )
    client.force_login(recruiter)

    response = client.post(_move_url(application), {"to_stage": St.SCREENING}, **JSON)

    assert response.status_code == 200
    assert json.loads(response.content) == {"message": "Dora Drag moved to Screening."}
    application.refresh_from_db()
    assert application.stage == St.SCREENING
    change = application.stage_changes.get()
    assert (change.from_stage, change.to_stage, change.actor) == (
        St.SOURCED,
        St.SCREENING,
        recruiter,
    )


def test_a_refused_move_answers_with_the_services_message_and_changes_nothing(
    client, recruiter, requisition
):
    application = factories.ApplicationFactory(
        requisition=requisition, candidate__full_name="Hal Hopeful", stage=St.SCREENING
    )
    client.force_login(recruiter)

    response = client.post(_move_url(application), {"to_stage": St.HIRED}, **JSON)

    assert response.status_code == 400
    assert json.loads(response.content)["error"] == (
        "Hal Hopeful: Only an application at the offer stage can be marked hired "
        "(accept the offer)."
    )
    application.refresh_from_db()
    assert application.stage == St.SCREENING
    assert not application.stage_changes.exists()


def test_dropping_on_rejected_needs_a_reason(client, recruiter, requisition):
    application = factories.ApplicationFactory(requisition=requisition)
    client.force_login(recruiter)

    refused = client.post(_move_url(application), {"to_stage": St.REJECTED, "reason": " "}, **JSON)
    assert refused.status_code == 400
    assert "Say why the application is rejected." in json.loads(refused.content)["error"]

    moved = client.post(
        _move_url(application), {"to_stage": St.REJECTED, "reason": "Salary mismatch"}, **JSON
    )
    assert moved.status_code == 200
    application.refresh_from_db()
    assert (application.stage, application.closed_reason) == (St.REJECTED, "Salary mismatch")


@pytest.mark.parametrize("role", ["hiring_manager", "interviewer", "other_recruiter"])
def test_only_the_requisitions_recruiters_move_cards(
    client, requisition, hiring_manager, interviewer, role
):
    application = factories.ShortlistedApplicationFactory(requisition=requisition)
    stage = application.stage
    users = {
        "hiring_manager": hiring_manager,
        "interviewer": interviewer,
        "other_recruiter": factories.RecruiterFactory(),
    }
    client.force_login(users[role])

    response = client.post(_move_url(application), {"to_stage": St.INTERVIEWING}, **JSON)

    assert response.status_code in (403, 404)
    application.refresh_from_db()
    assert application.stage == stage


def test_move_to_form_works_without_javascript_and_returns_to_the_board(
    client, recruiter, requisition
):
    application = factories.ApplicationFactory(
        requisition=requisition, candidate__full_name="Kai Keyboard"
    )
    client.force_login(recruiter)
    back = reverse("candidates:pipeline", args=[requisition.pk]) + "?view=board&q=Kai"
    board = client.get(back).content.decode()
    form_page = f"{_move_url(application)}?{urlencode({'next': back})}"
    assert f'href="{escape(form_page)}"' in board  # the card links to its form

    form = client.get(form_page).content.decode()
    assert f'action="{_move_url(application)}"' in form
    assert f'name="next" value="{escape(back)}"' in form
    assert '<option value="sourced" disabled>' in form  # where it is now

    response = client.post(
        _move_url(application), {"to_stage": St.SCREENING, "next": back}, follow=True
    )

    assert response.redirect_chain == [(f"{back}#application-{application.pk}", 302)]
    assert "Kai Keyboard moved to Screening." in response.content.decode()
    application.refresh_from_db()
    assert application.stage == St.SCREENING


def test_move_to_form_shows_a_refusal_and_ignores_a_foreign_next(client, recruiter, requisition):
    application = factories.ApplicationFactory(
        requisition=requisition, candidate__full_name="Ned Noreason"
    )
    client.force_login(recruiter)

    response = client.post(
        _move_url(application),
        {"to_stage": St.WITHDRAWN, "next": "https://evil.example/"},
        follow=True,
    )

    assert response.redirect_chain == [
        (f"{_board_url(requisition)}#application-{application.pk}", 302)
    ]
    assert "Ned Noreason: Say why the application is withdrawn." in response.content.decode()
    application.refresh_from_db()
    assert application.stage == St.SOURCED


def test_cards_show_time_in_stage_and_criteria_met(
    client, recruiter, requisition, version, django_assert_num_queries
):
    criteria = list(version.criteria.order_by("order"))
    application = factories.ApplicationFactory(
        requisition=requisition, stage=St.SCREENING, candidate__full_name="Amy Assessed"
    )
    Application.objects.filter(pk=application.pk).update(
        stage_changed_at=application.stage_changed_at - dt.timedelta(days=3)
    )
    for criterion, rating in zip(
        criteria[:2], [Assessment.Rating.MEETS, Assessment.Rating.PARTLY], strict=True
    ):
        factories.AssessmentFactory(application=application, criterion=criterion, rating=rating)
    factories.ApplicationFactory(
        requisition=requisition, stage=St.SCREENING, candidate__full_name="Bo Blank"
    )
    client.force_login(recruiter)

    # 7: the shortlists' acceptance and the counts per stage come with the requisition
    with django_assert_num_queries(7):
        response = client.get(_board_url(requisition))

    screening = response.context["board"][1]["apps"]
    assert [(a.met, a.assessed, a.criteria_total) for a in screening] == [(1, 2, 3), (0, 0, 3)]
    html = response.content.decode()
    assert "3 days" in html and "since today" in html
    assert "1/3 met" in html and "not assessed" in html


def test_the_move_form_page_keeps_only_a_board_of_this_requisition_to_return_to(
    client, recruiter, requisition
):
    application = factories.ApplicationFactory(requisition=requisition)
    client.force_login(recruiter)

    page = client.get(_move_url(application), {"next": "https://evil.example/"}).content.decode()

    assert f'name="next" value="{escape(_board_url(requisition))}"' in page
    assert "https://evil.example/" not in page


def test_the_board_holds_one_move_form_for_all_its_cards(client, recruiter, requisition):
    factories.ApplicationFactory.create_batch(5, requisition=requisition)
    client.force_login(recruiter)

    board = client.get(_board_url(requisition)).content.decode()

    assert board.count("data-board-move-url=") == 5
    assert board.count('name="to_stage"') == 1  # the board's template, cloned into a card
