"""Every email Hiring Hub sends goes through here: plain text and HTML from templates,
through Django's mail system (console in development, any SMTP server in production)."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse


def absolute_url(path_or_name: str, *args, **kwargs) -> str:
    """`absolute_url("/x/")` or `absolute_url("requisitions:requisition_detail", pk=1)`."""
    path = (
        path_or_name
        if path_or_name.startswith("/")
        else reverse(path_or_name, args=args, kwargs=kwargs)
    )
    return f"{settings.SITE_URL}{path}"


def build_email(
    *, template: str, to: Iterable[str], subject: str, context: dict, reply_to: Iterable[str] = ()
) -> EmailMultiAlternatives:
    """Render `templates/emails/<template>.txt` and `.html` into one message."""
    context = {"site_url": settings.SITE_URL, **context}
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=render_to_string(f"emails/{template}.txt", context),
        to=list(to),
        reply_to=list(reply_to),
    )
    message.attach_alternative(render_to_string(f"emails/{template}.html", context), "text/html")
    return message


def send_email(**kwargs) -> int:
    """Send now. Call it from `transaction.on_commit` inside services."""
    return build_email(**kwargs).send()
