"""Synthesised music for the demo community: a few small instruments and the demo pieces.

Pure numpy and deterministic (fixed seeds, no per-sample Python loops), so every fresh machine
gets the same believable songs without downloading anything. Pieces are written on a tempo grid
in bars and beats; every note has an envelope that starts and ends at zero, so nothing clicks.
`demo_media` turns these arrays into files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Audio = NDArray[np.float32]
"""Samples: shape (n,) for mono, (channels, n) for stereo (each channel contiguous)."""

SAMPLE_RATE = 48_000
PEAK_DBFS = -1.0  # headroom for lossy encoders, whose output can overshoot the input's peak

Note = tuple[float, float, float]
"""(start in beats, length in beats, MIDI note number); beat 0 is the start of the piece."""

Voice = Callable[[float, float, int], Audio]
"""An instrument: (frequency Hz, seconds, sample rate) -> one mono note."""


def midi_hz(note: float | NDArray[np.float64]) -> NDArray[np.float64]:
    """Equal-tempered frequency of a MIDI note number (69 is A4 = 440 Hz)."""
    return 440.0 * 2.0 ** ((np.asarray(note, dtype=np.float64) - 69.0) / 12.0)


@dataclass(frozen=True)
class Grid:
    """A tempo grid, so parts are written in bars and beats instead of seconds."""

    bpm: float
    beats_per_bar: int = 4

    @property
    def beat(self) -> float:
        return 60.0 / self.bpm

    def at(self, bar: float, beat: float = 0.0) -> float:
        """Seconds from the start of bar 0 to `beat` of `bar` (both counted from 0)."""
        return (bar * self.beats_per_bar + beat) * self.beat


# --- envelopes, oscillators, noise ------------------------------------------------------------


def _time(n: int, sr: int) -> Audio:
    return np.arange(n, dtype=np.float32) / np.float32(sr)


def envelope(n: int, sr: int, attack: float, release: float, decay: float = np.inf) -> Audio:
    """Linear attack, exponential decay, linear release; zero at both ends, so no clicks."""
    t = _time(n, sr)
    env = np.minimum(1, t / attack) * np.clip((n / sr - t) / release, 0, 1)
    return env if decay == np.inf else env * np.exp(-t / decay)


def _sin_cos(cycles: NDArray[np.float64]) -> tuple[Audio, Audio]:
    """sin and cos of 2*pi*cycles; wrapping to one cycle in float64 first keeps the (faster)
    float32 trigonometry exact however long the note."""
    x = (2 * np.pi * (cycles - np.floor(cycles))).astype(np.float32)
    return np.sin(x), np.cos(x)


def harmonics(freq: float, seconds: float, sr: int, spec: Sequence[tuple[float, float]]) -> Audio:
    """Harmonic series: partial k (from 1) has amplitude spec[k-1][0] and decays with time
    constant spec[k-1][1] (inf: sustained). sin(k x) comes from the Chebyshev recurrence, two
    multiply-adds per partial instead of a sine; partials near Nyquist are left out (no aliasing).
    """
    n = round(seconds * sr)
    s, c = _sin_cos(np.arange(n) * (freq / sr))
    c2, s_prev, out, t = 2 * c, np.zeros_like(s), np.zeros_like(s), _time(n, sr)
    for k, (amp, decay) in enumerate(spec, start=1):
        if k * freq >= 0.45 * sr:
            break
        if amp:
            out += amp * s if decay == np.inf else amp * s * np.exp(-t / decay)
        s, s_prev = c2 * s - s_prev, s
    return out


def partials(freq: float, seconds: float, sr: int, spec: Sequence[tuple[float, ...]]) -> Audio:
    """Inharmonic partials, each (frequency ratio, amplitude, decay time in s), for bells."""
    n = round(seconds * sr)
    t, out = _time(n, sr), np.zeros(n, np.float32)
    for ratio, amp, decay in spec:
        if freq * ratio < 0.45 * sr:
            out += amp * _sin_cos(np.arange(n) * (freq * ratio / sr))[0] * np.exp(-t / decay)
    return out


def _noise(n: int, seed: int, channels: int = 0) -> Audio:
    rng = np.random.default_rng(seed)
    return rng.standard_normal((channels, n) if channels else n, dtype=np.float32)


def _smooth(x: Audio, width: int) -> Audio:
    """Centred moving average (along the last axis) by cumulative sums: a cheap low-pass for
    control curves and for interpolation."""
    if width <= 1:
        return x
    pad = [(0, 0)] * (x.ndim - 1) + [(width // 2 + 1, width - width // 2 - 1)]
    c = np.cumsum(np.pad(x, pad, mode="edge"), axis=-1, dtype=np.float64)
    return ((c[..., width:] - c[..., :-width]) / width).astype(x.dtype)


# --- instruments: each returns one mono note -------------------------------------------------


def epiano(freq: float, seconds: float, sr: int) -> Audio:
    """Electric-piano-like: a ringing fundamental and quickly fading upper partials (the tine)."""
    spec = ((1.0, 1.6), (0.4, 0.5), (0.15, 0.25), (0.06, 0.12), (0, 1), (0, 1), (0.03, 0.05))
    tone = harmonics(freq, seconds, sr, spec)
    return tone * envelope(len(tone), sr, 0.004, 0.12)


def pad(freq: float, seconds: float, sr: int) -> Audio:
    """A soft pad: two slightly detuned saw-like tones that swell in and fade out slowly."""
    spec = [(0.5 / k, np.inf) for k in range(1, 7)]
    tone = harmonics(freq * 0.997, seconds, sr, spec) + harmonics(freq * 1.003, seconds, sr, spec)
    return tone * envelope(len(tone), sr, min(0.4, seconds / 3), min(0.6, seconds / 3))


def bass(freq: float, seconds: float, sr: int) -> Audio:
    """Round electric bass: fundamental plus a few fading low harmonics, so small speakers
    still carry the line."""
    tone = harmonics(freq, seconds, sr, ((1.0, 1.2), (0.5, 0.3), (0.25, 0.15), (0.1, 0.1)))
    return tone * envelope(len(tone), sr, 0.006, 0.05)


def bell(freq: float, seconds: float, sr: int) -> Audio:
    """Music-box / buoy bell: slightly inharmonic partials with long decays."""
    spec = ((1, 1.0, 1.4), (2.01, 0.25, 0.5), (4.1, 0.18, 0.2), (5.43, 0.08, 0.1))
    tone = partials(freq, seconds, sr, spec)
    return tone * envelope(len(tone), sr, 0.002, 0.08)


def pulse_lead(freq: float, seconds: float, sr: int) -> Audio:
    """A plucky 25 % pulse wave (from its harmonics, so band-limited): chiptune-ish."""
    spec = [(np.sin(np.pi * k * 0.25) / k, 0.5 / k**0.5) for k in range(1, 12)]
    tone = harmonics(freq, seconds, sr, spec)
    return tone * envelope(len(tone), sr, 0.003, 0.06, decay=0.6)


def kick(sr: int, seed: int = 1) -> Audio:
    """Kick drum: a sine that drops from ~140 Hz to ~48 Hz, plus a short noise click."""
    n = round(0.4 * sr)
    t = _time(n, sr)
    freq = 48 + 90 * np.exp(-t / 0.04)
    body = _sin_cos(np.cumsum(freq, dtype=np.float64) / sr)[0] * np.exp(-t / 0.16)
    click = 0.25 * _noise(n, seed) * np.exp(-t / 0.004)
    return (body + click) * envelope(n, sr, 0.001, 0.03)


def snare(sr: int, seed: int = 2) -> Audio:
    """Snare: two damped drum-head tones plus bright noise for the wires."""
    n = round(0.3 * sr)
    t = _time(n, sr)
    head = harmonics(185, 0.3, sr, ((1.0, 0.05),)) + harmonics(330, 0.3, sr, ((0.5, 0.05),))
    wires = np.diff(_noise(n + 1, seed)) * 0.45 * np.exp(-t / 0.11)
    return (0.6 * head + wires) * envelope(n, sr, 0.001, 0.04)


def hat(sr: int, seed: int = 3, open_: bool = False) -> Audio:
    """Hi-hat: twice-differentiated noise (strongly tilted to the highs), short or open decay."""
    n = round((0.35 if open_ else 0.08) * sr)
    hiss = np.diff(_noise(n + 2, seed), n=2) / 2.5
    return hiss * envelope(n, sr, 0.0005, 0.02, decay=0.12 if open_ else 0.018)


# --- mixing --------------------------------------------------------------------------------


class Mix:
    """A stereo bus of fixed length; sounds are added at a time with gain and equal-power pan."""

    def __init__(self, seconds: float, sr: int) -> None:
        self.sr = sr
        self.buf = np.zeros((2, round(seconds * sr)), np.float32)
        self._rendered: dict[tuple[Voice, float, float], Audio] = {}  # pieces repeat notes

    def add(self, sound: Audio, at: float, gain: float = 1.0, pan: float = 0.0) -> None:
        start = round(at * self.sr)
        end = min(self.buf.shape[1], start + sound.shape[-1])
        if end <= start:
            return
        angle = (pan + 1) * np.pi / 4
        for channel, g in zip(self.buf, (np.cos(angle), np.sin(angle)), strict=True):
            channel[start:end] += np.float32(gain * np.sqrt(2) * g) * sound[: end - start]

    def notes(
        self, voice: Voice, grid: Grid, notes: Sequence[Note], gain: float, pan: float = 0.0
    ) -> None:
        """Play notes on an instrument; a note already rendered (same pitch, length) is reused."""
        for start, length, note in notes:
            key = (voice, float(midi_hz(note)), length * grid.beat)
            if key not in self._rendered:
                self._rendered[key] = voice(key[1], key[2], self.sr)
            self.add(self._rendered[key], grid.at(0, start), gain, pan)


def reverb(x: Audio, sr: int, seconds: float = 1.4, seed: int = 7) -> Audio:
    """Wet signal of a small hall: FFT convolution with exponentially decaying noise (a different
    one per channel, which widens stereo). Computed at a quarter of the rate, since a hall's tail
    has little above 6 kHz and the FFTs get 4x smaller; tails past the end are cut."""
    n, q = x.shape[-1], 4
    x2 = x.reshape(-1, n)
    low = np.pad(x2, ((0, 0), (0, -n % q))).reshape(len(x2), -1, q).mean(axis=-1)
    n_ir = round(seconds * sr / q)
    ir = _noise(n_ir, seed, len(x2)) * np.exp(-6.9 * _time(n_ir, sr // q) / seconds)
    ir[:, : round(0.015 * sr / q)] = 0.0  # pre-delay keeps the dry attack clear
    ir /= np.sqrt(np.sum(ir**2, axis=-1, keepdims=True))
    size = 1 << int(np.ceil(np.log2(low.shape[-1] + n_ir)))
    wet = np.fft.irfft(np.fft.rfft(low, size) * np.fft.rfft(ir, size), size)
    # back to the full rate: repeating then a q-wide moving average is linear interpolation
    wet = np.repeat(wet[:, : low.shape[-1]].astype(np.float32), q, axis=-1)
    return _smooth(wet, q)[:, :n].reshape(x.shape)


def _fade(n: int) -> Audio:
    """Raised-cosine ramp 0 -> 1 over n samples."""
    return (0.5 - 0.5 * np.cos(np.pi * np.arange(n) / max(1, n - 1))).astype(np.float32)


def master(x: Audio, sr: int, fade_in: float = 0.01, fade_out: float = 0.5) -> Audio:
    """Finish a mix: remove DC, fade both ends to exact zero, set the peak to PEAK_DBFS."""
    y = x - x.mean(axis=-1, keepdims=True)
    fi, fo = round(fade_in * sr), round(fade_out * sr)
    y[..., :fi] *= _fade(fi)
    y[..., y.shape[-1] - fo :] *= _fade(fo)[::-1]
    return y * np.float32(10 ** (PEAK_DBFS / 20) / np.max(np.abs(y)))


# --- a sung-like voice ---------------------------------------------------------------------

VOWELS: dict[str, tuple[tuple[float, float, float], ...]] = {
    # (formant centre Hz, bandwidth Hz, relative level), after classic vowel formant tables
    "ah": ((730, 90, 1.0), (1090, 110, 0.7), (2440, 160, 0.3)),
    "oh": ((570, 80, 1.0), (840, 90, 0.6), (2410, 160, 0.2)),
}


def sing(notes: Sequence[Note], grid: Grid, seconds: float, sr: int, vowel: str) -> Audio:
    """A sung-like line: a harmonic source with gliding pitch and delayed vibrato, each harmonic
    weighted by the vowel's formant resonances (additive, so no filters and no aliasing)."""
    n = round(seconds * sr)
    t = _time(n, sr)
    pitch = np.full(n, np.nan, np.float32)
    amp = np.zeros(n, np.float32)
    held = np.zeros(n, np.float32)  # seconds since the current note began, for vibrato onset
    fade = 0.06  # a note fades out while the next fades in, so a legato line never drops out
    for start, length, note in notes:
        a, b = round(grid.at(0, start) * sr), min(n, round(grid.at(0, start + length) * sr))
        pitch[a:b], held[a:b] = note, t[: b - a]
        end = min(n, b + round(fade * sr))
        swell = 0.85 + 0.15 * np.minimum(1, t[: end - a] / 0.4)
        amp[a:end] += envelope(end - a, sr, fade, fade) * swell
    # hold the last pitch through rests, so the next note glides in from where the voice was
    pitch = pitch[np.maximum.accumulate(np.where(np.isnan(pitch), 0, np.arange(n)))]
    pitch[np.isnan(pitch)] = notes[0][2]
    pitch = _smooth(pitch, round(0.05 * sr))
    vibrato = 0.3 * np.minimum(1, held / 0.35) * np.sin(2 * np.pi * 5.4 * t)
    drift = 0.06 * np.sin(2 * np.pi * 0.37 * t) + 0.04 * np.sin(2 * np.pi * 0.83 * t + 1)
    freq = midi_hz(pitch + vibrato + drift)
    voiced = np.flatnonzero(amp > 0)  # only sounding samples are synthesised
    s, c = _sin_cos(np.cumsum(freq / sr)[voiced])

    hop = 64  # formant weights change slowly: compute them at a control rate
    k = np.arange(1, 25)[:, None]
    hk = k * freq[::hop]
    res = sum(lvl / (1 + ((hk - f) / bw) ** 2) for f, bw, lvl in VOWELS[vowel])
    gain = ((0.12 + res) / k * np.clip((0.45 * sr - hk) / (0.05 * sr), 0, 1)).astype(np.float32)
    c2, s_prev, out, at = 2 * c, np.zeros_like(s), np.zeros_like(s), voiced // hop
    for row in gain:  # sin(k x) by the Chebyshev recurrence, as in harmonics()
        out += row[at] * s
        s, s_prev = c2 * s - s_prev, s
    voice = np.zeros(n, np.float32)
    voice[voiced] = out
    breath = 0.015 * np.diff(_noise(n + 1, 11))
    return (voice + breath) * amp


