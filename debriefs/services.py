"""Writes on interviews, scorecards, debrief decisions, thank-you notes and follow-ups.

Every function is keyword-only and runs in one transaction. Applications move only through
`candidates.services.application_move` (or, inside a debrief decision that enforced its own
rule, the same move without the pipeline check). Every function that takes an actor enforces
the hiring_hub.access rule its view checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from candidates.models import Application
from candidates.services import (
    _application_move,
    application_follow_up_record,
    application_move,
)
from debriefs import notifications
from debriefs.models import (
    THANK_YOU_WITHIN,
    CandidateUpdate,
    CriterionRating,
    DebriefDecision,
    Interview,
    Rating,
    Scorecard,
    ScorecardAmendment,
    ThankYouNote,
)
from hiring_hub import access, outbox
from hiring_hub.audit import audit_fields, audit_record
from requisitions.models import Criterion, InterviewStage, Requisition
from requisitions.selectors import current_signed_version
from requisitions.services import (
    requisition_advance,
    requisition_event_record,
    requisition_require_aligned,
)

St = Application.Stage
CLOSED_STAGES = frozenset(St.closed_values())

# Scalar scorecard fields an interviewer fills in (criterion ratings and explore criteria
# are handled separately).
SCORECARD_FIELDS = (
    "hard_skills",
    "soft_skills",
    "skills_evidence_strength",
    "enthusiasm",
    "enthusiasm_signals",
    "team_fit",
    "team_fit_behaviour",
    "explore_further",
    "explore_people",
    "recommendation",
)


# --- Interviews -------------------------------------------------------------------------
def stage_criteria(stage: InterviewStage) -> list[Criterion]:
    """The criteria a stage assesses, as rows of the requisition's current signed version
    (stages hold stable criterion keys; the version's rows carry names and definitions)."""
    version = current_signed_version(stage.requisition)
    if version is None:
        return []
    keys = {str(key) for key in stage.criterion_keys or []}
    return [c for c in version.criteria.all() if str(c.key) in keys]


def _validate_interview(interview: Interview, interviewers: list) -> None:
    if interview.stage.requisition_id != interview.application.requisition_id:
        raise ValidationError("The stage must belong to the requisition's interview plan.")
    if not interviewers:
        raise ValidationError(
            "Choose at least one interviewer (the stage has no default interviewers)."
        )
    if interview.starts_at and interview.ends_at and interview.ends_at <= interview.starts_at:
        raise ValidationError("The interview must end after it starts.")
    interview.full_clean()


def _thank_you_draft(interview: Interview, interviewers: list) -> tuple[str, str]:
    candidate = interview.application.candidate
    context = {
        "candidate": candidate,
        "first_name": candidate.full_name.split(" ")[0],
        "interview": interview,
        "requisition": interview.application.requisition,
        "interviewers": [person.full_name for person in interviewers],
    }
    subject = f"Thank you for meeting us about the {interview.application.requisition.title} role"
    body = render_to_string("debriefs/thank_you_draft.txt", context).strip() + "\n"
    return subject, body


def _is_blank(scorecard: Scorecard) -> bool:
    if any(getattr(scorecard, field) for field in SCORECARD_FIELDS):
        return False
    return not scorecard.ratings.exclude(rating__isnull=True, evidence="").exists()


def _sync_scorecards(interview: Interview, interviewers: list) -> None:
    """One draft scorecard per interviewer, built from the stage's criteria. Untouched drafts
    of people no longer on the interview are removed; written ones are kept."""
    criteria = stage_criteria(interview.stage)
    version_id = criteria[0].version_id if criteria else None
    wanted = {person.pk for person in interviewers}
    for scorecard in interview.scorecards.exclude(interviewer_id__in=wanted):
        if scorecard.status == Scorecard.Status.DRAFT and _is_blank(scorecard):
            scorecard.delete()
    existing = set(interview.scorecards.values_list("interviewer_id", flat=True))
    for person in interviewers:
        if person.pk in existing:
            continue
        scorecard = Scorecard(
            interview=interview, interviewer=person, criteria_version_id=version_id
        )
        scorecard.full_clean()
        scorecard.save()
        CriterionRating.objects.bulk_create(
            CriterionRating(scorecard=scorecard, criterion=criterion) for criterion in criteria
        )


def _enqueue_invites(interview: Interview, removed_ids: Iterable[int] = ()) -> None:
    """Write each interviewer's invite (in their own time zone) into the outbox; people taken
    off the interview get the cancellation, so the event leaves their calendar."""
    from debriefs.calendar import interview_ics
    from hiring_hub.models import User

    interview = Interview.objects.select_related(
        "application__candidate", "application__requisition", "stage"
    ).get(pk=interview.pk)
    link = outbox.absolute_url("debriefs:interview_detail", pk=interview.pk)
    cancelled_for_all = interview.status == Interview.Status.CANCELLED
    recipients = [(person, cancelled_for_all) for person in interview.interviewers.all()]
    recipients += [(person, True) for person in User.objects.filter(pk__in=list(removed_ids))]
    for person, cancelled in recipients:
        method = "CANCEL" if cancelled else "REQUEST"
        with timezone.override(person.tzinfo):
            ics = interview_ics(interview, cancelled=cancelled).decode()
        outbox.message_enqueue(
            kind=notifications.INTERVIEW_INVITE,
            to=person,
            about=f"interview:{interview.pk}",
            subject=(
                f"{'Cancelled: ' if cancelled else ''}Interview with "
                f"{interview.application.candidate.full_name} ({interview.stage.name})"
            ),
            template="interview_invite",
            context={"interview": interview, "cancelled": cancelled, "link": link},
            attachments=[("invite.ics", ics, f"text/calendar; method={method}")],
        )


@transaction.atomic
def interview_schedule(
    *,
    application: Application,
    stage: InterviewStage,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    actor,
    interviewers: Iterable | None = None,
    location: str = "",
    video_link: str = "",
    next_steps_promised_by: dt.date | None = None,
    next_steps_message: str = "",
    send_invites: bool = True,
) -> Interview:
    """Schedule an interview for an open application at a stage of its requisition's plan.
    Interviewers default to the stage's interviewers. The application moves to interviewing
    if it is not there yet; each interviewer gets a draft scorecard built from the stage's
    criteria, the candidate a thank-you note draft due 24 hours after the interview ends,
    and the next-steps promise becomes the application's promised follow-up date."""
    application = Application.objects.select_related("candidate", "requisition").get(
        pk=application.pk
    )
    access.require(access.can_schedule_interview(actor, application))
    if application.stage in CLOSED_STAGES:
        raise ValidationError(
            f"The application is {St(application.stage).label.lower()}; re-open it first."
        )
    requisition_require_aligned(application.requisition, work="Interviews")
    people = list(interviewers) if interviewers else list(stage.interviewers.all())
    interview = Interview(
        application=application,
        stage=stage,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        video_link=video_link,
        next_steps_promised_by=next_steps_promised_by,
        next_steps_message=next_steps_message,
        created_by=actor,
    )
    _validate_interview(interview, people)
    if application.stage not in (St.INTERVIEWING, St.OFFER):
        application = application_move(
            application=application, to_stage=St.INTERVIEWING, actor=actor
        )
        interview.application = application
    interview.save()
    interview.interviewers.set(people)
    _sync_scorecards(interview, people)
    subject, body = _thank_you_draft(interview, people)
    note = ThankYouNote(
        interview=interview, subject=subject, body=body, due_at=ends_at + THANK_YOU_WITHIN
    )
    note.full_clean()
    note.save()
    application_follow_up_record(application_id=application.pk, promised_by=next_steps_promised_by)
    requisition_event_record(
        requisition=application.requisition,
        actor=actor,
        kind="interview",
        message=f"{stage.name} interview scheduled with {application.candidate.full_name}",
        data={"interview": interview.pk},
    )
    requisition_advance(
        requisition=application.requisition,
        to_status=Requisition.Status.INTERVIEWING,
        actor=actor,
        reason=f"{stage.name} interview scheduled with {application.candidate.full_name}",
    )
    if send_invites:
        _enqueue_invites(interview)
    return interview


@transaction.atomic
def interview_reschedule(
    *,
    interview: Interview,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    actor,
    interviewers: Iterable | None = None,
    location: str = "",
    video_link: str = "",
    next_steps_promised_by: dt.date | None = None,
    next_steps_message: str = "",
) -> Interview:
    """Change a scheduled interview. The calendar SEQUENCE goes up so invites update in
    place (people taken off it get a cancellation); a thank-you note still in draft stays
    due 24 hours after the new end."""
    interview = (
        Interview.objects.select_for_update(of=("self",))
        .select_related("application__requisition")
        .get(pk=interview.pk)
    )
    access.require(access.can_schedule_interview(actor, interview.application))
    if interview.status == Interview.Status.CANCELLED:
        raise ValidationError("A cancelled interview cannot be rescheduled; schedule a new one.")
    people = list(interviewers) if interviewers else list(interview.stage.interviewers.all())
    interview.starts_at = starts_at
    interview.ends_at = ends_at
    interview.location = location
    interview.video_link = video_link
    interview.next_steps_promised_by = next_steps_promised_by
    interview.next_steps_message = next_steps_message
    interview.sequence += 1
    _validate_interview(interview, people)
    interview.save()
    before = set(interview.interviewers.values_list("pk", flat=True))
    interview.interviewers.set(people)
    removed = before - {person.pk for person in people}
    _sync_scorecards(interview, people)
    ThankYouNote.objects.filter(interview=interview, status=ThankYouNote.Status.DRAFT).update(
        due_at=ends_at + THANK_YOU_WITHIN
    )
    application_follow_up_record(
        application_id=interview.application_id, promised_by=next_steps_promised_by
    )
    _enqueue_invites(interview, removed_ids=removed)
    return interview


@transaction.atomic
def interview_cancel(*, interview: Interview, actor, reason: str = "") -> Interview:
    """Cancel an interview: its invite is withdrawn (SEQUENCE up, STATUS:CANCELLED); its
    scorecards and thank-you draft stay for the record but are no longer due."""
    interview = (
        Interview.objects.select_for_update(of=("self",))
        .select_related("application__candidate", "application__requisition", "stage")
        .get(pk=interview.pk)
    )
    access.require(access.can_schedule_interview(actor, interview.application))
    if interview.status == Interview.Status.CANCELLED:
        raise ValidationError("The interview is already cancelled.")
    interview.status = Interview.Status.CANCELLED
    interview.sequence += 1
    interview.full_clean()
    interview.save()
    message = (
        f"{interview.stage.name} interview with "
        f"{interview.application.candidate.full_name} cancelled"
    )
    requisition_event_record(
        requisition=interview.application.requisition,
        actor=actor,
        kind="interview",
        message=f"{message}: {reason}" if reason else message,
        data={"interview": interview.pk},
    )
    _enqueue_invites(interview)
    return interview


# --- Scorecards ---------------------------------------------------------------------------
def _label(field: str, value: Any) -> Any:
    if value in (None, ""):
        return ""
    if field in ("enthusiasm", "team_fit", "recommendation", "rating"):
        return Rating(value).label
    if field == "skills_evidence_strength":
        return Scorecard.EvidenceStrength(value).label
    return value


def _snapshot(scorecard: Scorecard) -> dict[str, dict]:
    """Everything an amendment may change, as {key: {"label", "value"}}."""
    snap = {}
    for field in SCORECARD_FIELDS:
        snap[field] = {
            "label": str(Scorecard._meta.get_field(field).verbose_name).capitalize(),
            "value": _label(field, getattr(scorecard, field)),
        }
    for rating in scorecard.ratings.select_related("criterion"):
        snap[f"criterion:{rating.criterion.key}:rating"] = {
            "label": f"{rating.criterion.name}: rating",
            "value": _label("rating", rating.rating) or "No evidence",
        }
        snap[f"criterion:{rating.criterion.key}:evidence"] = {
            "label": f"{rating.criterion.name}: evidence",
            "value": rating.evidence,
        }
    snap["explore_criteria"] = {
        "label": "Criteria to explore",
        "value": ", ".join(sorted(c.name for c in scorecard.explore_criteria.all())),
    }
    return snap


def _apply(
    scorecard: Scorecard,
    fields: dict[str, Any],
    ratings: dict[int, dict] | None,
    explore_criteria: Iterable | None,
) -> None:
    for field, value in fields.items():
        if field not in SCORECARD_FIELDS:
            raise ValidationError(f"Unknown scorecard field {field!r}.")
        setattr(scorecard, field, value if value is not None or field in _NULLABLE else "")
    scorecard.full_clean()
    scorecard.save()
    if ratings:
        by_criterion = {r.criterion_id: r for r in scorecard.ratings.all()}
        for criterion_id, values in ratings.items():
            row = by_criterion.get(int(criterion_id))
            if row is None:
                raise ValidationError("That criterion is not on this scorecard.")
            row.rating = values.get("rating") or None
            row.evidence = (values.get("evidence") or "").strip()
            row.full_clean()
            row.save()
    if explore_criteria is not None:
        scorecard.explore_criteria.set(explore_criteria)


_NULLABLE = {"enthusiasm", "team_fit", "recommendation"}


def scorecard_problems(scorecard: Scorecard) -> dict[str, str]:
    """Everything a scorecard still lacks before it can be submitted, at once, keyed by
    the form field it belongs beside (criterion evidence: `evidence_<criterion id>`).
    Team-fit behaviour is asked for with the rating, so fixing one never reveals another."""
    problems = {}
    if not (scorecard.hard_skills.strip() or scorecard.soft_skills.strip()):
        problems["hard_skills"] = "Add the hard or soft skills you saw."
    if not scorecard.skills_evidence_strength:
        problems["skills_evidence_strength"] = "Say how strong the skills evidence is."
    if not scorecard.enthusiasm:
        problems["enthusiasm"] = "Add an enthusiasm rating."
    if not scorecard.team_fit:
        problems["team_fit"] = "Add a team-fit rating."
    if not scorecard.team_fit_behaviour.strip():
        problems["team_fit_behaviour"] = (
            "Describe the behaviour you observed behind the team-fit rating."
        )
    for rating in scorecard.ratings.select_related("criterion"):
        if rating.rating and not rating.evidence.strip():
            problems[f"evidence_{rating.criterion_id}"] = (
                f"Add the evidence behind your rating of “{rating.criterion.name}”."
            )
    if not scorecard.recommendation:
        problems["recommendation"] = "Add an overall recommendation."
    return problems


def scorecard_missing(scorecard: Scorecard) -> list[str]:
    """What a scorecard still lacks before it can be submitted, as sentences."""
    return list(scorecard_problems(scorecard).values())


def _incomplete(problems: dict[str, str], lead: str) -> ValidationError:
    count = len(problems)
    summary = f"{lead}: {count} thing{'s' if count != 1 else ''} to add, marked below."
    return ValidationError({NON_FIELD_ERRORS: [summary], **problems})


def _when(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%a} {local.day} {local:%b, %H:%M}"


def _require_started(interview: Interview, what: str) -> None:
    """Work that reports on an interview cannot be done before it has started."""
    if interview.starts_at > timezone.now():
        raise ValidationError(
            f"The interview starts {_when(interview.starts_at)}: {what} once it has started."
        )


def _require_author(scorecard: Scorecard, actor) -> None:
    """A scorecard is written by its own interviewer only (access.can_write_scorecard)."""
    access.require(access.is_scorecard_author(actor, scorecard))
    if scorecard.interview.status == Interview.Status.CANCELLED:
        raise ValidationError("The interview was cancelled.")


@transaction.atomic
def scorecard_save_draft(
    *,
    scorecard: Scorecard,
    actor,
    fields: dict[str, Any],
    ratings: dict[int, dict] | None = None,
    explore_criteria: Iterable | None = None,
) -> Scorecard:
    """Save an interviewer's own scorecard as a draft; nobody else sees a draft."""
    scorecard = Scorecard.objects.select_for_update().get(pk=scorecard.pk)
    _require_author(scorecard, actor)
    if scorecard.status != Scorecard.Status.DRAFT:
        raise ValidationError("This scorecard is submitted; changes are kept as amendments.")
    _apply(scorecard, fields, ratings, explore_criteria)
    return scorecard


@transaction.atomic
def scorecard_submit(
    *,
    scorecard: Scorecard,
    actor,
    fields: dict[str, Any] | None = None,
    ratings: dict[int, dict] | None = None,
    explore_criteria: Iterable | None = None,
) -> Scorecard:
    """Submit an interviewer's own scorecard. It must be complete: a recommendation, the
    skills seen and how strong that evidence is, enthusiasm and team fit (with observed
    behaviour), and evidence for every rated criterion (unrated = no evidence). Once
    submitted, the interviewer sees the other submitted scorecards of the application."""
    scorecard = Scorecard.objects.select_for_update().get(pk=scorecard.pk)
    _require_author(scorecard, actor)
    if scorecard.status != Scorecard.Status.DRAFT:
        raise ValidationError("This scorecard is already submitted.")
    # A draft can be prepared ahead (questions to ask); a submission reports what was seen.
    _require_started(scorecard.interview, "submit the scorecard")
    _apply(scorecard, fields or {}, ratings, explore_criteria)
    problems = scorecard_problems(scorecard)
    if problems:
        raise _incomplete(problems, "Not submitted yet")
    scorecard.status = Scorecard.Status.SUBMITTED
    scorecard.submitted_at = timezone.now()
    scorecard.full_clean()
    scorecard.save()
    return scorecard


@transaction.atomic
def scorecard_amend(
    *,
    scorecard: Scorecard,
    actor,
    reason: str,
    fields: dict[str, Any] | None = None,
    ratings: dict[int, dict] | None = None,
    explore_criteria: Iterable | None = None,
) -> ScorecardAmendment | None:
    """Change a submitted scorecard. The change is kept as a visible amendment (each field
    before and after, who, when, why); it must stay complete. Nothing changed: no amendment."""
    scorecard = Scorecard.objects.select_for_update().get(pk=scorecard.pk)
    _require_author(scorecard, actor)
    if scorecard.status != Scorecard.Status.SUBMITTED:
        raise ValidationError("Only a submitted scorecard is amended; save the draft instead.")
    before = _snapshot(scorecard)
    _apply(scorecard, fields or {}, ratings, explore_criteria)
    after = _snapshot(scorecard)
    changes = {
        key: {"label": after[key]["label"], "before": before[key]["value"], "after": value["value"]}
        for key, value in after.items()
        if before.get(key, {}).get("value") != value["value"]
    }
    if not changes:
        return None
    if not reason.strip():
        raise ValidationError("Say why you are changing a submitted scorecard.")
    problems = scorecard_problems(scorecard)
    if problems:
        raise _incomplete(problems, "A submitted scorecard must stay complete")
    amendment = ScorecardAmendment(
        scorecard=scorecard, author=actor, reason=reason.strip(), changes=changes
    )
    amendment.full_clean()
    amendment.save()
    return amendment


# --- Debrief decision ---------------------------------------------------------------------
def next_stage(stage: InterviewStage | None) -> InterviewStage | None:
    if stage is None:
        return None
    return (
        InterviewStage.objects.filter(requisition_id=stage.requisition_id)
        .filter(order__gt=stage.order)
        .order_by("order", "id")
        .first()
    )


def _require_interviewed(application: Application, stage: InterviewStage | None) -> None:
    """A debrief follows an interview: one of the application's interviews (at the stage
    being debriefed, when there is one) that was not cancelled must have started."""
    interviews = Interview.objects.filter(application_id=application.pk).exclude(
        status=Interview.Status.CANCELLED
    )
    if stage is not None:
        interviews = interviews.filter(stage_id=stage.pk)
    first = interviews.order_by("starts_at").values_list("starts_at", flat=True).first()
    if first is None:
        raise ValidationError("There is no interview to debrief yet: schedule one first.")
    if first > timezone.now():
        raise ValidationError(
            f"The interview starts {_when(first)}: decide the debrief once it has started."
        )


DEBRIEF_DECISION_FIELDS = ("decision", "rationale", "stage", "next_stage_focus", "decided_by")


@transaction.atomic
def debrief_decide(
    *,
    application: Application,
    decision: str,
    rationale: str,
    actor,
    stage: InterviewStage | None = None,
    next_stage_focus: str = "",
) -> DebriefDecision:
    """Record the debrief decision with its rationale and who decided, and move the
    application: advance keeps it interviewing for the next stage of the plan (whose
    interviewers then see the carried-over focus), reject closes it with the rationale as
    the reason, offer moves it to the offer stage, hold leaves it where it is."""
    # Locked: the checks below (closed? which stage?) must hold until the decision is saved.
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("candidate", "requisition")
        .get(pk=application.pk)
    )
    access.require(access.can_decide_debrief(actor, application))
    if application.stage in CLOSED_STAGES:
        raise ValidationError(f"The application is already {St(application.stage).label.lower()}.")
    if decision not in DebriefDecision.Decision.values:
        raise ValidationError(f"Unknown decision {decision!r}.")
    if not rationale.strip():
        raise ValidationError("Give the rationale for the decision.")
    _require_interviewed(application, stage)
    D = DebriefDecision.Decision
    if decision == D.ADVANCE:
        if stage is not None and next_stage(stage) is None:
            raise ValidationError(
                f"{stage.name} is the last stage of the interview plan: "
                "move to offer, or add a stage to the plan first."
            )
        if application.stage != St.INTERVIEWING:
            _application_move(application=application, to_stage=St.INTERVIEWING, actor=actor)
    elif decision == D.REJECT:
        _application_move(
            application=application, to_stage=St.REJECTED, actor=actor, reason=rationale.strip()
        )
    elif decision == D.OFFER:
        _application_move(
            application=application, to_stage=St.OFFER, actor=actor, reason=rationale.strip()
        )
    record = DebriefDecision(
        application=application,
        stage=stage,
        decision=decision,
        rationale=rationale.strip(),
        next_stage_focus=next_stage_focus.strip() if decision == D.ADVANCE else "",
        decided_by=actor,
    )
    record.full_clean()
    record.save()
    after = audit_fields(record, DEBRIEF_DECISION_FIELDS)
    audit_record(actor=actor, action="debrief.decide", target=record, after=after)
    requisition_event_record(
        requisition=application.requisition,
        actor=actor,
        kind="debrief",
        message=(
            f"Debrief on {application.candidate.full_name}"
            f"{f' ({stage.name})' if stage else ''}: {D(decision).label.lower()}"
        ),
        data={"application": application.pk, "decision": decision},
    )
    return record


