from hiring_hub import access


def navigation(request) -> dict:
    """The navigation bar's entries for the signed-in user's role."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": access.navigation_for(user)}
