"""Checks of input values shared by the capabilities. Each failure is an InvalidArgument that
names the request field; nothing is written when one is raised."""

from __future__ import annotations

import math
import re
from typing import Any

from .errors import InvalidArgument

_ACCOUNT = re.compile(r"[A-Za-z0-9-]{4,32}\Z")
_AREA = re.compile(r"[A-Za-z0-9_.-]{1,32}\Z")
_ORG = re.compile(r"[A-Za-z0-9_.@:+-]{1,64}\Z")  # departments, teams, agent ids, queues
_CALL_ID = re.compile(r"[!-{}~]{1,128}\Z")  # printable ASCII without space and '|'
_PHONE = re.compile(r"\+?[0-9]{3,20}\Z")
_CARD = re.compile(r"[0-9]{8,20}\Z")


def text(value: str, field: str, *, min_len: int = 0, max_len: int) -> str:
    if len(value) < min_len:
        raise InvalidArgument(field, "is required" if min_len == 1 and not value else
                              f"must have at least {min_len} characters")
    if len(value) > max_len:
        raise InvalidArgument(field, f"must have at most {max_len} characters (got {len(value)})")
    if any(ord(c) < 32 and c not in "\n\t" for c in value) or "\x00" in value:
        raise InvalidArgument(field, "contains control characters")
    return value


def line(value: str, field: str, *, min_len: int = 0, max_len: int) -> str:
    text(value, field, min_len=min_len, max_len=max_len)
    if "\n" in value or "\t" in value:
        raise InvalidArgument(field, "must be one line")
    return value


def account_number(value: str, field: str = "account_number") -> str:
    if not _ACCOUNT.match(value):
        raise InvalidArgument(field, f"{value!r} is not an account number (4-32 of A-Z a-z 0-9 -)")
    return value


def area(value: str, field: str = "area", *, required: bool = True) -> str:
    if not value and not required:
        return value
    if not _AREA.match(value):
        raise InvalidArgument(field, f"{value!r} is not a service area code (1-32 of A-Z a-z 0-9 _ . -)")
    return value


def org(value: str, field: str, *, required: bool = False) -> str:
    if not value and not required:
        return value
    if not _ORG.match(value):
        raise InvalidArgument(field, f"{value!r} is not valid (1-64 of A-Z a-z 0-9 _ . @ : + -)")
    return value


def call_id(value: str, field: str) -> str:
    if not _CALL_ID.match(value):
        raise InvalidArgument(field, f"{value!r} is not a call id (1-128 printable characters, no space or '|')")
    return value


def smart_card(value: str, field: str) -> str:
    if not _CARD.match(value):
        raise InvalidArgument(field, f"{value!r} is not a smart-card number (8-20 digits)")
    return value


def phone(value: str, field: str, *, local_prefix: str = "") -> str:
    """Normalise a phone number: digits only, the country code 86 dropped (national form);
    a 7-8 digit local number gets ``local_prefix`` (the city's area code, e.g. 0459)."""
    v = re.sub(r"[\s()-]", "", value)
    if not _PHONE.match(v):
        raise InvalidArgument(field, f"{value!r} is not a phone number (3-20 digits, optional leading '+')")
    return normalise_number(v, local_prefix)


def normalise_number(raw: str, local_prefix: str = "") -> str:
    """The lookup form of a caller number (never raises: unknown shapes are kept as digits)."""
    v = "".join(c for c in raw if c.isdigit())
    if raw.startswith("+86"):
        v = v[2:]
        if len(v) != 11 or not v.startswith("1"):  # a landline: national form has the trunk 0
            v = "0" + v
    elif v.startswith("0086"):
        v = v[4:]
        if len(v) != 11 or not v.startswith("1"):
            v = "0" + v
    if local_prefix and 7 <= len(v) <= 8 and not v.startswith("0") and not v.startswith("1"):
        v = local_prefix + v
    return v


def positive_id(value: int, field: str) -> int:
    if value <= 0:
        raise InvalidArgument(field, "is required")
    return value


def enum(value: int, cls: Any, field: str, *, required: bool = True) -> Any:
    if value == 0:
        if required:
            raise InvalidArgument(field, f"is required (one of {', '.join(m.name for m in cls)})")
        return None
    try:
        return cls(value)
    except ValueError:
        raise InvalidArgument(field, f"{value} is not a valid {cls.__name__}") from None


def finite_time(value: float, field: str) -> float:
    if not math.isfinite(value) or value < 0 or value > 4_102_444_800:  # 2100-01-01
        raise InvalidArgument(field, "is not a valid time (1970-2100)")
    return value


def page_size(value: int, field: str = "page_size", default: int = 50, maximum: int = 500) -> int:
    if value == 0:
        return default
    if value > maximum:
        raise InvalidArgument(field, f"must be at most {maximum}")
    return value
