"""The cards of a shortlist's page and of the manager's review (`{% load shortlist_cards %}`).

A page of cards is one tag rather than a block of tags, links and includes per entry: a
page of twenty cards renders several times faster, and what the cards share (the links'
shapes, the page's query, the manager's name) is drawn once. The entries come from
`candidates.selectors.shortlist_page` with what each card shows; the decision form opened
in the page is the same template the review loads on demand (_decide_form.html)."""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import cached_property

from django import template
from django.http import QueryDict
from django.utils import timezone
from django.utils.safestring import mark_safe

from candidates.models import ShortlistEntry
from hiring_hub.templatetags import hiring_hub_dates
from hiring_hub.templatetags.hiring_hub_tags import (
    DEAL_BREAKER_BADGE,
    DECISION_COLORS,
    assessment_table_rows,
    review_pager,
)
from hiring_hub.url_shapes import reverse_ids

register = template.Library()

D = ShortlistEntry.Decision
_DECIDED = frozenset((D.ADVANCE, D.DECLINE))
_DECISION_LABELS = {value: str(label) for value, label in D.choices}


def _e(value) -> str:
    return html.escape(str(value))


def _when(value, fmt: str) -> str:
    """`{{ value|date:fmt }}`: in the viewer's time zone, by the project's date filter."""
    return hiring_hub_dates.date(timezone.localtime(value), fmt)


def _decision_badge(decision) -> str:
    color = DECISION_COLORS.values.get(decision, DECISION_COLORS.default)
    label = _DECISION_LABELS.get(decision, decision)
    return f'<span class="badge text-bg-{_e(color)}" data-testid="decision">{_e(label)}</span>'


_DECISION_BADGES = {value: _decision_badge(value) for value in D.values}
_ID = 9035172647


def _link_to(view_name: str) -> Callable[[int], str]:
    """The escaped URL of `view_name` for an id, its shape read once per page rather than
    once per card (reverse_ids reads the URL prefix and urlconf on every call)."""
    before, after = _e(reverse_ids(view_name, [_ID])).split(str(_ID))
    return lambda pk: f"{before}{int(pk)}{after}"


def _answer_query(request) -> Callable[[int], str]:
    """`{% query_with answer=entry.pk %}` for each card, escaped: the current query with
    the entry asked for (where `answer` stands, else last), encoded once per page."""
    query = request.GET.copy()
    query["answer"] = ""
    names = list(query)
    at = names.index("answer")

    def encoded(part: list[str]) -> str:
        subset = QueryDict(mutable=True)
        for name in part:
            subset.setlist(name, query.getlist(name))
        return _e(subset.urlencode())

    before, after = encoded(names[:at]), encoded(names[at + 1 :])
    return lambda pk: "&amp;".join(p for p in (before, f"answer={pk}", after) if p)


class _Page:
    """What the cards of one page share, read from the context once per page."""

    def __init__(self, context) -> None:
        self.context = context
        self.review = context.get("review")
        self.can_reply = context.get("can_reply")
        self.size = context["shortlist"].size
        self.manager_id = context["requisition"].hiring_manager_id
        page = context.get("page")
        self.page_number = page.number if page is not None else ""
        self.details = _link_to("candidates:application_detail")
        self.resume = _link_to("candidates:resume_download")
        self.cells: dict = {}  # the assessment tables' cells (assessment_table_rows)

    @cached_property
    def manager(self) -> str:
        return _e(self.context["shortlist"].hiring_manager_name)

    @cached_property
    def csrf_token(self):
        # Read only when a form is drawn: reading it sets the CSRF cookie.
        return self.context.get("csrf_token", "")

    @cached_property
    def answer_query(self) -> Callable[[int], str]:
        return _answer_query(self.context["request"])

    @cached_property
    def entry_form(self) -> Callable[[int], str]:
        return _link_to("candidates:shortlist_entry_form")

    @cached_property
    def message(self) -> Callable[[int], str]:
        return _link_to("candidates:shortlist_message")


