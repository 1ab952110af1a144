"""Pictures by time for the render: the right frame at each time, forward without seeking (even
when the caller restamps the frames it gets, as the encoder loop does), back by seeking."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from hitrecord_desktop.media.probe import MediaError
from hitrecord_desktop.media.video_frames import FrameReader, fit_into
from tests.support.video_clips import read_code, write_video


def test_frames_by_time_forward_and_back(tmp_path: Path) -> None:
    source = write_video(tmp_path / "film.mp4", 5, fps=24, size=(320, 240), gop=48)
    reader = FrameReader(source)
    seeks = 0
    seek = reader._seek

    def counted(seconds: float) -> None:
        nonlocal seeks
        seeks += 1
        seek(seconds)

    reader._seek = counted  # type: ignore[method-assign]
    try:
        assert reader.display_size == (320, 240) and reader.fps == 24
        for n in range(150):  # 5 s at 30 fps from a 24 fps source
            frame = reader.frame_at(n / 30, 320, 240)
            assert read_code(frame.to_ndarray(format="rgb24")) == math.floor(n * 24 / 30 + 1e-9)
            frame.pts = n  # what the encoder loop does with it
        assert seeks == 0
        back = reader.frame_at(1.0, 320, 240).to_ndarray(format="rgb24")
        assert read_code(back) == 24 and seeks == 1
    finally:
        reader.close()


def test_fit_keeps_the_shape_in_even_sizes() -> None:
    assert fit_into((320, 240), (640, 360)) == (480, 360)
    assert fit_into((1080, 1920), (1280, 720)) == (404, 720)
    assert fit_into((3840, 2160), (1920, 1080), grow=False) == (1920, 1080)
    assert fit_into((321, 241), (1920, 1080), grow=False) == (320, 240)


def test_an_audio_only_file_is_refused_by_name(tmp_path: Path) -> None:
    import soundfile as sf

    sound = tmp_path / "sound.wav"
    sf.write(sound, [[0.0]] * 4800, 48_000)
    with pytest.raises(MediaError, match="has no video stream") as caught:
        FrameReader(sound)
    assert caught.value.path == str(sound)
