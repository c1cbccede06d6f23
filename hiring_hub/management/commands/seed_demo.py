from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from hiring_hub import demo


class Command(BaseCommand):
    help = "Create (or complete) the demo data: users of every role, requisitions, candidates."

    def handle(self, *args, **options):
        # The demo people are not real: building their data must not email them. (Reminders
        # the worker sends later about this data do go to the development mail output.)
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            demo.seed()
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(
            f"\n  Open {settings.SITE_URL}/ and log in with password '{demo.DEMO_PASSWORD}' as:"
        )
        for _key, email, name, role, _tz, staff in demo.DEMO_USERS:
            label = "admin (Django admin at /admin/)" if staff else role.label.lower()
            self.stdout.write(f"    {email:<22} {name:<14} {label}")
        self.stdout.write("")
