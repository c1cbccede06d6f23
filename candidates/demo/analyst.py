"""Demo: "Data Analyst", an offer in progress: approved and made verbally, the written
offer still to send."""

import datetime as dt

from django.utils import timezone

from candidates import services
from candidates.demo.common import (
    DOMAIN,
    R,
    St,
    add_application,
    add_candidate,
    approved_offer,
    assess,
    deal_breaker_rating,
    requisition_named,
    signed_version,
    start_in,
)
from candidates.models import Application, Candidate, Offer, ShortlistEntry
from hiring_hub.demo import days_ago


def seed_analyst(users) -> None:
    requisition = requisition_named("Data Analyst", users)
    if requisition.applications.filter(candidate__email__iendswith=f"@{DOMAIN}").exists():
        return
    sam, maya = requisition.recruiter, requisition.hiring_manager
    version = signed_version(requisition)
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
            candidate = add_candidate(sam, name, slug, location, source, tags, notes)
            apps[slug] = add_application(candidate, requisition, sam)
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
            assess(
                apps[slug],
                version,
                sam,
                deal_breaker_rating(version, R.MEETS, R.MEETS),
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
    offer = approved_offer(
        noor,
        sam,
        maya,
        drafted=(6, 16),
        approved=(5, 9),
        base_salary=62000,
        bonus=5000,
        equity="",
        currency="GBP",
        start_date=start_in(51),
    )
    services.offer_verbal_record(
        offer=offer,
        actor=sam,
        made_at=timezone.now() - dt.timedelta(hours=3),
        outcome=Offer.VerbalOutcome.POSITIVE,
    )
    services.offer_negotiation_note_add(
        offer=offer, actor=sam, body="Noor asked about a 4-day week in the first month; checking."
    )
