"""What the scale benchmark's data set is made of: its sizes at --scale 1, the words its
rows are made from, how far applications get, and the state the builders share."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

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


DAY = dt.timedelta(days=1)


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


@dataclass
class Build:
    """What one build shares between its steps: the seeded random source, the moment, the
    counts, the writer, and the ids each step hands to the next."""

    rnd: random.Random
    now: dt.datetime
    counts: dict[str, int]
    copier: object  # copying.Copier
    recruiters: list[int] = field(default_factory=list)
    managers: list[int] = field(default_factory=list)
    interviewers: list[int] = field(default_factory=list)
    requisitions: list[dict] = field(default_factory=list)  # ids of each requisition's parts
    first_candidate: int = 0
    applications: list[App] = field(default_factory=list)
    review_entries: int = 0  # entries of requisition 1's shortlist waiting on its manager
    review_shortlist: int | None = None


def weighted(rnd: random.Random, weights) -> int:
    x, acc = rnd.random(), 0.0
    for i, w in enumerate(weights):
        acc += w
        if x < acc:
            return i
    return len(weights) - 1
