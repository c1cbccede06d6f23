"""The data set of the scale benchmark, written with PostgreSQL COPY after `migrate`.

At --scale 1: 300 requisitions, 100,000 candidates, 200,000 applications, 550,000 stage
changes, 50,000 interviews (3 interviewers each, so 150,000 scorecards), plus the users,
criteria, interview plans, shortlists with entries, assessments, thank-you notes and offers
a few years of use leave behind. 12% of the candidates live in Berlin. Requisition 1 (the
first one built) has 2,000 applications and a shortlist of 60 entries waiting for its
hiring manager. Every row respects the models' constraints; ids are assigned here and the
sequences are moved past them afterwards. Deterministic for a given scale and seed.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import sys
import time
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

FULL = {
    "requisitions": 300,
    "candidates": 100_000,
    "applications": 200_000,
    "stage_changes": 550_000,
    "interviews": 50_000,
    "recruiters": 25,
    "hiring_managers": 100,
    "interviewers": 500,
}
BIG_REQUISITION_APPLICATIONS = 2_000
REVIEW_SHORTLIST_ENTRIES = 60
SEARCH_CITY = "Berlin"
SEARCH_CITY_SHARE = 0.12

FIRST = [
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Elena",
    "Felix",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Katrin",
    "Lukas",
    "Mara",
    "Noah",
    "Olga",
    "Paul",
    "Quinn",
    "Rosa",
    "Sami",
    "Tara",
    "Umar",
    "Vera",
    "Wim",
    "Xenia",
    "Yusuf",
    "Zoe",
    "Amir",
    "Bea",
    "Carlos",
    "Dana",
    "Emil",
    "Farah",
    "Gil",
    "Hana",
    "Ivan",
    "Jana",
    "Kofi",
    "Lea",
    "Milan",
    "Nina",
    "Omar",
    "Pia",
    "Rafael",
    "Sofia",
    "Timo",
    "Ute",
    "Vince",
    "Wen",
    "Yara",
    "Zeno",
]
LAST = [
    "Schmidt",
    "Novak",
    "Rossi",
    "Garcia",
    "Kowalski",
    "Jensen",
    "Dubois",
    "Silva",
    "Okafor",
    "Tanaka",
    "Nguyen",
    "Petrov",
    "Larsen",
    "Moreau",
    "Fischer",
    "Weber",
    "Costa",
    "Brown",
    "Wilson",
    "Khan",
    "Ahmed",
    "Ivanova",
    "Horvat",
    "Meyer",
    "Wagner",
    "Becker",
    "Hoffmann",
    "Keller",
    "Lang",
    "Richter",
    "Wolf",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Hartmann",
    "Lehmann",
    "Krause",
    "Walter",
    "Maier",
    "Mayer",
    "Huber",
    "Kaiser",
    "Fuchs",
    "Peters",
    "Scholz",
    "Vogel",
    "Friedrich",
]
CITIES = [
    "Hamburg, Germany",
    "Munich, Germany",
    "Cologne, Germany",
    "Frankfurt, Germany",
    "Leipzig, Germany",
    "Vienna, Austria",
    "Zurich, Switzerland",
    "Amsterdam, Netherlands",
    "Paris, France",
    "Lisbon, Portugal",
    "Madrid, Spain",
    "Warsaw, Poland",
    "Prague, Czechia",
    "London, United Kingdom",
    "Dublin, Ireland",
    "Stockholm, Sweden",
    "Copenhagen, Denmark",
    "Remote (EU)",
    "New York, USA",
    "Toronto, Canada",
]
TAGS = [
    "python",
    "django",
    "java",
    "kotlin",
    "go",
    "rust",
    "typescript",
    "react",
    "payments",
    "fintech",
    "data-platform",
    "kubernetes",
    "security",
    "mobile",
    "design-systems",
    "leadership",
    "mentoring",
    "relocation",
    "remote",
    "visa-needed",
    "referral-bonus",
    "returner",
    "conference-speaker",
    "open-source",
    "ml",
    "sre",
    "qa",
    "product-minded",
    "startup",
    "enterprise",
]
TITLES = [
    "Backend Engineer",
    "Senior Backend Engineer",
    "Frontend Engineer",
    "Staff Engineer",
    "Data Engineer",
    "Engineering Manager",
    "Product Designer",
    "Product Manager",
    "Site Reliability Engineer",
    "Security Engineer",
    "Mobile Engineer",
    "QA Engineer",
    "Data Scientist",
    "Solutions Architect",
]
TEAMS = [
    "Payments",
    "Platform",
    "Growth",
    "Checkout",
    "Risk",
    "Mobile",
    "Data",
    "Identity",
    "Search",
    "Billing",
]

# (max stage reached, share): how far applications get.
PATH = ("sourced", "screening", "shortlisted", "manager_review", "interviewing", "offer", "hired")
DEPTH_WEIGHTS = (0.35, 0.30, 0.12, 0.08, 0.12, 0.02, 0.01)
CLOSED_SHARE = 0.30
UPCOMING_SHARE = 0.06  # open "interviewing" applications whose next interview is ahead
REQUISITION_STATUSES = (
    ("sourcing", 40),
    ("interviewing", 25),
    ("offer", 5),
    ("filled", 20),
    ("on_hold", 4),
    ("cancelled", 3),
    ("intake", 2),
    ("aligned", 1),
)
UNUSABLE_PASSWORD = "!bench-unusable-password"


def counts_for(scale: float) -> dict[str, int]:
    minimum = {"requisitions": 3, "recruiters": 2, "hiring_managers": 2, "interviewers": 6}
    counts = {k: max(minimum.get(k, 10), round(v * scale)) for k, v in FULL.items()}
    counts["applications"] = max(counts["applications"], counts["requisitions"] * 2)
    counts["big_requisition"] = max(
        2, min(BIG_REQUISITION_APPLICATIONS, counts["applications"] // 2)
    )
    return counts


# --- Progress and COPY ---------------------------------------------------------------------
class Progress:
    """A one-line progress bar on stderr (rows written out of the rows planned)."""

    def __init__(self, total: int, stream=sys.stderr, width: int = 30):
        self.total, self.done, self.stream, self.width = max(1, total), 0, stream, width
        self.started = time.perf_counter()
        self.label = ""

    def update(self, rows: int, label: str | None = None) -> None:
        self.done += rows
        self.label = label or self.label
        share = min(1.0, self.done / self.total)
        bar = "#" * int(share * self.width)
        elapsed = time.perf_counter() - self.started
        self.stream.write(
            f"\r[{bar:<{self.width}}] {share:4.0%} {self.done:>10,} rows "
            f"{elapsed:6.1f}s  {self.label:<28}"
        )
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def _text(value) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        value = json.dumps(value)
    elif not isinstance(value, str):
        return str(value)
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


class Copier:
    """COPY rows (dicts by attname) into a model's table, filling each missing column with the
    field's default (auto_now fields: the build time; nullable: NULL; blank text: '')."""

    CHUNK = 50_000

    def __init__(self, connection, progress: Progress, now: dt.datetime):
        self.connection, self.progress, self.now = connection, progress, now
        self.written: dict[str, int] = {}

    def columns(self, model) -> list[tuple[str, object]]:
        cols = []
        for f in model._meta.local_concrete_fields:
            if f.primary_key:
                cols.append((f.attname, KeyError))
            elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                cols.append((f.attname, self.now))
            elif f.has_default():
                cols.append((f.attname, f.get_default()))
            elif f.null:
                cols.append((f.attname, None))
            elif f.blank and f.get_internal_type() in ("CharField", "TextField", "FileField"):
                cols.append((f.attname, ""))
            else:
                cols.append((f.attname, KeyError))
        return cols

    def copy(self, model, rows, label: str) -> int:
        if self.connection.vendor != "postgresql":
            return self._insert(model, rows, label)
        cols = self.columns(model)
        table = model._meta.db_table
        names = ", ".join(f'"{name}"' for name, _ in cols)
        sql = f'COPY "{table}" ({names}) FROM STDIN'
        n = 0
        buf = io.StringIO()
        pending = 0
        with self.connection.cursor() as cursor:
            for row in rows:
                buf.write("\t".join(_text(v) for v in self._values(table, cols, row)))
                buf.write("\n")
                n += 1
                pending += 1
                if pending == self.CHUNK:
                    buf.seek(0)
                    cursor.cursor.copy_expert(sql, buf)
                    buf = io.StringIO()
                    self.progress.update(pending, label)
                    pending = 0
            if pending:
                buf.seek(0)
                cursor.cursor.copy_expert(sql, buf)
                self.progress.update(pending, label)
        self.written[table] = self.written.get(table, 0) + n
        return n

    @staticmethod
    def _values(table: str, cols, row: dict) -> list:
        values = []
        for name, default in cols:
            value = row.get(name, default)
            if value is KeyError:
                raise KeyError(f"{table}.{name} has no value and no default")
            values.append(value)
        return values

    def _insert(self, model, rows, label: str) -> int:
        """Other databases (the SQLite test run): plain INSERTs, values prepared by the fields."""
        cols = self.columns(model)
        by_attname = {f.attname: f for f in model._meta.local_concrete_fields}
        fields = [by_attname[name] for name, _ in cols]
        table = model._meta.db_table
        names = ", ".join(f'"{name}"' for name, _ in cols)
        sql = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join(["%s"] * len(cols))})'
        params = [
            [
                f.get_db_prep_save(v, self.connection)
                for f, v in zip(fields, self._values(table, cols, row), strict=True)
            ]
            for row in rows
        ]
        with self.connection.cursor() as cursor:
            cursor.executemany(sql, params)
        self.progress.update(len(params), label)
        self.written[table] = self.written.get(table, 0) + len(params)
        return len(params)

    def reset_sequences(self) -> None:
        if self.connection.vendor != "postgresql":
            return  # SQLite's AUTOINCREMENT follows the highest id inserted
        with self.connection.cursor() as cursor:
            for table in self.written:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{table}"), 1))'
                )