# --- Thank-you notes and follow-ups -------------------------------------------------------
def _require_draft(note: ThankYouNote) -> None:
    if note.status != ThankYouNote.Status.DRAFT:
        raise ValidationError("This thank-you note was already sent.")
    if note.interview.status == Interview.Status.CANCELLED:
        raise ValidationError("The interview was cancelled; no thank-you note is due.")


def _require_ended(note: ThankYouNote) -> None:
    """A thank-you note thanks the candidate for an interview that took place: it goes out
    once the interview has ended (the candidate is no longer in the room, and the note
    falls due then), whether sent from here or marked as sent another way."""
    ends_at = note.interview.ends_at
    if ends_at > timezone.now():
        raise ValidationError(
            f"The interview ends {_when(ends_at)}: send the thank-you note after it, "
            "not before. The draft can be edited until then."
        )


@transaction.atomic
def thank_you_note_update(*, note: ThankYouNote, subject: str, body: str, actor) -> ThankYouNote:
    """Edit the draft of a thank-you note that has not been sent yet."""
    note = (
        ThankYouNote.objects.select_for_update(of=("self",))
        .select_related("interview__application__requisition")
        .get(pk=note.pk)
    )
    access.require(access.can_manage_thank_you_note(actor, note))
    _require_draft(note)
    note.subject = subject.strip()
    note.body = body.strip()
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def thank_you_note_send(
    *, note: ThankYouNote, actor, subject: str | None = None, body: str | None = None
) -> ThankYouNote:
    """Email the thank-you note to the candidate (once), from the company with the recruiter's
    name. It goes through the outbox, so the note shows whether the email has actually left;
    it counts as an update to the candidate: the follow-up history records it."""
    note = (
        ThankYouNote.objects.select_for_update(of=("self",))
        .select_related("interview__application__candidate", "interview__application__requisition")
        .get(pk=note.pk)
    )
    access.require(access.can_manage_thank_you_note(actor, note))
    _require_draft(note)
    _require_ended(note)
    if subject is not None:
        note.subject = subject.strip()
    if body is not None:
        note.body = body.strip()
    now = timezone.now()
    note.status = ThankYouNote.Status.SENT
    note.sent_at = now
    note.sent_by = actor
    note.full_clean()
    note.save()
    application = note.interview.application
    _record_update(
        application=application,
        channel=CandidateUpdate.Channel.EMAIL,
        subject=note.subject,
        body=note.body,
        promised_by=note.interview.next_steps_promised_by,
        actor=actor,
        when=now,
    )
    note.message = _email_candidate(
        application=application, subject=note.subject, body=note.body, actor=actor
    )
    note.save(update_fields=["message"])
    return note


