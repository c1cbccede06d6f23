"""Demo candidates: a pipeline on "Senior Backend Engineer" with a decided shortlist and one
awaiting the manager's review (a deal-breaker flag, a need-more-information thread), and on
"Data Analyst" an offer in progress; "Frontend Engineer" filled after three shortlists.
Built through the services; idempotent. Dated like a real quarter (hiring_hub.demo.days_ago):
candidates added over weeks, shortlists answered days after they were sent."""

import datetime as dt
from collections import Counter

from django.core.files.base import ContentFile
from django.utils import timezone

from candidates import services
from candidates.models import Application, Assessment, Candidate, ShortlistEntry
from hiring_hub.demo import days_ago
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
    added_days_ago = [47, 46, 30, 24, 18, 11, 9]
    apps = {}
    for (name, slug, location, source, tags, notes), ago in zip(
        people, added_days_ago, strict=True
    ):
        with days_ago(ago, 9 + len(apps)):
            candidate = _candidate(rita, name, slug, location, source, tags, notes)
            apps[slug] = _apply(candidate, requisition, rita)
    for slug, ago in (("amara.okoye", 45), ("jonas.weber", 44), ("elena.garcia", 27)):
        with days_ago(ago, 16):
            apps[slug] = services.application_move(
                application=apps[slug], to_stage=St.SCREENING, actor=rita, reason="Phone screen"
            )
    with days_ago(7, 16):
        services.application_move(
            application=apps["priya.raman"],
            to_stage=St.SCREENING,
            actor=rita,
            reason="Phone screen",
        )
    with days_ago(42, 11):
        _seed_backend_first_shortlist(apps, version, rita, maya)
    with days_ago(5, 11):
        _seed_backend_second_shortlist(requisition, apps, version, rita, maya)


def _seed_backend_first_shortlist(apps, version, rita, maya) -> None:
    requisition = apps["amara.okoye"].requisition
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
    # Shortlist 1, answered two days later: one advanced, one declined with criteria.
    first = services.shortlist_submit(
        requisition=requisition,
        applications=[apps["amara.okoye"], apps["jonas.weber"]],
        note="Two strong backgrounds; Jonas is the stretch on payments.",
        actor=rita,
    )
    entries = {e.application_id: e for e in first.entries.all()}
    with days_ago(40, 17):
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


def _seed_backend_second_shortlist(requisition, apps, version, rita, maya) -> None:
    meets = [R.MEETS]
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

    # Shortlist 2, awaiting review: a deal-breaker flag and a need-more-information thread.
    second = services.shortlist_submit(
        requisition=requisition,
        applications=[apps["elena.garcia"], apps["tomasz.nowak"], apps["hana.sato"]],
        note="Tomasz meets the skills but note the deal-breaker flag; I'd like your view.",
        actor=rita,
    )
    hana = second.entries.get(application=apps["hana.sato"])
    with days_ago(3, 8):
        services.shortlist_entry_decide(
            entry=hana,
            actor=maya,
            decision=ShortlistEntry.Decision.NEED_INFO,
            reason="Is Hana ready to leave on-call work behind? What does she want to build?",
        )
    with days_ago(2, 14):
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
    for (name, slug, location, source, tags, notes), ago in zip(people, (43, 41, 38), strict=True):
        with days_ago(ago):
            candidate = _candidate(sam, name, slug, location, source, tags, notes)
            apps[slug] = _apply(candidate, requisition, sam)
    with days_ago(36, 15):
        for slug in ("noor.haddad", "ben.carter"):
            apps[slug] = services.application_move(
                application=apps[slug], to_stage=St.SCREENING, actor=sam, reason="Phone screen"
            )
    with days_ago(34, 12):
        services.application_move(
            application=apps["chloe.martin"],
            to_stage=St.REJECTED,
            actor=sam,
            reason="Looking for a part-time role only.",
        )
    with days_ago(32, 10):
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
    with days_ago(31, 8):
        for entry in shortlist.entries.all():
            services.shortlist_entry_decide(
                entry=entry,
                actor=maya,
                decision=ShortlistEntry.Decision.ADVANCE,
                reason="Let's meet.",
            )
    # An offer in progress: approved and made verbally, the written offer still to send.
    noor = Application.objects.get(pk=apps["noor.haddad"].pk)
    with days_ago(6, 16):
        offer = services.offer_create(
            application=noor,
            actor=sam,
            base_salary=62000,
            bonus=5000,
            equity="",
            currency="GBP",
            start_date=timezone.localdate() + dt.timedelta(days=51),
        )
    with days_ago(5, 9):
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


