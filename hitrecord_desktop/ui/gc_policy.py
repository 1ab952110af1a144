"""Keeps Python's full garbage collections off the GUI thread's critical path.

A full (generation 2) collection scans every tracked object in the process; with the app's
modules, widgets and thousands of challenges loaded that is ~150k objects and 130-170 ms on these
machines, run from whichever thread happens to allocate: the UI-stall watchdog caught it as
event-loop stalls while 10,000 challenges loaded. Objects that survived until the app settled
(startup, a loaded page of challenges) are long-lived data without reference cycles, so they are
moved out of the collector's sight with `gc.freeze()`; later collections scan only newer objects.
Frozen objects are still freed by reference counting when dropped; only a reference cycle among
them would stay, which is why this is called at settled moments rather than on a timer.
"""

from __future__ import annotations

import gc


def settle_long_lived() -> None:
    """Call when what is in memory now will stay (after startup, after a page is added)."""
    gc.freeze()
