"""The one template library of shared presentation: pagination, query strings, numbers,
and the colour or badge of each domain choice (`{% load hiring_hub_tags %}`).

The ground imports no app: a choice's colours are registered by the app that owns the
choices, keyed by its TextChoices members, from its AppConfig.ready (candidates/apps.py
fills STAGE_COLORS, RATING_COLORS and DECISION_COLORS; requisitions/apps.py
STATUS_CLASSES, KIND_CLASSES and PARTNERSHIP_TERMS; debriefs/apps.py RATING_CLASSES)."""

import functools
import html
from collections.abc import Callable, Mapping
from urllib.parse import urlencode

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from hiring_hub.templatetags import hiring_hub_dates
from hiring_hub.url_shapes import reverse_ids

register = template.Library()


class Palette:
    """How one set of choices is shown (a colour, a badge class, a label): filled by the app
    that owns the choices; a value nobody registered shows the default (itself if None)."""

    def __init__(self, default: str | None) -> None:
        self.default = default
        self.values: dict = {}

    def update(self, values: Mapping) -> None:
        self.values.update(values)

    def as_filter(self) -> Callable[[object], str]:
        def show(value) -> str:
            return self.values.get(value, value if self.default is None else self.default)

        return show


STAGE_COLORS = Palette("secondary")  # Application.Stage → Bootstrap colour
RATING_COLORS = Palette("secondary")  # Assessment.Rating → Bootstrap colour
DECISION_COLORS = Palette("secondary")  # ShortlistEntry.Decision → Bootstrap colour
STATUS_CLASSES = Palette("text-bg-secondary")  # Requisition.Status → badge class
KIND_CLASSES = Palette("text-bg-secondary")  # Criterion.Kind → badge class
# A 1–4 rating (debriefs Rating: strong no … strong yes) → CSS class; none: no evidence.
RATING_CLASSES = Palette("rating-none")
# An agreement term → its words ("shortlists reviewed within (business days)").
PARTNERSHIP_TERMS = Palette(None)

# `{{ application.stage|stage_color }}` …: one filter per palette.
for _name, _palette in {
    "stage_color": STAGE_COLORS,
    "rating_color": RATING_COLORS,
    "decision_color": DECISION_COLORS,
    "status_class": STATUS_CLASSES,
    "kind_class": KIND_CLASSES,
    "rating_class": RATING_CLASSES,
    "partnership_term": PARTNERSHIP_TERMS,
}.items():
    register.filter(_name, _palette.as_filter())


@register.filter
def percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


@register.filter
def money(value) -> str:
    """85000 -> "85,000" (amounts in the salary band)."""
    if value in (None, ""):
        return "?"
    return f"{int(value):,}"


@register.filter
def get_item(mapping: Mapping | None, key):
    return (mapping or {}).get(key) or {}


@register.filter
def days_in_stage(since) -> str:
    """How long an application has sat at its stage, in whole days of the viewer's zone."""
    if since is None:
        return ""
    days = (timezone.localdate() - timezone.localtime(since).date()).days
    if days <= 0:
        return "since today"
    return f"{days} day{'s' if days != 1 else ''}"


def _query(request, **params) -> str:
    query = request.GET.copy()
    for key, value in params.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.inclusion_tag("hiring_hub/_pagination.html", takes_context=True)
def pagination(context, page, label: str = "Pages") -> dict:
    """Previous / next links of a page (hiring_hub.pagination), keeping the other query
    parameters (filters, sort, the page of another list on the same screen)."""
    request = context["request"]
    param = getattr(page, "param", "page")
    return {
        "page": page,
        "label": label,
        "previous_url": _query(request, **{param: page.previous_page_number()})
        if page.has_previous()
        else "",
        "next_url": _query(request, **{param: page.next_page_number()}) if page.has_next() else "",
    }


@register.simple_tag(takes_context=True)
def query_with(context, **params) -> str:
    """The current query string with some parameters replaced (None or "" drops one)."""
    return _query(context["request"], **params)[1:]


# --- deb: the rows of the interview lists --------------------------------------------------
# A row is one tag rather than a block of tags and an include per row: a page of rows renders
# several times faster (the thank-you note list's sections: debriefs/templatetags). The rows'
# selectors fetch what they show (debriefs.selectors); links are built as {% url %} builds
# them (hiring_hub.url_shapes).


def _when(value, fmt: str) -> str:
    """`{{ value|date:fmt }}`: in the viewer's time zone, by the project's date filter."""
    return hiring_hub_dates.date(timezone.localtime(value), fmt)


