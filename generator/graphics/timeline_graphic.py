"""The timeline as an SVG drawn at build time: each event at its real precision, in lanes."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from generator.data import Event, PartialDate
from generator.graphics.svg import Box, attr, esc, num, text_width, wrap

WIDTH = 760.0
MARGIN = 12.0
FONT = 12.0
SMALL = 11.0
LINE = FONT * 1.25
LABEL_WIDTH = 300.0  # a label wraps to two lines of at most this width
GAP = 14.0  # clear space between two labels side by side
MARK = 10.0  # height of a bar, diameter of a dot
RING = 7.0  # diameter of the ring for another date some sources give
AXIS_TOP = 40.0  # below the as-of label and the month names
ID = "briefing-timeline"

# Status -> the look of its mark; the legend words say the same, so colour is never the only cue.
STYLE = {
    "held": "held",
    "scheduled": "scheduled",
    "expected": "expected",
    "tentative": "expected",
    "postponed": "off",
    "cancelled": "off",
}
LEGEND = {
    "held": "Happened (held)",
    "scheduled": "Scheduled",
    "expected": "Expected or tentative",
    "off": "Postponed or cancelled",
}
_DASH = {"expected": "4 3", "off": "1.5 2.5"}
_ABBR = [calendar.month_abbr[m] for m in range(1, 13)]


@dataclass(frozen=True)
class Placed:
    """One event's place in the drawing: its lane, its mark and its label."""

    event: Event
    lane: int
    mark: Box
    label: Box
    lines: list[str]
    others: list[Box]  # other dates some sources give, drawn as rings beside the mark


@dataclass(frozen=True)
class Axis:
    """Time, left to right: whole months from the first to the last date shown."""

    first: dt.date
    last: dt.date

    def x(self, day: dt.date) -> float:
        """The left edge of a day on the axis."""
        days = (self.last - self.first).days + 1
        return MARGIN + (WIDTH - 2 * MARGIN) * (day - self.first).days / days


@dataclass(frozen=True)
class Layout:
    """Where everything goes; computed once, then both drawn and tested."""

    axis: Axis
    height: float
    placed: list[Placed]
    lane_tops: list[float]
    ticks: list[tuple[float, str]]
    as_of_x: float
    legend_top: float
    texts: list[Box]  # every text's box: labels, month names, the as-of label, the legend
    as_of: PartialDate

    def x(self, day: dt.date) -> float:
        """The left edge of a day on the axis."""
        return self.axis.x(day)


def short_date(date: PartialDate, with_year: bool) -> str:
    """A date in few letters and no more precise than it is: '18 Feb', 'mid-Apr', 'Feb'."""
    return date.words(short=True, with_year=with_year)


def label_text(event: Event, with_year: bool) -> str:
    """What an event's label says: its date, its status unless held, its title."""
    status = "" if event.status == "held" else f"{event.status.capitalize()}: "
    others = "".join(f" (or {short_date(r.date, with_year)})" for r in event.other_dates)
    return f"{short_date(event.date, with_year)}{others}, {status}{event.title}"


