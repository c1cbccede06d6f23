import contextvars
import zoneinfo

from django.utils import timezone

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
