"""The home page's panels and its list of requisitions, each drawn by one tag
(`{% load home_panels %}`): the home shows some sixty rows, and a block of tags, a `{% url %}`
and an include per row cost several times more in the template language than these
f-strings. Each tag draws what its template drew before, from the same context (the
builders in */selectors/dashboard.py and hiring_hub.selectors.dashboard_for); links are
built as {% url %} builds them (hiring_hub.home_rows)."""

from django import template
from django.utils.safestring import mark_safe

from hiring_hub.charts import bars_html
from hiring_hub.home_rows import ITEM as _ITEM
from hiring_hub.home_rows import SPLIT as _SPLIT
from hiring_hub.home_rows import SPLIT_CENTER as _SPLIT_CENTER
from hiring_hub.home_rows import e as _e
from hiring_hub.home_rows import plural as _plural
from hiring_hub.home_rows import since as _since
from hiring_hub.home_rows import status_badge
from hiring_hub.home_rows import until as _until
from hiring_hub.home_rows import url as _url
from hiring_hub.home_rows import when as _when

register = template.Library()

# --- the list of open requisitions (hiring_hub.selectors.dashboard_for) ---------------------


def _stage_counts(counts) -> str:
    badges = "".join(
        f'<span class="badge {"text-bg-primary" if count else "text-bg-light text-secondary"}">'
        f"{_e(label)} {_e(count)}</span>"
        for label, count in counts
    )
    return (
        '\n      <div class="d-flex flex-wrap gap-1 mt-1 small" data-test="stage-counts">'
        f"{badges}</div>"
    )


@register.simple_tag
def home_requisition_rows(requisitions) -> str:
    rows = []
    for r in requisitions:
        counts = r.stage_counts
        if counts:
            url = _url("candidates:pipeline", r.pk)
        else:
            url = _url("requisitions:requisition_detail", r.pk)
        recruiter = _e(r.recruiter) if r.recruiter else "none"
        manager = _e(r.hiring_manager) if r.hiring_manager else "none"
        rows.append(
            f'<a class="{_ITEM}" href="{url}" data-requisition="{r.pk}">\n'
            '      <div class="d-flex justify-content-between align-items-start gap-2">\n'
            f'        <div>\n          <div class="fw-semibold">{_e(r.title)}</div>\n'
            f'          <div class="small text-secondary">{_e(r.team)} · {_e(r.location)}'
            f" · recruiter {recruiter} · manager {manager}</div>\n        </div>\n"
            f'        <span class="text-end">{status_badge(r)}</span>\n      </div>'
            f"{_stage_counts(counts) if counts else ''}\n    </a>"
        )
    return mark_safe("\n    ".join(rows))


# --- candidates (candidates.selectors.dashboard.dashboard_panel) ----------------------------


def _to_review(s) -> str:
    pending = s.pending
    return (
        f'<a class="{_SPLIT}" href="{_url("candidates:shortlist_review", s.pk)}"'
        f' data-inbox="shortlist-{s.pk}">\n'
        f'      <span><i class="bi bi-card-checklist me-1"></i>Answer shortlist {_e(s.number)} for'
        f" <strong>{_e(s.requisition.title)}</strong>: {_e(pending)} candidate{_plural(pending)}"
        " to answer\n"
        '        <span class="d-block small text-secondary">waits on you · waiting '
        f"{_since(s.submitted_at)}</span></span>\n"
        f'      <span class="badge text-bg-warning">{_e(pending)} open</span>\n    </a>'
    )


def _answer(e) -> str:
    return (
        f'<a class="{_ITEM}" href="{_url("candidates:shortlist_review", e.shortlist_id)}'
        f'#entry-{e.pk}" data-inbox="entry-{e.pk}">\n'
        '      <i class="bi bi-reply me-1"></i>The recruiter answered your question on '
        f"<strong>{_e(e.candidate_name)}</strong> ({_e(e.requisition_title)}): advance, decline"
        " or ask again\n"
        '      <span class="d-block small text-secondary">waits on you · waiting '
        f"{_since(e.last_message_at)}</span>\n    </a>"
    )