_MY_SCORECARD = {
    None: mark_safe('<span class="text-secondary small">—</span>'),
    True: mark_safe('<span class="badge text-bg-success">Submitted</span>'),
    False: mark_safe('<span class="badge text-bg-warning">Draft</span>'),
}


_MY_SCORECARD_HTML = {key: str(value) for key, value in _MY_SCORECARD.items()}
# A cancelled interview's row class and stage badge.
_CANCELLED = (' class="text-secondary"', ' <span class="badge text-bg-secondary">Cancelled</span>')


@register.simple_tag
def interview_row(interview) -> str:
    """A row of an interview list (debriefs.selectors.my_interviews, its names annotated):
    when, the candidate, the stage, the interviewers and the viewer's scorecard. Built as
    one string: the viewer's time zone looked up once, the hours read off the local time."""
    url = html.escape(reverse_ids("debriefs:interview_detail", [interview.pk]))
    cancelled = interview.is_cancelled
    zone = timezone.get_current_timezone()
    starts, ends = interview.starts_at.astimezone(zone), interview.ends_at.astimezone(zone)
    day = html.escape(hiring_hub_dates.date(starts, "D j M Y"))
    row_class, badge = _CANCELLED if cancelled else ("", "")
    name, title = (
        html.escape(str(interview.candidate_name)),
        html.escape(str(interview.requisition_title)),
    )
    return mark_safe(  # noqa: S308 - every value escaped here
        f"<tr{row_class}>\n"
        f'      <td class="text-nowrap">{day}<br><span class="small">'
        f"{starts.hour:02d}:{starts.minute:02d}–{ends.hour:02d}:{ends.minute:02d}</span></td>\n"
        f'      <td><a href="{url}" class="fw-semibold">{name}</a>\n'
        f'        <div class="small text-secondary">{title}</div></td>\n'
        f"      <td>{html.escape(str(interview.stage_name))}"
        f"{badge}</td>\n"
        f'      <td class="small">{html.escape(interview.interviewer_names or "")}</td>\n'
        f"      <td>{_MY_SCORECARD_HTML[interview.my_scorecard_submitted]}</td>\n"
        '      <td class="text-end"><a class="btn btn-sm btn-outline-primary"'
        f' href="{url}">Open</a></td>\n'
        "    </tr>"
    )


@register.simple_tag
def scorecard_to_write_item(scorecard) -> str:
    """An item of the interview list's scorecards to write, its names annotated: a
    scorecard (my_interviews) or its interview (my_interview_pages)."""
    interview = getattr(scorecard, "interview", scorecard)
    url = html.escape(reverse_ids("debriefs:scorecard_edit", [interview.pk]))
    return mark_safe(  # noqa: S308 - every value escaped here
        '<a class="list-group-item list-group-item-action d-flex justify-content-between '
        f'align-items-center" href="{url}">\n'
        f"      <span><strong>{html.escape(str(scorecard.candidate_name))}</strong> ·"
        f" {html.escape(str(scorecard.stage_name))}\n"
        '        <span class="text-secondary small">·'
        f" {html.escape(_when(interview.starts_at, 'D j M, H:i'))}</span></span>\n"
        '      <span class="btn btn-sm btn-warning">Write scorecard</span>\n'
        "    </a>"
    )


# --- Candidate pages (cand): what the candidate pages draw per row, as tags: a loop or an
# include per row costs several times more in the template language. ---------------------
def _escape(value) -> str:
    # django.utils.html.escape without its lazy-string wrapper, called for every cell.
    return html.escape(str(value))


def _stage_badge(stage, label) -> str:
    color = STAGE_COLORS.values.get(stage, STAGE_COLORS.default)
    return f'<span class="badge text-bg-{_escape(color)}">{_escape(label)}</span>'


@register.simple_tag
def stage_badge(stage, label) -> str:
    """An application's stage as its coloured badge:
    `{% stage_badge a.stage a.get_stage_display %}`."""
    return mark_safe(_stage_badge(stage, label))  # noqa: S308 - escaped above


DEAL_BREAKER_BADGE = mark_safe(  # noqa: S308 - constant markup, no user input
    '<span class="badge text-bg-danger flag-deal-breaker-badge" title="A deal-breaker was'
    ' observed: rated “present” in the assessment"><i class="bi bi-exclamation-octagon-fill'
    ' me-1"></i>Deal-breaker</span>'
)


@register.simple_tag
def deal_breaker_badge() -> str:
    """The badge of a candidate or application with a deal-breaker rated present."""
    return DEAL_BREAKER_BADGE


