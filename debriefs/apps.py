from django.apps import AppConfig


class DebriefsConfig(AppConfig):
    name = "debriefs"

    def ready(self) -> None:
        from debriefs import demo as debriefs_demo
        from debriefs import notifications, partnership_demo
        from hiring_hub import demo

        notifications.register()
        demo.register_seed(debriefs_demo.seed)
        demo.register_seed(partnership_demo.seed)
        _register_pages()
        _register_presentation()


def _register_pages() -> None:
    """The menu entries and the home panel: interviews come first, for an interviewer they
    are the whole home."""
    from debriefs import selectors
    from hiring_hub import access, home, navigation

    notes_rule = access.can_manage_thank_you_notes
    navigation.register(
        navigation.Entry(
            50, "Interviews", "debriefs:interview_list", count=selectors.scorecards_due_count
        ),
        navigation.Entry(
            60, "Thank-you notes", "debriefs:thank_you_list", notes_rule, selectors.notes_due_count
        ),
    )
    home.register_panel(
        position=10, template="debriefs/_dashboard_panel.html", build=selectors.dashboard_panel
    )


def _register_presentation() -> None:
    """CSS classes of a 1–4 rating, and the colours of a debrief decision beside those of a
    shortlist decision (the same `decision_color`; an advance is green in both)."""
    from debriefs.models import DebriefDecision, Rating
    from hiring_hub.templatetags import hiring_hub_tags as tags

    decision = DebriefDecision.Decision
    tags.DECISION_COLORS.update(
        {
            decision.ADVANCE: "success",
            decision.OFFER: "success",
            decision.HOLD: "secondary",
            decision.REJECT: "danger",
        }
    )

    tags.RATING_CLASSES.update(
        {
            Rating.STRONG_NO: "rating-strong-no",
            Rating.NO: "rating-no",
            Rating.YES: "rating-yes",
            Rating.STRONG_YES: "rating-strong-yes",
        }
    )