# --- the demo pieces -----------------------------------------------------------------------

# "Night Bus": 4/4 at 96 BPM (2.5 s a bar), A minor, 8 bars. The harmony comes in at bar 3
# (5.0 s into the backing track), the lead guide at bar 4 (7.5 s); both sing to the end.
NIGHT_BUS = Grid(bpm=96)
NIGHT_BUS_SECONDS = NIGHT_BUS.at(8)
NIGHT_BUS_HARMONY_OFFSET = NIGHT_BUS.at(2)
NIGHT_BUS_LEAD_OFFSET = NIGHT_BUS.at(3)
A_MINOR = frozenset({9, 11, 0, 2, 4, 5, 7})  # pitch classes of A natural minor

_NIGHT_BUS_CHORDS = [  # (bass root, chord voicing): Am7 Fmaj7 C G, twice
    (33, (57, 60, 64, 67)),
    (29, (57, 60, 64, 65)),
    (36, (55, 60, 64, 67)),
    (31, (55, 59, 62, 67)),
] * 2

# Beats counted from each part's own start. The harmony (from bar 3) sings the calls ...
NIGHT_BUS_HARMONY_NOTES: list[Note] = [
    (0, 1, 64), (1, 1, 67), (2, 1.5, 72), (3.5, 0.5, 71), (4, 2, 67),
    (8, 1, 69), (9, 1, 72), (10, 1.5, 76), (11.5, 0.5, 74), (12, 2, 72),
    (16, 1, 76), (17, 1, 74), (18, 1.5, 72), (19.5, 0.5, 71), (20, 1, 74), (21, 2.5, 71),
]  # fmt: skip
# ... and the lead guide (from bar 4) answers in its gaps, lower.
NIGHT_BUS_LEAD_NOTES: list[Note] = [
    (2, 0.5, 62), (2.5, 0.5, 64), (3, 1, 67), (4, 1.5, 64),
    (10, 0.5, 60), (10.5, 0.5, 62), (11, 1, 65), (12, 1.5, 64),
    (17.5, 0.5, 62), (18, 0.5, 64), (18.5, 1.5, 67),
]  # fmt: skip


