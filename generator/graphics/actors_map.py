"""The actors map, an SVG drawn at build time: actors in bands by kind, links as labelled arrows."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from generator.data import ACTOR_KINDS, RELATION_WORDS, Actor
from generator.graphics.svg import Box, attr, esc, num, text_width, wrap

WIDTH = 760.0
MARGIN = 12.0
FONT = 12.0
SMALL = 10.5
NODE_W = 132.0
NODE_H = 38.0
H_GAP = 18.0
BAND_LABEL = 18.0  # room above a band for its heading
ROW_GAP = 96.0  # room between bands for the arrows and their labels
PER_ROW = int((WIDTH - 2 * MARGIN + H_GAP) // (NODE_W + H_GAP))
ID = "briefing-actors-map"
KEY = (
    "Arrows point from an actor to the one it acts on. Rounded boxes are people. "
    "Select a name to open the actor's page."
)
T = TypeVar("T")
# Where along an arrow its label may sit, tried in this order, until one is free.
_ALONG = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82)


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
    path: str
    label: Box | None  # None when no free place was found; its tooltip and the lists say it
    trace: list[tuple[float, float]]  # points along the path


@dataclass(frozen=True)
class Layout:
    """Where everything goes; computed once, then both drawn and tested."""

    nodes: dict[str, Node]
    edges: list[Edge]
    bands: list[tuple[str, Box]]  # a kind's heading and its box
    height: float
    texts: list[Box]  # every text's box: headings, names, arrow labels


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


def _rows(actors: Sequence[Actor]) -> list[tuple[str, list[Actor]]]:
    """Bands of at most PER_ROW actors, each ordered so that arrows are as short as they can be."""
    rows: list[tuple[str, list[Actor]]] = []
    for kind in band_order(actors):
        members = [a for a in actors if a.kind == kind]
        for start in range(0, len(members), PER_ROW):
            rows.append((kind, members[start : start + PER_ROW]))
    ids = {a.id for a in actors}
    pairs = [(a.id, link.to) for a in actors for link in a.links if link.to in ids]

    def centres(row: Sequence[Actor]) -> dict[str, float]:
        left = (WIDTH - len(row) * NODE_W - (len(row) - 1) * H_GAP) / 2
        return {a.id: left + i * (NODE_W + H_GAP) + NODE_W / 2 for i, a in enumerate(row)}

    # A few passes of trying every order of one band while the others stay put; PER_ROW is
    # small (5), so a band has at most 120 orders. min() keeps the first of equals: deterministic.
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


def _segment(p0: tuple[float, float], p3: tuple[float, float]) -> list[tuple[float, float]]:
    """A cubic Bézier leaving and arriving vertically: its four control points."""
    middle = (p0[1] + p3[1]) / 2
    return [p0, (p0[0], middle), (p3[0], middle), p3]


Point = tuple[float, float]


def _bezier(p0: Point, p1: Point, p2: Point, p3: Point, t: float) -> Point:
    s = 1 - t
    x = s**3 * p0[0] + 3 * s * s * t * p1[0] + 3 * s * t * t * p2[0] + t**3 * p3[0]
    y = s**3 * p0[1] + 3 * s * s * t * p1[1] + 3 * s * t * t * p2[1] + t**3 * p3[1]
    return x, y


def _route(
    a: Box, b: Box, ax: float, bx: float, rows: list[list[Box]]
) -> tuple[str, list[Point], list[Point]]:
    """An arrow's path from box a (leaving at ax) to box b (arriving at bx), points along it
    (middle first) for its label, and a dense trace of it to keep other labels off it."""
    if abs(a.top - b.top) < 1:  # same band: an arc dipping under the row
        y = a.bottom
        dip = y + 34 + min(abs(bx - ax), 300) * 0.08
        segments = [[(ax, y), (ax, dip), (bx, dip), (bx, y + 3)]]
    else:
        down = a.top < b.top
        start = (ax, a.bottom if down else a.top)
        end = (bx, b.top - 3 if down else b.bottom + 3)
        # Through the rows in between, pass in the gap between boxes nearest the straight line.
        between = [r for r in rows if min(a.top, b.top) < r[0].top < max(a.top, b.top)]
        points = [start]
        for row in sorted(between, key=lambda r: r[0].top, reverse=not down):
            y = (row[0].top + row[0].bottom) / 2
            share = (y - start[1]) / (end[1] - start[1])
            straight = start[0] + share * (end[0] - start[0])
            gaps = [row[0].left - H_GAP / 2] + [box.right + H_GAP / 2 for box in row]
            gaps = [min(max(g, MARGIN / 2), WIDTH - MARGIN / 2) for g in gaps]
            points.append((min(gaps, key=lambda g: (abs(g - straight), g)), y))
        points.append(end)
        segments = [_segment(p, q) for p, q in itertools.pairwise(points)]
    path = f"M{num(segments[0][0][0])},{num(segments[0][0][1])}"
    along: list[tuple[float, Point]] = []
    trace: list[Point] = []
    for index, (p0, p1, p2, p3) in enumerate(segments):
        path += f" C{num(p1[0])},{num(p1[1])} {num(p2[0])},{num(p2[1])} {num(p3[0])},{num(p3[1])}"
        for t in _ALONG:
            along.append((abs((index + t) / len(segments) - 0.5), _bezier(p0, p1, p2, p3, t)))
        trace += [_bezier(p0, p1, p2, p3, step / 40) for step in range(41)]
    along.sort(key=lambda item: item[0])
    return path, [point for _, point in along], trace


def layout(actors: Sequence[Actor]) -> Layout:
    """Bands top to bottom, actors centred in each, arrow labels where they touch nothing."""
    nodes: dict[str, Node] = {}
    bands: list[tuple[str, Box]] = []
    y = 0.0
    previous_kind = None
    rows: list[list[Box]] = []
    for kind, row in _rows(actors):
        if kind != previous_kind:
            heading = ACTOR_KINDS[kind]
            bands.append((heading, Box(MARGIN, y, MARGIN + text_width(heading, SMALL), y + 13)))
            y += BAND_LABEL
            previous_kind = kind
        row_width = len(row) * NODE_W + (len(row) - 1) * H_GAP
        x = (WIDTH - row_width) / 2
        for actor in row:
            lines = wrap(actor.name, FONT, NODE_W - 12, 2)
            nodes[actor.id] = Node(actor, Box(x, y, x + NODE_W, y + NODE_H), lines)
            x += NODE_W + H_GAP
        rows.append([nodes[actor.id].box for actor in row])
        y += NODE_H + ROW_GAP
    height = y - ROW_GAP + 44 + 30  # room for an arc under the last band, and the legend

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
    taken = _Grid[Box]()
    for box in [node.box.grown(2) for node in nodes.values()] + [box for _, box in bands]:
        taken.add_box(box, box)
    traces = _Grid[tuple[str, Point]]()
    for (_, _, relation), (_, _, trace) in zip(links, routes, strict=True):
        for point in trace:
            traces.add_point(point, (relation, point))
    edges = []
    for (source, target, relation), (path, points, trace) in zip(links, routes, strict=True):
        width = text_width(RELATION_WORDS[relation], SMALL) + 6
        # On the arrow first; then just above or below it, still touching it.
        boxes = [
            Box(x - width / 2, y - 8 + shift, x + width / 2, y + 8 + shift)
            for shift in (0, -7, 7)
            for x, y in points
        ]
        label = _place(boxes, relation, taken, traces)
        if label is not None:
            taken.add_box(label, label)
        edges.append(Edge(source, target, relation, path, label, trace))
    texts = [box for _, box in bands] + [edge.label for edge in edges if edge.label]
    texts += [_name_box(node) for node in nodes.values()]
    key_top = height - 8 - SMALL
    texts.append(Box(MARGIN, key_top, MARGIN + text_width(KEY, SMALL), key_top + SMALL * 1.2))
    return Layout(nodes, edges, bands, height, texts)


def _place(
    boxes: Sequence[Box], relation: str, taken: _Grid[Box], traces: _Grid[tuple[str, Point]]
) -> Box | None:
    """The first of the boxes inside the margins that touches nothing taken and that no arrow of
    another relation runs through; failing that, the first that touches nothing taken."""
    fallback = None
    for box in boxes:
        if box.left < MARGIN or box.right > WIDTH - MARGIN:
            continue
        if any(box.overlaps(other) for other in taken.near(box)):
            continue
        # An arrow of the same relation crossing the words is described right by them, so only
        # other relations' arrows count: the words then plainly belong to their own arrow.
        left, top, right, bottom = box.left, box.top, box.right, box.bottom
        if not any(
            left < x < right and top < y < bottom and other != relation
            for other, (x, y) in traces.near(box)
        ):
            return box
        if fallback is None:
            fallback = box
    return fallback


class _Grid(Generic[T]):
    """Things filed by the square cells of the graphic they touch, so that finding what lies near
    a box looks at a few cells, not at everything drawn: label placement stays near-linear."""

    CELL = 32.0

    def __init__(self) -> None:
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
        f'<desc id="{ID}-desc">Actors in bands by kind (people, organisations, states, outlets). '
        "An arrow runs from an actor to the one it leads, belongs to, works for, negotiates with, "
        "makes proposals to or reports on, and is labelled with that relation.</desc>",
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
            f'<rect class="bg-plate" x="{num(box.left)}" y="{num(box.top + 1)}" '
            f'width="{num(box.right - box.left)}" height="{num(box.bottom - box.top - 2)}" '
            'rx="3" fill="#fff"/>'
        )
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
            f'height="{num(NODE_H)}" rx="{6 if actor.kind == "person" else 1}" fill="#fff" '
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
    out.append(
        f'<text class="bg-muted" x="{num(MARGIN)}" y="{num(plan.height - 8)}" '
        f'font-size="{num(SMALL)}">{esc(KEY)}</text>'
    )
    out.append("</svg>")
    return "\n".join(out)
