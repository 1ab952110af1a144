"""The round trip of one stream (output DAC → input ADC, in samples), from what that stream says
and what it measures, and which of those to trust.

Sources, best first:
- "stream-probe": the engine plays one impulse during the silent pre-roll and finds it in the
  input. A real measurement of this very stream; it needs a path from output to input (a
  loopback, or speakers and a mic). PulseAudio needs it: its round trip moves by hundreds of
  samples between streams (1794 to 3328 measured here at 256-frame blocks) while PortAudio
  reports the same 3328 for all of them and its per-callback time info through ALSA's pulse
  plugin is meaningless (DAC − ADC of 13,000 to 35,000 samples, drifting).
- "calibrated": a round trip measured once by the calibration and stored for this setup.
- "reported": PortAudio's input + output latency of the stream (exact on JACK: 768 at 256-frame
  blocks over 512-frame JACK periods).
- "time-info": outputBufferDacTime − inputBufferAdcTime of the callbacks, when they agree within
  a sample across callbacks. Kept last and for the record: on JACK it is steady but 1024 samples
  more than the measured round trip (1792 against 768), through ALSA's pulse plugin it drifts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

LatencyProvider = Callable[[str, str, str, int, int], int | None]
"""(host API, input device, output device, rate, block size) → stored round trip, or None."""

PROBE_LEVEL = 0.5
MIN_PROBE_SNR = 8.0  # the impulse's peak over the window's median level


@dataclass(frozen=True)
class RoundTrip:
    samples: int
    source: str  # "stream-probe" | "time-info" | "calibrated" | "reported"
    candidates: dict[str, int]  # every source that gave a figure, for the record


def from_time_info(dac_minus_adc: np.ndarray, rate: int) -> int | None:
    """The round trip from per-callback (DAC − ADC) seconds, or None when they are implausible."""
    values = dac_minus_adc[np.isfinite(dac_minus_adc)]
    if len(values) < 4:
        return None
    values = values[2:] * rate  # the first callbacks can precede the stream's steady state
    median = float(np.median(values))
    if not 0 < median < rate or float(np.max(np.abs(values - median))) > 1.0:
        return None
    return round(median)


def from_probe(captured: np.ndarray, emitted_at: int, max_samples: int) -> int | None:
    """Where the impulse emitted at frame `emitted_at` came back in `captured` (mono, the same
    stream frame count), as a delay; None when nothing stands clear of the noise."""
    window = captured[emitted_at : emitted_at + max_samples]
    if len(window) == 0:
        return None
    level = np.abs(window)
    peak = int(np.argmax(level))
    floor = float(np.median(level)) + 1e-6
    if level[peak] < 0.05 * PROBE_LEVEL or level[peak] / floor < MIN_PROBE_SNR:
        return None
    return peak


def choose(
    *,
    probe: int | None,
    calibrated: int | None,
    reported: int,
    time_info: int | None,
) -> RoundTrip:
    candidates = {
        name: value
        for name, value in (
            ("stream-probe", probe),
            ("calibrated", calibrated),
            ("reported", reported),
            ("time-info", time_info),
        )
        if value is not None
    }
    source, samples = next(iter(candidates.items()))
    return RoundTrip(samples, source, candidates)