@transaction.atomic
def thank_you_note_retry(*, note: ThankYouNote, actor) -> ThankYouNote:
    """Send a thank-you note whose email failed again, now (same message, same Message-ID).
    A note whose email has left, or that was never emailed from here, has nothing to retry."""
    note = ThankYouNote.objects.select_related(
        "message", "interview__application__requisition"
    ).get(pk=note.pk)
    access.require(access.can_manage_thank_you_note(actor, note))
    if note.message is None or note.message.state == note.message.State.SENT:
        raise ValidationError("This thank-you note has no failed email to retry.")
    outbox.message_retry_now(message=note.message)
    return note


@transaction.atomic
def thank_you_note_mark_sent(*, note: ThankYouNote, actor) -> ThankYouNote:
    """Record that the thank-you note went out another way (phone, personal email)."""
    note = (
        ThankYouNote.objects.select_for_update(of=("self",))
        .select_related("interview__application__requisition")
        .get(pk=note.pk)
    )
    access.require(access.can_manage_thank_you_note(actor, note))
    _require_draft(note)
    _require_ended(note)
    now = timezone.now()
    note.status = ThankYouNote.Status.MARKED_SENT
    note.sent_at = now
    note.sent_by = actor
    note.full_clean()
    note.save()
    _record_update(
        application=note.interview.application,
        channel=CandidateUpdate.Channel.OTHER,
        subject=note.subject,
        body="Thank-you note sent outside Hiring Hub.",
        promised_by=note.interview.next_steps_promised_by,
        actor=actor,
        when=now,
    )
    return note


