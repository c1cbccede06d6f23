"""Demo: "Senior Backend Engineer", a pipeline with a decided shortlist and one awaiting the
manager's review (a deal-breaker flag, a need-more-information thread)."""

from candidates import services
from candidates.demo.common import (
    R,
    St,
    add_application,
    add_candidate,
    assess,
    deal_breaker_rating,
    requisition_named,
    signed_version,
)
from candidates.models import Candidate, ShortlistEntry
from hiring_hub.demo import days_ago
from requisitions.models import Criterion


def seed_backend(users) -> None:
    requisition = requisition_named("Senior Backend Engineer", users)
    if requisition.shortlists.exists():
        return
    rita, maya = requisition.recruiter, requisition.hiring_manager
    version = signed_version(requisition)
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
            candidate = add_candidate(rita, name, slug, location, source, tags, notes)
            apps[slug] = add_application(candidate, requisition, rita)
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
        _first_shortlist(apps, version, rita, maya)
    with days_ago(5, 11):
        _second_shortlist(requisition, apps, version, rita, maya)


def _first_shortlist(apps, version, rita, maya) -> None:
    requisition = apps["amara.okoye"].requisition
    assess(
        apps["amara.okoye"],
        version,
        rita,
        deal_breaker_rating(version, R.MEETS, R.MEETS),
        "Ran the payments platform on-call rotation for 3 years.",
    )
    assess(
        apps["jonas.weber"],
        version,
        rita,
        deal_breaker_rating(version, R.MEETS, R.PARTLY),
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


def _second_shortlist(requisition, apps, version, rita, maya) -> None:
    meets = [R.MEETS]
    assess(
        apps["elena.garcia"],
        version,
        rita,
        deal_breaker_rating(version, R.MEETS, R.MEETS),
        "Designed the ledger schema.",
    )
    assess(
        apps["tomasz.nowak"],
        version,
        rita,
        deal_breaker_rating(version, R.DOES_NOT_MEET, R.MEETS),
        "Solid Java, ten years of backend services.",
        "In the screen, described every outage as another team's fault.",
    )
    assess(apps["hana.sato"], version, rita, meets, "Owned incident response at a bank.")

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
