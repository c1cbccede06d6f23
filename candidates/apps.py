from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "candidates"

    def ready(self) -> None:
        from candidates import demo as candidates_demo
        from candidates import notifications
        from hiring_hub import demo

        notifications.register()
        demo.register_seed(candidates_demo.seed)
        _register_pages()
        _register_presentation()


def _register_pages() -> None:
    """The menu entries, the home panel and the stage counts of the home's requisitions."""
    from candidates import selectors
    from hiring_hub import access, home, navigation

    inbox = "candidates:shortlist_inbox"
    navigation.register(
        navigation.Entry(
            30, "Candidates", "candidates:candidate_list", access.can_manage_candidates
        ),
        navigation.Entry(
            40, "Shortlists", inbox, access.can_see_shortlists, selectors.waiting_count
        ),
    )
    home.register_panel(
        position=20, template="candidates/_dashboard_panel.html", build=selectors.dashboard_panel
    )
    home.register_stage_counts(selectors.OpenStageCounts, selectors.read_open_stage_counts)


def _register_presentation() -> None:
    """Colours of the application's stage, the assessment's rating and the hiring manager's
    decision on a shortlisted candidate (hiring_hub_tags)."""
    from candidates.models import Application, Assessment, ShortlistEntry
    from hiring_hub.templatetags import hiring_hub_tags as tags

    stage, rating, decision = Application.Stage, Assessment.Rating, ShortlistEntry.Decision
    tags.STAGE_COLORS.update(
        {
            stage.SOURCED: "secondary",
            stage.SCREENING: "info",
            stage.SHORTLISTED: "primary",
            stage.MANAGER_REVIEW: "warning",
            stage.INTERVIEWING: "primary",
            stage.OFFER: "success",
            stage.HIRED: "success",
            stage.REJECTED: "danger",
            stage.WITHDRAWN: "dark",
        }
    )
    tags.RATING_COLORS.update(
        {
            rating.MEETS: "success",
            rating.PARTLY: "warning",
            rating.DOES_NOT_MEET: "danger",
            rating.UNKNOWN: "secondary",
        }
    )
    tags.DECISION_COLORS.update(
        {
            decision.PENDING: "secondary",
            decision.ADVANCE: "success",
            decision.DECLINE: "danger",
            decision.NEED_INFO: "warning",
        }
    )
