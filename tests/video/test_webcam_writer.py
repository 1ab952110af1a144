"""The webcam take writer with the synthetic camera: real libx264 and AAC, read back by PyAV and
ffprobe; fragments cut short at any byte still give every whole fragment back."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import av
import numpy as np
import pytest

from hitrecord_desktop.video.frame_source import (
    RGB24,
    Frame,
    FrameFormat,
    SyntheticFrameSource,
    decode_number,
)
from hitrecord_desktop.video.take_mux import TakeMuxError, complete_length, finish_take
from hitrecord_desktop.video.webcam_writer import LiveAudioFormat, WebcamWriteError, WebcamWriter

from .webcam_support import ffprobe_streams, read_back

FPS = 30


def _record(
    tmp_path: Path, seconds: float, **writer_options
) -> tuple[WebcamWriter, SyntheticFrameSource]:
    source = SyntheticFrameSource(320, 240, FPS)
    writer = WebcamWriter(tmp_path / "take.webcam.mp4", source.format, **writer_options)
    writer.start()
    t0 = time.monotonic()
    closed = threading.Event()
    source.start(lambda f: writer.submit(f, f.timestamp - t0), lambda _e: closed.set())
    time.sleep(seconds)
    source.stop()
    assert closed.wait(5)
    return writer, source


def test_a_take_is_h264_with_every_frame_in_order_at_its_capture_time(tmp_path: Path) -> None:
    writer, source = _record(tmp_path, 2.0)
    result = writer.stop()
    assert result.error is None and result.dropped == 0
    delivered = len(source.timestamps)
    assert abs(delivered - 2.0 * FPS) <= 3
    muxed = finish_take(result.path, tmp_path / "take.mp4")
    back = read_back(muxed.path)
    assert back.codecs == {"video": "h264"}
    assert back.numbers == list(range(delivered))
    # Each picture is shown at the moment it was captured, to the 1/90000 s time base.
    captured = np.array(source.timestamps) - source.timestamps[0]
    np.testing.assert_allclose(np.array(back.times) - back.times[0], captured, atol=2e-5)
    probe = ffprobe_streams(muxed.path)
    assert [(s["codec_name"], int(s["nb_read_frames"])) for s in probe] == [("h264", delivered)]
    assert float(probe[0]["duration"]) == pytest.approx(delivered / FPS, abs=0.1)


def test_uneven_frame_times_are_kept_not_stretched(tmp_path: Path) -> None:
    fmt = FrameFormat(320, 240, FPS)
    source = SyntheticFrameSource(320, 240, FPS)
    writer = WebcamWriter(tmp_path / "vfr.webcam.mp4", fmt)
    writer.start()
    times = np.cumsum([0.0] + [0.02, 0.05, 0.033, 0.1, 0.01] * 6)
    for index, at in enumerate(times):
        while writer.pending() > 10:
            time.sleep(0.002)
        assert writer.submit(Frame(source.picture(index), RGB24, at, index), float(at))
    writer.submit(Frame(source.picture(99), RGB24, 0.0, 99), float(times[-1]))  # not later: skipped
    result = writer.stop()
    assert result.late == 1
    back = read_back(finish_take(result.path, tmp_path / "vfr.mp4").path)
    np.testing.assert_allclose(back.times, times, atol=2e-5)


def test_a_full_queue_drops_frames_and_counts_them_without_blocking(tmp_path: Path) -> None:
    fmt = FrameFormat(1280, 720, FPS)
    writer = WebcamWriter(tmp_path / "busy.webcam.mp4", fmt, queue_seconds=0.1, preset="medium")
    writer.start()
    picture = np.zeros((720, 1280, 3), np.uint8)
    began = time.perf_counter()
    accepted = sum(writer.submit(Frame(picture, RGB24, i / FPS, i), i / FPS) for i in range(200))
    handing_over = time.perf_counter() - began
    result = writer.stop()
    assert result.dropped == 200 - accepted > 0
    assert result.frames == accepted
    assert handing_over < 0.5  # 200 hand-overs: no waiting for the encoder


def test_camera_microphone_sound_is_encoded_as_aac_alongside(tmp_path: Path) -> None:
    writer = WebcamWriter(
        tmp_path / "mic.webcam.mp4", FrameFormat(320, 240, FPS), audio=LiveAudioFormat(48_000, 1)
    )
    writer.start()
    source = SyntheticFrameSource(320, 240, FPS)
    tone = (0.2 * np.sin(np.arange(960) * 2 * np.pi * 440 / 48_000)).astype(np.float32)[:, None]
    for index in range(60):  # 2 s of pictures, and 20 ms chunks of sound between them
        while writer.pending() > 10:  # as fast as the encoder goes: this test is not about drops
            time.sleep(0.002)
        writer.submit(Frame(source.picture(index), RGB24, index / FPS, index), index / FPS)
        for k in range(index * 5 // 3, (index + 1) * 5 // 3):
            writer.submit_audio(tone, k * 0.02)
    result = writer.stop()
    assert result.error is None and result.audio_samples == 100 * 960
    back = read_back(finish_take(result.path, tmp_path / "mic.mp4").path)
    assert back.codecs == {"video": "h264", "audio": "aac"}
    assert back.audio_seconds == pytest.approx(2.0, abs=0.05)


def test_an_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    writer = WebcamWriter(blocker / "take.webcam.mp4", FrameFormat(320, 240, FPS))
    with pytest.raises(WebcamWriteError, match="cannot create the take file"):
        writer.start()


def test_a_camera_that_stops_says_so() -> None:
    source = SyntheticFrameSource(320, 240, 60, fail_after=5)
    closed: list[str | None] = []
    done = threading.Event()
    source.start(lambda _f: None, lambda error: (closed.append(error), done.set()))
    assert done.wait(5)
    assert closed == ["the synthetic camera stopped delivering frames"]


def test_frame_numbers_survive_compression() -> None:
    source = SyntheticFrameSource(320, 240, FPS)
    for number in (0, 1, 1234, 65535):
        assert decode_number(source.picture(number)) == number % 65536


def _packet_ends(path: Path) -> list[int]:
    """The byte offset where each picture's data ends in the file, in file order."""
    with av.open(str(path)) as container:
        return sorted(
            p.pos + p.size for p in container.demux(video=0) if p.size and p.pos is not None
        )


