import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from hiring_hub.models import AuditEntry
from requisitions import selectors, services
from requisitions.models import (
    CriteriaVersion,
    Criterion,
    IntakeRevision,
    Requisition,
    RequisitionEvent,
)
from tests import factories
from tests.conftest import the_audit_entry
from tests.requisitions.conftest import add_criteria, at

S = Requisition.Status


# --- Creating and editing ----------------------------------------------------------------
def test_requisition_create_starts_draft_with_intake_and_empty_draft_criteria(new_requisition):
    assert new_requisition.status == S.DRAFT
    assert new_requisition.intake.pk
    version = new_requisition.criteria_versions.get()
    assert (version.number, version.status) == (1, CriteriaVersion.Status.DRAFT)


def test_requisition_create_emails_the_hiring_manager(
    recruiter, hiring_manager, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.requisition_create(
            actor=recruiter,
            title="Data Engineer",
            team="Data",
            location="Remote",
            hiring_manager=hiring_manager,
        )
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [hiring_manager.email]
    assert "Data Engineer" in mailoutbox[0].subject
    assert "/requisitions/" in mailoutbox[0].body


def test_requisition_create_refused_for_hiring_manager(hiring_manager):
    with pytest.raises(PermissionDenied):
        services.requisition_create(
            actor=hiring_manager, title="X", team="Y", location="Z", hiring_manager=hiring_manager
        )


def test_requisition_create_refuses_inverted_salary_band(recruiter, hiring_manager):
    with pytest.raises(ValidationError) as exc:
        services.requisition_create(
            actor=recruiter,
            title="X",
            team="Y",
            location="Z",
            hiring_manager=hiring_manager,
            salary_min=100,
            salary_max=50,
        )
    assert "salary_max" in exc.value.error_dict


def test_requisition_update_emails_a_new_hiring_manager(
    new_requisition, recruiter, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    other = factories.HiringManagerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.requisition_update(
            requisition=new_requisition, actor=recruiter, hiring_manager=other, title="Renamed"
        )
    assert [m.to for m in mailoutbox] == [[other.email]]
    event = new_requisition.events.filter(kind="details").get()
    assert "title" in event.message and "hiring manager" in event.message


def test_requisition_update_refused_for_another_recruiter(new_requisition):
    with pytest.raises(PermissionDenied):
        services.requisition_update(
            requisition=new_requisition, actor=factories.RecruiterFactory(), title="Mine now"
        )


# --- Status transitions ------------------------------------------------------------------
def test_transition_draft_to_intake_records_timeline_event(new_requisition, recruiter):
    services.requisition_transition(
        requisition=new_requisition, to_status=S.INTAKE, actor=recruiter, reason="kick-off"
    )
    new_requisition.refresh_from_db()
    assert new_requisition.status == S.INTAKE
    event = new_requisition.events.filter(kind="status").get()
    assert event.message == "Status changed from Draft to Intake: kick-off"


def test_transition_skipping_a_step_is_refused_with_allowed_steps(new_requisition, recruiter):
    with pytest.raises(ValidationError) as exc:
        services.requisition_transition(
            requisition=new_requisition, to_status=S.SOURCING, actor=recruiter
        )
    message = exc.value.messages[0]
    assert "cannot move from Draft to Sourcing" in message
    assert "Allowed next steps: Intake, On hold, Cancelled." in message


def test_transition_to_aligned_requires_a_signed_criteria_version(new_requisition, recruiter):
    services.requisition_transition(
        requisition=new_requisition, to_status=S.INTAKE, actor=recruiter
    )
    with pytest.raises(ValidationError) as exc:
        services.requisition_transition(
            requisition=new_requisition, to_status=S.ALIGNED, actor=recruiter
        )
    assert "signed off the criteria" in exc.value.messages[0]
    new_requisition.refresh_from_db()
    assert new_requisition.status == S.INTAKE


def test_transition_to_sourcing_sets_opened_at(signed_requisition, recruiter):
    services.requisition_transition(
        requisition=signed_requisition, to_status=S.SOURCING, actor=recruiter
    )
    signed_requisition.refresh_from_db()
    assert signed_requisition.opened_at is not None


def test_on_hold_resumes_to_previous_status(signed_requisition, recruiter):
    services.requisition_transition(
        requisition=signed_requisition, to_status=S.ON_HOLD, actor=recruiter
    )
    signed_requisition.refresh_from_db()
    assert services.allowed_transitions(signed_requisition) == [S.ALIGNED, S.CANCELLED]
    services.requisition_transition(
        requisition=signed_requisition, to_status=S.ALIGNED, actor=recruiter
    )
    signed_requisition.refresh_from_db()
    assert signed_requisition.status == S.ALIGNED


def test_cancelled_requisition_cannot_move(new_requisition, recruiter):
    services.requisition_transition(
        requisition=new_requisition, to_status=S.CANCELLED, actor=recruiter
    )
    with pytest.raises(ValidationError) as exc:
        services.requisition_transition(
            requisition=new_requisition, to_status=S.DRAFT, actor=recruiter
        )
    assert "Allowed next steps: none." in exc.value.messages[0]


def test_unknown_status_is_refused(new_requisition, recruiter):
    with pytest.raises(ValidationError, match="'nonsense'"):
        services.requisition_transition(
            requisition=new_requisition, to_status="nonsense", actor=recruiter
        )


# --- Intake ----------------------------------------------------------------------------
def test_intake_update_keeps_revision_with_author_and_changed_fields(
    new_requisition, hiring_manager
):
    revision = services.intake_update(
        requisition=new_requisition,
        actor=hiring_manager,
        success_6_months="Owns the payouts service.",
        deal_breakers="",
    )
    assert revision.author == hiring_manager
    assert revision.changes == {
        "success_6_months": {"before": "", "after": "Owns the payouts service."}
    }
    assert new_requisition.events.filter(kind="intake").exists()


def test_intake_update_without_change_records_nothing(new_requisition, recruiter):
    services.intake_update(requisition=new_requisition, actor=recruiter, timeline="Q1")
    assert (
        services.intake_update(requisition=new_requisition, actor=recruiter, timeline="Q1") is None
    )
    assert IntakeRevision.objects.count() == 1


def test_intake_meeting_move_bumps_sequence(new_requisition, recruiter, hiring_manager):
    services.intake_update(
        requisition=new_requisition, actor=recruiter, meeting_at=at(24), meeting_attendees=[]
    )
    services.intake_update(requisition=new_requisition, actor=recruiter, meeting_at=at(48))
    new_requisition.intake.refresh_from_db()
    assert new_requisition.intake.meeting_sequence == 2


def test_intake_update_refused_for_interviewer(new_requisition, interviewer):
    with pytest.raises(PermissionDenied):
        services.intake_update(requisition=new_requisition, actor=interviewer, timeline="now")


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
    assert not signed_requisition.criteria_versions.filter(status="draft").exists()


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
    assert RequisitionEvent.objects.filter(kind="realignment").count() == 1


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


# --- Alignment meeting ----------------------------------------------------------------------
def test_alignment_agenda_is_generated_from_intake_criteria_and_persona(
    new_requisition, recruiter, hiring_manager
):
    services.intake_update(
        requisition=new_requisition,
        actor=hiring_manager,
        success_6_months="Ships the ledger rewrite.",
        past_hire_not_worked="Great coder, never talked to finance.",
    )
    add_criteria(new_requisition, recruiter)
    services.persona_update(requisition=new_requisition, actor=recruiter, persona="Builder.")
    meeting = services.alignment_meeting_schedule(
        requisition=new_requisition, actor=recruiter, scheduled_at=at()
    )
    assert "After 6 months: Ships the ledger rewrite." in meeting.agenda
    assert "A hire that did not work out: Great coder" in meeting.agenda
    assert "Strategic thinker: Connects the roadmap" in meeting.agenda
    assert "Payments domain (define it)" in meeting.agenda
    assert "Builder." in meeting.agenda
    assert set(meeting.attendees.all()) == {recruiter, hiring_manager}


def test_alignment_meeting_reschedule_bumps_sequence(new_requisition, recruiter):
    when = at()  # one instant: two calls to at() may straddle a second
    meeting = services.alignment_meeting_schedule(
        requisition=new_requisition, actor=recruiter, scheduled_at=when
    )
    common = {"duration_minutes": 45, "attendees": list(meeting.attendees.all()), "agenda": "A"}
    services.alignment_meeting_update(
        meeting=meeting, actor=recruiter, scheduled_at=when, notes="n", decisions="d", **common
    )
    meeting.refresh_from_db()
    assert meeting.sequence == 0
    services.alignment_meeting_update(
        meeting=meeting, actor=recruiter, scheduled_at=at(50), notes="n", decisions="d", **common
    )
    meeting.refresh_from_db()
    assert meeting.sequence == 1


# --- Interview plan --------------------------------------------------------------------------
def test_plan_coverage_warns_about_must_have_assessed_by_no_stage(signed_requisition, recruiter):
    signed = selectors.current_signed_version(signed_requisition)
    must = signed.criteria.get(kind=Criterion.Kind.MUST_HAVE)
    nice = signed.criteria.get(kind=Criterion.Kind.NICE_TO_HAVE)
    services.interview_stage_add(
        requisition=signed_requisition, actor=recruiter, name="Screen", criterion_keys=[nice.key]
    )
    stages = list(signed_requisition.interview_stages.all())
    coverage = selectors.plan_coverage(stages, list(signed.criteria.all()))
    assert coverage.uncovered_must_haves == [must]

    services.interview_stage_add(
        requisition=signed_requisition, actor=recruiter, name="Deep dive", criterion_keys=[must.key]
    )
    stages = list(signed_requisition.interview_stages.all())
    assert selectors.plan_coverage(stages, list(signed.criteria.all())).uncovered_must_haves == []


def test_stage_keys_follow_criteria_into_a_new_version(signed_requisition, recruiter):
    must = selectors.current_signed_version(signed_requisition).criteria.get(kind="must_have")
    services.interview_stage_add(
        requisition=signed_requisition, actor=recruiter, name="Deep dive", criterion_keys=[must.key]
    )
    services.persona_update(requisition=signed_requisition, actor=recruiter, persona="v2")
    draft = selectors.draft_version(signed_requisition)
    coverage = selectors.plan_coverage(
        list(signed_requisition.interview_stages.all()), list(draft.criteria.all())
    )
    assert coverage.uncovered_must_haves == []


def test_stage_interviewers_join_the_hiring_team(signed_requisition, recruiter):
    newcomer = factories.InterviewerFactory()
    services.interview_stage_add(
        requisition=signed_requisition, actor=recruiter, name="Panel", interviewers=[newcomer]
    )
    assert newcomer in signed_requisition.hiring_team.all()


def test_stage_refuses_criteria_of_another_requisition(signed_requisition, recruiter):
    foreign = factories.CriterionFactory()
    with pytest.raises(ValidationError) as exc:
        services.interview_stage_add(
            requisition=signed_requisition,
            actor=recruiter,
            name="Panel",
            criterion_keys=[foreign.key],
        )
    assert "criterion_keys" in exc.value.error_dict


def test_stages_are_ordered_as_added(signed_requisition, recruiter):
    for name in ("Screen", "Technical", "Values"):
        services.interview_stage_add(requisition=signed_requisition, actor=recruiter, name=name)
    assert [s.name for s in signed_requisition.interview_stages.all()] == [
        "Screen",
        "Technical",
        "Values",
    ]


def test_stage_with_interviews_cannot_be_removed(recruiter, hiring_manager):
    interview = factories.InterviewFactory(
        application__requisition__recruiter=recruiter,
        application__requisition__hiring_manager=hiring_manager,
    )
    with pytest.raises(ValidationError, match="already has interviews"):
        services.interview_stage_remove(stage=interview.stage, actor=recruiter)


# --- Single-line fields ----------------------------------------------------------------------
ONE_LINE = "Enter this on one line"


@pytest.mark.parametrize("field", ["title", "team", "location"])
@pytest.mark.parametrize("brk", ["\r\n", "\n", "\x0b", "\x0c", "\x85", "\u2028"], ids=repr)
def test_requisition_create_refuses_a_line_break(recruiter, hiring_manager, field, brk):
    fields = {"title": "Staff Engineer", "team": "Platform", "location": "Berlin"}
    fields[field] = f"Staff{brk}Bcc: someone@example.org"

    with pytest.raises(ValidationError, match=ONE_LINE):
        services.requisition_create(actor=recruiter, hiring_manager=hiring_manager, **fields)

    assert not Requisition.objects.exists()


def test_requisition_update_refuses_a_title_with_a_line_break(recruiter, new_requisition):
    with pytest.raises(ValidationError, match=ONE_LINE):
        services.requisition_update(
            requisition=new_requisition, actor=recruiter, title="Staff\r\nEngineer"
        )

    new_requisition.refresh_from_db()
    assert new_requisition.title == "Staff Engineer"


def test_criterion_add_refuses_a_name_with_a_line_break(recruiter, new_requisition):
    with pytest.raises(ValidationError, match=ONE_LINE):
        services.criterion_add(
            requisition=new_requisition,
            actor=recruiter,
            name="Calm\nunder pressure",
            kind="nice_to_have",
        )

    assert not Criterion.objects.exists()


def test_interview_stage_add_refuses_a_name_with_a_line_break(recruiter, signed_requisition):
    with pytest.raises(ValidationError, match=ONE_LINE):
        services.interview_stage_add(
            requisition=signed_requisition, actor=recruiter, name="Screen\r\ncall"
        )

    assert not signed_requisition.interview_stages.exists()


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
