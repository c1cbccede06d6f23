"""factory_boy factories. Use them for the state a test is not about; set up the state a
test *is* about through the services, as a user's actions would."""

import datetime as dt

import factory
from django.utils import timezone

from candidates.models import Application, Assessment, Candidate, Offer, Shortlist, ShortlistEntry
from debriefs.models import Interview, Rating, Scorecard, ThankYouNote
from hiring_hub.demo import DEMO_PASSWORD
from hiring_hub.models import Role, User
from requisitions.models import CriteriaVersion, Criterion, InterviewStage, Requisition

PASSWORD = DEMO_PASSWORD


def _adds_to(field: str) -> factory.PostGeneration:
    """`Factory(<field>=[...])` adds those rows to the many-to-many `field` once created."""

    def add(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, field).add(*extracted)

    return factory.PostGeneration(add)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Faker("name")
    role = Role.INTERVIEWER
    time_zone = "UTC"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RecruiterFactory(UserFactory):
    role = Role.RECRUITER


class HiringManagerFactory(UserFactory):
    role = Role.HIRING_MANAGER


class InterviewerFactory(UserFactory):
    role = Role.INTERVIEWER


class RequisitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requisition
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Backend Engineer {n}")
    team = "Payments"
    location = "Berlin"
    recruiter = factory.SubFactory(RecruiterFactory)
    hiring_manager = factory.SubFactory(HiringManagerFactory)
    status = Requisition.Status.SOURCING

    hiring_team = _adds_to("hiring_team")


class CriteriaVersionFactory(factory.django.DjangoModelFactory):
    """A signed-off version unless status="draft" is given."""

    class Meta:
        model = CriteriaVersion

    requisition = factory.SubFactory(RequisitionFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = CriteriaVersion.Status.SIGNED
    persona = "A pragmatic engineer who has run payment systems in production."
    signed_at = factory.LazyFunction(timezone.now)
    signed_by = factory.LazyAttribute(lambda o: o.requisition.hiring_manager)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    version = factory.SubFactory(CriteriaVersionFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    kind = Criterion.Kind.MUST_HAVE
    category = Criterion.Category.SKILL
    definition = "Has done this for real, and can say what they would do differently."
    order = factory.Sequence(lambda n: n)


class InterviewStageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewStage
        skip_postgeneration_save = True

    requisition = factory.SubFactory(RequisitionFactory)
    name = factory.Sequence(lambda n: f"Stage {n}")
    order = factory.Sequence(lambda n: n)

    interviewers = _adds_to("interviewers")


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    full_name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"candidate{n}@example.org")
    source = Candidate.Source.SOURCED


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    candidate = factory.SubFactory(CandidateFactory)
    requisition = factory.SubFactory(RequisitionFactory)
    stage = Application.Stage.SOURCED


class ShortlistedApplicationFactory(ApplicationFactory):
    """Visible to the requisition's hiring manager."""

    stage = Application.Stage.MANAGER_REVIEW
    shortlisted_at = factory.LazyFunction(timezone.now)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    application = factory.SubFactory(ApplicationFactory)
    criterion = factory.SubFactory(CriterionFactory)
    criteria_version = factory.LazyAttribute(lambda o: o.criterion.version)
    rating = Assessment.Rating.MEETS


class ShortlistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shortlist

    requisition = factory.SubFactory(RequisitionFactory)
    criteria_version = factory.SubFactory(
        CriteriaVersionFactory, requisition=factory.SelfAttribute("..requisition")
    )
    number = factory.Sequence(lambda n: n + 1)
    submitted_by = factory.LazyAttribute(lambda o: o.requisition.recruiter)
    submitted_at = factory.LazyFunction(timezone.now)


class ShortlistEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShortlistEntry

    shortlist = factory.SubFactory(ShortlistFactory)
    application = factory.SubFactory(
        ShortlistedApplicationFactory, requisition=factory.SelfAttribute("..shortlist.requisition")
    )


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    application = factory.SubFactory(ApplicationFactory, stage=Application.Stage.OFFER)
    base_salary = 90000
    currency = "EUR"


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview
        skip_postgeneration_save = True

    application = factory.SubFactory(
        ShortlistedApplicationFactory, stage=Application.Stage.INTERVIEWING
    )
    stage = factory.SubFactory(
        InterviewStageFactory, requisition=factory.SelfAttribute("..application.requisition")
    )
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=1))

    interviewers = _adds_to("interviewers")


class ScorecardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scorecard

    interview = factory.SubFactory(InterviewFactory)
    interviewer = factory.SubFactory(InterviewerFactory)


class ThankYouNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThankYouNote

    interview = factory.SubFactory(InterviewFactory)
    requisition = factory.LazyAttribute(lambda o: o.interview.application.requisition)
    subject = "Thank you for meeting us"
    body = "Thank you for your time today."
    due_at = factory.LazyAttribute(lambda o: ThankYouNote.due_at_for(o.interview))


def interview_plan(requisition, *, technical: list, team: list) -> tuple[list, object, object]:
    """Signed criteria (payments in production, system design, mentoring) and a two-stage
    interview plan: "Technical" by `technical` on the first two criteria, "Team" by `team`
    on mentoring. Returns (criteria, technical stage, team stage)."""
    version = CriteriaVersionFactory(requisition=requisition, number=1)
    criteria = [
        CriterionFactory(version=version, name=name, order=order)
        for order, name in enumerate(("Payments in production", "System design", "Mentoring"), 1)
    ]
    technical_stage = InterviewStageFactory(
        requisition=requisition,
        name="Technical",
        order=1,
        interviewers=technical,
        criterion_keys=[str(criteria[0].key), str(criteria[1].key)],
    )
    team_stage = InterviewStageFactory(
        requisition=requisition,
        name="Team",
        order=2,
        interviewers=team,
        criterion_keys=[str(criteria[2].key)],
    )
    return criteria, technical_stage, team_stage


def scorecard_fields(**overrides) -> dict:
    """Every field a scorecard needs to be submitted (scorecard_submit's `fields`), a yes."""
    return {
        "hard_skills": "Designed an idempotent payment retry queue.",
        "soft_skills": "Explained trade-offs clearly.",
        "skills_evidence_strength": Scorecard.EvidenceStrength.STRONG,
        "enthusiasm": Rating.YES,
        "enthusiasm_signals": "Asked about the roadmap.",
        "team_fit": Rating.YES,
        "team_fit_behaviour": "Credited their team for the migration.",
        "recommendation": Rating.YES,
        **overrides,
    }