@register.simple_tag
def tag_pills(tags) -> str:
    """A candidate's tags as pills (`{% tag_pills candidate.tags.all %}`)."""
    return mark_safe(  # noqa: S308 - escaped here
        "".join(
            f'<span class="badge rounded-pill text-bg-light border">{_escape(t.name)}</span> '
            for t in tags
        )
    )


@functools.cache
def _choice_labels(model, field: str) -> dict:
    return {value: str(label) for value, label in model._meta.get_field(field).flatchoices}


@register.simple_tag
def application_stages(applications) -> str:
    """Each application as a link to it (its requisition's title) and its stage badge; a
    dash for none: the requisitions column of the candidate list."""
    if not applications:
        return mark_safe('<span class="text-secondary small">—</span>')  # noqa: S308
    rows = []
    for a in applications:
        url = reverse_ids("candidates:application_detail", [a.pk])
        label = _choice_labels(type(a), "stage").get(a.stage, a.stage)
        rows.append(
            f'<div class="small"><a class="text-reset" href="{_escape(url)}">'
            f"{_escape(a.requisition.title)}</a> {_stage_badge(a.stage, label)}</div>"
        )
    return mark_safe("".join(rows))  # noqa: S308 - escaped above


# A stand-in id, split out of a reversed URL to leave its shape.
_ID = 9035172647


@register.simple_tag
def alignment_rows(alignment, chart=None) -> str:
    """The list items of the shortlist acceptance card (candidates/_alignment.html): each
    shortlist's link and answers, and its acceptance bar unless the card draws `chart`."""
    # The link's shape read once per card (requisition_alignment gives each shortlist's id).
    before, after = _escape(reverse_ids("candidates:shortlist_detail", [_ID])).split(str(_ID))
    rows = []
    for row in alignment["shortlists"]:
        advanced, declined, open_ = row["advanced"], row["declined"], row["open"]
        if row["rate"] is None:
            answers = f"awaiting answers ({open_} open)"
        else:
            answers = f"{percent(row['rate'])} · {advanced} of {advanced + declined} advanced"
            if open_:
                answers += f" · {open_} open"
        bar = ""
        if row["rate"] is not None and not chart:
            width = round(advanced / (advanced + declined) * 100)
            bar = (
                '<div class="progress rate-bar mt-1" role="progressbar" aria-label="Acceptance">'
                f'<div class="progress-bar bg-success pct-{width}"></div></div>'
            )
        rows.append(
            '<li class="list-group-item small"><div class="d-flex justify-content-between">'
            f'<a href="{before}{int(row["id"])}{after}">Shortlist {row["number"]}</a>'
            f"<span>{answers}</span></div>"
            f"{bar}</li>"
        )
    if not rows:
        rows.append('<li class="list-group-item small text-secondary">No shortlist sent yet.</li>')
    return mark_safe("".join(rows))  # noqa: S308 - numbers and an escaped URL only


def _criterion_cell(criterion) -> str:
    kind = KIND_CLASSES.values.get(criterion.kind, KIND_CLASSES.default)
    kind_label = _choice_labels(type(criterion), "kind").get(criterion.kind, criterion.kind)
    return (
        f'<td class="small"><span class="fw-semibold">{_escape(criterion.name)}</span> '
        f'<span class="badge {_escape(kind)}">{_escape(kind_label)}</span></td>'
    )


def _rating_badge(rating, label) -> str:
    color = RATING_COLORS.values.get(rating, RATING_COLORS.default)
    return f'<span class="badge text-bg-{_escape(color)}">{_escape(label)}</span>'


@register.simple_tag
def assessment_table_rows(rows, cells: dict | None = None) -> str:
    """The rows of a shortlist entry's assessment table: each criterion (its kind's badge),
    the recruiter's rating and evidence; `rows` from candidates' `criterion_rows`. `cells`,
    kept by a caller drawing several tables of the same criteria (a page of a shortlist),
    draws each criterion's cell and each rating's badge once rather than once a table."""
    cells = {} if cells is None else cells
    html = []
    for row in rows:
        criterion, assessment = row["criterion"], row["assessment"]
        head = cells.get(criterion.pk)
        if head is None:
            head = cells[criterion.pk] = _criterion_cell(criterion)
        if assessment:
            key = (assessment.rating, assessment.rating_label)
            rating = cells.get(key)
            if rating is None:
                rating = cells[key] = _rating_badge(*key)
            evidence = _escape(assessment.evidence)
        else:
            rating, evidence = '<span class="small text-secondary">Not assessed</span>', ""
        tr = '<tr class="table-danger">' if row["flag"] else "<tr>"
        html.append(f'{tr}{head}<td>{rating}</td><td class="small prewrap">{evidence}</td></tr>')
    return mark_safe("".join(html))  # noqa: S308 - escaped above


