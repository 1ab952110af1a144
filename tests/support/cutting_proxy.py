"""A small threaded TCP proxy in front of a real server, for breaking the network on purpose.

Tests point a client at `proxy.url` and then make the network misbehave the way homes and
hotels do:

* `cut_after(n)`: drop the connection (TCP reset, both sides) once `n` more bytes have gone
  upstream (or downstream) - a connection that dies mid-upload;
* `go_offline(seconds)`: every new connection is reset at once and open ones are dropped, for
  `seconds` or until `go_online()` - the server is unreachable for a while;
* `answer_with(status, times)`: the next connections get an HTML error page from the "proxy"
  itself, as nginx would when its upstream is down (non-JSON errors, Retry-After);
* `throttle(bytes_per_second, direction="up")`: a slow link, so a transfer is still running
  when a test acts.

Counters (`connections`, `refused`, `cuts`, `answered`, `bytes_up`, `bytes_down`) let tests
check what the client did.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from urllib.parse import urlsplit, urlunsplit

_BUFFER = 64 * 1024


def _reset(sock: socket.socket) -> None:
    """Drop a connection: the peer's next read or write fails at once.

    shutdown() first, because close() alone neither wakes our own pump thread blocked in recv()
    on the socket nor, while that thread holds it, tells the peer anything.
    """
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()


class _Link:
    """One client connection and its upstream twin."""

    def __init__(self, client: socket.socket, upstream: socket.socket) -> None:
        self.client = client
        self.upstream = upstream
        self._lock = threading.Lock()
        self._open_pumps = 2
        self.dead = False

    def kill(self) -> None:
        with self._lock:
            if self.dead:
                return
            self.dead = True
        _reset(self.client)
        _reset(self.upstream)

    def pump_done(self) -> bool:
        """Count one direction finished; the second one closes both sockets (answers True)."""
        with self._lock:
            self._open_pumps -= 1
            last = self._open_pumps == 0
        if last:
            for sock in (self.client, self.upstream):
                with contextlib.suppress(OSError):
                    sock.close()
        return last


class CuttingProxy:
    """`with CuttingProxy(server.url) as proxy: PlatformClient(proxy.url)`."""

    def __init__(self, upstream_url: str) -> None:
        parts = urlsplit(upstream_url)
        assert parts.hostname and parts.port, upstream_url
        self.upstream = (parts.hostname, parts.port)
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self._listener.settimeout(0.05)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._lock = threading.Lock()
        self._links: set[_Link] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept_loop, name="cutting-proxy", daemon=True)
        self._cut: dict[str, int | None] = {"up": None, "down": None}
        self._offline_until: float | None = None
        self._answers: list[tuple[int, str, float | None]] = []
        self._rate: dict[str, float | None] = {"up": None, "down": None}
        self.connections = 0
        self.refused = 0
        self.cuts = 0
        self.answered = 0
        self.bytes_up = 0
        self.bytes_down = 0

    # -- control ------------------------------------------------------------------------------

    def rewrite(self, url: str) -> str:
        """The same URL, through this proxy (for URLs the server handed out)."""
        parts = urlsplit(url)
        return urlunsplit((parts.scheme, f"127.0.0.1:{self.port}", parts.path, parts.query, ""))

    def cut_after(self, n_bytes: int, direction: str = "up") -> None:
        """Reset the connection carrying the byte that makes `n_bytes` more in `direction`."""
        assert direction in ("up", "down")
        with self._lock:
            self._cut[direction] = n_bytes

    def go_offline(self, seconds: float | None = None) -> None:
        with self._lock:
            self._offline_until = float("inf") if seconds is None else time.monotonic() + seconds
            links = list(self._links)
        for link in links:
            link.kill()

    def go_online(self) -> None:
        with self._lock:
            self._offline_until = None

    def answer_with(
        self, status: int, times: int = 1, reason: str = "Error", retry_after: float | None = None
    ) -> None:
        """The next `times` connections get `status` with an HTML body from the proxy."""
        with self._lock:
            self._answers.extend([(status, reason, retry_after)] * times)

    def throttle(self, bytes_per_second: float | None, direction: str = "up") -> None:
        assert direction in ("up", "down")
        with self._lock:
            self._rate[direction] = bytes_per_second

    # -- life -----------------------------------------------------------------------------------

    def start(self) -> CuttingProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._listener.close()
        with self._lock:
            links = list(self._links)
        for link in links:
            link.kill()

    def __enter__(self) -> CuttingProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- work -----------------------------------------------------------------------------------

    def _offline(self) -> bool:
        with self._lock:
            if self._offline_until is None:
                return False
            if time.monotonic() >= self._offline_until:
                self._offline_until = None
                return False
            return True

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self._offline():
                self.refused += 1
                _reset(client)
                continue
            with self._lock:
                answer = self._answers.pop(0) if self._answers else None
            if answer is not None:
                self.answered += 1
                threading.Thread(target=self._answer, args=(client, *answer), daemon=True).start()
                continue
            try:
                upstream = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                _reset(client)
                continue
            upstream.settimeout(None)
            client.settimeout(None)
            link = _Link(client, upstream)
            with self._lock:
                self._links.add(link)
                self.connections += 1
            for source, sink, direction in ((client, upstream, "up"), (upstream, client, "down")):
                threading.Thread(
                    target=self._pump, args=(link, source, sink, direction), daemon=True
                ).start()

    def _answer(self, client: socket.socket, status: int, reason: str, retry_after: float | None):
        client.settimeout(2)
        with contextlib.suppress(OSError):
            received = b""
            while b"\r\n\r\n" not in received:
                block = client.recv(_BUFFER)
                if not block:
                    break
                received += block
            body = f"<html><body><h1>{status} {reason}</h1>nginx</body></html>".encode()
            head = [
                f"HTTP/1.1 {status} {reason}",
                "Content-Type: text/html",
                f"Content-Length: {len(body)}",
                "Connection: close",
            ]
            if retry_after is not None:
                head.append(f"Retry-After: {int(retry_after)}")
            client.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        with contextlib.suppress(OSError):
            client.close()

    def _pump(
        self, link: _Link, source: socket.socket, sink: socket.socket, direction: str
    ) -> None:
        try:
            while True:
                try:
                    data = source.recv(_BUFFER)
                except OSError:
                    break
                if not data:
                    with contextlib.suppress(OSError):
                        sink.shutdown(socket.SHUT_WR)
                    break
                cut = False
                with self._lock:
                    remaining = self._cut[direction]
                    if remaining is not None:
                        if len(data) >= remaining:
                            data, cut = data[:remaining], True
                            self._cut[direction] = None
                            self.cuts += 1
                        else:
                            self._cut[direction] = remaining - len(data)
                    rate = self._rate[direction]
                    if direction == "up":
                        self.bytes_up += len(data)
                    else:
                        self.bytes_down += len(data)
                try:
                    self._send(sink, data, rate)
                except OSError:
                    link.kill()
                    break
                if cut:
                    link.kill()
                    break
        finally:
            if link.pump_done():
                with self._lock:
                    self._links.discard(link)

    def _send(self, sink: socket.socket, data: bytes, rate: float | None) -> None:
        if rate is None:
            sink.sendall(data)
            return
        step = max(1, int(rate / 50))  # 20 ms slices
        for start in range(0, len(data), step):
            sink.sendall(data[start : start + step])
            time.sleep(step / rate)