def _decided_card(entry, candidate, pager: str, details: str) -> str:
    decided = ""
    if entry.decided_by:
        decided = f"by {_e(entry.decided_by)}, {_e(_when(entry.decided_at, 'j M Y, H:i'))}"
    criteria = ""
    if entry.criteria_names:
        badges = "".join(
            f'<span class="badge text-bg-light border">{_e(name)}</span> '
            for name in entry.criteria_names
        )
        criteria = f'<div class="small">Criteria: {badges}</div>'
    reason = (
        f'<div class="small prewrap text-secondary">{_e(entry.reason)}</div>'
        if entry.reason
        else ""
    )
    return (
        '<div class="card shadow-sm shortlist-entry shortlist-entry-decided mb-2'
        f'{" review-current" if entry.current else ""}" id="entry-{entry.pk}"'
        f' data-entry="{entry.pk}">\n  {pager}\n'
        '  <div class="card-body py-2 d-flex flex-wrap justify-content-between'
        ' align-items-center gap-2">\n    <div class="min-w-0">\n'
        f'      <span class="fw-semibold">{_e(candidate.full_name)}</span>\n'
        f"      {DEAL_BREAKER_BADGE if entry.deal_breaker_flag else ''}\n"
        f'      <span class="small text-secondary">{decided}</span>\n'
        f"      {criteria}\n      {reason}\n    </div>\n"
        '    <div class="d-flex align-items-center gap-2">\n'
        f'      <a class="btn btn-sm btn-outline-secondary" href="{details}">Details</a>\n'
        f"      {_badge(entry.decision)}\n    </div>\n  </div>\n</div>"
    )


def _badge(decision) -> str:
    badge = _DECISION_BADGES.get(decision)
    return _decision_badge(decision) if badge is None else badge


def _resume_section(entry, candidate) -> str:
    if not (entry.current and candidate.resume):
        return ""
    if candidate.resume_previewable:
        url = _e(reverse_ids("candidates:resume_preview", [candidate.pk]))
        body = (
            f'<iframe class="resume-frame border rounded" src="{url}"'
            f' title="Résumé of {_e(candidate.full_name)}"></iframe>\n'
            f'          <a class="small" href="{url}" target="_blank" rel="noopener">'
            "Open the résumé on its own</a>"
        )
    elif entry.resume_text:
        body = (
            '<pre class="resume-text border rounded p-2 mb-0" tabindex="0"'
            f' data-test="resume-text">{_e(entry.resume_text)}</pre>'
        )
    else:
        body = (
            '<p class="small text-secondary mb-0">This résumé cannot be shown here:'
            " download it.</p>"
        )
    return (
        f'\n        <section class="resume-preview mt-3" aria-labelledby="resume-{entry.pk}">\n'
        '          <h2 class="small fw-semibold text-secondary mb-1"'
        f' id="resume-{entry.pk}">Résumé</h2>\n          {body}\n        </section>'
    )


def _messages(entry, manager_id) -> str:
    if not entry.message_list:
        return ""
    rows = []
    for m in entry.message_list:
        tone = "bg-warning-subtle" if m.author_id == manager_id else "bg-body-tertiary"
        author = _e(m.author) if m.author else "—"
        rows.append(
            f'<div class="border rounded p-2 mb-1 small {tone}"><span class="fw-semibold">'
            f'{author}</span> <span class="text-secondary">{_e(_when(m.created_at, "j M, H:i"))}'
            f'</span><div class="prewrap">{_e(m.body)}</div></div>'
        )
    return (
        '<div class="mb-2">\n          <div class="small fw-semibold text-secondary mb-1">'
        "Questions and answers</div>\n          " + "\n          ".join(rows) + "\n        </div>"
    )


def _reply_form(entry, page: _Page) -> str:
    if not (entry.decision == D.NEED_INFO and page.can_reply):
        return ""
    action = page.message(entry.pk)
    csrf = _e(page.csrf_token)
    label = "Follow-up" if page.review else "Answer the question"
    return (
        f'<form method="post" action="{action}" class="mb-2">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">\n'
        f'          <label class="form-label small" for="reply-{entry.pk}">{label}</label>\n'
        '          <textarea class="form-control form-control-sm mb-1" rows="2" name="body"'
        f' id="reply-{entry.pk}" required></textarea>\n'
        '          <button class="btn btn-sm btn-outline-primary" type="submit">Send</button>\n'
        "        </form>"
    )


