"""Every list shows one page of rows: 50 by default, chosen by a query parameter."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

PAGE_SIZE = 50


def page_number(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def paginate(
    request,
    qs: QuerySet,
    *,
    param: str = "page",
    per_page: int = PAGE_SIZE,
    number=None,
    count: int | None = None,
) -> Page:
    """A page of `qs` with the total (one COUNT query): for lists whose count is cheap
    because an index scopes them (a requisition's pipeline, one user's notes). `number`
    overrides the page asked for in the query string (a form posts it back); `count` is
    the total when the page already counted the rows (no COUNT query then)."""
    paginator = Paginator(qs, per_page)
    if count is not None:
        paginator.count = count  # the cached property, answered without a query
    page = paginator.get_page(number or request.GET.get(param))
    page.param = param
    return page


@dataclass
class UncountedPage:
    """A page without a total: the next page exists when one more row than the page holds
    came back. For lists where counting every match would cost more than the page itself
    (all candidates, a candidate search)."""

    object_list: list
    number: int
    per_page: int
    more: bool
    param: str = "page"
    paginator: None = field(default=None, repr=False)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def __bool__(self) -> bool:
        return bool(self.object_list)

    def has_next(self) -> bool:
        return self.more

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.more or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0

    def end_index(self) -> int:
        return (self.number - 1) * self.per_page + len(self.object_list)


def paginate_uncounted(
    request, qs: QuerySet, *, param: str = "page", per_page: int = PAGE_SIZE
) -> UncountedPage:
    number = page_number(request.GET.get(param))
    start = (number - 1) * per_page
    rows = list(qs[start : start + per_page + 1])
    return UncountedPage(
        object_list=rows[:per_page],
        number=number,
        per_page=per_page,
        more=len(rows) > per_page,
        param=param,
    )


SCOPE_PARAM = "scope"
EVERYONE = "all"


def wants_everyone(request) -> bool:
    """Lists open on what the user works on; `?scope=all` asks for everyone's (what the
    user may see: access rules still apply)."""
    return request.GET.get(SCOPE_PARAM) == EVERYONE


TIMELINE_SIZE = 20


def timeline_slice(request, *, param: str = "timeline", per_page: int = TIMELINE_SIZE) -> slice:
    """The rows of a timeline page (latest first), one extra to know whether older ones
    exist: for a sliced Prefetch. `timeline_page` turns the fetched rows into the page."""
    start = (page_number(request.GET.get(param)) - 1) * per_page
    return slice(start, start + per_page + 1)


def timeline_page(
    request, rows, *, param: str = "timeline", per_page: int = TIMELINE_SIZE
) -> UncountedPage:
    rows = list(rows)
    return UncountedPage(
        object_list=rows[:per_page],
        number=page_number(request.GET.get(param)),
        per_page=per_page,
        more=len(rows) > per_page,
        param=param,
    )
