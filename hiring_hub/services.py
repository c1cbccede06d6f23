"""Writes on users: invitations, profiles, and the audit of their access."""

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from hiring_hub import access, outbox
from hiring_hub.audit import audit_record
from hiring_hub.models import NotificationOptOut, Role, User

INVITATION = "invitation"
ACCOUNT = "account"


def invitation_link(user: User) -> str:
    """A set-your-password link: allauth's password-reset-from-key view, valid for
    PASSWORD_RESET_TIMEOUT and only until the password is set."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return outbox.absolute_url(path)


@transaction.atomic
def user_invite(
    *,
    invited_by: User,
    email: str,
    full_name: str,
    role: str,
    time_zone: str = "UTC",
) -> User:
    """Create an account with no usable password and email the invitee a link to set one.

    Only admins and recruiters invite; there is no open sign-up. An email already in
    use is refused rather than silently re-invited.
    """
    if not access.can_invite_users(invited_by):
        raise PermissionDenied
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "Someone with this email address already has an account."})
    if role not in Role.values:
        raise ValidationError({"role": "Choose a role."})
    user = User.objects.create_user(
        email, full_name=full_name.strip(), role=role, time_zone=time_zone, invited_by=invited_by
    )
    user_invitation_send(user=user)
    return user


@transaction.atomic
def user_invitation_send(*, user: User) -> None:
    """Record the invitee's address for allauth and email them a set-your-password link
    (through the outbox, in this transaction). Used for new accounts from the Team page and
    the Django admin."""
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": True}
    )
    audit_record(
        actor=user.invited_by, action="user.invite", target=user, after=user_access_snapshot(user)
    )
    _enqueue_invitation(user)


@transaction.atomic
def user_invitation_resend(*, actor: User, user: User) -> None:
    """Email a new set-your-password link to someone who has not chosen a password yet.

    Only those who may invite may resend; a user who already has a password signs in or
    resets it instead, so they are refused here.
    """
    if not access.can_invite_users(actor):
        raise PermissionDenied
    if user.has_usable_password():
        raise ValidationError(f"{user.email} has already chosen a password.")
    if not user.is_active:
        raise ValidationError(f"{user.email} is deactivated.")
    _enqueue_invitation(user)


def _enqueue_invitation(user: User) -> None:
    outbox.message_enqueue(
        kind=INVITATION,
        to=user,
        about=f"user:{user.pk}",
        template="invitation",
        subject="You're invited to Hiring Hub",
        context={
            "user": user,
            "inviter": user.invited_by,
            "link": invitation_link(user),
            "days_valid": settings.PASSWORD_RESET_TIMEOUT // 86400,
        },
    )


# --- Profile and notification switches ---------------------------------------------------
@transaction.atomic
def user_profile_update(
    *, user: User, full_name: str, time_zone: str, enabled_notifications: list[str]
) -> User:
    """Save a user's name, time zone and which notification kinds they receive. A kind left
    out is recorded as an opt-out, which every sweep honours (it is never sent)."""
    switchable = {kind.key for kind in outbox.opt_out_kinds()}
    unknown = set(enabled_notifications) - switchable
    if unknown:
        raise ValidationError({"notifications": f"Unknown kinds: {', '.join(sorted(unknown))}."})
    user.full_name, user.time_zone = full_name.strip(), time_zone
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "time_zone"])
    off = switchable - set(enabled_notifications)
    user.notification_opt_outs.exclude(kind__in=off).delete()
    existing = set(user.notification_opt_outs.values_list("kind", flat=True))
    NotificationOptOut.objects.bulk_create(
        NotificationOptOut(user=user, kind=kind) for kind in sorted(off - existing)
    )
    return user


@transaction.atomic
def user_notification_opt_out(*, user: User, kind: str) -> None:
    """Switch one kind of message off for a user (the one-click unsubscribe link of an
    email). Only kinds that can be switched off; doing it twice changes nothing."""
    if kind not in {k.key for k in outbox.opt_out_kinds()}:
        raise ValidationError("This kind of message cannot be switched off.")
    NotificationOptOut.objects.get_or_create(user=user, kind=kind)


# --- Access (role and permissions) audit -----------------------------------------------------
def user_access_snapshot(user: User) -> dict:
    """What a user may do: role, flags, groups and own permissions (the audited fields)."""
    if user.pk is None:
        groups, permissions = [], []
    else:
        groups = sorted(user.groups.values_list("name", flat=True))
        permissions = sorted(
            f"{app}.{codename}"
            for app, codename in user.user_permissions.values_list(
                "content_type__app_label", "codename"
            )
        )
    return {
        "role": user.role,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "is_active": user.is_active,
        "groups": groups,
        "user_permissions": permissions,
    }


def user_access_change_record(*, actor: User, user: User, before: dict) -> None:
    """Audit a change of what a user may do (made in the Django admin), with the fields
    before and after; nothing when none of them changed. Runs in the caller's transaction."""
    after = user_access_snapshot(user)
    changed = [key for key in after if before.get(key) != after[key]]
    if changed:
        audit_record(
            actor=actor,
            action="user.access_change",
            target=user,
            before={key: before.get(key) for key in changed},
            after={key: after[key] for key in changed},
        )
