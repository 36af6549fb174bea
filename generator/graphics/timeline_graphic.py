"""The timeline, drawn at build time two ways: an SVG across time for wide screens and paper, and
a vertical list of the same events for narrow screens. The page shows the one that fits.

Lines never run through words: grid and as-of lines are broken wherever a text sits. Events still
to come are drawn with the same weight as past ones and told apart by pattern, not faintness.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from generator.data import EVENT_STATUS, MONTHS, Event, PartialDate, in_words
from generator.data.vocabulary import Mark
from generator.graphics.svg import Box, attr, esc, num, text_width, vertical_rule, wrap

# Drawn at this width or wider (never shrunk), its labels are at least FONT CSS pixels.
WIDTH = 640.0
MARGIN = 12.0
FONT = 13.0
SMALL = 12.0
LINE = FONT * 1.25
LABEL_WIDTH = 240.0  # a label wraps to at most LABEL_LINES lines of at most this width
LABEL_LINES = 3
GAP = 14.0  # clear space between two labels side by side
MARK = 12.0  # height of a bar, diameter of a dot
RING = 8.0  # diameter of the ring for another date some sources give
MONTH_TOP = 20.0  # the month names' row, under the as-of label
AXIS_TOP = 44.0  # below the as-of label and the month names
STROKE = 2.0  # every mark's outline: as heavy for what is to come as for what happened
ID = "briefing-timeline"

# Each status's mark (from the vocabulary); the legend's words name the statuses drawn with each,
# so colour is never the only cue.
MARKS: tuple[Mark, ...] = ("held", "scheduled", "expected", "off")


def mark_of(status: str) -> Mark:
    """The look of an event's mark."""
    return EVENT_STATUS[status].mark


def statuses(mark: Mark) -> str:
    """The statuses drawn with a mark, in words: 'expected or tentative'."""
    return in_words([status for status, term in EVENT_STATUS.items() if term.mark == mark])


def legend_words(mark: Mark) -> str:
    """What a mark stands for: 'Happened', or the statuses drawn with it ('Expected or
    tentative')."""
    words = "happened" if mark == "held" else statuses(mark)
    return words[:1].upper() + words[1:]


SAMPLE = 18.0  # the width of a legend's sample mark
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
    flush_right: bool = False  # set against the as-of line: the words end at its box's right


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
class LegendItem:
    """One entry of the legend: the box of its words, the mark drawn before them, the words."""

    box: Box
    style: str | None
    words: str


@dataclass(frozen=True)
class Layout:
    """Where everything goes; computed once, then both drawn and tested."""

    axis: Axis
    height: float
    placed: list[Placed]
    lane_tops: list[float]
    ticks: list[tuple[float, str]]
    as_of_x: float
    legend: list[LegendItem]
    texts: list[Box]  # every text's box: labels, month names, the as-of label, the legend
    as_of: PartialDate
    bottom: float  # where the grid, the as-of line and the future's shading end

    def x(self, day: dt.date) -> float:
        """The left edge of a day on the axis."""
        return self.axis.x(day)


def short_date(date: PartialDate, with_year: bool) -> str:
    """A date in few letters and no more precise than it is: '18 Feb', 'mid-Apr', 'Feb'."""
    return date.words(short=True, with_year=with_year)


def label_text(event: Event, with_year: bool) -> str:
    """What an event's label says: its date, its status unless held, its title."""
    status = "" if mark_of(event.status) == "held" else f"{event.status}: "
    others = "".join(f" (or {short_date(r.date, with_year)})" for r in event.other_dates)
    return f"{short_date(event.date, with_year)}{others}, {status}{event.title}"


