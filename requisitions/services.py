"""Writes on requisitions. Every function is keyword-only and runs in one transaction."""

import datetime as dt
import uuid
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from hiring_hub import access, outbox
from hiring_hub.audit import audit_fields, audit_record
from hiring_hub.models import User
from requisitions import notifications, partnership, retrospectives, selectors, team_profiles
from requisitions.models import (
    AlignmentMeeting,
    CheckIn,
    CriteriaVersion,
    Criterion,
    Intake,
    IntakeRevision,
    InterviewStage,
    Requisition,
    RequisitionEvent,
)

S = Requisition.Status

# The search moves forward one step at a time; interviewing and offer may step back
# (more sourcing needed, an offer declined). On hold and cancelled are reachable from any
# open state; resuming from hold returns to where the search was.
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.INTAKE},
    S.INTAKE: {S.ALIGNED},
    S.ALIGNED: {S.SOURCING},
    S.SOURCING: {S.INTERVIEWING},
    S.INTERVIEWING: {S.OFFER, S.SOURCING},
    S.OFFER: {S.FILLED, S.INTERVIEWING},
    S.FILLED: set(),
    S.CANCELLED: set(),
    S.ON_HOLD: set(),  # resumes to status_before_hold, see allowed_transitions()
}


def allowed_transitions(requisition: Requisition) -> list[str]:
    if requisition.status == S.ON_HOLD:
        targets = {requisition.status_before_hold or S.DRAFT, S.CANCELLED}
    else:
        targets = set(TRANSITIONS[requisition.status])
        if requisition.status in S.open_values():
            targets |= {S.ON_HOLD, S.CANCELLED}
    return [s for s in S.values if s in targets]


def requisition_event_record(
    *, requisition: Requisition, actor, kind: str, message: str, data: dict | None = None
) -> RequisitionEvent:
    """Add a line to the requisition's timeline."""
    return RequisitionEvent.objects.create(
        requisition=requisition, actor=actor, kind=kind, message=message, data=data or {}
    )


@transaction.atomic
def requisition_transition(
    *, requisition: Requisition, to_status: str, actor, reason: str = ""
) -> Requisition:
    """Move a requisition along draft → intake → aligned → sourcing → interviewing → offer →
    filled (on hold / cancelled from any open state). Any other move is refused with a
    message naming the allowed ones."""
    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    from_status = requisition.status
    if to_status not in allowed_transitions(requisition):
        allowed = ", ".join(S(s).label for s in allowed_transitions(requisition)) or "none"
        # (a conversion like !r inside the f-string would apply to the whole conditional)
        target = S(to_status).label if to_status in S.values else repr(to_status)
        raise ValidationError(
            f"A requisition cannot move from {S(from_status).label} to {target}. "
            f"Allowed next steps: {allowed}."
        )
    now = timezone.now()
    if to_status == S.ON_HOLD:
        requisition.status_before_hold = from_status
    elif from_status == S.ON_HOLD:
        requisition.status_before_hold = ""
    if to_status == S.SOURCING and requisition.opened_at is None:
        requisition.opened_at = now
    if to_status == S.FILLED:
        requisition.filled_at = now
    if to_status == S.ALIGNED and selectors.current_signed_version(requisition) is None:
        raise ValidationError(
            "A requisition is aligned once the hiring manager has signed off the criteria; "
            "no version is signed off yet."
        )
    requisition.status = to_status
    requisition.full_clean()
    requisition.save()
    message = f"Status changed from {S(from_status).label} to {S(to_status).label}"
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind="status",
        message=f"{message}: {reason}" if reason else message,
        data={"from": from_status, "to": to_status},
    )
    if to_status == S.FILLED:
        retrospectives.retrospective_invite(requisition=requisition, now=now)
    return requisition


def requisition_require_writable(requisition: Requisition) -> None:
    """Filled, cancelled and on-hold requisitions are read-only (Status.read_only_values)."""
    if requisition.is_read_only:
        raise ValidationError(requisition.read_only_message())


def requisition_require_aligned(requisition: Requisition, *, work: str) -> None:
    """Shortlists, interviews and offers come after alignment (and not on a read-only
    requisition); `work` names what was refused, e.g. "Shortlists"."""
    requisition_require_writable(requisition)
    if requisition.is_before_alignment:
        raise ValidationError(requisition.before_alignment_message(work))


