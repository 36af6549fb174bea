"""The actors map, drawn at build time two ways: an SVG of actors in bands by kind with links as
labelled arrows, for wide screens and paper; and a compact list of the same actors and links for
narrow screens. The page shows the one that fits.

An arrow never runs through words: it is broken where its own label sits on it, and wherever it
would cross any other text.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from generator.data import ACTOR_KIND, ACTOR_KINDS, RELATION, RELATION_WORDS, Actor, in_words
from generator.graphics.svg import CLEARANCE, Box, attr, clear_spans, esc, num, text_width, wrap

# Drawn at this width or wider (never shrunk), its labels are at least SMALL CSS pixels.
WIDTH = 640.0
MARGIN = 12.0
FONT = 12.0
SMALL = 12.0
NODE_W = 120.0
NODE_H = 40.0
H_GAP = 10.0
ROW_GAP = 96.0  # room between rows for the arrows and their labels
PASS = 8.0  # the least room an arrow leaves between itself and a box it passes
# Each band's heading sits at the left of its first row, in a column as wide as the longest.
HEAD_W = max(text_width(heading, SMALL) for heading in ACTOR_KINDS.values()) + 8
AREA = (MARGIN + HEAD_W, WIDTH - MARGIN)  # where the boxes go
PER_ROW = int((AREA[1] - AREA[0] + H_GAP) // (NODE_W + H_GAP))
ID = "briefing-actors-map"
KEY = (
    "Arrows point from an actor to the one it acts on. Rounded boxes are people. "
    "Select a name to open the actor's page."
)
T = TypeVar("T")
# Where along an arrow its label may sit, tried in this order, until one is free.
_ALONG = (0.5, 0.44, 0.56, 0.38, 0.62, 0.32, 0.68, 0.26, 0.74, 0.2, 0.8, 0.14, 0.86)


@dataclass(frozen=True)
class Node:
    """An actor's box and the lines of its name."""

    actor: Actor
    box: Box
    lines: list[str]


@dataclass(frozen=True)
class Edge:
    """A link drawn as an arrow, with the place of its relation's words."""

    source: Node
    target: Node
    relation: str
    path: str  # broken wherever it would cross a text
    label: Box | None  # None when no free place was found; its tooltip and the lists say it
    trace: list[tuple[float, float]]  # points along the whole, unbroken path


@dataclass(frozen=True)
class Trace:
    """A point along an arrow, filed to keep labels off it: whose it is, and if near an end."""

    edge: int
    relation: str
    point: Point
    end: bool


@dataclass(frozen=True)
class Layout:
    """Where everything goes; computed once, then both drawn and tested."""

    nodes: dict[str, Node]
    edges: list[Edge]
    bands: list[tuple[str, Box]]  # a kind's heading and its box
    height: float
    texts: list[Box]  # every text's box: headings, names, arrow labels, the key
    key: list[tuple[str, Box]]  # the key's lines
    # How many labels arrows cross (where no clear place was left): of another relation; any.
    crossed: tuple[int, int] = (0, 0)


def band_order(actors: Sequence[Actor]) -> list[str]:
    """The kinds present, ordered so that linked actors sit in bands as close as possible."""
    kinds = [k for k in ACTOR_KINDS if any(a.kind == k for a in actors)]
    kind_of = {a.id: a.kind for a in actors}
    pairs = [(a.kind, kind_of[link.to]) for a in actors for link in a.links if link.to in kind_of]

    def cost(order: tuple[str, ...]) -> int:
        return sum(abs(order.index(a) - order.index(b)) for a, b in pairs)

    # At most four kinds, so trying every order is cheap; min() keeps the first of equals.
    orders: list[tuple[str, ...]] = list(itertools.permutations(kinds))
    if not orders:
        return []
    best = min(orders, key=cost)
    return list(best)


# Ways to share a band's actors among its rows, tried in turn when a band needs several rows
# (in maps of at most SEARCHED actors).
ARRANGEMENTS = ("leaning", "leaning-reversed", "linked-last", "linked-first")
SEARCHED = 40


