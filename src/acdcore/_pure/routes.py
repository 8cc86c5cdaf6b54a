"""Number-prefix analysis (the seed's 字冠分析) in pure Python: the twin of the compiled table.

Same semantics as ``acdcore._queue.RouteTable`` (both follow ``acdcore._patterns``), same
exceptions, same results; it is what ``ACDCORE_PURE=1`` runs and the benchmark baseline.

The table is a trie of pattern elements held in dicts. A search tries the alternatives at
each position in the order their specificity rank sorts (a literal, then sets by size,
then ``.``, then ``!``) and stops at the first alternative that matches at all: specificity
vectors compare position by position, so a later alternative can never win. Only sibling
sets of equal size must all be searched; then the smaller *key* wins, a key being a route's
position when the routes are sorted by (field, specificity vector, table index).
"""

from __future__ import annotations

from typing import Any, Iterable

from .._patterns import ONE_OR_MORE, RANK_END, ZERO_OR_MORE, element_rank, parse_pattern
from ..enums import Priority, RouteField
from ..errors import DuplicateRouteError, InvalidArgumentError
from ..types import MAX_NUMBER_LEN, Route, RouteDecision, check_enum, check_text

__all__ = ["RouteTable"]

#: the same bounds as the compiled table
MAX_ROUTES = 1_000_000
DECISION_CACHE_MAX = 65536

_NONE = -1


class _Node:
    __slots__ = ("lit", "sets", "end", "dot", "bang")

    def __init__(self) -> None:
        #: child accepting exactly one character, by that character
        self.lit: dict[str, _Node] = {}
        #: children accepting several characters, grouped by set size, smallest first
        self.sets: list[list[tuple[frozenset[str], _Node]]] = []
        #: keys of the routes whose pattern ends here: fixed length, with '.', with '!'
        self.end = _NONE
        self.dot = _NONE
        self.bang = _NONE


def _vector(elements: tuple[Any, ...]) -> tuple[int, ...]:
    # what match_vector() returns for this pattern whenever it matches
    v = [element_rank(el) for el in elements]
    if not isinstance(elements[-1], str):
        v.append(RANK_END)
    return tuple(v)


def _search(node: _Node, number: str, pos: int, n: int) -> int:
    if pos == n:
        return node.end if node.end != _NONE else node.bang
    ch = number[pos]
    child = node.lit.get(ch)
    if child is not None:
        k = _search(child, number, pos + 1, n)
        if k != _NONE:
            return k
    for group in node.sets:
        best = _NONE
        for chars, child in group:
            if ch in chars:
                k = _search(child, number, pos + 1, n)
                if k != _NONE and (best == _NONE or k < best):
                    best = k
        if best != _NONE:
            return best
    return node.dot if node.dot != _NONE else node.bang


def _decide(c: Route | None, d: Route | None) -> RouteDecision:
    reject = c.reject if c is not None and c.reject else (d.reject if d is not None else None)
    if c is not None and (c.queue is not None or c.menu is not None):
        queue, menu = c.queue, c.menu
    elif d is not None:
        queue, menu = d.queue, d.menu
    else:
        queue = menu = None
    if c is not None and c.priority is not None:
        priority = c.priority
    elif d is not None and d.priority is not None:
        priority = d.priority
    else:
        priority = Priority.NORMAL
    return RouteDecision(queue, menu, priority, reject, c, d)