def _email_candidate(*, application, subject: str, body: str, actor):
    """An email to the candidate, from the company with the recruiter's name; replies go to
    the recruiter."""
    return outbox.message_enqueue(
        kind=notifications.CANDIDATE_MESSAGE,
        to=application.candidate.email,
        about=f"application:{application.pk}",
        subject=subject,
        template="candidate_message",
        context={"body": body},
        to_candidate=True,
        sender=actor,
        reply_to=[actor.email] if getattr(actor, "email", "") else [],
    )


def _record_update(
    *, application, channel, subject, body, promised_by, actor, when
) -> CandidateUpdate:
    update = CandidateUpdate(
        application=application,
        channel=channel,
        subject=subject,
        body=body,
        next_update_promised_by=promised_by,
        author=actor,
    )
    update.full_clean()
    update.save()
    application_follow_up_record(
        application_id=application.pk, updated_at=when, promised_by=promised_by
    )
    return update


@transaction.atomic
def candidate_update_record(
    *,
    application: Application,
    channel: str,
    body: str,
    actor,
    subject: str = "",
    next_update_promised_by: dt.date | None = None,
) -> CandidateUpdate:
    """Record an update given to the candidate (an email sent from Hiring Hub, or a note of
    a call): the application's last update becomes now, and the next promised date is the
    one given (or the old promise is kept)."""
    application = Application.objects.select_related("candidate", "requisition").get(
        pk=application.pk
    )
    access.require(access.can_record_candidate_update(actor, application))
    if not body.strip():
        raise ValidationError("Write what the candidate was told.")
    if channel == CandidateUpdate.Channel.EMAIL and not subject.strip():
        raise ValidationError("An email needs a subject.")
    if next_update_promised_by and next_update_promised_by < timezone.localdate():
        raise ValidationError("The next update cannot be promised for a date in the past.")
    update = _record_update(
        application=application,
        channel=channel,
        subject=subject.strip(),
        body=body.strip(),
        promised_by=next_update_promised_by,
        actor=actor,
        when=timezone.now(),
    )
    if channel == CandidateUpdate.Channel.EMAIL:
        update.message = _email_candidate(
            application=application, subject=update.subject, body=update.body, actor=actor
        )
        update.save(update_fields=["message"])
    return update
