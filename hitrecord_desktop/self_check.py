"""`hitrecord-desktop --self-check`: does this install work? Runs the app's real parts headless,
prints one line per check (ok or FAILED, and why) and exits 0 only if every check passed.

Its purpose is the built bundle: a library PyInstaller missed, a plugin folder not found or a
resource file not copied shows up here as a named failure instead of a crash on an artist's
machine. It runs the same code the app runs (the embedded server as a child process, our
decoder and renderer, the libVLC video player, Qt Multimedia, the translations), on the small
media file shipped in resources/self-check/ (1 s of VP8 video and a -12 dBFS 440 Hz Vorbis
tone, made once with ffmpeg's testsrc2 and aevalsrc sources).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from . import __version__
from .resources_path import resource

MEDIA_FILE = ("self-check", "check.webm")
MEDIA_SECONDS = 1.0
MEDIA_PEAK = 10 ** (-12 / 20)  # the tone's amplitude
REQUIRE_AUDIO_ENV = "HITRECORD_SELF_CHECK_REQUIRE_AUDIO"


class CheckFailed(Exception):
    """A check's own verdict: the message says what was wrong."""


@dataclass(frozen=True)
class Check:
    """One named check: returns a short detail on success, raises on failure."""

    name: str
    run: Callable[[], str]


def run_checks(checks: Sequence[Check], out: TextIO) -> int:
    """Runs every check even after a failure (the whole picture helps), prints a line per
    check and a summary; 0 only when all passed."""
    failed = 0
    for check in checks:
        started = time.perf_counter()
        try:
            detail = check.run()
            verdict = "ok    "
        # Any failure is a verdict, never a crash of the checker: python-vlc even calls
        # sys.exit() when PYTHON_VLC_LIB_PATH names no library.
        except (Exception, SystemExit) as error:
            detail = str(error)
            if not isinstance(error, CheckFailed):
                detail = f"{type(error).__name__}: {detail}"
            verdict = "FAILED"
            failed += 1
        elapsed = time.perf_counter() - started
        print(f"{verdict} {check.name}: {detail} ({elapsed:.2f} s)", file=out, flush=True)
    summary = "all checks passed" if not failed else f"{failed} of {len(checks)} checks FAILED"
    print(f"self-check: {summary}", file=out, flush=True)
    return 1 if failed else 0


def media_file() -> Path:
    path = resource(*MEDIA_FILE)
    if not path.is_file():
        raise CheckFailed(f"the bundled media file is missing: {path}")
    return path


def check_version() -> str:
    if "unknown" in __version__:
        raise CheckFailed(f"no package metadata (version {__version__})")
    frozen = "bundle" if getattr(sys, "frozen", False) else "source"
    return f"HitRecord Desktop {__version__} ({frozen}, Python {sys.version.split()[0]})"


def check_audio_devices(require: bool) -> str:
    from .audio.devices import list_devices, list_host_apis

    devices = list_devices()
    apis = ", ".join(api.name for api in list_host_apis()) or "none"
    inputs = sum(1 for d in devices if d.max_input_channels > 0)
    outputs = sum(1 for d in devices if d.max_output_channels > 0)
    if require and (inputs == 0 or outputs == 0):
        raise CheckFailed(
            f"{inputs} input and {outputs} output devices (host APIs: {apis}); "
            "at least one of each is required"
        )
    found = f"{inputs} input and {outputs} output devices through {apis}"
    return found if devices else "no audio device found (allowed: no device was required)"


def check_local_server() -> str:
    from .api.client import PlatformClient
    from .local_community import LocalCommunity

    with tempfile.TemporaryDirectory(prefix="hitrecord-self-check-") as folder:
        community = LocalCommunity(Path(folder) / "server", Path(folder) / "server.log")
        try:
            community.start(timeout=60)
        except Exception as error:
            log = Path(folder) / "server.log"
            tail = log.read_text(errors="replace")[-600:] if log.exists() else ""
            raise CheckFailed(f"{error}\n{tail}") from None
        try:
            with PlatformClient(community.url, community.token) as client:
                info = client.health()
        finally:
            community.stop()
    if info.status != "ok":
        raise CheckFailed(f"/health says {info.status!r}")
    return f"started, /health says {info.status} (server {info.version}), stopped"


def decoded_audio(path: Path, sample_rate: int) -> tuple[int, float, object]:
    """(frames, peak, pcm) of the file's audio through our decoder, at `sample_rate`."""
    import numpy as np

    from .media.decoding import AudioDecoder, convert_blocks

    with AudioDecoder(path) as decoder:
        blocks = list(convert_blocks(decoder.blocks(), decoder.info, sample_rate))
    pcm = np.concatenate(blocks) if blocks else np.zeros((0, 2), np.float32)
    return len(pcm), float(np.abs(pcm).max()) if len(pcm) else 0.0, pcm