def night_bus_backing(sr: int = SAMPLE_RATE) -> Audio:
    """ "Night Bus", 96 BPM, 8 bars: e-piano and pad chords, bass, drums; stereo. The first two
    bars are a lighter intro, so the vocal entry at bar 3 lands on the full groove."""
    g = NIGHT_BUS
    mix, verb = Mix(NIGHT_BUS_SECONDS, sr), Mix(NIGHT_BUS_SECONDS, sr)
    k, s, h, oh = kick(sr), snare(sr), hat(sr), hat(sr, open_=True)
    for bar, (root, chord) in enumerate(_NIGHT_BUS_CHORDS):
        for i, note in enumerate(chord):  # chords spread across the stereo field
            pan = -0.45 + 0.3 * i
            verb.notes(pad, g, [(bar * 4, 4.2, note)], 0.05, pan)
            verb.notes(epiano, g, [(bar * 4, 1.4, note), (bar * 4 + 2.5, 1.4, note)], 0.1, pan)
        for i in range(8):  # eighth-note hats, offbeats a little louder
            mix.add(h, g.at(bar, i / 2), 0.16 if i % 2 else 0.1, 0.3)
        if bar >= 1:
            bass_line = [(0, 1.4, root), (1.5, 0.4, root), (2, 1, root + 12), (3.5, 0.4, root + 7)]
            mix.notes(bass, g, [(bar * 4 + b, ln, m) for b, ln, m in bass_line], 0.35)
            for beat in (0, 2, 2.5) if bar % 2 else (0, 2):
                mix.add(k, g.at(bar, beat), 0.55)
        if bar >= 2:
            for beat in (1, 3):
                mix.add(s, g.at(bar, beat), 0.3, -0.1)
        if bar % 4 == 3:
            mix.add(oh, g.at(bar, 3.5), 0.1, 0.3)
    verb.buf += 0.3 * reverb(verb.buf, sr)
    return master(mix.buf + verb.buf, sr, fade_out=1.0)


