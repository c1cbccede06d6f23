"""The main navigation: each app registers its entries from its AppConfig.ready (who sees
an entry is a rule of hiring_hub.access; what waits there, a count from the app's
selectors), so the ground lists no app's pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import NoReverseMatch, reverse

from hiring_hub.url_shapes import reverse_ids

if TYPE_CHECKING:
    from hiring_hub.models import User


@dataclass(frozen=True)
class Entry:
    position: int  # entries are shown in this order, whichever app registered them
    label: str
    url_name: str
    shown_to: Callable[[User], bool] | None = None  # None: everyone signed in
    # What waits on the user there (one count query), or None when nothing does.
    count: Callable[[User], int | None] | None = None


_entries: dict[str, Entry] = {}


def register(*entries: Entry) -> None:
    """Add entries (registering a url name again replaces its entry)."""
    for entry in entries:
        _entries[entry.url_name] = entry


def _entries_for(user: User) -> list[Entry]:
    entries = sorted(_entries.values(), key=lambda entry: entry.position)
    return [entry for entry in entries if entry.shown_to is None or entry.shown_to(user)]


def navigation_for(user: User) -> list[dict]:
    items = []
    for entry in _entries_for(user):
        try:
            url = reverse_ids(entry.url_name)
        except NoReverseMatch:
            # A section whose app has no page yet is simply not shown.
            continue
        items.append({"label": entry.label, "url": url, "name": entry.url_name})
    if user.is_staff:
        items.append({"label": "Admin", "url": reverse("admin:index"), "name": "admin"})
    return items


def navigation_counts(user: User) -> dict[str, int]:
    """What waits on the user, by entry (url name): one count query per entry the user
    sees that counts something for them."""
    if not user.is_authenticated:
        return {}
    counts = {}
    for entry in _entries_for(user):
        n = entry.count(user) if entry.count else None
        if n is not None:
            counts[entry.url_name] = n
    return counts