@transaction.atomic
def requisition_advance(
    *, requisition: Requisition, to_status: str, actor, reason: str
) -> Requisition:
    """The status follows the work: move an aligned requisition forward to `to_status`
    (aligned → sourcing → interviewing → offer → filled), one step at a time, each with
    its timeline entry. A requisition already there or further, not aligned yet, or
    read-only stays where it is; the recruiter can still move it by hand."""
    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    path = S.forward_path()
    if requisition.status not in path:
        return requisition
    start, target = path.index(requisition.status), path.index(to_status)
    for status in path[start + 1 : target + 1]:
        requisition = requisition_transition(
            requisition=requisition, to_status=status, actor=actor, reason=reason
        )
    return requisition


# --- Requisitions ----------------------------------------------------------------------
REQUISITION_FIELDS = (
    "title",
    "team",
    "location",
    "employment_type",
    "headcount",
    "salary_min",
    "salary_max",
    "salary_currency",
    "target_start_date",
    "recruiter",
    "hiring_manager",
)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


@transaction.atomic
def requisition_create(
    *,
    actor: User,
    title: str,
    team: str,
    location: str,
    hiring_manager: User,
    recruiter: User | None = None,
    employment_type: str = Requisition.EmploymentType.FULL_TIME,
    headcount: int = 1,
    salary_min: int | None = None,
    salary_max: int | None = None,
    salary_currency: str = "USD",
    target_start_date: dt.date | None = None,
    hiring_team: Iterable[User] = (),
) -> Requisition:
    """Recruiters open requisitions (owned by themselves unless they name another
    recruiter). The requisition starts in draft with an empty intake and an empty draft
    criteria version; the hiring manager is emailed that they were added."""
    _require(access.can_create_requisition(actor), "Only recruiters open requisitions.")
    recruiter = recruiter or actor
    if not recruiter.is_recruiter:
        raise ValidationError({"recruiter": "The recruiter must have the recruiter role."})
    if not hiring_manager.is_active:
        raise ValidationError({"hiring_manager": "This person's account is not active."})
    requisition = Requisition(
        title=title.strip(),
        team=team.strip(),
        location=location.strip(),
        employment_type=employment_type,
        headcount=headcount,
        salary_min=salary_min,
        salary_max=salary_max,
        salary_currency=(salary_currency or "USD").upper(),
        target_start_date=target_start_date,
        recruiter=recruiter,
        hiring_manager=hiring_manager,
    )
    _clean_salary(requisition)
    requisition.full_clean()
    requisition.save()
    requisition.hiring_team.set(list(hiring_team))
    intake = Intake(requisition=requisition, updated_by=actor)
    # A second search with the same manager starts from what the first one learned.
    prefilled = team_profiles.intake_prefill(intake, hiring_manager)
    intake.full_clean()
    intake.save()
    version = CriteriaVersion(requisition=requisition, number=1, created_by=actor)
    version.full_clean()
    version.save()
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind="created",
        message=f"Requisition opened by {actor}, hiring manager {hiring_manager}",
    )
    if prefilled:
        requisition_event_record(
            requisition=requisition,
            actor=actor,
            kind="intake_prefilled",
            message=f"Intake started from {hiring_manager}'s team profile",
            data={"fields": prefilled},
        )
    _notify_hiring_manager_added(requisition, actor)
    return requisition


def _clean_salary(requisition: Requisition) -> None:
    if (
        requisition.salary_min is not None
        and requisition.salary_max is not None
        and requisition.salary_min > requisition.salary_max
    ):
        raise ValidationError({"salary_max": "The top of the band must not be below the bottom."})


def _notify_hiring_manager_added(requisition: Requisition, actor: User) -> None:
    outbox.message_enqueue(
        kind=notifications.HIRING_MANAGER_ADDED,
        to=requisition.hiring_manager,
        about=f"requisition:{requisition.pk}",
        subject=f"You are the hiring manager for {requisition.title}",
        template="requisition_hiring_manager_added",
        context={
            "requisition": requisition,
            "manager": requisition.hiring_manager,
            "actor": actor,
            "link": outbox.absolute_url("requisitions:requisition_detail", pk=requisition.pk),
            "intake_link": outbox.absolute_url("requisitions:intake_edit", pk=requisition.pk),
        },
        reply_to=[requisition.recruiter.email],
    )


