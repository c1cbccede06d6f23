"""A candidate's data rights: export and erasure (the retention job: test_privacy_retention)."""

import io
import json
import zipfile
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from candidates import privacy, services
from candidates.models import Application, Candidate, ShortlistEntry
from debriefs import services as debrief_services
from debriefs.models import CandidateUpdate, DebriefDecision, Scorecard, ThankYouNote
from hiring_hub.models import OutboundMessage
from requisitions.models import RequisitionEvent
from tests import factories
from tests.candidates.conftest import pdf_bytes, upload
from tests.debriefs.conftest import plan, schedule, submit  # noqa: F401 - the plan fixture

St = Application.Stage
pytestmark = pytest.mark.django_db

NAME = "Dana Diaz"
EMAIL = "dana@example.org"


@dataclass
class Story:
    plan: object
    candidate: Candidate
    application: Application
    entry: ShortlistEntry
    interview: object


@pytest.fixture
def story(plan):  # noqa: F811 - the fixture imported above
    """Dana Diaz went through a whole search: a résumé, a shortlist question, an interview
    with one submitted and one draft scorecard, a debrief, a thank-you note and an update
    emailed to her (both still queued), and a question emailed to the hiring manager."""
    recruiter = plan.requisition.recruiter
    candidate = plan.application.candidate
    services.candidate_update(
        candidate=candidate,
        actor=recruiter,
        resume=upload("dana.pdf", pdf_bytes()),
        phone="+49 30 1234",
        location="Berlin",
        links="https://dana.example.org",
        notes="Dana Diaz prefers mornings.",
        tags=["payments"],
    )
    shortlist = factories.ShortlistFactory(requisition=plan.requisition, note="Dana Diaz first.")
    entry = factories.ShortlistEntryFactory(
        shortlist=shortlist,
        application=plan.application,
        decision=ShortlistEntry.Decision.NEED_INFO,
        reason="Has Dana run payouts?",
        decided_by=plan.requisition.hiring_manager,
        decided_at=timezone.now(),
    )
    services.shortlist_message_post(
        entry=entry, actor=recruiter, body="Yes, Dana Diaz ran payouts at her last job."
    )
    interview = schedule(plan)
    submit(interview, plan.alice, hard_skills="Dana built a ledger.")
    debrief_services.debrief_decide(
        application=plan.application,
        decision=DebriefDecision.Decision.HOLD,
        rationale="Dana Diaz is strong; waiting for the second candidate.",
        actor=recruiter,
        stage=plan.stage1,
    )
    debrief_services.thank_you_note_send(note=interview.thank_you_note, actor=recruiter)
    debrief_services.follow_up_record(
        application=plan.application,
        channel=CandidateUpdate.Channel.EMAIL,
        subject="Next steps",
        body="Dear Dana, we will be in touch next week.",
        actor=recruiter,
    )
    candidate.refresh_from_db()
    return Story(plan, candidate, plan.application, entry, interview)


def _export(candidate, actor) -> tuple[dict, zipfile.ZipFile]:
    archive = zipfile.ZipFile(
        io.BytesIO(privacy.candidate_export(candidate=candidate, actor=actor))
    )
    return json.loads(archive.read("candidate.json")), archive


# --- Export ---------------------------------------------------------------------------------
def test_export_holds_everything_about_the_candidate_and_their_resume(story):
    data, archive = _export(story.candidate, story.plan.requisition.recruiter)

    assert sorted(archive.namelist()) == ["candidate.json", "resume.pdf"]
    assert archive.read("resume.pdf") == pdf_bytes()
    person = data["candidate"]
    assert (person["full_name"], person["email"], person["phone"]) == (NAME, EMAIL, "+49 30 1234")
    assert person["links"] == ["https://dana.example.org"]
    assert person["tags"] == ["payments"]
    assert person["notes"] == "Dana Diaz prefers mornings."
    [application] = data["applications"]
    assert application["requisition"] == story.plan.requisition.title
    assert [c["to"] for c in application["stage_history"]] == ["Interviewing"]
    [entry] = application["shortlist_entries"]
    assert entry["decision"] == "Need more information"
    assert [m["body"] for m in entry["messages"]] == ["Yes, Dana Diaz ran payouts at her last job."]
    [interview] = application["interviews"]
    # Only the submitted scorecard: Bob's draft is his working copy, not a record.
    [scorecard] = interview["scorecards"]
    assert scorecard["interviewer"] == str(story.plan.alice)
    assert scorecard["hard_skills"] == "Dana built a ledger."
    assert interview["thank_you_note"]["status"] == "Emailed from Hiring Hub"
    [decision] = application["debrief_decisions"]
    assert decision["rationale"] == "Dana Diaz is strong; waiting for the second candidate."
    # (the thank-you note counts as an update too)
    assert "Next steps" in [u["subject"] for u in application["candidate_updates"]]
    assert sorted(e["subject"] for e in data["emails"]) == sorted(
        [story.interview.thank_you_note.subject, "Next steps"]
    )


