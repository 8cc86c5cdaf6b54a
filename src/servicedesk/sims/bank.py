"""A simulated bank-debit gateway: authorise (hold funds), capture, void, refund.

Accounts have balances; ``authorize`` holds an amount (DECLINED when the available balance,
balance minus holds, is short, ACCOUNT_BLOCKED, UNKNOWN_ACCOUNT); ``capture`` takes a held
amount; ``void`` releases a hold (``ALREADY_CAPTURED`` if it was captured: refund it instead);
``refund`` returns a captured amount. Authorisations are named by the idempotency key of the
``authorize`` that made them (``auth_key``), so a caller that never saw the answer can still
void or capture it. ``void`` tombstones that key: an ``authorize`` with it that arrives late is
refused (``VOIDED``) rather than holding money nobody will release.
"""

from __future__ import annotations

import re
from typing import Any

from .wire import SimServer, WireError

ACCOUNT_RE = re.compile(r"^\d{6,24}$")


class BankSim(SimServer):
    MUTATING = frozenset({"authorize", "capture", "void", "refund", "open_account", "block_account"})

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.balances: dict[str, int] = {}
        self.blocked: set[str] = set()
        # auth_key -> {"account", "amount", "state": held|captured|voided|refunded}
        self.auths: dict[str, dict[str, Any]] = {}
        self.voided_keys: set[str] = set()

    def _account(self, req: dict[str, Any]) -> str:
        acc = req["account"]
        if not isinstance(acc, str) or not ACCOUNT_RE.match(acc) or acc not in self.balances:
            raise WireError("UNKNOWN_ACCOUNT", f"no account {acc!r}")
        return acc

    def _held(self, acc: str) -> int:
        return sum(a["amount"] for a in self.auths.values() if a["account"] == acc and a["state"] == "held")

    def op_open_account(self, req: dict[str, Any]) -> dict[str, Any]:
        acc = req["account"]
        if not isinstance(acc, str) or not ACCOUNT_RE.match(acc):
            raise WireError("INVALID_ARGUMENT", "account: 6-24 digits")
        self.balances[acc] = int(req.get("balance", 0))
        return {"account": acc}

    def op_block_account(self, req: dict[str, Any]) -> dict[str, Any]:
        self.blocked.add(self._account(req))
        return {}

    def op_authorize(self, req: dict[str, Any]) -> dict[str, Any]:
        acc = self._account(req)
        amount = req["amount"]
        if not isinstance(amount, int) or amount <= 0:
            raise WireError("INVALID_ARGUMENT", "amount: a positive number of cents")
        if req["key"] in self.voided_keys:
            raise WireError("VOIDED", "this authorisation was voided before it arrived")
        if acc in self.blocked:
            raise WireError("ACCOUNT_BLOCKED", f"account {acc} is blocked")
        if self.balances[acc] - self._held(acc) < amount:
            raise WireError("DECLINED", "insufficient funds")
        self.auths[req["key"]] = {"account": acc, "amount": amount, "state": "held"}
        return {"auth_key": req["key"], "amount": amount}

    def _auth(self, req: dict[str, Any]) -> dict[str, Any]:
        a = self.auths.get(req["auth_key"])
        if a is None:
            raise WireError("UNKNOWN_AUTH", f"no authorisation {req['auth_key']!r}")
        return a

    def op_capture(self, req: dict[str, Any]) -> dict[str, Any]:
        a = self._auth(req)
        if a["state"] != "held":
            raise WireError("AUTH_" + a["state"].upper(), f"authorisation is {a['state']}")
        a["state"] = "captured"
        self.balances[a["account"]] -= a["amount"]
        return {"amount": a["amount"]}

    def op_void(self, req: dict[str, Any]) -> dict[str, Any]:
        self.voided_keys.add(str(req["auth_key"]))
        a = self.auths.get(req["auth_key"])
        if a is None:
            return {"state": "none"}
        if a["state"] in ("captured", "refunded"):
            raise WireError("ALREADY_CAPTURED", "captured: refund it")
        a["state"] = "voided"
        return {"state": "voided"}

    def op_refund(self, req: dict[str, Any]) -> dict[str, Any]:
        a = self._auth(req)
        if a["state"] != "captured":
            raise WireError("NOT_CAPTURED", f"authorisation is {a['state']}")
        a["state"] = "refunded"
        self.balances[a["account"]] += a["amount"]
        return {"amount": a["amount"]}

    def op_query(self, req: dict[str, Any]) -> dict[str, Any]:
        a = self.auths.get(req["auth_key"])
        return {"state": a["state"] if a else "none", "amount": a["amount"] if a else 0}

    def op_balance(self, req: dict[str, Any]) -> dict[str, Any]:
        acc = self._account(req)
        return {"balance": self.balances[acc], "available": self.balances[acc] - self._held(acc)}

    def dump(self) -> dict[str, Any]:
        return {"balances": dict(self.balances), "auths": self.auths}
