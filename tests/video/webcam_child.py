"""A recording process for the webcam crash tests, killed with SIGKILL by the test.

Usage: python -m tests.video.webcam_child MODE FOLDER COUNTER_FILE
  MODE "engine": loads the project in FOLDER and records a webcam take on its video track while
  it plays on PulseAudio, the engine recording the sound (needs the test services).
  MODE "writer": a webcam take's journal and writer only, fed by the synthetic camera.
COUNTER_FILE is an 8-byte mmap where the child stores how many frames it has handed to the
writer, so the test knows what was lost.
"""

from __future__ import annotations

import mmap
import struct
import sys
import time
from pathlib import Path

from hitrecord_desktop.project.project_store import ProjectStore
from hitrecord_desktop.video import webcam_journal as wj
from hitrecord_desktop.video.frame_source import Frame, SyntheticFrameSource
from hitrecord_desktop.video.webcam_writer import WebcamWriter

FPS = 30


def _counting(counter: mmap.mmap, submit):  # type: ignore[no-untyped-def]
    handed = 0

    def on_frame(frame: Frame, *args) -> bool:  # type: ignore[no-untyped-def]
        nonlocal handed
        accepted = submit(frame, *args)
        if accepted is not False:
            handed += 1
            struct.pack_into("<q", counter, 0, handed)
        return accepted

    return on_frame


def main(argv: list[str]) -> int:
    mode, folder, counter_path = argv[:3]
    folder = Path(folder)
    with open(counter_path, "r+b") as handle:
        counter = mmap.mmap(handle.fileno(), 8)
    source = SyntheticFrameSource(320, 240, FPS)
    if mode == "writer":
        takes = folder / "takes"
        takes.mkdir(parents=True, exist_ok=True)
        data = wj.new_journal(
            take_id="cam-1", project_id="p", track_id="t", position=0, latency_offset=0,
            sample_rate=48_000, sound=wj.SOUND_NONE, audio_file="", width=320, height=240,
            fps=FPS, take_name="",
        )  # fmt: skip
        writer = WebcamWriter(wj.fragments_path(takes, "cam-1"), source.format)
        writer.start()
        wj.write(wj.journal_path(takes, "cam-1"), data)
        t0 = time.monotonic()
        submit = _counting(counter, writer.submit)
        source.start(lambda f: submit(f, f.timestamp - t0), lambda _e: None)
    else:
        from hitrecord_desktop.audio.devices import DeviceChoice
        from hitrecord_desktop.audio.engine import AudioEngine
        from hitrecord_desktop.project.model import TrackKind
        from hitrecord_desktop.video.webcam_take import WebcamOptions, WebcamTakeRecorder

        from ..audio.live_support import file_resolver

        project = ProjectStore(folder).load().project
        camera = next(t for t in project.tracks if t.kind is TrackKind.VIDEO)
        engine = AudioEngine(DeviceChoice("ALSA", "pulse", "pulse", (1, 2), 48_000, 256))
        engine.load(project, file_resolver)
        recorder = WebcamTakeRecorder(engine, source)
        start = recorder.start(WebcamOptions(folder / "takes", camera.id, start=0))
        writer = recorder._writer
        writer.submit = _counting(counter, writer.submit)
        print("start", start, flush=True)
    print("started", flush=True)
    time.sleep(60)
    return 1  # should have been killed long before


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
