"""Thank-you notes and follow-ups: the list, editing, sending, recording what the candidate
was told."""

import datetime as dt

import pytest
from django.utils import timezone

from debriefs import services
from debriefs.models import CandidateUpdate, ThankYouNote
from tests.debriefs.conftest import ONE_LINE, schedule, url

pytestmark = pytest.mark.django_db


THANK_YOU_LIST_QUERIES = 6


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


def test_thank_you_list_rows_show_the_interviewers_the_recruiter_and_how_late(client, plan):
    recruiter = plan.requisition.recruiter
    overdue = schedule(plan, starts_at=timezone.now() - dt.timedelta(days=3))
    due = schedule(plan, starts_at=timezone.now() - dt.timedelta(hours=3))
    upcoming = schedule(plan, starts_at=timezone.now() + dt.timedelta(days=1))
    names = ", ".join(sorted([plan.alice.full_name, plan.bob.full_name])).replace("'", "&#x27;")
    client.force_login(recruiter)

    page = client.get(url("thank_you_list")).content.decode()

    sections = {
        test: page.split(f'data-test="{test}"')[1].split("</table>")[0]
        for test in ("overdue", "due", "upcoming")
    }
    for test, interview in [("overdue", overdue), ("due", due), ("upcoming", upcoming)]:
        row = sections[test]
        assert url("thank_you_note", interview.pk) in row
        assert names in row and recruiter.full_name.replace("'", "&#x27;") in row
    assert '<div class="small text-danger">' in sections["overdue"]
    assert " late</div>" in sections["overdue"]
    assert '<div class="small text-secondary">in ' in sections["due"]
    assert 'class="btn btn-sm btn-primary"' in sections["due"]
    assert 'class="btn btn-sm btn-outline-primary"' in sections["upcoming"]


def test_thank_you_list_escapes_the_names_of_every_row(client, plan):
    # given names with markup in a draft and a sent note (the rows are drawn in Python)
    recruiter = plan.requisition.recruiter
    plan.application.candidate.full_name = "Dana <b>Diaz</b>"
    plan.application.candidate.save()
    plan.stage1.name = "Tech & <i>talk</i>"
    plan.stage1.save()
    schedule(plan, starts_at=timezone.now() - dt.timedelta(days=3))
    sent = schedule(plan, starts_at=timezone.now() - dt.timedelta(hours=5))
    services.thank_you_note_mark_sent(note=sent.thank_you_note, actor=recruiter)
    client.force_login(recruiter)

    page = client.get(url("thank_you_list")).content.decode()

    overdue, recently_sent = page.split('data-test="overdue"')[1].split("Recently sent")
    for section in (overdue, recently_sent):
        assert "Dana &lt;b&gt;Diaz&lt;/b&gt;" in section and "<b>" not in section
        assert "Tech &amp; &lt;i&gt;talk&lt;/i&gt;" in section and "<i>" not in section
    assert "Sent another way" in recently_sent


# --- Thank-you notes and follow-ups ---------
def test_recruiter_edits_and_sends_the_thank_you_note_as_email(
    client, plan, interview, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(plan.requisition.recruiter)
    page = client.get(url("thank_you_note", interview.pk)).content.decode()
    assert "Dear Dana" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("thank_you_note_send", interview.pk),
            {"subject": "Thanks, Dana", "body": "Edited body"},
        )

    assert response.status_code == 302
    to_candidate = [m for m in mailoutbox if m.to == ["dana@example.org"]]
    assert len(to_candidate) == 1 and "Edited body" in to_candidate[0].body
    assert ThankYouNote.objects.get().status == ThankYouNote.Status.SENT


def test_recruiter_marks_a_thank_you_note_sent_another_way(client, plan, interview):
    client.force_login(plan.requisition.recruiter)

    client.post(url("thank_you_note_mark_sent", interview.pk))

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


FOLLOW_UP_QUERIES = 6


@pytest.mark.parametrize("n", [1, 5])
def test_follow_up_query_count_does_not_grow_with_updates(
    client, plan, interview, django_assert_num_queries, n
):
    for i in range(n):
        services.follow_up_record(
            application=plan.application,
            channel="call",
            body=f"Call {i}",
            actor=plan.requisition.recruiter,
        )
    client.force_login(plan.requisition.recruiter)

    with django_assert_num_queries(FOLLOW_UP_QUERIES):
        response = client.get(url("follow_up", plan.application.pk))

    assert response.content.decode().count('data-test="candidate-update"') == n


# --- Single-line fields ---------
@pytest.mark.parametrize("action", ["thank_you_note_save", "thank_you_note_send"])
def test_thank_you_note_form_refuses_a_subject_with_a_line_break(client, plan, interview, action):
    note = interview.thank_you_note
    before = note.subject
    client.force_login(plan.requisition.recruiter)

    response = client.post(
        url(action, interview.pk),
        {"subject": "Thanks\r\nBcc: someone@example.org", "body": "Thanks!"},
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
