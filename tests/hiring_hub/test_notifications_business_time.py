"""Business days, local clocks and DST: the calendar every notification rule counts on."""

from debriefs import notifications as debrief_notifications
from hiring_hub.business_time import add_business_days
from tests.hiring_hub.sweeping import BERLIN, TOKYO, UTC, at


def test_business_days_skip_the_weekend():
    friday = at(2026, 11, 20, 15, 0)
    assert add_business_days(friday, 1, UTC) == at(2026, 11, 23, 15, 0)
    assert add_business_days(friday, 4, UTC) == at(2026, 11, 26, 15, 0)


def test_business_days_count_in_the_recipients_zone():
    # Friday 23:30 UTC is already Saturday in Tokyo: waiting there starts on Monday.
    moment = at(2026, 11, 20, 23, 30)
    assert add_business_days(moment, 1, TOKYO) == at(2026, 11, 24, 0, 0, tz=TOKYO)
    assert add_business_days(moment, 1, UTC) == at(2026, 11, 23, 23, 30)


def test_business_days_keep_the_local_clock_across_a_dst_change():
    # Berlin leaves summer time on Sunday 25 October 2026.
    friday_noon = at(2026, 10, 23, 12, 0, tz=BERLIN)
    monday = add_business_days(friday_noon, 1, BERLIN)
    assert monday == at(2026, 10, 26, 12, 0, tz=BERLIN)
    assert monday.astimezone(UTC) == at(2026, 10, 26, 11, 0)
    assert friday_noon.astimezone(UTC) == at(2026, 10, 23, 10, 0)


def test_scorecard_reminders_after_a_weekend_interview_start_monday_at_the_same_time():
    # ends Saturday 28 Nov 14:00 UTC -> first reminder 15:00, then Monday 15:00, Tuesday ...
    schedule = debrief_notifications.scorecard_reminder_schedule(at(2026, 11, 28, 14, 0), UTC)
    assert schedule[0] == at(2026, 11, 28, 15, 0)
    assert schedule[1] == at(2026, 11, 30, 15, 0)
    assert schedule[-1] == at(2026, 12, 11, 15, 0)
    assert len(schedule) == 11
