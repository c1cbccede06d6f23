from django.core.management.base import BaseCommand, CommandError

from candidates import privacy


class Command(BaseCommand):
    help = (
        "Anonymise candidates with no open application and no activity for "
        "CANDIDATE_RETENTION_DAYS (the daily retention job). Safe to run at any time: a "
        "second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            help="Use this retention period instead of CANDIDATE_RETENTION_DAYS (0 = off).",
        )

    def handle(self, *args, **options):
        if options["days"] is not None and options["days"] < 0:
            raise CommandError("--days must be 0 (off) or a number of days.")
        report = privacy.candidates_retention_erase(days=options["days"])
        if report.cutoff is None:
            self.stdout.write("Candidate retention is off (CANDIDATE_RETENTION_DAYS=0).")
            return
        ids = ", ".join(map(str, report.erased_ids)) or "none"
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.erased} candidate(s) erased (no activity since "
                f"{report.cutoff:%Y-%m-%d}): {ids}"
            )
        )
