"""The sections of the thank-you note list, each drawn by one tag (`{% load thank_you_rows %}`):
a page shows up to three sections of fifty drafts and twenty sent notes, and a block, a
`format_html` and Django's `timesince` per row cost several times more than these
f-strings. Values are escaped as the template language escapes them (hiring_hub.home_rows);
the drafts (named rows) and sent notes come from debriefs.selectors.thank_you_notes."""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from debriefs.models import ThankYouNote
from hiring_hub.home_rows import e, since, until, url
from hiring_hub.templatetags.hiring_hub_dates import date
from hiring_hub.templatetags.hiring_hub_tags import pagination

register = template.Library()

_DRAFT_HEAD = (
    "<th>Candidate</th><th>Interview</th><th>Interviewers</th><th>Due</th><th>Recruiter</th>"
    "<th></th>"
)


def _draft_row(note, tone: str, zone) -> str:
    if tone == "danger":
        late = f'<div class="small text-danger">{e(since(note.due_at))} late</div>'
    else:
        late = f'<div class="small text-secondary">in {e(until(note.due_at))}</div>'
    starts = e(date(note.starts_at.astimezone(zone), "D j M, H:i"))
    due = e(date(note.due_at.astimezone(zone), "D j M, H:i"))
    button = "btn-outline-primary" if tone == "secondary" else "btn-primary"
    return (
        "<tr>\n"
        f'        <td class="fw-semibold">{e(note.candidate_name)}</td>\n'
        f"        <td>{e(note.stage_name)} · {e(note.requisition_title)}"
        f'<div class="small text-secondary">{starts}</div></td>\n'
        f'        <td class="small">{e(note.interviewer_names or "")}</td>\n'
        f'        <td class="text-nowrap">{due}{late}</td>\n'
        f'        <td class="small">{e(note.recruiter_name)}</td>\n'
        f'        <td class="text-end"><a class="btn btn-sm {button}"'
        f' href="{url("debriefs:thank_you_note", note.interview_id)}">Edit and send</a></td>\n'
        "      </tr>"
    )


@register.simple_tag(takes_context=True)
def thank_you_section(context, rows, title: str, tone: str, empty: str, test: str) -> str:
    """A card of draft notes: `rows` a page of them (hiring_hub.pagination), `tone` the
    section's (danger: overdue, warning: due now, secondary: upcoming), `empty` the row
    shown without notes, `test` the card's data-test; its pager when it has other pages."""
    zone = timezone.get_current_timezone()
    if rows:
        body = "\n  ".join(_draft_row(note, tone, zone) for note in rows)
    else:
        body = f'<tr><td colspan="6" class="text-secondary">{e(empty)}</td></tr>'
    strong = bool(rows) and tone != "secondary"
    if rows.has_next() or rows.has_previous():
        count = f"{rows.start_index()}–{rows.end_index()}"
    else:
        count = len(rows)
    pager = ""
    if rows.has_other_pages() or rows.paginator:
        pager = render_to_string(
            "hiring_hub/_pagination.html", pagination(context, rows, label=title)
        )
    return mark_safe(  # noqa: S308 - every value escaped here
        f'<div class="card shadow-sm {f"border-{e(tone)}" if strong else ""}"'
        f' data-test="{e(test)}">\n'
        f'  <div class="card-header fw-semibold {f"bg-{e(tone)}-subtle" if strong else ""}">'
        f'{e(title)} <span class="badge text-bg-{e(tone)} ms-1">{count}</span></div>\n'
        '  <div class="table-responsive">\n'
        '<table class="table mb-0 align-middle">\n'
        f"  <thead><tr>{_DRAFT_HEAD}</tr></thead>\n"
        f"  <tbody>\n  {body}\n  </tbody>\n</table>\n</div>\n  {pager}\n</div>"
    )


@register.simple_tag
def thank_you_sent_rows(notes) -> str:
    """The rows of the recently sent notes, each with its email's delivery
    (hiring_hub/_delivery.html) while it has not reached the mail server."""
    if not notes:
        return mark_safe('<tr><td colspan="4" class="text-secondary">None sent yet.</td></tr>')
    zone = timezone.get_current_timezone()
    labels = {value: str(label) for value, label in ThankYouNote.Status.choices}
    rows = []
    for note in notes:
        message = note.message
        delivery = ""
        if message and message.state != message.State.SENT:
            delivery = " " + render_to_string("hiring_hub/_delivery.html", {"message": message})
        rows.append(
            f"<tr><td>{e(note.candidate_name)}</td>"
            f"<td>{e(note.stage_name)} · {e(note.requisition_title)}</td>\n"
            f"        <td>{e(date(note.sent_at.astimezone(zone), 'D j M, H:i'))}"
            f" by {e(note.sent_by_name or '—')}</td>"
            f'<td><span class="badge text-bg-success">{e(labels.get(note.status, note.status))}'
            f"</span>{delivery}</td></tr>"
        )
    return mark_safe("\n      ".join(rows))  # noqa: S308 - escaped above, the partial autoescaped
