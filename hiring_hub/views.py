from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from hiring_hub import access, selectors, services
from hiring_hub.forms import InvitationForm, ProfileForm, add_service_errors
from hiring_hub.models import User
from hiring_hub.pagination import paginate


@login_required
def home(request):
    return render(request, "hiring_hub/home.html", selectors.dashboard_for(request.user))


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


@never_cache
@require_GET
def healthz(request):
    """Database and broker status for load balancers and docker-compose health checks."""
    status = {"database": "ok", "broker": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure is reported, not raised
        status["database"] = f"error: {exc.__class__.__name__}"
    try:
        from hiring_hub.celery import app

        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # noqa: BLE001
        status["broker"] = f"error: {exc.__class__.__name__}"
    healthy = all(value == "ok" for value in status.values())
    status["status"] = "ok" if healthy else "degraded"
    return JsonResponse(status, status=200 if healthy else 503)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