def check_decoding() -> str:
    from .media.probe import probe

    path = media_file()
    info = probe(path)
    frames, peak, _ = decoded_audio(path, info.sample_rate)
    seconds = frames / info.sample_rate
    if abs(seconds - MEDIA_SECONDS) > 0.05 or abs(peak - MEDIA_PEAK) > 0.05:
        raise CheckFailed(
            f"decoded {seconds:.3f} s peaking at {peak:.3f}, expected 1 s at {MEDIA_PEAK:.3f}"
        )
    return f"{path.name}: {seconds:.3f} s of {info.channels}-channel audio, peak {peak:.3f}"


def check_render() -> str:
    import soundfile as sf

    from .mixing.offline_render import render_project
    from .project.model import Clip, MediaOrigin, MediaRef, Project, Track

    path = media_file()
    project = Project(title="self-check")
    frames, _, pcm = decoded_audio(path, project.sample_rate)
    media = MediaRef(MediaOrigin.FILE, str(path), frames=frames)
    # The clip starts half a second in, at -6 dB: the mix must show both.
    offset = project.sample_rate // 2
    clip = Clip(media, position=offset, trim_in=0, trim_out=frames, gain_db=-6.0)
    project.tracks.append(Track("tone", clips=[clip]))
    with tempfile.TemporaryDirectory(prefix="hitrecord-self-check-") as folder:
        out = Path(folder) / "mix.wav"
        report = render_project(project, lambda _ref: pcm, out)
        mix, rate = sf.read(out, dtype="float32")
    expected = offset + frames
    head = float(abs(mix[:offset]).max())
    peak = float(abs(mix).max())
    want = MEDIA_PEAK * 10 ** (-6 / 20)
    if len(mix) != expected or head > 1e-6 or abs(peak - want) > 0.03:
        raise CheckFailed(
            f"mix of {len(mix)} frames (expected {expected}), silence before the clip "
            f"{head:.2g}, peak {peak:.3f} (expected {want:.3f})"
        )
    return (
        f"{len(mix) / rate:.2f} s WAV at {rate} Hz, peak {peak:.3f}, "
        f"{report.integrated_lufs:.1f} LUFS"
    )


def check_libvlc() -> str:
    import threading

    from .video.video_player import FAILED, READY, VideoEvent, VideoPlayer

    try:
        import vlc
    except (ImportError, OSError) as error:
        raise CheckFailed(f"libVLC is not available: {error}") from None
    seen: list[VideoEvent] = []
    done = threading.Event()

    def on_event(event: VideoEvent) -> None:
        seen.append(event)
        if event.state in (READY, FAILED):
            done.set()

    player = VideoPlayer(on_event)
    try:
        player.open(media_file())
        if not done.wait(15):
            raise CheckFailed(f"no picture in 15 s (states: {[e.state for e in seen]})")
        if seen[-1].state == FAILED:
            raise CheckFailed(f"the video player failed: {seen[-1].message}")
        shown = seen[-1]
    finally:
        player.close()
    version = vlc.libvlc_get_version().decode(errors="replace")
    return f"libVLC {version} showed a {shown.width}x{shown.height} picture"


def check_qt_multimedia() -> str:
    from .self_check_qt import check_qt_multimedia as check

    return check(media_file())


def check_translations() -> str:
    from .self_check_qt import check_translations as check

    return check()


def check_app_icon() -> str:
    from .self_check_qt import check_app_icon as check

    return check()


def check_self_contained() -> str:
    """In a bundle, every Python module loaded so far (by all the checks above) came from the
    bundle itself: nothing leaked in from a venv or the system's Python. (Shiboken's embedded
    support modules name relative files that exist nowhere: they are skipped.)"""
    bundle = getattr(sys, "_MEIPASS", None)
    if not getattr(sys, "frozen", False) or not bundle:
        return "not a bundle: modules come from this Python's environment"
    root = Path(bundle).resolve()
    outside = sorted(
        f"{name} ({where})"
        for name, module in list(sys.modules.items())
        if (where := getattr(module, "__file__", None))
        and Path(where).is_absolute()
        and not Path(where).resolve().is_relative_to(root)
    )
    if outside:
        raise CheckFailed(f"{len(outside)} modules from outside {root}: {', '.join(outside[:3])}")
    return f"{len(sys.modules)} modules loaded, all from {root}"


def all_checks(require_audio: bool) -> list[Check]:
    return [
        Check("version", check_version),
        Check("audio devices", lambda: check_audio_devices(require_audio)),
        Check("embedded server", check_local_server),
        Check("media decoding", check_decoding),
        Check("render", check_render),
        Check("libVLC", check_libvlc),
        Check("Qt Multimedia", check_qt_multimedia),
        Check("translations", check_translations),
        Check("app icon", check_app_icon),
        Check("self-contained", check_self_contained),  # last: after the others' imports
    ]


def run(require_audio: bool = False, out: TextIO = sys.stdout) -> int:
    """The `--self-check` entry point: headless unless QT_QPA_PLATFORM names a platform."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window: works without a screen
    require = require_audio or os.environ.get(REQUIRE_AUDIO_ENV) == "1"
    return run_checks(all_checks(require), out)