def layout(events: Sequence[Event], as_of: PartialDate) -> Layout:
    """Place every event in the first lane where its mark and label fit without touching another."""
    dates = [d for e in events for d in (e.date, *(r.date for r in e.other_dates))]
    starts = [d.start for d in dates] + [as_of.start]
    ends = [d.end for d in dates] + [as_of.end]
    first = min(starts).replace(day=1)
    last_month = max(ends)
    last = last_month.replace(day=calendar.monthrange(last_month.year, last_month.month)[1])
    axis = Axis(first, last)
    with_year = first.year != last.year
    day_width = (WIDTH - 2 * MARGIN) / ((last - first).days + 1)

    lane_right: list[float] = []
    lane_lines: list[int] = []
    pending: list[tuple[Event, int, float, float, float, list[str], list[tuple[float, float]]]] = []

    def extent(date: PartialDate, size: float) -> tuple[float, float]:
        left = axis.x(date.start)
        right = axis.x(date.end) + day_width
        if date.precision == "day":  # a dot, centred on its day
            middle = (left + right) / 2
            return middle - size / 2, middle + size / 2
        return left, right

    for event in events:
        left, right = extent(event.date, MARK)
        others = [extent(report.date, RING) for report in event.other_dates]
        lines = wrap(label_text(event, with_year), FONT, LABEL_WIDTH, 2)
        width = max(text_width(line, FONT) for line in lines)
        label_left = min(max(left, MARGIN), WIDTH - MARGIN - width)
        span = (
            min(left, label_left, *(o[0] for o in others)),
            max(right, label_left + width, *(o[1] for o in others)),
        )
        lane = next((i for i, r in enumerate(lane_right) if r + GAP <= span[0]), len(lane_right))
        if lane == len(lane_right):
            lane_right.append(span[1])
            lane_lines.append(len(lines))
        lane_right[lane] = max(lane_right[lane], span[1])
        lane_lines[lane] = max(lane_lines[lane], len(lines))
        pending.append((event, lane, left, right, label_left, lines, others))

    lane_tops = []
    top = AXIS_TOP + 10
    for count in lane_lines:
        lane_tops.append(top)
        top += MARK + 6 + count * LINE + 8
    placed = []
    for event, lane, left, right, label_left, lines, others in pending:
        mark_top = lane_tops[lane]
        text_top = mark_top + MARK + 4
        width = max(text_width(line, FONT) for line in lines)
        placed.append(
            Placed(
                event=event,
                lane=lane,
                mark=Box(left, mark_top, right, mark_top + MARK),
                label=Box(label_left, text_top, label_left + width, text_top + len(lines) * LINE),
                lines=lines,
                others=[
                    Box(a, mark_top + (MARK - RING) / 2, b, mark_top + (MARK + RING) / 2)
                    for a, b in others
                ],
            )
        )

    ticks = _ticks(axis, with_year)
    as_of_x = axis.x(as_of.end) + day_width
    legend_top = top + 8
    texts = [p.label for p in placed]
    texts += [
        Box(x + 3, 18, x + 3 + text_width(word, SMALL), 18 + SMALL * 1.2) for x, word in ticks
    ]
    texts.append(_as_of_box(as_of_x, as_of))
    texts += [box for box, _, _ in _legend_items(legend_top, _styles(events), _disputed(events))]
    return Layout(
        axis, legend_top + 36, placed, lane_tops, ticks, as_of_x, legend_top, texts, as_of
    )