def _rows(actors: Sequence[Actor], arrangement: str = "leaning") -> list[tuple[str, list[Actor]]]:
    """Bands of at most PER_ROW actors, rows of a band as even as can be, each ordered so that
    arrows are as short as they can be. `arrangement` says which actors of a band of several
    rows go in its top row: those linked upwards ("leaning"), those linked downwards, the least
    linked ("linked-last") or the most linked."""
    rows: list[tuple[str, list[Actor]]] = []
    order = band_order(actors)
    band = {a.id: order.index(a.kind) for a in actors}
    ends = [(a.id, link.to) for a in actors for link in a.links if link.to in band]

    def others(actor: Actor) -> list[str]:
        return [b for a, b in ends if a == actor.id] + [a for a, b in ends if b == actor.id]

    def leaning(actor: Actor) -> int:
        """How many more of an actor's links go to bands below than above."""
        return sum(
            (band[other] > band[actor.id]) - (band[other] < band[actor.id])
            for other in others(actor)
        )

    keys = {
        "leaning": leaning,
        "leaning-reversed": lambda actor: -leaning(actor),
        "linked-last": lambda actor: len(others(actor)),
        "linked-first": lambda actor: -len(others(actor)),
    }
    for kind in order:
        members = sorted((a for a in actors if a.kind == kind), key=keys[arrangement])
        size = math.ceil(len(members) / math.ceil(len(members) / PER_ROW))
        for start in range(0, len(members), size):
            rows.append((kind, members[start : start + size]))
    ids = {a.id for a in actors}
    pairs = [(a.id, link.to) for a in actors for link in a.links if link.to in ids]

    def centres(row: Sequence[Actor]) -> dict[str, float]:
        left = _row_left(len(row))
        return {a.id: left + i * (NODE_W + H_GAP) + NODE_W / 2 for i, a in enumerate(row)}

    # A few passes of trying every order of one band while the others stay put; PER_ROW is
    # small (4), so a band has at most 24 orders. min() keeps the first of equals: deterministic.
    for _ in range(3):
        for index, (kind, row) in enumerate(rows):
            fixed: dict[str, float] = {}
            for other_index, (_, other) in enumerate(rows):
                if other_index != index:
                    fixed.update(centres(other))

            # Arrows with no end in this band are as long in every order of it, so only the
            # others are measured (centres are whole numbers: the sums, and ties, stay exact).
            in_band = {a.id for a in row}
            moving = [(a, b) for a, b in pairs if a in in_band or b in in_band]

            def length(
                order: Sequence[Actor],
                fixed: dict[str, float] = fixed,
                moving: list[tuple[str, str]] = moving,
            ) -> float:
                x = centres(order)
                return sum(
                    abs(x.get(a, fixed.get(a, 0.0)) - x.get(b, fixed.get(b, 0.0)))
                    for a, b in moving
                )

            orders: list[tuple[Actor, ...]] = list(itertools.permutations(row))
            best = min(orders, key=length)
            rows[index] = (kind, list(best))
    return rows


Point = tuple[float, float]
Cubic = tuple[Point, Point, Point, Point]


def _segment(p0: Point, p3: Point) -> Cubic:
    """A cubic Bézier leaving and arriving vertically: its four control points."""
    middle = (p0[1] + p3[1]) / 2
    return (p0, (p0[0], middle), (p3[0], middle), p3)


def _bezier(p0: Point, p1: Point, p2: Point, p3: Point, t: float) -> Point:
    s = 1 - t
    x = s**3 * p0[0] + 3 * s * s * t * p1[0] + 3 * s * t * t * p2[0] + t**3 * p3[0]
    y = s**3 * p0[1] + 3 * s * s * t * p1[1] + 3 * s * t * t * p2[1] + t**3 * p3[1]
    return x, y


def _row_left(count: int) -> float:
    """Where a row of `count` boxes starts: centred in the boxes' area, on a whole unit."""
    return float(round(AREA[0] + (AREA[1] - AREA[0] - count * NODE_W - (count - 1) * H_GAP) / 2))


