from hiring_hub import navigation as menu


def navigation(request) -> dict:
    """The navigation bar's entries for the signed-in user's role."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": menu.navigation_for(user)}


def navigation_with_counts(request) -> dict:
    """The entries with what waits on the user beside them (`count`), for the fragment the
    navigation loads after the page: counting on every page render would add queries to
    every page and delay it."""
    items = navigation(request)["nav_items"]
    if items:
        counts = menu.navigation_counts(request.user)
        for item in items:
            item["count"] = counts.get(item["name"], 0)
    return {"nav_items": items, "counted": True}
