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
from hiring_hub.admin import HistoryReadOnlyAdmin, HistoryReadOnlyInline, user_role_filter
from hiring_hub.models import Role

# What the services record as the application's history: its stage moves go through
# `application_move`, which writes a StageChange beside each one.
APPLICATION_HISTORY = (
    "stage",
    "stage_changed_at",
    "shortlisted_at",
    "closed_reason",
    "last_candidate_update_at",
    "created_by",
    "created_at",
)


class RelatedInline:
    """An inline that loads the rows its lines show (`select_related_fields`) in one query."""

    select_related_fields: tuple[str, ...] = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.select_related_fields)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class ApplicationInline(RelatedInline, HistoryReadOnlyInline, admin.TabularInline):
    model = Application
    fields = ["requisition", "stage", "shortlisted_at", "closed_reason"]
    history_fields = ("stage", "shortlisted_at", "closed_reason")
    raw_id_fields = ["requisition"]
    extra = 0
    show_change_link = True
    created_by_services = True
    select_related_fields = ("candidate", "requisition")


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["full_name", "email", "source", "location", "created_at"]
    list_filter = ["source", "tags", user_role_filter("created_by")]
    search_fields = ["full_name", "email", "location"]
    filter_horizontal = ["tags"]
    readonly_fields = ["resume_content_type", "created_by", "created_at", "updated_at"]
    inlines = [ApplicationInline]


class StageChangeInline(RelatedInline, admin.TabularInline):
    model = StageChange
    fields = ["created_at", "from_stage", "to_stage", "actor", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    select_related_fields = ("actor",)


class AssessmentInline(RelatedInline, HistoryReadOnlyInline, admin.TabularInline):
    model = Assessment
    fields = ["criterion", "criteria_version", "rating", "evidence", "assessed_by", "updated_at"]
    history_fields = ("criterion", "criteria_version", "assessed_by", "updated_at")
    extra = 0
    created_by_services = True
    select_related_fields = ("criterion", "criteria_version__requisition", "assessed_by")


@admin.register(Application)
class ApplicationAdmin(HistoryReadOnlyAdmin):
    list_display = ["candidate", "requisition", "stage", "stage_changed_at", "created_at"]
    list_filter = [
        "stage",
        "requisition__status",
        user_role_filter("requisition__recruiter", Role.RECRUITER, "recruiter"),
        user_role_filter("requisition__hiring_manager", Role.HIRING_MANAGER, "hiring manager"),
        "requisition",
    ]
    search_fields = ["candidate__full_name", "candidate__email", "requisition__title"]
    list_select_related = ["candidate", "requisition"]
    raw_id_fields = ["candidate", "requisition"]
    history_fields = APPLICATION_HISTORY
    inlines = [AssessmentInline, StageChangeInline]
    created_by_services = True

    def get_readonly_fields(self, request, obj=None):
        # Which candidate and requisition an application joins is part of its history too.
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "candidate", "requisition") if obj is not None else fields


@admin.register(StageChange)
class StageChangeAdmin(HistoryReadOnlyAdmin):
    list_display = ["application", "from_stage", "to_stage", "actor", "created_at"]
    list_filter = ["to_stage", "from_stage", user_role_filter("actor"), "created_at"]
    search_fields = [
        "application__candidate__full_name",
        "application__requisition__title",
        "reason",
    ]
    list_select_related = ["application__candidate", "application__requisition", "actor"]
    history_fields = ("application", "from_stage", "to_stage", "actor", "reason", "created_at")
    created_by_services = True
    date_hierarchy = "created_at"


@admin.register(Assessment)
class AssessmentAdmin(HistoryReadOnlyAdmin):
    list_display = ["application", "criterion", "rating", "assessed_by", "updated_at"]
    list_filter = [
        "rating",
        "criterion__kind",
        "criterion__category",
        user_role_filter("assessed_by", Role.RECRUITER, "assessed by"),
    ]
    search_fields = [
        "application__candidate__full_name",
        "application__requisition__title",
        "criterion__name",
        "evidence",
    ]
    list_select_related = [
        "application__candidate",
        "application__requisition",
        "criterion",
        "assessed_by",
    ]
    history_fields = ("application", "criterion", "criteria_version", "assessed_by", "updated_at")
    created_by_services = True


class ShortlistEntryInline(RelatedInline, HistoryReadOnlyInline, admin.TabularInline):
    model = ShortlistEntry
    fields = ["application", "decision", "reason", "decided_at", "decided_by"]
    history_fields = ("application", "decision", "reason", "decided_at", "decided_by")
    extra = 0
    show_change_link = True
    can_delete = False
    created_by_services = True
    select_related_fields = ("application__candidate", "application__requisition", "decided_by")


