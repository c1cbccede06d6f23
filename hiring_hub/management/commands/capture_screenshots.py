"""Screenshots of the main pages, per role, at desktop and phone sizes (and dark, once the
site follows the system's dark setting). Run by `bin/screenshots`, which seeds a throwaway
demo database and serves it; this command only reads that database (to find the demo's
pages) and drives Chromium against the running site."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from hiring_hub.demo import DEMO_PASSWORD

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@dataclass(frozen=True)
class Shot:
    name: str
    email: str
    path: str
    viewport: dict
    dark: bool = False  # also taken in dark mode, when the site has one


def _shots() -> list[Shot]:
    from candidates.models import Application, Shortlist
    from requisitions.models import CheckIn, Requisition

    def requisition(title: str) -> Requisition:
        found = Requisition.objects.filter(title=title).first()
        if found is None:
            raise CommandError(f"No {title!r} requisition: seed the demo first (seed_demo).")
        return found

    backend = requisition("Senior Backend Engineer")
    filled = requisition("Frontend Engineer")
    analyst = requisition("Data Analyst")
    waiting = Shortlist.objects.filter(requisition=backend, completed_at=None).first()
    check_in = CheckIn.objects.filter(requisition=backend).order_by("-week_start").first()
    debrief = Application.objects.filter(requisition=analyst, interviews__isnull=False).first()
    rita, maya, ian = "rita@example.com", "maya@example.com", "ian@example.com"
    detail = reverse("requisitions:requisition_detail", args=[backend.pk])
    shots = [
        Shot("home-recruiter", rita, "/", DESKTOP, dark=True),
        Shot("home-recruiter-phone", rita, "/", PHONE),
        Shot("home-hiring-manager", maya, "/", DESKTOP),
        Shot("home-hiring-manager-phone", maya, "/", PHONE, dark=True),
        Shot("home-interviewer", ian, "/", DESKTOP),
        Shot("requisition-charts", rita, detail, DESKTOP, dark=True),
        Shot("requisition-charts-phone", maya, detail, PHONE, dark=True),
        Shot(
            "requisition-filled",
            rita,
            reverse("requisitions:requisition_detail", args=[filled.pk]),
            DESKTOP,
        ),
        Shot(
            "pipeline-board",
            rita,
            reverse("candidates:pipeline", args=[backend.pk]) + "?view=board",
            DESKTOP,
        ),
    ]
    struggling, healthy = requisition("iOS Engineer"), requisition("Site Reliability Engineer")
    omar = "omar@example.com"
    shots += [
        Shot(
            "partnership-struggling",
            omar,
            reverse("requisitions:partnership", args=[struggling.pk]),
            DESKTOP,
            dark=True,
        ),
        Shot(
            "partnership-healthy-phone",
            omar,
            reverse("requisitions:partnership", args=[healthy.pk]),
            PHONE,
        ),
        Shot("partnership-overview", "admin@example.com", "/requisitions/partnerships/", DESKTOP),
        Shot(
            "retrospective",
            omar,
            reverse("requisitions:retrospective", args=[filled.pk]),
            DESKTOP,
        ),
        Shot(
            "team-profile",
            omar,
            reverse("requisitions:team_profile", args=[filled.hiring_manager_id]),
            DESKTOP,
        ),
    ]
    if waiting:
        path = reverse("candidates:shortlist_review", args=[waiting.pk])
        shots.append(Shot("shortlist-review-phone", maya, path, PHONE, dark=True))
    if check_in:
        path = reverse("requisitions:check_in_detail", args=[check_in.pk])
        shots.append(Shot("check-in", maya, path, DESKTOP))
    if debrief:
        path = reverse("debriefs:debrief", args=[debrief.pk])
        shots.append(Shot("debrief", rita, path, DESKTOP))
        shots.append(Shot("debrief-phone", rita, path, PHONE))
    return shots


class Command(BaseCommand):
    help = "Save PNG screenshots of the main pages of a running demo site (see bin/screenshots)."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", required=True, help="the running demo site")
        parser.add_argument("--out", default="docs/screenshots", help="folder for the PNGs")
        parser.add_argument(
            "--chromium",
            default=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            help="the Chromium to drive",
        )

    def handle(self, *args, base_url: str, out: str, chromium: str, **options):
        from playwright.sync_api import sync_playwright

        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        shots = _shots()  # database reads first: Playwright's loop makes the thread async
        saved = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, headless=True)
            for shot in shots:
                schemes = ["light", "dark"] if shot.dark else ["light"]
                for scheme in schemes:
                    context = browser.new_context(
                        base_url=base_url, viewport=shot.viewport, color_scheme=scheme
                    )
                    page = context.new_page()
                    self._login(page, shot.email)
                    page.goto(shot.path)
                    page.wait_for_load_state("networkidle")
                    if scheme == "dark" and not self._is_dark(page):
                        context.close()
                        continue  # the site has no dark mode (yet): nothing new to show
                    name = shot.name + ("-dark" if scheme == "dark" else "") + ".png"
                    page.screenshot(path=str(folder / name), animations="disabled")
                    saved.append(name)
                    context.close()
            browser.close()
        for name in saved:
            self.stdout.write(f"  {folder / name}")
        self.stdout.write(self.style.SUCCESS(f"{len(saved)} screenshots saved in {folder}/"))

    @staticmethod
    def _login(page, email: str) -> None:
        page.goto("/accounts/login/")
        page.fill("input[name=login]", email)
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)

    @staticmethod
    def _is_dark(page) -> bool:
        return page.evaluate(
            "() => (document.documentElement.getAttribute('data-bs-theme') || '') === 'dark'"
        )
