from django.contrib import admin
from django.db import models

from debriefs.models import (
    CandidateUpdate,
    CriterionRating,
    DebriefDecision,
    Interview,
    Scorecard,
    ScorecardAmendment,
    ThankYouNote,
)
from hiring_hub.admin import HistoryReadOnlyAdmin, user_role_filter
from hiring_hub.models import Role

# Everything an interviewer wrote on a scorecard. Once submitted, a change goes through
# `scorecard_amend`, which keeps the before and after as a ScorecardAmendment.
SCORECARD_CONTENT = (*Scorecard.REPORT_FIELDS, "explore_criteria")


class ScorecardInline(admin.TabularInline):
    model = Scorecard
    extra = 0
    fields = ("interviewer", "status", "recommendation", "submitted_at")
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        # Scorecards are created by scheduling, one per interviewer.
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("interviewer", "interview__stage", "interview__application__candidate")
        )


@admin.register(Interview)
class InterviewAdmin(HistoryReadOnlyAdmin):
    list_display = ("__str__", "application", "stage", "starts_at", "status", "sequence")
    list_filter = ("status", "stage__requisition__status", "starts_at", "stage__requisition")
    search_fields = (
        "application__candidate__full_name",
        "application__requisition__title",
        "stage__name",
        "location",
    )
    date_hierarchy = "starts_at"
    raw_id_fields = ("application", "stage")
    # Scheduling, rescheduling and cancelling are services: they bump the calendar sequence
    # and email everyone, which an edit here would not.
    history_fields = (
        "application",
        "stage",
        "starts_at",
        "ends_at",
        "interviewers",
        "status",
        "sequence",
        "created_by",
        "created_at",
        "updated_at",
    )
    created_by_services = True
    inlines = [ScorecardInline]
    list_select_related = (
        "application__candidate",
        "application__requisition",
        "stage__requisition",
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class CriterionRatingInline(admin.TabularInline):
    model = CriterionRating
    extra = 0
    fields = ("criterion", "rating", "evidence")
    readonly_fields = ("criterion",)
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == Scorecard.Status.SUBMITTED:
            return self.fields
        return super().get_readonly_fields(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("criterion")


class ScorecardAmendmentInline(admin.TabularInline):
    model = ScorecardAmendment
    extra = 0
    fields = ("author", "reason", "changes", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


@admin.register(Scorecard)
class ScorecardAdmin(HistoryReadOnlyAdmin):
    list_display = ("interview", "interviewer", "status", "recommendation", "submitted_at")
    list_filter = (
        "status",
        "recommendation",
        user_role_filter("interviewer"),
        "interview__stage__requisition__status",
        "submitted_at",
    )
    search_fields = (
        "interviewer__full_name",
        "interview__application__candidate__full_name",
        "interview__stage__requisition__title",
    )
    history_fields = (
        "interview",
        "interviewer",
        "criteria_version",
        "status",
        "submitted_at",
        "created_at",
        "updated_at",
    )
    created_by_services = True
    filter_horizontal = ("explore_criteria",)
    inlines = [CriterionRatingInline, ScorecardAmendmentInline]
    list_select_related = ("interviewer", "interview__stage", "interview__application__candidate")

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.status == Scorecard.Status.SUBMITTED:
            return (*fields, *SCORECARD_CONTENT)
        return fields


@admin.register(CriterionRating)
class CriterionRatingAdmin(HistoryReadOnlyAdmin):
    list_display = ("scorecard", "criterion", "rating")
    list_filter = (
        "rating",
        "criterion__kind",
        "scorecard__status",
        user_role_filter("scorecard__interviewer", title="interviewer"),
    )
    search_fields = (
        "criterion__name",
        "evidence",
        "scorecard__interviewer__full_name",
        "scorecard__interview__application__candidate__full_name",
    )
    list_select_related = (
        "criterion",
        "scorecard__interviewer",
        "scorecard__interview__stage",
        "scorecard__interview__application__candidate",
    )
    history_fields = ("scorecard", "criterion")
    created_by_services = True

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.scorecard.status == Scorecard.Status.SUBMITTED:
            return (*fields, "rating", "evidence")
        return fields


@admin.register(ScorecardAmendment)
class ScorecardAmendmentAdmin(HistoryReadOnlyAdmin):
    list_display = ("scorecard", "author", "created_at")
    list_filter = (user_role_filter("author"), "created_at")
    search_fields = (
        "reason",
        "author__full_name",
        "scorecard__interview__application__candidate__full_name",
    )
    list_select_related = (
        "author",
        "scorecard__interviewer",
        "scorecard__interview__stage",
        "scorecard__interview__application__candidate",
    )
    history_fields = ("scorecard", "author", "reason", "changes", "created_at")
    created_by_services = True


@admin.register(DebriefDecision)
class DebriefDecisionAdmin(HistoryReadOnlyAdmin):
    list_display = ("application", "stage", "decision", "decided_by", "decided_at")
    list_filter = (
        "decision",
        user_role_filter("decided_by", Role.HIRING_MANAGER, "decided by"),
        "decided_at",
    )
    search_fields = (
        "application__candidate__full_name",
        "application__requisition__title",
        "rationale",
    )
    list_select_related = (
        "application__candidate",
        "application__requisition",
        "stage__requisition",
        "decided_by",
    )
    # The decision moved the application; changing it here would not move it back.
    history_fields = ("application", "stage", "decision", "decided_by", "decided_at")
    created_by_services = True


@admin.register(ThankYouNote)
class ThankYouNoteAdmin(HistoryReadOnlyAdmin):
    list_display = ("interview", "status", "due_at", "sent_at", "sent_by")
    list_filter = ("status", user_role_filter("sent_by", Role.RECRUITER, "sent by"), "due_at")
    search_fields = ("subject", "interview__application__candidate__full_name")
    list_select_related = ("interview__stage", "interview__application__candidate", "sent_by")
    history_fields = ("interview", "status", "due_at", "sent_at", "sent_by", "message")
    created_by_services = True
    date_hierarchy = "due_at"


@admin.register(CandidateUpdate)
class CandidateUpdateAdmin(HistoryReadOnlyAdmin):
    list_display = ("application", "channel", "subject", "next_update_promised_by", "created_at")
    list_filter = ("channel", user_role_filter("author"), "created_at")
    search_fields = ("application__candidate__full_name", "subject", "body")
    list_select_related = ("application__candidate", "application__requisition")
    history_fields = (
        "application",
        "channel",
        "subject",
        "body",
        "next_update_promised_by",
        "author",
        "created_at",
        "message",
    )
    created_by_services = True
