"""Reads for the home page (each person's inbox) and the counts beside the navigation."""

import importlib

from hiring_hub import access

# Each app offers `<app>.selectors.dashboard_panel(user) -> dict`, rendered by
# `templates/<app>/_dashboard_panel.html` as `panel`. Interviews come first: for an
# interviewer they are the whole home.
PANEL_APPS = ("debriefs", "candidates", "requisitions")

# Requisitions listed on the home page; "all requisitions" links to the full list.
HOME_REQUISITIONS = 10


def dashboard_panels(user) -> list[tuple[str, dict]]:
    panels = []
    for app in PANEL_APPS:
        try:
            selectors = importlib.import_module(f"{app}.selectors")
        except ModuleNotFoundError:
            continue
        if hasattr(selectors, "dashboard_panel"):
            panels.append((f"{app}/_dashboard_panel.html", selectors.dashboard_panel(user)))
    return panels


def home_requisitions(user, *, everyone: bool = False):
    """The open requisitions the user works on: a recruiter's own and those on whose hiring
    team they are (every open one with `everyone`); anyone else's as hiring manager or on
    the hiring team. Ordered by target start."""
    if access.is_recruiter(user) and not everyone:
        qs = access.pipelines_changeable_by(user)
    else:
        qs = access.requisitions_visible_to(user)
    return (
        qs.open()
        .select_related("recruiter", "hiring_manager")
        .order_by("target_start_date", "title", "pk")
    )


def _with_stage_counts(user, requisitions: list) -> list:
    """Sets `stage_counts` [(label, count)] on each requisition whose pipeline the user may
    see (None on the others), in one query over the listed requisitions only."""
    from candidates.selectors import open_stage_counts

    shown = [r.pk for r in requisitions if access.can_see_pipeline(user, r)]
    counts = open_stage_counts(shown) if shown else {}
    for requisition in requisitions:
        requisition.stage_counts = counts.get(requisition.pk)
    return requisitions


def _days_open_chart(user, requisitions: list):
    """Days open against target for the requisitions the home lists (no further query);
    for the two people who run searches, not for interviewers."""
    from django.utils import timezone

    from requisitions.charts import days_open, days_open_chart

    if not requisitions or not (access.is_recruiter(user) or access.reviews_shortlists(user)):
        return None
    now = timezone.now()
    return days_open_chart([days_open(r, now=now) for r in requisitions], slug="chart-home-days")


def dashboard_for(user, *, everyone: bool = False) -> dict:
    """Home: what waits on the user (each app's panel), then their open requisitions with
    stage counts. `everyone` (recruiters) lists every open requisition instead."""
    requisitions = list(home_requisitions(user, everyone=everyone)[: HOME_REQUISITIONS + 1])
    more = len(requisitions) > HOME_REQUISITIONS
    shown = _with_stage_counts(user, requisitions[:HOME_REQUISITIONS])
    return {
        "panels": dashboard_panels(user),
        "requisitions": shown,
        "days_open_chart": _days_open_chart(user, shown),
        "more_requisitions": more,
        "everyone": everyone,
        "can_see_everyone": access.is_recruiter(user),
    }


def navigation_counts(user) -> dict[str, int]:
    """What waits on the user, by navigation entry (url name): shortlist candidates and
    questions waiting on them, scorecards due, thank-you notes due or overdue. One count
    query per entry the user sees."""
    from django.utils import timezone

    from candidates import selectors as candidate_selectors
    from debriefs import selectors as debrief_selectors
    from debriefs.models import Interview, ThankYouNote

    counts = {}
    if not user.is_authenticated:
        return counts
    if access.reviews_shortlists(user):
        waiting = candidate_selectors.entries_waiting_on_manager(user)
        counts["candidates:shortlist_inbox"] = waiting.count()
    elif access.can_manage_candidates(user):
        questions = candidate_selectors.questions_waiting_on_recruiter(user)
        counts["candidates:shortlist_inbox"] = questions.count()
    counts["debriefs:interview_list"] = debrief_selectors.scorecards_to_write(user).count()
    if access.can_manage_thank_you_notes(user):
        requisitions = access.pipelines_changeable_by(user).order_by().values("pk")
        counts["debriefs:thank_you_list"] = ThankYouNote.objects.filter(
            status=ThankYouNote.Status.DRAFT,
            interview__status=Interview.Status.SCHEDULED,
            interview__ends_at__lte=timezone.now(),
            interview__application__requisition_id__in=requisitions,
        ).count()
    return counts