class _Lanes:
    """The first lane whose right end leaves GAP before a given x, found in a tree of the
    lanes' least right ends (a long timeline has thousands of lanes: no scan through all)."""

    def __init__(self) -> None:
        self.size = 1
        self.count = 0
        self.least = [math.inf, math.inf]  # a heap-ordered tree: leaves from index `size`

    def set(self, lane: int, right: float) -> None:
        """Lane `lane` (an existing one, or the next new one) now ends at `right`."""
        if lane >= self.size:
            leaves = self.least[self.size : self.size + self.count]
            self.size *= 2
            self.least = [math.inf] * (2 * self.size)
            self.least[self.size : self.size + len(leaves)] = leaves
            for node in range(self.size - 1, 0, -1):
                self.least[node] = min(self.least[2 * node], self.least[2 * node + 1])
        self.count = max(self.count, lane + 1)
        node = self.size + lane
        self.least[node] = right
        while node > 1:
            node //= 2
            self.least[node] = min(self.least[2 * node], self.least[2 * node + 1])

    def first_free(self, left: float) -> int:
        """The first lane where `right + GAP <= left` holds, or the next new lane."""
        if not self.count or not self.least[1] + GAP <= left:
            return self.count
        node = 1
        while node < self.size:
            node = 2 * node if self.least[2 * node] + GAP <= left else 2 * node + 1
        return node - self.size


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
    as_of_x = axis.x(as_of.end) + day_width

    lane_right: list[float] = []
    lane_lines: list[int] = []
    lanes = _Lanes()
    pending: list[
        tuple[Event, int, float, float, float, list[str], list[tuple[float, float]], bool]
    ] = []

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
        lines = wrap(label_text(event, with_year), FONT, LABEL_WIDTH, LABEL_LINES)
        width = max(text_width(line, FONT) for line in lines)
        label_left = min(max(left, MARGIN), WIDTH - MARGIN - width)
        # A label the as-of line would cross, under a mark close to the line, moves to the side
        # of the line the mark is on, where it fits: the line then runs beside the words.
        middle = (left + right) / 2
        flush_right = False
        if label_left < as_of_x < label_left + width and abs(middle - as_of_x) < 2 * MARK:
            after, before = as_of_x + 4, as_of_x - 4 - width
            if middle >= as_of_x and after + width <= WIDTH - MARGIN:
                label_left = after
            elif middle < as_of_x and before >= MARGIN:
                label_left, flush_right = before, True
        span = (
            min(left, label_left, *(o[0] for o in others)),
            max(right, label_left + width, *(o[1] for o in others)),
        )
        lane = lanes.first_free(span[0])
        if lane == len(lane_right):
            lane_right.append(span[1])
            lane_lines.append(len(lines))
        lane_right[lane] = max(lane_right[lane], span[1])
        lanes.set(lane, lane_right[lane])
        lane_lines[lane] = max(lane_lines[lane], len(lines))
        pending.append((event, lane, left, right, label_left, lines, others, flush_right))

    lane_tops = []
    top = AXIS_TOP + 10
    for count in lane_lines:
        lane_tops.append(top)
        top += MARK + 6 + count * LINE + 8
    placed = []
    for event, lane, left, right, label_left, lines, others, flush_right in pending:
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
                flush_right=flush_right,
            )
        )

    ticks = _ticks(axis, with_year)
    bottom = top
    legend = _legend_items(bottom + 10, _styles(events), _disputed(events))
    texts = [p.label for p in placed]
    texts += [
        Box(x + 3, MONTH_TOP, x + 3 + text_width(word, SMALL), MONTH_TOP + SMALL * 1.2)
        for x, word in ticks
    ]
    texts.append(_as_of_box(as_of_x, as_of))
    texts += [item.box for item in legend]
    height = max(item.box.bottom for item in legend) + 6
    return Layout(axis, height, placed, lane_tops, ticks, as_of_x, legend, texts, as_of, bottom)


def _ticks(axis: Axis, with_year: bool) -> list[tuple[float, str]]:
    """Month starts to label, thinned so that month names never run into each other."""
    months = []
    day = axis.first
    while day <= axis.last:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    narrowest = min(axis.x(b) - axis.x(a) for a, b in itertools.pairwise([*months, axis.last]))
    # Months, then whole years: the smallest step at which the names fit side by side. The
    # years go as far as dates can (a step of 10,000 years leaves one name): no span of dates
    # runs out of steps and piles its names on one another.
    steps = (1, 2, 3, 6, *(12 * years for years in (1, 2, 5, 10, 20, 50, 100, 200, 500)))
    steps += (12 * 1000, 12 * 2000, 12 * 5000, 12 * 10_000)
    needed = text_width("Sep 2025", SMALL) + GAP
    step = next(s for s in steps if narrowest * s >= needed or s == steps[-1])
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
        x = axis.x(month)
        if x + 3 + text_width(word, SMALL) <= WIDTH:  # a name that would be cut off is left out
            ticks.append((x, word))
    return ticks