def next_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


# --- The data set --------------------------------------------------------------------------
@dataclass
class App:
    id: int
    candidate: int
    req: int
    depth: int
    closed: str  # "", "rejected" or "withdrawn"
    t0: dt.datetime
    upcoming: bool = False
    times: list[dt.datetime] = field(default_factory=list)


def build(*, scale: float = 1.0, seed: int = 10, progress_stream=sys.stderr) -> dict:
    """Write the data set into the (migrated, empty) default database; return the counts."""
    from django.apps import apps
    from django.db import connection
    from django.utils import timezone

    m = apps.get_model
    User = m("hiring_hub", "User")
    Requisition = m("requisitions", "Requisition")
    Intake = m("requisitions", "Intake")
    CriteriaVersion = m("requisitions", "CriteriaVersion")
    Criterion = m("requisitions", "Criterion")
    InterviewStage = m("requisitions", "InterviewStage")
    Tag = m("candidates", "Tag")
    Candidate = m("candidates", "Candidate")
    Application = m("candidates", "Application")
    StageChange = m("candidates", "StageChange")
    Assessment = m("candidates", "Assessment")
    Shortlist = m("candidates", "Shortlist")
    ShortlistEntry = m("candidates", "ShortlistEntry")
    Offer = m("candidates", "Offer")
    Interview = m("debriefs", "Interview")
    Scorecard = m("debriefs", "Scorecard")
    ThankYouNote = m("debriefs", "ThankYouNote")

    rnd = random.Random(seed)
    now = timezone.now().replace(microsecond=0)
    c = counts_for(scale)
    planned = (  # rows of every table, roughly (for the progress bar)
        c["candidates"] * 1.6
        + c["applications"] * 2.5
        + c["stage_changes"]
        + c["interviews"] * 8
        + c["requisitions"] * 20
    )
    progress = Progress(int(planned), stream=progress_stream)
    copier = Copier(connection, progress, now)
    day = dt.timedelta(days=1)

    # Users ------------------------------------------------------------------------------
    uid = next_id(User)
    users, recruiters, managers, interviewers = [], [], [], []
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

    # Requisitions, intakes, criteria, interview plans --------------------------------------
    rid, vid, cid, sid, iid = (
        next_id(Requisition),
        next_id(CriteriaVersion),
        next_id(Criterion),
        next_id(InterviewStage),
        next_id(Intake),
    )
    statuses = [s for s, w in REQUISITION_STATUSES for _ in range(w)]
    reqs, intakes, versions, criteria, stages, team_links, stage_links = [], [], [], [], [], [], []
    req_info = []  # per requisition: dict of ids used below
    team_size = min(5, len(interviewers))
    for r in range(c["requisitions"]):
        status = "interviewing" if r == 0 else statuses[rnd.randrange(len(statuses))]
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
                "status_before_hold": "sourcing" if status == "on_hold" else "",
                "opened_at": created + 7 * day,
                "filled_at": now - 10 * day if status == "filled" else None,
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
    _copy_links(copier, Requisition.hiring_team.through, team_links, "hiring teams")
    _copy_links(copier, InterviewStage.interviewers.through, stage_links, "stage interviewers")

    # Candidates and tags ------------------------------------------------------------------
    tag_id = next_id(Tag)
    tag_ids = list(range(tag_id, tag_id + len(TAGS)))
    copier.copy(Tag, ({"id": t, "name": n} for t, n in zip(tag_ids, TAGS, strict=True)), "tags")
    cand_start = next_id(Candidate)
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

    _copy_links(copier, Candidate.tags.through, candidate_tags(), "candidate tags")

    # Applications and their history -------------------------------------------------------
    big = c["big_requisition"]
    rest = c["applications"] - big
    others = c["requisitions"] - 1
    weights = [0.3 + 1.4 * rnd.random() for _ in range(others)]
    sizes = [int(rest * w / sum(weights)) for w in weights]
    for k in range(rest - sum(sizes)):
        sizes[k % others] += 1
    sizes = [big, *sizes]
    app_id = next_id(Application)
    apps_list: list[App] = []
    offset = 0
    review_n = min(REVIEW_SHORTLIST_ENTRIES, big // 2)
    for r, n in enumerate(sizes):
        for j in range(min(n, c["candidates"])):
            forced = r == 0 and j >= n - review_n
            depth = 2 if forced else _weighted(rnd, DEPTH_WEIGHTS)
            closed = ""
            if not forced and depth < 6 and rnd.random() < CLOSED_SHARE:
                closed = "rejected" if rnd.random() < 0.85 else "withdrawn"
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

    # Assessments, shortlists and entries --------------------------------------------------
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

    shortlists, entries = [], []
    sl_id, en_id = next_id(Shortlist), next_id(ShortlistEntry)
    by_req: dict[int, list[App]] = {}
    for a in apps_list:
        if a.depth >= 2:
            by_req.setdefault(a.req, []).append(a)
    review_shortlist = None
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
                    decision = "need_info" if k < 10 else "pending"
                elif a.depth >= 3:
                    decision = "advance"
                elif a.closed:
                    decision = "decline"
                else:
                    decision = "pending"
                when = a.times[2] + day if decision != "pending" else None
                if when:
                    decided.append(when)
                entries.append(
                    {
                        "id": en_id,
                        "shortlist_id": sl_id,
                        "application_id": a.id,
                        "decision": decision,
                        "reason": {
                            "advance": "Meets both must-haves.",
                            "decline": "Missing production payments work.",
                            "need_info": "What is the notice period?",
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
                review_shortlist = sl_id
            sl_id += 1
    copier.copy(Shortlist, shortlists, "shortlists")
    copier.copy(ShortlistEntry, entries, "shortlist entries")

    # Offers ---------------------------------------------------------------------------------
    of_id = next_id(Offer)
    offers = []
    for a in apps_list:
        if a.depth < 5:
            continue
        info = req_info[a.req]
        t5 = a.times[5]
        hired = a.depth == 6
        declined = a.closed == "withdrawn"
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

    # Interviews, interviewers, scorecards, thank-you notes --------------------------------------
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
    _copy_links(copier, Interview.interviewers.through, links, "interview interviewers")
    copier.copy(Scorecard, cards, "scorecards")
    copier.copy(ThankYouNote, notes, "thank-you notes")
    progress.close()
    copier.reset_sequences()
    return {
        "tables": dict(copier.written),
        "big_requisition": req_info[0]["id"],
        "review_shortlist": review_shortlist,
    }


def _weighted(rnd: random.Random, weights) -> int:
    x, acc = rnd.random(), 0.0
    for i, w in enumerate(weights):
        acc += w
        if x < acc:
            return i
    return len(weights) - 1


def _copy_links(copier: Copier, through, rows, label: str) -> int:
    start = next_id(through)

    def numbered():
        for n, row in enumerate(rows):
            yield {"id": start + n, **row}

    return copier.copy(through, numbered(), label)


# --- The notification sweep's data set -----------------------------------------------------
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
            subject="Thank you for your time today",
            body="Thank you for meeting the team.",
            due_at=ends + day,
        )
    for name in ids:
        copier.copy(m(*name.split(".")), rows[name], name)
    _copy_links(copier, m("debriefs", "Interview").interviewers.through, links, "links")
    copier.reset_sequences()
    return {"recipients": groups * 4, "tables": dict(copier.written)}