def night_bus_harmony(sr: int = 44_100) -> Audio:
    """The harmony contribution: an "ah" melody in A minor from bar 3 to the end; mono."""
    seconds = NIGHT_BUS_SECONDS - NIGHT_BUS_HARMONY_OFFSET
    voice = sing(NIGHT_BUS_HARMONY_NOTES, NIGHT_BUS, seconds, sr, "ah")
    return master(voice + 0.25 * reverb(voice, sr, 1.2, seed=8), sr, fade_out=0.8)


def night_bus_lead_guide(sr: int = SAMPLE_RATE) -> Audio:
    """The lead guide vocal: "oh" answers in the harmony's gaps (call and response), from
    bar 4 to the end; mono."""
    seconds = NIGHT_BUS_SECONDS - NIGHT_BUS_LEAD_OFFSET
    voice = sing(NIGHT_BUS_LEAD_NOTES, NIGHT_BUS, seconds, sr, "oh")
    return master(voice + 0.25 * reverb(voice, sr, 1.2, seed=9), sr, fade_out=0.3)


def lighthouse_ambience(seconds: float, bells: Sequence[float], sr: int = SAMPLE_RATE) -> Audio:
    """Sea and a slow D minor pad for "The Lighthouse", with a soft buoy bell at each time in
    `bells` (the film rings it when the beam faces the camera: an audible sync mark)."""
    n = round(seconds * sr)
    f = np.fft.rfftfreq(n, 1 / sr)
    shape = 1 / np.sqrt(np.maximum(f, 30)) / (1 + (f / 1000) ** 2)  # pink-ish, dark
    surf = np.fft.irfft(np.fft.rfft(_noise(n, 21, 2)) * shape, n).astype(np.float32)
    # waves swell on a ~5 s cycle, the right channel a little later than the left
    cycle = 2 * np.pi * _time(n, sr) / 5.1 + np.array([[0.0], [0.6]], np.float32)
    mix = Mix(seconds, sr)
    mix.buf += 0.5 * (0.3 + 0.7 * (0.5 - 0.5 * np.cos(cycle)) ** 2) * surf / np.std(surf)
    for i, note in enumerate((50, 57, 64, 65, 72)):  # Dm(add9)
        swelling = pad(float(midi_hz(note)), seconds, sr) * envelope(n, sr, 2.0, 2.5)
        mix.add(swelling, 0, 0.05, 0.4 * i - 0.8)
    for at in bells:
        mix.add(bell(float(midi_hz(62)), 2.5, sr), at, 0.3, 0.2)
    return master(mix.buf + 0.3 * reverb(mix.buf, sr, 2.0), sr, fade_in=0.5, fade_out=1.0)