def _through(row: Sequence[Box], straight: float) -> float:
    """Where an arrow passes a row it does not stop at: in the free stretch between the row's
    boxes (and its band's heading) nearest the straight line, as near that line as it can."""
    edges = sorted((box.left - PASS, box.right + PASS) for box in row)
    free = clear_spans(MARGIN / 2, WIDTH - MARGIN / 2, edges)
    if not free:
        return straight
    return min(
        (min(max(straight, low), high) for low, high in free),
        key=lambda x: (abs(x - straight), x),
    )


def _route(
    a: Box, b: Box, ax: float, bx: float, rows: list[list[Box]]
) -> tuple[list[Cubic], list[Point], list[Point]]:
    """An arrow's path from box a (leaving at ax) to box b (arriving at bx) as cubic segments,
    points along it (middle first) for its label, and a dense trace of it to keep other labels
    off it. `rows` holds each row's boxes, the band's heading first if it has one."""
    segments: list[Cubic]
    if abs(a.top - b.top) < 1:  # same row: an arc dipping under it
        y = a.bottom
        dip = y + 34 + min(abs(bx - ax), 300) * 0.08
        segments = [((ax, y), (ax, dip), (bx, dip), (bx, y + 3))]
    else:
        down = a.top < b.top
        start = (ax, a.bottom if down else a.top)
        end = (bx, b.top - 3 if down else b.bottom + 3)
        between = [r for r in rows if min(a.top, b.top) < r[-1].top < max(a.top, b.top)]
        points = [start]
        for row in sorted(between, key=lambda r: r[-1].top, reverse=not down):
            y = row[-1].top + NODE_H / 2
            share = (y - start[1]) / (end[1] - start[1])
            points.append((_through(row, start[0] + share * (end[0] - start[0])), y))
        points.append(end)
        segments = [_segment(p, q) for p, q in itertools.pairwise(points)]
    along: list[tuple[float, Point]] = []
    trace: list[Point] = []
    for index, (p0, p1, p2, p3) in enumerate(segments):
        for t in _ALONG:
            along.append((abs((index + t) / len(segments) - 0.5), _bezier(p0, p1, p2, p3, t)))
        trace += [_bezier(p0, p1, p2, p3, step / 40) for step in range(41)]
    along.sort(key=lambda item: item[0])
    # The places nearest the middle are enough to choose from, however long the arrow.
    return segments, [point for _, point in along][: len(_ALONG) + 3], trace


def _split(curve: Cubic, t: float) -> tuple[Cubic, Cubic]:
    """A cubic cut in two at t (de Casteljau): the same curve, as two."""
    p0, p1, p2, p3 = curve

    def mix(a: Point, b: Point) -> Point:
        return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t

    q0, q1, q2 = mix(p0, p1), mix(p1, p2), mix(p2, p3)
    r0, r1 = mix(q0, q1), mix(q1, q2)
    s0 = mix(r0, r1)
    return (p0, q0, r0, s0), (s0, r1, q2, p3)


def _piece(curve: Cubic, t0: float, t1: float) -> Cubic:
    """The part of a cubic from t0 to t1."""
    tail = _split(curve, t0)[1] if t0 > 0 else curve
    return _split(tail, (t1 - t0) / (1 - t0))[0] if t1 < 1 else tail


def _inside(point: Point, boxes: Sequence[Box]) -> bool:
    return any(box.contains(point) for box in boxes)


def _visible(curve: Cubic, boxes: Sequence[Box]) -> list[tuple[float, float]]:
    """The stretches of t in [0, 1] where the curve is outside every box, found to a hair's
    width: sampled, then each crossing of a box's edge narrowed down by bisection."""
    steps = 64
    samples = [step / steps for step in range(steps + 1)]
    inside = [_inside(_bezier(*curve, t), boxes) for t in samples]
    edges: list[float] = []
    for (t0, in0), (t1, in1) in itertools.pairwise(zip(samples, inside, strict=True)):
        if in0 == in1:
            continue
        low, high = t0, t1
        for _ in range(20):
            middle = (low + high) / 2
            if _inside(_bezier(*curve, middle), boxes) == in0:
                low = middle
            else:
                high = middle
        # Cut on the outside of the edge: the visible part never reaches into the box.
        edges.append(low if not in0 else high)
    stretches: list[tuple[float, float]] = []
    start = None if inside[0] else 0.0
    for t in edges:
        if start is None:
            start = t
        else:
            stretches.append((start, t))
            start = None
    if start is not None:
        stretches.append((start, 1.0))
    return [(a, b) for a, b in stretches if b - a > 1e-3]


