"""What every demo search of the candidates app is built from: its requisition and signed
criteria (standing alone when the requisitions demo has not run), people, applications,
assessments and offers, all through the services and idempotent."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from candidates import services
from candidates.models import Application, Assessment, Candidate, Offer
from hiring_hub.demo import days_ago
from requisitions.models import CriteriaVersion, Criterion, Requisition
from requisitions.selectors import current_signed_version

St = Application.Stage
R = Assessment.Rating
DOMAIN = "example.net"

MINIMAL_REQUISITIONS = {
    # title: (team, location, status, recruiter key, manager key)
    "Senior Backend Engineer": (
        "Payments",
        "Berlin / remote",
        Requisition.Status.SOURCING,
        "recruiter",
        "manager",
    ),
    "Data Analyst": ("Finance", "London", Requisition.Status.INTERVIEWING, "recruiter2", "manager"),
}

FALLBACK_CRITERIA = [
    # name, kind, category, definition
    (
        "Runs production services",
        Criterion.Kind.MUST_HAVE,
        Criterion.Category.EXPERIENCE,
        "Has owned a service in production: on-call, incidents, and what they changed after.",
    ),
    (
        "Clear written communication",
        Criterion.Kind.MUST_HAVE,
        Criterion.Category.SKILL,
        "Writes design notes others can act on without a meeting.",
    ),
    (
        "Domain experience",
        Criterion.Kind.NICE_TO_HAVE,
        Criterion.Category.EXPERIENCE,
        "Has worked in the team's business domain before.",
    ),
    (
        "Blames others for failures",
        Criterion.Kind.DEAL_BREAKER,
        Criterion.Category.TEAM_FIT,
        "Talks about past incidents only as other people's mistakes.",
    ),
]


def requisition_named(title: str, users) -> Requisition:
    requisition = Requisition.objects.filter(title=title).order_by("pk").first()
    if requisition is None:
        team, location, status, recruiter, manager = MINIMAL_REQUISITIONS[title]
        requisition = Requisition.objects.create(
            title=title,
            team=team,
            location=location,
            status=status,
            recruiter=users[recruiter],
            hiring_manager=users[manager],
        )
    return requisition


def signed_version(requisition: Requisition) -> CriteriaVersion:
    version = current_signed_version(requisition)
    if version is not None:
        return version
    # The requisitions demo normally signs the criteria; this keeps ours standing alone.
    last = requisition.criteria_versions.order_by("-number").first()
    version = CriteriaVersion.objects.create(
        requisition=requisition,
        number=(last.number + 1) if last else 1,
        status=CriteriaVersion.Status.SIGNED,
        persona="Pragmatic, owns outcomes, explains trade-offs plainly.",
        signed_at=timezone.now(),
        signed_by=requisition.hiring_manager,
    )
    for order, (name, kind, category, definition) in enumerate(FALLBACK_CRITERIA):
        Criterion.objects.create(
            version=version,
            name=name,
            kind=kind,
            category=category,
            definition=definition,
            order=order,
        )
    return current_signed_version(requisition)


def _resume(name: str, headline: str) -> ContentFile:
    text = f"{name}\n{headline}\n\nExperience\n- 2019-2026: see LinkedIn\n"
    return ContentFile(text.encode(), name="resume.txt")


def add_candidate(actor, name, slug, location, source, tags, notes="", resume=True) -> Candidate:
    email = f"{slug}@{DOMAIN}"
    existing = Candidate.objects.filter(email__iexact=email).first()
    if existing:
        return existing
    return services.candidate_create(
        actor=actor,
        full_name=name,
        email=email,
        location=location,
        source=source,
        tags=tags,
        notes=notes,
        links=f"https://www.linkedin.com/in/{slug}",
        resume=_resume(name, notes or location) if resume else None,
    )


def add_application(candidate, requisition, actor) -> Application:
    return Application.objects.filter(
        candidate=candidate, requisition=requisition
    ).first() or services.application_create(
        candidate=candidate, requisition=requisition, actor=actor
    )


def assess(
    application, version, actor, ratings: list[str], evidence: str, flag_evidence: str = ""
) -> None:
    criteria = list(version.criteria.all())
    result = {}
    for i, criterion in enumerate(criteria):
        rating = ratings[i % len(ratings)]
        note = evidence if i == 0 else ""
        if rating == R.DOES_NOT_MEET:
            note = flag_evidence or evidence
        result[criterion.pk] = (rating, note)
    services.assessment_save(application=application, actor=actor, ratings=result)


def deal_breaker_rating(version, rating_for_deal_breaker: str, others: str) -> list[str]:
    return [
        rating_for_deal_breaker if c.kind == Criterion.Kind.DEAL_BREAKER else others
        for c in version.criteria.all()
    ]


def approved_offer(
    application: Application,
    recruiter,
    manager,
    *,
    drafted: tuple[int, int],
    approved: tuple[int, int],
    **terms,
) -> Offer:
    """An offer drafted by the recruiter and approved by the manager, on the days given as
    (days ago, hour)."""
    with days_ago(*drafted):
        offer = services.offer_create(application=application, actor=recruiter, **terms)
    with days_ago(*approved):
        services.offer_approve(offer=offer, actor=manager)
    return offer


def start_in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)
