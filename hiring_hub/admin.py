from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.utils.html import format_html, format_html_join

from hiring_hub import outbox, services
from hiring_hub.models import AuditEntry, NotificationOptOut, OutboundMessage, Role, User

admin.site.site_header = "Hiring Hub administration"
admin.site.site_title = "Hiring Hub administration"
admin.site.index_title = "Hiring Hub administration"


def user_role_filter(field: str, role: Role | None = None, title: str = ""):
    """A list filter on the user in `field` that offers only the users who could be there:
    those of `role`, or (without a role) those who appear in that field at all."""

    class UserRoleFilter(admin.SimpleListFilter):
        parameter_name = field

        def __init__(self, request, params, model, model_admin):
            self.title = title or model._meta.get_field(field).verbose_name
            super().__init__(request, params, model, model_admin)

        def lookups(self, request, model_admin):
            users = User.objects.order_by("full_name", "email")
            if role is not None:
                users = users.filter(role=role)
            else:
                seen = model_admin.model._default_manager.values(field)
                users = users.filter(pk__in=seen)
            return [(str(user.pk), user.full_name or user.email) for user in users]

        def queryset(self, request, queryset):
            if self.value():
                return queryset.filter(**{f"{field}__id": self.value()})
            return queryset

    UserRoleFilter.__name__ = f"{field.title().replace('_', '')}Filter"
    return UserRoleFilter


# (app label, model name, field name) -> the role a user must have to be chosen there. Apps
# register their own fields from their admin module; the user autocomplete honours it.
ROLE_FIELDS: dict[tuple[str, str, str], Role] = {}


def register_role_field(model, field: str, role: Role) -> None:
    ROLE_FIELDS[(model._meta.app_label, model._meta.model_name, field)] = role


class RoleLimitedUserFields:
    """Model admin mixin: user fields registered with `register_role_field` offer only users
    of that role, in the form and its autocomplete."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        role = ROLE_FIELDS.get((self.opts.app_label, self.opts.model_name, db_field.name))
        if role is not None:
            kwargs["queryset"] = User.objects.filter(role=role)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class HistoryReadOnlyAdmin(admin.ModelAdmin):
    """A model admin whose `history_fields` are written only by our services, which keep the
    history (timeline, stage changes, amendments) beside them; the admin shows but never
    edits them. Rows whose existence is itself history (`created_by_services`) are not added
    here either."""

    history_fields: tuple[str, ...] = ()
    created_by_services = False

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        return fields + tuple(f for f in self.history_fields if f not in fields)

    def has_add_permission(self, request) -> bool:
        return not self.created_by_services and super().has_add_permission(request)


class HistoryReadOnlyInline:
    """The inline counterpart of HistoryReadOnlyAdmin."""

    history_fields: tuple[str, ...] = ()
    created_by_services = False

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        return fields + tuple(f for f in self.history_fields if f not in fields)

    def has_add_permission(self, request, obj=None) -> bool:
        return not self.created_by_services and super().has_add_permission(request, obj)


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


class InvitationFilter(admin.SimpleListFilter):
    # Not "password…": the user admin refuses any lookup that starts with it.
    title = "invitation"
    parameter_name = "invitation"

    class State(models.TextChoices):
        PENDING = "pending", "Password not chosen yet"
        ACCEPTED = "accepted", "Password chosen"

    def lookups(self, request, model_admin):
        return self.State.choices

    def queryset(self, request, queryset):
        unusable = Q(password__startswith=UNUSABLE_PASSWORD_PREFIX)
        if self.value() == self.State.PENDING:
            return queryset.filter(unusable)
        if self.value() == self.State.ACCEPTED:
            return queryset.exclude(unusable)
        return queryset


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
    list_filter = ("role", InvitationFilter, "is_staff", "is_active")
    search_fields = ("email", "full_name")
    readonly_fields = ("last_login", "date_joined", "invited_by")
    inlines = [NotificationOptOutInline]
    actions = ["resend_invitation"]
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

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.path.endswith("/autocomplete/"):
            keys = ("app_label", "model_name", "field_name")
            source = tuple(request.GET.get(key, "") for key in keys)
            role = ROLE_FIELDS.get(source)
            if role is not None:
                queryset = queryset.filter(role=role)
        return queryset, may_have_duplicates

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        if not change:
            obj.email = obj.email.strip().lower()
            obj.set_unusable_password()
            obj.invited_by = request.user
        else:
            # What the user could do before this form: audited once groups are saved too.
            form.access_before = services.user_access_snapshot(User.objects.get(pk=obj.pk))
        super().save_model(request, obj, form, change)
        if not change:
            services.user_invitation_send(user=obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            services.user_access_change_record(
                actor=request.user, user=form.instance, before=form.access_before
            )

    @admin.action(description="Resend invitation", permissions=["change"])
    def resend_invitation(self, request, queryset):
        sent, skipped = 0, []
        for user in queryset.order_by("full_name"):
            try:
                services.user_invitation_resend(actor=request.user, user=user)
            except PermissionDenied:
                self.message_user(request, "Only recruiters and admins invite.", messages.ERROR)
                return
            except ValidationError:
                skipped.append(user.email)
            else:
                sent += 1
        if sent:
            self.message_user(request, f"{sent} invitation(s) sent again.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                "Not sent to people who have chosen a password or are deactivated: "
                + ", ".join(skipped),
                messages.WARNING,
            )


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
        # A symbol, not a colour: the Content-Security-Policy allows no inline style.
        symbols = {
            OutboundMessage.State.QUEUED: "…",
            OutboundMessage.State.CLAIMED: "→",
            OutboundMessage.State.SENT: "✓",
            OutboundMessage.State.FAILED: "⚠",
            OutboundMessage.State.GAVE_UP: "✗",
        }
        return format_html("<strong>{} {}</strong>", symbols[obj.state], obj.get_state_display())

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


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail, read-only: no add, change or delete, for anyone (the database refuses
    too). Admins with the view permission (superusers) filter and search it."""

    list_display = ("created_at", "action", "target_label", "actor_label", "ip_address")
    list_display_links = ("created_at", "action")
    list_filter = (
        "action",
        user_role_filter("actor", title="actor"),
        ("created_at", admin.DateFieldListFilter),
        "target_type",
    )
    search_fields = ("target_label", "actor_label")
    date_hierarchy = "created_at"
    list_per_page = 50
    show_full_result_count = False
    readonly_fields = [*(f.name for f in AuditEntry._meta.fields), "changes"]
    fields = (
        "created_at",
        "action",
        ("target_type", "target_id", "target_label"),
        ("actor", "actor_label"),
        ("ip_address", "user_agent"),
        "changes",
        "before",
        "after",
    )

    @admin.display(description="Changes")
    def changes(self, obj: AuditEntry) -> str:
        """Before and after side by side, one row per field."""
        before, after = obj.before or {}, obj.after or {}
        keys = list(dict.fromkeys([*before, *after]))
        if not keys:
            return "-"
        rows = format_html_join(
            "",
            '<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>',
            ((key, _shown(before, key), _shown(after, key)) for key in keys),
        )
        return format_html(
            "<table><thead><tr><th>Field</th><th>Before</th><th>After</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            rows,
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def _shown(values: dict, key: str) -> str:
    if key not in values:
        return "-"
    value = values[key]
    return "(empty)" if value in (None, "", []) else str(value)