@transaction.atomic
def requisition_update(
    *, requisition: Requisition, actor: User, hiring_team: Iterable[User] | None = None, **fields
) -> Requisition:
    """The owning recruiter edits the requisition's details. A new hiring manager is
    emailed, as on creation; every change lands on the timeline."""
    _require(access.can_edit_requisition(actor, requisition), "Only the owning recruiter edits.")
    unknown = set(fields) - set(REQUISITION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown requisition fields: {', '.join(sorted(unknown))}")
    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    requisition_require_writable(requisition)
    changed = []
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        if name == "salary_currency":
            value = (value or "USD").upper()
        if getattr(requisition, name) != value:
            setattr(requisition, name, value)
            changed.append(name)
    if "recruiter" in changed and not requisition.recruiter.is_recruiter:
        raise ValidationError({"recruiter": "The recruiter must have the recruiter role."})
    _clean_salary(requisition)
    requisition.full_clean()
    requisition.save()
    if hiring_team is not None:
        before = set(requisition.hiring_team.values_list("pk", flat=True))
        team = list(hiring_team)
        if before != {u.pk for u in team}:
            requisition.hiring_team.set(team)
            changed.append("hiring_team")
    if changed:
        labels = [
            "hiring team"
            if n == "hiring_team"
            else str(Requisition._meta.get_field(n).verbose_name)
            for n in changed
        ]
        requisition_event_record(
            requisition=requisition,
            actor=actor,
            kind="details",
            message=f"Details changed: {', '.join(labels)}",
            data={"fields": changed},
        )
    if "hiring_manager" in changed:
        _notify_hiring_manager_added(requisition, actor)
    return requisition


# --- Intake ------------------------------------------------------------------------------
UNSET = object()


def _intake_for(requisition: Requisition) -> Intake:
    intake, _ = Intake.objects.get_or_create(requisition=requisition)
    return intake


@transaction.atomic
def intake_update(
    *,
    requisition: Requisition,
    actor: User,
    meeting_at: dt.datetime | None | object = UNSET,
    meeting_duration_minutes: int | None = None,
    meeting_attendees: Iterable[User] | None = None,
    **content,
) -> IntakeRevision | None:
    """The recruiter or the hiring manager edits the intake. Every change is kept as a
    revision with its author, time and the before/after of each changed field; a save
    that changes nothing records nothing. A moved meeting bumps the invite's sequence."""
    _require(access.can_edit_intake(actor, requisition), "You cannot edit this intake.")
    unknown = set(content) - set(Intake.CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown intake fields: {', '.join(sorted(unknown))}")
    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    requisition_require_writable(requisition)
    intake = _intake_for(requisition)
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    changes: dict[str, dict] = {}
    for name, value in content.items():
        value = (value or "").strip()
        if getattr(intake, name) != value:
            changes[name] = {"before": getattr(intake, name), "after": value}
            setattr(intake, name, value)
    meeting_changed = False
    if meeting_at is not UNSET and meeting_at != intake.meeting_at:
        changes["meeting_at"] = {
            "before": intake.meeting_at.isoformat() if intake.meeting_at else "",
            "after": meeting_at.isoformat() if meeting_at else "",
        }
        intake.meeting_at = meeting_at
        meeting_changed = True
    if meeting_duration_minutes is not None and (
        meeting_duration_minutes != intake.meeting_duration_minutes
    ):
        changes["meeting_duration_minutes"] = {
            "before": str(intake.meeting_duration_minutes),
            "after": str(meeting_duration_minutes),
        }
        intake.meeting_duration_minutes = meeting_duration_minutes
        meeting_changed = True
    if meeting_attendees is not None:
        attendees = list(meeting_attendees)
        before = list(intake.meeting_attendees.order_by("full_name"))
        if {u.pk for u in before} != {u.pk for u in attendees}:
            changes["meeting_attendees"] = {
                "before": ", ".join(str(u) for u in before),
                "after": ", ".join(str(u) for u in sorted(attendees, key=lambda u: u.full_name)),
            }
            intake.meeting_attendees.set(attendees)
            meeting_changed = True
    if not changes:
        return None
    if meeting_changed and intake.meeting_at is not None:
        intake.meeting_sequence += 1
    intake.updated_by = actor
    intake.full_clean()
    intake.save()
    revision = IntakeRevision.objects.create(intake=intake, author=actor, changes=changes)
    labels = [intake_field_label(n) for n in changes]
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind="intake",
        message=f"Intake updated: {', '.join(labels)}",
        data={"revision": revision.pk, "fields": list(changes)},
    )
    if requisition.status == S.DRAFT:
        requisition_transition(
            requisition=requisition, to_status=S.INTAKE, actor=actor, reason="intake started"
        )
    return revision


def intake_field_label(name: str) -> str:
    labels = {
        "meeting_at": "intake meeting time",
        "meeting_duration_minutes": "intake meeting length",
        "meeting_attendees": "intake meeting attendees",
    }
    if name in labels:
        return labels[name]
    return str(Intake._meta.get_field(name).verbose_name)


# --- Criteria, persona and sign-off --------------------------------------------------------
FROZEN_MESSAGE = (
    "Criteria version {number} was signed off and is frozen; changes go into a new draft."
)


def _latest_signed(requisition: Requisition) -> CriteriaVersion | None:
    return (
        CriteriaVersion.objects.filter(
            requisition=requisition, status=CriteriaVersion.Status.SIGNED
        )
        .order_by("-number")
        .first()
    )


@transaction.atomic
def criteria_draft_get_or_create(*, requisition: Requisition, actor: User) -> CriteriaVersion:
    """Return the requisition's one draft criteria version, starting one when there is
    none. A draft started after a sign-off copies the signed criteria (same keys, so
    interview stages and assessments keep following them), marks the requisition
    "re-alignment needed" and emails the hiring manager."""
    _require(access.can_edit_requisition(actor, requisition), "Only the owning recruiter edits.")
    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    requisition_require_writable(requisition)
    draft = CriteriaVersion.objects.filter(
        requisition=requisition, status=CriteriaVersion.Status.DRAFT
    ).first()
    if draft is not None:
        return draft
    signed = _latest_signed(requisition)
    last_number = (
        requisition.criteria_versions.order_by("-number").values_list("number", flat=True).first()
        or 0
    )
    draft = CriteriaVersion(
        requisition=requisition,
        number=last_number + 1,
        created_by=actor,
        persona=signed.persona if signed else "",
    )
    draft.full_clean()
    draft.save()
    if signed is None:
        return draft
    audit_record(
        actor=actor,
        action="criteria.version_create",
        target=draft,
        before=audit_fields(signed, ("number", "persona")),
        after=audit_fields(draft, ("number", "persona")),
    )
    Criterion.objects.bulk_create(
        Criterion(
            version=draft,
            key=c.key,
            name=c.name,
            kind=c.kind,
            category=c.category,
            definition=c.definition,
            order=c.order,
        )
        for c in signed.criteria.all()
    )
    requisition.realignment_needed = True
    requisition.save(update_fields=["realignment_needed", "updated_at"])
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind="realignment",
        message=(
            f"Criteria v{draft.number} started after v{signed.number} was signed off: "
            "re-alignment needed"
        ),
        data={"draft": draft.number, "signed": signed.number},
    )
    outbox.message_enqueue(
        kind=notifications.REALIGNMENT_NEEDED,
        to=requisition.hiring_manager,
        about=f"requisition:{requisition.pk}",
        subject=f"Criteria changed for {requisition.title}: please re-align",
        template="requisition_realignment_needed",
        context={
            "requisition": requisition,
            "manager": requisition.hiring_manager,
            "actor": actor,
            "link": outbox.absolute_url("requisitions:criteria_sign_off", pk=requisition.pk),
        },
        reply_to=[requisition.recruiter.email],
    )
    return draft


