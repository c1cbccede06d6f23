"""Demo candidates: a pipeline on "Senior Backend Engineer" with a decided shortlist and one
awaiting the manager's review (a deal-breaker flag, a need-more-information thread), and on
"Data Analyst" an offer in progress. Built through the services; idempotent."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from candidates import services
from candidates.models import Application, Assessment, Candidate, ShortlistEntry
from requisitions.models import CriteriaVersion, Criterion, Requisition
from requisitions.selectors import current_signed_version

St = Application.Stage
R = Assessment.Rating
DOMAIN = "example.net"

MINIMAL_REQUISITIONS = {
    # title: (team, location, status, recruiter key, manager key)
    "Senior Backend Engineer": ("Payments", "Berlin / remote", "sourcing", "recruiter", "manager"),
    "Data Analyst": ("Finance", "London", "interviewing", "recruiter2", "manager"),
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


def _requisition(title: str, users) -> Requisition:
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


def _signed_version(requisition: Requisition) -> CriteriaVersion:
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


def _candidate(actor, name, slug, location, source, tags, notes="", resume=True) -> Candidate:
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


def _apply(candidate, requisition, actor) -> Application:
    return Application.objects.filter(
        candidate=candidate, requisition=requisition
    ).first() or services.application_create(
        candidate=candidate, requisition=requisition, actor=actor
    )


def _assess(
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


def _deal_breaker_rating(version, rating_for_deal_breaker: str, others: str) -> list[str]:
    return [
        rating_for_deal_breaker if c.kind == Criterion.Kind.DEAL_BREAKER else others
        for c in version.criteria.all()
    ]


def _seed_backend(users) -> None:
    requisition = _requisition("Senior Backend Engineer", users)
    if requisition.shortlists.exists():
        return
    rita, maya = requisition.recruiter, requisition.hiring_manager
    version = _signed_version(requisition)
    S = Candidate.Source
    people = [
        (
            "Amara Okoye",
            "amara.okoye",
            "Lagos / remote",
            S.REFERRAL,
            ["python", "payments"],
            "Led the card-processing rewrite at a fintech; calm under incidents.",
        ),
        (
            "Jonas Weber",
            "jonas.weber",
            "Berlin",
            S.SOURCED,
            ["go", "kafka"],
            "Strong distributed-systems background; little payments exposure.",
        ),
        (
            "Elena García",
            "elena.garcia",
            "Madrid",
            S.INBOUND,
            ["python", "postgres"],
            "Great on data modelling; wants more ownership.",
        ),
        (
            "Tomasz Nowak",
            "tomasz.nowak",
            "Warsaw",
            S.AGENCY,
            ["java"],
            "Described every outage as another team's fault.",
        ),
        (
            "Hana Sato",
            "hana.sato",
            "Remote (EU)",
            S.SOURCED,
            ["python", "payments", "sre"],
            "Ex-SRE moving back to product engineering.",
        ),
        ("Liam O'Connor", "liam.oconnor", "Dublin", S.EVENT, ["rust"], "Met at EuroPython."),
        ("Priya Raman", "priya.raman", "Berlin", S.INBOUND, ["python"], ""),
    ]
    apps = {}
    for name, slug, location, source, tags, notes in people:
        candidate = _candidate(rita, name, slug, location, source, tags, notes)
        apps[slug] = _apply(candidate, requisition, rita)
    services.application_move(
        application=apps["priya.raman"], to_stage=St.SCREENING, actor=rita, reason="Phone screen"
    )
    meets = [R.MEETS]
    _assess(
        apps["amara.okoye"],
        version,
        rita,
        _deal_breaker_rating(version, R.MEETS, R.MEETS),
        "Ran the payments platform on-call rotation for 3 years.",
    )
    _assess(
        apps["jonas.weber"],
        version,
        rita,
        _deal_breaker_rating(version, R.MEETS, R.PARTLY),
        "Kafka at scale; no payments.",
    )
    _assess(
        apps["elena.garcia"],
        version,
        rita,
        _deal_breaker_rating(version, R.MEETS, R.MEETS),
        "Designed the ledger schema.",
    )
    _assess(
        apps["tomasz.nowak"],
        version,
        rita,
        _deal_breaker_rating(version, R.DOES_NOT_MEET, R.MEETS),
        "Solid Java, ten years of backend services.",
        "In the screen, described every outage as another team's fault.",
    )
    _assess(apps["hana.sato"], version, rita, meets, "Owned incident response at a bank.")

    # Shortlist 1, answered: one advanced, one declined with criteria.
    first = services.shortlist_submit(
        requisition=requisition,
        applications=[apps["amara.okoye"], apps["jonas.weber"]],
        note="Two strong backgrounds; Jonas is the stretch on payments.",
        actor=rita,
    )
    entries = {e.application_id: e for e in first.entries.all()}
    services.shortlist_entry_decide(
        entry=entries[apps["amara.okoye"].pk],
        actor=maya,
        decision=ShortlistEntry.Decision.ADVANCE,
        reason="Exactly the production experience we asked for.",
        criteria=[c for c in version.criteria.all() if c.kind == Criterion.Kind.MUST_HAVE][:1],
    )
    domain = [c for c in version.criteria.all() if c.kind == Criterion.Kind.NICE_TO_HAVE][:1]
    services.shortlist_entry_decide(
        entry=entries[apps["jonas.weber"].pk],
        actor=maya,
        decision=ShortlistEntry.Decision.DECLINE,
        reason="Too far from payments for this team right now.",
        criteria=domain,
    )
    # Shortlist 2, awaiting review: a deal-breaker flag and a need-more-information thread.
    second = services.shortlist_submit(
        requisition=requisition,
        applications=[apps["elena.garcia"], apps["tomasz.nowak"], apps["hana.sato"]],
        note="Tomasz meets the skills but note the deal-breaker flag; I'd like your view.",
        actor=rita,
    )
    hana = second.entries.get(application=apps["hana.sato"])
    services.shortlist_entry_decide(
        entry=hana,
        actor=maya,
        decision=ShortlistEntry.Decision.NEED_INFO,
        reason="Is Hana ready to leave on-call work behind? What does she want to build?",
    )
    services.shortlist_message_post(
        entry=hana,
        actor=rita,
        body="Yes: she wants to build product features again and keep on-call light.",
    )


def _seed_analyst(users) -> None:
    requisition = _requisition("Data Analyst", users)
    if requisition.applications.filter(candidate__email__iendswith=f"@{DOMAIN}").exists():
        return
    sam, maya = requisition.recruiter, requisition.hiring_manager
    version = _signed_version(requisition)
    S = Candidate.Source
    people = [
        (
            "Noor Haddad",
            "noor.haddad",
            "London",
            S.REFERRAL,
            ["sql", "finance"],
            "Built the FP&A dashboards at a retailer.",
        ),
        (
            "Ben Carter",
            "ben.carter",
            "Manchester",
            S.INBOUND,
            ["python", "sql"],
            "Strong statistics; first finance role.",
        ),
        ("Chloé Martin", "chloe.martin", "Paris", S.SOURCED, ["excel"], ""),
    ]
    apps = {}
    for name, slug, location, source, tags, notes in people:
        candidate = _candidate(sam, name, slug, location, source, tags, notes)
        apps[slug] = _apply(candidate, requisition, sam)
    for slug in ("noor.haddad", "ben.carter"):
        _assess(
            apps[slug],
            version,
            sam,
            _deal_breaker_rating(version, R.MEETS, R.MEETS),
            "Walked through a month-end close model in the screen.",
        )
    shortlist = services.shortlist_submit(
        requisition=requisition,
        applications=[apps["noor.haddad"], apps["ben.carter"]],
        note="Both are ready for interviews.",
        actor=sam,
    )
    for entry in shortlist.entries.all():
        services.shortlist_entry_decide(
            entry=entry, actor=maya, decision=ShortlistEntry.Decision.ADVANCE, reason="Let's meet."
        )
    services.application_move(
        application=apps["chloe.martin"],
        to_stage=St.REJECTED,
        actor=sam,
        reason="Looking for a part-time role only.",
    )
    # An offer in progress: approved and made verbally, the written offer still to send.
    noor = Application.objects.get(pk=apps["noor.haddad"].pk)
    offer = services.offer_create(
        application=noor,
        actor=sam,
        base_salary=62000,
        bonus=5000,
        equity="",
        currency="GBP",
        start_date=timezone.localdate() + dt.timedelta(days=45),
    )
    services.offer_approve(offer=offer, actor=maya)
    services.offer_verbal_record(
        offer=offer,
        actor=sam,
        made_at=timezone.now() - dt.timedelta(hours=3),
        outcome="positive",
    )
    services.offer_negotiation_note_add(
        offer=offer, actor=sam, body="Noor asked about a 4-day week in the first month; checking."
    )


def seed(users) -> None:
    _seed_backend(users)
    _seed_analyst(users)