def _path(segments: Sequence[Cubic], texts: _Grid[Box]) -> str:
    """Path data for an arrow, broken wherever it would cross a text (its own label included);
    `texts` holds every text's box, grown by the clear space kept around words."""
    out: list[str] = []
    last: Point | None = None
    for curve in segments:
        xs, ys = [p[0] for p in curve], [p[1] for p in curve]
        hull = Box(min(xs) - 1, min(ys) - 1, max(xs) + 1, max(ys) + 1)
        near = list({id(box): box for box in texts.near(hull) if box.overlaps(hull)}.values())
        for t0, t1 in _visible(curve, near) if near else [(0.0, 1.0)]:
            p0, p1, p2, p3 = _piece(curve, t0, t1)
            if last is None or abs(last[0] - p0[0]) > 0.05 or abs(last[1] - p0[1]) > 0.05:
                out.append(f"M{num(p0[0])},{num(p0[1])}")
            out.append(
                f"C{num(p1[0])},{num(p1[1])} {num(p2[0])},{num(p2[1])} {num(p3[0])},{num(p3[1])}"
            )
            last = p3
    return " ".join(out)


def layout(actors: Sequence[Actor]) -> Layout:
    """The actors map laid out: where a band needs several rows and arrows of another relation
    cross some label, each other way of sharing a band's actors among its rows is tried, and
    the one whose labels the fewest arrows cross is kept."""
    first = _layout(actors, ARRANGEMENTS[0])
    kinds = [a.kind for a in actors]
    several_rows = any(kinds.count(kind) > PER_ROW for kind in set(kinds))
    # A large map is laid out once: there, trying every way costs more than it gains.
    if first.crossed[0] == 0 or not several_rows or len(actors) > SEARCHED:
        return first
    others = (_layout(actors, way) for way in ARRANGEMENTS[1:])
    # min() keeps the first of equals: the same data always gives the same drawing.
    return min([first, *others], key=lambda plan: (*plan.crossed, plan.height))


def _layout(actors: Sequence[Actor], arrangement: str) -> Layout:
    """Bands top to bottom, actors centred in each, headings and arrow labels where they touch
    nothing, arrows broken where they would cross a text."""
    nodes: dict[str, Node] = {}
    bands: list[tuple[str, Box]] = []
    y = 0.0
    previous_kind = None
    rows: list[list[Box]] = []
    for kind, row in _rows(actors, arrangement):
        obstacles = []
        if kind != previous_kind:
            heading = ACTOR_KINDS[kind]
            top = y + (NODE_H - SMALL * 1.2) / 2
            box = Box(MARGIN, top, MARGIN + text_width(heading, SMALL), top + SMALL * 1.2)
            bands.append((heading, box))
            obstacles.append(box)
            previous_kind = kind
        x = _row_left(len(row))
        for actor in row:
            lines = wrap(actor.name, FONT, NODE_W - 12, 2)
            nodes[actor.id] = Node(actor, Box(x, y, x + NODE_W, y + NODE_H), lines)
            x += NODE_W + H_GAP
        rows.append(obstacles + [nodes[actor.id].box for actor in row])
        y += NODE_H + ROW_GAP

    links = [
        (nodes[actor.id], nodes[link.to], link.relation)
        for actor in actors
        for link in actor.links
        if link.to in nodes
    ]
    ports = _ports(links)
    routes = [
        _route(source.box, target.box, ports[(index, 0)], ports[(index, 1)], rows)
        for index, (source, target, _) in enumerate(links)
    ]
    # Fine cells: a label's box then looks at the few points of arrows really near it.
    traces = _Grid[Trace](cell=8.0)
    for index, ((_, _, relation), (_, _, trace)) in enumerate(zip(links, routes, strict=True)):
        for step, point in enumerate(trace):
            end = step < 4 or step >= len(trace) - 5
            traces.add_point(point, Trace(index, relation, point, end))
    taken = _Grid[Box]()
    for box in [node.box.grown(2) for node in nodes.values()] + [box for _, box in bands]:
        taken.add_box(box, box)
    candidates = [
        _candidates(relation, points)
        for (_, _, relation), (_, points, _) in zip(links, routes, strict=True)
    ]
    labels: list[Box | None] = [None] * len(links)
    # Short arrows have few places for their words: they choose first.
    for index in sorted(range(len(links)), key=lambda i: (len(routes[i][2]), i)):
        label = _place(candidates[index], index, links[index][2], taken, traces)
        if label is not None:
            taken.add_box(label, label)
        labels[index] = label
    lowest = max([y - ROW_GAP] + [p[1] for _, _, trace in routes for p in trace])
    key = []
    key_top = lowest + 12
    for line in wrap(KEY, SMALL, WIDTH - 2 * MARGIN, 3):
        key.append((line, Box(MARGIN, key_top, MARGIN + text_width(line, SMALL), key_top + 14.4)))
        key_top += SMALL * 1.2 + 2
    texts = [box for _, box in bands] + [label for label in labels if label]
    texts += [_name_box(node) for node in nodes.values()]
    texts += [box for _, box in key]
    clear = _Grid[Box]()
    for box in texts:
        grown = box.grown(CLEARANCE)
        clear.add_box(grown, grown)
    edges = [
        Edge(source, target, relation, _path(segments, clear), label, trace)
        for (source, target, relation), (segments, _, trace), label in zip(
            links, routes, labels, strict=True
        )
    ]
    crowding = [
        {t.edge: t.relation != links[index][2] for t in _crossings(label, index, traces)}
        for index, label in enumerate(labels)
        if label is not None
    ]
    crossed = (
        sum(sum(by_other.values()) for by_other in crowding),
        sum(len(by_other) for by_other in crowding),
    )
    return Layout(nodes, edges, bands, key_top + 4, texts, key, crossed)


