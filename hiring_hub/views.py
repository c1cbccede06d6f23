from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from hiring_hub import access, context_processors, outbox, selectors, services
from hiring_hub.cache import FailoverCache
from hiring_hub.forms import InvitationForm, ProfileForm, add_service_errors
from hiring_hub.models import User
from hiring_hub.pagination import paginate, wants_everyone


@login_required
def home(request):
    everyone = access.is_recruiter(request.user) and wants_everyone(request)
    home = selectors.dashboard_for(request.user, everyone=everyone)
    return render(request, "hiring_hub/home.html", {"home": home})


@login_required
@require_GET
@never_cache
def navigation_counts(request):
    """The navigation entries with their counts, swapped in by htmx after the page loads."""
    context = context_processors.navigation_with_counts(request)
    context["current"] = request.GET.get("current", "")
    return render(request, "hiring_hub/_nav_items.html", context)


@login_required
def user_list(request):
    access.require(access.can_invite_users(request.user))
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_invite(invited_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Invitation sent to {user.email}.")
            return redirect("user_list")
    users = paginate(
        request, User.objects.filter(is_active=True).order_by("role", "full_name", "pk")
    )
    return render(request, "hiring_hub/user_list.html", {"form": form, "users": users})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_profile_update(
                user=request.user,
                full_name=form.cleaned_data["full_name"],
                time_zone=form.cleaned_data["time_zone"],
                enabled_notifications=form.cleaned_data["notifications"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Your profile was saved.")
            return redirect("profile")
    return render(request, "hiring_hub/profile.html", {"form": form})


# The signed link is the credential (no login: it is opened from a mail client, and mail
# providers send RFC 8058 one-click POSTs without cookies), hence no CSRF token either.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def notification_unsubscribe(request, token: str):
    """The List-Unsubscribe link of a reminder: GET asks to confirm, POST switches that kind
    of email off for its recipient."""
    try:
        user_id, kind = outbox.unsubscribe_read(token)
    except signing.BadSignature as exc:
        raise Http404 from exc
    user = get_object_or_404(User, pk=user_id, is_active=True)
    if kind not in {k.key for k in outbox.opt_out_kinds()}:
        raise Http404
    done = request.method == "POST"
    if done:
        services.user_notification_opt_out(user=user, kind=kind)
    return render(
        request,
        "hiring_hub/unsubscribe.html",
        {"kind_label": outbox.kind_label(kind), "subscriber": user, "done": done},
    )


# What /healthz and /livez answer for a service that works (anything else says why not).
OK = "ok"


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure is reported, not raised
        return f"error: {exc.__class__.__name__}"
    return OK


@never_cache
@require_GET
def healthz(request):
    """Database, broker and cache status for load balancers and monitoring. A broker that
    is down makes this 503 but users can still work; liveness is /livez."""
    status = {"database": _database_status(), "broker": OK}
    try:
        from hiring_hub.celery import app

        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # noqa: BLE001
        status["broker"] = f"error: {exc.__class__.__name__}"
    healthy = all(value == OK for value in status.values())
    # Informational: a cache on its fallback still serves logins, so it is not "degraded".
    default_cache = caches["default"]
    on_fallback = isinstance(default_cache, FailoverCache) and not default_cache.primary_reachable()
    status["cache"] = "fallback" if on_fallback else OK
    status["status"] = OK if healthy else "degraded"
    return JsonResponse(status, status=200 if healthy else 503)


@never_cache
@require_GET
def livez(request):
    """Liveness for the web container: the process answers and reaches its database. The
    broker and Redis are left out on purpose, since pages, login and logout work without
    them; restarting the web container would not bring them back."""
    database = _database_status()
    healthy = database == OK
    return JsonResponse(
        {"database": database, "status": OK if healthy else "down"},
        status=200 if healthy else 503,
    )


def permission_denied(request, exception=None):
    # A refusal that carries its reason (PermissionDenied("…")) says it; a bare one
    # keeps the general wording.
    reason = str(exception) if exception is not None and exception.args else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
