"""Promises kept, both ways, and the health of a partnership: reads computed from what the
app records (criteria signed off, shortlists sent and answered, scorecards submitted,
check-ins, candidate updates, alignment meetings, the weekly pulse).

Everything works on a list of requisitions at once, with a fixed number of queries, so one
requisition's page, a pair's page and the job that refreshes every health cost the same.
Each commitment yields *samples* (one per shortlist, scorecard, interview, week...): met or
not, and how long it took. A sample counts once its deadline has passed or it was done.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, ExpressionWrapper, Min, OuterRef, Q, Subquery
from django.utils import timezone

from hiring_hub.business_time import add_business_days
from requisitions.models import (
    AlignmentMeeting,
    CheckIn,
    CriteriaVersion,
    PartnershipHealth,
    PulseAnswer,
    Requisition,
)
from requisitions.partnership import Terms, terms_of

RECRUITER = "Recruiter"
MANAGER = "Hiring manager"
# Health looks at the latest samples of each commitment.
RECENT = 4
# A pair's figures cover its latest requisitions.
PAIR_REQUISITIONS = 20
# Of the latest shortlists, fewer advanced than this share is a sign of misalignment.
LOW_ACCEPTANCE = 1 / 3
ACCEPTANCE_SHORTLISTS = 2


@dataclass(frozen=True)
class Sample:
    requisition_id: int
    at: dt.datetime  # when the promise fell due (orders the samples)
    met: bool
    took: float | None = None


@dataclass(frozen=True)
class PromiseKept:
    key: str
    side: str
    promise: str
    unit: str
    met: int
    total: int
    median: float | None
    recent: tuple[bool, ...]  # the latest RECENT samples, oldest first

    @property
    def summary(self) -> str:
        if not self.total:
            return "Nothing due yet"
        text = f"Kept {self.met} of {self.total} time{'s' * (self.total != 1)}"
        if self.median is not None:
            unit = SINGULAR.get(self.unit, self.unit) if self.median == 1 else self.unit
            text += f", median {_number(self.median)} {unit}"
        return text

    @property
    def share(self) -> int | None:
        return round(100 * self.met / self.total) if self.total else None


SINGULAR = {
    "days": "day",
    "business days": "business day",
    "hours": "hour",
    "weeks apart": "week apart",
}


def _number(value: float) -> str:
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def business_days_between(start: dt.datetime, end: dt.datetime, tz: dt.tzinfo) -> float:
    """Business days (Mon–Fri in `tz`) elapsed from `start` to `end`, as a fraction."""
    if end <= start:
        return 0.0
    total, cursor = dt.timedelta(), start.astimezone(tz)
    end = end.astimezone(tz)
    while cursor < end:
        midnight = dt.datetime.combine(cursor.date() + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
        step_end = min(midnight, end)
        if cursor.weekday() < 5:
            total += step_end - cursor
        cursor = step_end
    return total / dt.timedelta(days=1)


# --- Samples per commitment ------------------------------------------------------------------
def _aligned_at(ids: list[int]) -> dict[int, dt.datetime]:
    return dict(
        CriteriaVersion.objects.filter(requisition_id__in=ids, status=CriteriaVersion.Status.SIGNED)
        .order_by()
        .values("requisition_id")
        .annotate(first=Min("signed_at"))
        .values_list("requisition_id", "first")
    )


def _collect(requisitions: list[Requisition], now: dt.datetime) -> dict:
    """Every sample of every commitment of `requisitions` (10 queries whatever their size)."""
    from candidates.models import Shortlist, ShortlistEntry
    from debriefs.models import CandidateUpdate, Interview, Scorecard

    ids = [r.pk for r in requisitions]
    by_id = {r.pk: r for r in requisitions}
    terms: dict[int, Terms] = {r.pk: terms_of(r) for r in requisitions}
    aligned = _aligned_at(ids)
    samples: dict[str, list[Sample]] = defaultdict(list)

    shortlists = list(
        Shortlist.objects.filter(requisition_id__in=ids)
        .order_by("submitted_at", "pk")
        .values_list("requisition_id", "number", "submitted_at", "completed_at")
    )
    # Recruiter: the first shortlist within N business days of alignment.
    first_shortlist: dict[int, dt.datetime] = {}
    for requisition_id, _, submitted_at, _ in shortlists:
        first_shortlist.setdefault(requisition_id, submitted_at)
    for requisition_id, start in aligned.items():
        requisition = by_id[requisition_id]
        tz = requisition.recruiter.tzinfo
        deadline = add_business_days(start, terms[requisition_id].first_shortlist_business_days, tz)
        sent = first_shortlist.get(requisition_id)
        if sent is not None:
            samples["first_shortlist"].append(
                Sample(
                    requisition_id,
                    deadline,
                    sent <= deadline,
                    business_days_between(start, sent, tz),
                )
            )
        elif deadline <= now:
            samples["first_shortlist"].append(Sample(requisition_id, deadline, False))

    # Manager: each shortlist reviewed within N business days.
    for requisition_id, _, submitted_at, completed_at in shortlists:
        tz = by_id[requisition_id].hiring_manager.tzinfo
        days = terms[requisition_id].shortlist_review_business_days
        deadline = add_business_days(submitted_at, days, tz)
        if completed_at is not None:
            samples["shortlist_review"].append(
                Sample(
                    requisition_id,
                    deadline,
                    completed_at <= deadline,
                    business_days_between(submitted_at, completed_at, tz),
                )
            )
        elif deadline <= now:
            samples["shortlist_review"].append(Sample(requisition_id, deadline, False))

    # Recruiter: a written note in each weekly check-in that went out.
    noted = ExpressionWrapper(~Q(recruiter_note=""), output_field=BooleanField())
    for requisition_id, compiled_at, has_note in (
        CheckIn.objects.filter(requisition_id__in=ids, compiled_at__isnull=False)
        .annotate(noted=noted)
        .order_by("week_start")
        .values_list("requisition_id", "compiled_at", "noted")
    ):
        if terms[requisition_id].check_in_weekly:
            samples["check_in"].append(Sample(requisition_id, compiled_at, bool(has_note)))

    # Recruiter: the candidate hears about next steps within N days of each interview.
    first_update = (
        CandidateUpdate.objects.filter(
            application=OuterRef("application"), created_at__gte=OuterRef("ends_at")
        )
        .order_by("created_at")
        .values("created_at")[:1]
    )
    for requisition_id, ends_at, told_at in (
        Interview.objects.filter(
            application__requisition_id__in=ids,
            status=Interview.Status.SCHEDULED,
            ends_at__lte=now,
        )
        .annotate(told_at=Subquery(first_update))
        .order_by("ends_at", "pk")
        .values_list("application__requisition_id", "ends_at", "told_at")
    ):
        deadline = ends_at + dt.timedelta(days=terms[requisition_id].candidate_update_days)
        if told_at is not None:
            took = (told_at - ends_at) / dt.timedelta(days=1)
            samples["candidate_update"].append(
                Sample(requisition_id, deadline, told_at <= deadline, took)
            )
        elif deadline <= now:
            samples["candidate_update"].append(Sample(requisition_id, deadline, False))

    # Manager (for the interview team): each scorecard within N hours of the interview.
    submitted_at = Scorecard.objects.filter(
        interview=OuterRef("interview"),
        interviewer=OuterRef("user"),
        status=Scorecard.Status.SUBMITTED,
    ).values("submitted_at")[:1]
    for requisition_id, ends_at, submitted in (
        Interview.interviewers.through.objects.filter(
            interview__application__requisition_id__in=ids,
            interview__status=Interview.Status.SCHEDULED,
            interview__ends_at__lte=now,
        )
        .annotate(submitted=Subquery(submitted_at))
        .order_by("interview__ends_at", "pk")
        .values_list("interview__application__requisition_id", "interview__ends_at", "submitted")
    ):
        deadline = ends_at + dt.timedelta(hours=terms[requisition_id].scorecard_hours)
        if submitted is not None:
            took = (submitted - ends_at) / dt.timedelta(hours=1)
            samples["scorecards"].append(
                Sample(requisition_id, deadline, submitted <= deadline, took)
            )
        elif deadline <= now:
            samples["scorecards"].append(Sample(requisition_id, deadline, False))

    # Manager: a calibration conversation (an alignment meeting held) in every period of
    # N weeks since alignment; the time is the gap between conversations.
    meetings: dict[int, list[dt.datetime]] = defaultdict(list)
    for requisition_id, scheduled_at in (
        AlignmentMeeting.objects.filter(requisition_id__in=ids, scheduled_at__lte=now)
        .order_by("scheduled_at")
        .values_list("requisition_id", "scheduled_at")
    ):
        meetings[requisition_id].append(scheduled_at)
    for requisition_id, start in aligned.items():
        period = dt.timedelta(weeks=terms[requisition_id].calibration_weeks)
        held = meetings.get(requisition_id, [])
        begin, previous = start, start
        while begin + period <= now:
            inside = [m for m in held if begin < m <= begin + period]
            took = (inside[0] - previous) / dt.timedelta(weeks=1) if inside else None
            samples["calibration"].append(
                Sample(requisition_id, begin + period, bool(inside), took)
            )
            if inside:
                previous = inside[-1]
            begin += period

    # Acceptance per decided shortlist, and re-alignments.
    acceptance = defaultdict(list)
    for requisition_id, _, advanced, decided in (
        ShortlistEntry.objects.filter(shortlist__requisition_id__in=ids)
        .exclude(decision=ShortlistEntry.Decision.PENDING)
        .order_by()
        .values("shortlist__requisition_id", "shortlist__number")
        .annotate(
            advanced=Count("pk", filter=Q(decision=ShortlistEntry.Decision.ADVANCE)),
            decided=Count("pk"),
        )
        .order_by("shortlist__requisition_id", "shortlist__number")
        .values_list("shortlist__requisition_id", "shortlist__number", "advanced", "decided")
    ):
        acceptance[requisition_id].append((advanced, decided))
    signed_versions = dict(
        CriteriaVersion.objects.filter(requisition_id__in=ids, status=CriteriaVersion.Status.SIGNED)
        .order_by()
        .values("requisition_id")
        .annotate(n=Count("pk"))
        .values_list("requisition_id", "n")
    )
    pulses: dict[int, list[str]] = defaultdict(list)
    for requisition_id, mood in (
        PulseAnswer.objects.filter(
            requisition_id__in=ids, week_start__gte=(now - dt.timedelta(weeks=3)).date()
        )
        .order_by("-week_start", "-pk")
        .values_list("requisition_id", "mood")
    ):
        pulses[requisition_id].append(mood)
    return {
        "terms": terms,
        "samples": samples,
        "acceptance": acceptance,
        "signed_versions": signed_versions,
        "pulses": pulses,
    }


# --- Promises kept -------------------------------------------------------------------------
COMMITMENTS = (
    # key, side, promise (with the agreed number), unit of the time it took
    (
        "first_shortlist",
        RECRUITER,
        "First shortlist within {n} business days of alignment",
        "business days",
        "first_shortlist_business_days",
    ),
    ("check_in", RECRUITER, "A written note in every weekly check-in", "", None),
    (
        "candidate_update",
        RECRUITER,
        "Candidates told about next steps within {n} days of an interview",
        "days",
        "candidate_update_days",
    ),
    (
        "shortlist_review",
        MANAGER,
        "Shortlists reviewed within {n} business days",
        "business days",
        "shortlist_review_business_days",
    ),
    (
        "scorecards",
        MANAGER,
        "Scorecards within {n} hours of an interview",
        "hours",
        "scorecard_hours",
    ),
    (
        "calibration",
        MANAGER,
        "A calibration conversation every {n} weeks",
        "weeks apart",
        "calibration_weeks",
    ),
)


def agreed_promises(terms: Terms) -> list[tuple[str, str]]:
    """(side, promise) of an agreement, in the words both people read."""
    return [
        (side, promise.format(n=getattr(terms, term)) if term else promise)
        for _, side, promise, _, term in COMMITMENTS
        if term or terms.check_in_weekly
    ]


def _kept(data: dict, requisition_ids: list[int]) -> list[PromiseKept]:
    wanted = set(requisition_ids)
    figures = []
    for key, side, promise, unit, term in COMMITMENTS:
        values = {getattr(data["terms"][pk], term) for pk in requisition_ids} if term else set()
        mixed = len(values) > 1
        n = "N" if mixed else (values.pop() if values else "")
        samples = sorted(
            (s for s in data["samples"].get(key, []) if s.requisition_id in wanted),
            key=lambda s: s.at,
        )
        took = [s.took for s in samples if s.took is not None]
        figures.append(
            PromiseKept(
                key=key,
                side=side,
                promise=promise.format(n=n) + (" (N as agreed per requisition)" if mixed else ""),
                unit=unit,
                met=sum(1 for s in samples if s.met),
                total=len(samples),
                median=statistics.median(took) if took else None,
                recent=tuple(s.met for s in samples[-RECENT:]),
            )
        )
    return figures


def promises_kept(requisition: Requisition, *, now: dt.datetime | None = None) -> list[PromiseKept]:
    """Per commitment of this requisition: how often it was met and the median time."""
    now = now or timezone.now()
    return _kept(_collect([requisition], now), [requisition.pk])


def pair_requisitions(requisition: Requisition) -> list[Requisition]:
    """The latest requisitions of the same recruiter and hiring manager (this one included)."""
    return list(
        Requisition.objects.filter(
            recruiter_id=requisition.recruiter_id, hiring_manager_id=requisition.hiring_manager_id
        )
        .select_related("recruiter", "hiring_manager", "partnership_agreement")
        .order_by("-created_at", "-pk")[:PAIR_REQUISITIONS]
    )


def pair_promises_kept(requisition: Requisition, *, now: dt.datetime | None = None):
    """The same figures over the pair's latest requisitions (PAIR_REQUISITIONS)."""
    now = now or timezone.now()
    requisitions = pair_requisitions(requisition)
    return len(requisitions), _kept(_collect(requisitions, now), [r.pk for r in requisitions])


