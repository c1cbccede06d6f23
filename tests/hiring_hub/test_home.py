"""Each person's home is an inbox: what waits on them now (and on nobody else), its age
and a link to act; then their own open requisitions with stage counts. The navigation
counts come from the same rules."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from candidates import services as candidate_services
from candidates.models import Application, ShortlistEntry
from debriefs.models import Scorecard
from tests import factories
from tests.debriefs.conftest import complete_fields

pytestmark = pytest.mark.django_db
D = ShortlistEntry.Decision


def home(client, user, query: str = "") -> str:
    client.force_login(user)
    response = client.get(reverse("home") + query)
    assert response.status_code == 200
    return response.content.decode()


def nav_counts(client, user) -> dict[str, int]:
    client.force_login(user)
    response = client.get(reverse("navigation_counts"))
    assert response.status_code == 200
    return {
        name: int(count)
        for name, count in re.findall(
            r'data-nav-count="([^"]+)"[^>]*>(\d+)', response.content.decode()
        )
    }


def inbox_items(html: str) -> set[str]:
    return set(re.findall(r'data-inbox="([^"]+)"', html))


def debrief_waiting(requisition, interviewer=None, **interview_fields):
    """An interview three hours ago with one submitted scorecard: a debrief to decide."""
    interview = factories.InterviewFactory(
        application__requisition=requisition,
        starts_at=timezone.now() - dt.timedelta(hours=3),
        **({"interviewers": [interviewer]} if interviewer else {}),
        **interview_fields,
    )
    factories.ScorecardFactory(
        interview=interview,
        status=Scorecard.Status.SUBMITTED,
        submitted_at=timezone.now(),
        **({"interviewer": interviewer} if interviewer else {}),
        **complete_fields(),
    )
    return interview


@pytest.fixture
def shortlist(recruiter, requisition):
    """A shortlist of one assessed candidate sent to the hiring manager."""
    version = factories.CriteriaVersionFactory(requisition=requisition, number=1)
    criterion = factories.CriterionFactory(version=version, name="Runs production services")
    application = factories.ApplicationFactory(
        requisition=requisition, stage=Application.Stage.SHORTLISTED, created_by=recruiter
    )
    factories.AssessmentFactory(application=application, criterion=criterion)
    return candidate_services.shortlist_submit(
        requisition=requisition, applications=[application], note="One to see", actor=recruiter
    )


# --- The ball in court --------------------------------------------------------------------
def test_need_info_question_is_on_exactly_one_home_as_the_ball_moves(
    client, recruiter, hiring_manager, shortlist
):
    entry = shortlist.entries.get()
    item = f"entry-{entry.pk}"
    # given a shortlist just sent: the manager answers it
    assert f"shortlist-{shortlist.pk}" in inbox_items(home(client, hiring_manager))
    assert nav_counts(client, hiring_manager)["candidates:shortlist_inbox"] == 1
    assert f"shortlist-{shortlist.pk}" not in inbox_items(home(client, recruiter))

    # when the manager asks a question: it waits on the recruiter only
    candidate_services.shortlist_entry_decide(
        entry=entry, actor=hiring_manager, decision=D.NEED_INFO, reason="Why did they leave?"
    )
    assert item in inbox_items(home(client, recruiter))
    assert nav_counts(client, recruiter)["candidates:shortlist_inbox"] == 1
    manager_home = home(client, hiring_manager)
    assert item not in inbox_items(manager_home)
    assert f"shortlist-{shortlist.pk}" not in inbox_items(manager_home)
    assert "candidates:shortlist_inbox" not in nav_counts(client, hiring_manager)

    # when the recruiter answers: it leaves her home and waits on the manager
    candidate_services.shortlist_message_post(entry=entry, actor=recruiter, body="Team disbanded.")
    assert item not in inbox_items(home(client, recruiter))
    assert "candidates:shortlist_inbox" not in nav_counts(client, recruiter)
    manager_home = home(client, hiring_manager)
    assert item in inbox_items(manager_home)
    assert "The recruiter answered your question" in manager_home
    assert nav_counts(client, hiring_manager)["candidates:shortlist_inbox"] == 1

    # when the manager asks again, the ball goes back
    candidate_services.shortlist_message_post(entry=entry, actor=hiring_manager, body="And 2019?")
    assert item in inbox_items(home(client, recruiter))
    assert item not in inbox_items(home(client, hiring_manager))

    # when the manager decides: off both homes
    candidate_services.shortlist_message_post(entry=entry, actor=recruiter, body="Travelled.")
    candidate_services.shortlist_entry_decide(entry=entry, actor=hiring_manager, decision=D.ADVANCE)
    assert item not in inbox_items(home(client, recruiter))
    assert item not in inbox_items(home(client, hiring_manager))
    assert "candidates:shortlist_inbox" not in nav_counts(client, recruiter)
    assert "candidates:shortlist_inbox" not in nav_counts(client, hiring_manager)


def test_inbox_item_says_who_it_waits_on_how_long_and_links_to_the_place_to_act(
    client, recruiter, hiring_manager, shortlist
):
    entry = shortlist.entries.get()
    candidate_services.shortlist_entry_decide(
        entry=entry, actor=hiring_manager, decision=D.NEED_INFO, reason="Why did they leave?"
    )
    html = home(client, recruiter)
    link = reverse("candidates:shortlist_detail", args=[shortlist.pk]) + f"#entry-{entry.pk}"
    assert f'href="{link}" data-inbox="entry-{entry.pk}"' in html
    assert "waits on you · waiting 0\xa0minutes" in html


def test_question_on_another_recruiters_requisition_is_not_on_my_home(
    client, hiring_manager, shortlist
):
    entry = shortlist.entries.get()
    candidate_services.shortlist_entry_decide(
        entry=entry, actor=hiring_manager, decision=D.NEED_INFO, reason="Why did they leave?"
    )
    other_recruiter = factories.RecruiterFactory()
    assert f"entry-{entry.pk}" not in inbox_items(home(client, other_recruiter))


def test_offer_waiting_for_approval_is_on_the_managers_home_not_the_recruiters(
    client, recruiter, hiring_manager, requisition
):
    offer = factories.OfferFactory(application__requisition=requisition)
    assert f"offer-{offer.pk}" in inbox_items(home(client, hiring_manager))
    assert f"offer-{offer.pk}" not in inbox_items(home(client, recruiter))


# --- Recruiter tiles ----------------------------------------------------------------------
def test_thank_you_counts_only_the_notes_of_requisitions_the_recruiter_may_change(
    client, recruiter, requisition
):
    past = timezone.now() - dt.timedelta(days=3)
    mine = factories.InterviewFactory(
        application__requisition=requisition, starts_at=past, interviewers=[]
    )
    factories.ThankYouNoteFactory(interview=mine)
    theirs = factories.InterviewFactory(starts_at=past)  # another recruiter's requisition
    factories.ThankYouNoteFactory(interview=theirs)
    html = home(client, recruiter)
    tile = re.search(r'data-tile="thank-you-overdue".*?class="stat[^"]*">(\d+)<', html, re.S)
    assert tile.group(1) == "1"
    assert nav_counts(client, recruiter)["debriefs:thank_you_list"] == 1


def test_thank_you_note_due_later_is_counted_as_due_not_overdue(client, recruiter, requisition):
    past = timezone.now() - dt.timedelta(hours=2)
    ended = factories.InterviewFactory(
        application__requisition=requisition, starts_at=past, interviewers=[]
    )
    factories.ThankYouNoteFactory(interview=ended, due_at=timezone.now() + dt.timedelta(hours=5))
    html = home(client, recruiter)
    due = re.search(r'data-tile="thank-you-due".*?class="stat[^"]*">(\d+)<', html, re.S)
    overdue = re.search(r'data-tile="thank-you-overdue".*?class="stat[^"]*">(\d+)<', html, re.S)
    assert (due.group(1), overdue.group(1)) == ("1", "0")


def test_follow_up_due_and_shortlist_to_send_wait_on_the_recruiter_who_may_change_them(
    client, recruiter, hiring_manager, requisition
):
    promised = factories.ApplicationFactory(
        requisition=requisition,
        stage=Application.Stage.INTERVIEWING,
        next_update_promised_by=timezone.localdate() - dt.timedelta(days=1),
    )
    factories.ApplicationFactory(
        requisition=requisition,
        next_update_promised_by=timezone.localdate() + dt.timedelta(days=3),  # not yet due
    )
    factories.ApplicationFactory(requisition=requisition, stage=Application.Stage.SHORTLISTED)
    html = home(client, recruiter)
    assert inbox_items(html) >= {f"follow-up-{promised.pk}", f"to-send-{requisition.pk}"}
    assert reverse("debriefs:follow_up", args=[promised.pk]) in html
    assert reverse("candidates:shortlist_create", args=[requisition.pk]) in html
    assert not inbox_items(home(client, factories.RecruiterFactory())) & {
        f"follow-up-{promised.pk}",
        f"to-send-{requisition.pk}",
    }


def test_every_tile_on_the_home_is_a_link(client, recruiter, hiring_manager):
    for user in (recruiter, hiring_manager):
        html = home(client, user)
        tiles = re.findall(r"<(\w+)[^>]*data-tile=", html)
        assert tiles and set(tiles) == {"a"}, user


# --- Own requisitions first ---------------------------------------------------------------
def test_home_lists_my_open_requisitions_and_everyones_only_on_request(
    client, recruiter, hiring_manager, requisition
):
    other = factories.RequisitionFactory(title="Another team search")
    html = home(client, recruiter)
    assert requisition.title in html and other.title not in html
    assert other.title in home(client, recruiter, "?scope=all")
    # a manager's home is theirs whatever the query says
    assert other.title not in home(client, hiring_manager, "?scope=all")


def test_manager_sees_every_stage_count_of_their_requisitions(client, hiring_manager, requisition):
    factories.ApplicationFactory.create_batch(2, requisition=requisition)  # sourced
    html = home(client, hiring_manager)
    assert "Sourced 2" in html
    assert reverse("candidates:pipeline", args=[requisition.pk]) in html


# --- Interviewer --------------------------------------------------------------------------
def test_interviewer_home_starts_with_upcoming_interviews_and_scorecards_due(
    client, interviewer, requisition
):
    ahead = factories.InterviewFactory(
        application__requisition=requisition, interviewers=[interviewer]
    )
    done = factories.InterviewFactory(
        application__requisition=requisition,
        starts_at=timezone.now() - dt.timedelta(hours=3),
        interviewers=[interviewer],
    )
    scorecard = factories.ScorecardFactory(interview=done, interviewer=interviewer)
    factories.ApplicationFactory(requisition=requisition)  # a sourced candidate
    html = home(client, interviewer)
    assert f"interview-{ahead.pk}" in inbox_items(html)
    assert f"scorecard-{scorecard.pk}" in inbox_items(html)
    assert html.index("Your upcoming interviews") < html.index("Your open requisitions")
    assert 'data-test="stage-counts"' not in html  # no pipeline numbers for interviewers
    assert nav_counts(client, interviewer) == {"debriefs:interview_list": 1}


def test_debrief_waiting_is_on_the_homes_of_those_who_decide_it(
    client, recruiter, hiring_manager, interviewer, requisition
):
    interview = debrief_waiting(requisition, interviewer)
    item = f"debrief-{interview.application_id}"
    assert item in inbox_items(home(client, recruiter))
    assert item in inbox_items(home(client, hiring_manager))
    assert item not in inbox_items(home(client, interviewer))


def test_interview_rows_name_the_candidate_the_stage_and_the_requisition(
    client, interviewer, requisition
):
    factories.InterviewFactory(
        application__requisition=requisition,
        application__candidate__full_name="Ada Ahead",
        stage__name="Pairing",
        interviewers=[interviewer],
    )
    done = factories.InterviewFactory(
        application__requisition=requisition,
        application__candidate__full_name="Dan Done",
        stage__name="System design",
        starts_at=timezone.now() - dt.timedelta(hours=3),
        interviewers=[interviewer],
    )
    factories.ScorecardFactory(interview=done, interviewer=interviewer)
    html = home(client, interviewer)
    assert "<strong>Ada Ahead</strong> · Pairing" in html
    assert f"· {requisition.title}</span>" in html
    assert "Write your scorecard for <strong>Dan Done</strong> · System design" in html
    assert "waits on you · interview 3\xa0hours ago" in html


def test_debrief_row_names_the_other_person_and_their_email_without_a_name(
    client, recruiter, interviewer
):
    nameless_manager = factories.HiringManagerFactory(full_name="", email="boss@example.com")
    requisition = factories.RequisitionFactory(recruiter=recruiter, hiring_manager=nameless_manager)
    debrief_waiting(requisition, interviewer, application__candidate__full_name="Cleo Candidate")
    assert "Decide on <strong>Cleo Candidate</strong>" in home(client, recruiter)
    assert "waits on you or boss@example.com · waiting" in home(client, recruiter)
    assert "waits on you or Rita Recruiter · waiting" in home(client, nameless_manager)


def test_offer_and_question_rows_name_the_candidate_the_requisition_and_the_manager(
    client, recruiter, hiring_manager, requisition, shortlist
):
    entry = shortlist.entries.get()
    candidate_services.shortlist_entry_decide(
        entry=entry, actor=hiring_manager, decision=D.NEED_INFO, reason="Why did they leave?"
    )
    offer = factories.OfferFactory(
        application__requisition=requisition, application__candidate__full_name="Olu Offer"
    )
    name = entry.application.candidate.full_name
    assert (
        f"Maya Manager needs more information on <strong>{name}</strong> ({requisition.title})"
        in home(client, recruiter)
    )
    assert f"Approve the offer to <strong>Olu Offer</strong> ({requisition.title})" in home(
        client, hiring_manager
    )
    assert f"offer-{offer.pk}" in inbox_items(home(client, hiring_manager))


# --- Navigation counts: access ------------------------------------------------------------
def test_navigation_counts_need_a_signed_in_user(client):
    response = client.get(reverse("navigation_counts"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_interviewer_counts_have_no_shortlists_or_thank_you_notes(client, interviewer):
    client.force_login(interviewer)
    html = client.get(reverse("navigation_counts")).content.decode()
    assert "shortlist_inbox" not in html and "thank_you_list" not in html


# --- Query budgets: the same with few and many rows ---------------------------------------
def _manager_rows(hiring_manager, recruiter, rows):
    from requisitions.models import CheckIn

    for n in range(rows):
        requisition = factories.RequisitionFactory(
            recruiter=recruiter, hiring_manager=hiring_manager
        )
        factories.ApplicationFactory(
            requisition=requisition, next_update_promised_by=timezone.localdate()
        )
        factories.ApplicationFactory(requisition=requisition, stage=Application.Stage.SHORTLISTED)
        pending = factories.ShortlistEntryFactory(shortlist__requisition=requisition)
        asked = factories.ShortlistEntryFactory(
            shortlist=pending.shortlist, decision=D.NEED_INFO, decided_at=timezone.now()
        )
        asked.messages.create(author=hiring_manager, body="Why?")
        asked.messages.create(author=recruiter, body="Because.")
        factories.OfferFactory(application__requisition=requisition)
        draft = factories.CriteriaVersionFactory(requisition=requisition, status="draft")
        factories.CriterionFactory(version=draft)
        CheckIn.objects.create(
            requisition=requisition,
            week_start=dt.date(2026, 1, 5) + dt.timedelta(weeks=n),
            compiled_at=timezone.now(),
        )
        debrief_waiting(requisition)


def _interviewer_rows(interviewer, rows):
    for _ in range(rows):
        requisition = factories.RequisitionFactory(hiring_team=[interviewer])
        factories.InterviewFactory(application__requisition=requisition, interviewers=[interviewer])
        done = factories.InterviewFactory(
            application__requisition=requisition,
            starts_at=timezone.now() - dt.timedelta(hours=3),
            interviewers=[interviewer],
        )
        factories.ScorecardFactory(interview=done, interviewer=interviewer)


@pytest.mark.parametrize("rows", [1, 12])
def test_manager_home_query_count_does_not_grow_with_rows(
    client, recruiter, hiring_manager, rows, django_assert_num_queries
):
    _manager_rows(hiring_manager, recruiter, rows)
    client.force_login(hiring_manager)
    # session, user; one statement per panel: interviews (upcoming, scorecards due with
    # their count, debriefs with their count), candidates (shortlists, answers, approvals),
    # requisitions (sign-offs, check-ins, retrospectives, partnership talks); my
    # requisitions with their stage counts
    with django_assert_num_queries(6):
        html = client.get(reverse("home")).content.decode()
    assert "Sourced 1" in html and "Shortlisted 1" in html
    assert len(inbox_items(html)) >= 6
    assert ("more in Shortlists" in html) == (rows >= 10)


@pytest.mark.parametrize("rows", [1, 12])
def test_interviewer_home_query_count_does_not_grow_with_rows(
    client, interviewer, rows, django_assert_num_queries
):
    _interviewer_rows(interviewer, rows)
    client.force_login(interviewer)
    # session, user; interviews: one (upcoming, scorecards due with their count); my
    # requisitions (no requisitions panel query: nothing there can wait on an interviewer)
    with django_assert_num_queries(4):
        html = client.get(reverse("home")).content.decode()
    assert len([i for i in inbox_items(html) if i.startswith("interview-")]) == min(rows, 10)


@pytest.mark.parametrize("rows", [1, 12])
def test_recruiter_home_with_everyone_query_count_does_not_grow_with_rows(
    client, recruiter, hiring_manager, rows, django_assert_num_queries
):
    _manager_rows(hiring_manager, recruiter, rows)
    client.force_login(recruiter)
    # session, user; one statement per panel (interviews, candidates, requisitions); every
    # open requisition with its stage counts
    with django_assert_num_queries(6):
        html = client.get(reverse("home") + "?scope=all").content.decode()
    assert len([i for i in inbox_items(html) if i.startswith("follow-up-")]) == min(rows, 10)
    assert len([i for i in inbox_items(html) if i.startswith("to-send-")]) == min(rows, 10)


@pytest.mark.parametrize("rows", [1, 12])
@pytest.mark.parametrize("role, queries", [("recruiter", 5), ("manager", 4), ("interviewer", 3)])
def test_navigation_counts_query_count_does_not_grow_with_rows(
    client, recruiter, hiring_manager, interviewer, rows, role, queries, django_assert_num_queries
):
    _manager_rows(hiring_manager, recruiter, rows)
    _interviewer_rows(interviewer, rows)
    user = {"recruiter": recruiter, "manager": hiring_manager, "interviewer": interviewer}[role]
    client.force_login(user)
    # session, user, then one count per counted entry
    with django_assert_num_queries(queries):
        assert client.get(reverse("navigation_counts")).status_code == 200


# --- Stage counts: a column of the listed requisitions --------------------------------------
def test_stage_counts_column_gives_what_the_grouped_counts_give(recruiter, hiring_manager):
    from candidates import selectors as candidate_selectors
    from hiring_hub import selectors

    St = Application.Stage
    requisitions = factories.RequisitionFactory.create_batch(
        3, recruiter=recruiter, hiring_manager=hiring_manager
    )
    for i, requisition in enumerate(requisitions[:2]):
        for stage in (St.SOURCED, St.SCREENING, St.SHORTLISTED, St.OFFER, St.REJECTED):
            factories.ApplicationFactory.create_batch(
                i + 1, requisition=requisition, stage=stage, closed_reason="r"
            )
    shown = selectors.dashboard_for(recruiter).requisitions
    expected = candidate_selectors.open_stage_counts([r.pk for r in requisitions])
    assert {r.pk: r.stage_counts for r in shown} == expected
    assert expected[requisitions[1].pk][0] == (St.SOURCED.label, 2)
    assert all(n == 0 for _, n in expected[requisitions[2].pk])


def test_manager_sees_stage_counts_only_of_the_requisitions_they_manage(
    client, hiring_manager, requisition
):
    # given a requisition they are on the hiring team of, managed by someone else
    other = factories.RequisitionFactory(hiring_team=[hiring_manager])
    factories.ApplicationFactory(requisition=other)
    factories.ApplicationFactory(requisition=requisition)
    # when
    html = home(client, hiring_manager)
    # then both are listed, with numbers for their own only
    assert f'data-requisition="{other.pk}"' in html
    assert html.count('data-test="stage-counts"') == 1
    assert reverse("candidates:pipeline", args=[other.pk]) not in html


def test_pipelines_seen_by_is_can_see_pipeline_as_a_filter(
    recruiter, hiring_manager, interviewer, requisition
):
    from hiring_hub import access
    from requisitions.models import Requisition

    factories.RequisitionFactory(hiring_team=[hiring_manager, interviewer])
    inactive = factories.HiringManagerFactory(is_active=False)
    factories.RequisitionFactory(hiring_manager=inactive)
    admin = factories.InterviewerFactory(is_superuser=True)
    for user in (recruiter, hiring_manager, interviewer, inactive, admin):
        seen = access.pipelines_seen_by(user)
        rows = Requisition.objects.all() if seen is None else Requisition.objects.filter(seen)
        expected = {r.pk for r in Requisition.objects.all() if access.can_see_pipeline(user, r)}
        assert {r.pk for r in rows} == expected, user
