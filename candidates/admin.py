from django.contrib import admin

from candidates.models import (
    Application,
    Assessment,
    Candidate,
    NegotiationNote,
    Offer,
    Shortlist,
    ShortlistEntry,
    ShortlistMessage,
    StageChange,
    Tag,
)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class ApplicationInline(admin.TabularInline):
    model = Application
    fields = ["requisition", "stage", "shortlisted_at", "closed_reason"]
    readonly_fields = ["shortlisted_at"]
    raw_id_fields = ["requisition"]
    extra = 0
    show_change_link = True


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["full_name", "email", "source", "location", "created_at"]
    list_filter = ["source", "tags"]
    search_fields = ["full_name", "email", "location"]
    filter_horizontal = ["tags"]
    readonly_fields = ["resume_content_type", "created_by", "created_at", "updated_at"]
    inlines = [ApplicationInline]


class StageChangeInline(admin.TabularInline):
    model = StageChange
    fields = ["created_at", "from_stage", "to_stage", "actor", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AssessmentInline(admin.TabularInline):
    model = Assessment
    fields = ["criterion", "criteria_version", "rating", "evidence", "assessed_by"]
    raw_id_fields = ["criterion", "criteria_version", "assessed_by"]
    extra = 0


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["candidate", "requisition", "stage", "stage_changed_at", "created_at"]
    list_filter = ["stage", "requisition"]
    search_fields = ["candidate__full_name", "candidate__email", "requisition__title"]
    list_select_related = ["candidate", "requisition"]
    raw_id_fields = ["candidate", "requisition", "created_by"]
    readonly_fields = ["stage_changed_at", "created_at"]
    inlines = [AssessmentInline, StageChangeInline]


@admin.register(StageChange)
class StageChangeAdmin(admin.ModelAdmin):
    list_display = ["application", "from_stage", "to_stage", "actor", "created_at"]
    list_filter = ["to_stage"]
    list_select_related = ["application__candidate", "application__requisition", "actor"]
    raw_id_fields = ["application", "actor"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["application", "criterion", "rating", "assessed_by", "updated_at"]
    list_filter = ["rating", "criterion__kind"]
    list_select_related = ["application__candidate", "application__requisition", "criterion"]
    raw_id_fields = ["application", "criterion", "criteria_version", "assessed_by"]


class ShortlistEntryInline(admin.TabularInline):
    model = ShortlistEntry
    fields = ["application", "decision", "reason", "decided_at", "decided_by"]
    raw_id_fields = ["application", "decided_by"]
    extra = 0
    show_change_link = True


@admin.register(Shortlist)
class ShortlistAdmin(admin.ModelAdmin):
    list_display = ["requisition", "number", "submitted_by", "submitted_at", "completed_at"]
    list_select_related = ["requisition", "submitted_by"]
    raw_id_fields = ["requisition", "criteria_version", "submitted_by"]
    inlines = [ShortlistEntryInline]


class ShortlistMessageInline(admin.TabularInline):
    model = ShortlistMessage
    fields = ["author", "body", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["author"]
    extra = 0


@admin.register(ShortlistEntry)
class ShortlistEntryAdmin(admin.ModelAdmin):
    list_display = ["shortlist", "application", "decision", "decided_at"]
    list_filter = ["decision"]
    list_select_related = ["shortlist__requisition", "application__candidate"]
    raw_id_fields = ["shortlist", "application", "decided_by"]
    filter_horizontal = ["criteria"]
    inlines = [ShortlistMessageInline]


@admin.register(ShortlistMessage)
class ShortlistMessageAdmin(admin.ModelAdmin):
    list_display = ["entry", "author", "created_at"]
    raw_id_fields = ["entry", "author"]


class NegotiationNoteInline(admin.TabularInline):
    model = NegotiationNote
    fields = ["author", "body", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["author"]
    extra = 0


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = [
        "application",
        "base_salary",
        "currency",
        "approved_at",
        "verbal_offer_at",
        "written_sent_at",
        "outcome",
    ]
    list_filter = ["outcome", "verbal_outcome", "currency"]
    list_select_related = ["application__candidate", "application__requisition"]
    raw_id_fields = ["application", "approved_by", "created_by"]
    inlines = [NegotiationNoteInline]


@admin.register(NegotiationNote)
class NegotiationNoteAdmin(admin.ModelAdmin):
    list_display = ["offer", "author", "created_at"]
    raw_id_fields = ["offer", "author"]
