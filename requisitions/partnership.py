"""The partnership agreement of a requisition and the hiring manager's weekly pulse.

The agreement holds what each side promises (`TERM_FIELDS`); a requisition without one runs
on the defaults, which are the model's field defaults, so there is one place to change them.
Reminders and overdue flags read the agreed numbers through `terms_of()` (one requisition)
or `agreed()` (an expression for a sweep's query, so no per-row query).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from hiring_hub import access
from hiring_hub.audit import audit_fields, audit_record
from hiring_hub.models import User
from requisitions.models import (
    CriteriaVersion,
    PartnershipAgreement,
    PartnershipAgreementChange,
    PartnershipHealth,
    PulseAnswer,
    Requisition,
    RequisitionEvent,
)

TERM_FIELDS = PartnershipAgreement.TERM_FIELDS
DEFAULT_TERMS: dict[str, int | bool] = {
    name: PartnershipAgreement._meta.get_field(name).default for name in TERM_FIELDS
}

PULSE_SALT = "requisitions.pulse"
# A pulse link in a weekly email stays valid this long (two check-ins), then says so.
PULSE_LINK_MAX_AGE = dt.timedelta(days=14)


@dataclass(frozen=True)
class Terms:
    first_shortlist_business_days: int
    check_in_weekly: bool
    candidate_update_days: int
    shortlist_review_business_days: int
    scorecard_hours: int
    calibration_weeks: int
    agreed: bool = False  # False: the defaults, nothing proposed yet


def terms_of(requisition: Requisition) -> Terms:
    """The requisition's agreed numbers, or the defaults. Reads the agreement through the
    reverse one-to-one (select_related("partnership_agreement") makes it free)."""
    try:
        agreement = requisition.partnership_agreement
    except PartnershipAgreement.DoesNotExist:
        return Terms(**DEFAULT_TERMS)
    return Terms(**{name: getattr(agreement, name) for name in TERM_FIELDS}, agreed=True)


def agreed(term: str, *, prefix: str = "") -> Coalesce:
    """The agreed value of `term` as a query expression, the default when there is no
    agreement: `prefix` leads from the queried model to the requisition ("requisition__")."""
    return Coalesce(F(f"{prefix}partnership_agreement__{term}"), Value(DEFAULT_TERMS[term]))


# --- Agreement --------------------------------------------------------------------------------
def agreement_of(requisition: Requisition) -> PartnershipAgreement | None:
    return (
        PartnershipAgreement.objects.filter(requisition=requisition)
        .select_related("proposed_by", "signed_by", "signed_version")
        .first()
    )


def agreement_history(agreement: PartnershipAgreement) -> QuerySet[PartnershipAgreementChange]:
    return agreement.changes.select_related("author").order_by("-created_at", "-id")


@transaction.atomic
def agreement_save(
    *, requisition: Requisition, actor: User, **terms: int | bool
) -> PartnershipAgreement:
    """The recruiter proposes the agreement, or changes it later. Every change is kept:
    a history row with each term before and after, an audit entry and a timeline line.
    A change after sign-off stays signed (the history shows what moved since)."""
    access.require(access.can_edit_partnership_agreement(actor, requisition))
    unknown = set(terms) - set(TERM_FIELDS)
    if unknown:
        raise TypeError(f"Unknown terms: {', '.join(sorted(unknown))}")
    # (imported here: the services import this module for the sign-off)
    from requisitions.services import requisition_event_record, requisition_require_writable

    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    requisition_require_writable(requisition)
    agreement = PartnershipAgreement.objects.filter(requisition=requisition).first()
    created = agreement is None
    if created:
        agreement = PartnershipAgreement(requisition=requisition, proposed_by=actor)
    before = audit_fields(agreement, TERM_FIELDS)
    for name, value in terms.items():
        setattr(agreement, name, value)
    agreement.full_clean(exclude=["requisition"])
    after = audit_fields(agreement, TERM_FIELDS)
    changes = {
        name: {"before": before[name], "after": after[name]}
        for name in TERM_FIELDS
        if created or before[name] != after[name]
    }
    if not changes:
        return agreement
    agreement.save()
    PartnershipAgreementChange.objects.create(
        agreement=agreement,
        author=actor,
        changes={} if created else changes,
        note="Proposed" if created else "",
    )
    audit_record(
        actor=actor,
        action="partnership.propose" if created else "partnership.change",
        target=agreement,
        before=None if created else before,
        after=after,
    )
    requisition_event_record(
        requisition=requisition,
        actor=actor,
        kind=RequisitionEvent.Kind.PARTNERSHIP,
        message=f"{actor} proposed the partnership agreement"
        if created
        else f"{actor} changed the partnership agreement: "
        + ", ".join(term_label(name) for name in changes),
        data={"changes": changes},
    )
    return agreement


def term_label(name: str) -> str:
    return str(PartnershipAgreement._meta.get_field(name).verbose_name)


def agreement_sign(
    *, requisition: Requisition, actor: User, version: CriteriaVersion
) -> PartnershipAgreement:
    """Called by the criteria sign-off, in its transaction: the hiring manager signs the
    agreement together with the criteria (the defaults, if the recruiter proposed none).
    A later sign-off (re-alignment) signs the agreement as it then stands."""
    agreement, created = PartnershipAgreement.objects.select_for_update().get_or_create(
        requisition=requisition, defaults={"proposed_by": requisition.recruiter}
    )
    before = audit_fields(agreement, ("signed_at", "signed_by", "signed_version"))
    agreement.signed_by = actor
    agreement.signed_at = timezone.now()
    agreement.signed_version = version
    agreement.save(update_fields=["signed_by", "signed_at", "signed_version", "updated_at"])
    PartnershipAgreementChange.objects.create(
        agreement=agreement, author=actor, note=f"Signed with criteria v{version.number}"
    )
    audit_record(
        actor=actor,
        action="partnership.sign",
        target=agreement,
        before=before,
        after={
            **audit_fields(agreement, ("signed_at", "signed_by", "signed_version")),
            **audit_fields(agreement, TERM_FIELDS),
        },
    )
    return agreement


# --- The weekly pulse ---------------------------------------------------------------------------
def pulse_token(*, requisition: Requisition, person: User, week_start: dt.date, mood: str) -> str:
    return signing.dumps(
        {"r": requisition.pk, "u": person.pk, "w": week_start.isoformat(), "m": mood},
        salt=PULSE_SALT,
        compress=True,
    )


@dataclass(frozen=True)
class PulseLink:
    requisition_id: int
    person_id: int
    week_start: dt.date
    mood: str


def pulse_link_read(token: str) -> PulseLink:
    """The content of a valid pulse token; raises signing.SignatureExpired after
    PULSE_LINK_MAX_AGE and signing.BadSignature when it was not ours."""
    data = signing.loads(token, salt=PULSE_SALT, max_age=PULSE_LINK_MAX_AGE)
    mood = str(data["m"])
    if mood not in PulseAnswer.Mood.values:
        raise signing.BadSignature("unknown mood")
    return PulseLink(
        requisition_id=int(data["r"]),
        person_id=int(data["u"]),
        week_start=dt.date.fromisoformat(data["w"]),
        mood=mood,
    )


def pulse_answer_of(
    requisition: Requisition, person: User, week_start: dt.date
) -> PulseAnswer | None:
    return PulseAnswer.objects.filter(
        requisition=requisition, respondent=person, week_start=week_start
    ).first()


def pulse_answer(
    *, requisition: Requisition, actor: User, week_start: dt.date, mood: str, comment: str = ""
) -> PulseAnswer:
    """The hiring manager answers "How is this search going for you?" for one week, once.
    It changes nothing else (no status, no acknowledgement): it is a signal for the trend
    and the health of the partnership."""
    access.require(access.can_answer_pulse(actor, requisition))
    answer = PulseAnswer(
        requisition=requisition,
        respondent=actor,
        week_start=week_start,
        mood=mood,
        comment=comment.strip(),
    )
    answer.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            answer.save()
            audit_record(
                actor=actor,
                action="pulse.answer",
                target=answer,
                after=audit_fields(answer, ("week_start", "mood", "comment")),
            )
    except IntegrityError:
        raise ValidationError(
            f"You already answered for the week of {week_start:%d %b %Y}: thank you."
        ) from None
    return answer


def pulse_trend(requisition: Requisition, *, weeks: int = 12) -> list[PulseAnswer]:
    """The latest answers, oldest first (for a trend left to right)."""
    answers = list(
        PulseAnswer.objects.filter(requisition=requisition)
        .select_related("respondent")
        .order_by("-week_start", "-id")[:weeks]
    )
    return answers[::-1]


# --- Health, kept for prompts and the overview -------------------------------------------------
HEALTH_BATCH = 200


def health_refresh(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Recompute the health of every open, aligned requisition and keep it. A requisition
    that turns bad gets a new `bad_since` (one prompt to talk per turn); one that recovers
    loses it. Idempotent: running it twice changes nothing the second time."""
    from requisitions.promises import health_of

    now = now or timezone.now()
    ids = list(Requisition.objects.open_aligned().order_by("pk").values_list("pk", flat=True))
    counts = dict.fromkeys(PartnershipHealth.Level.values, 0) | {"turned_bad": 0}
    for start in range(0, len(ids), HEALTH_BATCH):
        batch = list(
            Requisition.objects.filter(pk__in=ids[start : start + HEALTH_BATCH]).select_related(
                "recruiter", "hiring_manager", "partnership_agreement"
            )
        )
        healths = health_of(batch, now=now)
        known = {
            h.requisition_id: h for h in PartnershipHealth.objects.filter(requisition__in=batch)
        }
        fresh, changed = [], []
        for requisition in batch:
            health = healths[requisition.pk]
            row = known.get(requisition.pk)
            bad = health.level == PartnershipHealth.Level.BAD
            counts[health.level] += 1
            if row is None:
                row = PartnershipHealth(requisition=requisition)
                fresh.append(row)
            else:
                changed.append(row)
            was_bad = row.level == PartnershipHealth.Level.BAD and row.pk is not None
            if bad and not was_bad:
                row.bad_since = now
                counts["turned_bad"] += 1
            elif not bad:
                row.bad_since = None
            row.level, row.reasons, row.computed_at = health.level, list(health.reasons), now
        with transaction.atomic():
            # A concurrent refresh may have written the same rows: the one-to-one decides.
            PartnershipHealth.objects.bulk_create(fresh, ignore_conflicts=True)
            PartnershipHealth.objects.bulk_update(
                changed, ["level", "reasons", "computed_at", "bad_since"]
            )
    return counts