def _approval(o) -> str:
    return (
        f'<a class="{_ITEM}" href="{_url("candidates:offer_detail", o.application_id)}"'
        f' data-inbox="offer-{o.pk}">\n'
        '      <i class="bi bi-award me-1"></i>Approve the offer to '
        f"<strong>{_e(o.candidate_name)}</strong> ({_e(o.requisition_title)})\n"
        '      <span class="d-block small text-secondary">waits on you · waiting '
        f"{_since(o.created_at)}</span>\n    </a>"
    )


def _question(e) -> str:
    return (
        f'<a class="{_ITEM}" href="{_url("candidates:shortlist_detail", e.shortlist_id)}'
        f'#entry-{e.pk}" data-inbox="entry-{e.pk}">\n'
        '      <i class="bi bi-question-circle me-1"></i>'
        f"{_e(e.hiring_manager_shown or 'The manager')} needs more information on "
        f"<strong>{_e(e.candidate_name)}</strong> ({_e(e.requisition_title)})\n"
        '      <span class="d-block small text-secondary">waits on you · waiting '
        f"{_since(e.last_message_at or e.decided_at)}</span>\n    </a>"
    )


def _to_send(row) -> str:
    count, requisition_id = row["count"], row["requisition_id"]
    return (
        f'<a class="{_SPLIT}" href="{_url("candidates:shortlist_create", requisition_id)}"'
        f' data-inbox="to-send-{requisition_id}">\n'
        '      <span><i class="bi bi-send me-1"></i>Send the shortlist for '
        f"<strong>{_e(row['requisition__title'])}</strong>: {_e(count)} "
        f"candidate{_plural(count)} ready\n"
        '        <span class="d-block small text-secondary">waits on you · ready for '
        f"{_since(row['since'])}</span></span>\n"
        f'      <span class="badge text-bg-primary">{_e(count)}</span>\n    </a>'
    )


def _offer(o) -> str:
    if not o.verbal_offer_at:
        step = "make the verbal offer"
    elif not o.written_sent_at:
        step = "send the written offer"
    else:
        step = "awaiting the candidate's answer"
    answer = " to record the candidate's answer" if o.written_sent_at else ""
    return (
        f'<a class="{_ITEM}" href="{_url("candidates:offer_detail", o.application_id)}"'
        f' data-inbox="offer-{o.pk}">\n'
        f'      <i class="bi bi-award me-1"></i>Offer to <strong>{_e(o.candidate_name)}</strong>'
        f" ({_e(o.requisition_title)}): {step}\n"
        f'      <span class="d-block small text-secondary">waits on you{answer} · open '
        f"{_since(o.created_at)}</span>\n    </a>"
    )


@register.simple_tag
def candidates_panel(panel) -> str:
    """templates/candidates/_dashboard_panel.html: only what waits on this user."""
    lists = ("to_review", "answers", "approvals", "questions", "to_send", "offers")
    if not any(panel[name] for name in lists):
        return ""
    rows = [
        *map(_to_review, panel["to_review"]),
        *map(_answer, panel["answers"]),
        *map(_approval, panel["approvals"]),
        *map(_question, panel["questions"]),
        *map(_to_send, panel["to_send"]),
        *map(_offer, panel["offers"]),
    ]
    limit = panel["limit"]
    if limit in (len(panel["to_review"]), len(panel["answers"]), len(panel["questions"])):
        rows.append(
            f'<a class="{_ITEM} small" href="{_url("candidates:shortlist_inbox")}">'
            "more in Shortlists</a>"
        )
    return mark_safe(
        '<div class="card shadow-sm mb-3" data-testid="candidates-panel">\n'
        '  <div class="card-header fw-semibold"><i class="bi bi-inbox me-1"></i>'
        "Candidates waiting on you</div>\n"
        '  <div class="list-group list-group-flush">\n    '
        + "\n    ".join(rows)
        + "\n  </div>\n</div>\n"
    )


