"""A small tus 1.0.0 client of our own, on `requests`, for uploading takes.

Why not tuspy (which the tests use to check our server speaks standard tus):

* its default fingerprint for remembering upload URLs is the md5 of the first 64 KiB plus the
  size, so two takes with the same header, leading silence and length collide and one would
  resume into the other's upload; we key uploads by the upload job's own id instead, kept by the
  app;
* it neither retries nor stores the upload URL unless told to, and then its retry is a
  `time.sleep` that cannot be interrupted - pause and cancel must act at once, so every wait here
  is on the caller's `threading.Event`, and a cancel also stops a chunk that is being sent;
* a connection that breaks mid-chunk is normal at home; here it means "ask the server (HEAD)
  where it got to and carry on", bounded, with backoff.

Files are read from disk in small blocks as they are sent, never held whole, nor a chunk. Each
chunk carries `Upload-Checksum`, so a chunk damaged on the way is refused (460) and sent again.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import random
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests

from hitrecord_desktop.api.errors import FILE_CHANGED, ApiError

try:  # zlib-ng's CRC-32 uses carry-less multiplication: ~4x zlib's speed here
    from zlib_ng.zlib_ng import crc32
except ImportError:  # pragma: no cover - the same CRC, more slowly
    from zlib import crc32

log = logging.getLogger(__name__)

TUS_VERSION = "1.0.0"
DEFAULT_TIMEOUT = (3.05, 30.0)

Progress = Callable[[int, int], None]
# Called with each block's size just before it is handed to the socket: a shared bandwidth
# limit waits there, and the caller counts bytes on their way (progress between chunks).
Pace = Callable[[int], None]


class _Crc32:
    """CRC-32 with hashlib's digest(), for servers that offer tus's `crc32` checksum: a damaged
    chunk is caught at a fraction of sha1's cost (the server checks the file's SHA-256 anyway)."""

    def __init__(self, data: bytes = b"") -> None:
        self._value = crc32(data)

    def update(self, data: bytes) -> None:
        self._value = crc32(data, self._value)

    def digest(self) -> bytes:
        return self._value.to_bytes(4, "big")


_CHECKSUMS: dict[str, Callable[..., Any]] = {
    "crc32": _Crc32,
    "sha1": hashlib.sha1,
    "sha256": hashlib.sha256,
    "md5": hashlib.md5,
}
# Answers after which asking the server for its offset and sending again can succeed.
_RESYNC_STATUSES = frozenset({409, 423, 429, 460, 502, 503, 504})
_UPLOAD_ID = re.compile(r"[0-9a-f]{32}")
_METADATA_KEY = re.compile(r"[!-+\--~]+")  # visible ASCII but comma; no spaces
_SEND_BLOCK = 256 * 1024
_MAX_RETRY_AFTER = 10.0
_CANCEL_POLL_SECONDS = 0.02


@dataclass(frozen=True)
class TusCapabilities:
    """What `OPTIONS` says the server supports."""

    versions: tuple[str, ...]
    extensions: tuple[str, ...]
    max_size: int | None
    checksum_algorithms: tuple[str, ...]


class _Cancelled(Exception):
    """The caller's cancel event was set: raised from a request body that is being sent, or by
    the wait for a request's answer; upload() turns it into ApiError `cancelled`."""


class _ChunkBody:
    """A chunk of a file as an iterable request body, read from disk block by block as it is
    sent, that stops the send when `cancel` is set.

    Iterated (no `read`), so urllib3 hands the socket large blocks instead of reading 16 KiB at a
    time: on two cores the client's per-block work competed with the server's hashing. Has
    `__len__` so requests sends a Content-Length (tus wants one) instead of chunked encoding.
    Each block is yielded from the same buffer: urllib3 sends one before asking for the next.
    """

    def __init__(
        self,
        path: Path,
        offset: int,
        length: int,
        cancel: threading.Event | None,
        pace: Pace | None = None,
    ) -> None:
        self._path = path
        self._offset = offset
        self._length = length
        self._cancel = cancel
        self._pace = pace

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[memoryview]:
        view = memoryview(bytearray(min(_SEND_BLOCK, self._length)))
        with open(self._path, "rb", buffering=0) as source:
            source.seek(self._offset)
            left = self._length
            while left:
                if self._pace is not None:
                    self._pace(min(_SEND_BLOCK, left))
                if self._cancel is not None and self._cancel.is_set():
                    raise _Cancelled
                got = source.readinto(view[: min(_SEND_BLOCK, left)])
                if not got:
                    raise _file_changed(self._path)
                left -= got
                yield view[:got]


