"""The main pages of each role, for the accessibility checks (axe-core in the browser, the Nu
HTML Checker on the rendered HTML). A new page is checked by adding its URL name here.

An entry is a URL name from the access matrix (`tests/hiring_hub/access_matrix/`,
whose world fills its kwargs), optionally with a query string
(`"candidates:pipeline?view=board"`), or an admin URL name with the world object it shows
(`"admin:candidates_candidate_change candidate"`).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from candidates.models import Application, ShortlistEntry
from hiring_hub.models import Role
from tests import factories
from tests.hiring_hub.access_matrix import World, build_world, url_for

COMMON = ["home", "profile", "requisitions:requisition_list"]

PAGES: dict[str, list[str]] = {
    "recruiter": [
        *COMMON,
        "user_list",
        "requisitions:requisition_detail",
        "requisitions:requisition_edit",
        "requisitions:intake_edit",
        "requisitions:criterion_edit",
        "requisitions:persona_edit",
        "requisitions:interview_stage_add",
        "requisitions:alignment_meeting_edit",
        "requisitions:check_in_list",
        "requisitions:check_in_detail",
        "candidates:candidate_list",
        "candidates:candidate_create",
        "candidates:candidate_detail",
        "candidates:application_detail",
        "candidates:assessment_edit",
        "candidates:pipeline",
        "candidates:pipeline?view=board",
        "candidates:shortlist_create",
        "candidates:shortlist_inbox",
        "candidates:shortlist_detail",
        "candidates:offer_detail",
        "debriefs:interview_list",
        "debriefs:interview_schedule_start",
        "debriefs:interview_detail",
        "debriefs:debrief",
        "debriefs:follow_up",
        "debriefs:thank_you_list",
        "debriefs:thank_you_note",
        "requisitions:partnership",
        "requisitions:partnership_agreement_edit",
        "requisitions:team_profile",
        "requisitions:retrospective",
    ],
    "manager": [
        *COMMON,
        "requisitions:requisition_detail",
        "requisitions:intake_edit",
        "requisitions:check_in_list",
        "requisitions:check_in_detail",
        "candidates:candidate_detail",
        "candidates:application_detail",
        "candidates:pipeline",
        "candidates:pipeline?view=board",
        "candidates:shortlist_inbox",
        "candidates:shortlist_review",
        "candidates:offer_detail",
        "debriefs:interview_list",
        "debriefs:interview_detail",
        "debriefs:debrief",
        "requisitions:partnership",
        "requisitions:team_profile",
        "requisitions:retrospective",
    ],
    "second_interviewer": [
        *COMMON,
        "requisitions:requisition_detail",
        "candidates:candidate_detail",
        "debriefs:interview_list",
        "debriefs:interview_detail",
        "debriefs:scorecard_edit",
        "debriefs:debrief",
    ],
    "interviewer": [
        "home",
        "debriefs:interview_detail",
        "debriefs:scorecard_edit",
    ],
    "admin": [
        "admin:index",
        "admin:requisitions_requisition_changelist",
        "admin:requisitions_requisition_change requisition",
        "admin:requisitions_criteriaversion_change version",
        "admin:candidates_candidate_changelist",
        "admin:candidates_candidate_change candidate",
        "admin:candidates_application_changelist",
        "admin:candidates_application_change application",
        "admin:candidates_shortlist_change shortlist",
        "admin:candidates_offer_change offer",
        "admin:debriefs_interview_changelist",
        "admin:debriefs_interview_change interview",
        "admin:debriefs_scorecard_change scorecard",
        "admin:hiring_hub_user_changelist",
        "admin:hiring_hub_user_change recruiter",
        "requisitions:partnership_overview",
    ],
}


def build_a11y_world() -> World:
    """The access matrix's world, plus what makes the pages show their richer parts: candidates
    in several stages, an answered shortlist entry, a submitted scorecard, an admin."""
    world = build_world()
    objects = world.objects
    requisition = objects["requisition"]
    for stage in (
        Application.Stage.SCREENING,
        Application.Stage.SHORTLISTED,
        Application.Stage.INTERVIEWING,
        Application.Stage.OFFER,
        Application.Stage.REJECTED,
    ):
        factories.ApplicationFactory(
            requisition=requisition,
            stage=stage,
            created_by=world.recruiter,
            closed_reason="Chose another offer." if stage == Application.Stage.REJECTED else "",
        )
    answered = factories.ShortlistEntryFactory(
        shortlist=objects["shortlist"],
        application=factories.ShortlistedApplicationFactory(
            requisition=requisition, created_by=world.recruiter
        ),
        decision=ShortlistEntry.Decision.ADVANCE,
        reason="Ran a ledger migration with no downtime.",
        decided_by=world.manager,
        decided_at=timezone.now(),
    )
    objects["answered_entry"] = answered
    objects["version"] = objects["criterion"].version
    objects["offer"] = objects["application"].offer
    objects["scorecard"] = objects["interview"].scorecards.get(interviewer=world.second_interviewer)
    world.admin = factories.UserFactory(
        full_name="Ada Admin", role=Role.RECRUITER, is_staff=True, is_superuser=True
    )
    objects["recruiter"] = world.recruiter
    return world


def page_url(world: World, entry: str) -> str:
    name, _, query = entry.partition("?")
    if name.startswith("admin:"):
        name, _, target = name.partition(" ")
        args = [world.objects[target].pk] if target else []
        return reverse(name, args=args)
    url = url_for(world, name)
    return f"{url}?{query}" if query else url


def role_user(world: World, role: str):
    return world.admin if role == "admin" else world.user(role)
