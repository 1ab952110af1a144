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
