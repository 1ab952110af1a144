"""Videos whose pixels say which frame they are, for frame-accurate checks.

Each frame is a 4 x 4 grid of big blocks, white for a 1 bit and black for a 0, the frame number
in 16 bits (most significant first, row by row). Blocks this big survive any sane encoder, and
the reader looks only at each block's middle, so scaling and black bars around it do not matter.
PyAV encodes them (libx264 is in its wheel) so the frames are exactly the ones we drew.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np

BITS = 16
GRID = 4


def code_image(number: int, width: int, height: int) -> np.ndarray:
    """An RGB frame (height x width x 3, uint8) showing `number`."""
    bits = [(number >> (BITS - 1 - k)) & 1 for k in range(BITS)]
    cells = np.array(bits, np.uint8).reshape(GRID, GRID) * 255
    rows = np.repeat(cells, -(-height // GRID), axis=0)[:height]
    image = np.repeat(rows, -(-width // GRID), axis=1)[:, :width]
    return np.repeat(image[:, :, None], 3, axis=2)


def read_code(pixels: np.ndarray) -> int:
    """The number shown by a frame (height x width x channels, any 8-bit channel order)."""
    height, width = pixels.shape[:2]
    number = 0
    for row in range(GRID):
        for col in range(GRID):
            y = int((row + 0.5) * height / GRID)
            x = int((col + 0.5) * width / GRID)
            patch = pixels[y - 2 : y + 3, x - 2 : x + 3, :3]
            number = (number << 1) | int(patch.mean() > 127)
    return number


def write_coded_video(
    path: Path,
    *,
    seconds: float,
    fps: int = 30,
    width: int = 320,
    height: int = 240,
    codec: str = "libx264",
    gop: int = 30,
) -> Path:
    """A video-only file whose frame n shows n (H.264 in MP4 by default)."""
    with av.open(str(path), "w") as out:
        stream = out.add_stream(codec, rate=fps)
        stream.width, stream.height = width, height
        stream.pix_fmt = "yuv420p"
        stream.time_base = Fraction(1, fps)
        stream.codec_context.gop_size = gop
        if codec == "libx264":
            stream.options = {"preset": "ultrafast", "tune": "zerolatency", "crf": "23"}
        for n in range(round(seconds * fps)):
            frame = av.VideoFrame.from_ndarray(code_image(n, width, height), format="rgb24")
            frame.pts = n
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path
