"""Demo: "Frontend Engineer", a search filled after three shortlists."""

from candidates import services
from candidates.demo.common import (
    R,
    St,
    add_application,
    add_candidate,
    approved_offer,
    assess,
    start_in,
)
from candidates.models import Application, Candidate, Offer, ShortlistEntry
from hiring_hub.demo import days_ago
from requisitions.models import Criterion, Requisition
from requisitions.selectors import current_signed_version

S = Candidate.Source
ADVANCE, DECLINE = ShortlistEntry.Decision.ADVANCE, ShortlistEntry.Decision.DECLINE

FRONTEND_PEOPLE = [
    # name, slug, location, source, days ago added, shortlist number, decision
    ("Sofia Rossi", "sofia.rossi", "Milan / remote", S.REFERRAL, 51, 1, ADVANCE),
    ("Daniel Kim", "daniel.kim", "Toronto", S.SOURCED, 50, 1, DECLINE),
    ("Aisha Bello", "aisha.bello", "New York", S.INBOUND, 49, 1, DECLINE),
    ("Mateo Fernández", "mateo.fernandez", "Buenos Aires", S.AGENCY, 48, 1, DECLINE),
    ("Grace Liu", "grace.liu", "Brooklyn", S.REFERRAL, 42, 2, ADVANCE),
    ("Oliver Smith", "oliver.smith", "Boston", S.SOURCED, 40, 2, ADVANCE),
    ("Fatima Zahra", "fatima.zahra", "Montreal", S.INBOUND, 39, 2, DECLINE),
    ("Lucas Moreau", "lucas.moreau", "Remote (US)", S.EVENT, 33, 3, ADVANCE),
    ("Emma Johansson", "emma.johansson", "New York", S.SOURCED, 31, 3, ADVANCE),
]
# Shortlist number: (days ago sent, days ago answered)
FRONTEND_SHORTLISTS = {1: (45, 43), 2: (36, 34), 3: (28, 27)}


def seed_frontend(users) -> None:
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
            candidate = add_candidate(rita, name, slug, location, source, ["frontend"])
            apps[slug] = add_application(candidate, requisition, rita)
        with days_ago(ago - 2, 15):
            apps[slug] = services.application_move(
                application=apps[slug], to_stage=St.SCREENING, actor=rita, reason="Phone screen"
            )
    must = [c for c in version.criteria.all() if c.kind == Criterion.Kind.MUST_HAVE]
    for number, (sent, answered) in FRONTEND_SHORTLISTS.items():
        chosen = [(slug, d) for _, slug, *_rest, n, d in FRONTEND_PEOPLE if n == number]
        with days_ago(sent, 11):
            for slug, decision in chosen:
                rating = R.MEETS if decision == ADVANCE else R.PARTLY
                assess(apps[slug], version, rita, [rating], "Walked through a shipped flow.")
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
                    reason="Strong on what we agreed." if decision == ADVANCE else "",
                    criteria=[] if decision == ADVANCE else must[-1:],
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
    offer = approved_offer(
        grace,
        rita,
        omar,
        drafted=(20, 10),
        approved=(19, 9),
        base_salary=148000,
        bonus=0,
        equity="0.05%",
        currency="USD",
        start_date=start_in(30),
    )
    with days_ago(18, 16) as made_at:
        services.offer_verbal_record(
            offer=offer, actor=rita, made_at=made_at, outcome=Offer.VerbalOutcome.POSITIVE
        )
    with days_ago(17, 11) as sent_at:
        services.offer_written_send(offer=offer, actor=rita, sent_at=sent_at)
    with days_ago(15, 15):
        services.offer_accept(offer=offer, actor=rita)