# --- Health ------------------------------------------------------------------------------------
LAST = "{missed} of the last {count} "
MISSED = {
    "first_shortlist": "The first shortlist came later than the agreed {n} business days "
    "after alignment",
    "check_in": LAST + "weekly check-ins went out without the recruiter's note",
    "candidate_update": LAST + "candidates waited more than the agreed {n} days to hear "
    "about next steps",
    "shortlist_review": LAST + "shortlists waited more than the agreed {n} business days",
    "scorecards": LAST + "scorecards came later than the agreed {n} hours",
    "calibration": LAST + "periods of {n} weeks passed without a calibration conversation",
}
TERM_OF = {key: term for key, _, _, _, term in COMMITMENTS}


@dataclass(frozen=True)
class Health:
    level: str
    reasons: tuple[str, ...] = field(default=())

    @property
    def label(self) -> str:
        return PartnershipHealth.Level(self.level).label

    @property
    def is_bad(self) -> bool:
        return self.level == PartnershipHealth.Level.BAD

    @property
    def is_watch(self) -> bool:
        return self.level == PartnershipHealth.Level.WATCH


def _health(data: dict, requisition_id: int, realignment_needed: bool) -> Health:
    reasons: list[tuple[int, str]] = []  # (weight, words)
    terms = data["terms"][requisition_id]
    for key, words in MISSED.items():
        samples = sorted(
            (s for s in data["samples"].get(key, []) if s.requisition_id == requisition_id),
            key=lambda s: s.at,
        )[-RECENT:]
        missed = sum(1 for s in samples if not s.met)
        if key == "first_shortlist":
            bad = missed == 1
        else:
            bad = len(samples) >= 2 and missed * 2 > len(samples)
        if bad:
            n = getattr(terms, TERM_OF[key]) if TERM_OF[key] else ""
            reasons.append((1, words.format(missed=missed, count=len(samples), n=n)))
    moods = data["pulses"].get(requisition_id, [])
    off = PulseAnswer.Mood.OFF_TRACK
    if len(moods) >= 2 and moods[0] == off and moods[1] == off:
        reasons.append((2, "Two weeks off track in the hiring manager's pulse"))
    elif moods and moods[0] == off:
        reasons.append((1, "Off track in the hiring manager's latest pulse"))
    elif moods and moods[0] == PulseAnswer.Mood.SOME_CONCERNS:
        reasons.append((1, "Some concerns in the hiring manager's latest pulse"))
    latest = data["acceptance"].get(requisition_id, [])[-ACCEPTANCE_SHORTLISTS:]
    advanced = sum(a for a, _ in latest)
    decided = sum(d for _, d in latest)
    if len(latest) == ACCEPTANCE_SHORTLISTS and decided and advanced < decided * LOW_ACCEPTANCE:
        reasons.append(
            (
                1,
                f"{advanced} of {decided} candidates in the last {len(latest)} shortlists "
                "were advanced",
            )
        )
    realignments = max(data["signed_versions"].get(requisition_id, 0) - 1, 0)
    if realignments >= 2:
        reasons.append((1, f"The criteria were re-aligned {realignments} times"))
    if realignment_needed:
        reasons.append((1, "The criteria changed and wait for re-alignment"))
    weight = sum(w for w, _ in reasons)
    level = (
        PartnershipHealth.Level.BAD
        if weight >= 2
        else PartnershipHealth.Level.WATCH
        if weight
        else PartnershipHealth.Level.GOOD
    )
    return Health(level=level, reasons=tuple(words for _, words in reasons))


def health_of(
    requisitions: list[Requisition], *, now: dt.datetime | None = None
) -> dict[int, Health]:
    """The health of each requisition's partnership, with its reasons in words."""
    now = now or timezone.now()
    data = _collect(requisitions, now)
    return {r.pk: _health(data, r.pk, r.realignment_needed) for r in requisitions}


def partnership_page(requisition: Requisition, *, now: dt.datetime | None = None) -> dict:
    """Everything the partnership page shows about one requisition and its pair."""
    now = now or timezone.now()
    requisitions = pair_requisitions(requisition)
    if requisition.pk not in {r.pk for r in requisitions}:
        requisitions.append(requisition)
    data = _collect(requisitions, now)
    return {
        "promises": _kept(data, [requisition.pk]),
        "pair_promises": _kept(data, [r.pk for r in requisitions]),
        "pair_count": len(requisitions),
        "health": _health(data, requisition.pk, requisition.realignment_needed),
    }
