"""Cross-cutting models: the user account every app relies on, the outbox and the audit trail."""

import zoneinfo

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from hiring_hub.indexes import UpperTrigramIndex
from hiring_hub.validators import validate_single_line


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class Role(models.TextChoices):
    RECRUITER = "recruiter", "Recruiter"
    HIRING_MANAGER = "hiring_manager", "Hiring manager"
    INTERVIEWER = "interviewer", "Interviewer"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("full_name", email.split("@")[0])
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("email address", unique=True, validators=[validate_single_line])
    full_name = models.CharField(max_length=150, validators=[validate_single_line])
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.INTERVIEWER)
    time_zone = models.CharField(max_length=64, choices=time_zone_choices, default="UTC")
    is_staff = models.BooleanField(
        default=False, help_text="Admins: may log in to the Django admin."
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    invited_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        indexes = [
            models.Index(fields=["role", "full_name"], name="user_role_name_idx"),
        ]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="user_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_recruiter(self) -> bool:
        return self.role == Role.RECRUITER

    @property
    def is_hiring_manager(self) -> bool:
        return self.role == Role.HIRING_MANAGER

    @property
    def is_interviewer(self) -> bool:
        return self.role == Role.INTERVIEWER

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class NotificationOptOut(models.Model):
    """A kind of message (registered by an app with `hiring_hub.outbox.register_kind`) that a
    user switched off. Every sweep honours it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notification_opt_outs")
    kind = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_opt_out_unique"),
        ]

    def __str__(self) -> str:
        return f"No “{self.kind}” emails"


class OutboundMessage(models.Model):
    """One email, written in the transaction of the action that causes it and delivered by a
    worker: the outbox. The row holds the whole rendered message, so a resend is the same
    message with the same Message-ID. (kind, recipient_email, subject_key, period) is the
    claim that stops a sweep from writing the same reminder twice."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        CLAIMED = "claimed", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed (will retry)"
        GAVE_UP = "gave_up", "Gave up"

        @classmethod
        def pending(cls) -> list[str]:
            """States a worker may still deliver from."""
            return [cls.QUEUED, cls.CLAIMED, cls.FAILED]

    kind = models.CharField(max_length=40)
    recipient = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    recipient_email = models.EmailField()
    # What the message is about ("interview:12") and for which period ("2026-W47", "day-3");
    # an event message (not a reminder) has a period of its own.
    subject_key = models.CharField(max_length=100)
    period = models.CharField(max_length=40)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    subject = models.CharField(max_length=300, blank=True)
    from_email = models.CharField(max_length=400, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    # [[filename, text content, mimetype], ...]: calendar invites.
    attachments = models.JSONField(default=list, blank=True)
    message_id = models.CharField(max_length=255, unique=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # A worker's claim: another worker may take the message over once the lease has expired
    # (the first one died mid-send).
    claimed_until = models.DateTimeField(null=True, blank=True)
    claim_token = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient_email", "subject_key", "period"],
                name="outbound_message_claim_unique",
            ),
        ]
        indexes = [
            # The worker's "what is left to deliver" scan only ever looks at pending rows.
            models.Index(
                fields=["state", "next_attempt_at"],
                name="outbound_message_pending",
                condition=models.Q(state__in=["queued", "claimed", "failed"]),
            ),
            models.Index(fields=["kind", "subject_key"], name="outbound_message_subject"),
            models.Index(fields=["-created_at", "-id"], name="outbound_message_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient_email} ({self.period})"

    @property
    def is_pending(self) -> bool:
        return self.state in self.State.pending()


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    # Bulk writes go around save() and delete(): refuse them here too. (Django's own
    # SET_NULL on a deleted actor uses the plain base manager, which the trigger allows.)
    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """One sensitive change: who (actor, kept as text too, so the name survives the account),
    what (action and target, with the relevant fields before and after), when and from where
    (client address and browser of the request; none for jobs and the shell). Written by
    `hiring_hub.audit.audit_record` in the transaction of the change; never changed or
    deleted: the model, its queryset and the admin refuse, and on PostgreSQL a trigger
    refuses UPDATE and DELETE (migration 0006)."""

    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    actor_label = models.CharField(max_length=300, blank=True)
    action = models.CharField(max_length=60)
    # "app_label.model", ContentType's natural key: no lookup query (and no foreign key
    # that could cascade) on every audited write.
    target_type = models.CharField(max_length=100)
    target_id = models.CharField(max_length=64)
    target_label = models.CharField(max_length=300, blank=True)
    before = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="audit_entry_recent"),
            models.Index(fields=["action", "-created_at"], name="audit_entry_action"),
            models.Index(fields=["actor", "-created_at"], name="audit_entry_actor"),
            models.Index(
                fields=["target_type", "target_id", "-created_at"], name="audit_entry_target"
            ),
            UpperTrigramIndex(field="target_label", name="audit_entry_target_label_trgm"),
            UpperTrigramIndex(field="actor_label", name="audit_entry_actor_label_trgm"),
        ]

    def __str__(self) -> str:
        return f"{self.action} on {self.target_label or self.target_type} by {self.actor_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")

    @property
    def target_content_type(self):
        return ContentType.objects.get_by_natural_key(*self.target_type.split("."))
