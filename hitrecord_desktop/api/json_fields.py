"""Typed reads from the server's JSON, so a wrong answer fails here, naming the field.

Without this a missing key or a string where a number belongs would surface as a KeyError or
TypeError somewhere deep in the UI. Each read says where it is (`challenge.author.id`), and a
failure is an `ApiError` of type `bad-response`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from hitrecord_desktop.api.errors import ApiError

T = TypeVar("T")

Parser = Callable[[object, str], T]


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def parse_datetime(value: str) -> datetime:
    """ISO 8601 to an aware datetime; a time without offset is UTC, as the contract says."""
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


class Fields:
    """One JSON object read field by field, each read checked."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, dict):
            raise ApiError.bad_response(f"{where} should be an object, but is {_kind(data)}")
        self._data: dict[str, Any] = data
        self.where = where

    def path(self, key: str) -> str:
        return f"{self.where}.{key}"

    def _get(self, key: str) -> object:
        if key not in self._data:
            raise ApiError.bad_response(f"field {self.path(key)} is missing")
        return self._data[key]

    def _wrong(self, key: str, wanted: str, value: object) -> ApiError:
        return ApiError.bad_response(
            f"field {self.path(key)} should be {wanted}, not {_kind(value)}"
        )

    def integer(self, key: str) -> int:
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._wrong(key, "a whole number", value)
        return value

    def optional_integer(self, key: str) -> int | None:
        if self._data.get(key) is None:
            return None
        return self.integer(key)

    def text(self, key: str) -> str:
        value = self._get(key)
        if not isinstance(value, str):
            raise self._wrong(key, "a string", value)
        return value

    def optional_text(self, key: str) -> str | None:
        if self._data.get(key) is None:
            return None
        return self.text(key)

    def moment(self, key: str) -> datetime:
        value = self.text(key)
        try:
            return parse_datetime(value)
        except ValueError:
            raise ApiError.bad_response(
                f"field {self.path(key)} should be an ISO 8601 time, not {value[:40]!r}"
            ) from None

    def optional_moment(self, key: str) -> datetime | None:
        if self._data.get(key) is None:
            return None
        return self.moment(key)

    def texts(self, key: str) -> tuple[str, ...]:
        value = self._get(key)
        if not isinstance(value, list):
            raise self._wrong(key, "a list", value)
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise self._wrong(f"{key}[{index}]", "a string", item)
        return tuple(value)

    def nested(self, key: str, parse: Parser[T]) -> T:
        return parse(self._get(key), self.path(key))

    def nested_list(self, key: str, parse: Parser[T]) -> tuple[T, ...]:
        value = self._get(key)
        if not isinstance(value, list):
            raise self._wrong(key, "a list", value)
        return tuple(parse(item, f"{self.path(key)}[{index}]") for index, item in enumerate(value))