@register.simple_tag
def review_pager(entry, size) -> str:
    """The phone's pager above a shortlist entry under review: previous, where it stands
    among the `size` entries, next (`previous_query` / `next_query` from the selector)."""
    previous, following = getattr(entry, "previous_query", ""), getattr(entry, "next_query", "")
    before = (
        f'<a class="btn btn-sm btn-link" href="?{_escape(previous)}#entries"><i class="bi'
        ' bi-chevron-left" aria-hidden="true"></i> Previous</a>'
        if previous
        else "<span></span>"
    )
    after = (
        f'<a class="btn btn-sm btn-link" href="?{_escape(following)}#entries">Next <i class="bi'
        ' bi-chevron-right" aria-hidden="true"></i></a>'
        if following
        else "<span></span>"
    )
    return mark_safe(  # noqa: S308 - escaped above
        '<nav class="review-pager d-flex d-lg-none justify-content-between align-items-center'
        ' px-2 py-1 border-bottom" aria-label="Candidates of this shortlist">'
        f'{before}<span class="small text-secondary">{_escape(entry.position)} of {_escape(size)}'
        f"</span>{after}</nav>"
    )


# --- pipeline board ---
@register.simple_tag(takes_context=True)
def board_card(context, application, can_manage: bool, move_stages) -> str:
    """A card of the pipeline board (candidates.selectors.pipeline_board): the candidate,
    their flag and location, time in stage, criteria met, and for who may move it the
    "Move to…" form the board's script also posts when a card is dropped."""
    a, pk = application, application.pk
    name = _escape(a.candidate.full_name)
    url = _escape(reverse_ids("candidates:application_detail", [pk]))
    flag = f"<span>{DEAL_BREAKER_BADGE}</span>" if a.deal_breaker_flag else ""
    location = a.candidate.location
    where = f'<span class="text-secondary">{_escape(location)}</span>' if location else ""
    since = _escape(f"At {a.get_stage_display()} since {_when(a.stage_changed_at, 'j M Y')}")
    criteria = ""
    if a.criteria_total:
        met = f"{a.met}/{a.criteria_total} met" if a.assessed else "not assessed"
        criteria = (
            f'<span title="Criteria met in the assessment ({a.assessed} of {a.criteria_total}'
            f' assessed)" data-test="criteria-met"><i class="bi bi-check2-square me-1"'
            f' aria-hidden="true"></i>{met}</span>'
        )
    move = ""
    if can_manage and move_stages:
        # Without the board's script, a link to the form on a page of its own; the script
        # puts the board's one copy of the form (`board-move-template`) here instead.
        form_url = reverse_ids("candidates:application_board_move", [pk])
        back = urlencode({"next": context["request"].get_full_path()})
        move = (
            '<details class="board-move mt-1"><summary class="text-primary">Move to…</summary>'
            f'<div class="mt-1" data-board-move-slot><a href="{_escape(form_url)}?{_escape(back)}">'
            f"Open the move form</a></div></details>"
        )
        move_url = f' data-board-move-url="{_escape(form_url)}"'
    else:
        move_url = ""
    draggable = ' draggable="true"' if can_manage else ""
    return mark_safe(  # noqa: S308 - escaped above
        f'<article class="card board-card p-2 small" id="application-{pk}"'
        f' data-board-card="{pk}" data-stage="{_escape(a.stage)}" tabindex="-1"'
        f"{draggable}{move_url}"
        f' aria-label="{name}"><a class="fw-semibold" href="{url}" draggable="false">{name}</a>'
        f"{flag}{where}"
        '<div class="d-flex flex-wrap justify-content-between gap-1 mt-1 text-secondary'
        f' board-card-meta"><span title="{since}" data-board-age><i class="bi bi-clock me-1"'
        ' aria-hidden="true"></i><span class="visually-hidden">Time in stage: </span>'
        f"{_escape(days_in_stage(a.stage_changed_at))}</span>{criteria}</div>{move}</article>"
    )


# --- review and interviews ---
@register.simple_tag
def interview_rows(rows, empty: str) -> str:
    """The body of an interview table (debriefs/_interview_table.html): each row as
    `interview_row` draws it, or one row saying `empty`."""
    if not rows:
        return format_html('<tr><td colspan="6" class="text-secondary">{}</td></tr>', empty)
    return mark_safe("\n  ".join(interview_row(row) for row in rows))  # noqa: S308 - escaped
