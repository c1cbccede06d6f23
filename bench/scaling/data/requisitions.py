"""The data set's people and requisitions: users of each role; requisitions with their
intake, a signed criteria version, a hiring team and a three-stage interview plan."""

from __future__ import annotations

import uuid

from bench.scaling.data.copying import copy_links, next_id
from bench.scaling.data.plan import (
    CITIES,
    DAY,
    FIRST,
    LAST,
    REQUISITION_STATUSES,
    TEAMS,
    TITLES,
    UNUSABLE_PASSWORD,
    Build,
)


def write_people(b: Build) -> None:
    """Recruiters, hiring managers and interviewers, in a few time zones."""
    from hiring_hub.models import User

    now, c, copier, day = b.now, b.counts, b.copier, DAY

    uid = next_id(User)
    users, recruiters, managers, interviewers = [], b.recruiters, b.managers, b.interviewers
    zones = ("Europe/Berlin", "Europe/London", "UTC", "America/New_York")
    for role, n, bucket, prefix in (
        ("recruiter", c["recruiters"], recruiters, "recruiter"),
        ("hiring_manager", c["hiring_managers"], managers, "manager"),
        ("interviewer", c["interviewers"], interviewers, "interviewer"),
    ):
        for i in range(n):
            name = f"{FIRST[(i * 7 + len(role)) % len(FIRST)]} {LAST[(i * 3) % len(LAST)]}"
            users.append(
                {
                    "id": uid,
                    "password": UNUSABLE_PASSWORD,
                    "email": f"{prefix}{i + 1}@bench.example",
                    "full_name": name,
                    "role": role,
                    "time_zone": zones[i % len(zones)],
                    "date_joined": now - 900 * day,
                }
            )
            bucket.append(uid)
            uid += 1
    copier.copy(User, users, "users")


def write_requisitions(b: Build) -> None:
    """Requisitions, intakes, criteria, interview plans and hiring teams."""
    from requisitions.models import CriteriaVersion, Criterion, Intake, InterviewStage, Requisition

    rnd, now, c, copier, day = b.rnd, b.now, b.counts, b.copier, DAY
    recruiters, managers, interviewers = b.recruiters, b.managers, b.interviewers
    req_info = b.requisitions  # per requisition: dict of ids used by the next steps

    rid, vid, cid, sid, iid = (
        next_id(Requisition),
        next_id(CriteriaVersion),
        next_id(Criterion),
        next_id(InterviewStage),
        next_id(Intake),
    )
    St = Requisition.Status
    statuses = [s for s, w in REQUISITION_STATUSES for _ in range(w)]
    reqs, intakes, versions, criteria, stages, team_links, stage_links = [], [], [], [], [], [], []
    team_size = min(5, len(interviewers))
    for r in range(c["requisitions"]):
        status = St.INTERVIEWING if r == 0 else statuses[rnd.randrange(len(statuses))]
        created = now - (1100 - r * 1000 // max(1, c["requisitions"])) * day
        low = rnd.randrange(50, 90) * 1000
        recruiter = recruiters[r % len(recruiters)]
        manager = managers[r % len(managers)]
        reqs.append(
            {
                "id": rid,
                "title": f"{TITLES[r % len(TITLES)]}, {TEAMS[r % len(TEAMS)]} #{r + 1}",
                "team": TEAMS[r % len(TEAMS)],
                "location": "Berlin" if r % 3 == 0 else CITIES[r % len(CITIES)],
                "headcount": 1 + r % 3,
                "salary_min": low,
                "salary_max": low + 20000,
                "salary_currency": "EUR",
                "target_start_date": (now + (r % 120) * day).date(),
                "recruiter_id": recruiter,
                "hiring_manager_id": manager,
                "status": status,
                "status_before_hold": St.SOURCING if status == St.ON_HOLD else "",
                "opened_at": created + 7 * day,
                "filled_at": now - 10 * day if status == St.FILLED else None,
                "created_at": created,
                "updated_at": created + 30 * day,
            }
        )
        intakes.append(
            {
                "id": iid,
                "requisition_id": rid,
                "success_6_months": "Owns one service end to end.",
                "success_12_months": "Leads a cross-team project.",
                "deal_makers": "Production payments experience.",
                "deal_breakers": "No interest in on-call.",
                "updated_by_id": manager,
                "updated_at": created + 2 * day,
            }
        )
        versions.append(
            {
                "id": vid,
                "requisition_id": rid,
                "number": 1,
                "status": "signed",
                "persona": "Has shipped payments systems and mentors others.",
                "created_at": created + day,
                "created_by_id": recruiter,
                "signed_at": created + 5 * day,
                "signed_by_id": manager,
            }
        )
        crit_ids, keys = [], []
        for k, (name, kind) in enumerate(
            (
                ("Payments in production", "must_have"),
                ("System design", "must_have"),
                ("Mentoring", "nice_to_have"),
                ("Writing", "nice_to_have"),
                ("Needs visa sponsorship we cannot give", "deal_breaker"),
            )
        ):
            key = str(uuid.UUID(int=rnd.getrandbits(128), version=4))
            criteria.append(
                {
                    "id": cid,
                    "version_id": vid,
                    "key": key,
                    "name": name,
                    "kind": kind,
                    "category": "skill",
                    "definition": f"What good looks like for {name.lower()}.",
                    "order": k + 1,
                }
            )
            crit_ids.append(cid)
            keys.append(key)
            cid += 1
        team = [interviewers[(r * team_size + k) % len(interviewers)] for k in range(team_size)]
        for u in team:
            team_links.append({"requisition_id": rid, "user_id": u})
        stage_ids = []
        for k, name in enumerate(("Technical", "Team", "Final")):
            stages.append(
                {
                    "id": sid,
                    "requisition_id": rid,
                    "name": name,
                    "order": k + 1,
                    "criterion_keys": keys[k : k + 2],
                }
            )
            for u in (team[k % team_size], team[(k + 1) % team_size]):
                stage_links.append({"interviewstage_id": sid, "user_id": u})
            stage_ids.append(sid)
            sid += 1
        req_info.append(
            {
                "id": rid,
                "recruiter": recruiter,
                "manager": manager,
                "version": vid,
                "criteria": crit_ids,
                "stages": stage_ids,
                "team": team,
                "created": created,
            }
        )
        rid, vid, iid = rid + 1, vid + 1, iid + 1
    copier.copy(Requisition, reqs, "requisitions")
    copier.copy(Intake, intakes, "intakes")
    copier.copy(CriteriaVersion, versions, "criteria versions")
    copier.copy(Criterion, criteria, "criteria")
    copier.copy(InterviewStage, stages, "interview stages")
    copy_links(copier, Requisition.hiring_team.through, team_links, "hiring teams")
    copy_links(copier, InterviewStage.interviewers.through, stage_links, "stage interviewers")
