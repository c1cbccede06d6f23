"""The shared template library (hiring_hub_tags): every choice an app shows as a badge has
its colour registered by that app, and the email templates read booleans, not roles."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string

from candidates.models import Application, Assessment, ShortlistEntry
from debriefs.models import DebriefDecision, Rating
from hiring_hub.templatetags import hiring_hub_tags as tags
from requisitions.models import Criterion, Requisition
from requisitions.partnership import TERM_FIELDS

# Each app's choices shown as a badge, and the palette its AppConfig.ready fills.
PALETTE_OF = {
    Application.Stage: tags.STAGE_COLORS,
    Assessment.Rating: tags.RATING_COLORS,
    ShortlistEntry.Decision: tags.DECISION_COLORS,
    DebriefDecision.Decision: tags.DECISION_COLORS,
    Requisition.Status: tags.STATUS_CLASSES,
    Criterion.Kind: tags.KIND_CLASSES,
    Rating: tags.RATING_CLASSES,
}


@pytest.mark.parametrize("choices", PALETTE_OF)
def test_every_choice_has_its_colour_registered_by_its_app(choices):
    assert set(choices) <= set(PALETTE_OF[choices].values)


def test_a_decision_colour_means_the_same_for_a_shortlist_and_a_debrief():
    assert tags.DECISION_COLORS.values[DebriefDecision.Decision.ADVANCE] == "success"
    assert tags.DECISION_COLORS.values[ShortlistEntry.Decision.ADVANCE] == "success"
    assert set(tags.DECISION_COLORS.values) == set(ShortlistEntry.Decision) | set(
        DebriefDecision.Decision
    )


def test_filters_show_a_registered_colour_and_fall_back_for_anything_else():
    template = Template(
        "{% load hiring_hub_tags %}{{ stage|stage_color }} {{ other|stage_color }} "
        "{{ rating|rating_class }} {{ none|rating_class }} {{ term|partnership_term }} "
        "{{ unknown|partnership_term }}"
    )
    term = TERM_FIELDS[0]
    shown = template.render(
        Context(
            {
                "stage": Application.Stage.REJECTED,
                "other": "nothing",
                "rating": Rating.STRONG_YES,
                "none": None,
                "term": term,
                "unknown": "no_such_term",
            }
        )
    )
    label = tags.PARTNERSHIP_TERMS.values[term]
    assert shown == f"danger secondary rating-strong-yes rating-none {label} no_such_term"


@pytest.mark.parametrize(
    ("to_manager", "says", "links"),
    [(True, "for your review", "Review the shortlist"), (False, "without a review", "")],
)
def test_shortlist_waiting_email_speaks_to_the_manager_or_the_recruiter(to_manager, says, links):
    requisition = SimpleNamespace(title="Backend", hiring_manager=SimpleNamespace(full_name="Mo"))
    context = {
        "to_manager": to_manager,
        "requisition": requisition,
        "shortlist": SimpleNamespace(number=2, submitted_at=dt.datetime(2026, 11, 19, 15, 0)),
        "business_days": 2,
        "agreed_days": 2,
        "pending": 1,
        "url": "https://hub.example/s/2",
    }
    html = render_to_string("emails/shortlist_waiting.html", context)
    text = render_to_string("emails/shortlist_waiting.txt", context)
    assert says in html
    assert says in text
    assert links in html
