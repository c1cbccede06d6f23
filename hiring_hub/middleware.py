import contextvars
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from hiring_hub import access

# The request being served (on this thread or asyncio task), for the audit trail.
current_request: contextvars.ContextVar = contextvars.ContextVar("current_request", default=None)


class UserTimezoneMiddleware:
    """Show every date and time in the signed-in user's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except zoneinfo.ZoneInfoNotFoundError:
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


class MFARequiredMiddleware:
    """Users an admin requires to use two-factor sign-in (access.must_use_mfa) are sent to
    allauth's authenticator set-up page until they have activated one. The pages they need on
    the way stay open: allauth's two-factor pages, re-authentication, logout, static files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and access.must_use_mfa(user)
            and not self._exempt(request.path_info)
            and not self._has_authenticator(user)
        ):
            messages.warning(
                request,
                "Your administrator requires two-factor sign-in: set up an authenticator app "
                "to continue.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        open_prefixes = (
            reverse("mfa_index"),
            reverse("account_logout"),
            reverse("account_reauthenticate"),
            settings.STATIC_URL,
        )
        return path.startswith(open_prefixes)

    @staticmethod
    def _has_authenticator(user) -> bool:
        from allauth.mfa.models import Authenticator
        from allauth.mfa.utils import is_mfa_enabled

        return is_mfa_enabled(user, [Authenticator.Type.TOTP])


class AuditRequestMiddleware:
    """Keep the request being served where `hiring_hub.audit.audit_record` finds it, so an
    audit entry records where a change came from (client address, browser)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
