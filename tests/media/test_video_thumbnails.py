"""Keyframe thumbnails of videos made by real encoders (PyAV's libx264, the ffmpeg program)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import av
import numpy as np
import pytest

from hitrecord_desktop.media.video_thumbnails import VideoThumbnails, file_sha256, strip_times
from tests.support.video_clips import bottom_colour, read_code, write_video

RED, GREEN, BLUE, WHITE = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)


@pytest.fixture(scope="module")
def seconds_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four seconds, a keyframe each second, a different colour each second."""
    folder = tmp_path_factory.mktemp("video")
    return write_video(folder / "four.mp4", 4, colours=[RED, GREEN, BLUE, WHITE], gop=24)


def _close(colour: tuple[int, int, int], expected: tuple[int, int, int]) -> bool:
    return max(abs(a - b) for a, b in zip(colour, expected, strict=True)) < 30


def test_strip_shows_the_keyframe_at_or_before_each_time(seconds_video: Path, tmp_path: Path):
    thumbs = VideoThumbnails(tmp_path / "cache")
    assert thumbs.keyframe_times(seconds_video) == (0.0, 1.0, 2.0, 3.0)
    strip = thumbs.strip(seconds_video, 0.0, 4.0, 8, 48)
    assert strip.error is None and strip.times_s == strip_times(0.0, 4.0, 8)
    assert [t.time_s for t in strip.thumbnails] == [0, 0, 1, 1, 2, 2, 3, 3]
    for thumb, expected in zip(strip.thumbnails[::2], (RED, GREEN, BLUE, WHITE), strict=True):
        assert thumb.image.shape == (48, 64, 3) and thumb.image.dtype == np.uint8
        assert _close(bottom_colour(thumb.image), expected), bottom_colour(thumb.image)
        assert read_code(thumb.image) == round(thumb.time_s * 24)  # the keyframe itself


def test_a_cached_thumbnail_needs_no_source_file(seconds_video: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.mp4"
    copy.write_bytes(seconds_video.read_bytes())
    sha = file_sha256(copy)
    first = VideoThumbnails(tmp_path / "cache").thumbnail(copy, 2.5, 60, sha)
    assert first.time_s == 2.0
    files = sorted(p.name for p in (tmp_path / "cache" / sha[:2]).iterdir())
    assert files == [f"{sha}-2000-60-v1.npy", f"{sha}.keyframes-v1.json"]
    copy.unlink()  # a fresh cache object (no memory of the first) answers from disk alone
    again = VideoThumbnails(tmp_path / "cache").thumbnail(copy, 2.9, 60, sha)
    assert again.time_s == 2.0 and np.array_equal(again.image, first.image)
    # Another height is another picture: without the file, that is a clear error.
    with pytest.raises(Exception, match="no such file"):
        VideoThumbnails(tmp_path / "cache").thumbnail(copy, 2.9, 48, sha)


def test_a_torn_cache_entry_is_decoded_again(seconds_video: Path, tmp_path: Path) -> None:
    thumbs = VideoThumbnails(tmp_path / "cache")
    first = thumbs.thumbnail(seconds_video, 1.0, 48)
    entry = next((tmp_path / "cache").rglob("*.npy"))
    entry.write_bytes(entry.read_bytes()[:40])
    again = VideoThumbnails(tmp_path / "cache").thumbnail(seconds_video, 1.0, 48)
    assert np.array_equal(again.image, first.image)


def test_a_phone_video_turned_by_its_display_matrix_shows_upright(tmp_path: Path) -> None:
    """Stored 64x32 landscape with a rotation tag: the thumbnail is portrait, turned the way
    the ffmpeg program turns it (its autorotate is the reference)."""
    plain = write_video(tmp_path / "plain.mp4", 1, size=(64, 32), colour=(0, 0, 255))
    turned = tmp_path / "turned.mp4"
    ff = ["ffmpeg", "-v", "error", "-nostdin", "-y"]
    subprocess.run(
        [*ff, "-i", str(plain), "-c", "copy", "-metadata:s:v:0", "rotate=90", str(turned)],
        check=True,
        timeout=60,
    )
    reference = tmp_path / "reference.png"
    subprocess.run([*ff, "-i", str(turned), "-frames:v", "1", str(reference)], check=True)
    with av.open(str(reference)) as container:
        expected = next(container.decode(video=0)).to_ndarray(format="rgb24")
    assert expected.shape == (64, 32, 3)  # ffmpeg shows it portrait
    image = VideoThumbnails(tmp_path / "cache").thumbnail(turned, 0.0, 64).image
    assert image.shape == (64, 32, 3)
    assert np.abs(image.astype(int) - expected.astype(int)).mean() < 12


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("garbage.mp4", b"not a video at all " * 200, "not a video FFmpeg can read"),
        ("empty.mp4", b"", "not a video FFmpeg can read"),
    ],
)
def test_undecodable_files_give_an_empty_strip_and_words(
    tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    strip = VideoThumbnails(tmp_path / "cache").strip(path, 0, 2, 4, 48)
    assert strip.thumbnails == () and strip.error is not None
    assert str(path) in strip.error and words in strip.error


def test_missing_and_audio_only_files_say_so(tmp_path: Path) -> None:
    thumbs = VideoThumbnails(tmp_path / "cache")
    assert thumbs.strip(tmp_path / "gone.mp4", 0, 1, 2, 48).error == (
        f"{tmp_path / 'gone.mp4'}: no such file"
    )
    sound = tmp_path / "sound.m4a"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
         "sine=frequency=440:duration=1", "-c:a", "aac", str(sound)],
        check=True, timeout=60,
    )  # fmt: skip
    assert thumbs.strip(sound, 0, 1, 2, 48).error == f"{sound}: has no video stream"


def test_a_truncated_video_still_gives_its_first_keyframes(
    seconds_video: Path, tmp_path: Path
) -> None:
    cut = tmp_path / "cut.mp4"
    data = seconds_video.read_bytes()
    cut.write_bytes(data[: len(data) * 2 // 3])
    strip = VideoThumbnails(tmp_path / "cache").strip(cut, 0, 4, 4, 48)
    # The moov atom is at the end of PyAV's MP4s: cut, it cannot be opened at all; either way
    # the answer is words or pictures, never an exception.
    if strip.error is None:
        assert strip.thumbnails and _close(bottom_colour(strip.thumbnails[0].image), RED)
    else:
        assert str(cut) in strip.error


def test_heights_out_of_range_are_refused(seconds_video: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="height"):
        VideoThumbnails(tmp_path / "cache").thumbnail(seconds_video, 0, 4)