def _candidates(relation: str, points: Sequence[Point]) -> list[Box]:
    """Places for an arrow's words, best first: on the arrow, nearest its middle; then just
    above or below it, or beside it, still touching it."""
    width = text_width(RELATION_WORDS[relation], SMALL) + 6
    side = width / 2 + 4
    shifts = [(0.0, 0.0), (0.0, -7.0), (0.0, 7.0), (0.0, -14.0), (0.0, 14.0)]
    shifts += [(dx, dy) for dx in (-side, side) for dy in (0.0, -8.0, 8.0)]
    return [
        Box(x + dx - width / 2, y + dy - 8, x + dx + width / 2, y + dy + 8)
        for dx, dy in shifts
        for x, y in points
        if x + dx - width / 2 >= MARGIN and x + dx + width / 2 <= WIDTH - MARGIN
    ]


def _crossings(box: Box, index: int, traces: _Grid[Trace]) -> list[Trace]:
    """The points of other arrows that run through a box (with clear space around it)."""
    clear = box.grown(CLEARANCE)
    left, top, right, bottom = clear.left, clear.top, clear.right, clear.bottom
    return [
        t
        for t in traces.near(clear)
        if t.edge != index and left < t.point[0] < right and top < t.point[1] < bottom
    ]


def _place(
    boxes: Sequence[Box],
    index: int,
    relation: str,
    taken: _Grid[Box],
    traces: _Grid[Trace],
) -> Box | None:
    """Of the boxes inside the margins that touch nothing taken and cover no arrow's end, the
    first that no other arrow runs through; failing that, the one fewest run through (arrows of
    the same relation count less: the words describe them right)."""
    best: Box | None = None
    best_cost = math.inf
    for box in boxes:
        if any(box.overlaps(other) for other in taken.near(box)):
            continue
        crossing = _crossings(box, index, traces)
        # An arrow broken where a label sits still reads across it; one broken at its end would
        # lose its head, and with it which way it points.
        if any(t.end for t in crossing):
            continue
        cost = sum(
            1 if t.relation == relation else 2 for t in {t.edge: t for t in crossing}.values()
        )
        if cost == 0:
            return box
        if cost < best_cost:
            best, best_cost = box, cost
    return best


