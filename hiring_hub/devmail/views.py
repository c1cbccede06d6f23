"""DEBUG-only pages: the emails the development mail backend stored. hiring_hub.urls routes
them only when DEBUG is on; the check here guards against routing them by mistake."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hiring_hub.devmail import store


def _debug_only() -> None:
    if not settings.DEBUG:
        raise Http404


@require_GET
def mail_list(request):
    _debug_only()
    return render(
        request,
        "hiring_hub/devmail/mail_list.html",
        {"mails": store.stored_mail_list(), "folder": store.mail_dir(), "limit": store.LIST_LIMIT},
    )


@require_GET
def mail_detail(request, name: str):
    _debug_only()
    mail = store.stored_mail_get(name)
    if mail is None:
        raise Http404
    return render(request, "hiring_hub/devmail/mail_detail.html", {"mail": mail})


@require_GET
def mail_raw(request, name: str):
    _debug_only()
    raw = store.stored_mail_raw(name)
    if raw is None:
        raise Http404
    return HttpResponse(raw, content_type="text/plain; charset=utf-8")
