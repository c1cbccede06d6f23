"""Shortlists: sending one, the inbox, the page and the manager's review, answers and
the questions that follow them."""

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from candidates import selectors, services
from candidates.forms import MessageForm, ShortlistDecisionForm, ShortlistSubmitForm
from candidates.models import Application, Shortlist, ShortlistEntry
from hiring_hub import access
from hiring_hub.forms import add_service_errors
from hiring_hub.pagination import paginate, paginate_uncounted, wants_everyone
from requisitions.models import Criterion
from requisitions.selectors import current_signed_version

NO_DECISION = "Choose advance, decline or need more information."


@login_required
def shortlist_create(request, requisition_pk):
    requisition = get_object_or_404(access.requisitions_visible_to(request.user), pk=requisition_pk)
    access.require(access.can_change_pipeline(request.user, requisition))
    version = current_signed_version(requisition)
    form = ShortlistSubmitForm(
        request.POST or None,
        applications=selectors.shortlistable(
            requisition, version, Application.Stage.shortlistable_values()
        ),
        initial={"applications": request.GET.getlist("application")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            shortlist = services.shortlist_submit(
                requisition=requisition, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, f"Shortlist {shortlist.number} sent to {requisition.hiring_manager}."
            )
            return redirect("candidates:shortlist_detail", pk=shortlist.pk)
    return render(
        request,
        "candidates/shortlist_form.html",
        {"form": form, "requisition": requisition, "version": version},
    )


@login_required
def shortlist_inbox(request):
    access.require(access.can_see_shortlists(request.user))
    can_see_everyone = access.is_recruiter(request.user)
    everyone = can_see_everyone and wants_everyone(request)
    page = paginate_uncounted(
        request, selectors.shortlist_inbox(user=request.user, everyone=everyone)
    )
    return render(
        request,
        "candidates/shortlist_inbox.html",
        {
            "page": page,
            "shortlists": selectors.mark_inbox(page.object_list, user=request.user),
            "everyone": everyone,
            "can_see_everyone": can_see_everyone,
            "Decision": ShortlistEntry.Decision,
        },
    )


def _shortlist_page(request, pk, *, review: bool, refused=None, form=None, error: str = ""):
    """The shortlist's page (or the manager's review of it), a page of entries at a time;
    `refused` is the entry whose answer was just refused, shown again in `form` beside
    the `error`."""
    try:
        shortlist = selectors.shortlist_for_review(user=request.user, pk=pk)
    except Shortlist.DoesNotExist:
        raise Http404 from None
    can_review = access.can_review_shortlist(request.user, shortlist)
    if review:
        access.require(can_review)
    page = paginate(
        request,
        selectors.shortlist_entries(shortlist),
        number=request.POST.get("page"),
        per_page=selectors.SHORTLIST_PAGE_SIZE,
        count=shortlist.size,
    )
    data = selectors.shortlist_page(
        shortlist,
        page,
        review=review,
        answer=request.GET.get("answer", ""),
        refused=refused.pk if refused else None,
    )
    return render(
        request,
        "candidates/shortlist_detail.html",
        {
            **vars(data),
            "can_review": can_review,
            "can_reply": access.can_discuss_shortlist(request.user, shortlist),
            # Only the review opens forms; its criteria were read with the shortlist (the
            # queryset is not run).
            "decide_form": ShortlistDecisionForm(
                criteria=Criterion.objects.filter(version_id=shortlist.criteria_version_id)
            )
            if review
            else None,
            "refused": refused,
            "refused_form": form,
            "refused_error": error,
        },
        status=400 if refused else 200,
    )


# The PDF résumé previewed in the review page's frame (the page allows frames of our own).
@login_required
@csp_replace({"frame-src": [SELF]})
def shortlist_review(request, pk):
    return _shortlist_page(request, pk, review=True)


@login_required
def shortlist_review_next(request, pk):
    """The link in the shortlist emails: the review opened on the next candidate to answer."""
    shortlist = get_object_or_404(access.shortlists_visible_to(request.user), pk=pk)
    access.require(access.can_review_shortlist(request.user, shortlist))
    url = reverse("candidates:shortlist_review", kwargs={"pk": shortlist.pk})
    return redirect(url + selectors.review_next_query(shortlist))


@login_required
def shortlist_detail(request, pk):
    return _shortlist_page(request, pk, review=False)


def _entry_or_404(request, pk) -> ShortlistEntry:
    return get_object_or_404(
        ShortlistEntry.objects.select_related("shortlist__requisition", "application__candidate"),
        pk=pk,
        shortlist__in=access.shortlists_visible_to(request.user),
    )


@login_required
def shortlist_entry_form(request, pk):
    """The decision form of one entry, loaded into the review page on demand."""
    entry = _entry_or_404(request, pk)
    access.require(access.can_review_shortlist(request.user, entry.shortlist))
    if entry.decision not in selectors.OPEN_DECISIONS:
        raise Http404("Already answered.")
    criteria = entry.shortlist.criteria_version.criteria.order_by("order")
    entry.message_list = list(entry.messages.all())
    return render(
        request,
        "candidates/_decide_form.html",
        {
            "entry": entry,
            "criteria": criteria,
            "form": ShortlistDecisionForm(criteria=criteria),
            "page_number": request.GET.get("page", ""),
        },
    )


@login_required
@require_POST
def shortlist_entry_decide(request, pk):
    entry = _entry_or_404(request, pk)
    access.require(access.can_review_shortlist(request.user, entry.shortlist))
    form = ShortlistDecisionForm(
        request.POST, criteria=entry.shortlist.criteria_version.criteria.all()
    )
    if not form.is_valid():
        error = NO_DECISION if "decision" in form.errors else " ".join(_messages(form))
        return _shortlist_page(
            request, entry.shortlist_id, review=True, refused=entry, form=form, error=error
        )
    try:
        services.shortlist_entry_decide(entry=entry, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return _shortlist_page(
            request,
            entry.shortlist_id,
            review=True,
            refused=entry,
            form=form,
            error=" ".join(exc.messages),
        )
    messages.success(request, f"Answer on {entry.application.candidate.full_name} saved.")
    url = reverse("candidates:shortlist_review", kwargs={"pk": entry.shortlist_id})
    page = request.POST.get("page", "")
    query = f"?page={page}" if page.isdigit() else ""
    return redirect(f"{url}{query}#entry-{entry.pk}")


def _messages(form) -> list[str]:
    return [m for errors in form.errors.values() for m in errors]


@login_required
@require_POST
def shortlist_message(request, pk):
    entry = _entry_or_404(request, pk)
    access.require(access.can_discuss_shortlist(request.user, entry.shortlist))
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.shortlist_message_post(
                entry=entry, actor=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, "Write a message.")
    name = (
        "candidates:shortlist_review"
        if access.can_review_shortlist(request.user, entry.shortlist)
        else "candidates:shortlist_detail"
    )
    return redirect(f"{reverse(name, kwargs={'pk': entry.shortlist_id})}#entry-{entry.pk}")