# --- interviews (debriefs.selectors.dashboard.dashboard_panel) -------------------------------


def _upcoming(i) -> str:
    return (
        f'<a class="{_ITEM}" href="{_url("debriefs:interview_detail", i.pk)}"'
        f' data-inbox="interview-{i.pk}">\n'
        f"          <strong>{_e(i.candidate_name)}</strong> · {_e(i.stage_name)}\n"
        f'          <span class="d-block small text-secondary">{_when(i.starts_at, "D j M, H:i")}'
        f" (in {_until(i.starts_at)}) · {_e(i.requisition_title)}</span>\n        </a>"
    )


def _to_write(s) -> str:
    return (
        f'<a class="{_ITEM}" href="{_url("debriefs:scorecard_edit", s.interview_id)}"'
        f' data-inbox="scorecard-{s.pk}">\n'
        f"          Write your scorecard for <strong>{_e(s.candidate_name)}</strong> · "
        f"{_e(s.stage_name)}\n"
        '          <span class="d-block small text-secondary">waits on you · interview '
        f"{_since(s.interview_starts_at)} ago</span>\n        </a>"
    )


def _follow_up(a) -> str:
    last = a.last_candidate_update_at
    last = f" · last update {_since(last)} ago" if last else ""
    return (
        f'<a class="{_ITEM}" href="{_url("debriefs:follow_up", a.pk)}"'
        f' data-inbox="follow-up-{a.pk}">\n'
        f"      Update <strong>{_e(a.candidate_name)}</strong> ({_e(a.requisition_title)}):"
        f" promised by {_when(a.next_update_promised_by, 'D j M')}\n"
        f'      <span class="d-block small text-secondary">waits on you{last}</span>\n    </a>'
    )


def _debrief(a, user_pk) -> str:
    if a.hiring_manager_id != user_pk:
        other = a.hiring_manager_shown or "the hiring manager"
    else:
        other = a.recruiter_shown or "the recruiter"
    since = f" · waiting {_since(a.waiting_since)}" if a.waiting_since else ""
    return (
        f'<a class="{_ITEM}" href="{_url("debriefs:debrief", a.pk)}"'
        f' data-inbox="debrief-{a.pk}">\n'
        f"      Decide on <strong>{_e(a.candidate_name)}</strong> · "
        f"{_e(a.requisition_title)}\n"
        f'      <span class="d-block small text-secondary">waits on you or {_e(other)}{since}'
        "</span>\n    </a>"
    )


def _card(test: str, icon: str, title: str, rows: list[str], extra: str = "") -> str:
    return (
        f'<div class="card shadow-sm mb-3" data-test="{test}">\n'
        f'  <div class="card-header fw-semibold"><i class="bi {icon} me-1"></i>{title}</div>\n'
        '  <div class="list-group list-group-flush">\n    '
        + "\n    ".join(rows)
        + extra
        + "\n  </div>\n</div>\n"
    )


def _tile(tile: str, value, label: str, *, danger: bool = False, col="col-6 col-lg-3") -> str:
    border = " border-danger" if danger and value else ""
    text = " text-danger" if danger and value else ""
    return (
        f'  <div class="{col}"><a class="card shadow-sm text-decoration-none h-100{border}" '
        f'href="{_url(_TILE_URLS[tile])}" data-tile="{tile}"><div class="card-body">'
        f'<div class="stat{text}">{_e(value)}</div><div class="text-secondary small">{label}'
        "</div></div></a></div>\n"
    )


_TILE_URLS = {
    "thank-you-overdue": "debriefs:thank_you_list",
    "thank-you-due": "debriefs:thank_you_list",
    "debriefs-waiting": "debriefs:interview_list",
}