def decide_form_html(entry, criteria, form, error, page_number, csrf_token) -> str:
    """The manager's answer on an entry: the criteria involved, the reason or question and
    the decision (`form` a ShortlistDecisionForm, bound when the answer was refused)."""
    criteria_field, reason, decision = form["criteria"], form["reason"], form["decision"]
    ticked = criteria_field.value() or ()
    pk = entry.pk
    boxes = []
    for c in criteria:
        box = f"c-{pk}-{c.pk}"
        checked = " checked" if str(c.pk) in ticked else ""
        boxes.append(
            '<div class="form-check form-check-inline small"><input class="form-check-input"'
            f' type="checkbox" name="{_e(criteria_field.html_name)}" value="{c.pk}"'
            f' id="{box}"{checked}><label class="form-check-label" for="{box}">{_e(c.name)}'
            "</label></div>"
        )
    chosen = decision.value()
    radios = []
    for value, label in form.fields["decision"].choices:
        radio = f"d-{pk}-{_e(value)}"
        color = DECISION_COLORS.values.get(value, DECISION_COLORS.default)
        checked = " checked" if chosen == value else ""
        radios.append(
            f'<input type="radio" class="btn-check" name="{_e(decision.html_name)}"'
            f' value="{_e(value)}" id="{radio}"{checked}>\n      <label class="btn btn-sm'
            f' btn-outline-{_e(color)}" for="{radio}">{_e(label)}</label>'
        )
    alert = (
        f'<div class="alert alert-danger py-1 px-2 small" role="alert">{_e(error)}</div>'
        if error
        else ""
    )
    text = reason.value()
    action = _e(reverse_ids("candidates:shortlist_entry_decide", [pk]))
    border = " border-top pt-2" if entry.message_list else ""
    return (
        f'<form method="post" action="{action}" class="decide-form{border}"'
        ' data-test="decide-form" autocomplete="off"><input type="hidden"'
        f' name="csrfmiddlewaretoken" value="{_e(csrf_token)}">\n'
        f'  <input type="hidden" name="page" value="{_e(page_number)}">\n'
        f'  <div class="small fw-semibold mb-1">Your answer</div>\n  {alert}\n'
        '  <fieldset class="mb-2"><legend class="form-label small fw-semibold mb-1 fs-875">'
        f"{_e(criteria_field.label)}</legend>\n    " + "\n    ".join(boxes) + "\n  </fieldset>\n"
        f'  <label class="form-label small" for="reason-{pk}">{_e(reason.label)}</label>\n'
        '  <textarea class="form-control form-control-sm mb-2" rows="2"'
        f' name="{_e(reason.html_name)}" id="reason-{pk}">{_e("" if text is None else text)}'
        "</textarea>\n"
        '  <div class="decide-actions d-flex flex-wrap gap-2">\n'
        '    <div class="btn-group flex-grow-1" role="group" aria-label="Decision">\n      '
        + "\n      ".join(radios)
        + "\n    </div>\n"
        '    <button class="btn btn-sm btn-primary" type="submit">Save answer</button>\n'
        "  </div>\n</form>"
    )


@register.simple_tag(takes_context=True)
def decide_form(context, entry, criteria, form, error, page_number) -> str:
    """`decide_form_html` in a template (candidates/_decide_form.html)."""
    html_ = decide_form_html(
        entry, criteria, form, error, page_number, context.get("csrf_token", "")
    )
    return mark_safe(html_)  # noqa: S308 - every value escaped there


def _decide(entry, page: _Page) -> str:
    """The decision form opened in the page, or the link that loads it on demand."""
    if entry.form_open:
        context = page.context
        refused = context.get("refused")
        if refused is not None and refused.pk == entry.pk:
            form, error = context.get("refused_form"), context.get("refused_error")
        else:
            form, error = context.get("decide_form"), ""
        inner = decide_form_html(
            entry, context["criteria"], form, error, page.page_number, page.csrf_token
        )
    else:
        query = page.answer_query(entry.pk)
        url = page.entry_form(entry.pk)
        inner = (
            f'<a class="btn btn-sm btn-primary" href="?{query}#entry-{entry.pk}"'
            f' data-hx-get="{url}?page={_e(page.page_number)}"'
            f' data-hx-target="#decide-{entry.pk}" data-hx-swap="innerHTML">Answer</a>'
        )
    return f'<div id="decide-{entry.pk}">\n          {inner}\n        </div>'