class _Grid(Generic[T]):
    """Things filed by the square cells of the graphic they touch, so that finding what lies near
    a box looks at a few cells, not at everything drawn: label placement stays near-linear."""

    def __init__(self, cell: float = 32.0) -> None:
        self.CELL = cell
        self.cells: dict[tuple[int, int], list[T]] = {}

    def _span(self, box: Box) -> Iterator[tuple[int, int]]:
        size = self.CELL
        for column in range(math.floor(box.left / size), math.floor(box.right / size) + 1):
            for row in range(math.floor(box.top / size), math.floor(box.bottom / size) + 1):
                yield column, row

    def add_box(self, box: Box, item: T) -> None:
        """File an item under every cell its box touches."""
        for cell in self._span(box):
            self.cells.setdefault(cell, []).append(item)

    def add_point(self, point: Point, item: T) -> None:
        """File an item under the cell its point lies in."""
        cell = (math.floor(point[0] / self.CELL), math.floor(point[1] / self.CELL))
        self.cells.setdefault(cell, []).append(item)

    def near(self, box: Box) -> Iterator[T]:
        """Every item filed under a cell the box touches: a superset of those inside or
        overlapping it (an item may come more than once)."""
        for cell in self._span(box):
            yield from self.cells.get(cell, ())


def _ports(links: Sequence[tuple[Node, Node, str]]) -> dict[tuple[int, int], float]:
    """Where each arrow leaves and meets its boxes: spread along a side, ordered by where the
    other end lies, so arrows to the same box do not pile up on one point."""
    sides: dict[tuple[str, str], list[tuple[float, int, int]]] = {}
    for index, (source, target, _) in enumerate(links):
        a, b = source.box, target.box
        if abs(a.top - b.top) < 1:
            ends = ("bottom", "bottom")
        else:
            ends = ("bottom", "top") if a.top < b.top else ("top", "bottom")
        for end, (node, other) in enumerate(((source, target), (target, source))):
            other_x = (other.box.left + other.box.right) / 2
            sides.setdefault((node.actor.id, ends[end]), []).append((other_x, index, end))
    ports = {}
    for (actor_id, _), attached in sides.items():
        box = next(n.box for n, m, _ in links for n in (n, m) if n.actor.id == actor_id)
        attached.sort()
        for position, (_, index, end) in enumerate(attached):
            share = 0.5 if len(attached) == 1 else 0.2 + 0.6 * position / (len(attached) - 1)
            ports[(index, end)] = box.left + share * (box.right - box.left)
    return ports


def _name_box(node: Node) -> Box:
    width = max(text_width(line, FONT) for line in node.lines)
    middle = (node.box.left + node.box.right) / 2
    top = (node.box.top + node.box.bottom) / 2 - len(node.lines) * FONT * 1.2 / 2
    return Box(middle - width / 2, top, middle + width / 2, top + len(node.lines) * FONT * 1.2)


def actors_svg(actors: Sequence[Actor], link: str = "{id}/") -> str:
    """The actors map; each actor links to `link` with its id put in ('{id}/': its page, seen
    from the actors index)."""
    return render(layout(actors), link)


