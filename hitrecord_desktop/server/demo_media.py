"""The demo community's media files, made on the spot: no downloads, the same bytes every run.

Audio comes from `demo_music` and is written with soundfile; the two films are drawn frame by
frame with numpy and encoded with PyAV (H.264 in MP4, AAC sound). Each function writes one file
and returns a `MediaInfo` the seeder can store next to it; `generate_all` writes the whole set.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Literal

import av
import numpy as np
import soundfile as sf
from numpy.typing import NDArray

from hitrecord_desktop.server import demo_music as music

Image = NDArray[np.float32]
"""A picture being drawn: planar, shape (channels, height, width), values 0-255."""


@dataclass(frozen=True)
class MediaInfo:
    """What the seeder needs to know about a written file without probing it again."""

    path: Path
    media_type: str  # MIME type, as stored with the contribution
    kind: Literal["audio", "video"]
    duration_seconds: float
    sample_rate: int | None  # of the audio; None for a film without sound


# How the layered contributions sit on what they were made over: key -> ((key, offset s), ...).
# The offsets become `built_on[].offset_samples` (offset times that file's sample rate).
LAYERED_ON: dict[str, tuple[tuple[str, float], ...]] = {
    "night_bus_harmony": (("night_bus_backing", music.NIGHT_BUS_HARMONY_OFFSET),),
    "night_bus_lead_guide": (
        ("night_bus_backing", music.NIGHT_BUS_LEAD_OFFSET),
        ("night_bus_harmony", music.NIGHT_BUS_LEAD_OFFSET - music.NIGHT_BUS_HARMONY_OFFSET),
    ),
    "paper_boats_music_a": (("paper_boats_animation", 0.0),),
    "paper_boats_music_b": (("paper_boats_animation", 0.0),),
}


# --- audio files -----------------------------------------------------------------------------

_OGG_SERIAL = 0x48526563  # "HRec": libsndfile picks a random Ogg stream serial for each file
_BIT_REVERSED = bytes(int(f"{i:08b}"[::-1], 2) for i in range(256))


def _ogg_crc(page: bytes) -> int:
    """Ogg's CRC-32 (polynomial 0x04C11DB7, not reflected, no init or final xor), computed with
    zlib's reflected CRC-32 on bit-reversed bytes, so it runs in C."""
    crc = zlib.crc32(page.translate(_BIT_REVERSED), 0xFFFFFFFF) ^ 0xFFFFFFFF
    return int(f"{crc:032b}"[::-1], 2)


def _fix_ogg_serial(path: Path) -> None:
    """Give every page of a one-stream Ogg file the same fixed serial (and a recomputed CRC), so
    the bytes, and the contribution's sha256, are the same on every machine."""
    data, pos = bytearray(path.read_bytes()), 0
    while pos < len(data):
        if data[pos : pos + 4] != b"OggS":
            raise ValueError(f"{path}: not an Ogg page at byte {pos}")
        segments = data[pos + 26]
        end = pos + 27 + segments + sum(data[pos + 27 : pos + 27 + segments])
        data[pos + 14 : pos + 18] = _OGG_SERIAL.to_bytes(4, "little")
        data[pos + 22 : pos + 26] = bytes(4)
        data[pos + 22 : pos + 26] = _ogg_crc(bytes(data[pos:end])).to_bytes(4, "little")
        pos = end
    path.write_bytes(bytes(data))


def _write_audio(
    path: str | Path, audio: music.Audio, sr: int, fmt: str, subtype: str, media_type: str
) -> MediaInfo:
    path = Path(path)
    sf.write(path, audio.T, sr, format=fmt, subtype=subtype)  # soundfile wants (frames, channels)
    if fmt == "OGG":
        _fix_ogg_serial(path)
    return MediaInfo(path, media_type, "audio", audio.shape[-1] / sr, sr)


def night_bus_backing_track(path: str | Path) -> MediaInfo:
    """ "Night Bus" (96 BPM, 8 bars, 20 s): the song that asks for vocals. Stereo FLAC, 48 kHz."""
    return _write_audio(path, music.night_bus_backing(), 48_000, "FLAC", "PCM_16", "audio/flac")