def _interviews(panel) -> str:
    upcoming = [_upcoming(i) for i in panel["upcoming"]] or [
        '<div class="list-group-item text-secondary">No interviews ahead of you.</div>'
    ]
    to_write = [_to_write(s) for s in panel["to_write"]] or [
        '<div class="list-group-item text-secondary">No scorecards due.</div>'
    ]
    due = panel["scorecards_to_write"]
    all_due = (
        f'<a class="small text-nowrap ms-2" href="{_url("debriefs:interview_list")}">all {due}</a>'
        if due > len(panel["to_write"])
        else ""
    )
    return (
        '<div class="row g-3 mb-3" data-test="interviews-panel">\n'
        '  <div class="col-lg-6">\n'
        '    <div class="card shadow-sm h-100" data-test="upcoming-interviews">\n'
        '      <div class="card-header fw-semibold d-flex justify-content-between"><span>'
        '<i class="bi bi-calendar-event me-1"></i>Your upcoming interviews</span>'
        f'<a class="small text-nowrap ms-2" href="{_url("debriefs:interview_list")}">'
        "all interviews</a></div>\n"
        '      <div class="list-group list-group-flush">\n        '
        + "\n        ".join(upcoming)
        + "\n      </div>\n    </div>\n  </div>\n"
        '  <div class="col-lg-6">\n'
        f'    <div class="card shadow-sm h-100 {"border-warning" if panel["to_write"] else ""}"'
        ' data-test="scorecards-due">\n'
        '      <div class="card-header fw-semibold d-flex justify-content-between"><span>'
        f'<i class="bi bi-pencil-square me-1"></i>Scorecards due ({_e(due)})</span>{all_due}'
        "</div>\n"
        '      <div class="list-group list-group-flush">\n        '
        + "\n        ".join(to_write)
        + "\n      </div>\n    </div>\n  </div>\n</div>\n"
    )


@register.simple_tag
def interviews_panel(panel, user) -> str:
    """templates/debriefs/_dashboard_panel.html: interviews first, then the tiles, the
    follow-ups and the debriefs waiting."""
    parts = []
    if panel["upcoming"] or panel["to_write"]:
        parts.append(_interviews(panel))
    overdue, waiting = panel.get("thank_you_overdue"), panel.get("debriefs_waiting")
    if overdue is None and waiting is None:
        return mark_safe("".join(parts))
    tiles = []
    if overdue is not None:
        tiles.append(_tile("thank-you-overdue", overdue, "thank-you notes overdue", danger=True))
        tiles.append(_tile("thank-you-due", panel["thank_you_due"], "thank-you notes due"))
    if waiting is not None:
        tiles.append(_tile("debriefs-waiting", waiting, "debriefs waiting for a decision"))
    parts.append('<div class="row g-3 mb-3" data-test="debriefs-panel">\n' + "".join(tiles))
    parts.append("</div>\n")
    if panel.get("follow_ups"):
        rows = [_follow_up(a) for a in panel["follow_ups"]]
        parts.append(_card("follow-ups-due", "bi-telephone-outbound", "Follow-ups due", rows))
    debriefs = panel.get("debriefs")
    if debriefs:
        rows = [_debrief(a, user.pk) for a in debriefs]
        more = ""
        if waiting > len(debriefs):
            more = (
                f'\n    <a class="{_ITEM} small" href="{_url("debriefs:interview_list")}">'
                f"all {_e(waiting)} debriefs</a>"
            )
        parts.append(
            _card("debriefs-waiting", "bi-grid-3x3", "Debriefs waiting for a decision", rows, more)
        )
    return mark_safe("".join(parts))


# --- requisitions (requisitions.selectors.dashboard.dashboard_panel) -------------------------


def _retrospective(r) -> str:
    return (
        f'<a class="{_SPLIT_CENTER}" href="{_url("requisitions:retrospective", r.requisition_id)}"'
        f' data-inbox="retrospective-{r.pk}">\n'
        f"      <span><strong>{_e(r.requisition.title)}</strong> is filled: a short retrospective\n"
        '        <span class="d-block small text-secondary">waits on you · invited '
        f"{_since(r.invited_at)} ago</span></span>\n"
        '      <span class="btn btn-sm btn-outline-success">Answer</span>\n    </a>'
    )


