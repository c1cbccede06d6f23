"""The rows of the candidate list and of a requisition's pipeline table, drawn from the
dicts their selectors return (candidates.selectors.candidate_list, pipeline_rows): one tag
per table body rather than a model, a template loop and a `{% url %}` per row
(`{% load candidate_lists %}`)."""

import functools
from collections.abc import Callable

from django import template
from django.utils import timezone, translation
from django.utils.dates import MONTHS_3
from django.utils.safestring import mark_safe

from candidates.models import Application, Candidate
from hiring_hub.templatetags.hiring_hub_tags import DEAL_BREAKER_BADGE, _escape, _stage_badge
from hiring_hub.url_shapes import reverse_ids

register = template.Library()

SOURCES = dict(Candidate.Source.choices)


def _stage_badges() -> dict[str, str]:
    """Each stage's badge (hiring_hub_tags' `stage_badge`), drawn once per table."""
    return {stage: _stage_badge(stage, label) for stage, label in Application.Stage.choices}


_ID = 9035172647


def _link_to(view_name: str) -> Callable[[int], str]:
    """The escaped URL of `view_name` for an id, its shape read once per list rather than
    once per row (reverse_ids reads the URL prefix and urlconf on every call)."""
    before, after = _escape(reverse_ids(view_name, [_ID])).split(str(_ID))
    return lambda pk: f"{before}{int(pk)}{after}"


def _pills(names) -> str:
    return "".join(
        f'<span class="badge rounded-pill text-bg-light border">{_escape(n)}</span> '
        for n in names or ()
    )


@register.simple_tag
def candidate_rows(candidates) -> str:
    """The candidate list's rows (candidates.selectors.candidate_list): the person's link,
    deal-breaker badge, email, location, source, tags and the applications the user may
    see (as hiring_hub_tags' `application_stages`)."""
    person, application = (
        _link_to("candidates:candidate_detail"),
        _link_to("candidates:application_detail"),
    )
    badges = _stage_badges()
    rows = []
    for c in candidates:
        flag = f" {DEAL_BREAKER_BADGE}" if c["deal_breaker_flag"] else ""
        applications = c["visible_applications"]
        if applications:
            requisitions = "".join(
                f'<div class="small"><a class="text-reset" href="{application(a["id"])}">'
                f"{_escape(a['title'])}</a> "
                f"{badges.get(a['stage']) or _stage_badge(a['stage'], a['stage'])}</div>"
                for a in applications
            )
        else:
            requisitions = '<span class="text-secondary small">—</span>'
        rows.append(
            f'<tr><td><a class="fw-semibold" href="{person(c["id"])}">'
            f"{_escape(c['full_name'])}</a>{flag}"
            f"</td><td>{_escape(c['email'])}</td><td>{_escape(c['location'])}</td>"
            f"<td>{_escape(SOURCES.get(c['source'], c['source']))}</td>"
            f"<td>{_pills(c['listed_tags'])}</td><td>{requisitions}</td></tr>"
        )
    return mark_safe("".join(rows))  # noqa: S308 - escaped above


@functools.cache
def _month_abbreviations(language: str | None) -> dict[int, str]:
    """Month numbers to their abbreviation in `language` (the active one), as `date:"M"`
    prints them."""
    return {number: str(name).title() for number, name in MONTHS_3.items()}


