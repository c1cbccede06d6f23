"""Shortlist services: sending, the hiring manager's answers, their questions."""

import pytest
from django.core.exceptions import ValidationError

from candidates import selectors, services
from candidates.models import Application, ShortlistEntry
from hiring_hub.models import AuditEntry
from requisitions.models import Criterion
from tests import factories
from tests.conftest import assert_delivered_once_after_recovery, the_audit_entry

St = Application.Stage
D = ShortlistEntry.Decision
pytestmark = pytest.mark.django_db


# --- Shortlists ---------------------------------------------------------------------------
@pytest.fixture
def shortlist(send_shortlist):
    return send_shortlist(4, "Four strong ones")


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


def test_shortlists_are_numbered_per_requisition(send_shortlist):
    first = send_shortlist(1)
    second = send_shortlist(1)
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
    hiring_manager, requisition, send_shortlist
):
    def send_and_answer(decisions):
        shortlist = send_shortlist(len(decisions))
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


def test_acceptance_read_with_the_requisition_is_the_same(
    hiring_manager, requisition, send_shortlist
):
    """The pipeline reads the acceptance as a column of its requisition (AlignmentRows)."""
    from requisitions.models import Requisition

    def read_with_requisition():
        row = Requisition.objects.annotate(rows=selectors.AlignmentRows("pk")).get(
            pk=requisition.pk
        )
        return selectors.alignment_of(row.rows)

    assert read_with_requisition() == {"shortlists": [], "overall": None, "trend": ""}
    for decisions in ([D.DECLINE, D.ADVANCE, D.NEED_INFO], [D.ADVANCE, D.ADVANCE], []):
        shortlist = send_shortlist(max(len(decisions), 1))
        for entry, decision in zip(entries(shortlist), decisions, strict=False):
            services.shortlist_entry_decide(
                entry=entry, actor=hiring_manager, decision=decision, reason="r"
            )
    expected = selectors.requisition_alignment(requisition)
    for row in expected["shortlists"]:
        del row["submitted_at"]
    assert read_with_requisition() == expected
    assert [r["open"] for r in expected["shortlists"]] == [1, 0, 1]


# --- Emails with mail down: the action answers, nothing is lost -----------------------------
def test_shortlist_emails_with_mail_down_go_out_once_mail_is_back(
    recruiter, send_shortlist, hiring_manager, criteria, mail_down, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    must = criteria[Criterion.Kind.MUST_HAVE]
    with django_capture_on_commit_callbacks(execute=True):
        shortlist = send_shortlist(2)
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