class RouteTable:
    """An immutable number-prefix routing table (pure Python).

    RouteTable(routes=()) takes Route records; the most specific route of a field that
    matches the whole number wins, ties going to the route listed first (see
    acdcore._patterns). To change the routing, build a new table and swap it in.
    """

    __slots__ = ("_routes", "_roots", "_key_route", "_decisions")

    def __init__(self, routes: Iterable[Route] = ()) -> None:
        try:
            it = iter(routes)
        except TypeError:
            raise InvalidArgumentError(
                f"routes must be an iterable of Route, not {type(routes).__name__}", field="routes") from None
        items: list[Route] = []
        parsed: list[tuple[RouteField, tuple[Any, ...]]] = []
        seen: dict[tuple[RouteField, tuple[Any, ...]], Route] = {}
        for route in it:
            if not isinstance(route, Route):
                raise InvalidArgumentError(
                    f"routes[{len(items)}] is {type(route).__name__}, not a Route", field="routes")
            if len(items) >= MAX_ROUTES:
                raise InvalidArgumentError(f"at most {MAX_ROUTES} routes", field="routes")
            elements = parse_pattern(route.pattern)
            field = check_enum(RouteField, route.field, "route field")
            other = seen.get((field, elements))
            if other is not None:
                raise DuplicateRouteError(
                    f"route {route.pattern!r} duplicates route {other.pattern!r}: "
                    f"both match the same {field.name.lower()} numbers",
                    pattern=route.pattern, existing=other.pattern)
            seen[(field, elements)] = route
            items.append(route)
            parsed.append((field, elements))

        order = sorted(range(len(items)), key=lambda i: (parsed[i][0], _vector(parsed[i][1]), i))
        roots = {RouteField.CALLER: _Node(), RouteField.DIALLED: _Node()}
        # set children are collected per node first, then grouped by size
        pending: dict[int, tuple[_Node, dict[frozenset[str], _Node]]] = {}
        for key, i in enumerate(order):
            field, elements = parsed[i]
            node = roots[field]
            for el in elements:
                if el == ONE_OR_MORE:
                    node.dot = key
                    break
                if el == ZERO_OR_MORE:
                    node.bang = key
                    break
                if len(el) == 1:
                    (ch,) = el
                    child = node.lit.get(ch)
                    if child is None:
                        child = node.lit[ch] = _Node()
                else:
                    _, sets = pending.setdefault(id(node), (node, {}))
                    child = sets.get(el)
                    if child is None:
                        child = sets[el] = _Node()
                node = child
            else:
                node.end = key
        for node, sets in pending.values():
            groups: dict[int, list[tuple[frozenset[str], _Node]]] = {}
            for chars, child in sets.items():
                groups.setdefault(len(chars), []).append((chars, child))
            node.sets = [groups[size] for size in sorted(groups)]

        self._routes: tuple[Route, ...] = tuple(items)
        self._roots = roots
        self._key_route = order
        self._decisions: dict[tuple[int, int], RouteDecision] = {}

    @property
    def routes(self) -> tuple[Route, ...]:
        """The routes, in table order."""
        return self._routes

    def __len__(self) -> int:
        return len(self._routes)

    def __repr__(self) -> str:
        return f"<acdcore RouteTable of {len(self._routes)} routes (pure)>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (RouteTable, (self._routes,))

    def _index(self, number: str, field: RouteField) -> int:
        k = _search(self._roots[field], number, 0, len(number))
        return _NONE if k == _NONE else self._key_route[k]

    def match(self, number: str, field: RouteField = RouteField.DIALLED) -> Route | None:
        """The most specific route of ``field`` matching the whole ``number``, or None."""
        field = check_enum(RouteField, field, "field")
        check_text(number, "number", MAX_NUMBER_LEN)
        i = self._index(number, field)
        return None if i == _NONE else self._routes[i]

    def lookup(self, caller: str, dialled: str) -> RouteDecision:
        """Decide a call from its caller and dialled numbers."""
        check_text(caller, "number", MAX_NUMBER_LEN)
        check_text(dialled, "number", MAX_NUMBER_LEN)
        pair = (self._index(caller, RouteField.CALLER), self._index(dialled, RouteField.DIALLED))
        decision = self._decisions.get(pair)
        if decision is None:
            ci, di = pair
            decision = _decide(None if ci == _NONE else self._routes[ci],
                               None if di == _NONE else self._routes[di])
            if len(self._decisions) < DECISION_CACHE_MAX:
                self._decisions[pair] = decision
        return decision