def test_export_includes_the_offer_and_assessments(recruiter, requisition, version):
    offer = factories.OfferFactory(
        application__requisition=requisition, base_salary=95000, equity="0.1%"
    )
    factories.AssessmentFactory(
        application=offer.application,
        criterion=version.criteria.first(),
        evidence="Ran the card processing team.",
    )
    data, _archive = _export(offer.application.candidate, recruiter)

    [application] = data["applications"]
    assert application["offer"]["base_salary"] == "95000.00"
    assert application["offer"]["equity"] == "0.1%"
    assert [a["evidence"] for a in application["assessments"]] == ["Ran the card processing team."]


def test_recruiter_downloads_the_export_from_the_candidate_page(client, story):
    client.force_login(story.plan.requisition.recruiter)
    page = client.get(reverse("candidates:candidate_detail", args=[story.candidate.pk]))
    url = reverse("candidates:candidate_export", args=[story.candidate.pk])
    assert url in page.content.decode()

    response = client.post(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f"candidate-{story.candidate.pk}-export.zip" in response["Content-Disposition"]
    assert "candidate.json" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()


def test_hiring_manager_cannot_export_a_candidate(client, story):
    client.force_login(story.plan.requisition.hiring_manager)
    url = reverse("candidates:candidate_export", args=[story.candidate.pk])
    assert client.post(url).status_code == 403


def test_interviewer_cannot_export_a_candidate(client, story):
    client.force_login(story.plan.alice)  # on the interview: sees the candidate
    assert (
        client.post(reverse("candidates:candidate_export", args=[story.candidate.pk])).status_code
        == 403
    )
    client.force_login(story.plan.carol)  # not on it: the candidate does not exist for her
    assert (
        client.post(reverse("candidates:candidate_export", args=[story.candidate.pk])).status_code
        == 404
    )


def test_export_is_a_post(client, story):
    client.force_login(story.plan.requisition.recruiter)
    assert (
        client.get(reverse("candidates:candidate_export", args=[story.candidate.pk])).status_code
        == 405
    )


# --- Erasure --------------------------------------------------------------------------------
def _close(story):
    services.application_move(
        application=story.application,
        to_stage=St.REJECTED,
        actor=story.plan.requisition.recruiter,
        reason="Dana Diaz chose another offer.",
    )


def test_erased_candidate_name_appears_nowhere(
    client, admin_user, story, django_capture_on_commit_callbacks
):
    # given a sent email to her and queued ones to her and (naming her) to colleagues
    sent = OutboundMessage.objects.filter(recipient_email=EMAIL).earliest("pk")
    OutboundMessage.objects.filter(pk=sent.pk).update(
        state=OutboundMessage.State.SENT, sent_at=timezone.now()
    )
    to_colleagues = OutboundMessage.objects.exclude(recipient_email=EMAIL)
    assert any("Dana" in m.body_text for m in to_colleagues)
    resume = story.candidate.resume.name
    assert default_storage.exists(resume)

    # when
    with django_capture_on_commit_callbacks(execute=True):
        erased = privacy.candidate_erase(candidate=story.candidate, actor=admin_user)

    # then the person is gone …
    pk = story.candidate.pk
    assert erased.full_name == f"Erased candidate #{pk}"
    assert erased.email == f"erased-{pk}@erased.invalid"
    assert (erased.phone, erased.location, erased.links, erased.notes) == ("", "", "", "")
    assert not erased.resume and not erased.tags.exists()
    assert not default_storage.exists(resume)
    # … from every page …
    client.force_login(story.plan.requisition.recruiter)
    pages = [
        reverse("candidates:candidate_list"),
        reverse("candidates:candidate_detail", args=[pk]),
        reverse("candidates:application_detail", args=[story.application.pk]),
        reverse("candidates:pipeline", args=[story.plan.requisition.pk]),
        reverse("candidates:shortlist_detail", args=[story.entry.shortlist.pk]),
        reverse("debriefs:debrief", args=[story.application.pk]),
        reverse("debriefs:follow_up", args=[story.application.pk]),
        reverse("debriefs:interview_detail", args=[story.interview.pk]),
        reverse("requisitions:requisition_detail", args=[story.plan.requisition.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Dana" not in html and "Diaz" not in html and EMAIL not in html, url
    assert not Candidate.objects.filter(full_name__icontains="Dana").exists()
    # … from the audit trail, which keeps who decided what and when, not her name …
    from hiring_hub.models import AuditEntry

    trail = list(AuditEntry.objects.values_list("target_label", "before", "after"))
    assert trail and "Dana" not in str(trail) and "Diaz" not in str(trail)
    assert AuditEntry.objects.filter(action="candidate.erase", target_id=str(pk)).count() == 1
    client.force_login(admin_user)
    html = client.get(reverse("admin:hiring_hub_auditentry_changelist")).content.decode()
    assert "Dana" not in html and "Diaz" not in html
    # … from the export …
    data, archive = _export(erased, story.plan.requisition.recruiter)
    text = json.dumps(data)
    assert "Dana" not in text and "Diaz" not in text and EMAIL not in text
    assert archive.namelist() == ["candidate.json"]
    # … and from every email: none queued to her, the sent one keeps no text or address.
    assert not OutboundMessage.objects.filter(
        state__in=OutboundMessage.State.pending(), recipient_email__iexact=erased.email
    ).exists()
    sent.refresh_from_db()
    assert (sent.recipient_email, sent.subject, sent.body_text, sent.body_html) == (
        erased.email,
        "",
        "",
        "",
    )
    for message in OutboundMessage.objects.all():
        everything = (
            f"{message.recipient_email} {message.subject} {message.body_text} {message.body_html}"
        )
        assert "Dana" not in everything and EMAIL not in everything
    assert OutboundMessage.objects.filter(state__in=OutboundMessage.State.pending()).exists()


def test_erasure_keeps_the_aggregate_history(admin_user, story):
    stages = list(story.application.stage_changes.values_list("to_stage", "created_at"))

    privacy.candidate_erase(candidate=story.candidate, actor=admin_user)

    application = Application.objects.get(pk=story.application.pk)
    assert application.stage == St.INTERVIEWING
    assert list(application.stage_changes.values_list("to_stage", "created_at")) == stages
    decision = DebriefDecision.objects.get(application=application)
    assert decision.decision == DebriefDecision.Decision.HOLD
    assert decision.rationale == (
        f"Erased candidate #{story.candidate.pk} is strong; waiting for the second candidate."
    )
    entry = ShortlistEntry.objects.get(pk=story.entry.pk)
    assert entry.decision == ShortlistEntry.Decision.NEED_INFO
    assert "Dana" not in entry.reason
    scorecard = Scorecard.objects.get(interviewer=story.plan.alice)
    assert scorecard.recommendation is not None and scorecard.hard_skills == ""
    note = ThankYouNote.objects.get(interview=story.interview)
    assert note.status == ThankYouNote.Status.SENT and "Dana" not in note.body
    assert not RequisitionEvent.objects.filter(message__icontains="Dana").exists()


def test_erasing_twice_changes_nothing(admin_user, story):
    first = privacy.candidate_erase(candidate=story.candidate, actor=admin_user)
    again = privacy.candidate_erase(candidate=first, actor=admin_user)
    assert again.erased_at == first.erased_at and again.full_name == first.full_name


def test_an_erased_candidate_cannot_be_edited_back(admin_user, story):
    erased = privacy.candidate_erase(candidate=story.candidate, actor=admin_user)
    with pytest.raises(ValidationError, match="erased"):
        services.candidate_update(candidate=erased, actor=admin_user, full_name=NAME)
    assert Candidate.objects.get(pk=erased.pk).full_name == f"Erased candidate #{erased.pk}"


def test_recruiter_erases_a_closed_candidate_after_confirming(client, story):
    _close(story)
    recruiter = story.plan.requisition.recruiter
    client.force_login(recruiter)
    detail = reverse("candidates:candidate_detail", args=[story.candidate.pk])
    url = reverse("candidates:candidate_erase", args=[story.candidate.pk])
    assert url in client.get(detail).content.decode()

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "cannot be undone" in confirm.content.decode()
    assert Candidate.objects.get(pk=story.candidate.pk).erased_at is None

    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == detail
    assert Candidate.objects.get(pk=story.candidate.pk).erased_at is not None


def test_recruiter_cannot_erase_a_candidate_with_an_open_application(client, story):
    client.force_login(story.plan.requisition.recruiter)
    url = reverse("candidates:candidate_erase", args=[story.candidate.pk])
    page = client.get(url).content.decode()
    assert "still open" in page and "Erase this candidate</button>" not in page
    assert client.post(url).status_code == 403
    assert Candidate.objects.get(pk=story.candidate.pk).erased_at is None


def test_admin_erases_a_candidate_with_an_open_application(client, admin_user, story):
    client.force_login(admin_user)
    assert (
        client.post(reverse("candidates:candidate_erase", args=[story.candidate.pk])).status_code
        == 302
    )
    assert Candidate.objects.get(pk=story.candidate.pk).erased_at is not None


def test_recruiter_of_another_search_cannot_erase(client, story):
    _close(story)
    client.force_login(factories.RecruiterFactory())
    url = reverse("candidates:candidate_erase", args=[story.candidate.pk])
    assert client.post(url).status_code == 403


def test_hiring_manager_cannot_erase(client, story):
    _close(story)
    client.force_login(story.plan.requisition.hiring_manager)
    url = reverse("candidates:candidate_erase", args=[story.candidate.pk])
    assert client.post(url).status_code == 403


def test_interviewer_not_on_the_candidate_cannot_erase(client, story):
    _close(story)
    client.force_login(story.plan.carol)
    url = reverse("candidates:candidate_erase", args=[story.candidate.pk])
    assert client.post(url).status_code == 404


def test_candidate_page_query_count_does_not_grow_with_applications(
    client, story, django_assert_num_queries
):
    client.force_login(story.plan.requisition.recruiter)
    url = reverse("candidates:candidate_detail", args=[story.candidate.pk])
    with django_assert_num_queries(CANDIDATE_PAGE_QUERIES):
        client.get(url)
    for _ in range(3):
        factories.ApplicationFactory(
            candidate=story.candidate, stage=St.REJECTED, closed_reason="Went elsewhere."
        )
    with django_assert_num_queries(CANDIDATE_PAGE_QUERIES):
        client.get(url)


CANDIDATE_PAGE_QUERIES = 10


def test_export_query_count_does_not_grow_with_applications(story, django_assert_num_queries):
    recruiter = story.plan.requisition.recruiter
    factories.OfferFactory(application=factories.ApplicationFactory(candidate=story.candidate))
    with django_assert_num_queries(EXPORT_QUERIES):
        privacy.candidate_export(candidate=story.candidate, actor=recruiter)
    for _ in range(3):
        application = factories.ApplicationFactory(
            candidate=story.candidate, stage=St.REJECTED, closed_reason="Went elsewhere."
        )
        factories.OfferFactory(application=factories.ApplicationFactory(candidate=story.candidate))
        factories.InterviewFactory(application=application)
    with django_assert_num_queries(EXPORT_QUERIES):
        privacy.candidate_export(candidate=story.candidate, actor=recruiter)


EXPORT_QUERIES = 25  # 24 reads and the audit entry