def render(plan: Layout, link: str) -> str:
    """A laid-out actors map as SVG, each actor linking to `link` with its id put in: one layout
    serves every page that shows the map, whatever its links look like."""
    # role="group", not "img": an image's content is presentational, and links inside it would be
    # interactive content no assistive technology can reach (axe: nested-interactive).
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="briefing-graphic" role="group" '
        f'aria-labelledby="{ID}-title" aria-describedby="{ID}-desc" '
        f'viewBox="0 0 {num(WIDTH)} {num(plan.height)}" '
        f'width="{num(WIDTH)}" height="{num(plan.height)}" font-size="{num(FONT)}" '
        'fill="currentColor">',
        f'<title id="{ID}-title">Actors map: {len(plan.nodes)} actors and '
        f"{len(plan.edges)} links</title>",
        f'<desc id="{ID}-desc">Actors in bands by kind '
        f"({esc(', '.join(kind.heading.lower() for kind in ACTOR_KIND.values()))}). "
        "An arrow runs from an actor to the one it "
        f"{esc(in_words(list(dict.fromkeys(r.gist for r in RELATION.values()))))}, "
        "and is labelled with that relation.</desc>",
        "<defs>",
        f'<marker id="{ID}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker>',
        "</defs>",
    ]
    for heading, box in plan.bands:
        out.append(
            f'<text class="bg-muted bg-band" x="{num(box.left)}" y="{num(box.top + SMALL)}" '
            f'font-size="{num(SMALL)}" font-weight="bold">{esc(heading)}</text>'
        )
    for edge in plan.edges:
        words = RELATION_WORDS[edge.relation]
        tip = f"{edge.source.actor.name} {words} {edge.target.actor.name}"
        out.append(f'<g class="bg-edge bg-edge--{esc(edge.relation)}">')
        out.append(f"<title>{esc(tip)}</title>")
        out.append(
            f'<path d="{edge.path}" fill="none" stroke="currentColor" stroke-width="1.3" '
            f'marker-end="url(#{ID}-arrow)"/>'
        )
        out.append("</g>")
    for edge in plan.edges:
        if edge.label is None:
            continue
        box = edge.label
        out.append(
            f'<text class="bg-edge-label" x="{num((box.left + box.right) / 2)}" '
            f'y="{num(box.bottom - 4.5)}" font-size="{num(SMALL)}" text-anchor="middle">'
            f"{esc(RELATION_WORDS[edge.relation])}</text>"
        )
    for node in plan.nodes.values():
        actor = node.actor
        box = node.box
        href = attr(link.replace("{id}", actor.id))
        out.append(f'<a class="bg-node bg-node--{esc(actor.kind)}" href={href}>')
        out.append(f"<title>{esc(actor.name)}: {esc(actor.role)}</title>")
        out.append(
            f'<rect x="{num(box.left)}" y="{num(box.top)}" width="{num(NODE_W)}" '
            f'height="{num(NODE_H)}" rx="{ACTOR_KIND[actor.kind].corner}" fill="#fff" '
            'stroke="currentColor" stroke-width="1.5"/>'
        )
        name = _name_box(node)
        middle = (box.left + box.right) / 2
        out.append(
            f'<text class="bg-label" x="{num(middle)}" y="{num(name.top)}" text-anchor="middle">'
        )
        for index, line in enumerate(node.lines):
            dy = FONT if index == 0 else FONT * 1.2
            out.append(f'<tspan x="{num(middle)}" dy="{num(dy)}">{esc(line)}</tspan>')
        out.append("</text></a>")
    for line, box in plan.key:
        out.append(
            f'<text class="bg-muted" x="{num(box.left)}" y="{num(box.top + SMALL)}" '
            f'font-size="{num(SMALL)}">{esc(line)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def render_narrow(plan: Layout, link: str) -> str:
    """The same actors and links for a narrow screen: a compact list by kind, each actor with
    the links it starts, in words. Plain HTML, so names and relations wrap."""
    out = ['<div class="ba">']
    by_band: dict[str, list[Node]] = {}
    for node in plan.nodes.values():
        by_band.setdefault(ACTOR_KINDS[node.actor.kind], []).append(node)
    for heading, _ in plan.bands:
        out.append(f'<p class="ba-kind">{esc(heading)}</p>')
        out.append('<ul class="ba-list">')
        for node in by_band[heading]:
            actor = node.actor
            href = attr(link.replace("{id}", actor.id))
            out.append(
                f'<li class="ba-actor ba-actor--{esc(actor.kind)}">'
                f'<a class="ba-name" href={href}>{esc(actor.name)}</a>'
            )
            starts = [edge for edge in plan.edges if edge.source is node]
            if starts:
                out.append('<ul class="ba-links">')
                for edge in starts:
                    target = edge.target.actor
                    out.append(
                        '<li><span class="ba-arrow" aria-hidden="true">&#8594;</span> '
                        f"{esc(RELATION_WORDS[edge.relation])} "
                        f"<a href={attr(link.replace('{id}', target.id))}>{esc(target.name)}</a>"
                        "</li>"
                    )
                out.append("</ul>")
            out.append("</li>")
        out.append("</ul>")
    out.append("</div>")
    return "\n".join(out)