def night_bus_harmony(path: str | Path) -> MediaInfo:
    """A sung harmony over Night Bus, starting at bar 3 (5 s into the backing). Mono Ogg Vorbis
    at 44.1 kHz: a different rate on purpose, so the app's resampler gets used."""
    return _write_audio(path, music.night_bus_harmony(44_100), 44_100, "OGG", "VORBIS", "audio/ogg")


def night_bus_lead_guide(path: str | Path) -> MediaInfo:
    """A lead guide vocal answering the harmony (call and response), from bar 4 (7.5 s into the
    backing, 2.5 s into the harmony) to the end. Mono MP3 at 48 kHz."""
    audio = music.night_bus_lead_guide(48_000)
    return _write_audio(path, audio, 48_000, "MP3", "MPEG_LAYER_III", "audio/mpeg")


def paper_boats_music_a(path: str | Path) -> MediaInfo:
    """Music for "Paper Boats": a music-box waltz, 6 s. Stereo 24-bit WAV, 48 kHz."""
    return _write_audio(path, music.paper_boats_waltz(), 48_000, "WAV", "PCM_24", "audio/wav")


def paper_boats_music_b(path: str | Path) -> MediaInfo:
    """Another take on "Paper Boats": a bouncy 160 BPM tune, 6 s. Stereo FLAC, 48 kHz."""
    return _write_audio(path, music.paper_boats_bounce(), 48_000, "FLAC", "PCM_16", "audio/flac")


# --- drawing ------------------------------------------------------------------------------
# Pictures are planar float32 (channels, height, width), values 0-255: every numpy operation
# then runs over long contiguous rows, and converting to the encoder's YUV 4:2:0 is direct.

Color = tuple[float, ...]

_FONT = {  # 3x5 pixel glyphs, rows top to bottom, enough for a burned-in timecode
    "0": "111101101101111", "1": "010110010010111", "2": "111001111100111",
    "3": "111001111001111", "4": "101101111001001", "5": "111100111001111",
    "6": "111100111101111", "7": "111001001001001", "8": "111101111101111",
    "9": "111101111001111", ":": "000010000010000",
}  # fmt: skip
_GLYPHS = {  # each glyph as a 5x4 bitmap: the 3 columns and a spacing column
    ch: np.pad(np.array([int(b) for b in bits]).reshape(5, 3), ((0, 0), (0, 1)))
    for ch, bits in _FONT.items()
}


def _blend(img: Image, y0: int, x0: int, cover: NDArray[np.float32], color: Color) -> None:
    """Paint `color` over a region of `img` where `cover` (0-1, the region's shape) says."""
    h, w = cover.shape
    region = img[:, y0 : y0 + h, x0 : x0 + w]
    region += cover * (np.asarray(color, np.float32)[:, None, None] - region)


def _box(img: Image, xs: NDArray, ys: NDArray, pad: float) -> tuple[int, int, NDArray, NDArray]:
    """Pixel-centre coordinates, a column (gy) and a row (gx), of the bounding box of points
    clipped to the image; they broadcast to the box's shape."""
    h, w = img.shape[1:]
    x0, y0 = min(w, max(0, int(xs.min() - pad))), min(h, max(0, int(ys.min() - pad)))
    x1 = max(x0, min(w, int(xs.max() + pad) + 1))
    y1 = max(y0, min(h, int(ys.max() + pad) + 1))
    gx = np.arange(x0, x1, dtype=np.float32) + np.float32(0.5)
    gy = np.arange(y0, y1, dtype=np.float32)[:, None] + np.float32(0.5)
    return y0, x0, gx, gy


def polygon(img: Image, points: NDArray, color: Color) -> None:
    """Fill a convex polygon, anti-aliased: coverage from the distance to the nearest edge."""
    pts = np.asarray(points, np.float32)
    y0, x0, gx, gy = _box(img, pts[:, 0], pts[:, 1], 1)
    if gx.size * gy.size == 0:
        return
    (ax, ay), (bx, by) = pts.T[:, :, None, None], np.roll(pts, -1, axis=0).T[:, :, None, None]
    turn = np.sign(np.sum(ax * by - bx * ay))  # +1 or -1 with the winding of the points
    edge = turn / np.maximum(np.hypot(bx - ax, by - ay), 1e-6)
    inside = (((bx - ax) * (gy - ay) - (by - ay) * (gx - ax)) * edge).min(axis=0)
    _blend(img, y0, x0, np.clip(inside + 0.5, 0, 1), color)