def _as_of_words(as_of: PartialDate) -> str:
    return f"As of {as_of}"


def _as_of_box(x: float, as_of: PartialDate) -> Box:
    width = text_width(_as_of_words(as_of), SMALL)
    left = x + 4 if x + 4 + width <= WIDTH - MARGIN else x - 4 - width
    return Box(left, 0, left + width, SMALL * 1.2)


def _styles(events: Sequence[Event]) -> list[Mark]:
    present = {mark_of(e.status) for e in events}
    return [mark for mark in MARKS if mark in present]


def _disputed(events: Sequence[Event]) -> bool:
    return any(e.other_dates for e in events)


def _legend_items(top: float, styles: list[Mark], disputed: bool) -> list[LegendItem]:
    """The legend: a sample mark before each status's words, flowing onto new rows as needed,
    then what dots, bars and rings mean, wrapped to the drawing's width."""
    items: list[LegendItem] = []
    row = SMALL * 1.2 + 6
    x, y = MARGIN, top
    for style in styles:
        words = legend_words(style)
        right = x + SAMPLE + 6 + text_width(words, SMALL)
        if right > WIDTH - MARGIN and x > MARGIN:
            x, y = MARGIN, y + row
            right = x + SAMPLE + 6 + text_width(words, SMALL)
        box = Box(x + SAMPLE + 6, y, right, y + SMALL * 1.2)
        items.append(LegendItem(box, style, words))
        x = right + 2 * GAP
    words = "Dot: a day. Bar: the span a month or part of a month covers."
    if disputed:
        words += " Ring: another date some sources give."
    y += row
    for line in wrap(words, SMALL, WIDTH - 2 * MARGIN, 3):
        box = Box(MARGIN, y, MARGIN + text_width(line, SMALL), y + SMALL * 1.2)
        items.append(LegendItem(box, None, line))
        y += SMALL * 1.2 + 2
    return items


def _mark(style: str, box: Box, dot: bool) -> str:
    """An event's mark: filled if it happened, hatched if expected or tentative, a ring with a
    solid core if scheduled, crossed out if postponed, cancelled or not held; all with the same
    outline."""
    css = f'class="bg-mark bg-mark--{style}" stroke="currentColor" stroke-width="{num(STROKE)}"'
    fill = {"held": "currentColor", "expected": f"url(#{ID}-hatch)"}.get(style, "#fff")
    inner = ""
    if dot:
        cx, cy = (box.left + box.right) / 2, (box.top + box.bottom) / 2
        radius = MARK / 2 - STROKE / 2
        shape = f'<circle {css} fill="{fill}" cx="{num(cx)}" cy="{num(cy)}" r="{num(radius)}"/>'
        if style == "scheduled":
            inner = f'<circle class="bg-mark-core" cx="{num(cx)}" cy="{num(cy)}" r="2.5"/>'
        elif style == "off":
            d = radius * 0.7
            inner = (
                f'<path class="bg-mark-core" d="M{num(cx - d)},{num(cy - d)} L{num(cx + d)},'
                f'{num(cy + d)} M{num(cx - d)},{num(cy + d)} L{num(cx + d)},{num(cy - d)}" '
                'stroke="currentColor" stroke-width="1.5"/>'
            )
        return shape + inner
    left, top = box.left + STROKE / 2, box.top + STROKE / 2
    width = max(box.right - box.left - STROKE, 3)
    height = MARK - STROKE
    shape = (
        f'<rect {css} fill="{fill}" x="{num(left)}" y="{num(top)}" width="{num(width)}" '
        f'height="{num(height)}" rx="2"/>'
    )
    if style == "scheduled":
        inner = (
            f'<rect class="bg-mark-core" x="{num(left + 3)}" y="{num(top + 3)}" '
            f'width="{num(max(width - 6, 1))}" height="{num(height - 6)}"/>'
        )
    elif style == "off":
        inner = (
            f'<path class="bg-mark-core" d="M{num(left + 2)},{num(top + height - 2)} '
            f'L{num(left + width - 2)},{num(top + 2)}" stroke="currentColor" stroke-width="1.5"/>'
        )
    return shape + inner


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
            f'r="{num(RING / 2 - 0.75)}" fill="#fff" stroke="currentColor" stroke-width="1.5"/>'
        )
    else:
        shape = (
            f'<rect class="bg-mark bg-other" x="{num(other.left)}" y="{num(other.top)}" '
            f'width="{num(other.right - other.left)}" height="{num(RING)}" fill="#fff" '
            'stroke="currentColor" stroke-width="1.5"/>'
        )
    return line + shape