def _check_editable(version: CriteriaVersion) -> None:
    if version.is_signed:
        raise ValidationError(FROZEN_MESSAGE.format(number=version.number))


def _clean_criterion(criterion: Criterion) -> None:
    criterion.name = criterion.name.strip()
    criterion.definition = criterion.definition.strip()
    if criterion.kind == Criterion.Kind.MUST_HAVE and not criterion.definition:
        raise ValidationError(
            {
                "definition": (
                    "A must-have needs a definition of what good looks like here, so you "
                    "and the hiring manager judge candidates the same way."
                )
            }
        )
    criterion.full_clean()


@transaction.atomic
def criterion_add(
    *,
    requisition: Requisition,
    actor: User,
    name: str,
    kind: str,
    category: str = Criterion.Category.SKILL,
    definition: str = "",
    order: int | None = None,
) -> Criterion:
    """Add a criterion to the draft version (starting a draft after a sign-off).
    Must-haves need a definition of what good looks like."""
    draft = criteria_draft_get_or_create(requisition=requisition, actor=actor)
    if order is None:
        last = draft.criteria.order_by("-order").values_list("order", flat=True).first()
        order = 0 if last is None else last + 1
    criterion = Criterion(
        version=draft, name=name, kind=kind, category=category, definition=definition, order=order
    )
    _clean_criterion(criterion)
    criterion.save()
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind="criteria",
        message=f"Criterion added to v{draft.number}: {criterion.name} "
        f"({criterion.get_kind_display()})",
        data={"key": str(criterion.key), "version": draft.number},
    )
    return criterion


