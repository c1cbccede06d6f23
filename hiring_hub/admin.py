from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm

from hiring_hub import services
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
    list_display = (
        "created_at",
        "kind",
        "recipient_email",
        "subject",
        "period",
        "state",
        "attempts",
        "sent_at",
    )
    list_filter = ("state", "kind")
    search_fields = ("recipient_email", "subject", "subject_key")
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutboundMessage._meta.fields]