def encode_metadata(metadata: Mapping[str, str]) -> str:
    """`Upload-Metadata`: comma-separated `key base64(value)`; an empty value is the key alone."""
    pairs = []
    for key, value in metadata.items():
        if not _METADATA_KEY.fullmatch(key):
            raise ValueError(f"tus metadata key {key!r} must be ASCII without spaces or commas")
        if value == "":
            pairs.append(key)
        else:
            pairs.append(f"{key} {base64.b64encode(value.encode('utf-8')).decode('ascii')}")
    return ",".join(pairs)


def upload_id_from_url(url: str) -> str:
    """The upload id (for POST /contributions) from an upload URL."""
    upload_id = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    if not _UPLOAD_ID.fullmatch(upload_id):
        raise ApiError.bad_response(f"the upload address does not end in an upload id: {url}")
    return upload_id


class ChunkSizer:
    """Chunk sizes fitted to the link: a chunk is what one failure re-sends, so small on a slow
    or flaky link, large on a fast one where each request's round trip and sync would dominate.

    Starts at 4 MiB. A chunk that took between 1 and 4 seconds keeps the size; otherwise the
    next one is sized to take about 2 seconds at the rate just measured, at most 4 times larger
    or smaller than the last, within 256 KiB..256 MiB. A failed chunk halves the size. A fixed
    size, if given, is used as is. Keep one per file across `upload` calls (the upload engine
    does), so what a bad link taught is not forgotten when the upload is resumed.

    (Doubling from 4 MiB up to 64 MiB took eight requests for 200 MB on loopback, each with its
    round trip, database work and end-of-chunk sync; this takes four. The largest chunk is
    ~0.6 s of sending on loopback: chunks are not held in memory, so only re-sending bounds
    them.)"""

    MIN, START, MAX = 256 * 1024, 4 * 1024 * 1024, 256 * 1024 * 1024
    AIM_SECONDS = 2.0
    STEP = 4

    def __init__(self, fixed: int | None) -> None:
        self.fixed = fixed
        self.size = fixed or self.START
        self.growing = not fixed  # nothing measured yet: the link may be fast

    def record(self, succeeded: bool, seconds: float, length: int) -> None:
        """After a chunk of `length` bytes that took `seconds` (failed or not)."""
        if self.fixed:
            return
        before = self.size
        if not succeeded:
            self.size = max(self.MIN, self.size // 2)
        elif not self.AIM_SECONDS / 2 <= seconds <= self.AIM_SECONDS * 2 and length > 0:
            wanted = int(length * self.AIM_SECONDS / max(seconds, 1e-6))
            lowest = max(self.MIN, self.size // self.STEP)
            highest = min(self.MAX, self.size * self.STEP)
            self.size = min(highest, max(lowest, wanted))
        self.growing = self.size > before

    def ahead_size(self) -> int:
        """How much to read ahead for the chunk after the one about to be sent: what it grows to
        if that one is as fast as the last, while sizes grow; else the size they stay at."""
        if self.growing:
            return min(self.MAX, self.size * self.STEP)
        return self.size


class _ChunkReader:
    """Each chunk's checksum, for the header that goes before its body: the file is read for it
    in small blocks, and for the next chunk on a worker thread while this one is sent, so the
    send never waits for the disk or the hash; the body is read again as it is sent.

    Reading twice costs less than holding a chunk: chunks read into memory took a fresh buffer
    each, and a page fault per 4 KiB made reading 64 MiB into new memory take 75 ms of CPU here
    against 10 ms into memory already used. Without chunks in memory, memory does not bound the
    chunk size either. A file that changes between the two reads fails the chunk's checksum on
    the server (460), as bytes damaged on the way do.

    The next chunk's size is only known once this one has been answered, so while sizes grow
    the read-ahead goes as far as the next chunk may reach, keeping the checksum of every length
    it may be cut to (each power of two from this chunk's size up); without that, every step up
    came one chunk late."""

    BLOCK = 1024 * 1024

    def __init__(
        self,
        path: Path,
        size: int,
        checksum: str | None,
        cancel: threading.Event | None = None,
    ) -> None:
        self._path = path
        self._size = size
        self._checksum = checksum
        self._cancel = cancel
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tus-read-ahead")
        self._ahead: tuple[int, Future[dict[int, str | None]]] | None = None
        self._buffer = memoryview(bytearray(self.BLOCK))  # one read at a time, see read()
        self._closing = threading.Event()

    def _checksums(self, offset: int, length: int, cuts: Iterable[int] = ()) -> dict[int, Any]:
        """The Upload-Checksum header of the `end` bytes at offset, for each length `end` of
        cuts and `length`."""
        ends = sorted({cut for cut in cuts if 0 < cut < length} | {length})
        if self._checksum is None:
            return dict.fromkeys(ends)
        digest, done, headers = _CHECKSUMS[self._checksum](), 0, {}
        with open(self._path, "rb", buffering=0) as source:
            source.seek(offset)
            for end in ends:
                while done < end:
                    if self._stopped():  # a read-ahead may be 256 MiB: cancel is now
                        raise _Cancelled
                    got = source.readinto(self._buffer[: min(self.BLOCK, end - done)])
                    if not got:
                        raise _file_changed(self._path)
                    digest.update(self._buffer[:got])
                    done += got
                value = base64.b64encode(digest.digest()).decode("ascii")
                headers[end] = f"{self._checksum} {value}"
        return headers

    def read(
        self, offset: int, length: int, ahead_length: int | None = None
    ) -> tuple[int, str | None]:
        """The length of the chunk at offset, `length` (less at the end of the file), and its
        Upload-Checksum header value; then starts on the chunk after it, up to `ahead_length`
        (default `length`) long.

        A chunk that was read ahead is the longest cut of it that is not longer than `length`,
        or its shortest."""
        ahead, self._ahead = self._ahead, None
        if ahead is not None and ahead[0] == offset:
            while True:
                try:
                    headers = ahead[1].result(timeout=_CANCEL_POLL_SECONDS)
                    break
                except TimeoutError:
                    if self._stopped():
                        raise _Cancelled from None
            fitting = [end for end in headers if end <= length]
            end = max(fitting) if fitting else min(headers)
        else:
            if ahead is not None:
                wait([ahead[1]])  # it reads into the same buffer
            end = min(length, self._size - offset)
            headers = self._checksums(offset, end)
        after = offset + end
        if after < self._size:
            steady = min(length, self._size - after)
            largest = min(max(ahead_length or length, steady), self._size - after)
            cuts = {steady}
            cut = 1 << steady.bit_length()
            while cut < largest:
                cuts.add(cut)
                cut <<= 1
            self._ahead = (after, self._executor.submit(self._checksums, after, largest, cuts))
        return end, headers[end]

    def _stopped(self) -> bool:
        return self._closing.is_set() or (self._cancel is not None and self._cancel.is_set())

    def __enter__(self) -> _ChunkReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self._closing.set()
        self._executor.shutdown(wait=True, cancel_futures=True)


class _Attempts:
    """Failures in a row during one upload() call, and the waits between them."""

    def __init__(
        self, uploader: TusUploader, cancel: threading.Event | None, pace: Pace | None = None
    ) -> None:
        self.uploader = uploader
        self.cancel = cancel
        self.pace = pace
        self.in_a_row = 0
        self.refused_at: int | None = None  # where the last 460 (checksum mismatch) happened
        self.refusal: ApiError | None = None  # that 460, until a chunk is accepted again

    def succeeded(self) -> None:
        self.in_a_row = 0
        self.refused_at = self.refusal = None

    def refused(self, offset: int, error: ApiError) -> None:
        """A 460: once may be a chunk damaged on the way; twice at one offset is the file."""
        if self.refused_at == offset:
            raise error
        self.refused_at, self.refusal = offset, error

    def failed(self, error: ApiError, *, wait: bool = True) -> None:
        """Count a failure; give up after `retries` in a row, else back off (cancel cuts it)."""
        self.in_a_row += 1
        uploader = self.uploader
        if self.in_a_row > uploader.retries:
            raise error
        if not wait:
            return
        # Jitter: clients cut off together by one outage do not all come back in step.
        delay = random.uniform(0.5, 1.0) * min(
            uploader.max_backoff, uploader.backoff * 2 ** (self.in_a_row - 1)
        )
        if error.retry_after is not None:
            delay = max(delay, min(error.retry_after, _MAX_RETRY_AFTER))
        if self.cancel is None:
            time.sleep(delay)
        elif self.cancel.wait(delay):
            raise ApiError.cancelled("The upload") from error


class TusUploader:
    """Create, resume, finish and delete tus uploads on one server.

    `session_or_client` is a `PlatformClient` (its retry-free session and timeouts are used) or a
    `requests.Session` that must not retry PATCH by itself.
    """

    def __init__(
        self,
        session_or_client: Any,
        uploads_url: str,
        token: str | None,
        *,
        timeout: float | tuple[float, float] | None = None,
        retries: int = 5,
        backoff: float = 0.5,
        max_backoff: float = 8.0,
    ) -> None:
        plain = getattr(session_or_client, "plain_session", None)
        if isinstance(plain, requests.Session):
            self._session = plain
            default_timeout = getattr(session_or_client, "timeout", DEFAULT_TIMEOUT)
        elif isinstance(session_or_client, requests.Session):
            self._session = session_or_client
            default_timeout = DEFAULT_TIMEOUT
        else:
            raise TypeError("TusUploader needs a PlatformClient or a requests.Session")
        self.uploads_url = uploads_url
        self._token = token
        self.timeout = timeout if timeout is not None else default_timeout
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self._checksum_choice: str | None = None  # "" once the server offered none we know

    def __repr__(self) -> str:
        return f"TusUploader({self.uploads_url!r})"

    # -- the four tus requests ----------------------------------------------------------------

    def capabilities(self) -> TusCapabilities:
        response = self._request("OPTIONS", self.uploads_url, tus=False)
        if response.status_code not in (200, 204):
            raise ApiError.from_response(response)
        headers = response.headers
        max_size = headers.get("Tus-Max-Size")
        return TusCapabilities(
            versions=_csv(headers.get("Tus-Version")),
            extensions=_csv(headers.get("Tus-Extension")),
            max_size=int(max_size)
            if max_size and max_size.isascii() and max_size.isdigit()
            else None,
            checksum_algorithms=_csv(headers.get("Tus-Checksum-Algorithm")),
        )

    def create(self, path_or_size: Path | str | int, metadata: Mapping[str, str]) -> str:
        """Announce an upload of that many bytes; answers its absolute URL. Never retried."""
        headers = {"Upload-Length": str(_size_of(path_or_size))}
        if metadata:
            headers["Upload-Metadata"] = encode_metadata(metadata)
        response = self._request("POST", self.uploads_url, headers=headers)
        if response.status_code != 201:
            raise ApiError.from_response(response)
        location = response.headers.get("Location")
        if not location:
            raise ApiError.bad_response("201 Created without a Location", status=201)
        return urljoin(self.uploads_url, location)

    def offset(self, url: str) -> int:
        """How many bytes of the upload the server has."""
        return self._head(url)[0]

    def terminate(self, url: str) -> None:
        """Delete the upload and its partial file; one already gone counts as done."""
        response = self._request("DELETE", url)
        if response.status_code not in (204, 404, 410):
            raise ApiError.from_response(response)

    def upload(
        self,
        url: str,
        path: Path | str,
        *,
        chunk_size: int | None = None,
        checksum: str | None = "auto",
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        pace: Pace | None = None,
        sizer: ChunkSizer | None = None,
    ) -> None:
        """Send the rest of `path`, starting where the server says it is.

        Connection errors and 409/423/460/429/5xx answers lead to a HEAD and a new try, up to
        `retries` times in a row, with backoff. `progress(done, total)` reports bytes the server
        has confirmed. Setting `cancel` raises ApiError `cancelled` within ~20 ms, whether a chunk
        is being sent, its answer awaited or a backoff waited out; the upload stays resumable.

        chunk_size None adapts it to the link (see `ChunkSizer`; pass `sizer` to carry what it
        learnt over to the next call); checksum "auto" takes the cheapest algorithm the server
        offers (crc32, else sha1), None sends none. `pace(n)` is
        called before each block of n bytes goes out (see `Pace`); it may block, and it may
        raise ApiError `cancelled` after setting `cancel`.
        """
        if chunk_size is not None and chunk_size < 1:
            raise ValueError("chunk_size must be positive")
        if checksum == "auto":
            checksum = self._auto_checksum()
        if checksum is not None and checksum not in _CHECKSUMS:
            raise ValueError(f"checksum must be one of {', '.join(_CHECKSUMS)} or None")
        if sizer is None:
            sizer = ChunkSizer(chunk_size)
        path = Path(path)
        size = path.stat().st_size
        attempts = _Attempts(self, cancel, pace)
        offset: int | None = None
        with _ChunkReader(path, size, checksum, cancel) as reader:
            while offset is None or offset < size:
                _raise_if_cancelled(cancel)
                if offset is None:
                    offset = self._resync(url, path, size, attempts)
                else:
                    try:
                        length, checksum_header = reader.read(
                            offset, sizer.size, sizer.ahead_size()
                        )
                    except _Cancelled:
                        raise ApiError.cancelled("The upload") from None
                    body = _ChunkBody(path, offset, length, cancel, pace)
                    started = time.monotonic()
                    offset = self._send_chunk(url, offset, body, size, checksum_header, attempts)
                    sizer.record(offset is not None, time.monotonic() - started, length)
                if offset is not None and progress is not None:
                    progress(offset, size)

    def _auto_checksum(self) -> str | None:
        """The cheapest checksum the server offers; sha1 (which tus servers must offer) if the
        server cannot be asked now."""
        if self._checksum_choice is None:
            try:
                offered = self.capabilities().checksum_algorithms
            except ApiError:
                return "sha1"
            self._checksum_choice = next((a for a in _CHECKSUMS if a in offered), "")
        return self._checksum_choice or None

    def _resync(self, url: str, path: Path, size: int, attempts: _Attempts) -> int | None:
        """Where the server is (None: it could not be asked this time, try again)."""
        try:
            offset, length = self._head(url, attempts.cancel)
        except _Cancelled:
            raise ApiError.cancelled("The upload") from None
        except ApiError as error:
            if attempts.refusal is not None and error.status == 410:
                # The last bytes arrived but the whole file failed the server's sha256 check:
                # the upload is dead, and the 460 we saw says why better than HEAD's bare 410.
                raise attempts.refusal from None
            if not error.is_network_error and error.status not in _RESYNC_STATUSES:
                raise
            attempts.failed(error)
            return None
        if (length is not None and length != size) or offset > size:
            raise _file_changed(path)
        if attempts.refusal is not None and offset >= size:
            # The last bytes arrived but the whole file failed the server's sha256 check; HEAD
            # then reports the upload as full, yet it is dead.
            raise attempts.refusal
        return offset

    def _send_chunk(
        self,
        url: str,
        offset: int,
        body: _ChunkBody,
        size: int,
        checksum_header: str | None,
        attempts: _Attempts,
    ) -> int | None:
        """PATCH one chunk; the new offset, or None when the server must be asked again."""
        headers = {"Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"}
        if checksum_header is not None:
            headers["Upload-Checksum"] = checksum_header
        try:
            response = self._request(
                "PATCH", url, headers=headers, data=body, cancel=attempts.cancel
            )
        except _Cancelled:
            raise ApiError.cancelled("The upload") from None
        except ApiError as error:
            if not error.is_network_error:
                raise
            log.info("upload chunk at %d broke (%s); resyncing", offset, error.type)
            attempts.failed(error)
            return None
        if response.status_code == 204:
            confirmed = _offset_header(response)
            if not offset < confirmed <= size:
                raise ApiError.bad_response(
                    f"upload offset went from {offset} to {confirmed} of {size}", status=204
                )
            attempts.succeeded()
            return confirmed
        error = ApiError.from_response(response)
        if response.status_code not in _RESYNC_STATUSES:
            raise error
        log.info("upload chunk at %d refused (%s); resyncing", offset, error.type)
        if response.status_code == 460:
            attempts.refused(offset, error)
        # 409 only means our offset is stale: ask again at once.
        attempts.failed(error, wait=response.status_code != 409)
        return None

    # -- plumbing ---------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        data: Any = None,
        tus: bool = True,
        cancel: threading.Event | None = None,
    ) -> requests.Response:
        headers = dict(headers or {})
        if tus:
            headers["Tus-Resumable"] = TUS_VERSION
            if self._token is not None:
                headers["Authorization"] = f"Bearer {self._token}"

        def send() -> requests.Response:
            return self._session.request(
                method, url, headers=headers, data=data, timeout=self.timeout
            )

        try:
            response = send() if cancel is None else _unless_cancelled(send, cancel)
        except requests.RequestException as exc:
            raise ApiError.from_exception(exc, url) from exc
        log.debug("tus %s %s -> %s", method, urlsplit(url).path, response.status_code)
        return response

    def _head(self, url: str, cancel: threading.Event | None = None) -> tuple[int, int | None]:
        response = self._request("HEAD", url, cancel=cancel)
        if response.status_code != 200:
            raise ApiError.from_response(response)
        length = response.headers.get("Upload-Length")
        return _offset_header(response), int(
            length
        ) if length and length.isascii() and length.isdigit() else None


def _unless_cancelled(send: Callable[[], requests.Response], cancel: threading.Event) -> Any:
    """Run `send` on a helper thread and stop waiting for it the moment `cancel` is set.

    A request that is still sending stops at its body's next block (`_ChunkBody`); one that
    has handed everything to the kernel and waits for the answer would otherwise hold the caller
    until the socket buffer drains over a slow uplink. That request is left to finish or fail on
    its own; it only reads memory, and the upload stays resumable (the next HEAD tells the truth).
    """
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            outcome["response"] = send()
        except BaseException as exc:  # handed to the waiting thread
            outcome["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name="tus-request", daemon=True).start()
    while not done.wait(_CANCEL_POLL_SECONDS):
        if cancel.is_set():
            raise _Cancelled
    if "error" in outcome:
        raise outcome["error"]
    return outcome["response"]


def _offset_header(response: requests.Response) -> int:
    value = response.headers.get("Upload-Offset", "")
    if not (value.isascii() and value.isdigit()):
        raise ApiError.bad_response(
            f"Upload-Offset should be a number, got {value[:20]!r}", status=response.status_code
        )
    return int(value)


def _file_changed(path: Path) -> ApiError:
    return ApiError(
        f"{path.name} changed since its upload began, so the upload cannot continue. "
        "Start the upload again.",
        title="File changed",
        type=FILE_CHANGED,
    )


def _size_of(path_or_size: Path | str | int) -> int:
    if isinstance(path_or_size, int):
        return path_or_size
    return Path(path_or_size).stat().st_size


def _csv(value: str | None) -> tuple[str, ...]:
    return tuple(item.strip() for item in (value or "").split(",") if item.strip())


def _raise_if_cancelled(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ApiError.cancelled("The upload")