def ellipse(img: Image, cx: float, cy: float, rx: float, ry: float, color: Color) -> None:
    """Fill an ellipse, anti-aliased."""
    y0, x0, gx, gy = _box(img, np.array([cx - rx, cx + rx]), np.array([cy - ry, cy + ry]), 1)
    if gx.size * gy.size == 0:
        return
    r = np.hypot((gx - cx) / rx, (gy - cy) / ry)
    _blend(img, y0, x0, np.clip((1 - r) * min(rx, ry) + 0.5, 0, 1), color)


def glow(img: Image, cx: float, cy: float, radius: float, color: Color, strength: float) -> None:
    """A soft round halo (Gaussian falloff), for the moon and the sun."""
    r3 = 3 * radius
    y0, x0, gx, gy = _box(img, np.array([cx - r3, cx + r3]), np.array([cy - r3, cy + r3]), 0)
    _blend(img, y0, x0, strength * np.exp(-((gx - cx) ** 2 + (gy - cy) ** 2) / radius**2), color)


def _stamp(img: Image, cover: NDArray[np.float32], x: float, y: int, color: Color) -> None:
    """Paint `color` through a pre-drawn coverage map whose left edge is at x; a fraction of a
    pixel is shared between neighbouring columns, so slow motion glides instead of stepping."""
    xi, f = math.floor(x), x - math.floor(x)
    shifted = np.pad(cover, ((0, 0), (0, 1))) * (1 - f)
    shifted[:, 1:] += cover * f
    a, b = max(0, xi), min(img.shape[2], xi + shifted.shape[1])
    if b > a:
        _blend(img, y, a, shifted[:, a - xi : b - xi], color)


def _gradient(h: int, w: int, top: Color, bottom: Color) -> Image:
    """A vertical colour gradient, top to bottom."""
    mix = np.linspace(0, 1, h, dtype=np.float32)[None, :, None]
    top_c, bottom_c = np.asarray(top, np.float32), np.asarray(bottom, np.float32)
    colors = top_c[:, None, None] + mix * (bottom_c - top_c)[:, None, None]
    return np.broadcast_to(colors, (3, h, w)).copy()


_YUV = (  # ITU-R BT.601, limited range: (Y, Cb, Cr) rows of weights for 0-255 R, G, B
    (65.481 / 255, 128.553 / 255, 24.966 / 255),
    (-37.797 / 255, -74.203 / 255, 112.0 / 255),
    (112.0 / 255, -93.786 / 255, -18.214 / 255),
)


