import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from candidates.models import Application
from debriefs import services
from debriefs.models import CandidateUpdate, Interview, Rating, Scorecard, ThankYouNote
from tests import factories
from tests.debriefs.conftest import schedule, submit

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"debriefs:{name}", args=args)


@pytest.fixture
def interview(plan):
    return schedule(plan)


@pytest.fixture
def outsider(db):
    return factories.InterviewerFactory(full_name="Otto Outsider")


@pytest.fixture
def other_manager(db):
    return factories.HiringManagerFactory(full_name="Hank Other")


# --- Access: every view refuses the wrong role ---------
def test_anonymous_is_sent_to_login(client, interview):
    response = client.get(url("interview_detail", interview.pk))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize("name", ["interview_detail", "interview_ics", "scorecard_edit"])
def test_interviewer_gets_404_for_an_interview_they_are_not_on(client, interview, outsider, name):
    client.force_login(outsider)
    assert client.get(url(name, interview.pk)).status_code == 404


def test_other_hiring_manager_gets_404_for_the_interview(client, interview, other_manager):
    client.force_login(other_manager)
    assert client.get(url("interview_detail", interview.pk)).status_code == 404


@pytest.mark.parametrize("role", ["alice", "hiring_manager"])
def test_only_recruiters_schedule_reschedule_and_cancel(client, plan, interview, role):
    user = plan.alice if role == "alice" else plan.requisition.hiring_manager
    client.force_login(user)

    assert client.get(url("interview_schedule_start")).status_code == 403
    assert client.get(url("interview_create", plan.application.pk)).status_code == 403
    assert client.get(url("interview_edit", interview.pk)).status_code == 403
    assert client.post(url("interview_cancel", interview.pk)).status_code == 403
    interview.refresh_from_db()
    assert interview.status == Interview.Status.SCHEDULED


def test_recruiter_and_hiring_manager_cannot_write_a_scorecard_they_do_not_own(
    client, plan, interview
):
    for user in (plan.requisition.recruiter, plan.requisition.hiring_manager):
        client.force_login(user)
        assert client.get(url("scorecard_edit", interview.pk)).status_code == 403


def test_interviewer_cannot_read_another_interviewers_draft(client, plan, interview):
    # given Bob's draft with private notes
    bob_card = Scorecard.objects.get(interview=interview, interviewer=plan.bob)

    services.scorecard_save_draft(
        scorecard=bob_card, actor=plan.bob, fields={"hard_skills": "BOB-PRIVATE-NOTE"}
    )
    client.force_login(plan.alice)

    # then Alice sees it neither on the interview, nor the debrief, nor her scorecard page
    assert b"BOB-PRIVATE-NOTE" not in client.get(url("interview_detail", interview.pk)).content
    assert client.get(url("debrief", plan.application.pk)).status_code == 403
    assert b"BOB-PRIVATE-NOTE" not in client.get(url("scorecard_edit", interview.pk)).content
    # and even after Alice submits, a draft stays private
    submit(interview, plan.alice)
    assert b"BOB-PRIVATE-NOTE" not in client.get(url("interview_detail", interview.pk)).content
    assert b"BOB-PRIVATE-NOTE" not in client.get(url("debrief", plan.application.pk)).content


def test_interviewer_sees_others_submitted_scorecard_only_after_submitting(client, plan, interview):
    submit(interview, plan.bob, hard_skills="BOB-SUBMITTED-NOTE")
    client.force_login(plan.alice)

    before = client.get(url("interview_detail", interview.pk))
    assert b"BOB-SUBMITTED-NOTE" not in before.content
    assert b"Hidden until you submit" in before.content

    submit(interview, plan.alice)
    after = client.get(url("interview_detail", interview.pk))
    assert b"BOB-SUBMITTED-NOTE" in after.content


def test_debrief_refuses_outsiders_with_404(client, plan, interview, outsider, other_manager):
    for user in (outsider, other_manager):
        client.force_login(user)
        assert client.get(url("debrief", plan.application.pk)).status_code == 404


def test_interviewer_after_submitting_sees_the_debrief_but_cannot_decide(client, plan, interview):
    submit(interview, plan.alice)
    client.force_login(plan.alice)

    page = client.get(url("debrief", plan.application.pk))
    assert page.status_code == 200 and b"Record decision" not in page.content
    response = client.post(
        url("debrief", plan.application.pk), {"decision": "reject", "rationale": "No"}
    )
    assert response.status_code == 403
    plan.application.refresh_from_db()
    assert plan.application.stage == Application.Stage.INTERVIEWING


@pytest.mark.parametrize("who", ["alice", "hiring_manager"])
def test_thank_you_notes_are_for_recruiters_only(client, plan, interview, who):
    client.force_login(plan.alice if who == "alice" else plan.requisition.hiring_manager)
    assert client.get(url("thank_you_list")).status_code == 403
    assert client.get(url("thank_you_note", interview.pk)).status_code == 403
    assert client.post(
        url("thank_you_note", interview.pk), {"action": "mark_sent"}
    ).status_code == (403)


