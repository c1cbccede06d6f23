"""Server-rendered charts: the geometry of horizontal bar charts, drawn as inline SVG by
`templates/charts/_bars.html` (no script, no inline style: CSP) and coloured by classes in
`static/css/hiring_hub.css` that use Bootstrap's variables, so light and dark both work.

Every chart carries its numbers as a table (`head`, `rows`) shown under "Show the numbers":
the SVG is a picture (`role="img"` with a title and description), the table is the data.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

# The SVG's own coordinate system; CSS scales it to the column (text scales with it).
WIDTH = 372
LABEL_WIDTH = 122  # right edge of the labels
BAR_X = LABEL_WIDTH + 6
BAR_MAX = 130  # longest bar; the rest of the width holds the value text
ROW_HEIGHT = 26
BAR_HEIGHT = 16
PADDING = 6
LABEL_CHARS = 17  # longer labels are cut (the full label is in the table and the tooltip)

# A segment's tone is a Bootstrap theme colour (primary, success, danger, warning, secondary,
# info), drawn with the class `chart-bar-<tone>`.


@dataclass(frozen=True)
class Segment:
    value: float
    tone: str = "primary"
    x: float = 0
    width: float = 0


@dataclass(frozen=True)
class Row:
    label: str
    text: str  # the value written after the bar
    segments: tuple[Segment, ...]
    marker: float | None = None  # a target, drawn as a tick across the row
    y: float = 0
    bar_y: float = 0
    text_y: float = 0
    text_x: float = 0
    marker_x: float | None = None

    @property
    def short_label(self) -> str:
        if len(self.label) <= LABEL_CHARS:
            return self.label
        return self.label[: LABEL_CHARS - 1].rstrip() + "…"


@dataclass(frozen=True)
class Chart:
    slug: str  # unique on the page: ids of the title and description
    title: str
    description: str
    rows: tuple[Row, ...]
    head: tuple[str, ...]
    table: tuple[tuple[str, ...], ...]
    legend: tuple[tuple[str, str], ...] = field(default=())  # (tone, label)
    empty: str = "Nothing to show yet."
    width: int = WIDTH
    height: float = 0
    marker_label: str = ""
    show_zero: bool = False  # draw rows of zeros (days open: opened today) rather than `empty`
    label_x: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def is_empty(self) -> bool:
        if self.show_zero:
            return not self.rows
        return not any(s.value for r in self.rows for s in r.segments)


def bar_chart(
    *,
    slug: str,
    title: str,
    description: str,
    rows: list[tuple[str, list[tuple[float, str]], str, float | None]],
    head: list[str],
    table: list[list],
    legend: list[tuple[str, str]] | None = None,
    empty: str = "Nothing to show yet.",
    marker_label: str = "",
    show_zero: bool = False,
) -> Chart:
    """A horizontal bar chart: one row per (label, [(value, tone), ...], text, marker).
    Segments stack left to right; every row shares one scale, set by the longest bar or
    marker, so rows compare at a glance."""
    scale_max = max(
        [sum(v for v, _ in segments) for _, segments, _, _ in rows]
        + [m for *_, m in rows if m is not None]
        + [0]
    )
    ratio = BAR_MAX / scale_max if scale_max else 0
    placed = []
    for i, (label, segments, text, marker) in enumerate(rows):
        y = PADDING + i * ROW_HEIGHT
        x = BAR_X
        parts = []
        for value, tone in segments:
            width = max(value, 0) * ratio
            parts.append(Segment(value=value, tone=tone, x=round(x, 1), width=round(width, 1)))
            x += width
        marker_x = round(BAR_X + marker * ratio, 1) if marker is not None else None
        placed.append(
            Row(
                label=label,
                text=text,
                segments=tuple(parts),
                marker=marker,
                y=y,
                bar_y=y + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                text_y=y + ROW_HEIGHT / 2 + 4,
                text_x=round(max(x, marker_x or 0) + 6, 1),
                marker_x=marker_x,
            )
        )
    used = {tone for _, segments, _, _ in rows for value, tone in segments if value}
    return Chart(
        slug=slug,
        title=title,
        description=description,
        rows=tuple(placed),
        head=tuple(head),
        table=tuple(tuple(str(cell) for cell in line) for line in table),
        legend=tuple((tone, label) for tone, label in legend or () if tone in used),
        empty=empty,
        height=PADDING * 2 + ROW_HEIGHT * len(placed),
        marker_label=marker_label if any(m is not None for *_, m in rows) else "",
        show_zero=show_zero,
    )


def percent(part: float, whole: float) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def days(value: float | None) -> str:
    if value is None:
        return "—"
    shown = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{shown} day" if shown == "1" else f"{shown} days"


def _e(value) -> str:
    return html.escape(str(value))


def _row_html(chart: Chart, row: Row) -> str:
    bars = "".join(
        f'<rect class="chart-bar chart-bar-{_e(s.tone)}" x="{s.x}" y="{row.bar_y}" '
        f'width="{s.width}" height="{chart.bar_height}" rx="2"/>'
        for s in row.segments
        if s.width
    )
    marker = ""
    if row.marker_x is not None:
        marker = (
            f'<line class="chart-marker" x1="{row.marker_x}" x2="{row.marker_x}" '
            f'y1="{row.y + 2}" y2="{row.y + 24}"/>'
        )
    return (
        '\n    <g class="chart-row">\n'
        f"      <title>{_e(row.label)}: {_e(row.text)}</title>\n"
        f'      <text class="chart-label" x="{chart.label_x}" y="{row.text_y}" '
        f'text-anchor="end">{_e(row.short_label)}</text>\n'
        f"      {bars}\n      {marker}\n"
        f'      <text class="chart-value" x="{row.text_x}" y="{row.text_y}">{_e(row.text)}</text>\n'
        "    </g>"
    )


def bars_html(chart: Chart) -> str:
    """templates/charts/_bars.html drawn in Python, for the home (the same markup: the
    chart's rows and its table are most of that page's template work)."""
    slug = _e(chart.slug)
    if chart.is_empty:
        return (
            f'<figure class="chart mb-0" data-chart="{slug}">\n'
            f'  <p class="text-secondary small mb-0">{_e(chart.empty)}</p>\n</figure>'
        )
    title = _e(chart.title)
    legend = ""
    if chart.legend or chart.marker_label:
        keys = "".join(
            f'<span class="chart-key chart-key-{_e(tone)}"></span>{_e(label)} '
            for tone, label in chart.legend
        )
        if chart.marker_label:
            keys += f'<span class="chart-key chart-key-marker"></span>{_e(chart.marker_label)}'
        legend = (
            '\n  <div class="chart-legend small text-body-secondary" aria-hidden="true">\n'
            f"    {keys}\n  </div>"
        )
    head = "".join(f'<th scope="col">{_e(cell)}</th>' for cell in chart.head)
    body = "".join(
        "<tr>"
        + "".join(
            f'<th scope="row" class="fw-normal">{_e(cell)}</th>'
            if i == 0
            else f"<td>{_e(cell)}</td>"
            for i, cell in enumerate(line)
        )
        + "</tr>"
        for line in chart.table
    )
    return (
        f'<figure class="chart mb-0" data-chart="{slug}">\n'
        f'  <svg class="chart-svg" role="img" aria-labelledby="{slug}-title {slug}-desc" '
        f'viewBox="0 0 {chart.width} {chart.height}" preserveAspectRatio="xMinYMin meet" '
        'xmlns="http://www.w3.org/2000/svg">\n'
        f'    <title id="{slug}-title">{title}</title>\n'
        f'    <desc id="{slug}-desc">{_e(chart.description)}</desc>'
        + "".join(_row_html(chart, row) for row in chart.rows)
        + f"\n  </svg>{legend}\n"
        '  <details class="chart-numbers small mt-1">\n'
        "    <summary>Show the numbers</summary>\n"
        '    <div class="table-responsive" tabindex="0" role="region" '
        f'aria-label="{title}: the numbers">\n'
        '    <table class="table table-sm mb-0">\n'
        f'      <caption class="visually-hidden">{title}</caption>\n'
        f"      <thead><tr>{head}</tr></thead>\n"
        f"      <tbody>{body}</tbody>\n"
        "    </table>\n    </div>\n  </details>\n</figure>"
    )