def talks_waiting_on(user: User) -> QuerySet[PartnershipHealth]:
    """The user's requisitions whose partnership needs a talk (home inbox)."""
    return (
        PartnershipHealth.objects.filter(level=PartnershipHealth.Level.BAD)
        .filter(Q(requisition__recruiter_id=user.pk) | Q(requisition__hiring_manager_id=user.pk))
        .filter(requisition__status__in=Requisition.Status.open_values())
        .select_related("requisition")
        .order_by("-bad_since", "pk")
    )


def pairs_overview() -> QuerySet:
    """Every recruiter–hiring manager pair with open requisitions: how many, and how many
    of them are healthy, worth a look, or need a talk (from the kept health). One grouped
    query; paginate it."""
    L = PartnershipHealth.Level
    return (
        Requisition.objects.open_aligned()
        .order_by()
        .values(
            "recruiter_id",
            "recruiter__full_name",
            "hiring_manager_id",
            "hiring_manager__full_name",
        )
        .annotate(
            requisitions=Count("pk"),
            bad=Count("pk", filter=Q(partnership_health__level=L.BAD)),
            watch=Count("pk", filter=Q(partnership_health__level=L.WATCH)),
            good=Count("pk", filter=Q(partnership_health__level=L.GOOD)),
        )
        .order_by("-bad", "-watch", "recruiter__full_name", "hiring_manager__full_name")
    )
