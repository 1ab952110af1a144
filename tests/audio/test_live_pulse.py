"""The live engine on PulseAudio: placement in each of 10 fresh streams, a device removed
mid-take."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from hitrecord_desktop.audio.devices import DeviceChoice
from hitrecord_desktop.audio.engine import AudioEngine, RecordOptions

from .live_support import RATE, click_project, file_resolver, find_bursts, needs_pulse, take_audio

pytestmark = needs_pulse

CLICKS = [24_000, 48_000, 72_000]
STREAMS = 10


def _placement_round(engine: AudioEngine, tmp_path: Path) -> list[tuple]:
    rows = []
    for _ in range(STREAMS):
        rt = engine.start_recording(RecordOptions(folder=tmp_path, start=0))
        time.sleep(2.2)
        recorded = engine.stop_recording()
        audio = take_audio(recorded.result.path)[:, 0]
        found = find_bursts(audio, len(CLICKS))
        errors = [recorded.take.clip.position + at - c for at, c in zip(found, CLICKS, strict=True)]
        rows.append((rt.source, engine.probe_results, rt.candidates.get("reported"), errors))
        print(rows[-1])
    return rows


def test_take_lands_within_48_samples_in_each_of_10_fresh_streams(tmp_path: Path) -> None:
    """Now and then PulseAudio changes a stream's latency after the pre-roll has measured it
    (seen: three probes agreeing on 3184 samples, the take then 144 samples late; the engine
    cannot see a change it is not told of). One such round of 10 is given a second chance;
    two in a row fail."""
    engine = AudioEngine(DeviceChoice("ALSA", "pulse", "pulse", (1, 2), RATE, 256))
    # The project ends in 1 s of silence: a click played at the end of one stream can arrive
    # at the start of the next.
    project = click_project(tmp_path, CLICKS, 2.6)
    engine.load(project, file_resolver)
    for _round in range(2):
        rows = _placement_round(engine, tmp_path)
        assert all(source == "stream-probe" for source, *_ in rows), rows
        if max(abs(e) for *_, errors in rows for e in errors) <= 48:
            return
        print("a stream's latency moved after its pre-roll; measuring 10 fresh streams again")
    raise AssertionError(f"placement off by more than 48 samples in two rounds: {rows}")


REMOVAL_CHILD = r"""
import sys, time
from pathlib import Path
from hitrecord_desktop.audio.devices import DeviceChoice
from hitrecord_desktop.audio.engine import AudioEngine, RecordOptions
folder = Path(sys.argv[1])
engine = AudioEngine(DeviceChoice("ALSA", "pulse", "pulse", (1, 2), 48000, 256))
engine.start_recording(RecordOptions(folder=folder, start=0, measure_round_trip=False))
time.sleep(1.0)
print("RECORDING", engine._rec.frames, flush=True)
sys.stdin.readline()  # the test unloads the sink now
deadline = time.monotonic() + 5
error = None
while time.monotonic() < deadline and error is None:
    error = engine.health(stall_s=0.5)
    time.sleep(0.05)
print("HEALTH", error, flush=True)
recorded = engine.stop_recording()
print("KEPT", recorded.result.frames, recorded.result.state, recorded.result.path, flush=True)
print("ERROR", recorded.error, flush=True)
"""


def test_device_removed_mid_take_keeps_the_take(tmp_path: Path) -> None:
    """A private PulseAudio server whose null sink is unloaded while a take records."""
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(run), PULSE_SERVER=f"unix:{run}/pulse/native")
    env["HOME"] = str(tmp_path)
    server = subprocess.Popen(
        ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--disallow-exit",
         "-L", "module-native-protocol-unix auth-anonymous=1",
         "-L", "module-null-sink sink_name=gone rate=48000 channels=2",
         "-L", "module-remap-source master=gone.monitor source_name=gonemic"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            if subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode == 0:
                break
            time.sleep(0.1)
        subprocess.run(["pactl", "set-default-sink", "gone"], env=env, check=True)
        subprocess.run(["pactl", "set-default-source", "gonemic"], env=env, check=True)
        child = subprocess.Popen(
            [sys.executable, "-c", REMOVAL_CHILD, str(tmp_path)],
            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        line = child.stdout.readline()
        assert line.startswith("RECORDING"), line
        modules = subprocess.run(
            ["pactl", "list", "short", "modules"], env=env, capture_output=True, text=True
        ).stdout
        for row in modules.splitlines():
            if "module-remap-source" in row or "module-null-sink" in row:
                subprocess.run(["pactl", "unload-module", row.split()[0]], env=env)
        child.stdin.write("\n")
        child.stdin.flush()
        out, _ = child.communicate(timeout=30)
        print(line + out)
        assert child.returncode == 0, out
        lines = dict(row.split(" ", 1) for row in out.splitlines() if " " in row)
        assert lines["HEALTH"] != "None"
        frames = int(lines["KEPT"].split()[0])
        assert frames > RATE // 2  # what was recorded before the removal is kept
        assert Path(lines["KEPT"].split()[2]).exists()
    finally:
        server.terminate()
        server.wait(10)
