from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from hiring_hub import outbox


class Command(BaseCommand):
    help = (
        "Write every notification due now (weekly check-ins and reminders) into the outbox "
        "and deliver everything waiting there. For cron or the embedded mode; safe to run at "
        "any time, as often as you like."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
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
        swept = outbox.swept_kinds()
        for kind in options["kind"] or []:
            if kind not in swept:
                raise CommandError(f"Unknown kind {kind!r}; choose from {', '.join(swept)}.")
        results = outbox.send_due_notifications(now=now, kinds=options["kind"])
        for kind, counts in results["swept"].items():
            if counts.get("error"):
                self.stderr.write(self.style.ERROR(f"{kind}: sweep failed (see the log)"))
            elif counts["due"]:
                self.stdout.write(
                    f"{kind}: {counts['due']} due, {counts['written']} new, "
                    f"{counts['already']} already in the outbox"
                )
        delivered = results["delivered"]
        self.stdout.write(
            self.style.SUCCESS(
                f"{delivered['sent']} sent, {delivered['failed']} failed (will retry), "
                f"{delivered['gave_up']} given up."
            )
        )
        if any(counts.get("error") for counts in results["swept"].values()):
            raise CommandError("A sweep failed.")
