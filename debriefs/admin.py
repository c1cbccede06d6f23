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


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ("__str__", "application", "stage", "starts_at", "status", "sequence")
    list_filter = ("status", "stage__requisition")
    search_fields = ("application__candidate__full_name", "stage__name")
    date_hierarchy = "starts_at"
    raw_id_fields = ("application", "stage", "created_by")
    filter_horizontal = ("interviewers",)
    readonly_fields = ("sequence", "created_at", "updated_at")
    inlines = [ScorecardInline]
    list_select_related = ("application__candidate", "application__requisition", "stage")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class CriterionRatingInline(admin.TabularInline):
    model = CriterionRating
    extra = 0
    raw_id_fields = ("criterion",)


class ScorecardAmendmentInline(admin.TabularInline):
    model = ScorecardAmendment
    extra = 0
    readonly_fields = ("author", "reason", "changes", "created_at")
    can_delete = False


@admin.register(Scorecard)
class ScorecardAdmin(admin.ModelAdmin):
    list_display = ("interview", "interviewer", "status", "recommendation", "submitted_at")
    list_filter = ("status", "recommendation")
    search_fields = ("interviewer__full_name", "interview__application__candidate__full_name")
    raw_id_fields = ("interview", "interviewer", "criteria_version")
    filter_horizontal = ("explore_criteria",)
    inlines = [CriterionRatingInline, ScorecardAmendmentInline]
    list_select_related = ("interviewer", "interview__stage", "interview__application__candidate")


@admin.register(CriterionRating)
class CriterionRatingAdmin(admin.ModelAdmin):
    list_display = ("scorecard", "criterion", "rating")
    list_filter = ("rating",)
    raw_id_fields = ("scorecard", "criterion")


@admin.register(ScorecardAmendment)
class ScorecardAmendmentAdmin(admin.ModelAdmin):
    list_display = ("scorecard", "author", "created_at")
    raw_id_fields = ("scorecard", "author")
    readonly_fields = ("created_at",)


@admin.register(DebriefDecision)
class DebriefDecisionAdmin(admin.ModelAdmin):
    list_display = ("application", "stage", "decision", "decided_by", "decided_at")
    list_filter = ("decision",)
    search_fields = ("application__candidate__full_name", "rationale")
    raw_id_fields = ("application", "stage", "decided_by")


@admin.register(ThankYouNote)
class ThankYouNoteAdmin(admin.ModelAdmin):
    list_display = ("interview", "status", "due_at", "sent_at", "sent_by")
    list_filter = ("status",)
    search_fields = ("subject", "interview__application__candidate__full_name")
    raw_id_fields = ("interview", "sent_by")
    date_hierarchy = "due_at"


@admin.register(CandidateUpdate)
class CandidateUpdateAdmin(admin.ModelAdmin):
    list_display = ("application", "channel", "subject", "next_update_promised_by", "created_at")
    list_filter = ("channel",)
    search_fields = ("application__candidate__full_name", "subject", "body")
    raw_id_fields = ("application", "author")