def _open_card(entry, candidate, page: _Page, pager: str, details: str) -> str:
    if candidate.resume:
        url = page.resume(candidate.pk)
        resume = (
            f'<a class="btn btn-sm btn-outline-primary" href="{url}"><i class="bi'
            ' bi-file-earmark-person me-1"></i>Résumé</a>'
        )
    else:
        resume = '<span class="small text-secondary">No résumé</span>'
    unassessed = ""
    if entry.unassessed_reason:
        unassessed = (
            '<div class="alert alert-warning small py-2 mb-2" data-testid="unassessed-reason">'
            '<i class="bi bi-exclamation-triangle me-1"></i><span class="fw-semibold">Sent'
            f' without an assessment:</span> <span class="prewrap">{_e(entry.unassessed_reason)}'
            "</span></div>"
        )
    notes = ""
    if candidate.notes:
        notes = (
            '<div class="small"><span class="fw-semibold">Recruiter notes:</span>'
            f'<div class="prewrap">{_e(candidate.notes)}</div></div>'
        )
    if page.review:
        answer = _decide(entry, page)
    elif entry.decision == D.PENDING:
        answer = f'<div class="small text-secondary">Waiting for {page.manager}\'s answer.</div>'
    else:
        answer = ""
    current = " review-current" if entry.current else ""
    table = assessment_table_rows(entry.rows, page.cells)
    return (
        f'<div class="card shadow-sm shortlist-entry mb-3{current}"'
        f' id="entry-{entry.pk}" data-entry="{entry.pk}">\n  {pager}\n'
        '  <div class="card-header d-flex flex-wrap justify-content-between align-items-center'
        ' gap-2">\n    <div>\n'
        f'      <span class="fw-semibold fs-5">{_e(candidate.full_name)}</span>\n'
        f"      {DEAL_BREAKER_BADGE if entry.deal_breaker_flag else ''}\n"
        f'      <span class="small text-secondary ms-1">{_e(candidate.location)}</span>\n'
        '    </div>\n    <div class="d-flex align-items-center gap-2">\n'
        f"      {resume}\n"
        f'      <a class="btn btn-sm btn-outline-secondary" href="{details}">Details</a>\n'
        f"      {_badge(entry.decision)}\n    </div>\n  </div>\n"
        '  <div class="card-body">\n    <div class="row g-3">\n      <div class="col-lg-7">\n'
        '        <table class="table table-sm mb-2 align-middle">\n'
        "          <thead><tr><th>Criterion</th><th>Recruiter's rating</th><th>Evidence</th>"
        f"</tr></thead>\n          <tbody>\n          {table}\n"
        f"          </tbody>\n        </table>\n        {unassessed}\n        {notes}"
        f"{_resume_section(entry, candidate)}\n"
        '      </div>\n      <div class="col-lg-5">\n'
        f"        {_messages(entry, page.manager_id)}\n"
        f"        {_reply_form(entry, page)}\n        {answer}\n"
        "      </div>\n    </div>\n  </div>\n</div>"
    )


def _card(entry, page: _Page) -> str:
    candidate = entry.candidate
    pager = review_pager(entry, page.size) if page.review else ""
    details = page.details(entry.application_id)
    if entry.decision in _DECIDED:
        return _decided_card(entry, candidate, pager, details)
    return _open_card(entry, candidate, page, pager, details)


@register.simple_tag(takes_context=True)
def shortlist_entry_cards(context, entries) -> str:
    """The entries of a shortlist's page or review, each on its own lines: a decided one
    collapsed to its answer, an open one with its assessment, questions, résumé and (on
    the review) the decision form or the link loading it."""
    page = _Page(context)
    cards = "".join(f"\n{_card(entry, page)}\n" for entry in entries)
    return mark_safe(cards)  # noqa: S308 - every value escaped above
