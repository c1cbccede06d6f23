from django.contrib import admin
from django.db.models import Count

from hiring_hub.admin import (
    HistoryReadOnlyAdmin,
    RoleLimitedUserFields,
    register_role_field,
    user_role_filter,
)
from hiring_hub.models import Role
from requisitions.models import (
    AlignmentMeeting,
    CheckIn,
    CriteriaVersion,
    Criterion,
    Intake,
    IntakeRevision,
    InterviewStage,
    Requisition,
    RequisitionEvent,
    Retrospective,
    TeamProfile,
    TeamProfileLesson,
)

register_role_field(Requisition, "recruiter", Role.RECRUITER)
register_role_field(Requisition, "hiring_manager", Role.HIRING_MANAGER)


class CriteriaVersionInline(admin.TabularInline):
    model = CriteriaVersion
    extra = 0
    fields = ("number", "status", "signed_by", "signed_at", "created_by", "created_at")
    readonly_fields = fields
    show_change_link = True
    can_delete = False


class InterviewStageInline(admin.TabularInline):
    model = InterviewStage
    extra = 0
    fields = ("order", "name", "duration_minutes", "interviewers")
    autocomplete_fields = ("interviewers",)
    show_change_link = True


class AlignmentMeetingInline(admin.TabularInline):
    model = AlignmentMeeting
    extra = 0
    fields = ("scheduled_at", "duration_minutes", "signed_version", "created_by")
    readonly_fields = ("signed_version", "created_by")
    show_change_link = True


class RequisitionEventInline(admin.TabularInline):
    model = RequisitionEvent
    extra = 0
    fields = ("created_at", "actor", "kind", "message")
    readonly_fields = fields
    can_delete = False
    ordering = ("-created_at", "-id")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Requisition)
class RequisitionAdmin(RoleLimitedUserFields, HistoryReadOnlyAdmin):
    list_display = (
        "title",
        "team",
        "location",
        "status",
        "realignment_needed",
        "recruiter",
        "hiring_manager",
        "headcount",
        "target_start_date",
        "opened_at",
        "created_at",
    )
    list_filter = (
        "status",
        "realignment_needed",
        "employment_type",
        user_role_filter("recruiter", Role.RECRUITER),
        user_role_filter("hiring_manager", Role.HIRING_MANAGER),
        "team",
        "location",
    )
    search_fields = (
        "title",
        "team",
        "location",
        "recruiter__full_name",
        "hiring_manager__full_name",
    )
    list_select_related = ("recruiter", "hiring_manager")
    autocomplete_fields = ("recruiter", "hiring_manager", "hiring_team")
    date_hierarchy = "created_at"
    # Opening a requisition also opens its intake and first criteria draft: do it in the app.
    created_by_services = True
    history_fields = (
        "status",
        "status_before_hold",
        "realignment_needed",
        "opened_at",
        "filled_at",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("title", "team", "location", "employment_type", "headcount")}),
        ("Compensation", {"fields": ("salary_min", "salary_max", "salary_currency")}),
        ("People", {"fields": ("recruiter", "hiring_manager", "hiring_team")}),
        (
            "Status",
            {
                "description": "The status changes in the app, where the allowed steps and "
                "the timeline are kept, so it is shown here but not edited.",
                "fields": (
                    "status",
                    "status_before_hold",
                    "realignment_needed",
                    "target_start_date",
                    "opened_at",
                    "filled_at",
                    "created_at",
                    "updated_at",
                ),
            },
        ),
    )
    inlines = [
        CriteriaVersionInline,
        InterviewStageInline,
        AlignmentMeetingInline,
        RequisitionEventInline,
    ]


class IntakeRevisionInline(admin.TabularInline):
    model = IntakeRevision
    extra = 0
    fields = ("created_at", "author", "changes")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Intake)
class IntakeAdmin(admin.ModelAdmin):
    list_display = (
        "requisition",
        "meeting_at",
        "meeting_duration_minutes",
        "updated_by",
        "updated_at",
    )
    list_select_related = ("requisition", "updated_by")
    search_fields = ("requisition__title", "requisition__team")
    list_filter = ("requisition__status",)
    autocomplete_fields = ("requisition", "meeting_attendees")
    readonly_fields = ("updated_at", "updated_by", "meeting_sequence")
    inlines = [IntakeRevisionInline]


@admin.register(IntakeRevision)
class IntakeRevisionAdmin(HistoryReadOnlyAdmin):
    list_display = ("intake", "author", "created_at", "changed_fields")
    list_select_related = ("intake__requisition", "author")
    search_fields = ("intake__requisition__title", "author__full_name")
    list_filter = ("created_at", user_role_filter("author"))
    history_fields = ("intake", "author", "created_at", "changes")
    created_by_services = True

    @admin.display(description="changed fields")
    def changed_fields(self, obj):
        return ", ".join(obj.changes)


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ("order", "name", "kind", "category", "definition", "key")
    readonly_fields = ("key",)