def _ticks(axis: Axis, with_year: bool) -> list[tuple[float, str]]:
    """Month starts to label, thinned so that month names never run into each other."""
    months = []
    day = axis.first
    while day <= axis.last:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    narrowest = min(axis.x(b) - axis.x(a) for a, b in itertools.pairwise([*months, axis.last]))
    narrowest = max(narrowest, 1.0)
    # Months, then whole years: the smallest step at which the names fit side by side.
    steps = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200)
    needed = text_width("Sep 2025", SMALL) + GAP
    step = next((s for s in steps if narrowest * s >= needed), steps[-1])
    ticks = []
    for index, month in enumerate(months):
        if step >= 12:
            if month.month != 1 or month.year % (step // 12):
                continue
            word = str(month.year)
        elif index % step:
            continue
        else:
            word = _ABBR[month.month - 1]
            if with_year or index == 0 or month.month == 1:
                word += f" {month.year}"
        ticks.append((axis.x(month), word))
    return ticks


def _as_of_words(as_of: PartialDate) -> str:
    return f"As of {as_of}"


def _as_of_box(x: float, as_of: PartialDate) -> Box:
    width = text_width(_as_of_words(as_of), SMALL)
    left = x + 4 if x + 4 + width <= WIDTH - MARGIN else x - 4 - width
    return Box(left, 0, left + width, SMALL * 1.2)


def _styles(events: Sequence[Event]) -> list[str]:
    present = {STYLE[e.status] for e in events}
    return [style for style in LEGEND if style in present]


def _disputed(events: Sequence[Event]) -> bool:
    return any(e.other_dates for e in events)


def _legend_items(
    top: float, styles: list[str], disputed: bool
) -> list[tuple[Box, str | None, str]]:
    """The legend's entries: (box of the words, the mark drawn before them if any, the words)."""
    items: list[tuple[Box, str | None, str]] = []
    x = MARGIN
    for style in styles:
        words = LEGEND[style]
        right = x + 22 + text_width(words, SMALL)
        items.append((Box(x + 22, top, right, top + SMALL * 1.2), style, words))
        x = right + 2 * GAP
    words = "Dot: a day. Bar: the span a month or part of a month covers."
    if disputed:
        words += " Ring: another date some sources give."
    second = top + 16
    items.append(
        (Box(MARGIN, second, MARGIN + text_width(words, SMALL), second + SMALL * 1.2), None, words)
    )
    return items


def _mark(style: str, box: Box, dot: bool) -> str:
    dash = f' stroke-dasharray="{_DASH[style]}"' if style in _DASH else ""
    fill = "currentColor" if style == "held" else "none"
    css = (
        f'class="bg-mark bg-mark--{style}" fill="{fill}" stroke="currentColor" '
        f'stroke-width="1.5"{dash}'
    )
    if dot:
        cx, cy = (box.left + box.right) / 2, (box.top + box.bottom) / 2
        return f'<circle {css} cx="{num(cx)}" cy="{num(cy)}" r="{num(MARK / 2 - 0.75)}"/>'
    width = max(box.right - box.left, 3)
    return (
        f'<rect {css} x="{num(box.left)}" y="{num(box.top + 1)}" width="{num(width)}" '
        f'height="{num(MARK - 2)}" rx="2"/>'
    )


def _other_date(mark: Box, other: Box, dot: bool) -> str:
    """A thin line from the event's mark to a ring (or hollow bar) at another reported date."""
    y = (mark.top + mark.bottom) / 2
    x = (other.left + other.right) / 2
    near = mark.left if x < mark.left else mark.right
    line = (
        f'<line class="bg-other" x1="{num(near)}" y1="{num(y)}" x2="{num(x)}" y2="{num(y)}" '
        'stroke="currentColor" stroke-width="1"/>'
    )
    if dot:
        shape = (
            f'<circle class="bg-mark bg-other" cx="{num(x)}" cy="{num(y)}" '
            f'r="{num(RING / 2 - 0.5)}" fill="none" stroke="currentColor" stroke-width="1.2"/>'
        )
    else:
        shape = (
            f'<rect class="bg-mark bg-other" x="{num(other.left)}" y="{num(other.top)}" '
            f'width="{num(other.right - other.left)}" height="{num(RING)}" fill="none" '
            'stroke="currentColor" stroke-width="1.2"/>'
        )
    return line + shape


def timeline_svg(events: Sequence[Event], as_of: PartialDate, link: str = "#{id}") -> str:
    """The timeline graphic; each event links to `link` with its id put in ('#{id}': its entry,
    seen from the timeline page)."""
    return render(layout(events, as_of), link)


def render(plan: Layout, link: str) -> str:
    """A laid-out timeline as SVG, each event linking to `link` with its id put in: one layout
    serves every page that shows the timeline, whatever its links look like."""
    events = [item.event for item in plan.placed]
    as_of = plan.as_of
    height = plan.height
    bottom = plan.legend_top - 8
    span = f"{short_date(PartialDate(plan.axis.first.year, plan.axis.first.month), True)} to "
    span += short_date(PartialDate(plan.axis.last.year, plan.axis.last.month), True)
    # role="group", not "img": an image's content is presentational, and links inside it would be
    # interactive content no assistive technology can reach (axe: nested-interactive).
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="briefing-graphic" role="group" '
        f'aria-labelledby="{ID}-title" aria-describedby="{ID}-desc" '
        f'viewBox="0 0 {num(WIDTH)} {num(height)}" '
        f'width="{num(WIDTH)}" height="{num(height)}" font-size="{num(FONT)}" fill="currentColor">',
        f'<title id="{ID}-title">Timeline: {len(events)} events, {esc(span)}</title>',
        f'<desc id="{ID}-desc">Each event is drawn at its date, as precisely as it is known: '
        "a dot for a day, a bar for the span of a month or part of a month. Filled marks "
        "happened; hollow marks with a dashed outline are expected or tentative. A vertical line "
        f"marks the as-of date, {esc(as_of)}; the shaded part after it is the future.</desc>",
        f'<rect class="bg-future" x="{num(plan.as_of_x)}" y="{num(AXIS_TOP)}" '
        f'width="{num(WIDTH - MARGIN - plan.as_of_x)}" height="{num(bottom - AXIS_TOP)}" '
        'fill="currentColor" fill-opacity="0.07"/>',
    ]
    for x, word in plan.ticks:
        out.append(
            f'<line class="bg-grid" x1="{num(x)}" y1="{num(AXIS_TOP - 8)}" x2="{num(x)}" '
            f'y2="{num(bottom)}" stroke="currentColor" stroke-opacity="0.25"/>'
        )
        out.append(
            f'<text class="bg-muted" x="{num(x + 3)}" y="{num(18 + SMALL)}" '
            f'font-size="{num(SMALL)}">{esc(word)}</text>'
        )
    out.append(
        f'<line class="bg-axis" x1="{num(MARGIN)}" y1="{num(AXIS_TOP)}" x2="{num(WIDTH - MARGIN)}" '
        f'y2="{num(AXIS_TOP)}" stroke="currentColor"/>'
    )
    as_of_box = _as_of_box(plan.as_of_x, as_of)
    out.append(
        f'<line class="bg-asof" x1="{num(plan.as_of_x)}" y1="2" x2="{num(plan.as_of_x)}" '
        f'y2="{num(bottom)}" stroke="currentColor" stroke-width="2"/>'
    )
    for item in plan.placed:
        event = item.event
        style = STYLE[event.status]
        tip = f"{event.date}, {event.status}: {event.title}"
        out.append(f'<a class="bg-event" href={attr(link.replace("{id}", event.id))}>')
        out.append(f"<title>{esc(tip)}</title>")
        for other, report in zip(item.others, event.other_dates, strict=True):
            out.append(_other_date(item.mark, other, report.date.precision == "day"))
        out.append(_mark(style, item.mark, event.date.precision == "day"))
        out.append(f'<text class="bg-label" x="{num(item.label.left)}" y="{num(item.label.top)}">')
        for index, line in enumerate(item.lines):
            dy = FONT if index == 0 else LINE
            out.append(f'<tspan x="{num(item.label.left)}" dy="{num(dy)}">{esc(line)}</tspan>')
        out.append("</text>")
        out.append("</a>")
    out.append(
        f'<text class="bg-asof-label" x="{num(as_of_box.left)}" y="{num(SMALL)}" '
        f'font-size="{num(SMALL)}" font-weight="bold">{esc(_as_of_words(as_of))}</text>'
    )
    for box, sample_style, words in _legend_items(
        plan.legend_top, _styles(events), _disputed(events)
    ):
        if sample_style is not None:
            sample = Box(box.left - 22, box.top + 2, box.left - 6, box.top + 2 + MARK)
            out.append(_mark(sample_style, sample, False))
        out.append(
            f'<text class="bg-muted" x="{num(box.left)}" y="{num(box.top + SMALL)}" '
            f'font-size="{num(SMALL)}">{esc(words)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)