@transaction.atomic
def criterion_update(
    *,
    criterion: Criterion,
    actor: User,
    name: str,
    kind: str,
    category: str,
    definition: str,
    order: int | None = None,
) -> Criterion:
    """Change a criterion of a draft version. A signed-off version is frozen: this
    refuses to touch it (use criterion_revise, which edits the draft instead)."""
    criterion = Criterion.objects.select_related("version__requisition").get(pk=criterion.pk)
    requisition = criterion.version.requisition
    _require(access.can_edit_requisition(actor, requisition), "Only the owning recruiter edits.")
    requisition_require_writable(requisition)
    _check_editable(criterion.version)
    before = (criterion.name, criterion.kind, criterion.category, criterion.definition)
    criterion.name, criterion.kind, criterion.category, criterion.definition = (
        name,
        kind,
        category,
        definition,
    )
    if order is not None:
        criterion.order = order
    _clean_criterion(criterion)
    criterion.save()
    if before != (criterion.name, criterion.kind, criterion.category, criterion.definition):
        requisition_event_record(
            requisition=requisition,
            actor=actor,
            kind="criteria",
            message=f"Criterion changed in v{criterion.version.number}: {criterion.name}",
            data={"key": str(criterion.key), "version": criterion.version.number},
        )
    return criterion


@transaction.atomic
def criterion_revise(
    *,
    requisition: Requisition,
    key: uuid.UUID | str,
    actor: User,
    name: str,
    kind: str,
    category: str,
    definition: str,
    order: int | None = None,
) -> Criterion:
    """Edit the criterion with this key as it stands in the draft, starting a draft
    (and so a re-alignment) when the current criteria are signed off."""
    draft = criteria_draft_get_or_create(requisition=requisition, actor=actor)
    criterion = draft.criteria.filter(key=key).first()
    if criterion is None:
        raise ValidationError("This criterion is not part of the current draft.")
    return criterion_update(
        criterion=criterion,
        actor=actor,
        name=name,
        kind=kind,
        category=category,
        definition=definition,
        order=order,
    )


@transaction.atomic
def criterion_remove(*, requisition: Requisition, key: uuid.UUID | str, actor: User) -> None:
    """Drop a criterion from the draft (the signed versions keep it)."""
    draft = criteria_draft_get_or_create(requisition=requisition, actor=actor)
    criterion = draft.criteria.filter(key=key).first()
    if criterion is None:
        raise ValidationError("This criterion is not part of the current draft.")
    criterion.delete()
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind="criteria",
        message=f"Criterion removed from v{draft.number}: {criterion.name}",
        data={"key": str(key), "version": draft.number},
    )


@transaction.atomic
def persona_update(*, requisition: Requisition, actor: User, persona: str) -> CriteriaVersion:
    """The candidate persona lives with the criteria: it changes in the draft only."""
    persona = (persona or "").strip()
    current = CriteriaVersion.objects.filter(requisition=requisition).order_by("-number").first()
    if current is not None and current.persona == persona:
        return current
    draft = criteria_draft_get_or_create(requisition=requisition, actor=actor)
    draft.persona = persona
    draft.full_clean()
    draft.save(update_fields=["persona"])
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind="criteria",
        message=f"Candidate persona changed in v{draft.number}",
        data={"version": draft.number},
    )
    return draft


SIGN_OFF_FIELDS = ("status", "signed_at", "signed_by", "persona")


def _audit_criteria(criteria: list[Criterion]) -> list[dict]:
    """What was signed off, as the audit trail keeps it."""
    return [{"name": c.name, "kind": c.kind, "definition": c.definition} for c in criteria]


