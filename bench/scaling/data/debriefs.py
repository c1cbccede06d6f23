"""The data set's interviews: three interviewers each, their scorecards and thank-you notes."""

from __future__ import annotations

import datetime as dt

from bench.scaling.data.copying import copy_links, next_id
from bench.scaling.data.plan import DAY, Build


def write_interviews(b: Build) -> None:
    """Interviews (past, a few upcoming or cancelled), interviewers, scorecards, notes."""
    from debriefs.models import Interview, Scorecard, ThankYouNote

    rnd, now, c, copier, day = b.rnd, b.now, b.counts, b.copier, DAY
    req_info, apps_list = b.requisitions, b.applications

    interviewed = [a for a in apps_list if a.depth >= 4]
    per_app = {a.id: 1 for a in interviewed}
    extra = c["interviews"] - len(interviewed)
    ranked = sorted(interviewed, key=lambda a: -a.depth)
    for cap in (2, 3):
        for a in ranked:
            if extra <= 0:
                break
            if per_app[a.id] < cap:
                per_app[a.id] += 1
                extra -= 1
    iv_start = next_id(Interview)
    interviews, links, cards, notes = [], [], [], []
    card_id, note_id = next_id(Scorecard), next_id(ThankYouNote)
    iv = iv_start
    for a in interviewed:
        info = req_info[a.req]
        team = info["team"]
        count = per_app[a.id]
        for k in range(count):
            last = k == count - 1
            if a.upcoming and last:
                starts = now + rnd.randrange(2, 14 * 24) * dt.timedelta(hours=1)
            else:
                starts = a.times[4] + (k * 2 - 3) * day
                starts = min(starts, now - dt.timedelta(hours=30))
            ends = starts + dt.timedelta(hours=1)
            past = ends < now
            cancelled = past and rnd.random() < 0.03
            interviews.append(
                {
                    "id": iv,
                    "application_id": a.id,
                    "stage_id": info["stages"][k % len(info["stages"])],
                    "starts_at": starts,
                    "ends_at": ends,
                    "location": "Room 4",
                    "status": "cancelled" if cancelled else "scheduled",
                    "created_by_id": info["recruiter"],
                    "created_at": starts - 5 * day,
                    "updated_at": starts - 5 * day,
                }
            )
            for j in range(3):
                person = team[(a.id + k + j) % len(team)]
                links.append({"interview_id": iv, "user_id": person})
                submitted = past and not cancelled and rnd.random() < 0.97
                card = {
                    "id": card_id,
                    "interview_id": iv,
                    "interviewer_id": person,
                    "criteria_version_id": info["version"],
                    "status": "submitted" if submitted else "draft",
                    "created_at": starts,
                    "updated_at": ends + dt.timedelta(hours=3),
                }
                if submitted:
                    card.update(
                        hard_skills="Designed an idempotent retry queue.",
                        soft_skills="Explained trade-offs clearly.",
                        skills_evidence_strength="strong",
                        enthusiasm=3,
                        team_fit=3,
                        team_fit_behaviour="Credited their team.",
                        recommendation=1 + (card_id % 4),
                        submitted_at=ends + dt.timedelta(hours=3),
                    )
                cards.append(card)
                card_id += 1
            sent = past and not cancelled and rnd.random() < 0.98
            first = a.candidate  # (the name is in the candidates table; the note says hello)
            notes.append(
                {
                    "id": note_id,
                    "interview_id": iv,
                    "requisition_id": info["id"],
                    "status": ("sent" if note_id % 3 else "marked_sent") if sent else "draft",
                    "subject": "Thank you for your time today",
                    "body": f"Thank you for meeting the team (ref {first}).",
                    "due_at": ends + day,
                    "sent_at": ends + dt.timedelta(hours=6) if sent else None,
                    "sent_by_id": info["recruiter"] if sent else None,
                }
            )
            note_id += 1
            iv += 1
    copier.copy(Interview, interviews, "interviews")
    copy_links(copier, Interview.interviewers.through, links, "interview interviewers")
    copier.copy(Scorecard, cards, "scorecards")
    copier.copy(ThankYouNote, notes, "thank-you notes")
