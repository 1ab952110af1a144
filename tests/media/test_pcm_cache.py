"""The PCM cache: decoded once, read-only memmap, never a half entry, safe across processes."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
import soundfile

from hitrecord_desktop.media import pcm_cache
from hitrecord_desktop.media.decoding import Cancelled
from hitrecord_desktop.media.pcm_cache import PIPELINE_VERSION, PcmCache
from hitrecord_desktop.media.probe import MediaError
from hitrecord_desktop.project.model import MediaOrigin, MediaRef


@pytest.fixture
def tone(tmp_path: Path) -> Path:
    """3 s of 44.1 kHz stereo noise: long enough for several decode blocks."""
    path = tmp_path / "tone.wav"
    rng = np.random.default_rng(3)
    soundfile.write(path, rng.uniform(-0.5, 0.5, (3 * 44_100, 2)).astype(np.float32), 44_100)
    return path


def entry_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.parent.name != "hashes")


def test_second_import_hits_the_cache(
    tone: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = PcmCache(tmp_path / "cache")
    first = cache.get_or_decode(tone, 48_000)
    assert first.frames.shape == (144_000, 2)
    assert first.path.name == f"{first.sha256}-48000-v{PIPELINE_VERSION}.f32"

    def no_decoding(*args: object, **kwargs: object) -> None:
        raise AssertionError("decoded again")

    monkeypatch.setattr(pcm_cache, "AudioDecoder", no_decoding)
    second = PcmCache(tmp_path / "cache").get_or_decode(tone, 48_000)
    assert second.path == first.path
    np.testing.assert_array_equal(second.frames, first.frames)
    assert second.source == first.source


def test_frames_are_a_read_only_memmap(tone: Path, tmp_path: Path) -> None:
    cached = PcmCache(tmp_path / "cache").get_or_decode(tone, 48_000)
    assert isinstance(cached.frames, np.memmap)
    assert cached.frames.dtype == np.float32
    with pytest.raises(ValueError, match="read-only"):
        cached.frames[0, 0] = 1.0


def test_key_changes_with_rate_and_content(tone: Path, tmp_path: Path) -> None:
    cache = PcmCache(tmp_path / "cache")
    a = cache.get_or_decode(tone, 48_000)
    b = cache.get_or_decode(tone, 44_100)
    assert a.path != b.path and a.sha256 == b.sha256
    assert len(b.frames) == 132_300
    other = tmp_path / "other.wav"
    soundfile.write(other, np.zeros((100, 2), np.float32), 44_100)
    assert cache.get_or_decode(other, 48_000).sha256 != a.sha256


def test_a_crash_mid_write_leaves_no_entry(
    tone: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pcm_cache.convert_blocks

    def dies_after_one_block(*args: object, **kwargs: object):
        blocks = real(*args, **kwargs)
        yield next(blocks)
        raise OSError("disk pulled out")

    monkeypatch.setattr(pcm_cache, "convert_blocks", dies_after_one_block)
    cache = PcmCache(tmp_path / "cache")
    with pytest.raises(OSError, match="disk pulled out"):
        cache.get_or_decode(tone, 48_000)
    assert entry_files(tmp_path / "cache") == []
    monkeypatch.setattr(pcm_cache, "convert_blocks", real)
    assert len(cache.get_or_decode(tone, 48_000).frames) == 144_000


def test_a_half_written_entry_without_its_sidecar_is_not_used(tone: Path, tmp_path: Path) -> None:
    """As a hard kill would leave it: PCM renamed into place, sidecar not yet."""
    cache = PcmCache(tmp_path / "cache")
    cached = cache.get_or_decode(tone, 48_000)
    sidecar = cached.path.with_suffix(".json")
    sidecar.unlink()
    assert cache.lookup(cached.sha256, 48_000) is None
    again = cache.get_or_decode(tone, 48_000)
    assert sidecar.is_file() and len(again.frames) == 144_000
    # A PCM file of the wrong size (a torn write) does not count either.
    with cached.path.open("r+b") as handle:
        handle.truncate(1000)
    assert cache.lookup(cached.sha256, 48_000) is None


def test_progress_and_cancel(tone: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("hitrecord_desktop.media.decoding.BLOCK_FRAMES", 8192)
    cache = PcmCache(tmp_path / "cache")
    seen: list[float] = []
    cache.get_or_decode(tone, 48_000, progress=seen.append)
    assert seen[-1] == 1.0 and len(seen) > 5
    assert seen == sorted(seen) and all(0.0 <= f <= 1.0 for f in seen)

    other = tmp_path / "other.wav"
    soundfile.write(other, np.ones((44_100, 1), np.float32) * 0.1, 44_100)
    token = threading.Event()
    with pytest.raises(Cancelled):
        cache.get_or_decode(other, 48_000, progress=lambda f: f > 0.2 and token.set(), cancel=token)
    assert len(entry_files(tmp_path / "cache")) == 3  # only the tone's entry
    assert cache.get_or_decode(other, 48_000, cancel=lambda: False).channels == 1


def test_pcm_for_a_media_ref(tone: Path, tmp_path: Path) -> None:
    cache = PcmCache(tmp_path / "cache")
    ref = MediaRef(origin=MediaOrigin.FILE, path=str(tone))
    pcm = cache.pcm_for(ref, 48_000)
    assert pcm.shape == (144_000, 2)
    sha = cache.get_or_decode(tone, 48_000).sha256
    assert cache.pcm_for(MediaRef(MediaOrigin.FILE, str(tone), sha256=sha), 48_000).shape[0]
    with pytest.raises(MediaError, match="has changed since it was added"):
        cache.pcm_for(MediaRef(MediaOrigin.FILE, str(tone), sha256="0" * 64), 48_000)


def test_sidecar_describes_the_source(tone: Path, tmp_path: Path) -> None:
    cached = PcmCache(tmp_path / "cache").get_or_decode(tone, 48_000)
    sidecar = json.loads(cached.path.with_suffix(".json").read_text())
    assert sidecar["frames"] == 144_000 and sidecar["channels"] == 2
    assert sidecar["source"]["sample_rate"] == 44_100
    assert sidecar["source"]["decoded_frames"] == 132_300


def test_two_processes_decoding_the_same_file(tone: Path, tmp_path: Path) -> None:
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from hitrecord_desktop.media.pcm_cache import PcmCache\n"
        "c = PcmCache(Path(sys.argv[1])).get_or_decode(sys.argv[2], 48000)\n"
        "print(len(c.frames), float(abs(c.frames).sum()))\n"
    )
    root = tmp_path / "cache"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(root), str(tone)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    outputs = [child.communicate(timeout=60)[0].strip() for child in children]
    assert all(child.returncode == 0 for child in children)
    assert len(set(outputs)) == 1, outputs
    assert len(entry_files(root)) == 3  # .f32, .peaks.npz, .json: no temporaries left
    cached = PcmCache(root).get_or_decode(tone, 48_000)
    assert outputs[0].split()[0] == str(len(cached.frames))


@pytest.mark.parametrize(
    "edit",
    [
        lambda s: s.pop("sample_rate"),
        lambda s: s.update(frames=0),
        lambda s: s.update(source="not an object"),
        lambda s: s.update(channels=6),
        lambda s: s.update(sample_rate=44_100),
    ],
)
def test_a_damaged_sidecar_is_a_miss_decoded_again(tone: Path, tmp_path: Path, edit) -> None:
    cache = PcmCache(tmp_path / "cache")
    first = cache.get_or_decode(tone, 48_000)
    sidecar_path = first.path.with_suffix(".json")
    sidecar = json.loads(sidecar_path.read_text())
    edit(sidecar)
    sidecar_path.write_text(json.dumps(sidecar))
    assert cache.lookup(first.sha256, 48_000) is None
    again = cache.get_or_decode(tone, 48_000)
    np.testing.assert_array_equal(again.frames, first.frames)


def test_a_clip_plays_from_the_cache_when_its_source_file_is_gone(
    tone: Path, tmp_path: Path
) -> None:
    """A downloaded contribution the media cache evicted: its decoded audio still serves."""
    cache = PcmCache(tmp_path / "cache")
    copy = tmp_path / "downloaded.wav"
    copy.write_bytes(tone.read_bytes())
    sha = cache.get_or_decode(copy, 48_000).sha256
    copy.unlink()
    ref = MediaRef(MediaOrigin.CONTRIBUTION, str(copy), sha256=sha)
    assert cache.pcm_for(ref, 48_000).shape == (144_000, 2)
    with pytest.raises(MediaError, match="no such file"):
        cache.pcm_for(MediaRef(MediaOrigin.CONTRIBUTION, str(copy)), 48_000)