@transaction.atomic
def criteria_sign_off(
    *, requisition: Requisition, actor: User, meeting: AlignmentMeeting | None = None
) -> CriteriaVersion:
    """The hiring manager signs off the draft criteria, and with them the partnership
    agreement (the defaults if none was proposed): the version is frozen (numbered,
    immutable), re-alignment is cleared, the latest alignment meeting records it, and a
    requisition still in intake becomes aligned. At least one criterion is required,
    and every must-have must have its definition."""
    _require(access.can_sign_off(actor, requisition), "Only the hiring manager signs off.")
    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    requisition_require_writable(requisition)
    draft = (
        CriteriaVersion.objects.select_for_update()
        .filter(requisition=requisition, status=CriteriaVersion.Status.DRAFT)
        .first()
    )
    if draft is None:
        raise ValidationError("There is no draft of the criteria waiting for sign-off.")
    criteria = list(draft.criteria.all())
    if not criteria:
        raise ValidationError("Add at least one criterion before signing off.")
    undefined = [
        c.name for c in criteria if c.kind == Criterion.Kind.MUST_HAVE and not c.definition
    ]
    if undefined:
        raise ValidationError(f"These must-haves have no definition yet: {', '.join(undefined)}.")
    now = timezone.now()
    before = audit_fields(draft, SIGN_OFF_FIELDS)
    draft.status = CriteriaVersion.Status.SIGNED
    draft.signed_at = now
    draft.signed_by = actor
    draft.full_clean()
    draft.save()
    audit_record(
        actor=actor,
        action="criteria.sign_off",
        target=draft,
        before=before,
        after={**audit_fields(draft, SIGN_OFF_FIELDS), "criteria": _audit_criteria(criteria)},
    )
    requisition.realignment_needed = False
    requisition.save(update_fields=["realignment_needed", "updated_at"])
    if meeting is None:
        meeting = (
            requisition.alignment_meetings.filter(signed_version__isnull=True)
            .order_by("-scheduled_at")
            .first()
        )
    if meeting is not None:
        if meeting.requisition_id != requisition.pk:
            raise ValidationError("This meeting belongs to another requisition.")
        meeting.signed_version = draft
        meeting.save(update_fields=["signed_version"])
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind="sign_off",
        message=f"{actor} signed off criteria v{draft.number}",
        data={"version": draft.number},
    )
    partnership.agreement_sign(requisition=requisition, actor=actor, version=draft)
    reason = f"criteria v{draft.number} signed off"
    if requisition.status == S.DRAFT:
        requisition = requisition_transition(
            requisition=requisition, to_status=S.INTAKE, actor=actor, reason=reason
        )
    if requisition.status == S.INTAKE:
        requisition = requisition_transition(
            requisition=requisition, to_status=S.ALIGNED, actor=actor, reason=reason
        )
        # Candidates sourced before alignment: the search is already sourcing.
        if requisition.applications.exists():
            requisition = requisition_advance(
                requisition=requisition,
                to_status=S.SOURCING,
                actor=actor,
                reason="candidates were sourced before alignment",
            )
    outbox.message_enqueue(
        kind=notifications.CRITERIA_SIGNED_OFF,
        to=requisition.recruiter,
        about=f"requisition:{requisition.pk}",
        subject=f"Criteria v{draft.number} signed off for {requisition.title}",
        template="requisition_criteria_signed_off",
        context={
            "requisition": requisition,
            "version": draft,
            "link": outbox.absolute_url("requisitions:requisition_detail", pk=requisition.pk),
        },
    )
    return draft


@transaction.atomic
def criteria_changes_request(*, requisition: Requisition, actor: User, comment: str) -> None:
    """Instead of signing off, the hiring manager asks for changes to the draft: the
    request and its comment land on the timeline and the recruiter is emailed. The draft
    stays a draft (the recruiter edits it, then asks again)."""
    _require(access.can_sign_off(actor, requisition), "Only the hiring manager signs off.")
    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    requisition_require_writable(requisition)
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": "Say what should change before you sign off."})
    draft = selectors.draft_version(requisition)
    if draft is None:
        raise ValidationError("There is no draft of the criteria waiting for sign-off.")
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind="sign_off_changes",
        message=f"{actor} asked for changes to criteria v{draft.number}: {comment}",
        data={"version": draft.number},
    )
    outbox.message_enqueue(
        kind=notifications.CRITERIA_CHANGES_REQUESTED,
        to=requisition.recruiter,
        about=f"requisition:{requisition.pk}",
        subject=f"{actor} asks for changes to criteria v{draft.number} of {requisition.title}",
        template="requisition_criteria_changes_requested",
        context={
            "requisition": requisition,
            "version": draft,
            "manager": actor,
            "comment": comment,
            "link": outbox.absolute_url("requisitions:requisition_detail", pk=requisition.pk),
        },
        reply_to=[actor.email],
    )


