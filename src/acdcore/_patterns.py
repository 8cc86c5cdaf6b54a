"""Number patterns for prefix analysis (the seed's 字冠分析), parsed once, matched compiled.

Two kinds of pattern, as an Asterisk dialplan writer expects:

* a plain prefix, ``0459``: matches every number that begins with it (``0459`` itself too);
* an Asterisk pattern after ``_``: ``X`` is 0-9, ``Z`` 1-9, ``N`` 2-9 (either case),
  ``[15-7]`` a set with ranges, ``.`` one or more further characters, ``!`` zero or more,
  ``-`` is ignored (``_NXX-XXXX``), anything else is a literal. The whole number must match.

A pattern parses into a tuple of elements; an element is a frozenset of the characters it
accepts, or the marker ``ONE_OR_MORE`` / ``ZERO_OR_MORE`` (only as the last element). A plain
prefix ``P`` is the pattern ``_P!``.

Specificity decides between several matching patterns, as Asterisk sorts its extensions:
position by position, the element accepting fewer characters wins (a literal beats a set,
a set beats N, N beats Z, Z beats X, X beats ``.``, ``.`` beats ``!``), and a pattern that
ends where the number ends beats one that goes on with a wildcard. Equal specificity: the
route listed first wins.
"""

from __future__ import annotations

from typing import Union

from .errors import InvalidPatternError

ONE_OR_MORE = "."
ZERO_OR_MORE = "!"
MAX_PATTERN_LEN = 80

#: specificity ranks of the wildcard elements and of "the pattern ended here"
RANK_END = 0
RANK_ONE_OR_MORE = 1000
RANK_ZERO_OR_MORE = 1001

_DIGITS = "0123456789"
_CLASSES = {"X": frozenset(_DIGITS), "Z": frozenset(_DIGITS[1:]), "N": frozenset(_DIGITS[2:])}


def _allowed_char(ch: str) -> bool:
    # numbers are printable ASCII without space or '|' (see types.check_text)
    return "!" <= ch <= "~" and ch != "|"


Element = Union[frozenset[str], str]


def parse_pattern(pattern: str) -> tuple[Element, ...]:
    """Parse ``pattern`` into its elements; raise InvalidPatternError saying what is wrong."""
    if not isinstance(pattern, str):
        raise InvalidPatternError("a pattern must be a string", field="pattern")
    if not pattern or pattern == "_":
        raise InvalidPatternError("empty pattern", field="pattern")
    if len(pattern) > MAX_PATTERN_LEN:
        raise InvalidPatternError(f"pattern longer than {MAX_PATTERN_LEN} characters", field="pattern",
                                  pattern=pattern[:MAX_PATTERN_LEN])
    for i, ch in enumerate(pattern):
        if not _allowed_char(ch):
            raise InvalidPatternError(
                f"pattern {pattern!r}: character {ch!r} at {i} is not allowed (printable ASCII, no space or '|')",
                field="pattern", pattern=pattern)
    if pattern[0] != "_":
        return tuple(frozenset(ch) for ch in pattern) + (ZERO_OR_MORE,)
    elements: list[Element] = []
    i, n = 1, len(pattern)
    while i < n:
        ch = pattern[i]
        up = ch.upper()
        if elements and elements[-1] in (ONE_OR_MORE, ZERO_OR_MORE):
            raise InvalidPatternError(
                f"pattern {pattern!r}: '{elements[-1]}' must be the last element", field="pattern", pattern=pattern)
        if ch == "-":
            i += 1
            continue
        if up in _CLASSES:
            elements.append(_CLASSES[up])
            i += 1
        elif ch in (ONE_OR_MORE, ZERO_OR_MORE):
            elements.append(ch)
            i += 1
        elif ch == "[":
            end = pattern.find("]", i + 1)
            if end < 0:
                raise InvalidPatternError(f"pattern {pattern!r}: '[' at {i} is never closed",
                                          field="pattern", pattern=pattern)
            body = pattern[i + 1:end]
            if not body:
                raise InvalidPatternError(f"pattern {pattern!r}: empty set '[]' at {i}",
                                          field="pattern", pattern=pattern)
            chars: set[str] = set()
            j = 0
            while j < len(body):
                if j + 2 < len(body) and body[j + 1] == "-":
                    lo, hi = body[j], body[j + 2]
                    if lo > hi:
                        raise InvalidPatternError(
                            f"pattern {pattern!r}: range {lo}-{hi} runs backwards", field="pattern", pattern=pattern)
                    chars.update(chr(c) for c in range(ord(lo), ord(hi) + 1))
                    j += 3
                else:
                    chars.add(body[j])
                    j += 1
            elements.append(frozenset(c for c in chars if _allowed_char(c)))
            i = end + 1
        elif ch == "]":
            raise InvalidPatternError(f"pattern {pattern!r}: ']' at {i} without '['", field="pattern",
                                      pattern=pattern)
        else:
            elements.append(frozenset(ch))
            i += 1
    if not elements:
        raise InvalidPatternError(f"pattern {pattern!r} has no elements", field="pattern", pattern=pattern)
    return tuple(elements)


def element_rank(element: Element) -> int:
    if element == ONE_OR_MORE:
        return RANK_ONE_OR_MORE
    if element == ZERO_OR_MORE:
        return RANK_ZERO_OR_MORE
    return len(element)


def match_vector(elements: tuple[Element, ...], number: str) -> tuple[int, ...] | None:
    """The specificity vector of ``elements`` matching the whole ``number``, or None.

    The vector has one rank per element used, then RANK_END if the pattern ended with the
    number; a smaller vector (compared as tuples) is more specific.
    """
    n = len(number)
    ranks: list[int] = []
    for pos, el in enumerate(elements):
        if el == ZERO_OR_MORE:
            ranks.append(RANK_ZERO_OR_MORE)
            return tuple(ranks)
        if el == ONE_OR_MORE:
            if pos >= n:
                return None
            ranks.append(RANK_ONE_OR_MORE)
            return tuple(ranks)
        if pos >= n or number[pos] not in el:
            return None
        ranks.append(len(el))
    if len(elements) != n:
        return None
    ranks.append(RANK_END)
    return tuple(ranks)
