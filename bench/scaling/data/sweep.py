"""The notification sweep's data set: everything due at one moment for groups of four people."""

from __future__ import annotations

import datetime as dt
import io
import uuid

from bench.scaling.data.copying import Copier, Progress, copy_links, next_id
from bench.scaling.data.plan import UNUSABLE_PASSWORD


def build_sweep(*, recipients: int, now: dt.datetime) -> dict:
    """Everything due at `now` for `recipients` people, in groups of four (a recruiter, a
    hiring manager, two interviewers) sharing one open requisition: the weekly check-in
    (recruiter, manager), a thank-you reminder and a follow-up (recruiter), a shortlist
    waiting (manager) and scorecard reminders (interviewers)."""
    from django.apps import apps
    from django.db import connection

    m = apps.get_model
    progress = Progress(recipients * 12, stream=io.StringIO())
    copier = Copier(connection, progress, now)
    day, hour = dt.timedelta(days=1), dt.timedelta(hours=1)
    groups = max(1, recipients // 4)
    ids = {
        name: next_id(m(*name.split(".")))
        for name in [
            "hiring_hub.User",
            "requisitions.Requisition",
            "requisitions.CriteriaVersion",
            "requisitions.Criterion",
            "requisitions.InterviewStage",
            "candidates.Candidate",
            "candidates.Application",
            "candidates.Shortlist",
            "candidates.ShortlistEntry",
            "debriefs.Interview",
            "debriefs.Scorecard",
            "debriefs.ThankYouNote",
        ]
    }
    rows: dict[str, list] = {name: [] for name in ids}
    links = []

    def add(model_label, /, **values):
        values["id"] = ids[model_label]
        ids[model_label] += 1
        rows[model_label].append(values)
        return values["id"]

    for g in range(groups):
        people = {}
        for role, label in (
            ("recruiter", "recruiter"),
            ("hiring_manager", "manager"),
            ("interviewer", "interviewer-a"),
            ("interviewer", "interviewer-b"),
        ):
            people[label] = add(
                "hiring_hub.User",
                password=UNUSABLE_PASSWORD,
                email=f"{label}{g}@sweep.example",
                full_name=f"{label.title()} {g}",
                role=role,
                time_zone="Europe/Berlin",
                date_joined=now - 400 * day,
            )
        req = add(
            "requisitions.Requisition",
            title=f"Backend Engineer #{g}",
            team="Payments",
            location="Berlin",
            recruiter_id=people["recruiter"],
            hiring_manager_id=people["manager"],
            status="interviewing",
            opened_at=now - 60 * day,
            created_at=now - 70 * day,
            updated_at=now - 10 * day,
        )
        version = add(
            "requisitions.CriteriaVersion",
            requisition_id=req,
            number=1,
            status="signed",
            signed_at=now - 50 * day,
            signed_by_id=people["manager"],
            created_at=now - 55 * day,
        )
        key = str(uuid.UUID(int=g + 1, version=4))
        add(
            "requisitions.Criterion",
            version_id=version,
            key=key,
            name="Payments in production",
            kind="must_have",
            definition="Has run a payment system.",
            order=1,
        )
        stage = add(
            "requisitions.InterviewStage",
            requisition_id=req,
            name="Technical",
            order=1,
            criterion_keys=[key],
        )
        apps_ = []
        for k, stage_name in enumerate(("interviewing", "shortlisted")):
            cand = add(
                "candidates.Candidate",
                full_name=f"Candidate {g}-{k}",
                email=f"candidate{g}-{k}@mail.example",
                created_at=now - 40 * day,
                updated_at=now - 40 * day,
            )
            apps_.append(
                add(
                    "candidates.Application",
                    candidate_id=cand,
                    requisition_id=req,
                    stage=stage_name,
                    shortlisted_at=now - 20 * day,
                    stage_changed_at=now - 5 * day,
                    last_candidate_update_at=now - 10 * day,
                    next_update_promised_by=(now - 3 * day).date() if k == 0 else None,
                    created_at=now - 40 * day,
                )
            )
        shortlist = add(
            "candidates.Shortlist",
            requisition_id=req,
            criteria_version_id=version,
            number=1,
            submitted_by_id=people["recruiter"],
            submitted_at=now - 6 * day,
        )
        add("candidates.ShortlistEntry", shortlist_id=shortlist, application_id=apps_[1])
        ends = now - 3 * hour
        interview = add(
            "debriefs.Interview",
            application_id=apps_[0],
            stage_id=stage,
            starts_at=ends - hour,
            ends_at=ends,
            created_by_id=people["recruiter"],
            created_at=now - 8 * day,
            updated_at=now - 8 * day,
        )
        for label in ("interviewer-a", "interviewer-b"):
            links.append({"interview_id": interview, "user_id": people[label]})
            add(
                "debriefs.Scorecard",
                interview_id=interview,
                interviewer_id=people[label],
                criteria_version_id=version,
                created_at=ends - hour,
                updated_at=ends - hour,
            )
        add(
            "debriefs.ThankYouNote",
            interview_id=interview,
            requisition_id=req,
            subject="Thank you for your time today",
            body="Thank you for meeting the team.",
            due_at=ends + day,
        )
    for name in ids:
        copier.copy(m(*name.split(".")), rows[name], name)
    copy_links(copier, m("debriefs", "Interview").interviewers.through, links, "links")
    copier.reset_sequences()
    return {"recipients": groups * 4, "tables": dict(copier.written)}
