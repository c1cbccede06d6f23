from django.apps import AppConfig


class RequisitionsConfig(AppConfig):
    name = "requisitions"

    def ready(self) -> None:
        from hiring_hub import demo
        from requisitions import demo as requisitions_demo
        from requisitions import notifications

        notifications.register()
        demo.register_seed(requisitions_demo.seed)
        _register_pages()
        _register_presentation()


def _register_pages() -> None:
    """The menu entries, the home panel and the home's days-open chart."""
    from hiring_hub import access, home, navigation
    from requisitions import charts, selectors

    overview = "requisitions:partnership_overview"
    navigation.register(
        navigation.Entry(20, "Requisitions", "requisitions:requisition_list"),
        navigation.Entry(80, "Partnerships", overview, access.can_see_partnership_overview),
    )
    home.register_panel(
        position=30, template="requisitions/_dashboard_panel.html", build=selectors.dashboard_panel
    )
    home.register_days_open_chart(charts.home_days_open_chart)


def _register_presentation() -> None:
    """Badge classes of the requisition's status and the criterion's kind, and the words of
    the agreement's terms (hiring_hub_tags)."""
    from hiring_hub.templatetags import hiring_hub_tags as tags
    from requisitions.models import Criterion, Requisition
    from requisitions.partnership import TERM_FIELDS, term_label

    status, kind = Requisition.Status, Criterion.Kind
    tags.STATUS_CLASSES.update(
        {
            status.DRAFT: "text-bg-secondary",
            status.INTAKE: "text-bg-info",
            status.ALIGNED: "text-bg-primary",
            status.SOURCING: "text-bg-success",
            status.INTERVIEWING: "text-bg-success",
            status.OFFER: "text-bg-warning",
            status.FILLED: "text-bg-dark",
            status.ON_HOLD: "text-bg-light border",
            status.CANCELLED: "text-bg-danger",
        }
    )
    tags.KIND_CLASSES.update(
        {
            kind.MUST_HAVE: "text-bg-primary",
            kind.NICE_TO_HAVE: "text-bg-light border",
            kind.DEAL_BREAKER: "text-bg-danger",
        }
    )
    tags.PARTNERSHIP_TERMS.update({name: term_label(name) for name in TERM_FIELDS})
