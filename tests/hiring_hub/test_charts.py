"""The geometry of the server-rendered bar charts (hiring_hub.charts)."""

from hiring_hub import charts


def _chart(rows, **kwargs):
    return charts.bar_chart(
        slug="c", title="T", description="D", rows=rows, head=["a"], table=[], **kwargs
    )


def test_the_longest_bar_takes_the_full_width_and_the_others_scale_with_it():
    chart = _chart([("A", [(10, "primary")], "10", None), ("B", [(5, "primary")], "5", None)])
    a, b = chart.rows
    assert a.segments[0].width == charts.BAR_MAX
    assert b.segments[0].width == charts.BAR_MAX / 2
    assert a.segments[0].x == b.segments[0].x == charts.BAR_X
    assert b.y - a.y == charts.ROW_HEIGHT
    assert chart.height == 2 * charts.PADDING + 2 * charts.ROW_HEIGHT


def test_segments_stack_left_to_right_and_the_value_follows_the_bar():
    (row,) = _chart([("S1", [(1, "success"), (3, "danger"), (0, "secondary")], "25%", None)]).rows
    advanced, declined, open_ = row.segments
    assert advanced.width == charts.BAR_MAX / 4 and declined.width == charts.BAR_MAX * 3 / 4
    assert declined.x == advanced.x + advanced.width
    assert open_.width == 0
    assert row.text_x == charts.BAR_X + charts.BAR_MAX + 6


def test_a_target_beyond_the_bar_sets_the_scale_and_pushes_the_value_past_it():
    (row,) = _chart([("Req", [(30, "primary")], "30 of 60 days", 60)]).rows
    assert row.marker_x == charts.BAR_X + charts.BAR_MAX
    assert row.segments[0].width == charts.BAR_MAX / 2
    assert row.text_x == row.marker_x + 6


def test_legend_lists_only_the_colours_drawn_and_the_marker_only_when_there_is_one():
    chart = _chart(
        [("A", [(2, "primary")], "2", None)],
        legend=[("primary", "Open"), ("success", "Filled")],
        marker_label="Target",
    )
    assert chart.legend == (("primary", "Open"),)
    assert chart.marker_label == ""


def test_a_chart_of_zeros_is_empty_unless_zeros_are_meaningful():
    rows = [("A", [(0, "primary")], "0", None)]
    assert _chart(rows).is_empty
    assert not _chart(rows, show_zero=True).is_empty
    assert _chart([]).is_empty


def test_long_labels_are_cut_for_the_picture_and_kept_whole_for_the_table():
    (row,) = _chart([("Hiring-manager review", [(1, "primary")], "1", None)]).rows
    assert row.short_label.endswith("…") and len(row.short_label) <= charts.LABEL_CHARS
    assert row.label == "Hiring-manager review"


def test_days_reads_naturally():
    assert charts.days(None) == "—"
    assert charts.days(1) == "1 day"
    assert charts.days(2.25) == "2.2 days"
    assert charts.days(3.0) == "3 days"
