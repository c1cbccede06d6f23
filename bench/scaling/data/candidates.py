"""The data set's candidates (tags, Berlin share) and applications with their stage history."""

from __future__ import annotations

import datetime as dt

from bench.scaling.data.copying import copy_links, next_id
from bench.scaling.data.plan import (
    CITIES,
    CLOSED_SHARE,
    DAY,
    DEPTH_WEIGHTS,
    FIRST,
    LAST,
    PATH,
    REVIEW_SHORTLIST_ENTRIES,
    SEARCH_CITY,
    SEARCH_CITY_SHARE,
    TAGS,
    UPCOMING_SHARE,
    App,
    Build,
    weighted,
)


def write_candidates(b: Build) -> None:
    """Candidates and their tags."""
    from candidates.models import Candidate, Tag

    rnd, now, c, copier, day = b.rnd, b.now, b.counts, b.copier, DAY
    recruiters = b.recruiters

    tag_id = next_id(Tag)
    tag_ids = list(range(tag_id, tag_id + len(TAGS)))
    copier.copy(Tag, ({"id": t, "name": n} for t, n in zip(tag_ids, TAGS, strict=True)), "tags")
    cand_start = b.first_candidate = next_id(Candidate)
    sources = ("sourced", "sourced", "referral", "inbound", "inbound", "agency", "event")

    def candidates():
        for i in range(c["candidates"]):
            first, last = FIRST[rnd.randrange(len(FIRST))], LAST[rnd.randrange(len(LAST))]
            created = now - rnd.randrange(1, 1100) * day
            yield {
                "id": cand_start + i,
                "full_name": f"{first} {last}",
                "email": f"{first}.{last}.{i}@mail.example".lower(),
                "phone": f"+49 30 {i:07d}",
                "location": (
                    f"{SEARCH_CITY}, Germany"
                    if rnd.random() < SEARCH_CITY_SHARE
                    else CITIES[rnd.randrange(len(CITIES))]
                ),
                "source": sources[rnd.randrange(len(sources))],
                "created_by_id": recruiters[i % len(recruiters)],
                "created_at": created,
                "updated_at": created,
            }

    copier.copy(Candidate, candidates(), "candidates")

    def candidate_tags():
        for i in range(c["candidates"]):
            if rnd.random() < 0.4:
                for t in rnd.sample(tag_ids, 1 + (i % 2)):
                    yield {"candidate_id": cand_start + i, "tag_id": t}

    copy_links(copier, Candidate.tags.through, candidate_tags(), "candidate tags")


def write_applications(b: Build) -> None:
    """Applications across the stages (requisition 1 the largest, its last ones waiting on a
    shortlist), then their stage changes."""
    from candidates.models import Application, StageChange

    rnd, now, c, copier, day = b.rnd, b.now, b.counts, b.copier, DAY
    req_info, cand_start = b.requisitions, b.first_candidate
    St = Application.Stage

    big = c["big_requisition"]
    rest = c["applications"] - big
    others = c["requisitions"] - 1
    weights = [0.3 + 1.4 * rnd.random() for _ in range(others)]
    sizes = [int(rest * w / sum(weights)) for w in weights]
    for k in range(rest - sum(sizes)):
        sizes[k % others] += 1
    sizes = [big, *sizes]
    app_id = next_id(Application)
    apps_list = b.applications
    offset = 0
    review_n = b.review_entries = min(REVIEW_SHORTLIST_ENTRIES, big // 2)
    for r, n in enumerate(sizes):
        for j in range(min(n, c["candidates"])):
            forced = r == 0 and j >= n - review_n
            depth = 2 if forced else weighted(rnd, DEPTH_WEIGHTS)
            closed = ""
            if not forced and depth < 6 and rnd.random() < CLOSED_SHARE:
                closed = St.REJECTED if rnd.random() < 0.85 else St.WITHDRAWN
            t0 = (
                now
                - rnd.randrange(45, 1000) * day
                - rnd.randrange(0, 86400) * dt.timedelta(seconds=1)
            )
            if forced:
                t0 = now - 20 * day + j * dt.timedelta(minutes=7)
            a = App(
                app_id,
                cand_start + (offset + j) % c["candidates"],
                r,
                depth,
                closed,
                t0,
                upcoming=depth == 4 and not closed and rnd.random() < UPCOMING_SHARE,
            )
            steps = depth + 1 + (1 if closed else 0)
            a.times = [
                t0 + k * 4 * day + rnd.randrange(0, 36000) * dt.timedelta(seconds=1)
                for k in range(steps)
            ]
            apps_list.append(a)
            app_id += 1
        offset += n

    def applications():
        for a in apps_list:
            info = req_info[a.req]
            stage = a.closed or PATH[a.depth]
            promised = None
            if not a.closed and a.depth >= 3:
                promised = (now + (a.id % 10 - 2) * day).date()
            yield {
                "id": a.id,
                "candidate_id": a.candidate,
                "requisition_id": info["id"],
                "stage": stage,
                "shortlisted_at": a.times[2] if a.depth >= 2 else None,
                "closed_reason": "Not a fit for the must-haves." if a.closed else "",
                "stage_changed_at": a.times[-1],
                "last_candidate_update_at": a.times[-1] if a.depth >= 1 else None,
                "next_update_promised_by": promised,
                "created_by_id": info["recruiter"],
                "created_at": a.t0,
            }

    copier.copy(Application, applications(), "applications")

    sc_start = next_id(StageChange)

    def stage_changes():
        n = 0
        for a in apps_list:
            actor = req_info[a.req]["recruiter"]
            path = list(PATH[: a.depth + 1]) + ([a.closed] if a.closed else [])
            prev = ""
            for k, stage in enumerate(path):
                yield {
                    "id": sc_start + n,
                    "application_id": a.id,
                    "from_stage": prev,
                    "to_stage": stage,
                    "actor_id": actor,
                    "reason": "Not a fit for the must-haves." if stage == a.closed else "",
                    "created_at": a.times[k],
                }
                prev = stage
                n += 1
        # The rest of the history: applications moved back a stage and forward again.
        movable = [a for a in apps_list if a.depth >= 1 and not a.closed]
        k = 0
        while n + 2 <= c["stage_changes"] and movable:
            a = movable[k % len(movable)]
            here, back = PATH[a.depth], PATH[a.depth - 1]
            actor = req_info[a.req]["recruiter"]
            moment = a.times[-1] - dt.timedelta(hours=2)
            for frm, to, when in (
                (here, back, moment),
                (back, here, moment + dt.timedelta(hours=1)),
            ):
                yield {
                    "id": sc_start + n,
                    "application_id": a.id,
                    "from_stage": frm,
                    "to_stage": to,
                    "actor_id": actor,
                    "reason": "Moved back to check references." if to == back else "",
                    "created_at": when,
                }
                n += 1
            k += 1

    copier.copy(StageChange, stage_changes(), "stage changes")