def _to_yuv420(img: Image) -> NDArray[np.uint8]:
    """Planar RGB -> the (height*3/2, width) yuv420p array PyAV takes: full-size luma, chroma
    from 2x2 averages. Done here rather than by swscale, which costs more per frame. Clips
    `img` to 0-255 in place (the callers redraw every pixel of the next frame anyway)."""
    _, h, w = img.shape
    r, g, b = np.clip(img, 0, 255, out=img)
    out = np.empty(h * w * 3 // 2, np.uint8)
    (yr, yg, yb), (ur, ug, ub), (vr, vg, vb) = _YUV
    out[: h * w] = (yr * r + yg * g + yb * b + 16.5).ravel()
    quad = img[:, ::2, ::2] + img[:, 1::2, ::2] + img[:, ::2, 1::2] + img[:, 1::2, 1::2]
    r, g, b = quad * 0.25
    out[h * w : h * w * 5 // 4] = (ur * r + ug * g + ub * b + 128.5).ravel()
    out[h * w * 5 // 4 :] = (vr * r + vg * g + vb * b + 128.5).ravel()
    return out.reshape(h * 3 // 2, w)


def timecode(yuv: NDArray[np.uint8], frame: int, fps: int, scale: int = 2) -> None:
    """Burn HH:MM:SS:FF, white on a dark box, into the bottom-right corner of a yuv420p frame
    (so later checks of A/V sync can read the frame number off the picture)."""
    s, ff = divmod(frame, fps)
    text = f"{s // 3600:02}:{s // 60 % 60:02}:{s % 60:02}:{ff:02}"
    cover = np.kron(np.hstack([_GLYPHS[ch] for ch in text]), np.ones((scale, scale), int)) > 0
    h, w = yuv.shape[0] * 2 // 3, yuv.shape[1]
    th, tw = cover.shape
    y, x = h - th - 4 * scale & ~1, w - tw - 4 * scale & ~1  # even, to line up with chroma
    box = yuv[y - 2 : y + th + 2, x - 2 : x + tw]
    box[:] = 16 + (box - 16.0) * 0.3
    box[2:-2, 2:][cover] = 235
    planes = yuv.reshape(-1)[h * w :].reshape(2, h // 2, w // 2)  # Cb and Cr, as views
    chroma = planes[:, y // 2 - 1 : (y + th) // 2 + 1, x // 2 - 1 : (x + tw) // 2]
    chroma[:] = 128 + (chroma - 128.0) * 0.3


# --- video files ----------------------------------------------------------------------------


def _write_video(
    path: str | Path,
    frames: Iterator[NDArray[np.uint8]],
    size: tuple[int, int],
    fps: int,
    audio: music.Audio | None = None,
    sr: int = music.SAMPLE_RATE,
) -> int:
    """H.264 (yuv420p frames as made by _to_yuv420, tagged BT.601) in MP4, with AAC sound if
    `audio` (channels, n) is given, fed alongside the frames so the file is interleaved.
    Returns the number of frames written."""
    bt601 = "colorprim=smpte170m:transfer=smpte170m:colormatrix=smpte170m:range=tv"
    # ultrafast: a third of superfast's time for a bigger file; one thread: same bytes everywhere
    options = {"preset": "ultrafast", "crf": "21", "threads": "1", "x264-params": bt601}
    with av.open(str(path), "w", format="mp4") as out:
        video = out.add_stream("libx264", rate=fps, options=options)
        video.width, video.height, video.pix_fmt = *size, "yuv420p"
        sound = None
        if audio is not None:  # the fast coder: a third of the default's time, same size here
            sound = out.add_stream("aac", rate=sr, layout="stereo", options={"aac_coder": "fast"})
        fed, count = 0, 0
        for count, yuv in enumerate(frames, start=1):
            frame = av.VideoFrame.from_ndarray(yuv, format="yuv420p")
            frame.pts, frame.time_base = count - 1, Fraction(1, fps)
            out.mux(video.encode(frame))
            if sound is not None and audio is not None:
                until = min(audio.shape[-1], round(count * sr / fps))
                chunk = np.ascontiguousarray(audio[:, fed:until], np.float32)
                if chunk.shape[-1]:
                    piece = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="stereo")
                    piece.sample_rate, piece.pts, piece.time_base = sr, fed, Fraction(1, sr)
                    out.mux(sound.encode(piece))
                fed = until
        out.mux(video.encode())
        if sound is not None:
            out.mux(sound.encode())
    return count


LIGHTHOUSE_SIZE, LIGHTHOUSE_FPS, LIGHTHOUSE_SECONDS = (640, 360), 24, 8.0
BEAM_PERIOD = 4.0  # seconds per turn of the lighthouse lamp
_LAMP = (150.0, 131.0)
_HORIZON = 240


def _lighthouse_frames(n: int) -> Iterator[NDArray[np.uint8]]:
    """Night sea with a lighthouse: twinkling stars, a moon glittering on the water, rolling
    waves, and a beam that sweeps round once every BEAM_PERIOD seconds. Whatever does not move
    is drawn once, and since every motion repeats with the lamp's turn, so is each turn."""
    w, h, hz, fps = *LIGHTHOUSE_SIZE, _HORIZON, LIGHTHOUSE_FPS
    lx, ly = _LAMP
    sky = _gradient(hz, w, (6, 10, 32), (30, 46, 80))
    glow(sky, 520, 70, 30, (90, 100, 130), 0.6)
    ellipse(sky, 520, 70, 17, 17, (236, 234, 214))
    rng = np.random.default_rng(5)
    stars = rng.uniform((0, 0), (w, hz - 20), (90, 2)).astype(int)
    star_level = rng.uniform(60, 200, 90).astype(np.float32)
    star_phase = rng.uniform(0, 2 * np.pi, 90).astype(np.float32)
    # the sea: waves roll towards us, longer and larger nearer the bottom edge
    sea = _gradient(h - hz, w, (22, 40, 68), (4, 10, 22))
    sy, sx = np.mgrid[0 : h - hz, 0:w].astype(np.float32)
    depth = sy / (h - hz)
    swell = sx * 0.06 / (0.25 + depth) + 18 * np.sqrt(depth)
    swell_sin, swell_cos = np.sin(swell), np.cos(swell)
    gx_band, gy_band, depth_band = sx[:, 440:600], sy[:, 440:600], depth[:, 440:600]
    # the rock and the tower: an RGBA layer (premultiplied), cropped to where it is opaque
    fg = np.zeros((4, h, w), np.float32)
    ellipse(fg, 150, 250, 95, 20, (16, 16, 22, 255))
    polygon(fg, np.array([[lx - 18, 246], [lx + 18, 246], [lx + 11, 140], [lx - 11, 140]]),
            (214, 212, 204, 255))  # fmt: skip
    for top in (160, 194):  # red bands, following the tower's taper
        half = 11 + 7 * (top - 140) / 106
        band = [[lx - half - 1, top + 14], [lx + half + 1, top + 14], [lx + half, top],
                [lx - half, top]]  # fmt: skip
        polygon(fg, np.array(band), (160, 40, 36, 255))
    polygon(fg, np.array([[lx - 14, 124], [lx + 14, 124], [lx, 108]]), (40, 40, 46, 255))
    rows, cols = np.nonzero(fg[3])
    fy, fx = rows.min(), cols.min()
    fg = fg[:, fy : rows.max() + 1, fx : cols.max() + 1]
    fg_keep, fg_rgb = 1 - fg[3] / 255, fg[:3]
    # the beam: angle under the horizontal (aimed a little down) and distance from the lamp
    gy, gx = np.mgrid[0:h, 0:w].astype(np.float32)
    dx, dy = gx - lx, gy - ly
    dist, tilt = np.hypot(dx, dy), np.arctan2(dy, np.abs(dx)) - np.float32(0.06)
    li, lj = int(ly), int(lx)
    halo = np.exp(-dist[li - 64 : li + 64, lj - 64 : lj + 64] / 14)
    glare = np.exp(-((dist[li - 130 : li + 130, lj - 130 : lj + 130] / 45) ** 2))
    beam_color = np.array([255, 236, 170], np.float32)[:, None, None]

    img = np.empty((3, h, w), np.float32)
    turn = 2 * math.pi / BEAM_PERIOD  # every motion below repeats after one turn of the lamp

    def scene(t: float) -> NDArray[np.uint8]:
        phase = turn * t
        img[:, :hz] = sky
        twinkle = star_level * (0.65 + 0.35 * np.sin(4 * phase + star_phase))
        img[:, stars[:, 1], stars[:, 0]] += twinkle
        water = img[:, hz:]
        roll = swell_sin * math.cos(phase) - swell_cos * math.sin(phase)  # sin(swell - phase)
        np.multiply(sea, 0.8 + 0.25 * roll, out=water)
        wobble = (gx_band - 520 + 7 * np.sin(0.5 * gy_band + 2 * phase)) / (6 + 30 * depth_band)
        sparkle = 0.5 + 0.5 * np.sin(0.9 * gx_band + gy_band - 2 * phase)
        water[:, :, 440:600] += 90 * np.exp(-(wobble**2)) * sparkle
        region = img[:, fy : fy + fg.shape[1], fx : fx + fg.shape[2]]
        region *= fg_keep
        region += fg_rgb
        reach, facing = abs(math.cos(phase)), max(0.0, math.sin(phase)) ** 4
        width = 0.05 + 0.3 * (1 - reach)  # seen end-on, the beam looks short and wide
        side = slice(lj, w) if math.cos(phase) > 0 else slice(0, lj)
        beam = np.exp(-((tilt[:, side] / width) ** 2) - dist[:, side] / (40 + 520 * reach))
        img[:, :, side] += (0.85 * (0.25 + 0.75 * reach)) * beam * beam_color
        lamp = (0.35 + 0.65 * facing) * halo
        img[:, li - 64 : li + 64, lj - 64 : lj + 64] += lamp * beam_color
        if facing > 0.01:  # the lamp looks straight at us: a wide glare
            img[:, li - 130 : li + 130, lj - 130 : lj + 130] += 0.6 * facing * glare * beam_color
        img[:, 124:140, lj - 10 : lj + 10] = beam_color * (0.7 + 0.3 * facing)
        return _to_yuv420(img)

    period, scenes = round(BEAM_PERIOD * fps), []
    for i in range(n):
        if i < period:  # one turn is drawn; later turns replay it under a new timecode
            scenes.append(scene(i / fps))
        frame = scenes[i % period].copy()
        timecode(frame, i, fps)
        yield frame


def lighthouse_short_film(path: str | Path) -> MediaInfo:
    """ "The Lighthouse": an 8 s, 640x360, 24 fps film that asks for narration. H.264 with AAC
    sea-and-pad sound; a bell rings each time the beam faces the camera (a sync mark), and a
    timecode is burned into the corner."""
    n = round(LIGHTHOUSE_SECONDS * LIGHTHOUSE_FPS)
    bells = np.arange(BEAM_PERIOD / 4, LIGHTHOUSE_SECONDS - 1, BEAM_PERIOD)  # beam towards us
    sound = music.lighthouse_ambience(LIGHTHOUSE_SECONDS, list(bells))
    count = _write_video(path, _lighthouse_frames(n), LIGHTHOUSE_SIZE, LIGHTHOUSE_FPS, sound)
    return MediaInfo(Path(path), "video/mp4", "video", count / LIGHTHOUSE_FPS, music.SAMPLE_RATE)


PAPER_BOATS_SIZE, PAPER_BOATS_FPS, PAPER_BOATS_SECONDS = (480, 270), 24, 6.0
_BOATS = ((120.0, 34.0, 26.0, (246, 244, 236)), (-10.0, 48.0, 18.0, (242, 128, 108)),
          (300.0, 26.0, 14.0, (250, 208, 86)))  # fmt: skip  # start x, speed px/s, size, colour
_CLOUDS = ((60.0, 50.0, 1.0, 8.0), (250.0, 90.0, 0.7, 12.0), (420.0, 40.0, 0.8, 16.0))  # x y size v


def _surface(x: NDArray | float, t: float) -> NDArray:
    """Height of the water line at x (pixels), time t."""
    x = np.asarray(x, np.float32)
    return 178 + 5 * np.sin(0.035 * x - 1.8 * t) + 3 * np.sin(0.083 * x + 1.1 * t)


def _paper_boats_frames(n: int) -> Iterator[NDArray[np.uint8]]:
    """A sunny sea where three paper boats sail right, bobbing and tilting on the waves, under
    drifting clouds."""
    w, h, fps = *PAPER_BOATS_SIZE, PAPER_BOATS_FPS
    top, line = 160, 40  # the water line and the boats' keels stay within rows 160-200
    sky = _gradient(h, w, (128, 192, 236), (252, 226, 198))
    glow(sky, 390, 62, 48, (255, 240, 190), 0.7)
    ellipse(sky, 390, 62, 26, 26, (255, 214, 110))
    deep = _gradient(h, w, (70, 146, 196), (24, 78, 138))[:, top:]
    gy, gx = np.mgrid[top:h, 0:w].astype(np.float32)
    ripple = 0.05 * gx - 0.4 * gy
    ripple_sin, ripple_cos = np.sin(ripple), np.cos(ripple)
    hull = np.array([[-1, 0], [1, 0], [0.62, 0.42], [-0.62, 0.42]], np.float32)
    sail = np.array([[-0.55, 0.02], [0.55, 0.02], [0.0, -0.95]], np.float32)
    clouds = []  # coverage maps of three puffs each, drawn once
    for _, _, size, _ in _CLOUDS:
        cover = np.zeros((1, round(60 * size), round(120 * size)), np.float32)
        for ox, oy, r in ((38, 34, 16), (60, 24, 22), (84, 33, 15)):
            ellipse(cover, ox * size, oy * size, r * size * 1.4, r * size, (1.0,))
        clouds.append(cover[0])
    img = np.empty((3, h, w), np.float32)
    for i in range(n):
        t = i / fps
        img[:] = sky
        for (cx, cy, _, speed), cover in zip(_CLOUDS, clouds, strict=True):
            x = (cx - speed * t) % (w + 160) - 140
            _stamp(img, cover, x, round(cy - cover.shape[0] / 2), (255, 255, 255))
        below = gy[:line] - _surface(gx[0], t)  # pixels under the water line (<0: above)
        shade = 0.92 + 0.08 * (ripple_sin * math.cos(2 * t) + ripple_cos * math.sin(2 * t))
        water = deep * shade
        img[:, top + line :] = water[:, line:]  # all water
        lower = img[:, top : top + line]  # the band where the water line runs
        lower += np.clip(below + 0.5, 0, 1) * (water[:, :line] - lower)
        for x0, speed, size, color in _BOATS:
            x = (x0 + speed * t) % (w + 100) - 50
            slope = float(np.arctan((_surface(x + 3, t) - _surface(x - 3, t)) / 6))
            rot = np.array(
                [[math.cos(slope), math.sin(slope)], [-math.sin(slope), math.cos(slope)]]
            )
            at = np.array([x, float(_surface(x, t)) - 0.1 * size])
            polygon(img, hull * size @ rot + at, color)
            polygon(img, sail * size @ rot + at, tuple(c * 0.82 for c in color))
        lower += 0.55 * np.clip(below - 2, 0, 1) * (water[:, :line] - lower)  # over the keels
        frame = _to_yuv420(img)
        timecode(frame, i, fps, scale=1)
        yield frame


def paper_boats_animation(path: str | Path) -> MediaInfo:
    """ "Paper Boats": a 6 s, 480x270, 24 fps animation that asks for music. H.264, no sound."""
    n = round(PAPER_BOATS_SECONDS * PAPER_BOATS_FPS)
    count = _write_video(path, _paper_boats_frames(n), PAPER_BOATS_SIZE, PAPER_BOATS_FPS)
    return MediaInfo(Path(path), "video/mp4", "video", count / PAPER_BOATS_FPS, None)


# --- everything --------------------------------------------------------------------------

FILE_NAMES: dict[str, str] = {
    "night_bus_backing": "night-bus-backing.flac",
    "night_bus_harmony": "night-bus-harmony.ogg",
    "night_bus_lead_guide": "night-bus-lead-guide.mp3",
    "lighthouse_short_film": "the-lighthouse.mp4",
    "paper_boats_animation": "paper-boats.mp4",
    "paper_boats_music_a": "paper-boats-music-a.wav",
    "paper_boats_music_b": "paper-boats-music-b.flac",
}

_MAKERS: dict[str, Callable[[str | Path], MediaInfo]] = {  # the slowest first, for the pool
    "lighthouse_short_film": lighthouse_short_film,
    "paper_boats_animation": paper_boats_animation,
    "night_bus_lead_guide": night_bus_lead_guide,
    "night_bus_harmony": night_bus_harmony,
    "night_bus_backing": night_bus_backing_track,
    "paper_boats_music_a": paper_boats_music_a,
    "paper_boats_music_b": paper_boats_music_b,
}


def generate_all(folder: Path, workers: int = 2) -> dict[str, MediaInfo]:
    """Write every demo file into `folder` (created if missing), named as in FILE_NAMES. The
    files are independent and numpy, libsndfile and the encoders release the GIL, so `workers`
    threads make them side by side (about halving the time on two cores); the bytes written do
    not depend on it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        jobs = {key: pool.submit(make, folder / FILE_NAMES[key]) for key, make in _MAKERS.items()}
    return {key: jobs[key].result() for key in FILE_NAMES}
