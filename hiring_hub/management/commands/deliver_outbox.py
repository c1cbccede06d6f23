from django.core.management.base import BaseCommand

from hiring_hub import outbox


class Command(BaseCommand):
    help = (
        "Deliver every message waiting in the outbox (new, due for a retry, or left by a "
        "worker that died). For cron, when no Celery worker runs."
    )

    def handle(self, *args, **options):
        counts = outbox.deliver_due()
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['sent']} sent, {counts['failed']} failed (will retry), "
                f"{counts['gave_up']} given up."
            )
        )