PAPER_BOATS_WALTZ = Grid(bpm=120, beats_per_bar=3)  # 4 bars of 3/4 = 6 s, D major
PAPER_BOATS_BOUNCE = Grid(bpm=160)  # 4 bars of 4/4 = 6 s, F major


def paper_boats_waltz(sr: int = SAMPLE_RATE) -> Audio:
    """Music A for "Paper Boats": a gentle music-box waltz, oom-pah-pah under a bell melody."""
    g, mix = PAPER_BOATS_WALTZ, Mix(PAPER_BOATS_WALTZ.at(4), sr)
    chords = [(38, (62, 66, 69)), (43, (62, 67, 71)), (45, (61, 64, 69)), (38, (62, 66, 69))]
    for bar, (root, chord) in enumerate(chords):
        mix.notes(bass, g, [(bar * 3, 1, root)], 0.3)
        for beat in (1, 2):
            for i, note in enumerate(chord):
                mix.notes(epiano, g, [(bar * 3 + beat, 0.9, note)], 0.06, 0.3 * i - 0.3)
        mix.notes(pad, g, [(bar * 3, 3.1, chord[0] - 12)], 0.05)
    melody = [
        (0, 1, 78), (1, 1, 81), (2, 1, 78), (3, 1.5, 79), (4.5, 0.5, 81), (5, 1, 83),
        (6, 1, 81), (7, 1, 76), (8, 1, 73), (9, 3, 74),
    ]  # fmt: skip
    mix.notes(bell, g, melody, 0.22, 0.15)
    return master(mix.buf + 0.35 * reverb(mix.buf, sr, 1.8), sr, fade_out=0.6)