# --- Alignment meetings ----------------------------------------------------------------
@transaction.atomic
def alignment_meeting_schedule(
    *,
    requisition: Requisition,
    actor: User,
    scheduled_at: dt.datetime,
    duration_minutes: int = 45,
    attendees: Iterable[User] = (),
) -> AlignmentMeeting:
    """The recruiter schedules an alignment meeting; its agenda is generated from the
    intake, the criteria and the persona as they stand, and can be edited afterwards.
    The hiring manager and the recruiter always attend."""
    _require(access.can_edit_requisition(actor, requisition), "Only the owning recruiter edits.")
    requisition_require_writable(requisition)
    meeting = AlignmentMeeting(
        requisition=requisition,
        scheduled_at=scheduled_at,
        duration_minutes=duration_minutes,
        agenda=selectors.alignment_agenda(requisition),
        created_by=actor,
    )
    meeting.full_clean()
    meeting.save()
    people = {requisition.recruiter, requisition.hiring_manager, *attendees}
    meeting.attendees.set(people)
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind="alignment",
        message="Alignment meeting scheduled",
        data={"meeting": meeting.pk, "scheduled_at": scheduled_at.isoformat()},
    )
    return meeting


@transaction.atomic
def alignment_meeting_update(
    *,
    meeting: AlignmentMeeting,
    actor: User,
    scheduled_at: dt.datetime,
    duration_minutes: int,
    attendees: Iterable[User],
    agenda: str,
    notes: str,
    decisions: str,
) -> AlignmentMeeting:
    """Record notes and decisions, or move the meeting (which bumps its invite
    sequence so calendars update the event in place)."""
    requisition = meeting.requisition
    _require(access.can_edit_requisition(actor, requisition), "Only the owning recruiter edits.")
    meeting = AlignmentMeeting.objects.select_for_update().get(pk=meeting.pk)
    attendees = list(attendees)
    moved = (
        meeting.scheduled_at != scheduled_at
        or meeting.duration_minutes != duration_minutes
        or set(meeting.attendees.values_list("pk", flat=True)) != {u.pk for u in attendees}
    )
    meeting.scheduled_at = scheduled_at
    meeting.duration_minutes = duration_minutes
    meeting.agenda = agenda.strip()
    meeting.notes = notes.strip()
    meeting.decisions = decisions.strip()
    if moved:
        meeting.sequence += 1
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind="alignment",
        message="Alignment meeting " + ("rescheduled" if moved else "notes and decisions updated"),
        data={"meeting": meeting.pk},
    )
    return meeting


# --- Interview plan ----------------------------------------------------------------------
def _clean_criterion_keys(requisition: Requisition, keys: Iterable[str]) -> list[str]:
    keys = [str(k) for k in keys]
    known = {
        str(k)
        for k in Criterion.objects.filter(version__requisition=requisition).values_list(
            "key", flat=True
        )
    }
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise ValidationError({"criterion_keys": "Choose criteria of this requisition."})
    return list(dict.fromkeys(keys))


def _clean_interviewers(requisition: Requisition, interviewers: list[User]) -> None:
    inactive = [str(u) for u in interviewers if not u.is_active]
    if inactive:
        raise ValidationError({"interviewers": f"Not active: {', '.join(inactive)}."})


@transaction.atomic
def interview_stage_add(
    *,
    requisition: Requisition,
    actor: User,
    name: str,
    duration_minutes: int = 60,
    interviewers: Iterable[User] = (),
    criterion_keys: Iterable[str] = (),
    order: int | None = None,
) -> InterviewStage:
    """Add a stage to the interview plan. Its interviewers join the hiring team (so they
    can see the requisition); it assesses criteria by key, which survives re-alignment."""
    # The plan is read to number the new stage: lock it so two adds cannot both take last + 1
    # (the unique constraint on (requisition, order) stops what a lock would miss).
    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    _require(access.can_edit_requisition(actor, requisition), "Only the owning recruiter edits.")
    requisition_require_writable(requisition)
    interviewers = list(interviewers)
    _clean_interviewers(requisition, interviewers)
    if order is None:
        last = requisition.interview_stages.order_by("-order").values_list("order", flat=True)
        order = (last.first() if last.exists() else -1) + 1
    stage = InterviewStage(
        requisition=requisition,
        name=name.strip(),
        order=order,
        duration_minutes=duration_minutes,
        criterion_keys=_clean_criterion_keys(requisition, criterion_keys),
    )
    return _stage_save(stage, interviewers, actor, "added")


def _stage_save(stage: InterviewStage, interviewers: list, actor: User, verb: str):
    """Save a stage; its interviewers join the hiring team; the timeline says so."""
    stage.full_clean()
    stage.save()
    stage.interviewers.set(interviewers)
    stage.requisition.hiring_team.add(*interviewers)
    requisition_event_record(
        requisition=stage.requisition,
        actor=actor,
        kind="plan",
        message=f"Interview stage {verb}: {stage.name}",
        data={"stage": stage.pk},
    )
    return stage


