from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from hiring_hub import notifications
from hiring_hub.models import NotificationKind


class Command(BaseCommand):
    help = (
        "Send every notification due now (weekly check-ins and reminders), once. "
        "For cron or the embedded mode; safe to run at any time, as often as you like."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            choices=NotificationKind.values,
            help="Only this kind (repeatable). Default: every kind.",
        )
        parser.add_argument(
            "--now",
            help="Pretend it is this ISO time (with offset), e.g. to preview a Monday.",
        )

    def handle(self, *args, **options):
        now = None
        if options["now"]:
            now = parse_datetime(options["now"])
            if now is None or now.tzinfo is None:
                raise CommandError("--now needs an ISO date-time with an offset.")
        results = notifications.send_due_notifications(now=now, kinds=options["kind"])
        total = {"due": 0, "sent": 0, "failed": 0, "skipped": 0}
        for kind, counts in results.items():
            if counts.get("error"):
                self.stderr.write(self.style.ERROR(f"{kind}: sweep failed (see the log)"))
                continue
            for key in total:
                total[key] += counts[key]
            if counts["due"]:
                self.stdout.write(
                    f"{kind}: {counts['due']} due, {counts['sent']} sent, "
                    f"{counts['failed']} failed, {counts['skipped']} already claimed"
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"{total['sent']} sent, {total['failed']} failed, "
                f"{total['skipped']} already claimed, of {total['due']} due."
            )
        )
        if any(counts.get("error") for counts in results.values()):
            raise CommandError("A sweep failed.")