FRONTEND_PEOPLE = [
    # name, slug, location, source, days ago added, shortlist number, decision
    ("Sofia Rossi", "sofia.rossi", "Milan / remote", "referral", 51, 1, "advance"),
    ("Daniel Kim", "daniel.kim", "Toronto", "sourced", 50, 1, "decline"),
    ("Aisha Bello", "aisha.bello", "New York", "inbound", 49, 1, "decline"),
    ("Mateo Fernández", "mateo.fernandez", "Buenos Aires", "agency", 48, 1, "decline"),
    ("Grace Liu", "grace.liu", "Brooklyn", "referral", 42, 2, "advance"),
    ("Oliver Smith", "oliver.smith", "Boston", "sourced", 40, 2, "advance"),
    ("Fatima Zahra", "fatima.zahra", "Montreal", "inbound", 39, 2, "decline"),
    ("Lucas Moreau", "lucas.moreau", "Remote (US)", "event", 33, 3, "advance"),
    ("Emma Johansson", "emma.johansson", "New York", "sourced", 31, 3, "advance"),
]
# Shortlist number: (days ago sent, days ago answered)
FRONTEND_SHORTLISTS = {1: (45, 43), 2: (36, 34), 3: (28, 27)}


def _seed_frontend(users) -> None:
    """A search filled two weeks ago: the manager's acceptance rises over three shortlists
    (1 of 4, 2 of 3, 2 of 2) as the pair calibrates; Grace accepts the offer."""
    requisition = Requisition.objects.filter(title="Frontend Engineer").first()
    if requisition is None or requisition.shortlists.exists():
        return
    rita, omar = requisition.recruiter, requisition.hiring_manager
    version = current_signed_version(requisition)
    apps = {}
    for name, slug, location, source, ago, _n, _d in FRONTEND_PEOPLE:
        with days_ago(ago, 10):
            candidate = _candidate(rita, name, slug, location, source, ["frontend"])
            apps[slug] = _apply(candidate, requisition, rita)
        with days_ago(ago - 2, 15):
            apps[slug] = services.application_move(
                application=apps[slug], to_stage=St.SCREENING, actor=rita, reason="Phone screen"
            )
    must = [c for c in version.criteria.all() if c.kind == Criterion.Kind.MUST_HAVE]
    for number, (sent, answered) in FRONTEND_SHORTLISTS.items():
        chosen = [(slug, d) for _, slug, *_rest, n, d in FRONTEND_PEOPLE if n == number]
        with days_ago(sent, 11):
            for slug, decision in chosen:
                rating = R.MEETS if decision == "advance" else R.PARTLY
                _assess(apps[slug], version, rita, [rating], "Walked through a shipped flow.")
            shortlist = services.shortlist_submit(
                requisition=requisition,
                applications=[apps[slug] for slug, _ in chosen],
                note="Calibrated on your last answers." if number > 1 else "A first set.",
                actor=rita,
            )
        with days_ago(answered, 17):
            for entry in shortlist.entries.select_related("application__candidate"):
                decision = dict(chosen)[entry.application.candidate.email.split("@")[0]]
                services.shortlist_entry_decide(
                    entry=entry,
                    actor=omar,
                    decision=decision,
                    reason="Strong on what we agreed." if decision == "advance" else "",
                    criteria=[] if decision == "advance" else must[-1:],
                )
    closed = (
        ("sofia.rossi", 24, St.REJECTED, "The pairing session showed gaps in accessibility."),
        ("oliver.smith", 21, St.WITHDRAWN, "Accepted another offer."),
        ("lucas.moreau", 16, St.REJECTED, "We chose another finalist."),
        ("emma.johansson", 16, St.REJECTED, "We chose another finalist."),
    )
    for slug, ago, stage, reason in closed:
        with days_ago(ago, 12):
            services.application_move(
                application=Application.objects.get(pk=apps[slug].pk),
                to_stage=stage,
                actor=rita,
                reason=reason,
            )
    grace = Application.objects.get(pk=apps["grace.liu"].pk)
    with days_ago(20, 10):
        offer = services.offer_create(
            application=grace,
            actor=rita,
            base_salary=148000,
            bonus=0,
            equity="0.05%",
            currency="USD",
            start_date=timezone.localdate() + dt.timedelta(days=30),
        )
    with days_ago(19, 9):
        services.offer_approve(offer=offer, actor=omar)
    with days_ago(18, 16) as made_at:
        services.offer_verbal_record(offer=offer, actor=rita, made_at=made_at, outcome="positive")
    with days_ago(17, 11) as sent_at:
        services.offer_written_send(offer=offer, actor=rita, sent_at=sent_at)
    with days_ago(15, 15):
        services.offer_accept(offer=offer, actor=rita)


