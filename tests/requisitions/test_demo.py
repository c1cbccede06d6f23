from hiring_hub import demo
from requisitions import selectors
from requisitions.models import (
    AlignmentMeeting,
    CriteriaVersion,
    Criterion,
    IntakeRevision,
    InterviewStage,
    Requisition,
    RequisitionEvent,
)

MODELS = (
    Requisition,
    CriteriaVersion,
    Criterion,
    IntakeRevision,
    InterviewStage,
    AlignmentMeeting,
    RequisitionEvent,
)


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seed_demo_requisitions_is_idempotent_and_at_each_step(db):
    users = demo.seed_users()
    from requisitions import demo as requisitions_demo

    requisitions_demo.seed(users)
    first = _counts()
    requisitions_demo.seed(users)
    assert _counts() == first

    by_title = {r.title: r for r in Requisition.objects.all()}
    assert {t: r.status for t, r in by_title.items()} == {
        "Senior Backend Engineer": "sourcing",
        "Product Designer": "intake",
        "Data Analyst": "interviewing",
        "Engineering Manager": "draft",
        "Frontend Engineer": "sourcing",  # candidates.demo fills it
    }
    backend = by_title["Senior Backend Engineer"]
    assert selectors.current_signed_version(backend) is not None
    assert backend.interview_stages.count() >= 2
    assert all(stage.interviewers.exists() for stage in backend.interview_stages.all()[1:])
    assert backend.alignment_meetings.filter(signed_version__isnull=False).exists()
    analyst = by_title["Data Analyst"]
    assert analyst.realignment_needed
    assert selectors.current_signed_version(analyst) is not None
    assert selectors.draft_version(analyst) is not None
    assert selectors.current_signed_version(by_title["Product Designer"]) is None
    # Omar's second search starts from his team profile.
    manager = by_title["Engineering Manager"].hiring_manager
    assert manager.team_profile.team_dynamics
    assert (
        by_title["Engineering Manager"].intake.team_dynamics == manager.team_profile.team_dynamics
    )