def test_follow_ups_refuse_interviewers(client, plan, interview):
    client.force_login(plan.alice)
    assert client.get(url("follow_up", plan.application.pk)).status_code == 403


def test_hiring_manager_reads_follow_ups_but_does_not_record_them(client, plan, interview):
    client.force_login(plan.requisition.hiring_manager)
    assert client.get(url("follow_up", plan.application.pk)).status_code == 200
    response = client.post(
        url("follow_up", plan.application.pk), {"channel": "call", "body": "Called"}
    )
    assert response.status_code == 403
    assert not CandidateUpdate.objects.exists()


def test_other_hiring_manager_gets_404_on_follow_ups(client, plan, other_manager):
    client.force_login(other_manager)
    assert client.get(url("follow_up", plan.application.pk)).status_code == 404


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


# --- Scorecard form ---------
def _scorecard_form(plan, action, **extra):
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
        "action": action,
    }
    data.update(extra)
    return data


def test_interviewer_saves_a_draft_from_the_form(client, plan, interview):
    client.force_login(plan.alice)

    response = client.post(
        url("scorecard_edit", interview.pk), _scorecard_form(plan, "save", recommendation="")
    )

    assert response.status_code == 302
    scorecard = Scorecard.objects.get(interview=interview, interviewer=plan.alice)
    assert scorecard.status == "draft" and scorecard.hard_skills == "Python, Postgres"
    assert list(scorecard.explore_criteria.all()) == [plan.criteria[2]]


def test_submitting_an_incomplete_scorecard_explains_and_keeps_the_input(client, plan, interview):
    client.force_login(plan.alice)

    response = client.post(
        url("scorecard_edit", interview.pk),
        _scorecard_form(plan, "submit", recommendation="", hard_skills="TYPED-TEXT"),
    )

    assert response.status_code == 200
    assert "overall recommendation" in response.content.decode()
    assert b"TYPED-TEXT" in response.content
    assert Scorecard.objects.get(interview=interview, interviewer=plan.alice).status == "draft"


def test_submitting_then_amending_shows_the_amendment_on_the_debrief(client, plan, interview):
    client.force_login(plan.alice)
    client.post(url("scorecard_edit", interview.pk), _scorecard_form(plan, "submit"))
    assert Scorecard.objects.get(interview=interview, interviewer=plan.alice).status == "submitted"

    client.post(
        url("scorecard_edit", interview.pk),
        _scorecard_form(plan, "amend", recommendation="2", amendment_reason="Second thoughts"),
    )

    client.force_login(plan.requisition.hiring_manager)
    page = client.get(url("debrief", plan.application.pk)).content.decode()
    assert "Second thoughts" in page and "Strong yes" in page and "amended" in page


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


def test_debrief_highlights_a_disagreement(client, plan, interview):
    c1 = plan.criteria[0]
    submit(interview, plan.alice, ratings={c1: Rating.STRONG_YES})
    submit(interview, plan.bob, ratings={c1: Rating.NO})
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


INTERVIEW_LIST_QUERIES = 9


@pytest.mark.parametrize("n", [1, 6])
def test_interview_list_query_count_does_not_grow(client, plan, django_assert_num_queries, n):
    for i in range(n):
        schedule(plan, starts_at=timezone.now() - dt.timedelta(days=i + 1))
        schedule(plan, starts_at=timezone.now() + dt.timedelta(days=i + 1))
    client.force_login(plan.alice)

    with django_assert_num_queries(INTERVIEW_LIST_QUERIES):
        response = client.get(url("interview_list"))

    assert response.content.decode().count("Dana Diaz") >= 2 * n


THANK_YOU_LIST_QUERIES = 7


@pytest.mark.parametrize("n", [1, 6])
def test_thank_you_list_query_count_does_not_grow(client, plan, django_assert_num_queries, n):
    recruiter = plan.requisition.recruiter
    for i in range(n):
        schedule(plan, starts_at=timezone.now() - dt.timedelta(days=3, hours=i))  # overdue
        schedule(plan, starts_at=timezone.now() - dt.timedelta(hours=3 + i))  # due
        schedule(plan, starts_at=timezone.now() + dt.timedelta(days=1, hours=i))  # upcoming
        sent = schedule(plan, starts_at=timezone.now() - dt.timedelta(hours=5 + i))
        services.thank_you_note_mark_sent(note=sent.thank_you_note, actor=recruiter)
    client.force_login(recruiter)

    with django_assert_num_queries(THANK_YOU_LIST_QUERIES):
        response = client.get(url("thank_you_list"))

    assert response.content.decode().count("Edit and send") == 3 * n
    assert response.content.decode().count(f" by {recruiter.full_name}</td>") == n


