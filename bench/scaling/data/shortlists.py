"""The data set's assessments, shortlists (decided, or waiting on the manager) and offers."""

from __future__ import annotations

from decimal import Decimal

from bench.scaling.data.copying import next_id
from bench.scaling.data.plan import DAY, App, Build


def write_assessments(b: Build) -> None:
    """Three criteria assessed for each application from the shortlist stage on."""
    from candidates.models import Assessment

    rnd, copier = b.rnd, b.copier
    req_info, apps_list = b.requisitions, b.applications

    ratings = ["meets"] * 12 + ["partly"] * 5 + ["unknown"] * 2 + ["does_not_meet"]
    as_start = next_id(Assessment)

    def assessments():
        n = 0
        for a in apps_list:
            if a.depth < 2:
                continue
            info = req_info[a.req]
            for crit in (info["criteria"][0], info["criteria"][1], info["criteria"][4]):
                yield {
                    "id": as_start + n,
                    "application_id": a.id,
                    "criterion_id": crit,
                    "criteria_version_id": info["version"],
                    "rating": ratings[rnd.randrange(len(ratings))],
                    "evidence": "Seen in the screening call.",
                    "assessed_by_id": info["recruiter"],
                    "updated_at": a.times[2],
                }
                n += 1

    copier.copy(Assessment, assessments(), "assessments")


def write_shortlists(b: Build) -> None:
    """Shortlists of 20 per requisition; requisition 1's last one waits on its manager."""
    from candidates.models import Shortlist, ShortlistEntry

    copier, day = b.copier, DAY
    req_info, apps_list, review_n = b.requisitions, b.applications, b.review_entries
    D = ShortlistEntry.Decision

    shortlists, entries = [], []
    sl_id, en_id = next_id(Shortlist), next_id(ShortlistEntry)
    by_req: dict[int, list[App]] = {}
    for a in apps_list:
        if a.depth >= 2:
            by_req.setdefault(a.req, []).append(a)
    for r, members in by_req.items():
        info = req_info[r]
        members.sort(key=lambda a: a.times[2])
        groups = []
        if r == 0 and review_n:
            groups_src, review = members[:-review_n], members[-review_n:]
        else:
            groups_src, review = members, []
        groups = [groups_src[k : k + 20] for k in range(0, len(groups_src), 20)]
        if review:
            groups.append(review)
        for number, group in enumerate(groups, start=1):
            decided = []
            is_review = bool(review) and group is review
            for k, a in enumerate(group):
                if is_review:
                    decision = D.NEED_INFO if k < 10 else D.PENDING
                elif a.depth >= 3:
                    decision = D.ADVANCE
                elif a.closed:
                    decision = D.DECLINE
                else:
                    decision = D.PENDING
                when = a.times[2] + day if decision != D.PENDING else None
                if when:
                    decided.append(when)
                entries.append(
                    {
                        "id": en_id,
                        "shortlist_id": sl_id,
                        "application_id": a.id,
                        "decision": decision,
                        "reason": {
                            D.ADVANCE: "Meets both must-haves.",
                            D.DECLINE: "Missing production payments work.",
                            D.NEED_INFO: "What is the notice period?",
                        }.get(decision, ""),
                        "decided_at": when,
                        "decided_by_id": info["manager"] if when else None,
                    }
                )
                en_id += 1
            complete = len(decided) == len(group)
            shortlists.append(
                {
                    "id": sl_id,
                    "requisition_id": info["id"],
                    "criteria_version_id": info["version"],
                    "number": number,
                    "note": f"Batch {number}",
                    "submitted_by_id": info["recruiter"],
                    "submitted_at": group[0].times[2],
                    "completed_at": max(decided) if complete and decided else None,
                }
            )
            if is_review:
                b.review_shortlist = sl_id
            sl_id += 1
    copier.copy(Shortlist, shortlists, "shortlists")
    copier.copy(ShortlistEntry, entries, "shortlist entries")


def write_offers(b: Build) -> None:
    """An offer for each application that reached the offer stage."""
    from candidates.models import Application, Offer

    copier, day = b.copier, DAY
    req_info, apps_list = b.requisitions, b.applications

    of_id = next_id(Offer)
    offers = []
    for a in apps_list:
        if a.depth < 5:
            continue
        info = req_info[a.req]
        t5 = a.times[5]
        hired = a.depth == 6
        declined = a.closed == Application.Stage.WITHDRAWN
        offers.append(
            {
                "id": of_id,
                "application_id": a.id,
                "base_salary": Decimal(70000 + (a.id % 40) * 1000),
                "currency": "EUR",
                "start_date": (t5 + 45 * day).date(),
                "approved_at": t5,
                "approved_by_id": info["manager"],
                "verbal_offer_at": t5 + day,
                "verbal_outcome": "positive" if hired else "pending",
                "written_sent_at": t5 + 2 * day,
                "outcome": "accepted" if hired else ("declined" if declined else "open"),
                "declined_reason": "Accepted another offer." if declined else "",
                "outcome_at": t5 + 3 * day if (hired or declined) else None,
                "created_by_id": info["recruiter"],
                "created_at": t5,
            }
        )
        of_id += 1
    copier.copy(Offer, offers, "offers")
