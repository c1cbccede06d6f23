"""Criteria, sign-off, re-alignment, the diff between versions and the audit trail."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from hiring_hub.models import AuditEntry
from requisitions import selectors, services
from requisitions.models import CriteriaVersion, Criterion, Requisition, RequisitionEvent
from tests import factories
from tests.conftest import the_audit_entry
from tests.requisitions.conftest import add_criteria, at

S = Requisition.Status


# --- Criteria ----------------------------------------------------------------------------
def test_must_have_without_definition_is_refused(new_requisition, recruiter):
    with pytest.raises(ValidationError) as exc:
        services.criterion_add(
            requisition=new_requisition,
            actor=recruiter,
            name="Strategic thinker",
            kind=Criterion.Kind.MUST_HAVE,
        )
    assert "definition" in exc.value.error_dict


def test_database_refuses_must_have_without_definition(new_requisition):
    version = new_requisition.criteria_versions.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Criterion.objects.create(version=version, name="X", kind=Criterion.Kind.MUST_HAVE)


def test_criteria_added_in_order(new_requisition, recruiter):
    must, nice = add_criteria(new_requisition, recruiter)
    assert (must.order, nice.order) == (0, 1)


def test_criteria_edit_refused_for_hiring_manager(new_requisition, hiring_manager):
    with pytest.raises(PermissionDenied):
        add_criteria(new_requisition, hiring_manager)


# --- Sign-off and re-alignment --------------------------------------------------------------
def test_sign_off_freezes_version_and_aligns_requisition(signed_requisition, hiring_manager):
    version = selectors.current_signed_version(signed_requisition)
    assert version.number == 1
    assert version.signed_by == hiring_manager and version.signed_at
    assert signed_requisition.status == S.ALIGNED
    assert not signed_requisition.criteria_versions.filter(
        status=CriteriaVersion.Status.DRAFT
    ).exists()


def test_sign_off_emails_the_recruiter(
    new_requisition, recruiter, hiring_manager, mailoutbox, django_capture_on_commit_callbacks
):
    add_criteria(new_requisition, recruiter)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.criteria_sign_off(requisition=new_requisition, actor=hiring_manager)
    assert [m.to for m in mailoutbox] == [[recruiter.email]]


def test_signed_version_cannot_be_edited(signed_requisition, recruiter):
    criterion = selectors.current_signed_version(signed_requisition).criteria.first()
    with pytest.raises(ValidationError, match="signed off and is frozen"):
        services.criterion_update(
            criterion=criterion,
            actor=recruiter,
            name="Changed",
            kind=criterion.kind,
            category=criterion.category,
            definition=criterion.definition,
        )
    criterion.refresh_from_db()
    assert criterion.name == "Strategic thinker"


def test_only_the_hiring_manager_signs_off(new_requisition, recruiter):
    add_criteria(new_requisition, recruiter)
    with pytest.raises(PermissionDenied):
        services.criteria_sign_off(requisition=new_requisition, actor=recruiter)


def test_sign_off_needs_at_least_one_criterion(new_requisition, hiring_manager):
    with pytest.raises(ValidationError, match="at least one criterion"):
        services.criteria_sign_off(requisition=new_requisition, actor=hiring_manager)


def test_sign_off_without_draft_is_refused(signed_requisition, hiring_manager):
    with pytest.raises(ValidationError, match="no draft"):
        services.criteria_sign_off(requisition=signed_requisition, actor=hiring_manager)


def test_editing_after_sign_off_starts_draft_copy_and_needs_realignment(
    signed_requisition, recruiter, hiring_manager, mailoutbox, django_capture_on_commit_callbacks
):
    signed = selectors.current_signed_version(signed_requisition)
    must = signed.criteria.get(kind=Criterion.Kind.MUST_HAVE)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.criterion_revise(
            requisition=signed_requisition,
            key=must.key,
            actor=recruiter,
            name="Strategic thinker",
            kind=Criterion.Kind.MUST_HAVE,
            category=Criterion.Category.SKILL,
            definition="Picks the two bets that matter this year.",
        )
    signed_requisition.refresh_from_db()
    draft = selectors.draft_version(signed_requisition)
    # then a v2 draft holds copies with the same keys; v1 is untouched
    assert draft.number == 2
    assert {c.key for c in draft.criteria.all()} == {c.key for c in signed.criteria.all()}
    must.refresh_from_db()
    assert must.definition == "Connects the roadmap to revenue; says no with reasons."
    assert draft.persona == signed.persona
    assert signed_requisition.realignment_needed is True
    assert [m.to for m in mailoutbox] == [[hiring_manager.email]]
    assert "re-align" in mailoutbox[0].subject
    assert RequisitionEvent.objects.filter(kind=RequisitionEvent.Kind.REALIGNMENT).count() == 1


def test_second_edit_reuses_draft_and_emails_once(
    signed_requisition, recruiter, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.persona_update(requisition=signed_requisition, actor=recruiter, persona="A")
        services.criterion_add(
            requisition=signed_requisition, actor=recruiter, name="SQL", kind="nice_to_have"
        )
    assert signed_requisition.criteria_versions.count() == 2
    assert len(mailoutbox) == 1


def test_next_sign_off_clears_realignment(signed_requisition, recruiter, hiring_manager):
    services.persona_update(requisition=signed_requisition, actor=recruiter, persona="New")
    services.criteria_sign_off(requisition=signed_requisition, actor=hiring_manager)
    signed_requisition.refresh_from_db()
    assert signed_requisition.realignment_needed is False
    assert selectors.current_signed_version(signed_requisition).number == 2
    assert signed_requisition.status == S.ALIGNED


def test_sign_off_records_version_on_alignment_meeting(new_requisition, recruiter, hiring_manager):
    meeting = services.alignment_meeting_schedule(
        requisition=new_requisition, actor=recruiter, scheduled_at=at()
    )
    add_criteria(new_requisition, recruiter)
    version = services.criteria_sign_off(requisition=new_requisition, actor=hiring_manager)
    meeting.refresh_from_db()
    assert meeting.signed_version == version


# --- Diff ----------------------------------------------------------------------------------
def test_diff_shows_added_removed_changed_and_persona(signed_requisition, recruiter):
    signed = selectors.current_signed_version(signed_requisition)
    must = signed.criteria.get(kind=Criterion.Kind.MUST_HAVE)
    nice = signed.criteria.get(kind=Criterion.Kind.NICE_TO_HAVE)
    services.criterion_revise(
        requisition=signed_requisition,
        key=must.key,
        actor=recruiter,
        name="Strategic thinker",
        kind=Criterion.Kind.DEAL_BREAKER,
        category=Criterion.Category.SKILL,
        definition="New definition",
    )
    services.criterion_remove(requisition=signed_requisition, key=nice.key, actor=recruiter)
    services.criterion_add(
        requisition=signed_requisition,
        actor=recruiter,
        name="Mentoring",
        kind=Criterion.Kind.MUST_HAVE,
        definition="Has grown two engineers into seniors.",
    )
    services.persona_update(requisition=signed_requisition, actor=recruiter, persona="Changed")

    diff = selectors.criteria_diff(signed, selectors.draft_version(signed_requisition))

    assert [c.name for c in diff["added"]] == ["Mentoring"]
    assert [c.name for c in diff["removed"]] == ["Payments domain"]
    [change] = diff["changed"]
    assert change["fields"] == [
        {"label": "Kind", "before": "Must-have", "after": "Deal-breaker"},
        {
            "label": "What good looks like",
            "before": "Connects the roadmap to revenue; says no with reasons.",
            "after": "New definition",
        },
    ]
    assert diff["persona"] == {"before": "Has scaled a platform team.", "after": "Changed"}
    assert diff["has_changes"]


def test_diff_of_untouched_copy_is_empty(signed_requisition, recruiter):
    services.criteria_draft_get_or_create(requisition=signed_requisition, actor=recruiter)
    signed = selectors.current_signed_version(signed_requisition)
    diff = selectors.criteria_diff(signed, selectors.draft_version(signed_requisition))
    assert not diff["has_changes"]


# --- Audit trail ---------------------------------------------------------------------------
def test_sign_off_is_audited_with_what_was_signed(signed_requisition, hiring_manager):
    entry = the_audit_entry("criteria.sign_off")
    version = selectors.current_signed_version(signed_requisition)
    assert entry.actor == hiring_manager
    assert (entry.target_type, entry.target_id) == ("requisitions.criteriaversion", str(version.pk))
    assert entry.target_label == "Staff Engineer criteria v1 (Signed off)"
    assert entry.before == {
        "status": "draft",
        "signed_at": None,
        "signed_by": None,
        "persona": "Has scaled a platform team.",
    }
    assert entry.after["status"] == "signed" and entry.after["signed_by"] == hiring_manager.pk
    assert [c["name"] for c in entry.after["criteria"]] == ["Strategic thinker", "Payments domain"]


def test_a_new_version_after_a_sign_off_is_audited_once(signed_requisition, recruiter):
    services.persona_update(requisition=signed_requisition, actor=recruiter, persona="New")
    services.persona_update(requisition=signed_requisition, actor=recruiter, persona="Newer")
    entry = the_audit_entry("criteria.version_create")
    assert entry.actor == recruiter
    assert entry.before == {"number": 1, "persona": "Has scaled a platform team."}
    assert entry.after == {"number": 2, "persona": "Has scaled a platform team."}


def test_a_refused_sign_off_writes_no_audit_entry(new_requisition, hiring_manager):
    with pytest.raises(ValidationError):
        services.criteria_sign_off(requisition=new_requisition, actor=hiring_manager)
    assert not AuditEntry.objects.filter(action="criteria.sign_off").exists()


def test_a_sign_off_failing_after_it_was_audited_leaves_no_entry(
    new_requisition, recruiter, hiring_manager
):
    # given a meeting of another requisition, which the sign-off refuses only after the
    # version was frozen and audited
    other = factories.RequisitionFactory()
    meeting = services.alignment_meeting_schedule(
        requisition=other, actor=other.recruiter, scheduled_at=at()
    )
    add_criteria(new_requisition, recruiter)
    with pytest.raises(ValidationError, match="another requisition"):
        services.criteria_sign_off(
            requisition=new_requisition, actor=hiring_manager, meeting=meeting
        )
    assert not AuditEntry.objects.filter(action="criteria.sign_off").exists()
    assert not selectors.current_signed_version(new_requisition)
