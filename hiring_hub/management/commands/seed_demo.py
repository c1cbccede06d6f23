from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Max

from hiring_hub import demo, outbox
from hiring_hub.models import OutboundMessage


class Command(BaseCommand):
    help = "Create (or complete) the demo data: users of every role, requisitions, candidates."

    def handle(self, *args, **options):
        # The demo people are not real: building their data must not email them, so the
        # messages its actions wrote are dropped before they can leave. (Reminders the worker
        # sends later about this data do go to the development mail output.)
        with transaction.atomic():
            last_id = OutboundMessage.objects.aggregate(last=Max("pk"))["last"] or 0
            demo.seed()
            outbox.messages_discard_unsent(written_after_id=last_id)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(
            f"\n  Open {settings.SITE_URL}/ and log in with password '{demo.DEMO_PASSWORD}' as:"
        )
        for _key, email, name, role, _tz, staff in demo.DEMO_USERS:
            label = "admin (Django admin at /admin/)" if staff else role.label.lower()
            self.stdout.write(f"    {email:<22} {name:<14} {label}")
        self.stdout.write("")