def paper_boats_bounce(sr: int = SAMPLE_RATE) -> Audio:
    """Music B for "Paper Boats": a bouncy 160 BPM tune, pulse-wave lead, offbeat chords, drums."""
    g, mix = PAPER_BOATS_BOUNCE, Mix(PAPER_BOATS_BOUNCE.at(4), sr)
    k, s, h = kick(sr), snare(sr), hat(sr)
    chords = [(41, (65, 69, 72)), (38, (65, 69, 74)), (46, (65, 70, 74)), (36, (64, 67, 72))]
    for bar, (root, chord) in enumerate(chords):
        steps = [(bar * 4 + b / 2, 0.45, root + (7 if b % 4 == 2 else 0)) for b in range(8)]
        mix.notes(bass, g, steps, 0.28)
        for beat in (0.5, 1.5, 2.5, 3.5):
            mix.notes(epiano, g, [(bar * 4 + beat, 0.3, m) for m in chord], 0.07, -0.3)
        for beat in (0, 2):
            mix.add(k, g.at(bar, beat), 0.5)
        for beat in (1, 3):
            mix.add(s, g.at(bar, beat), 0.25, 0.1)
        for i in range(8):
            mix.add(h, g.at(bar, i / 2), 0.1 if i % 2 else 0.06, -0.3)
    melody = [
        (0, 0.5, 72), (0.5, 0.5, 77), (1, 0.5, 76), (1.5, 0.5, 77), (2, 1, 81), (3, 0.5, 79),
        (3.5, 0.5, 77), (4, 0.5, 74), (4.5, 0.5, 77), (5, 1, 81), (6, 0.5, 79), (6.5, 0.5, 77),
        (7, 1, 74), (8, 0.5, 70), (8.5, 0.5, 74), (9, 0.5, 77), (9.5, 0.5, 74), (10, 1, 82),
        (11, 1, 81), (12, 0.5, 79), (12.5, 0.5, 76), (13, 0.5, 72), (13.5, 0.5, 76), (14, 2, 77),
    ]  # fmt: skip
    mix.notes(pulse_lead, g, melody, 0.12, 0.25)
    return master(mix.buf + 0.2 * reverb(mix.buf, sr, 0.9), sr, fade_out=0.4)
