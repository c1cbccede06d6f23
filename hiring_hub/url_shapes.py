"""`reverse()` done once per URL pattern instead of once per link.

A list page links each of its rows (a candidate, an application, an interview): reversing
every link walks the URL resolver each time, a fifth of such a page's render. The links of
one view name differ only in their ids, so the URL is reversed once with placeholder ids and
each link joins its own ids into that shape: the same string `reverse()` returns.
"""

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# Two placeholder sets of different lengths: a pattern that constrains its ids (a regex
# route, a fixed width) shapes them differently, and is then left to reverse().
_PLACEHOLDERS = (
    ("48213", "48214", "48215", "48216"),
    ("9035172648", "9035172649", "9035172640", "9035172641"),
)
_MISSING = object()
_shapes: dict[tuple, tuple[str, ...] | None] = {}


def _split(url: str, placeholders) -> tuple[str, ...] | None:
    parts, rest = [], url
    for placeholder in placeholders:
        if rest.count(placeholder) != 1:
            return None
        before, rest = rest.split(placeholder)
        parts.append(before)
    parts.append(rest)
    return tuple(parts)


def _shape(view_name: str, count: int, current_app) -> tuple[str, ...] | None:
    shapes = []
    for placeholders in _PLACEHOLDERS:
        chosen = placeholders[:count]
        try:
            url = reverse(view_name, args=[int(p) for p in chosen], current_app=current_app)
        except Exception:  # noqa: BLE001 - any failure: leave this name to reverse()
            return None
        shapes.append(_split(url, chosen))
    return shapes[0] if shapes[0] is not None and shapes[0] == shapes[1] else None


def reverse_ids(view_name: str, args=(), current_app=None) -> str:
    """`reverse(view_name, args=args)` for arguments that are non-negative ints (ids);
    anything else goes through reverse() itself."""
    if not isinstance(view_name, str) or len(args) > len(_PLACEHOLDERS[0]):
        return reverse(view_name, args=args, current_app=current_app)
    for arg in args:
        if type(arg) is not int or arg < 0:
            return reverse(view_name, args=args, current_app=current_app)
    key = (
        view_name,
        len(args),
        current_app,
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
    )
    shape = _shapes.get(key, _MISSING)
    if shape is _MISSING:
        shape = _shapes[key] = _shape(view_name, len(args), current_app)
    if shape is None:
        return reverse(view_name, args=args, current_app=current_app)
    url = shape[0]
    for arg, part in zip(args, shape[1:], strict=False):
        url += str(arg) + part
    return url
