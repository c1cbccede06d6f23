import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from candidates import selectors, services
from candidates.models import Application, Assessment, Candidate, Offer, ShortlistEntry, StageChange
from hiring_hub.models import AuditEntry
from requisitions.models import Criterion, Requisition
from tests import factories
from tests.candidates.conftest import PNG, pdf_bytes, upload
from tests.conftest import assert_delivered_once_after_recovery, the_audit_entry

St = Application.Stage
D = ShortlistEntry.Decision
pytestmark = pytest.mark.django_db


# --- Candidates ----------------------------------------------------------------------------
def test_candidate_email_is_unique_whatever_its_case(recruiter):
    existing = services.candidate_create(
        actor=recruiter, full_name="Ada L", email="ada@example.org"
    )
    with pytest.raises(services.DuplicateCandidateError) as exc:
        services.candidate_create(actor=recruiter, full_name="Ada Again", email=" ADA@Example.org ")
    assert exc.value.existing == existing
    assert Candidate.objects.count() == 1


def test_database_refuses_a_duplicate_email_in_another_case(recruiter):
    factories.CandidateFactory(email="bo@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Candidate.objects.create(full_name="Bo", email="BO@example.org")


def test_candidate_update_refuses_another_candidates_email(recruiter):
    factories.CandidateFactory(email="taken@example.org")
    candidate = factories.CandidateFactory(email="free@example.org")
    with pytest.raises(services.DuplicateCandidateError):
        services.candidate_update(candidate=candidate, actor=recruiter, email="Taken@example.org")


def test_candidate_tags_are_reused_case_insensitively(recruiter):
    a = services.candidate_create(
        actor=recruiter, full_name="A", email="a@example.org", tags=["Python", "payments"]
    )
    b = services.candidate_create(
        actor=recruiter, full_name="B", email="b@example.org", tags=["python"]
    )
    assert list(b.tags.all()) == [a.tags.get(name="Python")]


def test_resume_is_stored_under_a_random_name_with_its_detected_type(recruiter, settings):
    candidate = services.candidate_create(
        actor=recruiter,
        full_name="C",
        email="c@example.org",
        resume=upload("../../etc/evil name.txt", pdf_bytes()),
    )
    assert candidate.resume_content_type == "application/pdf"
    assert candidate.resume.name.endswith(".pdf")
    assert "evil" not in candidate.resume.name
    assert str(settings.MEDIA_ROOT) in candidate.resume.path
    assert str(settings.STATIC_ROOT) not in candidate.resume.path


def test_candidate_with_a_wrong_resume_is_not_created(recruiter):
    with pytest.raises(ValidationError):
        services.candidate_create(
            actor=recruiter, full_name="D", email="d@example.org", resume=upload("cv.pdf", PNG)
        )
    assert not Candidate.objects.exists()


# --- Applications and moves -----------------------------------------------------------------
def test_candidate_is_on_a_requisition_once(recruiter, requisition, add_application):
    application = add_application()
    with pytest.raises(ValidationError, match="already on"):
        services.application_create(
            candidate=application.candidate, requisition=requisition, actor=recruiter
        )


def test_closed_requisition_takes_no_candidates(recruiter):
    requisition = factories.RequisitionFactory(
        status=Requisition.Status.FILLED, recruiter=recruiter
    )
    candidate = factories.CandidateFactory()
    with pytest.raises(ValidationError, match="no new candidates"):
        services.application_create(candidate=candidate, requisition=requisition, actor=recruiter)


def test_every_move_is_kept_with_who_when_from_to_and_reason(recruiter, add_application):
    application = add_application()
    services.application_move(application=application, to_stage=St.SCREENING, actor=recruiter)
    services.application_move(
        application=application, to_stage=St.REJECTED, actor=recruiter, reason="Salary too far"
    )
    history = list(
        StageChange.objects.filter(application=application)
        .order_by("id")
        .values_list("from_stage", "to_stage", "actor", "reason")
    )
    assert history == [
        ("", St.SOURCED, recruiter.pk, "Added"),
        (St.SOURCED, St.SCREENING, recruiter.pk, ""),
        (St.SCREENING, St.REJECTED, recruiter.pk, "Salary too far"),
    ]


def test_rejecting_without_a_reason_is_refused(recruiter, add_application):
    application = add_application()
    with pytest.raises(ValidationError, match="Say why"):
        services.application_move(application=application, to_stage=St.REJECTED, actor=recruiter)


def test_bulk_move_moves_what_it_can_and_reports_the_rest(recruiter, add_application):
    ok = add_application(name="Ok")
    hired_only_after_offer = add_application(name="Later")
    moved, refused = services.application_bulk_move(
        applications=[ok, hired_only_after_offer], to_stage=St.SCREENING, actor=recruiter
    )
    assert [a.pk for a in moved] == [ok.pk, hired_only_after_offer.pk]
    moved, refused = services.application_bulk_move(
        applications=[ok], to_stage=St.HIRED, actor=recruiter
    )
    assert moved == [] and "offer" in refused[ok]


# --- Assessment ---------------------------------------------------------------------------
def test_assessment_rates_each_criterion_of_the_signed_version(
    recruiter, add_application, criteria
):
    application = add_application()
    services.assessment_save(
        application=application,
        actor=recruiter,
        ratings={
            criteria[Criterion.Kind.MUST_HAVE].pk: (Assessment.Rating.MEETS, "Ran on-call"),
            criteria[Criterion.Kind.DEAL_BREAKER].pk: (Assessment.Rating.UNKNOWN, ""),
        },
    )
    assert application.assessments.count() == 2
    flagged = selectors.with_flags(Application.objects.filter(pk=application.pk)).get()
    assert flagged.deal_breaker_flag is False


def test_deal_breaker_not_met_flags_the_application(recruiter, add_application, criteria):
    application = add_application()
    services.assessment_save(
        application=application,
        actor=recruiter,
        ratings={criteria[Criterion.Kind.DEAL_BREAKER].pk: (Assessment.Rating.DOES_NOT_MEET, "")},
    )
    assert (
        selectors.with_flags(Application.objects.filter(pk=application.pk)).get().deal_breaker_flag
    )
    assert selectors.candidates_flag(Candidate.objects.all()).get().deal_breaker_flag


def test_assessment_refuses_criteria_of_another_version(recruiter, add_application, version):
    application = add_application()
    other = factories.CriterionFactory()
    with pytest.raises(ValidationError, match="not part"):
        services.assessment_save(
            application=application, actor=recruiter, ratings={other.pk: ("meets", "")}
        )


def test_assessment_before_sign_off_is_refused(recruiter, add_application):
    application = add_application()
    with pytest.raises(ValidationError, match="not signed off"):
        services.assessment_save(application=application, actor=recruiter, ratings={})


# --- Shortlists ---------------------------------------------------------------------------
@pytest.fixture
def shortlist(recruiter, requisition, version, add_application):
    apps = [add_application(name=f"C{i}") for i in range(4)]
    return services.shortlist_submit(
        requisition=requisition,
        applications=apps,
        note="Four strong ones",
        actor=recruiter,
        unassessed_reason="Phone screen only",
    )


def entries(shortlist):
    return list(shortlist.entries.order_by("id"))


def test_submitting_a_shortlist_moves_to_manager_review_and_emails_the_manager(
    recruiter, requisition, version, add_application, mailoutbox, django_capture_on_commit_callbacks
):
    apps = [add_application(name="A"), add_application(name="B")]
    with django_capture_on_commit_callbacks(execute=True):
        shortlist = services.shortlist_submit(
            requisition=requisition,
            applications=apps,
            note="Have a look",
            actor=recruiter,
            unassessed_reason="Phone screen only",
        )
    assert shortlist.number == 1
    assert {a.stage for a in Application.objects.all()} == {St.MANAGER_REVIEW}
    assert all(a.shortlisted_at for a in Application.objects.all())
    assert [m.to for m in mailoutbox] == [[requisition.hiring_manager.email]]
    assert f"/candidates/shortlists/{shortlist.pk}/review/next/" in mailoutbox[0].body


def test_shortlist_needs_signed_criteria(recruiter, requisition, add_application):
    with pytest.raises(ValidationError, match="signed off"):
        services.shortlist_submit(
            requisition=requisition,
            applications=[add_application()],
            note="",
            actor=recruiter,
            unassessed_reason="Phone screen only",
        )


def test_shortlist_refuses_an_unassessed_candidate_without_a_reason(
    recruiter, requisition, version, criteria, add_application
):
    assessed, blank = add_application(name="Amy"), add_application(name="Bob")
    services.assessment_save(
        application=assessed,
        actor=recruiter,
        ratings={criteria[Criterion.Kind.MUST_HAVE].pk: ("meets", "Ran on-call")},
    )
    # "Unknown" without evidence is no assessment
    services.assessment_save(
        application=blank,
        actor=recruiter,
        ratings={criteria[Criterion.Kind.MUST_HAVE].pk: ("unknown", "")},
    )
    with pytest.raises(ValidationError, match="Nobody has assessed Bob"):
        services.shortlist_submit(
            requisition=requisition, applications=[assessed, blank], note="", actor=recruiter
        )
    shortlist = services.shortlist_submit(
        requisition=requisition,
        applications=[assessed, blank],
        note="",
        actor=recruiter,
        unassessed_reason="Referred by the CTO",
    )
    reasons = {e.application_id: e.unassessed_reason for e in shortlist.entries.all()}
    assert reasons == {assessed.pk: "", blank.pk: "Referred by the CTO"}


def test_shortlists_are_numbered_per_requisition(recruiter, requisition, version, add_application):
    first = services.shortlist_submit(
        requisition=requisition,
        applications=[add_application()],
        note="",
        actor=recruiter,
        unassessed_reason="Phone screen only",
    )
    second = services.shortlist_submit(
        requisition=requisition,
        applications=[add_application()],
        note="",
        actor=recruiter,
        unassessed_reason="Phone screen only",
    )
    assert (first.number, second.number) == (1, 2)


def test_shortlist_round_trip_with_reasons(
    shortlist, hiring_manager, recruiter, criteria, mailoutbox, django_capture_on_commit_callbacks
):
    advance, decline, ask, _ = entries(shortlist)
    must = criteria[Criterion.Kind.MUST_HAVE]
    with django_capture_on_commit_callbacks(execute=True):
        services.shortlist_entry_decide(
            entry=advance, actor=hiring_manager, decision=D.ADVANCE, criteria=[must]
        )
        services.shortlist_entry_decide(
            entry=decline,
            actor=hiring_manager,
            decision=D.DECLINE,
            reason="No production work",
            criteria=[must],
        )
        services.shortlist_entry_decide(
            entry=ask, actor=hiring_manager, decision=D.NEED_INFO, reason="Why did they leave X?"
        )
    advance.application.refresh_from_db()
    decline.application.refresh_from_db()
    assert advance.application.stage == St.INTERVIEWING
    assert decline.application.stage == St.REJECTED
    assert "Runs production services" in decline.application.closed_reason
    assert "No production work" in decline.application.closed_reason
    # The recruiter hears of each answer as it comes.
    assert len(mailoutbox) == 3 and all(m.to == [recruiter.email] for m in mailoutbox)
    # Need more information: back and forth until decided.
    services.shortlist_message_post(entry=ask, actor=recruiter, body="Their team was disbanded.")
    services.shortlist_message_post(entry=ask, actor=hiring_manager, body="And the gap year?")
    services.shortlist_message_post(entry=ask, actor=recruiter, body="Travel, documented.")
    services.shortlist_entry_decide(entry=ask, actor=hiring_manager, decision=D.ADVANCE)
    assert [m.body for m in ask.messages.all()] == [
        "Why did they leave X?",
        "Their team was disbanded.",
        "And the gap year?",
        "Travel, documented.",
    ]
    with pytest.raises(ValidationError, match="no open question"):
        services.shortlist_message_post(entry=ask, actor=recruiter, body="One more thing")


def test_decline_without_criterion_or_comment_is_refused(shortlist, hiring_manager):
    entry = entries(shortlist)[0]
    with pytest.raises(ValidationError, match="Say why you decline"):
        services.shortlist_entry_decide(entry=entry, actor=hiring_manager, decision=D.DECLINE)
    entry.refresh_from_db()
    assert entry.decision == D.PENDING


def test_decline_naming_only_a_criterion_is_accepted(shortlist, hiring_manager, criteria):
    entry = entries(shortlist)[0]
    services.shortlist_entry_decide(
        entry=entry,
        actor=hiring_manager,
        decision=D.DECLINE,
        criteria=[criteria[Criterion.Kind.DEAL_BREAKER]],
    )
    assert list(entry.criteria.all()) == [criteria[Criterion.Kind.DEAL_BREAKER]]


def test_decision_naming_criteria_of_another_version_is_refused(shortlist, hiring_manager):
    with pytest.raises(ValidationError, match="criteria"):
        services.shortlist_entry_decide(
            entry=entries(shortlist)[0],
            actor=hiring_manager,
            decision=D.DECLINE,
            criteria=[factories.CriterionFactory()],
        )


def test_a_final_answer_cannot_be_changed(shortlist, hiring_manager):
    entry = entries(shortlist)[0]
    services.shortlist_entry_decide(entry=entry, actor=hiring_manager, decision=D.ADVANCE)
    with pytest.raises(ValidationError, match="already answered"):
        services.shortlist_entry_decide(
            entry=entry, actor=hiring_manager, decision=D.DECLINE, reason="Changed my mind"
        )


def test_shortlist_is_completed_when_every_candidate_is_decided(shortlist, hiring_manager):
    for entry in entries(shortlist):
        services.shortlist_entry_decide(entry=entry, actor=hiring_manager, decision=D.ADVANCE)
    shortlist.refresh_from_db()
    assert shortlist.completed_at is not None


# --- Acceptance rate -----------------------------------------------------------------------
def test_acceptance_rate_counts_advanced_among_decided(shortlist, hiring_manager):
    a, b, c, _pending = entries(shortlist)
    services.shortlist_entry_decide(entry=a, actor=hiring_manager, decision=D.ADVANCE)
    services.shortlist_entry_decide(entry=b, actor=hiring_manager, decision=D.DECLINE, reason="x")
    services.shortlist_entry_decide(entry=c, actor=hiring_manager, decision=D.DECLINE, reason="y")
    alignment = selectors.requisition_alignment(shortlist.requisition)
    (row,) = alignment["shortlists"]
    assert (row["advanced"], row["declined"], row["open"]) == (1, 2, 1)
    assert row["rate"] == pytest.approx(1 / 3)


def test_acceptance_over_successive_shortlists_shows_the_trend(
    recruiter, hiring_manager, requisition, version, add_application
):
    def send_and_answer(decisions):
        apps = [add_application() for _ in decisions]
        shortlist = services.shortlist_submit(
            requisition=requisition,
            applications=apps,
            note="",
            actor=recruiter,
            unassessed_reason="Phone screen only",
        )
        for entry, decision in zip(entries(shortlist), decisions, strict=True):
            services.shortlist_entry_decide(
                entry=entry, actor=hiring_manager, decision=decision, reason="r"
            )

    send_and_answer([D.DECLINE, D.DECLINE, D.ADVANCE, D.DECLINE])
    send_and_answer([D.ADVANCE, D.ADVANCE, D.DECLINE])
    alignment = selectors.requisition_alignment(requisition)
    assert [r["rate"] for r in alignment["shortlists"]] == [0.25, pytest.approx(2 / 3)]
    assert alignment["overall"] == pytest.approx(3 / 7)
    assert alignment["trend"] == "up"


def test_acceptance_rate_is_unknown_until_something_is_decided(shortlist):
    assert selectors.requisition_alignment(shortlist.requisition)["overall"] is None


# --- Offers ---------------------------------------------------------------------------------
@pytest.fixture
def interviewing(recruiter, add_application):
    application = add_application(name="Olga Offer")
    for stage in (St.SHORTLISTED, St.MANAGER_REVIEW, St.INTERVIEWING):
        application = services.application_move(
            application=application, to_stage=stage, actor=recruiter
        )
    return application


@pytest.fixture
def offer(interviewing, recruiter):
    return services.offer_create(
        application=interviewing,
        actor=recruiter,
        base_salary=95000,
        bonus=5000,
        equity="0.1%",
        currency="eur",
        start_date=dt.date(2027, 1, 4),
    )


def test_drafting_an_offer_moves_the_application_to_offer(offer):
    offer.application.refresh_from_db()
    assert offer.application.stage == St.OFFER
    assert offer.currency == "EUR"


def test_verbal_offer_needs_the_managers_approval(offer, recruiter):
    with pytest.raises(ValidationError, match="not approved"):
        services.offer_verbal_record(
            offer=offer, actor=recruiter, made_at=timezone.now(), outcome="positive"
        )


def test_written_offer_before_the_verbal_one_is_refused(offer, recruiter, hiring_manager):
    services.offer_approve(offer=offer, actor=hiring_manager)
    with pytest.raises(ValidationError, match="verbally"):
        services.offer_written_send(offer=offer, actor=recruiter, sent_at=timezone.now())


def test_database_refuses_a_written_offer_without_a_verbal_one(offer):
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.filter(pk=offer.pk).update(written_sent_at=timezone.now())


def test_written_offer_dated_before_the_verbal_offer_is_refused(offer, recruiter, hiring_manager):
    now = timezone.now()
    services.offer_approve(offer=offer, actor=hiring_manager)
    services.offer_verbal_record(offer=offer, actor=recruiter, made_at=now, outcome="positive")
    with pytest.raises(ValidationError, match="before the verbal"):
        services.offer_written_send(
            offer=offer, actor=recruiter, sent_at=now - dt.timedelta(hours=1)
        )


def test_changing_terms_after_approval_needs_approval_again(offer, recruiter, hiring_manager):
    services.offer_approve(offer=offer, actor=hiring_manager)
    offer = services.offer_update(offer=offer, actor=recruiter, base_salary=99000)
    assert offer.approved_at is None


def _through_written(offer, recruiter, hiring_manager):
    now = timezone.now()
    services.offer_approve(offer=offer, actor=hiring_manager)
    services.offer_verbal_record(
        offer=offer, actor=recruiter, made_at=now - dt.timedelta(days=1), outcome="positive"
    )
    services.offer_negotiation_note_add(offer=offer, actor=recruiter, body="Asked for +5k")
    return services.offer_written_send(
        offer=offer, actor=recruiter, sent_at=now, expires_on=timezone.localdate() + dt.timedelta(7)
    )


def test_offer_sequence_then_acceptance_hires_and_fills_the_requisition(
    offer, recruiter, hiring_manager, interviewer, mailoutbox, django_capture_on_commit_callbacks
):
    _through_written(offer, recruiter, hiring_manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_accept(offer=offer, actor=recruiter)
    application = Application.objects.get(pk=offer.application_id)
    assert application.stage == St.HIRED
    requisition = Requisition.objects.get(pk=application.requisition_id)
    assert requisition.status == Requisition.Status.FILLED
    assert list(
        requisition.events.filter(kind="status").order_by("id").values_list("data__to", flat=True)
    ) == ["interviewing", "offer", "filled"]
    # One email to each person on the hiring team (each in their own time zone), and the
    # recruiter and the manager are invited to the retrospective of the filled search.
    accepted = [email for email in mailoutbox if "accepted" in email.subject]
    assert sorted(email.to[0] for email in accepted) == sorted(
        [recruiter.email, hiring_manager.email, interviewer.email]
    )
    invited = [email for email in mailoutbox if "retrospective" in email.subject]
    assert sorted(email.to[0] for email in invited) == sorted(
        [recruiter.email, hiring_manager.email]
    )
    assert len(mailoutbox) == 5
    assert offer.negotiation_notes.count() == 1


def test_requisition_stays_open_until_the_headcount_is_hired(
    offer, recruiter, hiring_manager, django_capture_on_commit_callbacks
):
    Requisition.objects.filter(pk=offer.application.requisition_id).update(headcount=2)
    _through_written(offer, recruiter, hiring_manager)
    services.offer_accept(offer=offer, actor=recruiter)
    requisition = Requisition.objects.get(pk=offer.application.requisition_id)
    # The verbal offer moved the search to Offer; one hire of two does not fill it.
    assert requisition.status == Requisition.Status.OFFER


def test_accepting_before_the_written_offer_is_refused(offer, recruiter, hiring_manager):
    services.offer_approve(offer=offer, actor=hiring_manager)
    with pytest.raises(ValidationError, match="written offer"):
        services.offer_accept(offer=offer, actor=recruiter)


def test_declined_offer_keeps_its_reason_and_closes_the_application(
    offer, recruiter, hiring_manager
):
    _through_written(offer, recruiter, hiring_manager)
    with pytest.raises(ValidationError):
        services.offer_decline(offer=offer, actor=recruiter, reason=" ")
    services.offer_decline(offer=offer, actor=recruiter, reason="Counter-offer from employer")
    offer.refresh_from_db()
    assert offer.outcome == Offer.Outcome.DECLINED
    assert offer.application.stage == St.WITHDRAWN
    assert "Counter-offer" in offer.application.closed_reason


# --- Emails with mail down: the action answers, nothing is lost -----------------------------
def test_shortlist_emails_with_mail_down_go_out_once_mail_is_back(
    recruiter, requisition, version, add_application, hiring_manager, criteria, mail_down,
    mailoutbox, django_capture_on_commit_callbacks,
):  # fmt: skip
    must = criteria[Criterion.Kind.MUST_HAVE]
    with django_capture_on_commit_callbacks(execute=True):
        shortlist = services.shortlist_submit(
            requisition=requisition,
            applications=[add_application(name="C1"), add_application(name="C2")],
            note="",
            actor=recruiter,
            unassessed_reason="Phone screen only",
        )
        advance, ask = entries(shortlist)
        services.shortlist_entry_decide(
            entry=advance, actor=hiring_manager, decision=D.ADVANCE, criteria=[must]
        )
        services.shortlist_entry_decide(
            entry=ask, actor=hiring_manager, decision=D.NEED_INFO, reason="Why did they leave?"
        )
        services.shortlist_message_post(entry=ask, actor=recruiter, body="Team disbanded.")
    emails = assert_delivered_once_after_recovery(mail_down, mailoutbox)
    # submitted (manager), two answers (recruiter), the recruiter's message (manager)
    assert sorted(e.to[0] for e in emails) == sorted(
        [hiring_manager.email] * 2 + [recruiter.email] * 2
    )


def test_offer_accepted_emails_with_mail_down_go_out_once_mail_is_back(
    offer, recruiter, hiring_manager, interviewer, mail_down, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    _through_written(offer, recruiter, hiring_manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_accept(offer=offer, actor=recruiter)
    assert Application.objects.get(pk=offer.application_id).stage == St.HIRED
    emails = assert_delivered_once_after_recovery(mail_down, mailoutbox)
    assert len(emails) == 5  # three "accepted", two retrospective invitations


# --- Single-line fields ----------------------------------------------------------------------
ONE_LINE = "Enter this on one line"


@pytest.mark.parametrize("field", ["full_name", "email", "phone", "location"])
def test_candidate_create_refuses_a_line_break(recruiter, field):
    fields = {"full_name": "Nia Njoroge", "email": "nia@example.org"}
    fields[field] = f"{fields.get(field, 'x')}\u2028Bcc: someone@example.org"

    with pytest.raises(ValidationError, match=ONE_LINE):
        services.candidate_create(actor=recruiter, **fields)

    assert not Candidate.objects.exists()


def test_candidate_update_refuses_a_name_with_a_line_break(recruiter):
    candidate = services.candidate_create(
        actor=recruiter, full_name="Nia Njoroge", email="nia@example.org"
    )

    with pytest.raises(ValidationError, match=ONE_LINE):
        services.candidate_update(candidate=candidate, actor=recruiter, full_name="Nia\r\nEvil")

    candidate.refresh_from_db()
    assert candidate.full_name == "Nia Njoroge"


def test_offer_create_refuses_equity_with_a_line_break(interviewing, recruiter):
    with pytest.raises(ValidationError, match=ONE_LINE):
        services.offer_create(
            application=interviewing, actor=recruiter, base_salary=1, equity="0.1%\r\nmore"
        )

    assert not Offer.objects.exists()


# --- Audit trail ---------------------------------------------------------------------------
def test_shortlist_decision_is_audited_with_before_and_after(shortlist, hiring_manager, criteria):
    entry = entries(shortlist)[0]
    deal_breaker = criteria[Criterion.Kind.DEAL_BREAKER]
    services.shortlist_entry_decide(
        entry=entry,
        actor=hiring_manager,
        decision=D.DECLINE,
        reason="No production work",
        criteria=[deal_breaker],
    )
    audit = the_audit_entry("shortlist.decide")
    assert audit.actor == hiring_manager
    assert (audit.target_type, audit.target_id) == ("candidates.shortlistentry", str(entry.pk))
    assert audit.before == {
        "decision": "pending",
        "reason": "",
        "decided_at": None,
        "decided_by": None,
    }
    assert audit.after["decision"] == "decline"
    assert audit.after["reason"] == "No production work"
    assert audit.after["decided_by"] == hiring_manager.pk
    assert audit.after["criteria"] == [deal_breaker.name]


def test_a_refused_shortlist_decision_writes_no_audit_entry(shortlist, hiring_manager):
    entry = entries(shortlist)[0]
    with pytest.raises(ValidationError):
        services.shortlist_entry_decide(entry=entry, actor=hiring_manager, decision=D.DECLINE)
    assert not AuditEntry.objects.exists()


def test_every_offer_step_is_audited_once_with_the_fields_it_changed(
    offer, recruiter, hiring_manager
):
    created = the_audit_entry("offer.create")
    assert created.actor == recruiter and created.before is None
    assert created.after == {
        "base_salary": "95000.00",
        "bonus": "5000.00",
        "equity": "0.1%",
        "currency": "EUR",
        "start_date": "2027-01-04",
    }
    services.offer_approve(offer=offer, actor=hiring_manager)
    approved = the_audit_entry("offer.approve")
    assert approved.actor == hiring_manager
    assert approved.before == {"approved_at": None, "approved_by": None}
    assert approved.after["approved_by"] == hiring_manager.pk
    assert approved.after["base_salary"] == "95000.00"  # the terms approved
    services.offer_update(offer=offer, actor=recruiter, base_salary=99000, bonus=5000)
    changed = the_audit_entry("offer.update_terms")
    assert changed.before["base_salary"] == "95000.00"
    assert changed.after["base_salary"] == "99000.00"
    assert changed.after["approved_at"] is None  # changed terms need approval again
    services.offer_approve(offer=offer, actor=hiring_manager)
    _through_written_after_approval(offer, recruiter)
    verbal = the_audit_entry("offer.verbal")
    assert verbal.before == {"verbal_offer_at": None, "verbal_outcome": "pending"}
    assert verbal.after["verbal_outcome"] == "positive"
    written = the_audit_entry("offer.written")
    assert written.before == {"written_sent_at": None, "expires_on": None}
    assert written.after["written_sent_at"] is not None
    services.offer_accept(offer=offer, actor=recruiter)
    accepted = the_audit_entry("offer.accept")
    assert accepted.before["outcome"] == "open" and accepted.after["outcome"] == "accepted"
    assert AuditEntry.objects.filter(target_type="candidates.offer").count() == 7


def _through_written_after_approval(offer, recruiter):
    now = timezone.now()
    services.offer_verbal_record(
        offer=offer, actor=recruiter, made_at=now - dt.timedelta(days=1), outcome="positive"
    )
    services.offer_written_send(offer=offer, actor=recruiter, sent_at=now)


def test_a_declined_offer_is_audited_with_its_reason(offer, recruiter, hiring_manager):
    services.offer_approve(offer=offer, actor=hiring_manager)
    _through_written_after_approval(offer, recruiter)
    services.offer_decline(offer=offer, actor=recruiter, reason="Counter-offer")
    declined = the_audit_entry("offer.decline")
    assert declined.before == {"outcome": "open", "outcome_at": None, "declined_reason": ""}
    assert declined.after["outcome"] == "declined"
    assert declined.after["declined_reason"] == "Counter-offer"


def test_unchanged_terms_write_no_audit_entry(offer, recruiter):
    services.offer_update(offer=offer, actor=recruiter, base_salary=95000)
    assert not AuditEntry.objects.filter(action="offer.update_terms").exists()


def test_refused_offer_steps_write_no_audit_entry(offer, recruiter, hiring_manager):
    with pytest.raises(ValidationError):
        services.offer_verbal_record(
            offer=offer, actor=recruiter, made_at=timezone.now(), outcome="positive"
        )
    with pytest.raises(ValidationError):
        services.offer_accept(offer=offer, actor=recruiter)
    with pytest.raises(PermissionDenied):
        services.offer_approve(offer=offer, actor=recruiter)
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["offer.create"]
