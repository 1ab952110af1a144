"""Download a contribution's media to disk: resumable, verified, renamed into place atomically.

Media files are large and connections at home drop. Bytes go to `<dest>.part`; a later call (or a
retry after a broken connection) asks for the rest with `Range` + `If-Range` (the strong ETag the
server derives from the file's sha256), so a file that changed on the server is fetched whole
instead of being spliced. Only a file whose sha256 matches the contribution's is renamed to
`dest`; a mismatch deletes the part so the next try starts clean.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

import requests

from hitrecord_desktop.api.errors import CHECKSUM_MISMATCH, NETWORK_ERROR, ApiError

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

_BLOCK = 64 * 1024  # also how often a cancel is looked at
_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")


def part_path(dest: Path) -> Path:
    """Where the unfinished bytes of `dest` live."""
    return dest.with_name(dest.name + ".part")


class _StartOver(Exception):
    """The server cannot continue our part file; fetch the whole file again."""


def download_verified(
    session: requests.Session,
    url: str,
    dest: Path,
    *,
    sha256: str,
    size: int,
    timeout: float | tuple[float, float],
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    attempts: int = 3,
    backoff: float = 0.3,
) -> Path:
    """Fetch `url` into `dest`; resumes an existing part and after broken connections."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = part_path(dest)
    digest = None
    failures = 0
    while digest is None:
        _raise_if_cancelled(cancel)
        have = part.stat().st_size if part.exists() else 0
        if have > size:
            log.info("part file of %s is longer than the media; starting over", dest.name)
            part.unlink()
            have = 0
        try:
            digest = _fetch(
                session,
                url,
                part,
                have,
                sha256=sha256,
                size=size,
                timeout=timeout,
                progress=progress,
                cancel=cancel,
            )
        except _StartOver:
            part.unlink(missing_ok=True)
            failures += 1
            if failures > attempts:
                raise ApiError.bad_response(
                    "the media cannot be resumed or fetched whole"
                ) from None
        except ApiError as error:
            failures += 1
            if not error.is_network_error or failures > attempts:
                raise
            log.info("download of %s broke (%s); resuming", dest.name, error.type)
            if _wait(cancel, backoff * 2 ** (failures - 1)):
                raise ApiError.cancelled("The download") from error
    if digest != sha256.lower():
        part.unlink(missing_ok=True)
        raise ApiError(
            f"The downloaded file for {dest.name} is damaged (its checksum does not match) "
            "and was deleted. Try downloading it again.",
            title="Download damaged",
            type=CHECKSUM_MISMATCH,
        )
    os.replace(part, dest)
    return dest


def _fetch(
    session: requests.Session,
    url: str,
    part: Path,
    have: int,
    *,
    sha256: str,
    size: int,
    timeout: float | tuple[float, float],
    progress: Progress | None,
    cancel: threading.Event | None,
) -> str:
    """Fetch what is missing from `part`; answers the sha256 of the complete file."""
    hasher = hashlib.sha256()
    if have == size:
        _hash_prefix(part, have, hasher)
        return hasher.hexdigest()
    # identity: a Range over a compressed encoding would not be a range of the file.
    headers = {"Accept-Encoding": "identity"}
    if have:
        headers["Range"] = f"bytes={have}-"
        headers["If-Range"] = f'"{sha256}"'
    try:
        response = session.get(url, headers=headers, stream=True, timeout=timeout)
    except requests.RequestException as exc:
        raise ApiError.from_exception(exc, url) from exc
    with response:
        if response.status_code == 206:
            start = _range_start(response)
            if start != have:
                raise ApiError.bad_response(
                    f"asked for bytes from {have} but got a range from {start}",
                    status=206,
                )
        elif response.status_code == 200:
            start = 0
        elif response.status_code == 416:
            raise _StartOver
        else:
            raise ApiError.from_response(response)
        _hash_prefix(part, start, hasher)
        done = start
        try:
            with open(part, "r+b" if part.exists() else "wb") as out:
                out.truncate(start)
                out.seek(start)
                for block in response.iter_content(_BLOCK):
                    _raise_if_cancelled(cancel)
                    out.write(block)
                    hasher.update(block)
                    done += len(block)
                    if progress is not None:
                        progress(done, size)
                out.flush()
                os.fsync(out.fileno())
        except requests.RequestException as exc:
            raise ApiError.from_exception(exc, url) from exc
    if done < size:
        raise ApiError(
            "The connection ended before the whole file arrived.",
            title="Download incomplete",
            type=NETWORK_ERROR,
        )
    return hasher.hexdigest()


def _range_start(response: requests.Response) -> int:
    match = _CONTENT_RANGE.fullmatch(response.headers.get("Content-Range", "").strip())
    if match is None:
        raise ApiError.bad_response("a 206 answer without a usable Content-Range", status=206)
    return int(match.group(1))


def _hash_prefix(part: Path, length: int, hasher: hashlib._Hash) -> None:
    if length == 0:
        return
    with open(part, "rb") as existing:
        remaining = length
        while remaining:
            block = existing.read(min(_BLOCK, remaining))
            if not block:
                raise _StartOver
            hasher.update(block)
            remaining -= len(block)


def _raise_if_cancelled(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ApiError.cancelled("The download")


def _wait(cancel: threading.Event | None, seconds: float) -> bool:
    """Sleep that a cancel cuts short; True when cancelled."""
    if cancel is None:
        time.sleep(seconds)
        return False
    return cancel.wait(seconds)
