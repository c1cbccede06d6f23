"""Requisitions: intake, criteria versions and sign-off, alignment, interview plan, check-ins,
team profiles, retrospectives and the partnership. One module per sub-area; every model is
importable from `requisitions.models`."""

from requisitions.models.alignment import AlignmentMeeting
from requisitions.models.check_ins import CheckIn
from requisitions.models.criteria import CriteriaVersion, Criterion
from requisitions.models.intake import Intake, IntakeRevision
from requisitions.models.partnership import (
    PartnershipAgreement,
    PartnershipAgreementChange,
    PartnershipHealth,
    PulseAnswer,
)
from requisitions.models.plan import InterviewStage
from requisitions.models.requisition import Requisition, RequisitionEvent, RequisitionQuerySet
from requisitions.models.retrospectives import Retrospective
from requisitions.models.team_profiles import TeamProfile, TeamProfileLesson

__all__ = [
    "AlignmentMeeting",
    "CheckIn",
    "CriteriaVersion",
    "Criterion",
    "Intake",
    "IntakeRevision",
    "InterviewStage",
    "PartnershipAgreement",
    "PartnershipAgreementChange",
    "PartnershipHealth",
    "PulseAnswer",
    "Requisition",
    "RequisitionEvent",
    "RequisitionQuerySet",
    "Retrospective",
    "TeamProfile",
    "TeamProfileLesson",
]