@register.simple_tag
def pipeline_table_rows(applications, can_manage: bool) -> str:
    """The pipeline table's rows (candidates.selectors.pipeline_rows): a tick box to move
    the application when the user may (`can_manage`), the candidate's link to it with the
    deal-breaker badge, email and location, the stage (its label in `stages`) and why it
    closed, since when (the user's date), the tags and how many criteria were assessed.
    Ids and counts print as they are, not localised."""
    link = _link_to("candidates:application_detail")
    badges = _stage_badges()
    # The `date:"j M Y"` filter's output in the user's time zone, without its formatter's
    # lazy lookups per row.
    here, months = timezone.get_current_timezone(), _month_abbreviations(translation.get_language())
    dates = {}
    rows = []
    for a in applications:
        name = _escape(a["candidate_name"])
        tick = (
            f'<td><input class="form-check-input" type="checkbox" name="applications" '
            f'value="{int(a["id"])}" aria-label="Select {name}"></td>'
            if can_manage
            else ""
        )
        flag = f" {DEAL_BREAKER_BADGE}" if a["deal_breaker_flag"] else ""
        where = f" · {_escape(a['location'])}" if a["location"] else ""
        reason = a["closed_reason"]
        closed = (
            f'<div class="small text-secondary text-truncate mw-14rem" title="{_escape(reason)}">'
            f"{_escape(reason)}</div>"
            if reason
            else ""
        )
        day = a["stage_changed_at"].astimezone(here).date()
        if day not in dates:
            dates[day] = _escape(f"{day.day} {months[day.month]} {day.year}")
        assessed = (
            f'<i class="bi bi-check2-circle text-success"></i> {int(a["assessed"])}'
            if a["assessed"]
            else '<span class="text-secondary">—</span>'
        )
        rows.append(
            f'<tr>{tick}<td><a class="fw-semibold" href="{link(a["id"])}">{name}</a>{flag}'
            f'<div class="small text-secondary">{_escape(a["email"])}{where}</div></td>'
            f"<td>{badges.get(a['stage']) or _stage_badge(a['stage'], a['stage'])}{closed}</td>"
            f'<td class="small text-nowrap">{dates[day]}</td>'
            f"<td>{_pills(a['listed_tags'])}</td>"
            f'<td class="small">{assessed}</td></tr>'
        )
    return mark_safe("".join(rows))  # noqa: S308 - escaped above


@register.simple_tag
def stage_count_cards(counts, selected: str, view: str) -> str:
    """The pipeline's card per stage (candidates.selectors.stage_counts): its count and
    label, linking to the stage's applications (`selected`, the filtered stage, framed) in
    `view`; a stage whose people the user may not open yet (before the shortlist) only
    counts them. Counts print as they are, not localised."""
    view = _escape(view)
    cards = []
    for c in counts:
        stage, label, count, hidden = (
            _escape(c["stage"]),
            _escape(c["label"]),
            c["count"],
            c["hidden"],
        )
        if hidden and not c["visible"]:
            cards.append(
                f'<div><div class="card h-100" data-stage="{stage}"'
                ' title="You see the people from the shortlist on">'
                f'<div class="card-body p-2 text-center"><div class="stat">{int(count)}</div>'
                f'<div class="small text-secondary lh-sm">{label}</div>'
                '<div class="small text-secondary lh-sm fst-italic">before the shortlist</div>'
                "</div></div></div>"
            )
            continue
        frame = " border-primary border-2" if c["stage"] == selected else ""
        muted = "" if count else " text-secondary"
        before = (
            f'<div class="small text-secondary lh-sm fst-italic">{int(hidden)} before the'
            " shortlist</div>"
            if hidden
            else ""
        )
        cards.append(
            f'<div><a class="card text-decoration-none h-100{frame}"'
            f' href="?stage={stage}&view={view}" data-stage="{stage}">'
            f'<div class="card-body p-2 text-center"><div class="stat{muted}">{int(count)}</div>'
            f'<div class="small text-secondary lh-sm">{label}</div>{before}</div></a></div>'
        )
    return mark_safe("".join(cards))  # noqa: S308 - escaped above


@register.simple_tag
def choice_options(choices, selected: str = "") -> str:
    """An `<option>` per (value, label) of `choices` (the pipeline's stages), the one of
    value `selected` marked: one tag rather than a template loop per select."""
    return mark_safe(  # noqa: S308 - escaped here
        "".join(
            f'<option value="{_escape(value)}"{" selected" if value == selected else ""}>'
            f"{_escape(label)}</option>"
            for value, label in choices
        )
    )


@register.simple_tag
def name_options(names, selected: str) -> str:
    """An `<option>` per name (the candidate list's tag filter), `selected` marked."""
    return mark_safe(  # noqa: S308 - escaped here
        "".join(
            f'<option value="{n}"{" selected" if name == selected else ""}>{n}</option>'
            for name in names
            for n in (_escape(name),)
        )
    )
