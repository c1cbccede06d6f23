"""The built-in `date` filter gives what Django's gives, for the formats templates use."""

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Engine, Template, defaultfilters
from django.utils import timezone, translation

from hiring_hub.templatetags.hiring_hub_dates import date

FORMATS = sorted(
    {
        m
        for path in Path(settings.BASE_DIR, "templates").rglob("*.*")
        for m in re.findall(r'\|date:"([^"]*)"', path.read_text())
    }
    | {"d/m/y n", "Y-m-d \\a\\t H:i", "DATE_FORMAT", "SHORT_DATETIME_FORMAT", "N jS"}
)
VALUES = [
    dt.datetime(2026, 1, 4, 0, 5, tzinfo=dt.UTC),
    dt.datetime(2026, 12, 31, 23, 59, tzinfo=dt.UTC),
    dt.datetime(2024, 2, 29, 9, 30, tzinfo=zoneinfo.ZoneInfo("America/New_York")),
    dt.date(2026, 7, 15),
]


@pytest.mark.parametrize("language", ["en", "de"])
def test_same_output_as_djangos_date_filter(language):
    assert len(FORMATS) > 15
    with translation.override(language):
        for value in VALUES:
            for fmt in [*FORMATS, None]:
                try:
                    expected = defaultfilters.date(value, fmt)
                except (TypeError, AttributeError) as exc:
                    with pytest.raises(type(exc)):
                        date(value, fmt)
                    continue
                assert date(value, fmt) == expected, (value, fmt)
                assert date(value, fmt) == expected, (value, fmt)  # compiled format


def test_template_shows_the_time_in_the_users_zone():
    value = dt.datetime(2026, 3, 2, 8, 15, tzinfo=dt.UTC)
    template = Template('{{ when|date:"D j M, H:i" }}|{{ when|date }}', engine=Engine.get_default())
    with timezone.override(zoneinfo.ZoneInfo("Asia/Tokyo")):
        out = template.render(Context({"when": value}))
        local = timezone.localtime(value)
    assert out == f"Mon 2 Mar, 17:15|{defaultfilters.date(local)}"
    assert date("", "j M") == "" and date(None, "j M") == ""