@admin.register(Shortlist)
class ShortlistAdmin(HistoryReadOnlyAdmin):
    list_display = ["requisition", "number", "submitted_by", "submitted_at", "completed_at"]
    list_filter = [
        user_role_filter("submitted_by", Role.RECRUITER, "submitted by"),
        "requisition__status",
        "submitted_at",
        ("completed_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["requisition__title", "note", "entries__application__candidate__full_name"]
    list_select_related = ["requisition", "submitted_by"]
    history_fields = (
        "requisition",
        "criteria_version",
        "number",
        "submitted_by",
        "submitted_at",
        "completed_at",
    )
    created_by_services = True
    date_hierarchy = "submitted_at"
    inlines = [ShortlistEntryInline]


class AuthoredNoteInline(RelatedInline, HistoryReadOnlyInline, admin.TabularInline):
    """The lines of a conversation (candidates.models.AuthoredNote), kept as written."""

    fields = ["author", "body", "created_at"]
    history_fields = ("author", "body", "created_at")
    extra = 0
    can_delete = False
    created_by_services = True
    select_related_fields = ("author",)


class AuthoredNoteAdmin(HistoryReadOnlyAdmin):
    list_display = ["author", "created_at"]
    list_filter = [user_role_filter("author"), "created_at"]
    created_by_services = True


class ShortlistMessageInline(AuthoredNoteInline):
    model = ShortlistMessage


@admin.register(ShortlistEntry)
class ShortlistEntryAdmin(HistoryReadOnlyAdmin):
    list_display = ["application", "shortlist", "decision", "decided_by", "decided_at"]
    list_filter = [
        "decision",
        user_role_filter("decided_by", Role.HIRING_MANAGER, "decided by"),
        "shortlist__requisition__status",
        "decided_at",
    ]
    search_fields = [
        "application__candidate__full_name",
        "shortlist__requisition__title",
        "reason",
    ]
    list_select_related = [
        "shortlist__requisition",
        "application__candidate",
        "application__requisition",
        "decided_by",
    ]
    history_fields = ("shortlist", "application", "decision", "reason", "decided_at", "decided_by")
    created_by_services = True
    filter_horizontal = ["criteria"]
    inlines = [ShortlistMessageInline]


@admin.register(ShortlistMessage)
class ShortlistMessageAdmin(AuthoredNoteAdmin):
    list_display = ["entry", *AuthoredNoteAdmin.list_display]
    search_fields = [
        "body",
        "entry__application__candidate__full_name",
        "entry__shortlist__requisition__title",
    ]
    list_select_related = ["entry__application__candidate", "author"]
    history_fields = ("entry", "author", "body", "created_at")


class NegotiationNoteInline(AuthoredNoteInline):
    model = NegotiationNote


@admin.register(Offer)
class OfferAdmin(HistoryReadOnlyAdmin):
    list_display = [
        "application",
        "base_salary",
        "currency",
        "approved_at",
        "verbal_offer_at",
        "written_sent_at",
        "outcome",
    ]
    list_filter = [
        "outcome",
        "verbal_outcome",
        "currency",
        ("approved_at", admin.EmptyFieldListFilter),
        user_role_filter("application__requisition__recruiter", Role.RECRUITER, "recruiter"),
    ]
    search_fields = [
        "application__candidate__full_name",
        "application__candidate__email",
        "application__requisition__title",
    ]
    list_select_related = ["application__candidate", "application__requisition"]
    # Each step of an offer is a service (approve, verbal, written, accept, decline) that keeps
    # the stage and timeline in step; the terms stay editable until it is settled.
    history_fields = (
        "application",
        "approved_at",
        "approved_by",
        "verbal_offer_at",
        "verbal_outcome",
        "written_sent_at",
        "expires_on",
        "outcome",
        "declined_reason",
        "outcome_at",
        "created_by",
        "created_at",
    )
    created_by_services = True
    inlines = [NegotiationNoteInline]


@admin.register(NegotiationNote)
class NegotiationNoteAdmin(AuthoredNoteAdmin):
    list_display = ["offer", *AuthoredNoteAdmin.list_display]
    search_fields = [
        "body",
        "offer__application__candidate__full_name",
        "offer__application__requisition__title",
    ]
    list_select_related = ["offer__application__candidate", "author"]
    history_fields = ("offer", "author", "body", "created_at")