def _to_sign(r) -> str:
    since = f" · waiting {_since(r.waiting_since)}" if r.waiting_since else ""
    return (
        f'<a class="{_SPLIT_CENTER}" href="{_url("requisitions:criteria_sign_off", r.pk)}"'
        f' data-inbox="sign-off-{r.pk}">\n'
        f"      <span><strong>{_e(r.title)}</strong>: criteria wait for your sign-off\n"
        f'        <span class="d-block small text-secondary">waits on you{since}</span></span>\n'
        '      <span class="btn btn-sm btn-primary">Review and sign off</span>\n    </a>'
    )


def _check_in(c) -> str:
    return (
        f'<a class="{_ITEM}" href="{_url("requisitions:check_in_detail", c.pk)}"'
        f' data-inbox="check-in-{c.pk}">\n'
        f"      <strong>{_e(c.requisition.title)}</strong>: weekly check-in of "
        f"{_when(c.week_start, 'j M')} to acknowledge\n"
        '      <span class="d-block small text-secondary">waits on you · waiting '
        f"{_since(c.compiled_at)}</span>\n    </a>"
    )


def _realignment(r) -> str:
    return (
        f'<a class="{_SPLIT_CENTER}" href="{_url("requisitions:requisition_detail", r.pk)}'
        f'#pending-draft" data-inbox="realign-{r.pk}">\n'
        f"      <span><strong>{_e(r.title)}</strong>: re-alignment with "
        f"{_e(r.hiring_manager.full_name)} needed\n"
        '        <span class="d-block small text-secondary">waits on you</span></span>\n'
        '      <span class="badge text-bg-warning">Re-alignment needed</span>\n    </a>'
    )


def _talk(h) -> str:
    reasons = list(h.reasons or [])
    shown = " · ".join(_e(reason) for reason in reasons[:2])
    if len(reasons) > 2:
        shown += f" · and {len(reasons) - 2} more"
    return (
        f'<a class="{_SPLIT_CENTER}" href="{_url("requisitions:partnership", h.requisition_id)}"'
        f' data-inbox="talk-{h.requisition_id}">\n'
        f"      <span><strong>{_e(h.requisition.title)}</strong>: time to talk about how the"
        " search is going\n"
        f'        <span class="d-block small text-secondary">{shown}</span></span>\n'
        '      <span class="badge text-bg-danger">Needs a talk</span>\n    </a>'
    )


def _before_alignment(r) -> str:
    return (
        f'<a class="{_SPLIT_CENTER}" href="{_url("requisitions:requisition_detail", r.pk)}"'
        f' data-inbox="align-{r.pk}">\n'
        f"      <span><strong>{_e(r.title)}</strong>: intake and criteria before sourcing\n"
        '        <span class="d-block small text-secondary">waits on you · opened '
        f"{_since(r.created_at)} ago</span></span>\n"
        f"      {status_badge(r)}\n    </a>"
    )


@register.simple_tag
def requisitions_panel(panel) -> str:
    """templates/requisitions/_dashboard_panel.html."""
    rows = [
        *map(_retrospective, panel["retrospectives"]),
        *map(_to_sign, panel["to_sign"]),
        *map(_check_in, panel["check_ins"]),
        *map(_realignment, panel["realignment"]),
        *map(_talk, panel["talks"]),
        *map(_before_alignment, panel["before_alignment"]),
    ]
    if not rows:
        return ""
    return mark_safe(
        '<div class="card shadow-sm mb-3" data-panel="requisitions">\n'
        '  <div class="card-header fw-semibold"><i class="bi bi-clipboard-check me-1"></i>'
        "Requisitions waiting on you</div>\n"
        '  <div class="list-group list-group-flush">\n    '
        + "\n    ".join(rows)
        + "\n  </div>\n</div>\n"
    )


@register.simple_tag
def home_chart(chart) -> str:
    """templates/charts/_bars.html of the home's days-open chart."""
    return mark_safe(bars_html(chart))
