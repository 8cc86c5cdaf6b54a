"""A simulated digital-TV subscriber management system (SMS / CA head end).

It knows smart cards and programme packages. ``entitle`` opens a package on a card,
``deentitle`` closes it, ``query`` lists a card's packages. ``deentitle`` may name the key of
the ``entitle`` it undoes (``cancels``): that key is then tombstoned, so an ``entitle`` with it
that arrives late (after the caller gave up and compensated) is refused with ``CANCELLED``
instead of opening the package behind the caller's back.

Error codes: UNKNOWN_CARD, CARD_BLOCKED, UNKNOWN_PACKAGE, CANCELLED, INVALID_ARGUMENT,
SYSTEM_ERROR (transient), IDEMPOTENCY_MISMATCH.
"""

from __future__ import annotations

import re
from typing import Any

from .wire import SimServer, WireError

CARD_RE = re.compile(r"^\d{8,20}$")
DEFAULT_PACKAGES = ("HD-BASIC", "SPORTS", "MOVIES", "KIDS", "DRAMA", "NEWS-PLUS")


class SmsSim(SimServer):
    MUTATING = frozenset({"entitle", "deentitle", "block_card"})

    def __init__(self, *, packages: tuple[str, ...] = DEFAULT_PACKAGES, **kw: Any) -> None:
        super().__init__(**kw)
        self.packages = set(packages)
        self.entitlements: dict[str, set[str]] = {}
        self.blocked: set[str] = set()
        self.cancelled_keys: set[str] = set()
        self.log: list[tuple[str, str, str, str]] = []  # (op, card, package, key)

    def _card(self, req: dict[str, Any]) -> str:
        card = req["card"]
        if not isinstance(card, str) or not CARD_RE.match(card):
            raise WireError("UNKNOWN_CARD", f"no smart card {card!r}")
        return card

    def _package(self, req: dict[str, Any]) -> str:
        pkg = req["package"]
        if pkg not in self.packages:
            raise WireError("UNKNOWN_PACKAGE", f"no package {pkg!r}")
        return str(pkg)

    def op_entitle(self, req: dict[str, Any]) -> dict[str, Any]:
        card, pkg = self._card(req), self._package(req)
        if req["key"] in self.cancelled_keys:
            raise WireError("CANCELLED", "this entitlement was cancelled before it arrived")
        if card in self.blocked:
            raise WireError("CARD_BLOCKED", f"smart card {card} is blocked")
        self.entitlements.setdefault(card, set()).add(pkg)
        self.log.append(("entitle", card, pkg, req["key"]))
        return {"card": card, "package": pkg}

    def op_deentitle(self, req: dict[str, Any]) -> dict[str, Any]:
        card, pkg = self._card(req), self._package(req)
        cancels = req.get("cancels")
        if cancels:
            self.cancelled_keys.add(str(cancels))
            # the entitle under that key, if it ran, is undone; if it never ran it never will
            seen = self.keys.get(str(cancels))
            if seen is not None and not seen[2].get("ok"):
                return {"card": card, "package": pkg, "was_entitled": False}
        had = pkg in self.entitlements.get(card, set())
        self.entitlements.get(card, set()).discard(pkg)
        self.log.append(("deentitle", card, pkg, req["key"]))
        return {"card": card, "package": pkg, "was_entitled": had}

    def op_block_card(self, req: dict[str, Any]) -> dict[str, Any]:
        card = self._card(req)
        self.blocked.add(card)
        return {"card": card}

    def op_query(self, req: dict[str, Any]) -> dict[str, Any]:
        card = self._card(req)
        return {"card": card, "packages": sorted(self.entitlements.get(card, set()))}

    def dump(self) -> dict[str, Any]:
        return {"entitlements": {c: sorted(p) for c, p in self.entitlements.items() if p},
                "blocked": sorted(self.blocked), "log": self.log[-1000:]}