# --- Thank-you notes and follow-ups ---------
def test_recruiter_edits_and_sends_the_thank_you_note_as_email(
    client, plan, interview, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(plan.requisition.recruiter)
    page = client.get(url("thank_you_note", interview.pk)).content.decode()
    assert "Dear Dana" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("thank_you_note", interview.pk),
            {"subject": "Thanks, Dana", "body": "Edited body", "action": "send"},
        )

    assert response.status_code == 302
    to_candidate = [m for m in mailoutbox if m.to == ["dana@example.org"]]
    assert len(to_candidate) == 1 and "Edited body" in to_candidate[0].body
    assert ThankYouNote.objects.get().status == ThankYouNote.Status.SENT


def test_recruiter_marks_a_thank_you_note_sent_another_way(client, plan, interview):
    client.force_login(plan.requisition.recruiter)

    client.post(url("thank_you_note", interview.pk), {"action": "mark_sent"})

    assert ThankYouNote.objects.get().status == ThankYouNote.Status.MARKED_SENT


def test_recruiter_records_a_call_on_the_follow_up_page(client, plan):
    client.force_login(plan.requisition.recruiter)
    promised = (timezone.localdate() + dt.timedelta(days=4)).isoformat()

    response = client.post(
        url("follow_up", plan.application.pk),
        {
            "channel": "call",
            "body": "Told Dana: decision Friday",
            "next_update_promised_by": promised,
        },
    )

    assert response.status_code == 302
    plan.application.refresh_from_db()
    assert plan.application.next_update_promised_by.isoformat() == promised
    page = client.get(url("follow_up", plan.application.pk)).content.decode()
    assert "Told Dana: decision Friday" in page


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


FOLLOW_UP_QUERIES = 6


@pytest.mark.parametrize("n", [1, 5])
def test_follow_up_query_count_does_not_grow_with_updates(
    client, plan, interview, django_assert_num_queries, n
):
    for i in range(n):
        services.candidate_update_record(
            application=plan.application,
            channel="call",
            body=f"Call {i}",
            actor=plan.requisition.recruiter,
        )
    client.force_login(plan.requisition.recruiter)

    with django_assert_num_queries(FOLLOW_UP_QUERIES):
        response = client.get(url("follow_up", plan.application.pk))

    assert response.content.decode().count('data-test="candidate-update"') == n


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


# --- Single-line fields ---------
ONE_LINE = "Enter this on one line"


def test_scheduling_form_refuses_a_location_with_a_line_break(client, plan):
    client.force_login(plan.requisition.recruiter)

    response = client.post(
        url("interview_create", plan.application.pk),
        _schedule_form(plan, location="Room 4\r\nBcc: someone@example.org"),
    )

    assert response.status_code == 200
    assert ONE_LINE in response.content.decode()
    assert not Interview.objects.exists()


@pytest.mark.parametrize("action", ["save", "send"])
def test_thank_you_note_form_refuses_a_subject_with_a_line_break(client, plan, interview, action):
    note = interview.thank_you_note
    before = note.subject
    client.force_login(plan.requisition.recruiter)

    response = client.post(
        url("thank_you_note", interview.pk),
        {"action": action, "subject": "Thanks\r\nBcc: someone@example.org", "body": "Thanks!"},
    )

    assert response.status_code == 200
    assert ONE_LINE in response.content.decode()
    note.refresh_from_db()
    assert note.subject == before and note.status == ThankYouNote.Status.DRAFT


def test_follow_up_form_refuses_a_subject_with_a_line_break(client, plan):
    client.force_login(plan.requisition.recruiter)

    response = client.post(
        url("follow_up", plan.application.pk),
        {"channel": "email", "subject": "News\nBcc: someone@example.org", "body": "Soon."},
    )

    assert response.status_code == 200
    assert ONE_LINE in response.content.decode()
    assert not CandidateUpdate.objects.exists()


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


# --- Truthful refusals ---------------------------------------------------------------------
def test_interviewer_who_has_not_submitted_is_told_to_submit_first(client, plan, interview):
    client.force_login(plan.alice)
    response = client.get(url("debrief", plan.application.pk))
    assert response.status_code == 403
    body = response.content.decode()
    assert "Submit your own scorecard for the Technical interview" in body
    assert url("scorecard_edit", interview.pk) in body
    assert "you are not part of" not in body


def test_someone_outside_the_interview_keeps_the_general_refusal(client, plan, interview):
    submit(interview, plan.alice)
    client.force_login(plan.carol)
    response = client.get(url("debrief", plan.application.pk))
    assert response.status_code in (403, 404)
    assert b"Submit your own scorecard" not in response.content


def test_scorecard_validation_shows_every_missing_item_beside_its_field_at_once(
    client, plan, interview
):
    client.force_login(plan.alice)
    first = plan.criteria[0]
    response = client.post(
        url("scorecard_edit", interview.pk),
        {"action": "submit", "hard_skills": "SQL", f"rating_{first.pk}": "4"},
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


def test_debrief_on_a_phone_lists_every_interviewers_ratings_in_turn(client, plan, interview):
    c1 = plan.criteria[0]
    submit(interview, plan.alice, ratings={c1: Rating.STRONG_YES})
    submit(interview, plan.bob, ratings={c1: Rating.NO})
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
