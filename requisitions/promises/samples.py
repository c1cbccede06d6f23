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
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import BooleanField, Count, ExpressionWrapper, Min, OuterRef, Q, Subquery

from hiring_hub.business_time import add_business_days
from requisitions.models import AlignmentMeeting, CheckIn, CriteriaVersion, PulseAnswer, Requisition
from requisitions.partnership import Terms, terms_of

# Health and the figures look at the latest samples of each commitment.
RECENT = 4


@dataclass(frozen=True)
class Sample:
    requisition_id: int
    at: dt.datetime  # when the promise fell due (orders the samples)
    met: bool
    took: float | None = None


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
Took = Callable[[dt.datetime, dt.datetime], float]


def _business_days(tz: dt.tzinfo) -> Took:
    return lambda start, end: business_days_between(start, end, tz)


def _elapsed(unit: dt.timedelta) -> Took:
    return lambda start, end: (end - start) / unit


def _add_deadline_sample(
    samples: list[Sample],
    requisition_id: int,
    *,
    start: dt.datetime,
    deadline: dt.datetime,
    done: dt.datetime | None,
    now: dt.datetime,
    took: Took,
) -> None:
    """A promise with a deadline: met if done by then, with the time it took; missed once
    the deadline passed undone; not counted yet before that."""
    if done is not None:
        samples.append(Sample(requisition_id, deadline, done <= deadline, took(start, done)))
    elif deadline <= now:
        samples.append(Sample(requisition_id, deadline, False))


def _aligned_at(ids: list[int]) -> dict[int, dt.datetime]:
    return dict(
        CriteriaVersion.objects.filter(requisition_id__in=ids, status=CriteriaVersion.Status.SIGNED)
        .order_by()
        .values("requisition_id")
        .annotate(first=Min("signed_at"))
        .values_list("requisition_id", "first")
    )


def collect(requisitions: list[Requisition], now: dt.datetime) -> dict:
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
        _add_deadline_sample(
            samples["first_shortlist"],
            requisition_id,
            start=start,
            deadline=deadline,
            done=first_shortlist.get(requisition_id),
            now=now,
            took=_business_days(tz),
        )

    # Manager: each shortlist reviewed within N business days.
    for requisition_id, _, submitted_at, completed_at in shortlists:
        tz = by_id[requisition_id].hiring_manager.tzinfo
        days = terms[requisition_id].shortlist_review_business_days
        _add_deadline_sample(
            samples["shortlist_review"],
            requisition_id,
            start=submitted_at,
            deadline=add_business_days(submitted_at, days, tz),
            done=completed_at,
            now=now,
            took=_business_days(tz),
        )

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
    candidate_updates = (
        Interview.objects.filter(
            application__requisition_id__in=ids,
            status=Interview.Status.SCHEDULED,
            ends_at__lte=now,
        )
        .annotate(told_at=Subquery(first_update))
        .order_by("ends_at", "pk")
        .values_list("application__requisition_id", "ends_at", "told_at")
    )

    # Manager (for the interview team): each scorecard within N hours of the interview.
    submitted_at = Scorecard.objects.filter(
        interview=OuterRef("interview"),
        interviewer=OuterRef("user"),
        status=Scorecard.Status.SUBMITTED,
    ).values("submitted_at")[:1]
    scorecards = (
        Interview.interviewers.through.objects.filter(
            interview__application__requisition_id__in=ids,
            interview__status=Interview.Status.SCHEDULED,
            interview__ends_at__lte=now,
        )
        .annotate(submitted=Subquery(submitted_at))
        .order_by("interview__ends_at", "pk")
        .values_list("interview__application__requisition_id", "interview__ends_at", "submitted")
    )
    # Both run from the end of an interview, in the unit their term is agreed in.
    for key, rows, unit, term in (
        ("candidate_update", candidate_updates, dt.timedelta(days=1), "candidate_update_days"),
        ("scorecards", scorecards, dt.timedelta(hours=1), "scorecard_hours"),
    ):
        for requisition_id, ends_at, done in rows:
            _add_deadline_sample(
                samples[key],
                requisition_id,
                start=ends_at,
                deadline=ends_at + getattr(terms[requisition_id], term) * unit,
                done=done,
                now=now,
                took=_elapsed(unit),
            )

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
