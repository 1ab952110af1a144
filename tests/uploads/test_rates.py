"""The bandwidth limit and the rate shown beside progress, on the real clock."""

from __future__ import annotations

import threading
import time

from hitrecord_desktop.sync.bandwidth import BandwidthLimit
from hitrecord_desktop.sync.transfer_rate import TransferRate


def test_the_limit_holds_for_several_transfers_together_and_the_rate_shown_matches() -> None:
    limit = BandwidthLimit(2_000_000)
    rates = [TransferRate(), TransferRate()]
    sent = [0, 0]
    stop = threading.Event()

    def transfer(index: int) -> None:
        while not stop.is_set():
            limit.take(128 * 1024, stop)
            sent[index] += 128 * 1024
            rates[index].add(128 * 1024)

    threads = [threading.Thread(target=transfer, args=(i,)) for i in range(2)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(2.0)
    shown = sum(rate.rate() for rate in rates)
    stop.set()
    for thread in threads:
        thread.join()
    measured = sum(sent) / (time.monotonic() - started)
    assert 1_700_000 < measured < 2_300_000, measured
    assert abs(sent[0] - sent[1]) <= 3 * 128 * 1024  # shared fairly
    assert abs(shown - measured) / measured < 0.25, (shown, measured)


def test_a_pause_cuts_a_wait_for_bandwidth_short() -> None:
    limit = BandwidthLimit(10_000)  # 10 kB/s: a 1 MB block would wait 100 s
    cancel = threading.Event()
    threading.Timer(0.1, cancel.set).start()
    started = time.monotonic()
    limit.take(1_000_000, cancel)
    limit.take(1_000_000, cancel)
    assert time.monotonic() - started < 0.5


def test_a_stalled_transfer_shows_its_rate_falling_and_no_time_left() -> None:
    rate = TransferRate(window=3.0)
    for step in range(11):
        rate.add(100_000, now=step * 0.1)
    assert 900_000 < rate.rate(now=1.0) < 1_100_000
    assert rate.rate(now=10.0) < 400_000
    assert TransferRate().seconds_left(1000) is None


def test_the_failure_policy_waits_retries_restarts_or_fails_as_the_error_says() -> None:
    from hitrecord_desktop.api.errors import ApiError
    from hitrecord_desktop.sync.failure_policy import (
        MAX_BACKOFF,
        MAX_BAD_ANSWERS,
        Remedy,
        backoff_delay,
        remedy_for,
    )

    def error(status: int | None, kind: str = "problem") -> ApiError:
        return ApiError(f"status {status}", status=status, type=kind)

    assert remedy_for(error(503), "uploading", 0) is Remedy.BACK_OFF
    assert remedy_for(error(404), "uploading", 0) is Remedy.RESTART_UPLOAD
    assert remedy_for(error(404), "verifying", 0) is Remedy.FAIL
    assert remedy_for(error(413), "starting", 0) is Remedy.FAIL
    assert remedy_for(error(401), "uploading", 0) is Remedy.WAIT_FOR_SIGN_IN
    assert remedy_for(error(None, "network-error"), "starting", 9) is Remedy.WAIT_FOR_NETWORK
    assert remedy_for(error(200, "bad-response"), "verifying", 0) is Remedy.BACK_OFF
    assert remedy_for(error(200, "bad-response"), "verifying", MAX_BAD_ANSWERS) is Remedy.FAIL
    assert 60 <= backoff_delay(1, 60.0) <= 60
    assert all(backoff_delay(n, None) <= MAX_BACKOFF for n in range(40))
