"""Opaque keyset-pagination cursors: the sort they belong to and the last row's sort key."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from .problems import invalid


def encode_cursor(sort: str, key: list[Any]) -> str:
    raw = json.dumps({"s": sort, "k": key}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str, arity: int) -> list[Any]:
    """The key inside cursor; a 422 naming `cursor` if it is damaged or from another sort."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (binascii.Error, ValueError, UnicodeError):
        raise invalid("query.cursor", "is not a cursor this server gave out") from None
    if not isinstance(data, dict) or not isinstance(data.get("k"), list):
        raise invalid("query.cursor", "is not a cursor this server gave out")
    if data.get("s") != sort:
        raise invalid("query.cursor", f"belongs to another sort order than '{sort}'")
    key = data["k"]
    if len(key) != arity:
        raise invalid("query.cursor", "is not a cursor this server gave out")
    return key