def timeline_svg(events: Sequence[Event], as_of: PartialDate, link: str = "#{id}") -> str:
    """The timeline graphic; each event links to `link` with its id put in ('#{id}': its entry,
    seen from the timeline page)."""
    return render(layout(events, as_of), link)


def render(plan: Layout, link: str) -> str:
    """A laid-out timeline as SVG, each event linking to `link` with its id put in: one layout
    serves every page that shows the timeline, whatever its links look like."""
    as_of = plan.as_of
    bottom = plan.bottom
    # role="group", not "img": an image's content is presentational, and links inside it would be
    # interactive content no assistive technology can reach (axe: nested-interactive).
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="briefing-graphic" role="group" '
        f'aria-labelledby="{ID}-title" aria-describedby="{ID}-desc" '
        f'viewBox="0 0 {num(WIDTH)} {num(plan.height)}" '
        f'width="{num(WIDTH)}" height="{num(plan.height)}" font-size="{num(FONT)}" '
        'fill="currentColor">',
        f'<title id="{ID}-title">{esc(_summary(plan))}</title>',
        f'<desc id="{ID}-desc">Each event is drawn at its date, as precisely as it is known: '
        "a dot for a day, a bar for the span of a month or part of a month. Filled marks "
        f"happened; hatched marks are {esc(statuses('expected'))}; a ring with a solid core is "
        f"{esc(statuses('scheduled'))}; a crossed-out mark was {esc(statuses('off'))}. "
        "A vertical line "
        f"marks the as-of date, {esc(as_of)}; the shaded part after it is the future.</desc>",
        # Hatching for what is expected: as much ink as a solid mark's outline, never faint.
        f'<defs><pattern id="{ID}-hatch" patternUnits="userSpaceOnUse" width="4" height="4" '
        'patternTransform="rotate(45)"><rect class="bg-hatch" width="2" height="4"/></pattern>'
        "</defs>",
        f'<rect class="bg-future" x="{num(plan.as_of_x)}" y="{num(AXIS_TOP)}" '
        f'width="{num(WIDTH - MARGIN - plan.as_of_x)}" height="{num(bottom - AXIS_TOP)}" '
        'fill="currentColor" fill-opacity="0.06"/>',
    ]
    for x, word in plan.ticks:
        out.append(
            f'<path class="bg-grid" d="{vertical_rule(x, AXIS_TOP - 8, bottom, plan.texts)}" '
            'stroke="currentColor" stroke-opacity="0.3"/>'
        )
        out.append(
            f'<text class="bg-muted" x="{num(x + 3)}" y="{num(MONTH_TOP + SMALL)}" '
            f'font-size="{num(SMALL)}">{esc(word)}</text>'
        )
    out.append(
        f'<line class="bg-axis" x1="{num(MARGIN)}" y1="{num(AXIS_TOP)}" x2="{num(WIDTH - MARGIN)}" '
        f'y2="{num(AXIS_TOP)}" stroke="currentColor"/>'
    )
    as_of_box = _as_of_box(plan.as_of_x, as_of)
    out.append(
        f'<path class="bg-asof" d="{vertical_rule(plan.as_of_x, 2, bottom, plan.texts)}" '
        'stroke="currentColor" stroke-width="2"/>'
    )
    for item in plan.placed:
        event = item.event
        style = mark_of(event.status)
        tip = f"{event.date}, {event.status}: {event.title}"
        out.append(f'<a class="bg-event" href={attr(link.replace("{id}", event.id))}>')
        out.append(f"<title>{esc(tip)}</title>")
        # The whole of the mark and its words answers a click, gaps between them included.
        hit = Box(
            min(item.mark.left, item.label.left),
            item.mark.top,
            max(item.mark.right, item.label.right),
            item.label.bottom,
        )
        out.append(
            f'<rect class="bg-hit" x="{num(hit.left)}" y="{num(hit.top)}" '
            f'width="{num(hit.right - hit.left)}" height="{num(hit.bottom - hit.top)}" '
            'fill="none" pointer-events="all"/>'
        )
        for other, report in zip(item.others, event.other_dates, strict=True):
            out.append(_other_date(item.mark, other, report.date.precision == "day"))
        out.append(_mark(style, item.mark, event.date.precision == "day"))
        x = item.label.right if item.flush_right else item.label.left
        anchor = ' text-anchor="end"' if item.flush_right else ""
        out.append(f'<text class="bg-label" x="{num(x)}" y="{num(item.label.top)}"{anchor}>')
        for index, line in enumerate(item.lines):
            dy = FONT if index == 0 else LINE
            out.append(f'<tspan x="{num(x)}" dy="{num(dy)}">{esc(line)}</tspan>')
        out.append("</text>")
        out.append("</a>")
    out.append(
        f'<text class="bg-asof-label" x="{num(as_of_box.left)}" y="{num(SMALL)}" '
        f'font-size="{num(SMALL)}" font-weight="bold">{esc(_as_of_words(as_of))}</text>'
    )
    for entry in plan.legend:
        box = entry.box
        if entry.style is not None:
            sample = Box(box.left - SAMPLE - 6, box.top + 1.5, box.left - 6, box.top + 1.5 + MARK)
            out.append(_mark(entry.style, sample, False))
        out.append(
            f'<text class="bg-muted" x="{num(box.left)}" y="{num(box.top + SMALL)}" '
            f'font-size="{num(SMALL)}">{esc(entry.words)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def render_narrow(plan: Layout, link: str) -> str:
    """The same events for a narrow screen: a vertical list by month, each with its mark on a
    line running down the page, and the as-of date where it falls. Plain HTML, so words wrap."""
    as_of = plan.as_of
    events = [item.event for item in plan.placed]
    months: dict[tuple[int, int], list[Event]] = {(as_of.end.year, as_of.end.month): []}
    for event in sorted(events, key=lambda e: (e.date.sort_key, e.id)):
        months.setdefault((event.date.start.year, event.date.start.month), []).append(event)
    marker = (
        f'<li class="bv-asof"><span class="bv-asof__words">{esc(_as_of_words(as_of))}</span>: '
        "what follows is still to come.</li>"
    )
    out = [f'<ol class="bv" aria-label="{esc(_summary(plan))}">']
    placed_marker = False
    for year, month in sorted(months):
        name = f"{MONTHS[month - 1]} {year}"
        out.append(f'<li class="bv-month"><p class="bv-month__name">{name}</p><ol>')
        for event in months[(year, month)]:
            if not placed_marker and event.date.start > as_of.end:
                out.append(marker)
                placed_marker = True
            shape = "dot" if event.date.precision == "day" else "span"
            future = " bv-event--future" if placed_marker else ""
            out.append(
                f'<li class="bv-event bv-event--{mark_of(event.status)} bv-event--{shape}{future}">'
                f"<a href={attr(link.replace('{id}', event.id))}>"
                '<span class="bv-mark" aria-hidden="true"></span>'
                f"{esc(label_text(event, with_year=False))}</a></li>"
            )
        if not placed_marker and (year, month) == (as_of.end.year, as_of.end.month):
            out.append(marker)
            placed_marker = True
        out.append("</ol></li>")
    out.append("</ol>")
    return "\n".join(out)


def _summary(plan: Layout) -> str:
    first, last = plan.axis.first, plan.axis.last
    span = f"{short_date(PartialDate(first.year, first.month), True)} to "
    span += short_date(PartialDate(last.year, last.month), True)
    return f"Timeline: {len(plan.placed)} events, {span}"
