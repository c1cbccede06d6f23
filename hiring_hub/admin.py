from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.utils.html import format_html

from hiring_hub import outbox, services
from hiring_hub.models import NotificationOptOut, OutboundMessage, User


class InvitationAdminForm(forms.ModelForm):
    """Admins invite, like recruiters: no password here, the invitee chooses it."""

    class Meta:
        model = User
        fields = ("email", "full_name", "role", "time_zone", "is_staff")


class HubUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class NotificationOptOutInline(admin.TabularInline):
    model = NotificationOptOut
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = HubUserChangeForm
    add_form = InvitationAdminForm
    ordering = ("full_name",)
    list_display = (
        "email",
        "full_name",
        "role",
        "time_zone",
        "is_staff",
        "is_active",
        "last_login",
    )
    list_filter = ("role", "is_staff", "is_active")
    search_fields = ("email", "full_name")
    readonly_fields = ("last_login", "date_joined", "invited_by")
    inlines = [NotificationOptOutInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("full_name", "role", "time_zone")}),
        (
            "Permissions",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("History", {"fields": ("last_login", "date_joined", "invited_by")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "role", "time_zone", "is_staff"),
                "description": "The new user gets an email with a link to choose a password.",
            },
        ),
    )

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        if not change:
            obj.email = obj.email.strip().lower()
            obj.set_unusable_password()
            obj.invited_by = request.user
        super().save_model(request, obj, form, change)
        if not change:
            services.user_invitation_send(user=obj)


@admin.register(OutboundMessage)
class OutboundMessageAdmin(admin.ModelAdmin):
    """Every email Hiring Hub wrote, with its delivery state: queued, sending (claimed by a
    worker, with a lease), sent, failed (retried with back-off) or given up."""

    list_display = (
        "state_badge",
        "subject",
        "kind_name",
        "recipient_email",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "created_at",
    )
    list_display_links = ("subject",)
    list_filter = ("state", "kind", ("created_at", admin.DateFieldListFilter))
    search_fields = ("recipient_email", "subject", "subject_key", "message_id")
    date_hierarchy = "created_at"
    list_select_related = ("recipient",)
    readonly_fields = [f.name for f in OutboundMessage._meta.fields]
    actions = ["retry_now"]
    list_per_page = 50

    @admin.display(description="Kind", ordering="kind")
    def kind_name(self, obj: OutboundMessage) -> str:
        return outbox.kind_label(obj.kind)

    @admin.display(description="State", ordering="state")
    def state_badge(self, obj: OutboundMessage) -> str:
        colours = {
            OutboundMessage.State.QUEUED: "#374151",
            OutboundMessage.State.SENT: "#15803d",
            OutboundMessage.State.FAILED: "#b45309",
            OutboundMessage.State.GAVE_UP: "#b91c1c",
            OutboundMessage.State.CLAIMED: "#1d4ed8",
        }
        return format_html(
            '<strong style="color:{}">{}</strong>', colours[obj.state], obj.get_state_display()
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Retry now", permissions=["view"])
    def retry_now(self, request, queryset):
        retried = 0
        for message in queryset.exclude(state=OutboundMessage.State.SENT):
            outbox.message_retry_now(message=message)
            retried += 1
        self.message_user(
            request,
            f"{retried} message(s) queued for delivery now. Sent messages are never re-sent.",
            messages.SUCCESS,
        )
