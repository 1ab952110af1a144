"""Header parsing for tus 1.0.0: metadata, checksums, dates. Pure functions, no I/O."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from datetime import datetime
from email.utils import format_datetime
from typing import Any

from .problems import ProblemError

try:  # zlib-ng's CRC-32 uses carry-less multiplication: ~4x zlib's speed here
    from zlib_ng.zlib_ng import crc32
except ImportError:  # pragma: no cover - the same CRC, more slowly
    from zlib import crc32

TUS_VERSION = "1.0.0"
EXTENSIONS = "creation,creation-with-upload,checksum,termination,expiration"


class Crc32:
    """CRC-32 with hashlib's interface, for tus's `crc32` checksum (as tusd offers it).

    Several times cheaper than sha1 on both ends: the whole file's SHA-256 is the strong check,
    the per-chunk checksum only has to catch a damaged chunk early.
    """

    digest_size = 4

    def __init__(self, data: bytes = b"") -> None:
        self._value = crc32(data)

    def update(self, data: bytes) -> None:
        self._value = crc32(data, self._value)

    def digest(self) -> bytes:
        return self._value.to_bytes(4, "big")


CHECKSUM_ALGORITHMS: dict[str, Callable[[], Any]] = {
    "sha1": hashlib.sha1,
    "sha256": hashlib.sha256,
    "md5": hashlib.md5,
    "crc32": Crc32,
}
OFFSET_CONTENT_TYPE = "application/offset+octet-stream"

_METADATA_KEY = re.compile(r"^[!#-+\--~]+$")  # visible ASCII without space and comma
_MIME = re.compile(r"^[A-Za-z0-9][\w.+-]{0,62}/[A-Za-z0-9][\w.+-]{0,126}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_RESERVED_NAMES = {".", ".."}


def bad_request(detail: str, slug: str = "bad-request") -> ProblemError:
    return ProblemError(400, slug, "Bad request", detail, headers={"Tus-Resumable": TUS_VERSION})


def http_date(value: datetime) -> str:
    return format_datetime(value, usegmt=True)


def parse_metadata(header: str | None) -> dict[str, str]:
    """Upload-Metadata: comma-separated `key base64value` pairs (value may be absent)."""
    result: dict[str, str] = {}
    if not header or not header.strip():
        return result
    for pair in header.split(","):
        parts = pair.strip().split(" ")
        if len(parts) > 2 or not parts[0] or not _METADATA_KEY.match(parts[0]):
            raise bad_request(f"Upload-Metadata has a malformed pair: {pair.strip()[:60]!r}.")
        key = parts[0]
        if key in result:
            raise bad_request(f"Upload-Metadata names '{key}' twice.")
        value = ""
        if len(parts) == 2:
            try:
                value = base64.b64decode(parts[1], validate=True).decode("utf-8")
            except ValueError:  # binascii.Error, UnicodeDecodeError, or a non-ASCII header
                raise bad_request(
                    f"Upload-Metadata value of '{key}' is not base64-encoded UTF-8."
                ) from None
        result[key] = value
    return result


def _metadata_problem(key: str, message: str) -> ProblemError:
    return ProblemError(
        422,
        "validation-error",
        "Invalid upload metadata",
        f"Upload-Metadata {key}: {message}",
        errors=[{"field": f"header.Upload-Metadata.{key}", "message": message}],
        headers={"Tus-Resumable": TUS_VERSION},
    )


def clean_filename(name: str | None) -> str:
    """The file name as given, or a 422 if it tries to be a path or hides control characters."""
    if name is None or name == "":
        return "upload.bin"
    if "/" in name or "\\" in name or name in _RESERVED_NAMES or ":" in name:
        raise _metadata_problem("filename", "must be a plain file name, not a path")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise _metadata_problem("filename", "must not contain control characters")
    if len(name.encode()) > 255:
        raise _metadata_problem("filename", "must be at most 255 bytes long")
    return name


def clean_filetype(value: str | None) -> str:
    if not value:
        return "application/octet-stream"
    if not _MIME.match(value):
        raise _metadata_problem("filetype", "must be a MIME type such as audio/flac")
    return value.lower()


def clean_sha256(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not _SHA256.match(value.lower()):
        raise _metadata_problem("sha256", "must be 64 hexadecimal characters")
    return value.lower()


def parse_checksum(header: str | None) -> tuple[str, bytes] | None:
    """Upload-Checksum: `<algorithm> <base64 digest>`."""
    if header is None:
        return None
    algorithm, _, encoded = header.strip().partition(" ")
    if algorithm not in CHECKSUM_ALGORITHMS:
        raise bad_request(
            f"Upload-Checksum algorithm '{algorithm}' is not supported; "
            f"use one of {', '.join(CHECKSUM_ALGORITHMS)}.",
        )
    try:
        digest = base64.b64decode(encoded.strip(), validate=True)
    except ValueError:  # binascii.Error, or a non-ASCII header b64decode refuses outright
        raise bad_request("Upload-Checksum digest is not base64.") from None
    if len(digest) != CHECKSUM_ALGORITHMS[algorithm]().digest_size:
        raise bad_request(f"Upload-Checksum digest has the wrong length for {algorithm}.")
    return algorithm, digest


def parse_non_negative(header: str | None, name: str) -> int:
    if header is None:
        raise bad_request(f"The {name} header is missing.")
    text = header.strip()
    # isdigit() alone admits non-ASCII digits such as '²', which int() then refuses.
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        raise bad_request(f"The {name} header must be a non-negative integer.")
    return int(text)
