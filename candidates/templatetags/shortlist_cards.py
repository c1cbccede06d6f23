"""The cards of a shortlist's page and of the manager's review (`{% load shortlist_cards %}`).

One entry is one tag rather than a block of tags, links and includes: a page of twenty
cards renders several times faster. The entries come from
`candidates.selectors.shortlist_page` with what each card shows; the decision form opened
in the page is the same template the review loads on demand (_decide_form.html)."""

from __future__ import annotations

import html

from django import template
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


def _answer_query(request, entry_pk) -> str:
    """`{% query_with answer=entry.pk %}`: the current query with this entry asked for."""
    query = request.GET.copy()
    query["answer"] = entry_pk
    return query.urlencode()


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
        f'      <a class="btn btn-sm btn-outline-secondary" href="{_e(details)}">Details</a>\n'
        f"      {_decision_badge(entry.decision)}\n    </div>\n  </div>\n</div>"
    )


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


def _reply_form(entry, context, review: bool) -> str:
    if not (entry.decision == D.NEED_INFO and context.get("can_reply")):
        return ""
    action = _e(reverse_ids("candidates:shortlist_message", [entry.pk]))
    csrf = _e(context.get("csrf_token", ""))
    label = "Follow-up" if review else "Answer the question"
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


def _decide(entry, context, page_number) -> str:
    """The decision form opened in the page, or the link that loads it on demand."""
    if entry.form_open:
        refused = context.get("refused")
        if refused is not None and refused.pk == entry.pk:
            form, error = context.get("refused_form"), context.get("refused_error")
        else:
            form, error = context.get("decide_form"), ""
        inner = decide_form_html(
            entry,
            context["criteria"],
            form,
            error,
            page_number,
            context.get("csrf_token", ""),
        )
    else:
        query = _e(_answer_query(context["request"], entry.pk))
        url = _e(reverse_ids("candidates:shortlist_entry_form", [entry.pk]))
        inner = (
            f'<a class="btn btn-sm btn-primary" href="?{query}#entry-{entry.pk}"'
            f' data-hx-get="{url}?page={_e(page_number)}" data-hx-target="#decide-{entry.pk}"'
            ' data-hx-swap="innerHTML">Answer</a>'
        )
    return f'<div id="decide-{entry.pk}">\n          {inner}\n        </div>'


def _open_card(entry, candidate, context, pager: str, details: str) -> str:
    review = context.get("review")
    requisition = context["requisition"]
    if candidate.resume:
        url = _e(reverse_ids("candidates:resume_download", [candidate.pk]))
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
    if review:
        page = context.get("page")
        answer = _decide(entry, context, page.number if page is not None else "")
    elif entry.decision == D.PENDING:
        answer = (
            '<div class="small text-secondary">Waiting for'
            f" {_e(context['shortlist'].hiring_manager_name)}'s answer.</div>"
        )
    else:
        answer = ""
    current = " review-current" if entry.current else ""
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
        f'      <a class="btn btn-sm btn-outline-secondary" href="{_e(details)}">Details</a>\n'
        f"      {_decision_badge(entry.decision)}\n    </div>\n  </div>\n"
        '  <div class="card-body">\n    <div class="row g-3">\n      <div class="col-lg-7">\n'
        '        <table class="table table-sm mb-2 align-middle">\n'
        "          <thead><tr><th>Criterion</th><th>Recruiter's rating</th><th>Evidence</th>"
        f"</tr></thead>\n          <tbody>\n          {assessment_table_rows(entry.rows)}\n"
        f"          </tbody>\n        </table>\n        {unassessed}\n        {notes}"
        f"{_resume_section(entry, candidate)}\n"
        '      </div>\n      <div class="col-lg-5">\n'
        f"        {_messages(entry, requisition.hiring_manager_id)}\n"
        f"        {_reply_form(entry, context, review)}\n        {answer}\n"
        "      </div>\n    </div>\n  </div>\n</div>"
    )


@register.simple_tag(takes_context=True)
def shortlist_entry_card(context, entry) -> str:
    """One entry of a shortlist's page or review: a decided one collapsed to its answer,
    an open one with its assessment, questions, résumé and (on the review) the decision
    form or the link loading it."""
    candidate = entry.candidate
    pager = review_pager(entry, context["shortlist"].size) if context.get("review") else ""
    details = reverse_ids("candidates:application_detail", [entry.application_id])
    if entry.decision in _DECIDED:
        card = _decided_card(entry, candidate, pager, details)
    else:
        card = _open_card(entry, candidate, context, pager, details)
    return mark_safe(card)  # noqa: S308 - every value escaped above
