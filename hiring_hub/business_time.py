"""Clock rules shared by the sweeps: business days and local wall-clock times."""

import datetime as dt

from django.conf import settings


def local_datetime(day: dt.date, clock: dt.time, tz: dt.tzinfo) -> dt.datetime:
    """`day` at `clock` on the wall of `tz` (DST-aware: 09:00 stays 09:00 local)."""
    return dt.datetime.combine(day, clock, tzinfo=tz)


def add_business_days(start: dt.datetime, days: int, tz: dt.tzinfo) -> dt.datetime:
    """The moment `days` business days (Mon–Fri in `tz`) after `start`, same wall-clock time.
    Time on a weekend does not count: a start on Saturday counts from Monday 00:00."""
    local = start.astimezone(tz)
    if local.weekday() >= 5:
        monday = local.date() + dt.timedelta(days=7 - local.weekday())
        local = local_datetime(monday, dt.time(0, 0), tz)
    day, counted = local.date(), 0
    while counted < days:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
    return local_datetime(day, local.time().replace(tzinfo=None), tz)


def week_monday(moment: dt.datetime, tz: dt.tzinfo) -> dt.date:
    local_day = moment.astimezone(tz).date()
    return local_day - dt.timedelta(days=local_day.weekday())


def weekly_check_in_time() -> tuple[int, dt.time]:
    """(weekday 0=Monday, local time) of the weekly check-in, from settings."""
    hours, minutes = (int(part) for part in settings.WEEKLY_CHECK_IN_TIME.split(":"))
    return settings.WEEKLY_CHECK_IN_WEEKDAY, dt.time(hours, minutes)


def stamp(moment: dt.datetime) -> str:
    """A compact UTC stamp for claim keys ("20261201T0900Z")."""
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%MZ")