CHECK_IN_NOTES = [
    "Sourcing started; first calls booked.",
    "Good response from referrals this week.",
    "Shortlist sent; waiting on your review.",
    "Adjusted the search after your feedback on the last shortlist.",
    "Interviews under way; scorecards mostly in on time.",
    "Market is tight for this profile; widening the location.",
    "Finalists lined up; offer discussion next week.",
]


def _seed_check_ins(users) -> None:
    """The weekly check-ins of the past weeks, each with the recruiter's note and the
    manager's acknowledgement, figures as they stood that week (this week's is left to
    the weekly sweep)."""
    from requisitions import services as requisition_services

    today = timezone.localdate()
    this_monday = today - dt.timedelta(days=today.weekday())
    for requisition in Requisition.objects.filter(
        title__in=["Senior Backend Engineer", "Data Analyst", "Frontend Engineer"],
        opened_at__isnull=False,
    ).order_by("pk"):
        if requisition.check_ins.exists():
            continue
        monday = requisition.opened_at.date() - dt.timedelta(days=requisition.opened_at.weekday())
        last = this_monday
        if requisition.filled_at:
            last = min(last, requisition.filled_at.date())
        week = 0
        while (monday := monday + dt.timedelta(days=7)) < last:
            ago = (today - monday).days
            with days_ago(ago, 8):
                requisition_services.check_in_note_save(
                    requisition=requisition,
                    week_start=monday,
                    note=CHECK_IN_NOTES[week % len(CHECK_IN_NOTES)],
                    actor=requisition.recruiter,
                )
            with days_ago(ago, 9) as now:
                check_in = requisition_services.check_in_compile(
                    requisition=requisition, week_start=monday, now=now
                )
                _as_of(check_in, now)
            with days_ago(ago - 1, 12):
                requisition_services.check_in_acknowledge(
                    check_in=check_in,
                    actor=requisition.hiring_manager,
                    agenda="Talk through the declines." if week % 3 == 1 else "",
                )
            week += 1


def _as_of(check_in, now) -> None:
    """Figures of a past week: the check-in is compiled from today's pipeline, so take the
    stage of each application as it stood then (from its stage changes), and drop what
    did not exist yet."""
    from candidates.models import Offer, StageChange

    stage_of = dict(
        StageChange.objects.filter(
            application__requisition=check_in.requisition, created_at__lte=now
        )
        .order_by("created_at", "pk")
        .values_list("application_id", "to_stage")
    )
    counts = Counter(stage_of.values())
    snapshot = check_in.snapshot
    previous = (
        check_in.requisition.check_ins.filter(week_start__lt=check_in.week_start)
        .order_by("-week_start")
        .first()
    )
    before = {
        row["stage"]: row["count"]
        for row in (previous.snapshot if previous else {}).get("stages", [])
    }
    for row in snapshot["stages"]:
        row["count"] = counts.get(row["stage"], 0)
        row["change"] = row["count"] - before.get(row["stage"], 0) if previous else None
    snapshot["total_applications"] = sum(counts.values())
    snapshot["active_applications"] = sum(
        n for stage, n in counts.items() if stage not in St.closed_values()
    )
    snapshot["shortlists_waiting"] = [
        s for s in snapshot["shortlists_waiting"] if s["waiting_days"] >= 0
    ]
    offered = set(
        Offer.objects.filter(
            application__requisition=check_in.requisition, created_at__lte=now
        ).values_list("application__candidate__full_name", flat=True)
    )
    snapshot["offers_out"] = [o for o in snapshot["offers_out"] if o["candidate"] in offered]
    check_in.save(update_fields=["snapshot"])


def seed(users) -> None:
    _seed_backend(users)
    _seed_analyst(users)
    _seed_frontend(users)
    _seed_check_ins(users)