def test_fragments_cut_at_any_byte_give_back_every_whole_fragment(tmp_path: Path) -> None:
    writer, _source = _record(tmp_path, 2.0)
    result = writer.stop()
    whole = result.path.read_bytes()
    ends = _packet_ends(result.path)
    gop = FPS // 2
    checked = 0
    for cut in range(1500, len(whole), len(whole) // 29):
        damaged = tmp_path / f"cut-{cut}.webcam.mp4"
        damaged.write_bytes(whole[:cut])
        written = sum(end <= cut for end in ends)  # pictures wholly on disk at the cut
        if complete_length(damaged) < ends[0]:  # not even the first fragment is whole
            assert written <= gop
            with pytest.raises(TakeMuxError, match="no whole fragment"):
                finish_take(damaged, tmp_path / f"cut-{cut}.mp4")
            continue
        back = read_back(finish_take(damaged, tmp_path / f"cut-{cut}.mp4").path)
        assert back.numbers == list(range(len(back.numbers)))  # in order, none missing
        # Lost: at most the fragment being written (half a second of pictures).
        assert written - gop <= len(back.numbers) <= written, (cut, written, len(back.numbers))
        checked += 1
    assert checked >= 20


def test_garbage_is_a_clear_error(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.webcam.mp4"
    garbage.write_bytes(b"\x00\x00\x00\x10nope" + bytes(100))
    with pytest.raises(TakeMuxError):
        finish_take(garbage, tmp_path / "garbage.mp4")
