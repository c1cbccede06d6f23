"""The health of a partnership: the promises missed lately, the pulse, the acceptance of
shortlists and the re-alignments, weighed into good, worth a look or needs a talk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from requisitions.models import PartnershipHealth, PulseAnswer, Requisition
from requisitions.promises.kept import COMMITMENTS, kept, pair_requisitions
from requisitions.promises.samples import RECENT, collect

# Of the latest shortlists, fewer advanced than this share is a sign of misalignment.
LOW_ACCEPTANCE = 1 / 3
ACCEPTANCE_SHORTLISTS = 2


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
    data = collect(requisitions, now)
    return {r.pk: _health(data, r.pk, r.realignment_needed) for r in requisitions}


def partnership_page(requisition: Requisition, *, now: dt.datetime | None = None) -> dict:
    """Everything the partnership page shows about one requisition and its pair."""
    now = now or timezone.now()
    requisitions = pair_requisitions(requisition)
    if requisition.pk not in {r.pk for r in requisitions}:
        requisitions.append(requisition)
    data = collect(requisitions, now)
    return {
        "promises": kept(data, [requisition.pk]),
        "pair_promises": kept(data, [r.pk for r in requisitions]),
        "pair_count": len(requisitions),
        "health": _health(data, requisition.pk, requisition.realignment_needed),
    }
