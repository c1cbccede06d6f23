"""One date and time format across the app: day, month name, year; 24-hour times."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Month-first forms ("Nov 22, 2026", "M j, Y") and Django's locale default read differently
# from the rest of the app.
MONTH_FIRST = re.compile(r'\|date:"[DlN ]*[MFN] j,? ?Y?|\|date:"(SHORT_)?DATE(TIME)?_FORMAT"')


def test_no_template_formats_dates_month_first():
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.*")
        if path.suffix in {".html", ".txt"}
        for match in MONTH_FIRST.finditer(path.read_text())
    ]
    assert offenders == []


def test_no_template_prints_a_datetime_without_a_format():
    bare = re.compile(r"\{\{ *[\w.]+_(at|on|date) *\}\}")
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.*")
        if path.suffix in {".html", ".txt"}
        for match in bare.finditer(path.read_text())
    ]
    assert offenders == []


def test_django_formats_dates_day_first_too():
    import datetime as dt

    from django.utils import formats

    moment = dt.datetime(2026, 11, 22, 16, 49)
    assert formats.date_format(moment, "DATETIME_FORMAT") == "22 Nov 2026, 16:49"
    assert formats.date_format(moment.date()) == "22 Nov 2026"
