"""Adapters to the outside systems: the SMS (subscriber management system of the digital-TV
head end) and the bank-debit gateway. The saga sees only these interfaces; the clients here
speak the simulators' wire protocol (servicedesk.sims), a real SMS or bank gets its own adapter
with the same methods and the same three outcomes:

* a result: the operation was applied (or had been, under the same idempotency key);
* :class:`Refused`: a definite business answer, nothing applied (declined, unknown card, ...);
* :class:`Uncertain`: no definite answer (timeout, connection lost, transient system error):
  the operation may or may not have been applied; retry with the *same* key to find out.
"""

from __future__ import annotations

from typing import Any, Protocol

from ..sims.wire import WireClient, WireError, WireTimeout

TRANSIENT = frozenset({"SYSTEM_ERROR", "BAD_FRAME"})


class Refused(Exception):
    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(f"{code}: {message}" if message else code)
        self.code = code
        self.message = message


class Uncertain(Exception):
    pass


class SmsAdapter(Protocol):
    def entitle(self, card: str, package: str, *, key: str) -> None: ...
    def deentitle(self, card: str, package: str, *, key: str, cancels: str = "") -> bool: ...
    def entitlements(self, card: str) -> list[str]: ...


class BankAdapter(Protocol):
    def authorize(self, account: str, amount_cents: int, *, key: str) -> None: ...
    def capture(self, auth_key: str, *, key: str) -> None: ...
    def void(self, auth_key: str, *, key: str) -> str: ...
    def refund(self, auth_key: str, *, key: str) -> None: ...
    def status(self, auth_key: str) -> str: ...


def _call(client: WireClient, op: str, **params: Any) -> dict[str, Any]:
    try:
        return client.call(op, **params)
    except WireError as e:
        if e.code in TRANSIENT:
            raise Uncertain(f"{op}: {e}") from e
        raise Refused(e.code, e.message) from e
    except WireTimeout as e:
        raise Uncertain(f"{op}: {e}") from e


class SmsClient:
    """SMS adapter over the simulator's wire protocol."""

    def __init__(self, host: str, port: int, *, timeout: float = 2.0) -> None:
        self.wire = WireClient(host, port, timeout=timeout)

    def entitle(self, card: str, package: str, *, key: str) -> None:
        _call(self.wire, "entitle", card=card, package=package, key=key)

    def deentitle(self, card: str, package: str, *, key: str, cancels: str = "") -> bool:
        r = _call(self.wire, "deentitle", card=card, package=package, key=key, cancels=cancels)
        return bool(r.get("was_entitled"))

    def entitlements(self, card: str) -> list[str]:
        return list(_call(self.wire, "query", card=card)["packages"])

    def close(self) -> None:
        self.wire.close()


class BankClient:
    """Bank-debit adapter over the simulator's wire protocol."""

    def __init__(self, host: str, port: int, *, timeout: float = 2.0) -> None:
        self.wire = WireClient(host, port, timeout=timeout)

    def authorize(self, account: str, amount_cents: int, *, key: str) -> None:
        _call(self.wire, "authorize", account=account, amount=int(amount_cents), key=key)

    def capture(self, auth_key: str, *, key: str) -> None:
        _call(self.wire, "capture", auth_key=auth_key, key=key)

    def void(self, auth_key: str, *, key: str) -> str:
        return str(_call(self.wire, "void", auth_key=auth_key, key=key)["state"])

    def refund(self, auth_key: str, *, key: str) -> None:
        _call(self.wire, "refund", auth_key=auth_key, key=key)

    def status(self, auth_key: str) -> str:
        return str(_call(self.wire, "query", auth_key=auth_key)["state"])

    def close(self) -> None:
        self.wire.close()