@admin.register(CriteriaVersion)
class CriteriaVersionAdmin(admin.ModelAdmin):
    list_display = ("requisition", "number", "status", "criteria_count", "signed_by", "signed_at")
    list_filter = ("status", "requisition__status", user_role_filter("signed_by"))
    search_fields = ("requisition__title", "persona")
    list_select_related = ("requisition", "signed_by")
    readonly_fields = ("created_at", "created_by", "signed_at", "signed_by")
    inlines = [CriterionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(criteria_total=Count("criteria"))

    @admin.display(description="criteria", ordering="criteria_total")
    def criteria_count(self, obj):
        return obj.criteria_total

    def get_readonly_fields(self, request, obj=None):
        # A signed version is a frozen record of what was agreed.
        if obj is not None and obj.is_signed:
            return (
                "requisition",
                "number",
                "status",
                "persona",
                *super().get_readonly_fields(request, obj),
            )
        return super().get_readonly_fields(request, obj)

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if obj is not None and obj.is_signed:
            for inline in inlines:
                inline.readonly_fields = CriterionInline.fields
                inline.can_delete = False
                inline.max_num = 0
        return inlines


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "category", "version", "order")
    list_filter = ("kind", "category", "version__status")
    search_fields = ("name", "definition", "version__requisition__title")
    list_select_related = ("version__requisition",)
    readonly_fields = ("key",)


@admin.register(AlignmentMeeting)
class AlignmentMeetingAdmin(admin.ModelAdmin):
    list_display = (
        "requisition",
        "scheduled_at",
        "duration_minutes",
        "signed_version",
        "created_by",
    )
    list_filter = ("scheduled_at", "requisition__status")
    search_fields = ("requisition__title", "notes", "decisions")
    list_select_related = ("requisition", "signed_version__requisition", "created_by")
    autocomplete_fields = ("requisition", "attendees")
    readonly_fields = ("created_at", "created_by", "sequence")
    date_hierarchy = "scheduled_at"


@admin.register(InterviewStage)
class InterviewStageAdmin(admin.ModelAdmin):
    list_display = ("name", "requisition", "order", "duration_minutes", "interviewer_names")
    list_filter = ("requisition__status",)
    search_fields = ("name", "requisition__title")
    list_select_related = ("requisition",)
    autocomplete_fields = ("requisition", "interviewers")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("interviewers")

    @admin.display(description="interviewers")
    def interviewer_names(self, obj):
        return ", ".join(u.full_name for u in obj.interviewers.all())


@admin.register(RequisitionEvent)
class RequisitionEventAdmin(HistoryReadOnlyAdmin):
    list_display = ("created_at", "requisition", "kind", "actor", "message")
    list_filter = ("kind", "created_at", user_role_filter("actor"))
    search_fields = ("message", "requisition__title", "actor__full_name")
    list_select_related = ("requisition", "actor")
    history_fields = ("requisition", "actor", "kind", "message", "data", "created_at")
    created_by_services = True
    date_hierarchy = "created_at"


@admin.register(CheckIn)
class CheckInAdmin(HistoryReadOnlyAdmin):
    list_display = (
        "requisition",
        "week_start",
        "compiled_at",
        "acknowledged_at",
        "acknowledged_by",
    )
    list_filter = ("week_start", "acknowledged_at", "requisition__status")
    search_fields = ("requisition__title", "recruiter_note", "manager_agenda")
    list_select_related = ("requisition", "acknowledged_by")
    date_hierarchy = "week_start"
    history_fields = (
        "requisition",
        "week_start",
        "snapshot",
        "compiled_at",
        "acknowledged_at",
        "acknowledged_by",
    )
    created_by_services = True


# Team profiles and retrospectives are written by their services, which audit every change:
# the admin shows them and never edits them.
@admin.register(TeamProfile)
class TeamProfileAdmin(HistoryReadOnlyAdmin):
    list_display = ("hiring_manager", "updated_at", "updated_by")
    list_select_related = ("hiring_manager", "updated_by")
    search_fields = ("hiring_manager__full_name", "hiring_manager__email")
    list_filter = ("updated_at",)
    history_fields = ("hiring_manager", *TeamProfile.CONTENT_FIELDS, "updated_at", "updated_by")
    created_by_services = True


@admin.register(TeamProfileLesson)
class TeamProfileLessonAdmin(HistoryReadOnlyAdmin):
    list_display = ("created_at", "profile", "requisition", "author")
    list_select_related = ("profile__hiring_manager", "requisition", "author")
    search_fields = ("profile__hiring_manager__full_name", "requisition__title", "what_to_change")
    list_filter = ("created_at",)
    history_fields = (
        "profile",
        "requisition",
        "author",
        "what_worked",
        "what_to_change",
        "created_at",
    )
    created_by_services = True


@admin.register(Retrospective)
class RetrospectiveAdmin(HistoryReadOnlyAdmin):
    list_display = ("requisition", "person", "invited_at", "submitted_at")
    list_select_related = ("requisition", "person")
    search_fields = ("requisition__title", "person__full_name")
    list_filter = ("submitted_at", "invited_at")
    history_fields = (
        "requisition",
        "person",
        "what_worked",
        "what_to_change",
        "invited_at",
        "submitted_at",
    )
    created_by_services = True
