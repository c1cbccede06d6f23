"""The `date` filter of every template (a built-in, see settings.TEMPLATES): Django's own,
with the formats written out in templates ("D j M, H:i") compiled once. Django splits the
format and looks a translated day or month name up again for every date it shows, a fifth
of the render of a list of interviews; here the pieces are computed once per format and
the names once per language. Same output; anything else goes to Django's filter."""

import datetime
import re

from django import template
from django.template import defaultfilters
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.formats import FORMAT_SETTINGS
from django.utils.translation import get_language

register = template.Library()

_FORMAT_CHARS = re.compile(r"([aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ])")
_DATE_PIECES = {
    "d": lambda v, names: f"{v.day:02d}",
    "j": lambda v, names: str(v.day),
    "D": lambda v, names: names[0][v.weekday()],
    "m": lambda v, names: f"{v.month:02d}",
    "n": lambda v, names: str(v.month),
    "M": lambda v, names: names[1][v.month],
    "y": lambda v, names: f"{v.year % 100:02d}",
    "Y": lambda v, names: f"{v.year:04d}",
}
_TIME_PIECES = {
    "H": lambda v, names: f"{v.hour:02d}",
    "i": lambda v, names: f"{v.minute:02d}",
}
_compiled: dict[str, tuple | None] = {}
_names: dict[str | None, tuple] = {}


def _compile(arg: str) -> tuple | None:
    """(pieces, has_time) where a piece is a literal string or a function of the value;
    None when the format needs Django (a named format, an escape, another character)."""
    if arg in FORMAT_SETTINGS or "\\" in arg:
        return None
    pieces, has_time = [], False
    for i, part in enumerate(_FORMAT_CHARS.split(arg)):
        if not i % 2:
            if part:
                pieces.append(part)
        elif part in _DATE_PIECES:
            pieces.append(_DATE_PIECES[part])
        elif part in _TIME_PIECES:
            pieces.append(_TIME_PIECES[part])
            has_time = True
        else:
            return None
    return tuple(pieces), has_time


def _names_now() -> tuple:
    language = get_language()
    names = _names.get(language)
    if names is None:
        names = _names[language] = (
            [str(WEEKDAYS_ABBR[day]) for day in range(7)],
            {month: str(MONTHS_3[month]).title() for month in MONTHS_3},
        )
    return names


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    """Django's `date` filter, faster for explicit formats of days, months, years, hours
    and minutes."""
    if isinstance(arg, str) and isinstance(value, datetime.date):
        compiled = _compiled.get(arg, False)
        if compiled is False:
            compiled = _compiled[arg] = _compile(arg)
        if compiled is not None and (compiled[1] is False or type(value) is datetime.datetime):
            names = _names_now()
            return "".join(p if type(p) is str else p(value, names) for p in compiled[0])
    return defaultfilters.date(value, arg)