@transaction.atomic
def interview_stage_update(
    *,
    stage: InterviewStage,
    actor: User,
    name: str,
    duration_minutes: int,
    interviewers: Iterable[User],
    criterion_keys: Iterable[str],
    order: int,
) -> InterviewStage:
    """Change a stage of the plan (interviewers added join the hiring team)."""
    requisition = stage.requisition
    _require(access.can_edit_requisition(actor, requisition), "Only the owning recruiter edits.")
    requisition_require_writable(requisition)
    interviewers = list(interviewers)
    _clean_interviewers(requisition, interviewers)
    stage.name = name.strip()
    stage.duration_minutes = duration_minutes
    stage.order = order
    stage.criterion_keys = _clean_criterion_keys(requisition, criterion_keys)
    return _stage_save(stage, interviewers, actor, "changed")


@transaction.atomic
def interview_stage_remove(*, stage: InterviewStage, actor: User) -> None:
    """Remove a stage from the plan; a stage that already has interviews stays."""
    requisition = stage.requisition
    _require(access.can_edit_requisition(actor, requisition), "Only the owning recruiter edits.")
    requisition_require_writable(requisition)
    if stage.interviews.exists():
        raise ValidationError(
            f"{stage.name} already has interviews scheduled; it cannot be removed."
        )
    name = stage.name
    stage.delete()
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind="plan",
        message=f"Interview stage removed: {name}",
    )


# --- Weekly check-ins ------------------------------------------------------------------
# The weekly status report of a requisition: the recruiter's note for the week, the figures
# compiled when the check-in email goes out (kept as a snapshot), the hiring manager's
# acknowledgement and agenda points. Compiled by the weekly check-in sweep
# (requisitions.notifications).


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@transaction.atomic
def check_in_note_save(
    *, requisition: Requisition, week_start: dt.date, note: str, actor
) -> CheckIn:
    """The owning recruiter writes the week's note before the check-in goes out; once the
    report is compiled (sent) its note is part of the record and no longer editable."""
    from hiring_hub import access

    if not access.can_write_check_in_note(actor, requisition):
        raise PermissionDenied
    week_start = _monday(week_start)
    check_in, _ = CheckIn.objects.select_for_update().get_or_create(
        requisition=requisition, week_start=week_start
    )
    if check_in.compiled_at is not None:
        raise ValidationError(
            "This week's check-in has already gone out; write your note for next week."
        )
    check_in.recruiter_note = note.strip()
    check_in.full_clean()
    check_in.save(update_fields=["recruiter_note"])
    return check_in


@transaction.atomic
def check_in_compile(*, requisition: Requisition, week_start: dt.date, now) -> CheckIn:
    """Freeze the week's figures into the check-in, once: the first check-in email of the
    week compiles it and every later reader (the other recipient, the page) sees the same
    snapshot. The change since last week is taken against last week's snapshot."""
    week_start = _monday(week_start)
    try:
        with transaction.atomic():
            CheckIn.objects.get_or_create(requisition=requisition, week_start=week_start)
    except IntegrityError:
        pass  # created concurrently by another sweep
    check_in = CheckIn.objects.select_for_update().get(
        requisition=requisition, week_start=week_start
    )
    if check_in.compiled_at is not None:
        return check_in
    previous = (
        CheckIn.objects.filter(
            requisition=requisition, week_start__lt=week_start, compiled_at__isnull=False
        )
        .order_by("-week_start")
        .first()
    )
    check_in.snapshot = selectors.check_in_figures(
        requisition, now=now, previous=previous.snapshot if previous else None
    )
    check_in.compiled_at = now
    check_in.full_clean()
    check_in.save(update_fields=["snapshot", "compiled_at"])
    return check_in


@transaction.atomic
def check_in_acknowledge(*, check_in: CheckIn, actor, agenda: str = "") -> CheckIn:
    """The hiring manager acknowledges a sent check-in and may add agenda points for their
    next conversation with the recruiter (editable later; the first acknowledgement stays)."""
    from hiring_hub import access

    if not access.can_acknowledge_check_in(actor, check_in.requisition):
        raise PermissionDenied
    check_in = CheckIn.objects.select_for_update().get(pk=check_in.pk)
    if check_in.compiled_at is None:
        raise ValidationError("This check-in has not gone out yet.")
    if check_in.acknowledged_at is None:
        check_in.acknowledged_at = timezone.now()
        check_in.acknowledged_by = actor
    check_in.manager_agenda = agenda.strip()
    check_in.full_clean()
    check_in.save(update_fields=["acknowledged_at", "acknowledged_by", "manager_agenda"])
    return check_in
